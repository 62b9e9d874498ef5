/* decision_common: what the handlers of decisions, measures, work lists, transfers and ending
 * share (docs/DECISIONS.md): the Decision and Measure JSON shapes, the "staying current" flags as
 * JSON, and loading a decision or measure together with its case under need-to-know. */
#ifndef SCHILD_DECISION_COMMON_H
#define SCHILD_DECISION_COMMON_H

#include "api/api.h"
#include "core/decision.h"

/* The Measure shape. */
json_t *measure_to_json(const measure_record *m);
/* The Decision shape; "measures" only when with_measures (decision_get filled them). */
json_t *decision_to_json(const decision_record *d, bool with_measures);
/* ["assessment_expired", ...] of a flag set (case_flags). */
json_t *flags_to_json(unsigned flags);
/* The flags of a case's facts as of the request's day. */
unsigned decision_case_flags(request *r, const case_currency *cc);
/* The catalogue answer of GET /api/v1/measures/catalogue. */
json_t *catalogue_to_json(const decision_config *cfg);

/* Loads case case_id and answers 404 (audited with action, object_type, object_id) itself when
 * it does not exist or is not visible. */
bool decision_case_visible(request *r, int64_t case_id, const char *action, const char *object_type,
                           int64_t object_id, case_record *c);

/* Whether the body's "version" (when an integer) differs from current: answers 409 itself. */
bool decision_version_stale(request *r, json_t *body, int64_t current, const char *what);

/* Validates body against a field table and answers 400/422 itself; true when valid. */
bool decision_fields_valid(request *r, json_t *body, const field_spec *spec, size_t count);

/* The flags of case case_id (currency_get inside the caller's transaction; 0 when none). */
db_status decision_case_flags_load(storage *s, request *r, int64_t case_id, unsigned *flags);

/* The conflicts of interest of a case's persons with the authority that would decide
 * (decision_authority_check per person; employer kinds from the organisation register). */
typedef struct conflict_list {
    size_t count;
    authority_conflict *items; /* in the request's arena */
} conflict_list;

/* Inside the caller's transaction: fills *out afresh (count 0 when there is none). */
db_status decision_conflicts_load(storage *s, request *r, const case_record *c,
                                  const authority_choice *choice, conflict_list *out);
/* 409 authority_conflict with the extension member "conflicts": [{"person_id", "employer_org"}]. */
void reply_authority_conflict(request *r, const conflict_list *l);

/* Today of the request as days and as text (Dutch calendar date). */
int64_t decision_today(const request *r);
const char *decision_day_text(request *r, int64_t days);

#endif

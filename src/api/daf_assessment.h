/* daf_assessment: what the threat assessment handlers share (docs/DAF.md, "Threat
 * assessments"): loading an assessment with its case under need-to-know, the analyst-only rule,
 * and the JSON shape with its diff. Whoever sees the case reads its assessments; writing them is
 * for the analysts on the case (others who see the case get 403); a case the viewer does not see
 * answers 404, as for one that does not exist (docs/AUTHORISATION.md). */
#ifndef SCHILD_DAF_ASSESSMENT_H
#define SCHILD_DAF_ASSESSMENT_H

#include "api/daf_common.h"

/* Loads assessment r->id and its case for action. Answers the problem itself (audited) and
 * returns false when the assessment does not exist or its case is not visible (404), when the
 * body's "version" is stale (409) or, for a write, when the viewer is not an analyst (403).
 * body is NULL for reads. final: when not NULL, also the case's current final assessment (id 0
 * when there is none). */
bool assessment_load(request *r, json_t *body, const char *action, assessment_record *a,
                     case_record *c, assessment_record *final);

/* Whether the viewer's organisation may write (and so review) product p: configuration, by
 * default an RA only by the AIVD. Answers 403 (audited; the detail names the organisations,
 * verb is "written" or "reviewed") and returns false when not. */
bool assessment_may_author(request *r, product p, const char *verb, const char *action,
                           const char *object_type, int64_t object_id);

/* The Assessment shape of docs/DAF.md. today: YYYY-MM-DD (for "expired"). */
json_t *assessment_to_json(const assessment_record *a, const daf_config *cfg, const char *today);

/* Adds "diff_against" and "diff" to o (the JSON of a): a field-by-field comparison with the
 * case's current final assessment; none when final is NULL or a is that final. */
void assessment_add_diff(json_t *o, const assessment_record *a, const assessment_record *final,
                         const daf_config *cfg, const char *today);

/* Extra writes of an assessment action, run first inside its transaction (e.g. approval
 * supersedes the previous final and moves the case). May change *a (restored on a retry). */
typedef db_status (*assessment_hook)(storage *s, request *r, assessment_record *a, void *ctx);

/* Writes *a (version-checked against a->version) after hook in one transaction with the audit
 * entry (action, object the assessment, detail), then reads it back into *a. Answers 409 when
 * a version check fails, 503/500 on storage failure; true when committed. */
bool assessment_commit(request *r, assessment_record *a, const char *action, const char *detail,
                       assessment_hook hook, void *hook_ctx);

#endif

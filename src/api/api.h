/* api: the endpoint handlers, one file per resource and verb, and the helpers they share.
 * Every handler follows one contract, in this order: parse the body against its field table ->
 * load what it acts on and check need-to-know (404) -> check the version (409) -> check the role
 * (403) -> check meaning (422/409) -> run one transaction that writes the change and its audit
 * entry together -> reply. Reads reply only after their audit entry is durable. */
#ifndef SCHILD_API_H
#define SCHILD_API_H

#include "core/audit_chain.h"
#include "http/json_input.h"
#include "http/reply.h"
#include "http/request.h"
#include "http/router.h"
#include "http/server.h"

/* The route table (routes.c). */
extern const route API_ROUTES[];
extern const size_t API_ROUTE_COUNT;

void api_health_get(request *r);
void api_openapi_get(request *r);
void api_session_create(request *r);
void api_session_get(request *r);
void api_session_delete(request *r);
/* The second factor (session_totp.c): enrolment, confirmation, and the check at login (ERR_OK
 * when the user needs none or gave a valid code, which is then used up). */
void api_session_totp_enrol(request *r);
void api_session_totp_confirm(request *r);
schild_err api_login_second_factor(request *r, const user_row *u, const char *code,
                                   const char *recovery);
void api_orgs_list(request *r);
void api_cases_create(request *r);
void api_cases_list(request *r);
void api_cases_get(request *r);
void api_cases_triage(request *r);
void api_cases_information(request *r);
void api_persons_get(request *r);
void api_signals_create(request *r);
void api_signals_list(request *r);
void api_release_request(request *r);
void api_release_list(request *r);
void api_release_decide(request *r);
void api_actors_create(request *r);
void api_actors_list(request *r);
void api_actors_get(request *r);
void api_search(request *r);
void api_gathering_create(request *r);
void api_gathering_list(request *r);
void api_orders_create(request *r);
void api_assessments_create(request *r);
void api_assessments_list(request *r);
void api_assessments_get(request *r);
void api_assessments_update(request *r);
void api_assessments_submit(request *r);
void api_assessments_approve(request *r);
void api_assessments_reject(request *r);
void api_daf_queue(request *r);
void api_daf_settings(request *r);
void api_objects_create(request *r);
void api_objects_list(request *r);
void api_objects_get(request *r);
void api_services_create(request *r);
void api_services_list(request *r);
void api_services_get(request *r);
void api_decision_letter(request *r);
/* Decisions, measures, work lists, transfers, ending, the limitative list (docs/DECISIONS.md). */
void api_decisions_create(request *r);
void api_decisions_list(request *r);
void api_decisions_get(request *r);
void api_measures_update(request *r);
void api_measures_list(request *r);
void api_measures_catalogue(request *r);
void api_worklist(request *r);
void api_cases_transfer(request *r);
void api_cases_end(request *r);
void api_limitative_list(request *r);
void api_limitative_create(request *r);
/* Oversight: the privacy officer's and the inspector's views (oversight.c, oversight_figures.c;
 * docs/OVERSIGHT.md). */
void api_oversight_access(request *r);
void api_oversight_disclosures(request *r);
void api_oversight_gathering(request *r);
void api_oversight_figures(request *r);
void api_oversight_audit(request *r);
/* The audit view's action filter: an action or a prefix ending in a dot, [a-z0-9._]{1,64}. */
bool oversight_action_valid(const char *s);

/* Body validation of the write routes, apart so that the fuzz targets reach them. */
void cases_create_validate(json_t *body, int64_t today, validation *v);
void cases_triage_validate(json_t *body, validation *v);
/* A signal as POST /cases/{id}/signals and `schild signal import` take it (daf_signals.c).
 * Checks shape and vocabulary only; whether subjects exist is checked against storage. */
void signal_validate(json_t *body, int64_t today, validation *v);
/* The signal record of a validated body (strings in a). */
/* Break-glass (break_glass.c, docs/OVERSIGHT.md). */
void api_break_glass_open(request *r);
void api_break_glass_list(request *r);
void api_break_glass_review(request *r);
/* When the viewer's access to case c rests on a live break-glass grant: adds "break_glass"
 * {id, expires_at} to the case's JSON and "break-glass #<id>" as the read's purpose. Answers false
 * after replying a storage failure itself. */
bool break_glass_mark_read(request *r, const case_record *c, json_t *body, audit_entry *e);
/* The viewer's live grants for GET /session: [{id, case_id, case_reference, expires_at}]; NULL
 * after replying a storage failure itself. */
json_t *break_glass_of_viewer(request *r);

void signal_from_json(json_t *body, arena *a, signal_record *out);
/* An assessment body (daf_assessments.c): create and update (with_version). */
void assessment_validate(json_t *body, bool with_version, validation *v);
/* Object and service bodies (objects.c, services.c); whether a municipality exists is checked
 * against storage. */
void objects_validate(json_t *body, validation *v);
void services_validate(json_t *body, validation *v);
/* A decision (decisions.c), a measure's move (measures.c), a transfer (cases_transfer.c), the end
 * of protection (cases_end.c) and an addition to the limitative list (limitative.c). */
void decisions_validate(json_t *body, int64_t today, validation *v);
void measures_patch_validate(json_t *body, validation *v);
void cases_transfer_validate(json_t *body, validation *v);
void cases_end_validate(json_t *body, int64_t today, validation *v);
void limitative_validate(json_t *body, int64_t today, validation *v);
/* Break-glass: opening ({"reason"}) and the privacy officer's review (break_glass.c). */
void break_glass_open_validate(json_t *body, validation *v);
void break_glass_review_validate(json_t *body, validation *v);

/* Helpers (api_common.c). */

/* Reads the JSON object body; answers 415/400/413 itself and returns false on failure. */
bool api_body(request *r, json_t **obj);
/* Answers the validation problem (400 unknown_field or 422) and returns false when v has any. */
bool api_valid(request *r, validation *v);
/* As api_valid for query parameters: problems there are 400 bad_request. */
bool api_valid_query(request *r, validation *v);

/* An audit entry for this request's viewer (anonymous when not logged in). */
audit_entry api_audit_entry(request *r, const char *action, const char *object_type,
                            int64_t object_id, const char *outcome);
/* Makes the reply already prepared wait until e is durable in the audit trail (group commit;
 * the connection is suspended meanwhile, no thread waits). If the trail cannot be written the
 * reply becomes 503 and discloses nothing. */
void api_audit_before_reply(request *r, const audit_entry *e);
/* Answers 404 for an object the viewer may not see, exactly as for one that does not exist, and
 * records the attempt ("denied" or "not_found"). */
void api_deny_not_found(request *r, const char *action, const char *object_type, int64_t id,
                        const char *outcome);
/* Answers 403 and records the denied attempt. */
void api_deny_forbidden(request *r, const char *action, const char *object_type, int64_t id,
                        const char *detail);

/* JSON of the domain records (case_json.c). */
json_t *case_to_json(const case_record *c, bool full);
json_t *person_to_json(const person_record *p, bool full);
json_t *event_to_json(const case_event *e, bool with_case);
json_t *viewer_to_json(const viewer *v, const char *org_name);

#endif

/* cases_information: POST /api/v1/cases/{id}/information, the referrer answers triage's question
 * and the case is back in the queue. */
#include "api/cases_common.h"

#include "core/access.h"
#include "core/triage.h"

static const field_spec information_fields[] = {
    {"text", FIELD_TEXT_LONG, true, 1, MAX_TEXT_LEN, NULL},
    {"version", FIELD_INT, true, 1, INT64_MAX, NULL},
};

void api_cases_information(request *r)
{
    json_t *body;
    if (!api_body(r, &body))
        return;
    case_record c;
    validation v;
    validation_init(&v);
    if (case_load_for_action(r, body, "case.information", EVENT_SUPPLY_INFORMATION, &c)) {
        validation_check(&v, body, information_fields, 2, "");
        if (!access_may_supply_information(&r->viewer, &c)) {
            api_deny_forbidden(r, "case.information", "case", c.id,
                               "Only the referring organisation or triage answers.");
        } else if (!api_valid(r, &v)) {
            /* answered */
        } else if (triage_supply_information(&c, r->now) != ERR_OK) {
            reply_problem(r, ERR_INVALID_TRANSITION, "No question is waiting for an answer.");
        } else {
            case_event event = {.at = r->now,
                                .event = lifecycle_event_name(EVENT_SUPPLY_INFORMATION),
                                .actor_username = r->viewer.username,
                                .actor_org = r->viewer.org,
                                .text = arena_strdup(&r->arena, json_text(body, "text"))};
            if (case_commit_action(r, &c, "case.information", &event, NULL, 0, NULL))
                reply_json(r, 200, case_to_json(&c, true));
        }
    }
    validation_clear(&v);
    json_decref(body);
}

/* cases_triage: POST /api/v1/cases/{id}/triage. Triage decides the domain: national (authority
 * NCTV), local (authority the district's chief prosecutor), no government measures (closed), or
 * a question back to the referrer. Exactly one authority is set, in the same transaction as the
 * status change. */
#include "api/cases_common.h"
#include "api/decision_common.h"

#include "core/triage.h"

#include <string.h>

static const char *const outcomes[] = {"national", "local", "no_measures", "more_information",
                                       NULL};

static const field_spec triage_fields[] = {
    {"outcome", FIELD_ENUM, true, 0, 0, outcomes},
    {"district", FIELD_ENUM, false, 0, 0, DISTRICTS},
    {"reasoning", FIELD_TEXT_LONG, true, 1, MAX_TEXT_LEN, NULL},
    {"version", FIELD_INT, true, 1, INT64_MAX, NULL},
    /* conflicts of interest of the authority (docs/DECISIONS.md) */
    {"authority_district", FIELD_ENUM, false, 0, 0, DISTRICTS},
    {"nctv_advice", FIELD_TEXT_LONG, false, 0, MAX_TEXT_LEN, NULL},
};
enum { TRIAGE_FIELD_COUNT = sizeof triage_fields / sizeof triage_fields[0] };

void cases_triage_validate(json_t *body, validation *v)
{
    validation_check(v, body, triage_fields, TRIAGE_FIELD_COUNT, "");
    bool local = strcmp(json_text(body, "outcome"), "local") == 0;
    json_t *district = json_object_get(body, "district");
    bool has_district = district && !json_is_null(district);
    if (local && !has_district)
        validation_add(v, "district", "is required when the outcome is local");
    else if (!local && has_district)
        validation_add(v, "district", "is only allowed when the outcome is local");
    json_t *other = json_object_get(body, "authority_district");
    if (!local && other && !json_is_null(other))
        validation_add(v, "authority_district", "is only allowed when the outcome is local");
}

typedef struct conflict_ctx {
    request *r;
    const case_record *c;
    authority_choice choice;
    conflict_list conflicts;
} conflict_ctx;

static db_status conflict_body(storage *s, void *arg)
{
    conflict_ctx *k = arg;
    return decision_conflicts_load(s, k->r, k->c, &k->choice, &k->conflicts);
}

/* Whether the authority triage chose has no conflict of interest with a person of the case
 * (docs/DECISIONS.md). Persons and their employers do not change after the referral, so a read
 * before the commit suffices; the case's version check guards the rest. Answers 409 itself. */
static bool authority_free(request *r, const case_record *c, const char *authority,
                           const char *nctv_advice)
{
    conflict_ctx k = {.r = r, .c = c, .choice = {authority, nctv_advice}};
    db_status st = storage_transact(r->app->db, TX_READ, conflict_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return false;
    }
    if (k.conflicts.count == 0)
        return true;
    reply_authority_conflict(r, &k.conflicts);
    return false;
}

/* Validates the body, applies the outcome through the lifecycle table and commits it with its
 * timeline event, team members and audit entry. Answers every outcome itself. */
static void triage_case(request *r, json_t *body, case_record *c, triage_outcome outcome)
{
    validation v;
    validation_init(&v);
    cases_triage_validate(body, &v);
    bool valid = api_valid(r, &v);
    validation_clear(&v);
    if (!valid)
        return;
    const char *reasoning = arena_strdup(&r->arena, json_text(body, "reasoning"));
    const char *district = arena_strdup(&r->arena, json_text(body, "district"));
    const char *other = json_text(body, "authority_district");
    const char *nctv_advice = arena_strdup(&r->arena, json_text(body, "nctv_advice"));
    triage_result result;
    schild_err err =
        triage_decide_with(c, outcome, district, *other ? arena_strdup(&r->arena, other) : NULL,
                           reasoning, r->now, &r->viewer, &result);
    if (err != ERR_OK) {
        reply_problem(r, err,
                      c->awaiting_information && outcome == TRIAGE_MORE_INFORMATION
                          ? "The referrer has not answered the previous question yet."
                          : "Only a case waiting for triage can be triaged.");
        return;
    }
    if (result.authority[0] && !authority_free(r, c, result.authority, nctv_advice))
        return;
    case_event event = {.at = r->now,
                        .event = result.event,
                        .actor_username = r->viewer.username,
                        .actor_org = r->viewer.org,
                        .text = *nctv_advice ? arena_printf(&r->arena, "%s\nNCTV advice: %s",
                                                            reasoning, nctv_advice)
                                             : reasoning};
    const char *detail = arena_printf(&r->arena, "outcome=%s", triage_outcome_name(outcome));
    if (case_commit_action(r, c, "case.triage", &event, result.members, result.member_count,
                           detail))
        reply_json(r, 200, case_to_json(c, true));
}

void api_cases_triage(request *r)
{
    json_t *body;
    if (!api_body(r, &body))
        return;
    triage_outcome outcome = triage_outcome_parse(json_text(body, "outcome"));
    /* Every outcome is the triage role's; an unknown one is refused by validation below. */
    lifecycle_event ev =
        lifecycle_event_for_triage(outcome == TRIAGE_NONE ? TRIAGE_NATIONAL : outcome);
    case_record c;
    if (case_load_for_action(r, body, "case.triage", ev, &c))
        triage_case(r, body, &c, outcome);
    json_decref(body);
}

/* cases_transfer: POST /api/v1/cases/{id}/transfer, a case moves between the national and the
 * local domain (docs/DECISIONS.md, "Transfers"). Domain, authority and the analysis function
 * change as at triage (triage_authority_for), after the same check on conflicts of interest;
 * former team members stay, so the former authority can inform the new one. Measures and the
 * decision in force continue (flag previous_authority) until the new authority decides. */
#include "api/decision_common.h"

#include "core/triage.h"

#include <string.h>

static const char *const domain_values[] = {"national", "local", NULL};

void cases_transfer_validate(json_t *body, validation *v)
{
    const field_spec fields[] = {
        {"to", FIELD_ENUM, true, 0, 0, domain_values},
        {"district", FIELD_ENUM, false, 0, 0, DISTRICTS},
        {"reasoning", FIELD_TEXT_LONG, true, 1, MAX_TEXT_LEN, NULL},
        {"authority_district", FIELD_ENUM, false, 0, 0, DISTRICTS},
        {"nctv_advice", FIELD_TEXT_LONG, false, 0, MAX_TEXT_LEN, NULL},
        {"version", FIELD_INT, true, 1, INT64_MAX, NULL},
    };
    validation_check(v, body, fields, sizeof fields / sizeof fields[0], "");
    bool local = strcmp(json_text(body, "to"), "local") == 0;
    bool has_district = *json_text(body, "district") != '\0';
    if (local && !has_district)
        validation_add(v, "district", "is required for a transfer to the local domain");
    else if (!local && has_district)
        validation_add(v, "district", "is only allowed for a transfer to the local domain");
    if (!local && *json_text(body, "authority_district"))
        validation_add(v, "authority_district",
                       "is only allowed for a transfer to the local domain");
}

typedef struct transfer_ctx {
    request *r;
    int64_t asked_version;
    case_domain to;
    const char *district, *authority_district, *reasoning, *nctv_advice;
    case_record c;
    triage_result team;
    conflict_list conflicts;
    unsigned flags;
    schild_err refusal;
    const char *detail;
} transfer_ctx;

static db_status refuse(transfer_ctx *k, schild_err err, const char *detail)
{
    k->refusal = err;
    k->detail = detail;
    return DB_REFUSED;
}

static db_status check_case(transfer_ctx *k)
{
    case_status st = k->c.status;
    if (st != STATUS_ASSESSMENT && st != STATUS_DECISION && st != STATUS_PROTECTION)
        return refuse(k, ERR_INVALID_TRANSITION,
                      "Only a case in status assessment, decision or protection is transferred.");
    if (k->c.domain == k->to)
        return refuse(k, ERR_INVALID_TRANSITION, "The case is in that domain already.");
    if (triage_authority_for(k->to, k->district, k->authority_district, &k->team) != ERR_OK)
        return refuse(k, ERR_VALIDATION_FAILED, "The district is not an OM district.");
    return DB_ONE;
}

static const char *event_text(transfer_ctx *k, const char *from_domain, const char *from_org)
{
    request *r = k->r;
    const char *text = arena_printf(&r->arena, "from %s (%s) to %s (%s): %s", from_domain,
                                    from_org ? from_org : "-", case_domain_name(k->to),
                                    k->team.authority, k->reasoning);
    if (*k->nctv_advice)
        text = arena_printf(&r->arena, "%s\nNCTV advice: %s", text, k->nctv_advice);
    return text;
}

static db_status write_transfer(storage *s, transfer_ctx *k)
{
    request *r = k->r;
    const char *from_domain = case_domain_name(k->c.domain);
    const char *from_org = k->c.authority_org;
    k->c.domain = k->to;
    k->c.authority_org = k->team.authority;
    k->c.updated_at = r->now;
    db_status st = s->ops->case_update(s, &k->c);
    if (st == DB_NONE)
        return refuse(k, ERR_VERSION_CONFLICT,
                      "The case was changed by someone else; reload it and try again.");
    if (st < 0)
        return st;
    for (size_t i = 0; i < k->team.member_count; i++)
        if ((st = s->ops->case_team_add(s, k->c.id, &k->team.members[i])) < 0)
            return st;
    case_event e = {.at = r->now,
                    .event = "transfer",
                    .actor_username = r->viewer.username,
                    .actor_org = r->viewer.org,
                    .text = event_text(k, from_domain ? from_domain : "-", from_org)};
    return s->ops->case_event_add(s, k->c.id, &e);
}

static db_status transfer_body(storage *s, void *arg)
{
    transfer_ctx *k = arg;
    request *r = k->r;
    k->refusal = ERR_OK;
    k->conflicts.count = 0;
    db_status st = s->ops->case_get(s, &r->arena, r->id, &k->c);
    if (st <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    if (k->c.version != k->asked_version)
        return refuse(k, ERR_VERSION_CONFLICT,
                      "The case was changed by someone else; reload it and try again.");
    if ((st = check_case(k)) != DB_ONE)
        return st;
    authority_choice choice = {k->team.authority, k->nctv_advice};
    if ((st = decision_conflicts_load(s, r, &k->c, &choice, &k->conflicts)) < 0)
        return st;
    if (k->conflicts.count)
        return refuse(k, ERR_AUTHORITY_CONFLICT, NULL);
    if ((st = write_transfer(s, k)) < 0 || st == DB_REFUSED)
        return st;
    int64_t id = k->c.id;
    if ((st = s->ops->case_get(s, &r->arena, id, &k->c)) <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    if ((st = decision_case_flags_load(s, r, id, &k->flags)) < 0)
        return st;
    audit_entry e = api_audit_entry(r, "case.transfer", "case", id, "ok");
    e.detail =
        arena_printf(&r->arena, "to=%s authority=%s", case_domain_name(k->to), k->team.authority);
    return s->ops->audit_append(s, &e, 1);
}

static void transfer(request *r, json_t *body)
{
    validation v;
    validation_init(&v);
    cases_transfer_validate(body, &v);
    bool valid = api_valid(r, &v);
    validation_clear(&v);
    if (!valid)
        return;
    const char *authority_district = json_text(body, "authority_district");
    transfer_ctx k = {
        .r = r,
        .asked_version = json_integer_value(json_object_get(body, "version")),
        .to = case_domain_parse(json_text(body, "to")),
        .district = arena_strdup(&r->arena, json_text(body, "district")),
        .authority_district =
            *authority_district ? arena_strdup(&r->arena, authority_district) : NULL,
        .reasoning = arena_strdup(&r->arena, json_text(body, "reasoning")),
        .nctv_advice = arena_strdup(&r->arena, json_text(body, "nctv_advice")),
    };
    db_status st = storage_transact(r->app->db, TX_WRITE, transfer_body, &k);
    if (st == DB_REFUSED) {
        if (k.refusal == ERR_AUTHORITY_CONFLICT)
            reply_authority_conflict(r, &k.conflicts);
        else
            reply_problem(r, k.refusal, k.detail);
        return;
    }
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    json_t *o = case_to_json(&k.c, true);
    json_object_set_new(o, "flags", flags_to_json(k.flags));
    reply_json(r, 200, o);
}

/* A triage officer who sees the case, or the current authority. */
static bool may_transfer(const viewer *v, const case_record *c)
{
    return v->role == ROLE_TRIAGE || decision_may_decide(v, c);
}

void api_cases_transfer(request *r)
{
    json_t *body;
    if (!api_body(r, &body))
        return;
    case_record c;
    if (decision_case_visible(r, r->id, "case.transfer", "case", r->id, &c) &&
        !decision_version_stale(r, body, c.version, "case")) {
        if (!may_transfer(&r->viewer, &c))
            api_deny_forbidden(r, "case.transfer", "case", c.id,
                               "Only triage or the case's authority transfers a case.");
        else
            transfer(r, body);
    }
    json_decref(body);
}

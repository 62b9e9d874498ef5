/* cases_end: POST /api/v1/cases/{id}/end, the authority ends protection deliberately
 * (docs/DECISIONS.md, "Ending"): every open measure ends, the decision in force becomes ended,
 * the case closes and an aftercare contact is scheduled, in one transaction with the audit
 * entry. */
#include "api/decision_common.h"

#include "core/lifecycle.h"
#include "core/validate.h"

enum { MAX_AFTERCARE_DAYS = 366 };

static const field_spec end_fields[] = {
    {"reasoning", FIELD_TEXT_LONG, true, 1, MAX_TEXT_LEN, NULL},
    {"aftercare_date", FIELD_DATE, false, 0, 0, NULL},
    {"version", FIELD_INT, true, 1, INT64_MAX, NULL},
};

void cases_end_validate(json_t *body, int64_t today, validation *v)
{
    validation_check(v, body, end_fields, sizeof end_fields / sizeof end_fields[0], "");
    int64_t day;
    if (date_parse(json_text(body, "aftercare_date"), &day) &&
        (day < today || day > today + MAX_AFTERCARE_DAYS))
        validation_add(v, "aftercare_date", "must lie between today and a year ahead");
}

typedef struct end_ctx {
    request *r;
    int64_t asked_version;
    const char *reasoning;
    const char *aftercare_on;
    case_record c;
    unsigned flags;
    size_t ended;
    schild_err refusal;
    const char *detail;
} end_ctx;

static db_status refuse(end_ctx *k, schild_err err, const char *detail)
{
    k->refusal = err;
    k->detail = detail;
    return DB_REFUSED;
}

static db_status add_event(storage *s, end_ctx *k, const char *event, const char *text)
{
    case_event e = {.at = k->r->now,
                    .event = event,
                    .actor_username = k->r->viewer.username,
                    .actor_org = k->r->viewer.org,
                    .text = text};
    return s->ops->case_event_add(s, k->c.id, &e);
}

static db_status end_measures(storage *s, end_ctx *k)
{
    measure_record *items;
    size_t n;
    db_status st = s->ops->measure_list_case(s, &k->r->arena, k->c.id, &items, &n);
    if (st < 0)
        return st;
    for (size_t i = 0; i < n; i++) {
        measure_record *m = &items[i];
        if (m->status == MSTATUS_ENDED)
            continue;
        m->status = MSTATUS_ENDED;
        m->ended_at = k->r->now;
        m->note = "Protection ended";
        if ((st = s->ops->measure_update(s, m, k->r->viewer.user_id)) == DB_NONE)
            return refuse(k, ERR_VERSION_CONFLICT,
                          "A measure was changed meanwhile; reload and try again.");
        if (st < 0)
            return st;
        const char *text = arena_printf(&k->r->arena, "%s (%s): protection ended",
                                        measure_type_name(m->type), m->executor_org);
        if ((st = add_event(s, k, "measure_ended", text)) < 0)
            return st;
        k->ended++;
    }
    return DB_ONE;
}

static db_status end_decision(storage *s, end_ctx *k)
{
    decision_record d;
    db_status st = s->ops->decision_in_force(s, &k->r->arena, k->c.id, &d);
    if (st <= 0)
        return st;
    d.status = DSTATUS_ENDED;
    if ((st = s->ops->decision_update(s, &d)) == DB_NONE)
        return refuse(k, ERR_VERSION_CONFLICT,
                      "The decision was changed meanwhile; reload and try again.");
    return st;
}

/* protection -> closed (end_protection); a case still waiting for its decision closes as a
 * decision without measures would. */
static db_status close_case(end_ctx *k)
{
    case_state state = {k->c.status, k->c.awaiting_information};
    lifecycle_event ev =
        state.status == STATUS_DECISION ? EVENT_DECIDE_NO_MEASURES : EVENT_END_PROTECTION;
    if (lifecycle_apply(&state, ev) != ERR_OK)
        return refuse(k, ERR_INVALID_TRANSITION,
                      "Only a case under protection (or waiting for its decision) is ended.");
    k->c.status = state.status;
    k->c.updated_at = k->r->now;
    return DB_ONE;
}

static db_status end_body(storage *s, void *arg)
{
    end_ctx *k = arg;
    request *r = k->r;
    k->ended = 0;
    k->refusal = ERR_OK;
    db_status st = s->ops->case_get(s, &r->arena, r->id, &k->c);
    if (st <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    if (k->c.version != k->asked_version)
        return refuse(k, ERR_VERSION_CONFLICT,
                      "The case was changed by someone else; reload it and try again.");
    if ((st = close_case(k)) != DB_ONE || (st = end_measures(s, k)) != DB_ONE)
        return st;
    if ((st = end_decision(s, k)) < 0 || st == DB_REFUSED)
        return st;
    if ((st = s->ops->case_update(s, &k->c)) == DB_NONE)
        return refuse(k, ERR_VERSION_CONFLICT,
                      "The case was changed by someone else; reload it and try again.");
    if (st < 0 || (st = add_event(s, k, "protection_ended", k->reasoning)) < 0)
        return st;
    if ((st = s->ops->aftercare_insert(s, k->c.id, k->aftercare_on, r->now)) < 0)
        return st;
    int64_t id = k->c.id;
    if ((st = s->ops->case_get(s, &r->arena, id, &k->c)) <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    if ((st = decision_case_flags_load(s, r, id, &k->flags)) < 0)
        return st;
    audit_entry e = api_audit_entry(r, "case.end", "case", id, "ok");
    e.detail =
        arena_printf(&r->arena, "measures_ended=%zu aftercare=%s", k->ended, k->aftercare_on);
    return s->ops->audit_append(s, &e, 1);
}

static void end_case(request *r, json_t *body)
{
    validation v;
    validation_init(&v);
    cases_end_validate(body, decision_today(r), &v);
    bool valid = api_valid(r, &v);
    validation_clear(&v);
    if (!valid)
        return;
    end_ctx k = {.r = r,
                 .asked_version = json_integer_value(json_object_get(body, "version")),
                 .reasoning = arena_strdup(&r->arena, json_text(body, "reasoning")),
                 .aftercare_on = arena_strdup(&r->arena, json_text(body, "aftercare_date"))};
    if (!k.aftercare_on || !*k.aftercare_on)
        k.aftercare_on = decision_day_text(r, decision_today(r) + r->app->decisions.aftercare_days);
    db_status st = storage_transact(r->app->db, TX_WRITE, end_body, &k);
    if (st == DB_REFUSED) {
        reply_problem(r, k.refusal, k.detail);
        return;
    }
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    json_t *o = case_to_json(&k.c, true);
    json_object_set_new(o, "flags", flags_to_json(k.flags));
    json_object_set_new(o, "aftercare_date", json_string(k.aftercare_on));
    reply_json(r, 200, o);
}

void api_cases_end(request *r)
{
    json_t *body;
    if (!api_body(r, &body))
        return;
    case_record c;
    if (decision_case_visible(r, r->id, "case.end", "case", r->id, &c) &&
        !decision_version_stale(r, body, c.version, "case")) {
        if (!decision_may_decide(&r->viewer, &c))
            api_deny_forbidden(r, "case.end", "case", c.id,
                               "Only the case's authority ends protection.");
        else
            end_case(r, body);
    }
    json_decref(body);
}

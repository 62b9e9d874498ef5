/* measures: execution of the decided measures (docs/DECISIONS.md, "Execution").
 * PATCH /api/v1/measures/{id} moves a measure planned -> active -> suspended -> active ... ->
 * ended, by a unit_lead of the executing organisation; GET /api/v1/cases/{id}/measures lists a
 * visible case's measures; GET /api/v1/measures/catalogue answers the catalogue and packages. */
#include "api/decision_common.h"

#include <string.h>

enum { MAX_NOTE_LEN = 2000 };

static const char *const status_values[] = {"planned", "active", "suspended", "ended", NULL};

static const field_spec measure_patch_fields[] = {
    {"status", FIELD_ENUM, true, 0, 0, status_values},
    {"note", FIELD_TEXT_LONG, false, 0, MAX_NOTE_LEN, NULL},
    {"version", FIELD_INT, true, 1, INT64_MAX, NULL},
};

void measures_patch_validate(json_t *body, validation *v)
{
    validation_check(v, body, measure_patch_fields,
                     sizeof measure_patch_fields / sizeof measure_patch_fields[0], "");
}

/* ---- PATCH ---- */

typedef struct patch_ctx {
    request *r;
    int64_t asked_version;
    measure_status to;
    const char *note;
    measure_record m;
    schild_err refusal;
} patch_ctx;

static void stamp(measure_record *m, measure_status to, const char *now)
{
    switch (to) {
    case MSTATUS_ACTIVE:
        m->activated_at = now;
        break;
    case MSTATUS_SUSPENDED:
        m->suspended_at = now;
        break;
    case MSTATUS_ENDED:
        m->ended_at = now;
        break;
    default:
        m->planned_at = now;
        break;
    }
}

static db_status patch_body(storage *s, void *arg)
{
    patch_ctx *k = arg;
    request *r = k->r;
    k->refusal = ERR_OK;
    db_status st = s->ops->measure_get(s, &r->arena, r->id, &k->m);
    if (st <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    if (k->m.version != k->asked_version) {
        k->refusal = ERR_VERSION_CONFLICT;
        return DB_REFUSED;
    }
    if (measure_transition_allowed(k->m.status, k->to) != ERR_OK) {
        k->refusal = ERR_INVALID_TRANSITION;
        return DB_REFUSED;
    }
    measure_status from = k->m.status;
    k->m.status = k->to;
    stamp(&k->m, k->to, r->now);
    if (k->note)
        k->m.note = k->note;
    if ((st = s->ops->measure_update(s, &k->m, r->viewer.user_id)) == DB_NONE) {
        k->refusal = ERR_VERSION_CONFLICT;
        return DB_REFUSED;
    }
    if (st < 0)
        return st;
    case_event e = {.at = r->now,
                    .event = arena_printf(&r->arena, "measure_%s", measure_status_name(k->to)),
                    .actor_username = r->viewer.username,
                    .actor_org = r->viewer.org,
                    .text = arena_printf(&r->arena, "%s (%s): %s -> %s%s%s",
                                         measure_type_name(k->m.type), k->m.executor_org,
                                         measure_status_name(from), measure_status_name(k->to),
                                         k->note && *k->note ? ": " : "", k->note ? k->note : "")};
    if ((st = s->ops->case_event_add(s, k->m.case_id, &e)) < 0)
        return st;
    int64_t id = k->m.id;
    if ((st = s->ops->measure_get(s, &r->arena, id, &k->m)) <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    audit_entry a = api_audit_entry(r, "measure.update", "measure", id, "ok");
    a.detail = arena_printf(&r->arena, "case=%lld status=%s", (long long)k->m.case_id,
                            measure_status_name(k->to));
    return s->ops->audit_append(s, &a, 1);
}

typedef struct measure_ctx {
    request *r;
    measure_record m;
} measure_ctx;

static db_status load_measure(storage *s, void *arg)
{
    measure_ctx *k = arg;
    return s->ops->measure_get(s, &k->r->arena, k->r->id, &k->m);
}

/* Loads measure r->id and checks that its case is visible (404, audited). */
static bool measure_load_visible(request *r, const char *action, measure_record *m)
{
    measure_ctx k = {.r = r};
    db_status st = storage_transact(r->app->db, TX_READ, load_measure, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return false;
    }
    if (st == DB_NONE) {
        api_deny_not_found(r, action, "measure", r->id, "not_found");
        return false;
    }
    case_record c;
    if (!decision_case_visible(r, k.m.case_id, action, "measure", r->id, &c))
        return false;
    *m = k.m;
    return true;
}

static void patch(request *r, json_t *body, const measure_record *m)
{
    if (!decision_fields_valid(r, body, measure_patch_fields,
                               sizeof measure_patch_fields / sizeof measure_patch_fields[0]))
        return;
    patch_ctx k = {.r = r,
                   .asked_version = json_integer_value(json_object_get(body, "version")),
                   .to = measure_status_parse(json_text(body, "status"))};
    if (json_object_get(body, "note") && !json_is_null(json_object_get(body, "note")))
        k.note = arena_strdup(&r->arena, json_text(body, "note"));
    if (measure_transition_allowed(m->status, k.to) != ERR_OK) {
        reply_problem(r, ERR_INVALID_TRANSITION,
                      arena_printf(&r->arena, "A measure that is %s cannot become %s.",
                                   measure_status_name(m->status), measure_status_name(k.to)));
        return;
    }
    db_status st = storage_transact(r->app->db, TX_WRITE, patch_body, &k);
    if (st == DB_REFUSED)
        reply_problem(r, k.refusal,
                      k.refusal == ERR_VERSION_CONFLICT
                          ? "The measure was changed by someone else; reload it and try again."
                          : "That move is not allowed from the measure's current status.");
    else if (st < 0)
        reply_storage_failure(r, st);
    else
        reply_json(r, 200, measure_to_json(&k.m));
}

void api_measures_update(request *r)
{
    json_t *body;
    if (!api_body(r, &body))
        return;
    measure_record m;
    if (measure_load_visible(r, "measure.update", &m) &&
        !decision_version_stale(r, body, m.version, "measure")) {
        if (!measure_may_execute(&r->viewer, &m))
            api_deny_forbidden(r, "measure.update", "measure", m.id,
                               "Only a unit lead of the executing organisation moves a measure.");
        else
            patch(r, body, &m);
    }
    json_decref(body);
}

/* ---- GET /cases/{id}/measures ---- */

typedef struct list_ctx {
    request *r;
    measure_record *items;
    size_t count;
} list_ctx;

static db_status list_body(storage *s, void *arg)
{
    list_ctx *k = arg;
    return s->ops->measure_list_case(s, &k->r->arena, k->r->id, &k->items, &k->count);
}

void api_measures_list(request *r)
{
    case_record c;
    if (!decision_case_visible(r, r->id, "measure.list", "case", r->id, &c))
        return;
    list_ctx k = {.r = r};
    db_status st = storage_transact(r->app->db, TX_READ, list_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < k.count; i++)
        json_array_append_new(items, measure_to_json(&k.items[i]));
    audit_entry e = api_audit_entry(r, "measure.list", "case", c.id, "ok");
    reply_json(r, 200, json_pack("{s:o}", "items", items));
    api_audit_before_reply(r, &e);
}

/* ---- GET /measures/catalogue: configuration, no personal data, not audited ---- */

void api_measures_catalogue(request *r)
{
    reply_json(r, 200, catalogue_to_json(&r->app->decisions));
}

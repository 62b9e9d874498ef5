/* daf_gathering: information gathering within the law. Every act about a person or actor is
 * recorded with method, legal basis, duration and justification; its intrusion is summed over a
 * sliding window, and an act that would take the total past the "geringe inbreuk" threshold is
 * refused (409 intrusion_threshold, audited) until a prosecutor's order is in force
 * (docs/DAF.md). The check and the insert run in one write transaction, so two concurrent acts
 * cannot both slip under the threshold. */
#include "api/daf_common.h"

#include "core/access.h"
#include "core/daf_config.h"

#include <stdio.h>
#include <string.h>

enum { MAX_LEGAL_BASIS = 500, MAX_DURATION_DAYS = 365, MAX_ORDER_DAYS = 366 };

static subject_kind path_kind(const request *r)
{
    return strncmp(r->path, "/api/v1/subjects/actor/", 23) == 0 ? SUBJECT_ACTOR : SUBJECT_PERSON;
}

/* The subject, its label and whether the viewer can see it. */
typedef struct subject_ctx {
    request *r;
    subject_kind kind;
    int64_t id;
    const char *label;
    bool visible;
} subject_ctx;

static db_status load_person_subject(storage *s, subject_ctx *k)
{
    person_record p;
    db_status st = s->ops->person_get(s, &k->r->arena, k->id, &p);
    if (st <= 0)
        return st;
    case_record *cases;
    size_t n;
    if ((st = s->ops->person_cases(s, &k->r->arena, k->id, &cases, &n)) < 0)
        return st;
    for (size_t i = 0; i < n && !k->visible; i++)
        k->visible = access_case_visible(&k->r->viewer, &cases[i]);
    k->label = arena_printf(&k->r->arena, "%s %s%s%s", p.given_names, p.surname_prefix,
                            *p.surname_prefix ? " " : "", p.surname);
    return DB_ONE;
}

static db_status load_actor_subject(storage *s, subject_ctx *k)
{
    actor_record a;
    db_status st = s->ops->actor_get(s, &k->r->arena, k->id, &a);
    if (st <= 0)
        return st;
    case_record *cases;
    size_t n;
    if ((st = s->ops->actor_cases(s, &k->r->arena, k->id, &cases, &n)) < 0)
        return st;
    k->visible = daf_actor_visible(&k->r->viewer, cases, n);
    k->label = a.name;
    return DB_ONE;
}

static db_status load_subject(storage *s, subject_ctx *k)
{
    k->visible = false;
    return k->kind == SUBJECT_ACTOR ? load_actor_subject(s, k) : load_person_subject(s, k);
}

static db_status load_subject_tx(storage *s, void *arg)
{
    return load_subject(s, arg);
}

/* Loads the subject of the path; answers 404 (audited) itself when not visible. */
static bool subject_load_visible(request *r, const char *action, subject_ctx *k)
{
    *k = (subject_ctx){.r = r, .kind = path_kind(r), .id = r->id};
    db_status st = storage_transact(r->app->db, TX_READ, load_subject_tx, k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return false;
    }
    if (st == DB_NONE || !k->visible) {
        api_deny_not_found(r, action, subject_kind_name(k->kind), r->id,
                           st == DB_NONE ? "not_found" : "denied");
        return false;
    }
    return true;
}

static json_t *subject_json(const subject_ctx *k)
{
    return json_pack("{s:s, s:I, s:s}", "kind", subject_kind_name(k->kind), "id", (json_int_t)k->id,
                     "label", k->label ? k->label : "");
}

static json_t *act_to_json(const gathering_act *g)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(g->id));
    json_object_set_new(o, "method", json_string(gathering_method_name(g->method)));
    json_object_set_new(o, "legal_basis", json_string(g->legal_basis ? g->legal_basis : ""));
    json_object_set_new(o, "duration_days", json_integer(g->duration_days));
    json_object_set_new(o, "justification", json_string(g->justification ? g->justification : ""));
    json_object_set_new(o, "intrusion", json_integer(g->intrusion));
    json_object_set_new(o, "order_id", g->order_id ? json_integer(g->order_id) : json_null());
    json_object_set_new(o, "recorded_by", who_to_json(g->recorded_by_username, g->recorded_by_org));
    json_object_set_new(o, "recorded_at", json_string(g->recorded_at ? g->recorded_at : ""));
    return o;
}

static json_t *order_to_json(const gathering_order *o)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(o->id));
    json_object_set_new(j, "scope", json_string(o->scope ? o->scope : ""));
    json_object_set_new(j, "until", json_string(o->until ? o->until : ""));
    json_object_set_new(j, "reasoning", json_string(o->reasoning ? o->reasoning : ""));
    json_object_set_new(j, "recorded_by", who_to_json(o->recorded_by_username, o->recorded_by_org));
    json_object_set_new(j, "recorded_at", json_string(o->recorded_at ? o->recorded_at : ""));
    return j;
}

/* The first day of the sliding window that ends today. */
static const char *window_start(request *r)
{
    return daf_day_text(r, 1 - (int64_t)r->app->daf.intrusion_window_days);
}

/* ---- POST .../gathering ---- */

static const char *const methods[] = {"open_source_check",
                                      "police_records_check",
                                      "neighbourhood_inquiry",
                                      "camera_review",
                                      "observation",
                                      "social_media_monitoring",
                                      NULL};

static const field_spec act_fields[] = {
    {"method", FIELD_ENUM, true, 0, 0, methods},
    {"legal_basis", FIELD_TEXT, true, 1, MAX_LEGAL_BASIS, NULL},
    {"duration_days", FIELD_INT, true, 1, MAX_DURATION_DAYS, NULL},
    {"justification", FIELD_TEXT_LONG, true, 1, MAX_TEXT_LEN, NULL},
};

typedef struct act_ctx {
    request *r;
    subject_ctx *subject;
    gathering_act act;
    int64_t total; /* within the window, before (refused) or after (recorded) this act */
} act_ctx;

static db_status act_body(storage *s, void *arg)
{
    act_ctx *k = arg;
    request *r = k->r;
    const char *today = daf_today_text(r);
    db_status st = s->ops->gathering_total(s, k->act.subject_kind, k->act.subject_id,
                                           window_start(r), &k->total);
    if (st < 0)
        return st;
    int64_t order_id = 0;
    if ((st = s->ops->order_in_force(s, k->act.subject_kind, k->act.subject_id, today, &order_id)) <
        0)
        return st;
    if (daf_gathering_allowed(&r->app->daf, k->total, k->act.intrusion, order_id != 0) != ERR_OK)
        return DB_REFUSED;
    k->act.order_id = order_id;
    if ((st = s->ops->gathering_insert(s, &k->act)) < 0)
        return st;
    k->total += k->act.intrusion;
    audit_entry e = api_audit_entry(r, "gathering.create", subject_kind_name(k->act.subject_kind),
                                    k->act.subject_id, "ok");
    e.detail = arena_printf(&r->arena, "act=%lld method=%s intrusion=%lld total=%lld order=%lld",
                            (long long)k->act.id, gathering_method_name(k->act.method),
                            (long long)k->act.intrusion, (long long)k->total, (long long)order_id);
    return s->ops->audit_append(s, &e, 1);
}

static void refuse_threshold(request *r, const act_ctx *k)
{
    char detail[256];
    snprintf(detail, sizeof detail,
             "This act (intrusion %lld) would take the total of the last %d days from %lld past "
             "the threshold of %d; a prosecutor's order is required.",
             (long long)k->act.intrusion, r->app->daf.intrusion_window_days, (long long)k->total,
             r->app->daf.intrusion_threshold);
    audit_entry e = api_audit_entry(r, "gathering.create", subject_kind_name(k->act.subject_kind),
                                    k->act.subject_id, "refused");
    e.detail = arena_printf(&r->arena, "method=%s intrusion=%lld total=%lld threshold=%d",
                            gathering_method_name(k->act.method), (long long)k->act.intrusion,
                            (long long)k->total, r->app->daf.intrusion_threshold);
    reply_problem_members(r, ERR_INTRUSION_THRESHOLD, detail,
                          json_pack("{s:I, s:I, s:i, s:i}", "intrusion",
                                    (json_int_t)k->act.intrusion, "total", (json_int_t)k->total,
                                    "threshold", r->app->daf.intrusion_threshold, "window_days",
                                    r->app->daf.intrusion_window_days));
    api_audit_before_reply(r, &e);
}

static void record_act(request *r, json_t *body, subject_ctx *subject)
{
    act_ctx k = {.r = r, .subject = subject};
    gathering_method m = gathering_method_parse(json_text(body, "method"));
    int64_t days = json_integer_value(json_object_get(body, "duration_days"));
    k.act =
        (gathering_act){.subject_kind = subject->kind,
                        .subject_id = subject->id,
                        .method = m,
                        .legal_basis = arena_strdup(&r->arena, json_text(body, "legal_basis")),
                        .duration_days = days,
                        .justification = arena_strdup(&r->arena, json_text(body, "justification")),
                        .intrusion = daf_intrusion(&r->app->daf, m, days),
                        .recorded_by = r->viewer.user_id,
                        .recorded_by_username = r->viewer.username,
                        .recorded_by_org = r->viewer.org,
                        .recorded_at = r->now,
                        .recorded_on = daf_today_text(r)};
    db_status st = storage_transact(r->app->db, TX_WRITE, act_body, &k);
    if (st == DB_REFUSED) {
        refuse_threshold(r, &k);
        return;
    }
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    reply_json(r, 201,
               json_pack("{s:o, s:I, s:i}", "act", act_to_json(&k.act), "total",
                         (json_int_t)k.total, "threshold", r->app->daf.intrusion_threshold));
}

void api_gathering_create(request *r)
{
    json_t *body;
    if (!api_body(r, &body))
        return;
    validation v;
    validation_init(&v);
    validation_check(&v, body, act_fields, sizeof act_fields / sizeof act_fields[0], "");
    bool valid = api_valid(r, &v);
    validation_clear(&v);
    subject_ctx subject;
    if (valid && subject_load_visible(r, "gathering.create", &subject)) {
        if (!daf_may_gather(&r->viewer))
            api_deny_forbidden(r, "gathering.create", subject_kind_name(subject.kind), r->id, NULL);
        else
            record_act(r, body, &subject);
    }
    json_decref(body);
}

/* ---- GET .../gathering ---- */

typedef struct list_ctx {
    request *r;
    subject_ctx subject;
    gathering_act *acts;
    size_t act_count;
    gathering_order *orders;
    size_t order_count;
    int64_t total, order_in_force;
} list_ctx;

static db_status list_body(storage *s, void *arg)
{
    list_ctx *k = arg;
    request *r = k->r;
    subject_kind kind = k->subject.kind;
    int64_t id = k->subject.id;
    db_status st;
    if ((st = s->ops->gathering_list(s, &r->arena, kind, id, &k->acts, &k->act_count)) < 0 ||
        (st = s->ops->order_list(s, &r->arena, kind, id, &k->orders, &k->order_count)) < 0 ||
        (st = s->ops->order_in_force(s, kind, id, daf_today_text(r), &k->order_in_force)) < 0)
        return st;
    /* The running total from the acts just read (as gathering_total sums them). */
    const char *since = window_start(r);
    k->total = 0;
    for (size_t i = 0; i < k->act_count; i++)
        if (k->acts[i].recorded_on && strcmp(k->acts[i].recorded_on, since) >= 0)
            k->total += k->acts[i].intrusion;
    return DB_ONE;
}

static bool may_view_gathering(const viewer *v)
{
    return v->role == ROLE_ANALYST || v->role == ROLE_UNIT_LEAD || v->role == ROLE_AUTHORITY ||
           v->role == ROLE_PRIVACY_OFFICER;
}

static json_t *gathering_json(const list_ctx *k, const daf_config *cfg)
{
    json_t *acts = json_array(), *orders = json_array(), *in_force = json_null();
    for (size_t i = 0; i < k->act_count; i++)
        json_array_append_new(acts, act_to_json(&k->acts[i]));
    for (size_t i = 0; i < k->order_count; i++) {
        json_array_append_new(orders, order_to_json(&k->orders[i]));
        if (k->orders[i].id == k->order_in_force) {
            json_decref(in_force);
            in_force = order_to_json(&k->orders[i]);
        }
    }
    return json_pack("{s:o, s:o, s:o, s:I, s:i, s:i, s:o}", "subject", subject_json(&k->subject),
                     "acts", acts, "orders", orders, "total", (json_int_t)k->total, "threshold",
                     cfg->intrusion_threshold, "window_days", cfg->intrusion_window_days,
                     "order_in_force", in_force);
}

void api_gathering_list(request *r)
{
    list_ctx k = {.r = r};
    if (!subject_load_visible(r, "gathering.read", &k.subject))
        return;
    if (!may_view_gathering(&r->viewer)) {
        api_deny_forbidden(r, "gathering.read", subject_kind_name(k.subject.kind), r->id, NULL);
        return;
    }
    db_status st = storage_transact(r->app->db, TX_READ, list_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    audit_entry e =
        api_audit_entry(r, "gathering.read", subject_kind_name(k.subject.kind), r->id, "ok");
    reply_json(r, 200, gathering_json(&k, &r->app->daf));
    api_audit_before_reply(r, &e);
}

/* ---- POST .../orders ---- */

static const field_spec order_fields[] = {
    {"scope", FIELD_TEXT_LONG, true, 1, MAX_LEGAL_BASIS, NULL},
    {"until", FIELD_DATE, true, 0, 0, NULL},
    {"reasoning", FIELD_TEXT_LONG, true, 1, MAX_TEXT_LEN, NULL},
};

typedef struct order_ctx {
    request *r;
    gathering_order order;
    const char *org_kind;
} order_ctx;

static db_status org_kind_body(storage *s, void *arg)
{
    order_ctx *k = arg;
    org_row org;
    db_status st = s->ops->org_get(s, &k->r->arena, k->r->viewer.org, &org);
    if (st > 0)
        k->org_kind = org.kind;
    return st;
}

static db_status order_body(storage *s, void *arg)
{
    order_ctx *k = arg;
    db_status st = s->ops->order_insert(s, &k->order);
    if (st <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    audit_entry e =
        api_audit_entry(k->r, "gathering.order", subject_kind_name(k->order.subject_kind),
                        k->order.subject_id, "ok");
    e.detail =
        arena_printf(&k->r->arena, "order=%lld until=%s", (long long)k->order.id, k->order.until);
    return s->ops->audit_append(s, &e, 1);
}

/* The order must run from today to at most a year ahead. */
static void check_until(request *r, json_t *body, validation *v)
{
    int64_t until;
    if (!date_parse(json_text(body, "until"), &until))
        return;
    if (until < daf_today(r))
        validation_add(v, "until", "must not be in the past");
    else if (until > daf_today(r) + MAX_ORDER_DAYS)
        validation_add(v, "until", "must be at most a year ahead");
}

static void record_order(request *r, json_t *body, const subject_ctx *subject)
{
    order_ctx k = {.r = r};
    db_status st = storage_transact(r->app->db, TX_READ, org_kind_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    if (!daf_may_order(&r->viewer, k.org_kind)) {
        api_deny_forbidden(r, "gathering.order", subject_kind_name(subject->kind), subject->id,
                           "Only the authority role of a public prosecutor's office records "
                           "orders.");
        return;
    }
    k.order = (gathering_order){.subject_kind = subject->kind,
                                .subject_id = subject->id,
                                .scope = arena_strdup(&r->arena, json_text(body, "scope")),
                                .until = arena_strdup(&r->arena, json_text(body, "until")),
                                .reasoning = arena_strdup(&r->arena, json_text(body, "reasoning")),
                                .recorded_by = r->viewer.user_id,
                                .recorded_by_username = r->viewer.username,
                                .recorded_by_org = r->viewer.org,
                                .recorded_at = r->now};
    if ((st = storage_transact(r->app->db, TX_WRITE, order_body, &k)) < 0) {
        reply_storage_failure(r, st);
        return;
    }
    reply_json(r, 201, order_to_json(&k.order));
}

void api_orders_create(request *r)
{
    json_t *body;
    if (!api_body(r, &body))
        return;
    validation v;
    validation_init(&v);
    validation_check(&v, body, order_fields, sizeof order_fields / sizeof order_fields[0], "");
    check_until(r, body, &v);
    bool valid = api_valid(r, &v);
    validation_clear(&v);
    subject_ctx subject;
    if (valid && subject_load_visible(r, "gathering.order", &subject))
        record_order(r, body, &subject);
    json_decref(body);
}

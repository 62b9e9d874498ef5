/* daf_actors: threat actors (persons, groups, organisations). Analysts see every actor, others
 * the actors linked to a case they can see; an actor page lists the linked cases the viewer can
 * see and counts the others, so that the link is never silently hidden. */
#include "api/daf_common.h"

#include "core/access.h"

#include <string.h>

enum { MAX_DESCRIPTION = 2000 };

static const char *const actor_kinds[] = {"person", "group", "organisation", NULL};

static const field_spec actor_fields[] = {
    {"kind", FIELD_ENUM, true, 0, 0, actor_kinds},
    {"name", FIELD_TEXT, true, 1, MAX_NAME_LEN, NULL},
    {"description", FIELD_TEXT_LONG, false, 0, MAX_DESCRIPTION, NULL},
};

typedef struct create_ctx {
    request *r;
    actor_record act;
} create_ctx;

static db_status create_body(storage *s, void *arg)
{
    create_ctx *k = arg;
    db_status st = s->ops->actor_insert(s, &k->act);
    if (st <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    audit_entry e = api_audit_entry(k->r, "actor.create", "actor", k->act.id, "ok");
    return s->ops->audit_append(s, &e, 1);
}

void api_actors_create(request *r)
{
    json_t *body;
    if (!api_body(r, &body))
        return;
    validation v;
    validation_init(&v);
    validation_check(&v, body, actor_fields, sizeof actor_fields / sizeof actor_fields[0], "");
    bool valid = api_valid(r, &v);
    validation_clear(&v);
    if (valid && !daf_may_record_signal(&r->viewer)) {
        api_deny_forbidden(r, "actor.create", "actor", 0, NULL);
    } else if (valid) {
        create_ctx k = {
            .r = r,
            .act = {.kind = actor_kind_parse(json_text(body, "kind")),
                    .name = arena_strdup(&r->arena, json_text(body, "name")),
                    .description = arena_strdup(&r->arena, json_text(body, "description")),
                    .created_by_org = r->viewer.org,
                    .created_at = r->now}};
        db_status st = storage_transact(r->app->db, TX_WRITE, create_body, &k);
        if (st < 0)
            reply_storage_failure(r, st);
        else
            reply_json(r, 201, actor_to_json(&k.act));
    }
    json_decref(body);
}

/* ---- GET /api/v1/actors ---- */

typedef struct list_ctx {
    request *r;
    const char *prefix;
    int64_t page, per_page, total;
    actor_record *actors;
    size_t count;
} list_ctx;

static db_status list_body(storage *s, void *arg)
{
    list_ctx *k = arg;
    return s->ops->actor_list(s, &k->r->arena, k->prefix, k->page, k->per_page, &k->actors,
                              &k->count, &k->total);
}

void api_actors_list(request *r)
{
    static const char *const allowed[] = {"q", "page", "per_page", NULL};
    const char *unknown, *s;
    if (!request_query_only(r, allowed, &unknown)) {
        reply_problem(r, ERR_BAD_REQUEST, "Unknown or repeated query parameter.");
        return;
    }
    if (r->viewer.role != ROLE_ANALYST) {
        reply_problem(r, ERR_FORBIDDEN, "The actor register is for analysts.");
        return;
    }
    list_ctx k = {.r = r, .prefix = "", .page = 1, .per_page = DEFAULT_PAGE_SIZE};
    validation v;
    validation_init(&v);
    if ((s = request_query(r, "q")) && !text_valid(s, 0, MAX_NAME_LEN, false))
        validation_add(&v, "q", "must be at most 200 characters of text");
    else if (s)
        k.prefix = s;
    if ((s = request_query(r, "page")) && !int_parse(s, 1, 1000000, &k.page))
        validation_add(&v, "page", "must be an integer from 1 to 1000000");
    if ((s = request_query(r, "per_page")) && !int_parse(s, 1, MAX_PAGE_SIZE, &k.per_page))
        validation_add(&v, "per_page", "must be an integer from 1 to 100");
    bool valid = api_valid_query(r, &v);
    validation_clear(&v);
    if (!valid)
        return;
    db_status st = storage_transact(r->app->db, TX_READ, list_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < k.count; i++)
        json_array_append_new(items, actor_to_json(&k.actors[i]));
    json_t *body = json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)k.total,
                             "page", (json_int_t)k.page, "per_page", (json_int_t)k.per_page);
    audit_entry e = api_audit_entry(r, "actor.list", "actor", 0, "ok");
    e.detail = arena_printf(&r->arena, "count=%zu", k.count);
    reply_json(r, 200, body);
    api_audit_before_reply(r, &e);
}

/* ---- GET /api/v1/actors/{id} ---- */

typedef struct get_ctx {
    request *r;
    actor_record act;
    case_record *cases;
    size_t count;
} get_ctx;

static db_status get_body(storage *s, void *arg)
{
    get_ctx *k = arg;
    db_status st = s->ops->actor_get(s, &k->r->arena, k->r->id, &k->act);
    if (st <= 0)
        return st;
    if ((st = s->ops->actor_cases(s, &k->r->arena, k->r->id, &k->cases, &k->count)) < 0)
        return st;
    return DB_ONE;
}

static json_t *actor_page_json(const get_ctx *k, const viewer *v)
{
    json_t *o = actor_to_json(&k->act), *cases = json_array();
    int64_t others = 0;
    for (size_t i = 0; i < k->count; i++) {
        const case_record *c = &k->cases[i];
        if (!access_case_visible(v, c)) {
            others++;
            continue;
        }
        json_array_append_new(cases, json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)c->id,
                                               "reference", c->reference ? c->reference : "",
                                               "status", case_status_name(c->status), "summary",
                                               c->summary ? c->summary : ""));
    }
    json_object_set_new(o, "cases", cases);
    json_object_set_new(o, "other_cases", json_integer(others));
    return o;
}

void api_actors_get(request *r)
{
    get_ctx k = {.r = r};
    db_status st = storage_transact(r->app->db, TX_READ, get_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    if (st == DB_NONE || !daf_actor_visible(&r->viewer, k.cases, k.count)) {
        api_deny_not_found(r, "actor.read", "actor", r->id, st == DB_NONE ? "not_found" : "denied");
        return;
    }
    audit_entry e = api_audit_entry(r, "actor.read", "actor", r->id, "ok");
    reply_json(r, 200, actor_page_json(&k, &r->viewer));
    api_audit_before_reply(r, &e);
}

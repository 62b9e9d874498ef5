/* objects: POST /api/v1/objects (register an object to protect), GET /api/v1/objects and
 * GET /api/v1/objects/{id}. An object gets its own case (docs/DECISIONS.md), except a residence
 * or office of a protected person: that belongs to the person's newest open case the registering
 * user sees. Reads go through the case's need-to-know and are audited. */
#include "api/subject_case.h"

#include "core/access.h"
#include "core/decision.h"

/* The names of object_kind (core/decision.c), in its order. */
static const char *const object_kinds[] = {"residence",           "office", "embassy", "court",
                                           "government_building", "other",  NULL};

enum { MAX_ADDRESS_LEN = 300 };

static const field_spec object_fields[] = {
    {"kind", FIELD_ENUM, true, 0, 0, object_kinds},
    {"name", FIELD_TEXT, true, 1, MAX_NAME_LEN, NULL},
    {"address", FIELD_TEXT, true, 1, MAX_ADDRESS_LEN, NULL},
    {"municipality", FIELD_TEXT, false, 1, 64, NULL},
    {"national_list", FIELD_BOOL, false, 0, 0, NULL},
    {"person_id", FIELD_INT, false, 1, INT64_MAX, NULL},
    {"summary", FIELD_TEXT_LONG, false, 0, MAX_SUMMARY_LEN, NULL},
};

void objects_validate(json_t *body, validation *v)
{
    validation_check(v, body, object_fields, sizeof object_fields / sizeof object_fields[0], "");
    bool linked = json_is_integer(json_object_get(body, "person_id"));
    object_kind kind = object_kind_parse(json_text(body, "kind"));
    if (linked && kind != OBJECT_KIND_NONE && kind != OBJECT_RESIDENCE && kind != OBJECT_OFFICE)
        validation_add(v, "person_id", "is only allowed for a residence or office");
    subject_place_validate(body, linked, v);
}

typedef struct create_ctx {
    request *r;
    json_t *body;
    object_record o;
    subject_refusal why;
} create_ctx;

/* The case the object belongs to: the person's, or a new one of its own. */
static db_status object_case(storage *s, create_ctx *k, const subject_place *place,
                             const char *text, case_record *c)
{
    request *r = k->r;
    json_t *person = json_object_get(k->body, "person_id");
    if (!json_is_integer(person)) {
        const char *summary = json_text(k->body, "summary");
        return subject_case_create(s, r, CASE_SUBJECT_OBJECT, summary[0] ? summary : text, place,
                                   "object_registered", text, c);
    }
    db_status st = subject_person_case(s, r, json_integer_value(person), c);
    if (st == DB_NONE) {
        k->why = (subject_refusal){"person_id", "names no person with an open case you can see"};
        return DB_REFUSED;
    }
    if (st < 0)
        return st;
    case_event ev = {.at = r->now,
                     .event = "object_registered",
                     .actor_username = r->viewer.username,
                     .actor_org = r->viewer.org,
                     .text = text};
    return s->ops->case_event_add(s, c->id, &ev);
}

static db_status create_body(storage *s, void *arg)
{
    create_ctx *k = arg;
    request *r = k->r;
    subject_place place;
    db_status st = subject_place_load(s, r, k->body, &place, &k->why);
    if (st < 0 || st == DB_REFUSED)
        return st;
    const char *name = json_text(k->body, "name"), *address = json_text(k->body, "address");
    const char *text = arena_printf(&r->arena, "%s, %s", name, address);
    case_record c;
    if ((st = object_case(s, k, &place, text, &c)) < 0)
        return st;
    json_t *person = json_object_get(k->body, "person_id");
    k->o = (object_record){.kind = object_kind_parse(json_text(k->body, "kind")),
                           .name = name,
                           .address = address,
                           .municipality = place.municipality,
                           .district = place.district,
                           .national_list = place.national_list,
                           .person_id = json_is_integer(person) ? json_integer_value(person) : 0,
                           .case_id = c.id,
                           .case_reference = c.reference,
                           .created_at = r->now};
    if ((st = s->ops->object_insert(s, &k->o)) < 0)
        return st;
    audit_entry e[2] = {api_audit_entry(r, "object.create", "object", k->o.id, "ok"),
                        api_audit_entry(r, "case.create", "case", c.id, "ok")};
    e[0].detail = arena_printf(&r->arena, "case=%lld", (long long)c.id);
    e[1].detail = arena_printf(&r->arena, "subject=object object=%lld", (long long)k->o.id);
    return s->ops->audit_append(s, e, json_is_integer(person) ? 1 : 2);
}

void api_objects_create(request *r)
{
    if (!subject_may_register(r->viewer.role)) {
        api_deny_forbidden(r, "object.create", "object", 0, NULL);
        return;
    }
    json_t *body;
    if (!api_body(r, &body))
        return;
    validation v;
    validation_init(&v);
    objects_validate(body, &v);
    if (api_valid(r, &v)) {
        create_ctx k = {.r = r, .body = body};
        db_status st = storage_transact(r->app->db, TX_WRITE, create_body, &k);
        if (st == DB_REFUSED)
            subject_reply_refusal(r, &k.why);
        else if (st < 0)
            reply_storage_failure(r, st);
        else
            reply_json(r, 201, object_to_json(&k.o));
    }
    validation_clear(&v);
    json_decref(body);
}

typedef struct read_ctx {
    request *r;
    object_record o;
    case_record c;
} read_ctx;

static db_status read_body(storage *s, void *arg)
{
    read_ctx *k = arg;
    db_status st = s->ops->object_get(s, &k->r->arena, k->r->id, &k->o);
    if (st <= 0)
        return st;
    return s->ops->case_get(s, &k->r->arena, k->o.case_id, &k->c);
}

void api_objects_get(request *r)
{
    read_ctx k = {.r = r};
    db_status st = storage_transact(r->app->db, TX_READ, read_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    if (st == DB_NONE || !access_case_visible(&r->viewer, &k.c)) {
        api_deny_not_found(r, "object.read", "object", r->id,
                           st == DB_NONE ? "not_found" : "denied");
        return;
    }
    audit_entry e = api_audit_entry(r, "object.read", "object", k.o.id, "ok");
    reply_json(r, 200, object_to_json(&k.o));
    api_audit_before_reply(r, &e);
}

typedef struct list_ctx {
    request *r;
    int64_t page, per_page, total;
    object_record *items;
    size_t count;
} list_ctx;

static db_status list_body(storage *s, void *arg)
{
    list_ctx *k = arg;
    return s->ops->object_list(s, &k->r->arena, &k->r->viewer, access_case_scope(&k->r->viewer),
                               k->page, k->per_page, &k->items, &k->count, &k->total);
}

void api_objects_list(request *r)
{
    list_ctx k = {.r = r};
    if (!subject_page_query(r, &k.page, &k.per_page))
        return;
    if (access_case_scope(&r->viewer) == SCOPE_NONE) {
        api_deny_forbidden(r, "object.list", "object", 0, "Your role sees no case content.");
        return;
    }
    db_status st = storage_transact(r->app->db, TX_READ, list_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    json_t *items = json_array();
    int64_t *ids = arena_alloc(&r->arena, (k.count ? k.count : 1) * sizeof *ids);
    for (size_t i = 0; i < k.count; i++) {
        json_array_append_new(items, object_to_json(&k.items[i]));
        if (ids)
            ids[i] = k.items[i].id;
    }
    audit_entry e = api_audit_entry(r, "object.list", "object", 0, "ok");
    e.detail = ids ? subject_disclosed_ids(r, ids, k.count) : "";
    reply_json(r, 200,
               json_pack("{s:o,s:I,s:I,s:I}", "items", items, "page", (json_int_t)k.page,
                         "per_page", (json_int_t)k.per_page, "total", (json_int_t)k.total));
    api_audit_before_reply(r, &e);
}

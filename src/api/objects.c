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

/* ---- reads ---- */

static db_status object_get(storage *s, request *r, int64_t id, void *rec)
{
    return s->ops->object_get(s, &r->arena, id, rec);
}

static db_status object_page(storage *s, request *r, int64_t page, int64_t per_page, void **items,
                             size_t *count, int64_t *total)
{
    return s->ops->object_list(s, &r->arena, &r->viewer, access_case_scope(&r->viewer), page,
                               per_page, (object_record **)items, count, total);
}

static int64_t object_case_id(const void *rec)
{
    return ((const object_record *)rec)->case_id;
}
static int64_t object_id(const void *rec)
{
    return ((const object_record *)rec)->id;
}
static json_t *object_json(const void *rec)
{
    return object_to_json(rec);
}

static const subject_kind_api object_api = {
    .name = "object",
    .read_action = "object.read",
    .list_action = "object.list",
    .record_size = sizeof(object_record),
    .get = object_get,
    .list = object_page,
    .case_of = object_case_id,
    .id_of = object_id,
    .to_json = object_json,
};

void api_objects_get(request *r)
{
    subject_read_one(r, &object_api);
}

void api_objects_list(request *r)
{
    subject_read_page(r, &object_api);
}

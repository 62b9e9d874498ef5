/* services: POST /api/v1/services (register a service to protect: an event, a function with a
 * start and an end), GET /api/v1/services and GET /api/v1/services/{id}. Every service gets its
 * own case (docs/DECISIONS.md); reads go through that case's need-to-know and are audited. */
#include "api/subject_case.h"

#include "core/access.h"
#include "core/validate.h"

enum { MAX_VENUE_LEN = 300 };

static const field_spec service_fields[] = {
    {"name", FIELD_TEXT, true, 1, MAX_NAME_LEN, NULL},
    {"venue", FIELD_TEXT, true, 1, MAX_VENUE_LEN, NULL},
    {"starts_on", FIELD_DATE, true, 0, 0, NULL},
    {"ends_on", FIELD_DATE, true, 0, 0, NULL},
    {"municipality", FIELD_TEXT, false, 1, 64, NULL},
    {"national_list", FIELD_BOOL, false, 0, 0, NULL},
    {"summary", FIELD_TEXT_LONG, false, 0, MAX_SUMMARY_LEN, NULL},
};

void services_validate(json_t *body, validation *v)
{
    validation_check(v, body, service_fields, sizeof service_fields / sizeof service_fields[0], "");
    int64_t starts, ends;
    if (date_parse(json_text(body, "starts_on"), &starts) &&
        date_parse(json_text(body, "ends_on"), &ends) && ends < starts)
        validation_add(v, "ends_on", "must not be before starts_on");
    subject_place_validate(body, false, v);
}

typedef struct create_ctx {
    request *r;
    json_t *body;
    service_record sv;
    subject_refusal why;
} create_ctx;

static db_status create_body(storage *s, void *arg)
{
    create_ctx *k = arg;
    request *r = k->r;
    subject_place place;
    db_status st = subject_place_load(s, r, k->body, &place, &k->why);
    if (st < 0 || st == DB_REFUSED)
        return st;
    const char *name = json_text(k->body, "name"), *venue = json_text(k->body, "venue");
    const char *starts = json_text(k->body, "starts_on"), *ends = json_text(k->body, "ends_on");
    const char *text =
        arena_printf(&r->arena, "%s, %s (%s tot en met %s)", name, venue, starts, ends);
    const char *summary = json_text(k->body, "summary");
    case_record c;
    if ((st = subject_case_create(s, r, CASE_SUBJECT_SERVICE, summary[0] ? summary : text, &place,
                                  "service_registered", text, &c)) < 0)
        return st;
    k->sv = (service_record){.name = name,
                             .venue = venue,
                             .starts_at = starts,
                             .ends_at = ends,
                             .municipality = place.municipality,
                             .district = place.district,
                             .national_list = place.national_list,
                             .case_id = c.id,
                             .case_reference = c.reference,
                             .created_at = r->now};
    if ((st = s->ops->service_insert(s, &k->sv)) < 0)
        return st;
    audit_entry e[2] = {api_audit_entry(r, "service.create", "service", k->sv.id, "ok"),
                        api_audit_entry(r, "case.create", "case", c.id, "ok")};
    e[0].detail = arena_printf(&r->arena, "case=%lld", (long long)c.id);
    e[1].detail = arena_printf(&r->arena, "subject=service service=%lld", (long long)k->sv.id);
    return s->ops->audit_append(s, e, 2);
}

void api_services_create(request *r)
{
    if (!subject_may_register(r->viewer.role)) {
        api_deny_forbidden(r, "service.create", "service", 0, NULL);
        return;
    }
    json_t *body;
    if (!api_body(r, &body))
        return;
    validation v;
    validation_init(&v);
    services_validate(body, &v);
    if (api_valid(r, &v)) {
        create_ctx k = {.r = r, .body = body};
        db_status st = storage_transact(r->app->db, TX_WRITE, create_body, &k);
        if (st == DB_REFUSED)
            subject_reply_refusal(r, &k.why);
        else if (st < 0)
            reply_storage_failure(r, st);
        else
            reply_json(r, 201, service_to_json(&k.sv));
    }
    validation_clear(&v);
    json_decref(body);
}

typedef struct read_ctx {
    request *r;
    service_record sv;
    case_record c;
} read_ctx;

static db_status read_body(storage *s, void *arg)
{
    read_ctx *k = arg;
    db_status st = s->ops->service_get(s, &k->r->arena, k->r->id, &k->sv);
    if (st <= 0)
        return st;
    return s->ops->case_get(s, &k->r->arena, k->sv.case_id, &k->c);
}

void api_services_get(request *r)
{
    read_ctx k = {.r = r};
    db_status st = storage_transact(r->app->db, TX_READ, read_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    if (st == DB_NONE || !access_case_visible(&r->viewer, &k.c)) {
        api_deny_not_found(r, "service.read", "service", r->id,
                           st == DB_NONE ? "not_found" : "denied");
        return;
    }
    audit_entry e = api_audit_entry(r, "service.read", "service", k.sv.id, "ok");
    reply_json(r, 200, service_to_json(&k.sv));
    api_audit_before_reply(r, &e);
}

typedef struct list_ctx {
    request *r;
    int64_t page, per_page, total;
    service_record *items;
    size_t count;
} list_ctx;

static db_status list_body(storage *s, void *arg)
{
    list_ctx *k = arg;
    return s->ops->service_list(s, &k->r->arena, &k->r->viewer, access_case_scope(&k->r->viewer),
                                k->page, k->per_page, &k->items, &k->count, &k->total);
}

void api_services_list(request *r)
{
    list_ctx k = {.r = r};
    if (!subject_page_query(r, &k.page, &k.per_page))
        return;
    if (access_case_scope(&r->viewer) == SCOPE_NONE) {
        api_deny_forbidden(r, "service.list", "service", 0, "Your role sees no case content.");
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
        json_array_append_new(items, service_to_json(&k.items[i]));
        if (ids)
            ids[i] = k.items[i].id;
    }
    audit_entry e = api_audit_entry(r, "service.list", "service", 0, "ok");
    e.detail = ids ? subject_disclosed_ids(r, ids, k.count) : "";
    reply_json(r, 200,
               json_pack("{s:o,s:I,s:I,s:I}", "items", items, "page", (json_int_t)k.page,
                         "per_page", (json_int_t)k.per_page, "total", (json_int_t)k.total));
    api_audit_before_reply(r, &e);
}

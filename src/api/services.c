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

/* ---- reads ---- */

static db_status service_get(storage *s, request *r, int64_t id, void *rec)
{
    return s->ops->service_get(s, &r->arena, id, rec);
}

static db_status service_page(storage *s, request *r, int64_t page, int64_t per_page, void **items,
                              size_t *count, int64_t *total)
{
    return s->ops->service_list(s, &r->arena, &r->viewer, access_case_scope(&r->viewer), page,
                                per_page, (service_record **)items, count, total);
}

static int64_t service_case_id(const void *rec)
{
    return ((const service_record *)rec)->case_id;
}
static int64_t service_id(const void *rec)
{
    return ((const service_record *)rec)->id;
}
static json_t *service_json(const void *rec)
{
    return service_to_json(rec);
}

static const subject_kind_api service_api = {
    .name = "service",
    .read_action = "service.read",
    .list_action = "service.list",
    .record_size = sizeof(service_record),
    .get = service_get,
    .list = service_page,
    .case_of = service_case_id,
    .id_of = service_id,
    .to_json = service_json,
};

void api_services_get(request *r)
{
    subject_read_one(r, &service_api);
}

void api_services_list(request *r)
{
    subject_read_page(r, &service_api);
}

/* subject_case: the own case of an object or service, the person's case of a residence or
 * office, and the JSON the object and service routes share. */
#include "api/subject_case.h"

#include "core/access.h"
#include "core/decision.h"
#include "core/orgs.h"
#include "core/triage.h"
#include "core/validate.h"

#include <stdio.h>
#include <string.h>

bool subject_may_register(role r)
{
    return r == ROLE_REFERRER || r == ROLE_TRIAGE || r == ROLE_AUTHORITY;
}

void subject_place_validate(json_t *body, bool optional, validation *v)
{
    json_t *muni = json_object_get(body, "municipality");
    bool has_municipality = muni && !json_is_null(muni);
    bool national = json_flag(body, "national_list");
    if (has_municipality && national)
        validation_add(v, "municipality", "is not allowed together with national_list");
    else if (!has_municipality && !national && !optional)
        validation_add(v, "municipality", "is required unless national_list is true");
    if (json_is_string(muni) && !org_code_valid(json_string_value(muni)))
        validation_add(v, "municipality", "must be an organisation code");
}

db_status subject_place_load(storage *s, request *r, json_t *body, subject_place *place,
                             subject_refusal *why)
{
    *place = (subject_place){
        .national_list = json_flag(body, "national_list"), .municipality = "", .district = ""};
    const char *code = json_text(body, "municipality");
    if (!code[0])
        return DB_ONE;
    org_row org;
    db_status st = s->ops->org_get(s, &r->arena, code, &org);
    if (st < 0)
        return st;
    if (st == DB_NONE || strcmp(org.kind, "municipality") != 0) {
        *why = (subject_refusal){"municipality", "is not a municipality in the register"};
        return DB_REFUSED;
    }
    if (!district_valid(org.district)) {
        *why = (subject_refusal){"municipality", "has no district in the register"};
        return DB_REFUSED;
    }
    place->municipality = org.code;
    place->district = org.district;
    return DB_ONE;
}

db_status subject_case_create(storage *s, request *r, case_subject subject, const char *summary,
                              const subject_place *place, const char *event, const char *text,
                              case_record *out)
{
    triage_result team;
    *out = (case_record){.summary = summary,
                         .phenomenon = PHENOMENON_OTHER,
                         .source_details = "",
                         .referring_org = r->viewer.org,
                         .referred_by = r->viewer.user_id,
                         .created_at = r->now,
                         .subject = subject};
    db_status st = s->ops->case_insert(s, &r->arena, out);
    if (st < 0)
        return st;
    if (triage_subject_case(out, place->national_list ? NULL : place->municipality, place->district,
                            text, r->now, &r->viewer, &team) != ERR_OK)
        return DB_HARD_ERROR; /* validated before: the register and the districts disagree */
    out->authority_org = arena_strdup(&r->arena, team.authority); /* outlives team */
    if (!out->authority_org || (st = s->ops->case_update(s, out)) <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    team_member referrer = {.org = r->viewer.org, .membership = "referrer"};
    if ((st = s->ops->case_team_add(s, out->id, &referrer)) < 0)
        return st;
    for (size_t i = 0; i < team.member_count; i++)
        if ((st = s->ops->case_team_add(s, out->id, &team.members[i])) < 0)
            return st;
    case_event ev = {.at = r->now,
                     .event = event,
                     .actor_username = r->viewer.username,
                     .actor_org = r->viewer.org,
                     .text = text};
    return s->ops->case_event_add(s, out->id, &ev);
}

db_status subject_person_case(storage *s, request *r, int64_t person_id, case_record *out)
{
    case_record *cases;
    size_t n;
    db_status st = s->ops->person_cases(s, &r->arena, person_id, &cases, &n);
    if (st < 0)
        return st;
    const case_record *newest = NULL;
    for (size_t i = 0; i < n; i++)
        if (cases[i].status != STATUS_CLOSED && access_case_visible(&r->viewer, &cases[i]) &&
            (!newest || cases[i].id > newest->id))
            newest = &cases[i];
    if (!newest)
        return DB_NONE;
    *out = *newest;
    return DB_ONE;
}

void subject_reply_refusal(request *r, const subject_refusal *why)
{
    json_t *errors = json_array();
    json_array_append_new(errors,
                          json_pack("{s:s,s:s}", "field", why->field, "message", why->message));
    reply_problem_errors(r, ERR_VALIDATION_FAILED, "1 field is invalid", errors);
}

const char *subject_disclosed_ids(request *r, const int64_t *ids, size_t count)
{
    size_t cap = 8 + count * 21, used = 0;
    char *out = arena_alloc(&r->arena, cap);
    if (!out)
        return "";
    used += (size_t)snprintf(out, cap, "ids=");
    for (size_t i = 0; i < count && used < cap; i++)
        used += (size_t)snprintf(out + used, cap - used, "%s%lld", i ? "," : "", (long long)ids[i]);
    return out;
}

bool subject_page_query(request *r, int64_t *page, int64_t *per_page)
{
    static const char *const allowed[] = {"page", "per_page", NULL};
    const char *unknown, *s;
    if (!request_query_only(r, allowed, &unknown)) {
        reply_problem(r, ERR_BAD_REQUEST, "Unknown or repeated query parameter.");
        return false;
    }
    validation v;
    validation_init(&v);
    *page = 1;
    *per_page = DEFAULT_PAGE_SIZE;
    if ((s = request_query(r, "page")) && !int_parse(s, 1, 1000000, page))
        validation_add(&v, "page", "must be an integer from 1 to 1000000");
    if ((s = request_query(r, "per_page")) && !int_parse(s, 1, MAX_PAGE_SIZE, per_page))
        validation_add(&v, "per_page", "must be an integer from 1 to 100");
    bool ok = api_valid_query(r, &v);
    validation_clear(&v);
    return ok;
}

static json_t *text_or_null(const char *s)
{
    return s && s[0] ? json_string(s) : json_null();
}

json_t *object_to_json(const object_record *o)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(o->id));
    json_object_set_new(j, "kind", json_string(object_kind_name(o->kind)));
    json_object_set_new(j, "name", json_string(o->name));
    json_object_set_new(j, "address", json_string(o->address));
    json_object_set_new(j, "municipality", text_or_null(o->municipality));
    json_object_set_new(j, "district", text_or_null(o->district));
    json_object_set_new(j, "national_list", json_boolean(o->national_list));
    json_object_set_new(j, "person_id", o->person_id ? json_integer(o->person_id) : json_null());
    json_object_set_new(j, "case_id", json_integer(o->case_id));
    json_object_set_new(j, "case_reference",
                        json_string(o->case_reference ? o->case_reference : ""));
    json_object_set_new(j, "created_at", json_string(o->created_at));
    json_object_set_new(j, "version", json_integer(o->version));
    return j;
}

json_t *service_to_json(const service_record *sv)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(sv->id));
    json_object_set_new(j, "name", json_string(sv->name));
    json_object_set_new(j, "venue", json_string(sv->venue));
    json_object_set_new(j, "starts_on", json_string(sv->starts_at));
    json_object_set_new(j, "ends_on", json_string(sv->ends_at));
    json_object_set_new(j, "municipality", text_or_null(sv->municipality));
    json_object_set_new(j, "district", text_or_null(sv->district));
    json_object_set_new(j, "national_list", json_boolean(sv->national_list));
    json_object_set_new(j, "case_id", json_integer(sv->case_id));
    json_object_set_new(j, "case_reference",
                        json_string(sv->case_reference ? sv->case_reference : ""));
    json_object_set_new(j, "created_at", json_string(sv->created_at));
    json_object_set_new(j, "version", json_integer(sv->version));
    return j;
}

typedef struct subject_ctx {
    request *r;
    const case_record *c;
    object_record *objects;
    size_t object_count;
    service_record service;
    bool has_service;
} subject_ctx;

static db_status subject_body(storage *s, void *arg)
{
    subject_ctx *k = arg;
    k->has_service = false;
    if (k->c->subject == CASE_SUBJECT_SERVICE) {
        db_status st = s->ops->service_by_case(s, &k->r->arena, k->c->id, &k->service);
        k->has_service = st == DB_ONE;
        return st < 0 ? st : DB_ONE;
    }
    return s->ops->object_list_case(s, &k->r->arena, k->c->id, &k->objects, &k->object_count);
}

bool subject_case_add_json(request *r, const case_record *c, json_t *out)
{
    if (c->subject == CASE_SUBJECT_PERSONS)
        return true;
    subject_ctx k = {.r = r, .c = c};
    db_status st = storage_transact(r->app->db, TX_READ, subject_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return false;
    }
    if (c->subject == CASE_SUBJECT_SERVICE && k.has_service)
        json_object_set_new(out, "service", service_to_json(&k.service));
    for (size_t i = 0; c->subject == CASE_SUBJECT_OBJECT && i < k.object_count; i++)
        if (!k.objects[i].person_id)
            json_object_set_new(out, "object", object_to_json(&k.objects[i]));
    return true;
}

/* persons_get: GET /api/v1/persons/{id}. One person, their cases and one timeline across those
 * cases, limited to the cases the viewer may see. */
#include "api/api.h"

#include "core/access.h"

typedef struct person_ctx {
    request *r;
    person_record person;
    case_record *cases;
    size_t case_count;
    case_event *events;
    size_t event_count;
} person_ctx;

static db_status load_person(storage *s, void *arg)
{
    person_ctx *k = arg;
    db_status st = s->ops->person_get(s, &k->r->arena, k->r->id, &k->person);
    if (st <= 0)
        return st;
    if ((st = s->ops->person_cases(s, &k->r->arena, k->r->id, &k->cases, &k->case_count)) < 0)
        return st;
    if ((st = s->ops->person_events(s, &k->r->arena, k->r->id, &k->events, &k->event_count)) < 0)
        return st;
    return DB_ONE;
}

static bool visible_case(const person_ctx *k, int64_t case_id, const viewer *v)
{
    for (size_t i = 0; i < k->case_count; i++)
        if (k->cases[i].id == case_id)
            return access_case_visible(v, &k->cases[i]);
    return false;
}

static json_t *person_json(const person_ctx *k, const viewer *v)
{
    json_t *o = person_to_json(&k->person, true);
    json_t *cases = json_array(), *timeline = json_array();
    for (size_t i = 0; i < k->case_count; i++) {
        const case_record *c = &k->cases[i];
        if (!access_case_visible(v, c))
            continue;
        json_t *ref = json_object();
        json_object_set_new(ref, "id", json_integer(c->id));
        json_object_set_new(ref, "reference", json_string(c->reference ? c->reference : ""));
        json_object_set_new(ref, "status", json_string(case_status_name(c->status)));
        json_object_set_new(ref, "domain",
                            c->domain ? json_string(case_domain_name(c->domain)) : json_null());
        json_array_append_new(cases, ref);
    }
    for (size_t i = 0; i < k->event_count; i++)
        if (visible_case(k, k->events[i].case_id, v))
            json_array_append_new(timeline, event_to_json(&k->events[i], true));
    json_object_set_new(o, "cases", cases);
    json_object_set_new(o, "timeline", timeline);
    return o;
}

void api_persons_get(request *r)
{
    person_ctx k = {.r = r};
    db_status st = storage_transact(r->app->db, TX_READ, load_person, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    if (st == DB_NONE) {
        api_deny_not_found(r, "person.read", "person", r->id, "not_found");
        return;
    }
    bool any = false;
    for (size_t i = 0; i < k.case_count && !any; i++)
        any = access_case_visible(&r->viewer, &k.cases[i]);
    if (!any) {
        api_deny_not_found(r, "person.read", "person", r->id, "denied");
        return;
    }
    audit_entry e = api_audit_entry(r, "person.read", "person", r->id, "ok");
    reply_json(r, 200, person_json(&k, &r->viewer));
    api_audit_before_reply(r, &e);
}

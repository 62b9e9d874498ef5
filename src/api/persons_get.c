/* persons_get: GET /api/v1/persons/{id}. One person, their cases and one timeline across those
 * cases, and what protects them (docs/DECISIONS.md, "The protected person"): household, contact
 * person, decisions, measures, refusals and each case's flags; all limited to the cases the
 * viewer may see. */
#include "api/api.h"
#include "api/decision_common.h"

#include "core/access.h"

#include <string.h>

/* What protects the person in one visible case. */
typedef struct case_protection {
    case_record full; /* with persons (the household) */
    decision_record *decisions;
    size_t decision_count;
    measure_record *measures;
    size_t measure_count;
    unsigned flags;
} case_protection;

typedef struct person_ctx {
    request *r;
    person_record person;
    case_record *cases;
    size_t case_count;
    case_event *events;
    size_t event_count;
    case_protection *protection; /* per case; loaded for visible cases only */
} person_ctx;

static db_status load_protection(storage *s, person_ctx *k, int64_t case_id, case_protection *p)
{
    arena *a = &k->r->arena;
    db_status st = s->ops->case_get(s, a, case_id, &p->full);
    if (st <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    if ((st = s->ops->decision_list(s, a, case_id, &p->decisions, &p->decision_count)) < 0 ||
        (st = s->ops->measure_list_case(s, a, case_id, &p->measures, &p->measure_count)) < 0)
        return st;
    return decision_case_flags_load(s, k->r, case_id, &p->flags);
}

static db_status load_protections(storage *s, person_ctx *k)
{
    k->protection = arena_alloc(&k->r->arena, (k->case_count + 1) * sizeof *k->protection);
    if (!k->protection)
        return DB_HARD_ERROR;
    memset(k->protection, 0, (k->case_count + 1) * sizeof *k->protection);
    for (size_t i = 0; i < k->case_count; i++) {
        if (!access_case_visible(&k->r->viewer, &k->cases[i]))
            continue;
        db_status st = load_protection(s, k, k->cases[i].id, &k->protection[i]);
        if (st < 0)
            return st;
    }
    return DB_ONE;
}

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
    if ((st = load_protections(s, k)) < 0)
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

/* The other persons of the visible cases, each once. */
static json_t *household_json(const person_ctx *k, const viewer *v)
{
    json_t *out = json_array();
    for (size_t i = 0; i < k->case_count; i++) {
        if (!access_case_visible(v, &k->cases[i]))
            continue;
        const case_record *c = &k->protection[i].full;
        for (size_t j = 0; j < c->person_count; j++) {
            const person_record *p = &c->persons[j];
            bool seen = p->id == k->person.id;
            for (size_t m = 0; m < json_array_size(out) && !seen; m++)
                seen = json_integer_value(json_object_get(json_array_get(out, m), "id")) == p->id;
            if (!seen)
                json_array_append_new(out, person_to_json(p, false));
        }
    }
    return out;
}

/* decisions, measures, refusals, contact_person and per-case flags of the visible cases. */
static void add_protection(json_t *o, json_t *cases, const person_ctx *k, const viewer *v)
{
    json_t *decisions = json_array(), *measures = json_array(), *refusals = json_array();
    const decision_record *contact = NULL;
    size_t listed = 0;
    for (size_t i = 0; i < k->case_count; i++) {
        if (!access_case_visible(v, &k->cases[i]))
            continue;
        const case_protection *p = &k->protection[i];
        json_object_set_new(json_array_get(cases, listed++), "flags", flags_to_json(p->flags));
        for (size_t d = 0; d < p->decision_count; d++) {
            const decision_record *dr = &p->decisions[d];
            json_array_append_new(decisions, decision_to_json(dr, false));
            if (dr->tbp_refusal && *dr->tbp_refusal)
                json_array_append_new(refusals, decision_to_json(dr, false));
            if (dr->status == DSTATUS_IN_FORCE && dr->contact_user_id > 0 &&
                (!contact || strcmp(dr->decided_at, contact->decided_at) > 0))
                contact = dr;
        }
        for (size_t m = 0; m < p->measure_count; m++)
            json_array_append_new(measures, measure_to_json(&p->measures[m]));
    }
    json_object_set_new(o, "household", household_json(k, v));
    json_object_set_new(
        o, "contact_person",
        contact
            ? json_pack("{s:s, s:s}", "username",
                        contact->contact_username ? contact->contact_username : "", "display_name",
                        contact->contact_display_name ? contact->contact_display_name : "")
            : json_null());
    json_object_set_new(o, "decisions", decisions);
    json_object_set_new(o, "measures", measures);
    json_object_set_new(o, "refusals", refusals);
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
    add_protection(o, cases, k, v);
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

/* case_json: the JSON shapes of docs/API.md, built in one place so every route agrees. */
#include "api/api.h"

#include "core/decision.h"

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

json_t *person_to_json(const person_record *p, bool full)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(p->id));
    json_object_set_new(o, "given_names", json_string(p->given_names ? p->given_names : ""));
    json_object_set_new(o, "surname_prefix",
                        json_string(p->surname_prefix ? p->surname_prefix : ""));
    json_object_set_new(o, "surname", json_string(p->surname ? p->surname : ""));
    if (full) {
        json_object_set_new(o, "date_of_birth", str_or_null(p->date_of_birth));
        json_object_set_new(o, "function", json_string(p->function ? p->function : ""));
        json_object_set_new(o, "employer_org",
                            p->employer_org && *p->employer_org ? json_string(p->employer_org)
                                                                : json_null());
        json_object_set_new(o, "version", json_integer(p->version));
    }
    return o;
}

json_t *event_to_json(const case_event *e, bool with_case)
{
    json_t *o = json_object();
    json_object_set_new(o, "at", str_or_null(e->at));
    json_object_set_new(o, "event", str_or_null(e->event));
    json_t *actor = json_object();
    json_object_set_new(actor, "username", str_or_null(e->actor_username));
    json_object_set_new(actor, "org", str_or_null(e->actor_org));
    json_object_set_new(o, "actor", actor);
    json_object_set_new(o, "text", json_string(e->text ? e->text : ""));
    if (with_case) {
        json_object_set_new(o, "case_id", json_integer(e->case_id));
        json_object_set_new(o, "case_reference", str_or_null(e->case_reference));
    }
    return o;
}

static json_t *org_ref(const char *code, const char *name)
{
    if (!code)
        return json_null();
    json_t *o = json_object();
    json_object_set_new(o, "org", json_string(code));
    json_object_set_new(o, "code", json_string(code));
    json_object_set_new(o, "name", str_or_null(name));
    return o;
}

static json_t *triage_json(const case_record *c)
{
    if (c->triage == TRIAGE_NONE)
        return json_null();
    json_t *t = json_object();
    json_object_set_new(t, "outcome", json_string(triage_outcome_name(c->triage)));
    json_object_set_new(t, "district", str_or_null(c->triage_district));
    json_object_set_new(t, "reasoning", str_or_null(c->triage_reasoning));
    json_object_set_new(t, "at", str_or_null(c->triage_at));
    json_object_set_new(t, "by", str_or_null(c->triage_by_username));
    return t;
}

static void add_full_case(json_t *o, const case_record *c)
{
    json_object_set_new(o, "source_details",
                        json_string(c->source_details ? c->source_details : ""));
    json_object_set_new(o, "information_request", str_or_null(c->information_request));
    json_object_set_new(o, "triage", triage_json(c));
    json_t *team = json_array();
    for (size_t i = 0; i < c->team_count; i++) {
        const team_member *m = &c->team[i];
        json_t *t = json_object();
        json_object_set_new(t, "org", json_string(m->org));
        json_object_set_new(t, "name", str_or_null(m->org_name));
        json_object_set_new(t, "membership", str_or_null(m->membership));
        json_array_append_new(team, t);
    }
    json_object_set_new(o, "team", team);
    json_t *timeline = json_array();
    for (size_t i = 0; i < c->event_count; i++)
        json_array_append_new(timeline, event_to_json(&c->events[i], false));
    json_object_set_new(o, "timeline", timeline);
}

json_t *case_to_json(const case_record *c, bool full)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(c->id));
    json_object_set_new(o, "reference", str_or_null(c->reference));
    json_object_set_new(o, "status", json_string(case_status_name(c->status)));
    json_object_set_new(o, "domain", str_or_null(case_domain_name(c->domain)));
    json_object_set_new(o, "authority", org_ref(c->authority_org, c->authority_name));
    json_object_set_new(o, "summary", json_string(c->summary ? c->summary : ""));
    json_object_set_new(o, "phenomenon", json_string(phenomenon_name(c->phenomenon)));
    json_object_set_new(o, "urgent", json_boolean(c->urgent));
    json_object_set_new(o, "referring_org", org_ref(c->referring_org, c->referring_org_name));
    json_object_set_new(o, "awaiting_information", json_boolean(c->awaiting_information));
    json_object_set_new(o, "created_at", str_or_null(c->created_at));
    json_object_set_new(o, "updated_at", str_or_null(c->updated_at));
    json_object_set_new(o, "subject", json_string(case_subject_name(c->subject)));
    /* the handlers that load the case's facts replace these (decision_case_flags_load) */
    json_object_set_new(o, "flags", json_array());
    json_object_set_new(o, "version", json_integer(c->version));
    json_t *persons = json_array();
    for (size_t i = 0; i < c->person_count; i++)
        json_array_append_new(persons, person_to_json(&c->persons[i], full));
    json_object_set_new(o, "persons", persons);
    if (full)
        add_full_case(o, c);
    return o;
}

json_t *viewer_to_json(const viewer *v, const char *org_name)
{
    json_t *o = json_object();
    json_object_set_new(o, "username", json_string(v->username));
    json_object_set_new(o, "display_name", json_string(v->display_name ? v->display_name : ""));
    json_object_set_new(o, "role", json_string(role_name(v->role)));
    json_t *org = json_object();
    json_object_set_new(org, "code", json_string(v->org));
    json_object_set_new(org, "name", str_or_null(org_name));
    json_object_set_new(o, "org", org);
    return o;
}

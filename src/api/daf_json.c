/* daf_json: the JSON of the DAF records (docs/DAF.md, "API shapes") and the small shared helpers
 * of daf_common.h. */
#include "api/daf_common.h"

#include "core/access.h"

int64_t daf_today(const request *r)
{
    return clock_today_days(r->now_ms);
}

const char *daf_day_text(request *r, int64_t offset)
{
    char buf[DATE_TEXT_SIZE];
    date_format(daf_today(r) + offset, buf);
    return arena_strdup(&r->arena, buf);
}

const char *daf_today_text(request *r)
{
    return daf_day_text(r, 0);
}

static json_t *text_or_null(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

json_t *who_to_json(const char *username, const char *org)
{
    json_t *o = json_object();
    json_object_set_new(o, "username", json_string(username ? username : ""));
    json_object_set_new(o, "org", json_string(org ? org : ""));
    return o;
}

static json_t *org_ref(const char *code, const char *name)
{
    json_t *o = json_object();
    json_object_set_new(o, "code", json_string(code ? code : ""));
    json_object_set_new(o, "name", json_string(name && *name ? name : (code ? code : "")));
    return o;
}

/* The fields a stub and a full signal share. */
static json_t *signal_common(const signal_record *s, bool restricted)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(s->id));
    json_object_set_new(o, "case_id", json_integer(s->case_id));
    json_object_set_new(o, "received_at", json_string(s->received_at ? s->received_at : ""));
    json_object_set_new(o, "source_org", org_ref(s->source_org, s->source_org_name));
    json_object_set_new(o, "source_grade", json_string(source_grade_name(s->source_grade)));
    json_object_set_new(o, "info_grade", json_string(info_grade_name(s->info_grade)));
    json_object_set_new(o, "handling", json_string(handling_name(s->handling)));
    json_object_set_new(o, "compartment", json_string(compartment_name(s->compartment)));
    json_object_set_new(o, "restricted", json_boolean(restricted));
    return o;
}

json_t *signal_to_json(const signal_record *s)
{
    json_t *o = signal_common(s, false);
    json_object_set_new(o, "case_reference", text_or_null(s->case_reference));
    json_object_set_new(o, "handling_note", json_string(s->handling_note ? s->handling_note : ""));
    json_object_set_new(o, "concreteness", json_string(s->concrete ? "concrete" : "conceivable"));
    json_object_set_new(o, "text", json_string(s->text ? s->text : ""));
    json_t *subjects = json_array();
    for (size_t i = 0; i < s->subject_count; i++) {
        json_t *sub = json_object();
        json_object_set_new(sub, "kind", json_string(subject_kind_name(s->subjects[i].kind)));
        json_object_set_new(sub, "id", json_integer(s->subjects[i].id));
        json_object_set_new(sub, "label",
                            json_string(s->subjects[i].label ? s->subjects[i].label : ""));
        json_array_append_new(subjects, sub);
    }
    json_object_set_new(o, "subjects", subjects);
    json_object_set_new(o, "recorded_by", who_to_json(s->recorded_by_username, s->recorded_by_org));
    json_object_set_new(o, "created_at", json_string(s->created_at ? s->created_at : ""));
    json_object_set_new(o, "version", json_integer(s->version));
    return o;
}

json_t *signal_stub_to_json(const signal_record *s)
{
    return signal_common(s, true);
}

json_t *actor_to_json(const actor_record *a)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(a->id));
    json_object_set_new(o, "kind", json_string(actor_kind_name(a->kind)));
    json_object_set_new(o, "name", json_string(a->name ? a->name : ""));
    json_object_set_new(o, "description", json_string(a->description ? a->description : ""));
    json_object_set_new(o, "created_by_org",
                        json_string(a->created_by_org ? a->created_by_org : ""));
    json_object_set_new(o, "created_at", json_string(a->created_at ? a->created_at : ""));
    json_object_set_new(o, "version", json_integer(a->version));
    return o;
}

json_t *release_to_json(const release_record *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(r->id));
    json_object_set_new(o, "signal_id", json_integer(r->signal_id));
    json_object_set_new(o, "case_id", json_integer(r->case_id));
    json_object_set_new(o, "source_org", json_string(r->source_org ? r->source_org : ""));
    json_object_set_new(o, "requested_by",
                        who_to_json(r->requested_by_username, r->requested_by_org));
    json_object_set_new(o, "reason", json_string(r->reason ? r->reason : ""));
    json_object_set_new(o, "requested_at", json_string(r->requested_at ? r->requested_at : ""));
    json_object_set_new(o, "status", json_string(release_status_name(r->status)));
    json_t *decided = json_null();
    if (r->decided_by) {
        decided = json_object();
        json_object_set_new(decided, "username",
                            json_string(r->decided_by_username ? r->decided_by_username : ""));
    }
    json_object_set_new(o, "decided_by", decided);
    json_object_set_new(o, "decision_note", json_string(r->decision_note ? r->decision_note : ""));
    json_object_set_new(o, "decided_at", text_or_null(r->decided_at));
    json_object_set_new(o, "version", json_integer(r->version));
    return o;
}

json_t *notification_to_json(const notification_record *n)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(n->id));
    json_object_set_new(o, "case_id", json_integer(n->case_id));
    json_t *actor = json_object();
    json_object_set_new(actor, "id", json_integer(n->actor_id));
    json_object_set_new(actor, "name", json_string(n->actor_name ? n->actor_name : ""));
    json_object_set_new(o, "actor", actor);
    json_object_set_new(o, "signal_id", json_integer(n->signal_id));
    json_object_set_new(o, "source_org", json_string(n->source_org ? n->source_org : ""));
    json_object_set_new(o, "received_at", json_string(n->received_at ? n->received_at : ""));
    json_object_set_new(o, "created_at", json_string(n->created_at ? n->created_at : ""));
    return o;
}

bool daf_id_in(const int64_t *ids, size_t count, int64_t id)
{
    for (size_t i = 0; i < count; i++)
        if (ids[i] == id)
            return true;
    return false;
}

bool daf_actor_visible(const viewer *v, const case_record *cases, size_t count)
{
    if (v->role == ROLE_ANALYST)
        return true;
    for (size_t i = 0; i < count; i++)
        if (access_case_visible(v, &cases[i]))
            return true;
    return false;
}

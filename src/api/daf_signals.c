/* daf_signals: POST and GET /api/v1/cases/{id}/signals. Recording a signal stores it with its
 * subjects, links named actors to the case and tells the teams of the other cases an actor is
 * linked to (without content). The information view shows every signal of the case: in full
 * where the viewer may read it, as a stub where not, so that nobody is unaware of it. */
#include "api/cases_common.h"
#include "api/daf_common.h"

#include "core/orgs.h"

#include <stdio.h>
#include <string.h>

enum { MAX_SUBJECTS = 20, MAX_HANDLING_NOTE = 500 };

static const char *const source_grades[] = {"A", "B", "C", "X", NULL};
static const char *const info_grades[] = {"1", "2", "3", "4", NULL};
static const char *const handlings[] = {"H0", "H1", "H2", "H3", NULL};
static const char *const compartments[] = {
    "police",      "investigation",    "crime_intel", "informant", "intelligence_service",
    "open_source", "protected_person", NULL};
static const char *const concreteness[] = {"concrete", "conceivable", NULL};
static const char *const subject_kinds[] = {"person", "actor", NULL};

static const field_spec signal_fields[] = {
    {"received_at", FIELD_DATE, true, 0, 0, NULL},
    {"source_org", FIELD_TEXT, true, 2, 64, NULL},
    {"source_grade", FIELD_ENUM, true, 0, 0, source_grades},
    {"info_grade", FIELD_ENUM, true, 0, 0, info_grades},
    {"handling", FIELD_ENUM, true, 0, 0, handlings},
    {"handling_note", FIELD_TEXT, false, 0, MAX_HANDLING_NOTE, NULL},
    {"compartment", FIELD_ENUM, true, 0, 0, compartments},
    {"concreteness", FIELD_ENUM, true, 0, 0, concreteness},
    {"text", FIELD_TEXT_LONG, true, 1, MAX_TEXT_LEN, NULL},
    {"subjects", FIELD_ARRAY, false, 0, MAX_SUBJECTS, NULL},
};

static const field_spec subject_fields[] = {
    {"kind", FIELD_ENUM, true, 0, 0, subject_kinds},
    {"id", FIELD_INT, true, 1, INT64_MAX, NULL},
};

static void validate_subjects(json_t *subjects, validation *v)
{
    size_t i;
    json_t *sub;
    json_array_foreach(subjects, i, sub)
    {
        char path[32];
        snprintf(path, sizeof path, "subjects[%zu]", i);
        if (!json_is_object(sub)) {
            validation_add(v, path, "must be an object");
            continue;
        }
        validation_check(v, sub, subject_fields, 2, path);
        for (size_t j = 0; j < i; j++) {
            json_t *prev = json_array_get(subjects, j);
            if (json_is_object(prev) && json_equal(prev, sub)) {
                validation_add(v, path, "names the same subject twice");
                break;
            }
        }
    }
}

void signal_validate(json_t *body, int64_t today, validation *v)
{
    validation_check(v, body, signal_fields, sizeof signal_fields / sizeof signal_fields[0], "");
    int64_t received;
    if (date_parse(json_text(body, "received_at"), &received) && received > today)
        validation_add(v, "received_at", "must not be in the future");
    const char *org = json_text(body, "source_org");
    if (*org && !org_code_valid(org))
        validation_add(v, "source_org", "must be an organisation code");
    bool h3 = strcmp(json_text(body, "handling"), "H3") == 0;
    bool has_note = *json_text(body, "handling_note") != '\0';
    if (h3 && !has_note)
        validation_add(v, "handling_note", "is required with handling H3 (state the restriction)");
    else if (!h3 && has_note)
        validation_add(v, "handling_note", "is only allowed with handling H3");
    json_t *subjects = json_object_get(body, "subjects");
    if (json_is_array(subjects))
        validate_subjects(subjects, v);
}

void signal_from_json(json_t *body, arena *a, signal_record *out)
{
    memset(out, 0, sizeof *out);
    out->received_at = arena_strdup(a, json_text(body, "received_at"));
    out->source_org = arena_strdup(a, json_text(body, "source_org"));
    out->source_grade = source_grade_parse(json_text(body, "source_grade"));
    out->info_grade = info_grade_parse(json_text(body, "info_grade"));
    out->handling = handling_parse(json_text(body, "handling"));
    out->handling_note = arena_strdup(a, json_text(body, "handling_note"));
    out->compartment = compartment_parse(json_text(body, "compartment"));
    out->concrete = strcmp(json_text(body, "concreteness"), "concrete") == 0;
    out->text = arena_strdup(a, json_text(body, "text"));
    json_t *subjects = json_object_get(body, "subjects");
    size_t n = json_is_array(subjects) ? json_array_size(subjects) : 0;
    out->subjects = n ? arena_alloc(a, n * sizeof *out->subjects) : NULL;
    for (size_t i = 0; i < n && out->subjects; i++) {
        json_t *sub = json_array_get(subjects, i);
        out->subjects[i] = (signal_subject){
            .kind = subject_kind_parse(json_text(sub, "kind")),
            .id = json_integer_value(json_object_get(sub, "id")),
        };
        out->subject_count++;
    }
}

/* ---- recording ---- */

typedef struct create_ctx {
    request *r;
    const case_record *c;
    signal_record input;   /* as asked; each retry starts from it */
    signal_record sig;     /* as stored */
    const char *bad_field; /* set when the body names something that does not exist */
    const char *bad_message;
    size_t notified;
} create_ctx;

static bool person_in_case(const case_record *c, int64_t id)
{
    for (size_t i = 0; i < c->person_count; i++)
        if (c->persons[i].id == id)
            return true;
    return false;
}

static db_status refuse(create_ctx *k, const char *field, const char *message)
{
    k->bad_field = field;
    k->bad_message = message;
    return DB_REFUSED;
}

/* Checks that the originator and every subject exist (inside the transaction). */
static db_status check_references(storage *s, create_ctx *k)
{
    org_row org;
    db_status st = s->ops->org_get(s, &k->r->arena, k->input.source_org, &org);
    if (st <= 0)
        return st < 0 ? st : refuse(k, "source_org", "is not a known organisation");
    for (size_t i = 0; i < k->input.subject_count; i++) {
        const signal_subject *sub = &k->input.subjects[i];
        const char *path = arena_printf(&k->r->arena, "subjects[%zu]", i);
        if (sub->kind == SUBJECT_PERSON) {
            if (!person_in_case(k->c, sub->id))
                return refuse(k, path, "is not a person of this case");
            continue;
        }
        actor_record act;
        if ((st = s->ops->actor_get(s, &k->r->arena, sub->id, &act)) <= 0)
            return st < 0 ? st : refuse(k, path, "is not a known actor");
    }
    return DB_ONE;
}

/* Tells the teams of the other cases each named actor is linked to (this case is skipped: the
 * insert has just linked the actor to it). */
static db_status notify_other_cases(storage *s, create_ctx *k, int64_t signal_id,
                                    const int64_t *actor_ids, size_t actor_count)
{
    for (size_t i = 0; i < actor_count; i++) {
        case_record *cases;
        size_t n;
        db_status st = s->ops->actor_cases(s, &k->r->arena, actor_ids[i], &cases, &n);
        if (st < 0)
            return st;
        for (size_t j = 0; j < n; j++) {
            if (cases[j].id == k->c->id)
                continue;
            notification_record note = {.case_id = cases[j].id,
                                        .actor_id = actor_ids[i],
                                        .signal_id = signal_id,
                                        .created_at = k->r->now};
            if ((st = s->ops->notification_insert(s, &note)) < 0)
                return st;
            k->notified++;
        }
    }
    return DB_ONE;
}

static db_status create_body(storage *s, void *arg)
{
    create_ctx *k = arg;
    k->notified = 0;
    db_status st = check_references(s, k);
    if (st <= 0)
        return st;
    int64_t actor_ids[MAX_SUBJECTS];
    size_t actor_count = 0;
    for (size_t i = 0; i < k->input.subject_count; i++)
        if (k->input.subjects[i].kind == SUBJECT_ACTOR)
            actor_ids[actor_count++] = k->input.subjects[i].id;
    signal_record sig = k->input;
    if ((st = s->ops->signal_insert(s, &sig)) < 0)
        return st;
    if ((st = notify_other_cases(s, k, sig.id, actor_ids, actor_count)) < 0)
        return st;
    if ((st = s->ops->signal_get(s, &k->r->arena, sig.id, &k->sig)) <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    audit_entry e = api_audit_entry(k->r, "signal.create", "signal", sig.id, "ok");
    e.detail = arena_printf(&k->r->arena, "case=%lld compartment=%s notified_cases=%zu",
                            (long long)k->c->id, compartment_name(sig.compartment), k->notified);
    return s->ops->audit_append(s, &e, 1);
}

static void create_signal(request *r, json_t *body, const case_record *c)
{
    validation v;
    validation_init(&v);
    signal_validate(body, daf_today(r), &v);
    bool valid = api_valid(r, &v);
    validation_clear(&v);
    if (!valid)
        return;
    create_ctx k = {.r = r, .c = c};
    signal_from_json(body, &r->arena, &k.input);
    k.input.case_id = c->id;
    k.input.recorded_by = r->viewer.user_id;
    k.input.recorded_by_org = r->viewer.org;
    k.input.created_at = r->now;
    k.sig = k.input;
    /* The recorder must be able to read what they file: nobody writes blind. */
    if (!daf_signal_readable(&r->app->daf, &r->viewer, &k.input, false)) {
        reply_problem_errors(r, ERR_VALIDATION_FAILED, "You could not read this signal yourself.",
                             json_pack("[{s:s, s:s}]", "field", "compartment", "message",
                                       "you may not read this compartment, handling and "
                                       "originator combination, so you may not record it"));
        return;
    }
    if (c->status == STATUS_CLOSED) {
        reply_problem(r, ERR_INVALID_TRANSITION, "The case is closed.");
        return;
    }
    db_status st = storage_transact(r->app->db, TX_WRITE, create_body, &k);
    if (st == DB_REFUSED) {
        reply_problem_errors(
            r, ERR_VALIDATION_FAILED, "1 field is invalid",
            json_pack("[{s:s, s:s}]", "field", k.bad_field, "message", k.bad_message));
        return;
    }
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    reply_json(r, 201, signal_to_json(&k.sig));
}

void api_signals_create(request *r)
{
    json_t *body;
    if (!api_body(r, &body))
        return;
    case_record c;
    if (case_load_visible(r, "signal.create", &c)) {
        if (!daf_may_record_signal(&r->viewer))
            api_deny_forbidden(r, "signal.create", "case", c.id, NULL);
        else
            create_signal(r, body, &c);
    }
    json_decref(body);
}

/* ---- the information view ---- */

typedef struct list_ctx {
    request *r;
    int64_t case_id;
    signal_record *signals;
    size_t signal_count;
    release_record *releases;
    size_t release_count;
    actor_record *actors;
    size_t actor_count;
    notification_record *notes;
    size_t note_count;
} list_ctx;

static db_status list_body(storage *s, void *arg)
{
    list_ctx *k = arg;
    arena *a = &k->r->arena;
    db_status st;
    if ((st = s->ops->signal_list(s, a, k->case_id, &k->signals, &k->signal_count)) < 0 ||
        (st = s->ops->release_list_case(s, a, k->case_id, &k->releases, &k->release_count)) < 0 ||
        (st = s->ops->case_actors(s, a, k->case_id, &k->actors, &k->actor_count)) < 0 ||
        (st = s->ops->notification_list_case(s, a, k->case_id, &k->notes, &k->note_count)) < 0)
        return st;
    return DB_ONE;
}

/* The viewer's own newest release request for a signal, or NULL. */
static const release_record *own_request(const list_ctx *k, int64_t signal_id)
{
    const release_record *found = NULL;
    for (size_t i = 0; i < k->release_count; i++)
        if (k->releases[i].signal_id == signal_id &&
            k->releases[i].requested_by == k->r->viewer.user_id)
            found = &k->releases[i]; /* oldest first: the last one is the newest */
    return found;
}

/* Whether one of the viewer's requests for the signal was approved (a release to them). */
static bool released_to_viewer(const list_ctx *k, int64_t signal_id)
{
    for (size_t i = 0; i < k->release_count; i++)
        if (k->releases[i].signal_id == signal_id &&
            k->releases[i].requested_by == k->r->viewer.user_id &&
            k->releases[i].status == RELEASE_APPROVED)
            return true;
    return false;
}

static json_t *stub_with_release(const list_ctx *k, const signal_record *s)
{
    json_t *o = signal_stub_to_json(s);
    const release_record *mine = own_request(k, s->id);
    json_t *rel = json_null();
    if (mine) {
        rel = json_object();
        json_object_set_new(rel, "id", json_integer(mine->id));
        json_object_set_new(rel, "status", json_string(release_status_name(mine->status)));
    }
    json_object_set_new(o, "release", rel);
    return o;
}

static json_t *list_json(const list_ctx *k, size_t *restricted)
{
    json_t *items = json_array(), *actors = json_array(), *notes = json_array();
    *restricted = 0;
    for (size_t i = 0; i < k->signal_count; i++) {
        const signal_record *s = &k->signals[i];
        if (daf_signal_readable(&k->r->app->daf, &k->r->viewer, s, released_to_viewer(k, s->id))) {
            json_array_append_new(items, signal_to_json(s));
        } else {
            json_array_append_new(items, stub_with_release(k, s));
            (*restricted)++;
        }
    }
    for (size_t i = 0; i < k->actor_count; i++)
        json_array_append_new(actors, actor_to_json(&k->actors[i]));
    for (size_t i = 0; i < k->note_count; i++)
        json_array_append_new(notes, notification_to_json(&k->notes[i]));
    json_t *o = json_object();
    json_object_set_new(o, "items", items);
    json_object_set_new(o, "restricted", json_integer((json_int_t)*restricted));
    json_object_set_new(o, "actors", actors);
    json_object_set_new(o, "notifications", notes);
    return o;
}

void api_signals_list(request *r)
{
    case_record c;
    if (!case_load_visible(r, "signal.list", &c))
        return;
    list_ctx k = {.r = r, .case_id = c.id};
    db_status st = storage_transact(r->app->db, TX_READ, list_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    size_t restricted;
    json_t *body = list_json(&k, &restricted);
    audit_entry e = api_audit_entry(r, "signal.list", "case", c.id, "ok");
    e.detail = arena_printf(&r->arena, "signals=%zu restricted=%zu", k.signal_count, restricted);
    reply_json(r, 200, body);
    api_audit_before_reply(r, &e);
}

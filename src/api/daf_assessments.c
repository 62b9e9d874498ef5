/* daf_assessments: writing a threat assessment. POST /api/v1/cases/{id}/assessments drafts one,
 * PUT /api/v1/assessments/{id} lets its author edit a draft or a rejected one (docs/DAF.md). The
 * body is checked in two steps: its shape and vocabulary (assessment_validate, pure and fuzzed),
 * then its references against storage (signals of this case the author may read, actors that
 * exist). */
#include "api/cases_common.h"
#include "api/daf_assessment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    MAX_ASSESSMENT_TEXT = 16000, /* reasoning and vulnerabilities: a written analysis */
    MAX_ASSESSMENT_SIGNALS = 200,
    MAX_ASSESSMENT_ACTORS = 50,
    MAX_MEASURES = 20,
    MAX_MEASURE_LEN = 64,
};

static const char *const product_values[] = {"dreigingsmelding", "IRD", "DI", "DA", "RA", NULL};
static const char *const concreteness_values[] = {"concrete", "conceivable", NULL};

/* "indicators" is an object, which the field table cannot describe: it is checked on its own. */
static const field_spec assessment_fields[] = {
    {"product", FIELD_ENUM, true, 0, 0, product_values},
    {"seriousness", FIELD_INT, false, 1, 5, NULL},
    {"likelihood", FIELD_INT, false, 1, 5, NULL},
    {"intent", FIELD_INT, false, 1, 5, NULL},
    {"capability", FIELD_INT, false, 1, 5, NULL},
    {"threat_level", FIELD_INT, false, 1, 5, NULL},
    {"resistance_level", FIELD_INT, false, 1, 4, NULL},
    {"concreteness", FIELD_ENUM, false, 0, 0, concreteness_values},
    {"reasoning", FIELD_TEXT_LONG, true, 1, MAX_ASSESSMENT_TEXT, NULL},
    {"vulnerabilities", FIELD_TEXT_LONG, false, 0, MAX_ASSESSMENT_TEXT, NULL},
    {"actors", FIELD_ARRAY, false, 0, MAX_ASSESSMENT_ACTORS, NULL},
    {"signals", FIELD_ARRAY, false, 0, MAX_ASSESSMENT_SIGNALS, NULL},
    {"recommended_measures", FIELD_ARRAY, false, 0, MAX_MEASURES, NULL},
    {"version", FIELD_INT, true, 1, INT64_MAX, NULL}, /* last: only when editing */
};
enum { ASSESSMENT_FIELD_COUNT = sizeof assessment_fields / sizeof assessment_fields[0] };

/* Ids of existing rows: positive integers, each once. */
static void check_id_list(validation *v, json_t *list, const char *name)
{
    char path[64];
    for (size_t i = 0; i < json_array_size(list); i++) {
        json_t *id = json_array_get(list, i);
        snprintf(path, sizeof path, "%s[%zu]", name, i);
        if (!json_is_integer(id) || json_integer_value(id) < 1) {
            validation_add(v, path, "must be a positive integer id");
            continue;
        }
        for (size_t j = 0; j < i; j++)
            if (json_equal(id, json_array_get(list, j))) {
                validation_add(v, path, "is listed twice");
                break;
            }
    }
}

/* A measure is a code such as "security_advice": [a-z][a-z0-9_]*, at most 64 characters. */
static bool measure_code_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 1 || n > MAX_MEASURE_LEN || s[0] < 'a' || s[0] > 'z')
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return false;
    return true;
}

static void check_measures(validation *v, json_t *list)
{
    char path[64];
    for (size_t i = 0; i < json_array_size(list); i++) {
        json_t *m = json_array_get(list, i);
        snprintf(path, sizeof path, "recommended_measures[%zu]", i);
        if (!json_is_string(m) || !measure_code_valid(json_string_value(m))) {
            validation_add(v, path, "must be a measure code of a-z, 0-9 and _ (at most 64)");
            continue;
        }
        for (size_t j = 0; j < i; j++)
            if (json_equal(m, json_array_get(list, j))) {
                validation_add(v, path, "is listed twice");
                break;
            }
    }
}

static void check_indicators(validation *v, json_t *indicators)
{
    if (!indicators || json_is_null(indicators))
        return;
    if (!json_is_object(indicators)) {
        validation_add(v, "indicators", "must be an object of indicator: value");
        return;
    }
    char path[160];
    const char *key;
    json_t *value;
    json_object_foreach(indicators, key, value)
    {
        snprintf(path, sizeof path, "indicators.%.64s", key);
        if (!indicator_key_valid(key))
            validation_add(v, path, "is not an indicator of the template warning-behaviour-v1");
        else if (!json_is_string(value) || !indicator_value_valid(json_string_value(value)))
            validation_add(v, path, "must be one of present, absent, unknown");
    }
}

void assessment_validate(json_t *body, bool with_version, validation *v)
{
    /* A shallow copy without "indicators", so that the table's unknown-field check passes it. */
    json_t *fields = json_copy(body);
    if (!fields) {
        validation_add(v, "", "could not be checked");
        return;
    }
    json_object_del(fields, "indicators");
    validation_check(v, fields, assessment_fields,
                     with_version ? ASSESSMENT_FIELD_COUNT : ASSESSMENT_FIELD_COUNT - 1, "");
    json_decref(fields);
    product p = product_parse(json_text(body, "product"));
    if (p != PRODUCT_NONE && daf_product_graded(p)) {
        static const char *const graded[] = {"seriousness", "likelihood"};
        for (size_t i = 0; i < 2; i++) {
            json_t *value = json_object_get(body, graded[i]);
            if (!value || json_is_null(value))
                validation_add(v, graded[i], "is required for a DI, DA or RA");
        }
    }
    check_id_list(v, json_object_get(body, "actors"), "actors");
    check_id_list(v, json_object_get(body, "signals"), "signals");
    check_measures(v, json_object_get(body, "recommended_measures"));
    check_indicators(v, json_object_get(body, "indicators"));
}

static int int_field(json_t *body, const char *name)
{
    return (int)json_integer_value(json_object_get(body, name));
}

static json_t *list_or_empty(json_t *body, const char *name, json_t *empty)
{
    json_t *value = json_object_get(body, name);
    if (!value || json_typeof(value) != json_typeof(empty))
        return empty;
    json_decref(empty);
    return json_incref(value);
}

/* The content column of a validated body (in the arena), or NULL when out of memory. */
static const char *content_from_json(json_t *body, arena *ar)
{
    json_t *content = json_object();
    json_object_set_new(content, "indicator_template", json_string(INDICATOR_TEMPLATE));
    json_object_set_new(content, "actors", list_or_empty(body, "actors", json_array()));
    json_object_set_new(content, "signals", list_or_empty(body, "signals", json_array()));
    json_object_set_new(content, "indicators", list_or_empty(body, "indicators", json_object()));
    json_object_set_new(content, "recommended_measures",
                        list_or_empty(body, "recommended_measures", json_array()));
    char *text = json_dumps(content, JSON_COMPACT);
    json_decref(content);
    const char *out = text ? arena_strdup(ar, text) : NULL;
    free(text);
    return out;
}

/* The assessed fields of a validated body into *a. The threat level is the author's proposal;
 * absent, it is the matrix value. It counts as derived only when it equals the matrix value. */
static bool assessment_from_json(json_t *body, arena *ar, const daf_config *cfg,
                                 assessment_record *a)
{
    a->product = product_parse(json_text(body, "product"));
    a->seriousness = int_field(body, "seriousness");
    a->likelihood = int_field(body, "likelihood");
    a->intent = int_field(body, "intent");
    a->capability = int_field(body, "capability");
    a->resistance_level = int_field(body, "resistance_level");
    int matrix = daf_threat_level(cfg, a->seriousness, a->likelihood);
    int given = int_field(body, "threat_level");
    a->threat_level = given ? given : matrix;
    a->threat_level_derived = matrix != 0 && a->threat_level == matrix;
    a->concreteness = arena_strdup(ar, json_text(body, "concreteness"));
    a->reasoning = arena_strdup(ar, json_text(body, "reasoning"));
    a->vulnerabilities = arena_strdup(ar, json_text(body, "vulnerabilities"));
    a->content = content_from_json(body, ar);
    return a->concreteness && a->reasoning && a->vulnerabilities && a->content;
}

/* ---- references: checked against storage ---- */

enum ref_problem { REF_OK, REF_NOT_OF_CASE, REF_RESTRICTED, REF_MISSING };

typedef struct refs_ctx {
    request *r;
    int64_t case_id;
    json_t *signals, *actors;
    enum ref_problem *signal_problem, *actor_problem;
} refs_ctx;

static db_status check_signals(storage *s, refs_ctx *k)
{
    int64_t *released = NULL;
    size_t released_count = 0;
    db_status st = s->ops->release_granted(s, &k->r->arena, k->case_id, k->r->viewer.user_id,
                                           &released, &released_count);
    if (st < 0)
        return st;
    for (size_t i = 0; i < json_array_size(k->signals); i++) {
        int64_t id = json_integer_value(json_array_get(k->signals, i));
        signal_record sig;
        if ((st = s->ops->signal_get(s, &k->r->arena, id, &sig)) < 0)
            return st;
        if (st == DB_NONE || sig.case_id != k->case_id)
            k->signal_problem[i] = REF_NOT_OF_CASE;
        else if (!daf_signal_readable(&k->r->app->daf, &k->r->viewer, &sig,
                                      daf_id_in(released, released_count, id)))
            k->signal_problem[i] = REF_RESTRICTED;
        else
            k->signal_problem[i] = REF_OK;
    }
    return DB_ONE;
}

static db_status check_refs_body(storage *s, void *arg)
{
    refs_ctx *k = arg;
    db_status st = check_signals(s, k);
    if (st < 0)
        return st;
    for (size_t i = 0; i < json_array_size(k->actors); i++) {
        actor_record act;
        st = s->ops->actor_get(s, &k->r->arena, json_integer_value(json_array_get(k->actors, i)),
                               &act);
        if (st < 0)
            return st;
        k->actor_problem[i] = st == DB_NONE ? REF_MISSING : REF_OK;
    }
    return DB_ONE;
}

static void add_ref_problems(validation *v, const char *name, size_t count,
                             const enum ref_problem *problems)
{
    static const char *const messages[] = {
        [REF_NOT_OF_CASE] = "is not a signal of this case",
        [REF_RESTRICTED] = "is a signal you may not read",
        [REF_MISSING] = "is not a known actor",
    };
    char path[64];
    for (size_t i = 0; i < count; i++)
        if (problems[i] != REF_OK) {
            snprintf(path, sizeof path, "%s[%zu]", name, i);
            validation_add(v, path, messages[problems[i]]);
        }
}

/* Whether the signals and actors the body names may be named by the viewer on this case.
 * Answers 422 (or a storage failure) itself. Problems are gathered per index and reported after
 * the transaction, so that a retried transaction does not report them twice. */
static bool references_valid(request *r, json_t *body, int64_t case_id)
{
    refs_ctx k = {r,    case_id, json_object_get(body, "signals"), json_object_get(body, "actors"),
                  NULL, NULL};
    size_t signals = json_array_size(k.signals), actors = json_array_size(k.actors);
    k.signal_problem = arena_alloc(&r->arena, (signals + 1) * sizeof *k.signal_problem);
    k.actor_problem = arena_alloc(&r->arena, (actors + 1) * sizeof *k.actor_problem);
    if (!k.signal_problem || !k.actor_problem) {
        reply_problem(r, ERR_UNAVAILABLE, NULL);
        return false;
    }
    db_status st = storage_transact(r->app->db, TX_READ, check_refs_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return false;
    }
    validation v;
    validation_init(&v);
    add_ref_problems(&v, "signals", signals, k.signal_problem);
    add_ref_problems(&v, "actors", actors, k.actor_problem);
    bool valid = api_valid(r, &v);
    validation_clear(&v);
    return valid;
}

/* ---- shared steps of create and edit ---- */

/* Whether the viewer's organisation may author the product the body names. An unknown product
 * is left to validation. */
static bool may_author_product(request *r, json_t *body, const char *action, int64_t object_id,
                               const char *object_type)
{
    product p = product_parse(json_text(body, "product"));
    return p == PRODUCT_NONE ||
           assessment_may_author(r, p, "written", action, object_type, object_id);
}

/* Shape, then references; answers 400/422 itself. */
static bool body_valid(request *r, json_t *body, bool with_version, int64_t case_id)
{
    validation v;
    validation_init(&v);
    assessment_validate(body, with_version, &v);
    bool valid = api_valid(r, &v);
    validation_clear(&v);
    return valid && references_valid(r, body, case_id);
}

/* Assessments are written while the case is being assessed, decided or protected: not during
 * intake and not after closing. */
static bool case_open_for_assessment(request *r, const case_record *c)
{
    if (c->status == STATUS_ASSESSMENT || c->status == STATUS_DECISION ||
        c->status == STATUS_PROTECTION)
        return true;
    reply_problem(r, ERR_INVALID_TRANSITION,
                  "Threat assessments are written only for a case in assessment, decision or "
                  "protection.");
    return false;
}

/* ---- POST /api/v1/cases/{id}/assessments ---- */

typedef struct create_ctx {
    request *r;
    assessment_record *a;
    assessment_record desired;
} create_ctx;

static db_status create_body(storage *s, void *arg)
{
    create_ctx *k = arg;
    *k->a = k->desired;
    db_status st = s->ops->assessment_insert(s, k->a);
    if (st <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    int64_t id = k->a->id;
    if ((st = s->ops->assessment_get(s, &k->r->arena, id, k->a)) <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    audit_entry e = api_audit_entry(k->r, "assessment.create", "assessment", id, "ok");
    e.detail = arena_printf(&k->r->arena, "case=%lld product=%s", (long long)k->a->case_id,
                            product_name(k->a->product));
    return s->ops->audit_append(s, &e, 1);
}

static void create_assessment(request *r, json_t *body, const case_record *c)
{
    if (!body_valid(r, body, false, c->id) || !case_open_for_assessment(r, c))
        return;
    assessment_record a = {.case_id = c->id,
                           .status = ASSESSMENT_DRAFT,
                           .author_id = r->viewer.user_id,
                           .created_at = r->now,
                           .review_comment = ""};
    if (!assessment_from_json(body, &r->arena, &r->app->daf, &a)) {
        reply_problem(r, ERR_UNAVAILABLE, NULL);
        return;
    }
    create_ctx k = {r, &a, a};
    db_status st = storage_transact(r->app->db, TX_WRITE, create_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    reply_json(r, 201, assessment_to_json(&a, &r->app->daf, daf_today_text(r)));
}

void api_assessments_create(request *r)
{
    json_t *body;
    if (!api_body(r, &body))
        return;
    case_record c;
    if (!case_load_visible(r, "assessment.create", &c)) {
        json_decref(body);
        return;
    }
    if (r->viewer.role != ROLE_ANALYST)
        api_deny_forbidden(r, "assessment.create", "case", c.id,
                           "Threat assessments are written by the analysts on the case.");
    else if (may_author_product(r, body, "assessment.create", c.id, "case"))
        create_assessment(r, body, &c);
    json_decref(body);
}

/* ---- PUT /api/v1/assessments/{id} ---- */

static bool editable(request *r, const assessment_record *a)
{
    if (a->status == ASSESSMENT_DRAFT || a->status == ASSESSMENT_REJECTED)
        return true;
    reply_problem(r, ERR_INVALID_TRANSITION,
                  "Only a draft or a rejected assessment can be edited; this one is submitted, "
                  "final or superseded.");
    return false;
}

static void edit_assessment(request *r, json_t *body, assessment_record *a)
{
    if (!body_valid(r, body, true, a->case_id) || !editable(r, a))
        return;
    if (!assessment_from_json(body, &r->arena, &r->app->daf, a)) {
        reply_problem(r, ERR_UNAVAILABLE, NULL);
        return;
    }
    a->status = ASSESSMENT_DRAFT; /* a rejected one becomes a draft again until resubmitted */
    const char *detail = arena_printf(&r->arena, "case=%lld product=%s", (long long)a->case_id,
                                      product_name(a->product));
    if (assessment_commit(r, a, "assessment.update", detail, NULL, NULL))
        reply_json(r, 200, assessment_to_json(a, &r->app->daf, daf_today_text(r)));
}

void api_assessments_update(request *r)
{
    json_t *body;
    if (!api_body(r, &body))
        return;
    assessment_record a;
    case_record c;
    if (assessment_load(r, body, "assessment.update", &a, &c, NULL)) {
        if (a.author_id != r->viewer.user_id)
            api_deny_forbidden(r, "assessment.update", "assessment", a.id,
                               "Only the author edits an assessment.");
        else if (may_author_product(r, body, "assessment.update", a.id, "assessment"))
            edit_assessment(r, body, &a);
    }
    json_decref(body);
}

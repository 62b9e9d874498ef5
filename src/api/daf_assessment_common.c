/* daf_assessment_common: loading an assessment under need-to-know, and its JSON with the diff
 * the reviewer reads. */
#include "api/daf_assessment.h"

#include "core/access.h"
#include "core/daf_config.h"

#include <stdio.h>
#include <string.h>

typedef struct load_ctx {
    request *r;
    assessment_record *a;
    case_record *c;
    assessment_record *final; /* NULL: not wanted */
} load_ctx;

static db_status load_body(storage *s, void *arg)
{
    load_ctx *k = arg;
    db_status st = s->ops->assessment_get(s, &k->r->arena, k->r->id, k->a);
    if (st <= 0)
        return st;
    if ((st = s->ops->case_get(s, &k->r->arena, k->a->case_id, k->c)) <= 0)
        return st < 0 ? st : DB_HARD_ERROR; /* an assessment always has its case */
    if (k->final) {
        memset(k->final, 0, sizeof *k->final);
        if ((st = s->ops->assessment_final(s, &k->r->arena, k->a->case_id, k->final)) < 0)
            return st;
    }
    return DB_ONE;
}

bool assessment_load(request *r, json_t *body, const char *action, assessment_record *a,
                     case_record *c, assessment_record *final)
{
    load_ctx k = {r, a, c, final};
    db_status st = storage_transact(r->app->db, TX_READ, load_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return false;
    }
    if (st == DB_NONE) {
        api_deny_not_found(r, action, "assessment", r->id, "not_found");
        return false;
    }
    if (!access_case_visible(&r->viewer, c)) {
        api_deny_not_found(r, action, "assessment", r->id, "denied");
        return false;
    }
    json_t *version = body ? json_object_get(body, "version") : NULL;
    if (json_is_integer(version) && json_integer_value(version) != a->version) {
        reply_problem(r, ERR_VERSION_CONFLICT,
                      "The assessment was changed by someone else; reload it and try again.");
        return false;
    }
    if (body && r->viewer.role != ROLE_ANALYST) {
        api_deny_forbidden(r, action, "assessment", r->id,
                           "Threat assessments are written by the analysts on the case.");
        return false;
    }
    return true;
}

bool assessment_may_author(request *r, product p, const char *verb, const char *action,
                           const char *object_type, int64_t object_id)
{
    if (daf_may_author(&r->app->daf, &r->viewer, p))
        return true;
    const product_rule *rule = &r->app->daf.products[p];
    char orgs[DAF_MAX_AUTHOR_ORGS * DAF_ORG_CODE_MAX + 16] = "";
    size_t used = 0;
    for (size_t i = 0; i < rule->org_count && used < sizeof orgs; i++)
        used +=
            (size_t)snprintf(orgs + used, sizeof orgs - used, "%s%s", i ? ", " : "", rule->orgs[i]);
    const char *detail = arena_printf(&r->arena, "The product %s is %s only by analysts of: %s.",
                                      product_name(p), verb, orgs);
    api_deny_forbidden(r, action, object_type, object_id, detail);
    return false;
}

typedef struct commit_ctx {
    request *r;
    assessment_record *a;
    assessment_record desired; /* the write as asked, restored on every retry */
    const char *action;
    const char *detail;
    assessment_hook hook;
    void *hook_ctx;
} commit_ctx;

static db_status commit_body(storage *s, void *arg)
{
    commit_ctx *k = arg;
    *k->a = k->desired;
    db_status st;
    if (k->hook && (st = k->hook(s, k->r, k->a, k->hook_ctx)) <= 0)
        return st < 0 ? st : DB_REFUSED;
    if ((st = s->ops->assessment_update(s, k->a)) <= 0)
        return st < 0 ? st : DB_REFUSED;
    /* Read back before the audit append, which on PostgreSQL takes the chain's lock until the
     * commit (as cases_common does). */
    if ((st = s->ops->assessment_get(s, &k->r->arena, k->desired.id, k->a)) <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    audit_entry e = api_audit_entry(k->r, k->action, "assessment", k->desired.id, "ok");
    e.detail = k->detail ? k->detail : "";
    return s->ops->audit_append(s, &e, 1);
}

bool assessment_commit(request *r, assessment_record *a, const char *action, const char *detail,
                       assessment_hook hook, void *hook_ctx)
{
    commit_ctx k = {r, a, *a, action, detail, hook, hook_ctx};
    db_status st = storage_transact(r->app->db, TX_WRITE, commit_body, &k);
    if (st == DB_REFUSED) {
        reply_problem(r, ERR_VERSION_CONFLICT,
                      "The assessment or its case was changed by someone else; reload it and try "
                      "again.");
        return false;
    }
    if (st < 0) {
        reply_storage_failure(r, st);
        return false;
    }
    return true;
}

static json_t *str_or_null(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

static json_t *level_or_null(int level)
{
    return level > 0 ? json_integer(level) : json_null();
}

/* The content column: actors, signals, indicators, recommended measures and the template. A
 * column that does not parse (it never should) reads as empty rather than failing the read. */
static json_t *content_of(const assessment_record *a)
{
    json_t *content = a->content ? json_loads(a->content, 0, NULL) : NULL;
    if (!json_is_object(content)) {
        json_decref(content);
        content = json_object();
    }
    return content;
}

static void set_content_field(json_t *o, json_t *content, const char *name, json_t *fallback)
{
    json_t *value = json_object_get(content, name);
    if (value && json_typeof(value) == json_typeof(fallback)) {
        json_object_set(o, name, value);
        json_decref(fallback);
    } else {
        json_object_set_new(o, name, fallback);
    }
}

static json_t *author_json(const assessment_record *a)
{
    json_t *o = json_object();
    json_object_set_new(o, "username", str_or_null(a->author_username));
    json_object_set_new(o, "org", str_or_null(a->author_org));
    return o;
}

static json_t *reviewer_json(const assessment_record *a)
{
    if (a->reviewer_id == 0)
        return json_null();
    json_t *o = json_object();
    json_object_set_new(o, "username", str_or_null(a->reviewer_username));
    return o;
}

static void add_grades(json_t *o, const assessment_record *a, const daf_config *cfg)
{
    json_object_set_new(o, "seriousness", level_or_null(a->seriousness));
    json_object_set_new(o, "likelihood", level_or_null(a->likelihood));
    json_object_set_new(o, "intent", level_or_null(a->intent));
    json_object_set_new(o, "capability", level_or_null(a->capability));
    json_object_set_new(o, "threat_level", level_or_null(a->threat_level));
    json_object_set_new(o, "threat_level_derived", json_boolean(a->threat_level_derived));
    json_object_set_new(o, "matrix_threat_level",
                        level_or_null(daf_threat_level(cfg, a->seriousness, a->likelihood)));
    json_object_set_new(o, "resistance_level", level_or_null(a->resistance_level));
    json_object_set_new(o, "concreteness", str_or_null(a->concreteness));
}

static void add_content(json_t *o, const assessment_record *a)
{
    json_t *content = content_of(a);
    set_content_field(o, content, "actors", json_array());
    set_content_field(o, content, "signals", json_array());
    set_content_field(o, content, "indicators", json_object());
    set_content_field(o, content, "indicator_template", json_string(INDICATOR_TEMPLATE));
    set_content_field(o, content, "recommended_measures", json_array());
    json_decref(content);
}

static void add_review(json_t *o, const assessment_record *a, const char *today)
{
    json_object_set_new(o, "author", author_json(a));
    json_object_set_new(o, "created_at", str_or_null(a->created_at));
    json_object_set_new(o, "submitted_at", str_or_null(a->submitted_at));
    json_object_set_new(o, "reviewer", reviewer_json(a));
    json_object_set_new(o, "review_comment",
                        a->reviewer_id ? json_string(a->review_comment ? a->review_comment : "")
                                       : json_null());
    json_object_set_new(o, "reviewed_at", str_or_null(a->reviewed_at));
    json_object_set_new(o, "valid_until", str_or_null(a->valid_until));
    bool expired = a->valid_until && *a->valid_until && strcmp(a->valid_until, today) < 0;
    json_object_set_new(o, "expired", json_boolean(expired));
    json_object_set_new(o, "supersedes", a->supersedes ? json_integer(a->supersedes) : json_null());
}

json_t *assessment_to_json(const assessment_record *a, const daf_config *cfg, const char *today)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(a->id));
    json_object_set_new(o, "case_id", json_integer(a->case_id));
    json_object_set_new(o, "case_reference", str_or_null(a->case_reference));
    json_object_set_new(o, "product", json_string(product_name(a->product)));
    json_object_set_new(o, "status", json_string(assessment_status_name(a->status)));
    add_grades(o, a, cfg);
    json_object_set_new(o, "reasoning", json_string(a->reasoning ? a->reasoning : ""));
    json_object_set_new(o, "vulnerabilities",
                        json_string(a->vulnerabilities ? a->vulnerabilities : ""));
    add_content(o, a);
    add_review(o, a, today);
    json_object_set_new(o, "version", json_integer(a->version));
    return o;
}

/* The assessed fields a reviewer compares; indicators are compared key by key below. */
static const char *const DIFF_FIELDS[] = {
    "product",      "seriousness",      "likelihood",           "intent",    "capability",
    "threat_level", "resistance_level", "concreteness",         "reasoning", "vulnerabilities",
    "actors",       "signals",          "recommended_measures",
};

static void diff_value(json_t *diff, const char *field, json_t *before, json_t *after)
{
    if (!before)
        before = json_null();
    if (!after)
        after = json_null();
    if (json_equal(before, after))
        return;
    json_t *d = json_object();
    json_object_set_new(d, "field", json_string(field));
    json_object_set(d, "before", before);
    json_object_set(d, "after", after);
    json_array_append_new(diff, d);
}

static json_t *diff_of(json_t *before, json_t *after)
{
    json_t *diff = json_array();
    for (size_t i = 0; i < sizeof DIFF_FIELDS / sizeof DIFF_FIELDS[0]; i++)
        diff_value(diff, DIFF_FIELDS[i], json_object_get(before, DIFF_FIELDS[i]),
                   json_object_get(after, DIFF_FIELDS[i]));
    json_t *ind_before = json_object_get(before, "indicators");
    json_t *ind_after = json_object_get(after, "indicators");
    char field[64];
    for (size_t i = 0; i < INDICATOR_COUNT; i++) {
        snprintf(field, sizeof field, "indicators.%s", INDICATOR_KEYS[i]);
        diff_value(diff, field, json_object_get(ind_before, INDICATOR_KEYS[i]),
                   json_object_get(ind_after, INDICATOR_KEYS[i]));
    }
    return diff;
}

void assessment_add_diff(json_t *o, const assessment_record *a, const assessment_record *final,
                         const daf_config *cfg, const char *today)
{
    if (!final || final->id == 0 || final->id == a->id) {
        json_object_set_new(o, "diff_against", json_null());
        json_object_set_new(o, "diff", json_array());
        return;
    }
    json_t *before = assessment_to_json(final, cfg, today);
    json_object_set_new(o, "diff_against", json_integer(final->id));
    json_object_set_new(o, "diff", diff_of(before, o));
    json_decref(before);
}

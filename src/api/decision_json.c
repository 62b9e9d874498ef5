/* decision_json: the Decision and Measure shapes of docs/DECISIONS.md, the flags, the catalogue,
 * and the loading steps the decision handlers share. */
#include "api/decision_common.h"

#include "core/access.h"
#include "core/validate.h"

static json_t *text_or_null(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

static json_t *text_or_empty(const char *s)
{
    return json_string(s ? s : "");
}

static json_t *id_or_null(int64_t id)
{
    return id > 0 ? json_integer(id) : json_null();
}

static json_t *level_or_null(int level)
{
    return level > 0 ? json_integer(level) : json_null();
}

int64_t decision_today(const request *r)
{
    return clock_today_days(r->now_ms);
}

const char *decision_day_text(request *r, int64_t days)
{
    char buf[DATE_TEXT_SIZE];
    date_format(days, buf);
    return arena_strdup(&r->arena, buf);
}

json_t *measure_to_json(const measure_record *m)
{
    const measure_info *info = measure_info_of(m->type);
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(m->id));
    json_object_set_new(o, "decision_id", json_integer(m->decision_id));
    json_object_set_new(o, "case_id", json_integer(m->case_id));
    json_object_set_new(o, "case_reference", text_or_null(m->case_reference));
    json_object_set_new(o, "type", json_string(measure_type_name(m->type)));
    json_object_set_new(o, "label_nl", text_or_empty(info ? info->label_nl : ""));
    json_object_set_new(o, "label_en", text_or_empty(info ? info->label_en : ""));
    json_object_set_new(o, "person_oriented", json_boolean(info && info->person_oriented));
    json_object_set_new(o, "executor_org", text_or_empty(m->executor_org));
    json_object_set_new(o, "executor_org_name", text_or_empty(m->executor_org_name));
    json_object_set_new(o, "object_id", id_or_null(m->object_id));
    json_object_set_new(o, "start", text_or_null(m->start));
    json_object_set_new(o, "end", text_or_null(m->end));
    json_object_set_new(o, "details", text_or_empty(m->details));
    json_object_set_new(o, "status", json_string(measure_status_name(m->status)));
    json_object_set_new(o, "planned_at", text_or_null(m->planned_at));
    json_object_set_new(o, "activated_at", text_or_null(m->activated_at));
    json_object_set_new(o, "suspended_at", text_or_null(m->suspended_at));
    json_object_set_new(o, "ended_at", text_or_null(m->ended_at));
    json_object_set_new(o, "note", text_or_empty(m->note));
    json_object_set_new(o, "updated_by", text_or_null(m->updated_by_username));
    json_object_set_new(o, "version", json_integer(m->version));
    return o;
}

static json_t *contact_json(const decision_record *d)
{
    if (d->contact_user_id <= 0)
        return json_null();
    json_t *o = json_object();
    json_object_set_new(o, "username", text_or_empty(d->contact_username));
    json_object_set_new(o, "display_name", text_or_empty(d->contact_display_name));
    return o;
}

static void add_reasons(json_t *o, const decision_record *d)
{
    json_object_set_new(o, "deviation_reasoning", text_or_empty(d->deviation_reasoning));
    json_object_set_new(o, "proportionality", text_or_empty(d->proportionality));
    json_object_set_new(o, "tbp_view", text_or_empty(d->tbp_view));
    json_object_set_new(o, "tbp_not_heard_reason", text_or_empty(d->tbp_not_heard_reason));
    json_object_set_new(o, "tbp_refusal", text_or_empty(d->tbp_refusal));
    json_object_set_new(o, "legal_basis", text_or_empty(d->legal_basis));
    json_object_set_new(o, "review_date", text_or_null(d->review_date));
    json_object_set_new(o, "below_package_reason", text_or_empty(d->below_package_reason));
}

json_t *decision_to_json(const decision_record *d, bool with_measures)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(d->id));
    json_object_set_new(o, "case_id", json_integer(d->case_id));
    json_object_set_new(o, "case_reference", text_or_null(d->case_reference));
    json_object_set_new(o, "authority_org", text_or_empty(d->authority_org));
    json_t *by = json_object();
    json_object_set_new(by, "username", text_or_null(d->decided_by_username));
    json_object_set_new(by, "org", text_or_null(d->authority_org));
    json_object_set_new(o, "decided_by", by);
    json_object_set_new(o, "decided_at", text_or_null(d->decided_at));
    json_object_set_new(o, "status", json_string(decision_status_name(d->status)));
    json_object_set_new(o, "basis", json_string(decision_basis_name(d->basis)));
    json_object_set_new(o, "provisional", json_boolean(d->basis == BASIS_URGENT));
    json_object_set_new(o, "confirm_by", text_or_null(d->confirm_by));
    json_object_set_new(o, "assessment_id", id_or_null(d->assessment_id));
    json_object_set_new(o, "threat_level", level_or_null(d->threat_level));
    json_object_set_new(o, "resistance_level", level_or_null(d->resistance_level));
    json_object_set_new(o, "proposed_threat_level", level_or_null(d->proposed_threat_level));
    json_object_set_new(o, "proposed_resistance_level",
                        level_or_null(d->proposed_resistance_level));
    add_reasons(o, d);
    json_object_set_new(o, "contact_person", contact_json(d));
    json_object_set_new(o, "supersedes", id_or_null(d->supersedes));
    json_object_set_new(o, "version", json_integer(d->version));
    if (with_measures) {
        json_t *measures = json_array();
        for (size_t i = 0; i < d->measure_count; i++)
            json_array_append_new(measures, measure_to_json(&d->measures[i]));
        json_object_set_new(o, "measures", measures);
    }
    return o;
}

json_t *flags_to_json(unsigned flags)
{
    json_t *a = json_array();
    for (unsigned i = 0; i < CASE_FLAG_COUNT; i++)
        if (flags & (1u << i))
            json_array_append_new(a, json_string(case_flag_name(i)));
    return a;
}

unsigned decision_case_flags(request *r, const case_currency *cc)
{
    return case_flags(cc, decision_today(r));
}

db_status decision_case_flags_load(storage *s, request *r, int64_t case_id, unsigned *flags)
{
    case_currency cc;
    *flags = 0;
    db_status st = s->ops->currency_get(s, &r->arena, case_id, &cc);
    if (st == DB_ONE)
        *flags = decision_case_flags(r, &cc);
    return st < 0 ? st : DB_ONE;
}

/* ---- the catalogue ---- */

static json_t *types_json(const measure_package *p)
{
    json_t *a = json_array();
    for (size_t i = 0; i < p->count; i++)
        json_array_append_new(a, json_string(measure_type_name(p->types[i])));
    return a;
}

static json_t *packages_json(const measure_package *levels)
{
    json_t *o = json_object();
    for (int level = 1; level <= RESISTANCE_LEVELS; level++) {
        char key[4] = {(char)('0' + level), '\0'};
        json_object_set_new(o, key, types_json(&levels[level - 1]));
    }
    return o;
}

static json_t *measure_info_json(const measure_info *info)
{
    json_t *kinds = json_array();
    for (size_t k = 0; k < MEASURE_MAX_EXECUTOR_KINDS && info->executor_kinds[k]; k++)
        json_array_append_new(kinds, json_string(info->executor_kinds[k]));
    json_t *o = json_object();
    json_object_set_new(o, "type", json_string(measure_type_name(info->type)));
    json_object_set_new(o, "label_nl", text_or_empty(info->label_nl));
    json_object_set_new(o, "label_en", text_or_empty(info->label_en));
    json_object_set_new(o, "person_oriented", json_boolean(info->person_oriented));
    json_object_set_new(o, "object_standard", json_boolean(info->object_standard));
    json_object_set_new(o, "executor_kinds", kinds);
    json_object_set_new(o, "typical_executor", text_or_empty(info->typical_executor));
    json_object_set_new(o, "posts", json_integer(info->posts));
    json_object_set_new(o, "qualification", text_or_empty(info->qualification));
    json_object_set_new(o, "hours_per_day", json_integer(info->hours_per_day));
    json_object_set_new(o, "frequency", text_or_empty(info->frequency));
    return o;
}

json_t *catalogue_to_json(const decision_config *cfg)
{
    json_t *measures = json_array();
    for (int t = 0; t < MEASURE__COUNT; t++) {
        const measure_info *info = measure_info_of((measure_type)t);
        if (info)
            json_array_append_new(measures, measure_info_json(info));
    }
    json_t *packages = json_object();
    json_object_set_new(packages, "persons", packages_json(cfg->person_packages));
    json_object_set_new(packages, "objects", packages_json(cfg->object_packages));
    json_object_set_new(packages, "category_i", types_json(&cfg->category_i_package));
    json_t *o = json_object();
    json_object_set_new(o, "measures", measures);
    json_object_set_new(o, "packages", packages);
    json_object_set_new(o, "urgent_confirm_days", json_integer(cfg->urgent_confirm_days));
    json_object_set_new(o, "review_days_default", json_integer(cfg->review_days_default));
    json_object_set_new(o, "aftercare_days", json_integer(cfg->aftercare_days));
    return o;
}

/* ---- shared steps ---- */

typedef struct case_ctx {
    request *r;
    int64_t id;
    case_record *c;
} case_ctx;

static db_status load_case(storage *s, void *arg)
{
    case_ctx *k = arg;
    return s->ops->case_get(s, &k->r->arena, k->id, k->c);
}

bool decision_case_visible(request *r, int64_t case_id, const char *action, const char *object_type,
                           int64_t object_id, case_record *c)
{
    case_ctx k = {r, case_id, c};
    db_status st = storage_transact(r->app->db, TX_READ, load_case, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return false;
    }
    if (st == DB_NONE || !access_case_visible(&r->viewer, c)) {
        api_deny_not_found(r, action, object_type, object_id,
                           st == DB_NONE ? "not_found" : "denied");
        return false;
    }
    return true;
}

bool decision_version_stale(request *r, json_t *body, int64_t current, const char *what)
{
    json_t *version = json_object_get(body, "version");
    if (!json_is_integer(version) || json_integer_value(version) == current)
        return false;
    reply_problem(r, ERR_VERSION_CONFLICT,
                  arena_printf(&r->arena,
                               "The %s was changed by someone else; reload it and try again.",
                               what));
    return true;
}

bool decision_fields_valid(request *r, json_t *body, const field_spec *spec, size_t count)
{
    validation v;
    validation_init(&v);
    validation_check(&v, body, spec, count, "");
    bool valid = api_valid(r, &v);
    validation_clear(&v);
    return valid;
}

/* ---- conflicts of interest of the authority ---- */

db_status decision_conflicts_load(storage *s, request *r, const case_record *c,
                                  const authority_choice *choice, conflict_list *out)
{
    out->count = 0;
    out->items = arena_alloc(&r->arena, (c->person_count + 1) * sizeof *out->items);
    if (!out->items)
        return DB_HARD_ERROR;
    for (size_t i = 0; i < c->person_count; i++) {
        const person_record *p = &c->persons[i];
        const char *kind = "";
        if (p->employer_org && *p->employer_org) {
            org_row org;
            db_status st = s->ops->org_get(s, &r->arena, p->employer_org, &org);
            if (st < 0)
                return st;
            if (st == DB_ONE)
                kind = org.kind;
        }
        if (decision_authority_check(choice, p, &kind, 1, &out->items[out->count]) != ERR_OK)
            out->count++;
    }
    return DB_ONE;
}

void reply_authority_conflict(request *r, const conflict_list *l)
{
    json_t *conflicts = json_array();
    for (size_t i = 0; i < l->count; i++)
        json_array_append_new(conflicts,
                              json_pack("{s:I, s:s}", "person_id",
                                        (json_int_t)l->items[i].person_id, "employer_org",
                                        l->items[i].employer_org ? l->items[i].employer_org : ""));
    reply_problem_members(r, ERR_AUTHORITY_CONFLICT, l->count ? l->items[0].detail : NULL,
                          json_pack("{s:o}", "conflicts", conflicts));
}

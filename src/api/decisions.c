/* decisions: POST /api/v1/cases/{id}/decisions, the authority decides which measures protect
 * (docs/DECISIONS.md). The body is checked in three steps: its shape (decisions_validate, pure
 * and fuzzed), its references against storage (executors, objects, the contact person), then the
 * rules (decision_check) inside the one write transaction, on facts read there: the final
 * assessment, category I of the limitative list, a national case elsewhere. The case row's
 * version check in that transaction makes the second of two concurrent decisions a 409, so two
 * decisions can never both pass on stale facts. */
#include "api/decision_common.h"

#include "core/lifecycle.h"
#include "core/validate.h"

#include <stdio.h>
#include <string.h>

enum {
    MAX_DECISION_MEASURES = 20,
    MAX_DETAILS_LEN = 2000,
    MAX_LEGAL_BASIS_LEN = 500,
    START_DAYS_BACK = 30,
    DAYS_AHEAD = 366, /* "within a year" */
};

static const field_spec decision_fields[] = {
    {"urgent", FIELD_BOOL, false, 0, 0, NULL},
    {"measures", FIELD_ARRAY, true, 0, MAX_DECISION_MEASURES, NULL},
    {"threat_level", FIELD_INT, false, 1, 5, NULL},
    {"resistance_level", FIELD_INT, false, 1, RESISTANCE_LEVELS, NULL},
    {"deviation_reasoning", FIELD_TEXT_LONG, false, 0, MAX_TEXT_LEN, NULL},
    {"proportionality", FIELD_TEXT_LONG, true, 1, MAX_TEXT_LEN, NULL},
    {"tbp_view", FIELD_TEXT_LONG, false, 1, MAX_TEXT_LEN, NULL},
    {"tbp_not_heard_reason", FIELD_TEXT_LONG, false, 1, MAX_TEXT_LEN, NULL},
    {"tbp_refusal", FIELD_TEXT_LONG, false, 0, MAX_TEXT_LEN, NULL},
    {"legal_basis", FIELD_TEXT_LONG, true, 1, MAX_LEGAL_BASIS_LEN, NULL},
    {"review_date", FIELD_DATE, false, 0, 0, NULL},
    {"below_package_reason", FIELD_TEXT_LONG, false, 0, MAX_TEXT_LEN, NULL},
    {"contact_person", FIELD_TEXT, false, 1, MAX_USERNAME_LEN, NULL},
    {"version", FIELD_INT, true, 1, INT64_MAX, NULL},
};
enum { DECISION_FIELD_COUNT = sizeof decision_fields / sizeof decision_fields[0] };

/* ---- shape ---- */

static bool present(json_t *obj, const char *name)
{
    json_t *v = json_object_get(obj, name);
    return v && !json_is_null(v);
}

static void check_measure_dates(validation *v, json_t *m, const char *prefix, int64_t today)
{
    char path[64];
    int64_t start, end;
    if (!date_parse(json_text(m, "start"), &start))
        return; /* reported by the field table */
    snprintf(path, sizeof path, "%s.start", prefix);
    if (start < today - START_DAYS_BACK || start > today + DAYS_AHEAD)
        validation_add(v, path, "must lie within 30 days back and a year ahead");
    snprintf(path, sizeof path, "%s.end", prefix);
    if (date_parse(json_text(m, "end"), &end) && end < start)
        validation_add(v, path, "must not be before start");
}

/* Two measures are the same when type, executor and object agree. */
static bool same_measure(json_t *a, json_t *b)
{
    return strcmp(json_text(a, "type"), json_text(b, "type")) == 0 &&
           strcmp(json_text(a, "executor_org"), json_text(b, "executor_org")) == 0 &&
           json_integer_value(json_object_get(a, "object_id")) ==
               json_integer_value(json_object_get(b, "object_id"));
}

static void check_measures(validation *v, json_t *list, int64_t today)
{
    const char *types[MEASURE__COUNT + 1];
    for (int t = 0; t < MEASURE__COUNT; t++)
        types[t] = measure_type_name((measure_type)t);
    types[MEASURE__COUNT] = NULL;
    const field_spec measure_fields[] = {
        {"type", FIELD_ENUM, true, 0, 0, types},
        {"executor_org", FIELD_TEXT, true, 1, 64, NULL},
        {"start", FIELD_DATE, true, 0, 0, NULL},
        {"end", FIELD_DATE, false, 0, 0, NULL},
        {"details", FIELD_TEXT_LONG, false, 0, MAX_DETAILS_LEN, NULL},
        {"object_id", FIELD_INT, false, 1, INT64_MAX, NULL},
    };
    char prefix[32];
    for (size_t i = 0; i < json_array_size(list); i++) {
        json_t *m = json_array_get(list, i);
        snprintf(prefix, sizeof prefix, "measures[%zu]", i);
        if (!json_is_object(m)) {
            validation_add(v, prefix, "must be an object");
            continue;
        }
        validation_check(v, m, measure_fields, sizeof measure_fields / sizeof measure_fields[0],
                         prefix);
        check_measure_dates(v, m, prefix, today);
        for (size_t j = 0; j < i; j++)
            if (json_is_object(json_array_get(list, j)) &&
                same_measure(m, json_array_get(list, j))) {
                validation_add(v, prefix, "is listed twice (same type, executor and object)");
                break;
            }
    }
}

void decisions_validate(json_t *body, int64_t today, validation *v)
{
    validation_check(v, body, decision_fields, DECISION_FIELD_COUNT, "");
    json_t *measures = json_object_get(body, "measures");
    if (json_is_array(measures))
        check_measures(v, measures, today);
    bool view = present(body, "tbp_view"), not_heard = present(body, "tbp_not_heard_reason");
    if (view == not_heard)
        validation_add(v, "tbp_view",
                       "give exactly one of tbp_view and tbp_not_heard_reason: the protected "
                       "person's view, or why they were not heard");
    int64_t review;
    if (date_parse(json_text(body, "review_date"), &review) &&
        (review <= today || review > today + DAYS_AHEAD))
        validation_add(v, "review_date", "must lie after today and within a year");
}

/* ---- references: checked against storage ---- */

typedef struct refs_ctx {
    request *r;
    json_t *body;
    int64_t case_id;
    const char **problem_field; /* per measure: the field at fault, NULL when fine */
    const char **problem;
    const char *contact_problem;
    int64_t contact_user_id;
} refs_ctx;

static db_status check_measure_refs(storage *s, refs_ctx *k, size_t i, json_t *m)
{
    org_row org;
    db_status st = s->ops->org_get(s, &k->r->arena, json_text(m, "executor_org"), &org);
    if (st < 0)
        return st;
    if (st == DB_NONE || !measure_executor_kind_valid(org.kind)) {
        k->problem_field[i] = "executor_org";
        k->problem[i] = st == DB_NONE ? "is not a known organisation"
                                      : "must be an organisation of kind police or kmar";
        return DB_ONE;
    }
    int64_t object_id = json_integer_value(json_object_get(m, "object_id"));
    if (object_id <= 0)
        return DB_ONE;
    object_record o;
    if ((st = s->ops->object_get(s, &k->r->arena, object_id, &o)) < 0)
        return st;
    if (st == DB_NONE || o.case_id != k->case_id) {
        k->problem_field[i] = "object_id";
        k->problem[i] = "is not an object of this case";
    }
    return DB_ONE;
}

static db_status check_contact(storage *s, refs_ctx *k)
{
    const char *username = json_text(k->body, "contact_person");
    if (!*username)
        return DB_ONE;
    user_row u;
    db_status st = s->ops->user_by_username(s, &k->r->arena, username, &u);
    if (st < 0)
        return st;
    if (st == DB_NONE || !u.active || u.role != ROLE_CARE)
        k->contact_problem = "must be the username of an active care user";
    else
        k->contact_user_id = u.id;
    return DB_ONE;
}

static db_status refs_body(storage *s, void *arg)
{
    refs_ctx *k = arg;
    json_t *list = json_object_get(k->body, "measures");
    k->contact_problem = NULL;
    k->contact_user_id = 0;
    db_status st;
    for (size_t i = 0; i < json_array_size(list); i++) {
        k->problem_field[i] = k->problem[i] = NULL;
        if ((st = check_measure_refs(s, k, i, json_array_get(list, i))) < 0)
            return st;
    }
    return check_contact(s, k);
}

/* Whether the executors, objects and contact person the body names exist and fit. Answers 422
 * (or a storage failure) itself; *contact_user_id receives the contact person's id. */
static bool references_valid(request *r, json_t *body, int64_t case_id, int64_t *contact_user_id)
{
    size_t n = json_array_size(json_object_get(body, "measures"));
    refs_ctx k = {.r = r, .body = body, .case_id = case_id};
    k.problem_field = arena_alloc(&r->arena, (n + 1) * sizeof *k.problem_field);
    k.problem = arena_alloc(&r->arena, (n + 1) * sizeof *k.problem);
    if (!k.problem_field || !k.problem) {
        reply_problem(r, ERR_UNAVAILABLE, NULL);
        return false;
    }
    db_status st = storage_transact(r->app->db, TX_READ, refs_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return false;
    }
    validation v;
    validation_init(&v);
    char path[64];
    for (size_t i = 0; i < n; i++)
        if (k.problem[i]) {
            snprintf(path, sizeof path, "measures[%zu].%s", i, k.problem_field[i]);
            validation_add(&v, path, k.problem[i]);
        }
    if (k.contact_problem)
        validation_add(&v, "contact_person", k.contact_problem);
    bool valid = api_valid(r, &v);
    validation_clear(&v);
    *contact_user_id = k.contact_user_id;
    return valid;
}

/* ---- the decision as asked ---- */

typedef struct asked {
    size_t count;
    measure_record *measures; /* status, ids and decision_id filled in the transaction */
    measure_type *types;
    int64_t *ends; /* days; -1 none */
} asked;

static bool asked_from_json(request *r, json_t *list, int64_t case_id, asked *out)
{
    out->count = json_array_size(list);
    out->measures = arena_alloc(&r->arena, (out->count + 1) * sizeof *out->measures);
    out->types = arena_alloc(&r->arena, (out->count + 1) * sizeof *out->types);
    out->ends = arena_alloc(&r->arena, (out->count + 1) * sizeof *out->ends);
    if (!out->measures || !out->types || !out->ends)
        return false;
    for (size_t i = 0; i < out->count; i++) {
        json_t *m = json_array_get(list, i);
        measure_record *rec = &out->measures[i];
        *rec = (measure_record){
            .case_id = case_id,
            .type = measure_type_parse(json_text(m, "type")),
            .executor_org = arena_strdup(&r->arena, json_text(m, "executor_org")),
            .object_id = json_integer_value(json_object_get(m, "object_id")),
            .start = arena_strdup(&r->arena, json_text(m, "start")),
            .end = arena_strdup(&r->arena, json_text(m, "end")),
            .details = arena_strdup(&r->arena, json_text(m, "details")),
            .status = MSTATUS_PLANNED,
            .note = "",
        };
        out->types[i] = rec->type;
        if (!date_parse(rec->end, &out->ends[i]))
            out->ends[i] = -1;
    }
    return true;
}

/* ---- the transaction ---- */

typedef struct decide_ctx {
    request *r;
    json_t *body;
    int64_t asked_version;
    int64_t contact_user_id;
    asked want;
    /* results of one attempt (reset on every retry) */
    case_record c;
    decision_outcome outcome;
    decision_record d;
    schild_err refusal;
    const char *refusal_detail;
    size_t ended_count;
} decide_ctx;

static db_status refuse(decide_ctx *k, schild_err err, const char *detail)
{
    k->refusal = err;
    k->refusal_detail = detail;
    return DB_REFUSED;
}

/* Whether a person of the local case k->c is in a national-domain case that is not closed. */
static db_status national_case_elsewhere(storage *s, decide_ctx *k, bool *out)
{
    *out = false;
    for (size_t i = 0; i < k->c.person_count && !*out; i++) {
        case_record *cases;
        size_t n;
        db_status st = s->ops->person_cases(s, &k->r->arena, k->c.persons[i].id, &cases, &n);
        if (st < 0)
            return st;
        for (size_t j = 0; j < n; j++)
            if (cases[j].id != k->c.id && cases[j].domain == DOMAIN_NATIONAL &&
                cases[j].status != STATUS_CLOSED)
                *out = true;
    }
    return DB_ONE;
}

static db_status category_i(storage *s, decide_ctx *k, bool *out)
{
    const char *today = decision_day_text(k->r, decision_today(k->r));
    *out = false;
    for (size_t i = 0; i < k->c.person_count && !*out; i++) {
        limitative_entry e;
        db_status st =
            s->ops->limitative_for_person(s, &k->r->arena, k->c.persons[i].id, today, &e);
        if (st < 0)
            return st;
        *out = st == DB_ONE && e.category == 1;
    }
    return DB_ONE;
}

/* The rules on facts read inside this transaction. */
static db_status check_rules(storage *s, decide_ctx *k, assessment_record *final, bool *has_final)
{
    db_status st = s->ops->assessment_final(s, &k->r->arena, k->c.id, final);
    if (st < 0)
        return st;
    *has_final = st == DB_ONE;
    decision_facts f = {
        .by = &k->r->viewer,
        .c = &k->c,
        .subject = k->c.subject,
        .today = decision_today(k->r),
        .urgent = json_flag(k->body, "urgent"),
        .final = *has_final ? final : NULL,
        .threat_level = (int)json_integer_value(json_object_get(k->body, "threat_level")),
        .resistance_level = (int)json_integer_value(json_object_get(k->body, "resistance_level")),
        .deviation_reasoning = json_text(k->body, "deviation_reasoning"),
        .below_package_reason = json_text(k->body, "below_package_reason"),
        .measure_count = k->want.count,
        .measures = k->want.types,
        .measure_ends = k->want.ends,
    };
    if ((st = category_i(s, k, &f.category_i)) < 0)
        return st;
    if (k->c.domain == DOMAIN_LOCAL &&
        (st = national_case_elsewhere(s, k, &f.national_case_elsewhere)) < 0)
        return st;
    schild_err err = decision_check(&k->r->app->decisions, &f, &k->outcome);
    if (err != ERR_OK)
        return refuse(k, err, k->outcome.detail);
    return DB_ONE;
}

/* The case's state move: decision -> protection (with measures) or -> closed (without);
 * protection stays. Category I needs no assessment, so such a case may be decided on while
 * still in status assessment: it moves as from decision. */
static db_status move_case(decide_ctx *k)
{
    lifecycle_event ev = k->want.count ? EVENT_DECIDE_MEASURES : EVENT_DECIDE_NO_MEASURES;
    case_state state = {k->c.status, k->c.awaiting_information};
    if (state.status == STATUS_ASSESSMENT) {
        if (k->outcome.basis != BASIS_CATEGORY_I)
            return refuse(k, ERR_INVALID_TRANSITION,
                          "A case in status assessment is decided on only with category I of "
                          "the limitative list.");
        state.status = STATUS_DECISION;
    }
    if (lifecycle_apply(&state, ev) != ERR_OK)
        return refuse(k, ERR_INVALID_TRANSITION,
                      "A decision without measures closes a case in status decision; a case "
                      "under protection is ended with /end.");
    k->c.status = state.status;
    k->c.updated_at = k->r->now;
    return DB_ONE;
}

static db_status precheck_status(decide_ctx *k)
{
    case_status st = k->c.status;
    if (st != STATUS_ASSESSMENT && st != STATUS_DECISION && st != STATUS_PROTECTION)
        return refuse(k, ERR_INVALID_TRANSITION,
                      "Only a case in status decision or protection can be decided on.");
    if (st == STATUS_PROTECTION && k->want.count == 0)
        return refuse(k, ERR_INVALID_TRANSITION,
                      "A case under protection is ended with /end, not with a decision without "
                      "measures.");
    return DB_ONE;
}

static void fill_decision(decide_ctx *k, const assessment_record *final, bool has_final,
                          int64_t supersedes)
{
    request *r = k->r;
    json_t *b = k->body;
    const char *review = json_text(b, "review_date");
    if (!*review)
        review = decision_day_text(r, decision_today(r) + r->app->decisions.review_days_default);
    k->d = (decision_record){
        .case_id = k->c.id,
        .authority_org = k->c.authority_org,
        .decided_by = r->viewer.user_id,
        .decided_at = r->now,
        .status = DSTATUS_IN_FORCE,
        .basis = k->outcome.basis,
        .assessment_id = has_final && k->outcome.basis != BASIS_CATEGORY_I ? final->id : 0,
        .threat_level = k->outcome.threat_level,
        .resistance_level = k->outcome.resistance_level,
        .proposed_threat_level = k->outcome.proposed_threat_level,
        .proposed_resistance_level = k->outcome.proposed_resistance_level,
        .deviation_reasoning = json_text(b, "deviation_reasoning"),
        .proportionality = json_text(b, "proportionality"),
        .tbp_view = json_text(b, "tbp_view"),
        .tbp_not_heard_reason = json_text(b, "tbp_not_heard_reason"),
        .tbp_refusal = json_text(b, "tbp_refusal"),
        .legal_basis = json_text(b, "legal_basis"),
        .review_date = review,
        .below_package_reason = json_text(b, "below_package_reason"),
        .confirm_by = k->outcome.confirm_by >= 0 ? decision_day_text(r, k->outcome.confirm_by) : "",
        .contact_user_id = k->contact_user_id,
        .supersedes = supersedes,
    };
}

/* The previous decision in force becomes superseded; *prev keeps its measures. */
static db_status supersede_previous(storage *s, decide_ctx *k, decision_record *prev, bool *had)
{
    db_status st = s->ops->decision_in_force(s, &k->r->arena, k->c.id, prev);
    *had = st == DB_ONE;
    if (st <= 0)
        return st;
    if ((st = s->ops->decision_get(s, &k->r->arena, prev->id, prev)) <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    prev->status = DSTATUS_SUPERSEDED;
    if ((st = s->ops->decision_update(s, prev)) == DB_NONE)
        return refuse(k, ERR_VERSION_CONFLICT,
                      "The decision in force was changed meanwhile; reload and try again.");
    return st;
}

static db_status add_event(storage *s, decide_ctx *k, const char *event, const char *text)
{
    case_event e = {.at = k->r->now,
                    .event = event,
                    .actor_username = k->r->viewer.username,
                    .actor_org = k->r->viewer.org,
                    .text = text};
    return s->ops->case_event_add(s, k->c.id, &e);
}

/* An open measure of the previous decision that the new measure want continues, or NULL. */
static measure_record *continued(decision_record *prev, const measure_record *want, bool *taken)
{
    for (size_t i = 0; i < prev->measure_count; i++) {
        measure_record *m = &prev->measures[i];
        if (!taken[i] && m->status != MSTATUS_ENDED && m->type == want->type &&
            strcmp(m->executor_org, want->executor_org) == 0 && m->object_id == want->object_id) {
            taken[i] = true;
            return m;
        }
    }
    return NULL;
}

static db_status store_measure(storage *s, decide_ctx *k, decision_record *prev, bool *taken,
                               const measure_record *want)
{
    measure_record *old = prev ? continued(prev, want, taken) : NULL;
    db_status st;
    if (old) {
        old->decision_id = k->d.id;
        old->start = want->start;
        old->end = want->end;
        old->details = want->details;
        st = s->ops->measure_update(s, old, k->r->viewer.user_id);
        if (st == DB_NONE)
            return refuse(k, ERR_VERSION_CONFLICT,
                          "A measure was changed meanwhile; reload and try again.");
        return st;
    }
    measure_record m = *want;
    m.decision_id = k->d.id;
    m.status = MSTATUS_PLANNED;
    m.planned_at = k->r->now;
    return s->ops->measure_insert(s, &m, k->r->viewer.user_id);
}

/* The open measures of the previous decision the new one does not continue end: scaling down. */
static db_status end_discontinued(storage *s, decide_ctx *k, decision_record *prev, bool *taken)
{
    for (size_t i = 0; i < prev->measure_count; i++) {
        measure_record *m = &prev->measures[i];
        if (taken[i] || m->status == MSTATUS_ENDED)
            continue;
        m->status = MSTATUS_ENDED;
        m->ended_at = k->r->now;
        m->note = arena_printf(&k->r->arena, "Ended by decision %lld", (long long)k->d.id);
        db_status st = s->ops->measure_update(s, m, k->r->viewer.user_id);
        if (st == DB_NONE)
            return refuse(k, ERR_VERSION_CONFLICT,
                          "A measure was changed meanwhile; reload and try again.");
        if (st < 0)
            return st;
        const char *text =
            arena_printf(&k->r->arena, "%s (%s): ended by decision %lld",
                         measure_type_name(m->type), m->executor_org, (long long)k->d.id);
        if ((st = add_event(s, k, "measure_ended", text)) < 0)
            return st;
        k->ended_count++;
    }
    return DB_ONE;
}

static db_status store_measures(storage *s, decide_ctx *k, decision_record *prev)
{
    size_t prev_count = prev ? prev->measure_count : 0;
    bool *taken = arena_alloc(&k->r->arena, prev_count + 1);
    if (!taken)
        return DB_HARD_ERROR;
    memset(taken, 0, prev_count + 1);
    db_status st;
    for (size_t i = 0; i < k->want.count; i++)
        if ((st = store_measure(s, k, prev, taken, &k->want.measures[i])) < 0)
            return st;
    if (prev && (st = end_discontinued(s, k, prev, taken)) < 0)
        return st;
    for (size_t i = 0; i < k->want.count; i++) {
        team_member m = {.org = k->want.measures[i].executor_org, .membership = "executor"};
        if ((st = s->ops->case_team_add(s, k->c.id, &m)) < 0)
            return st;
    }
    return DB_ONE;
}

static const char *decision_text(decide_ctx *k)
{
    return arena_printf(&k->r->arena,
                        "Decision %lld (%s): %zu measure%s, threat level %d, resistance level %d%s",
                        (long long)k->d.id, decision_basis_name(k->d.basis), k->want.count,
                        k->want.count == 1 ? "" : "s", k->d.threat_level, k->d.resistance_level,
                        k->d.basis == BASIS_URGENT ? ", provisional" : "");
}

static db_status write_decision(storage *s, decide_ctx *k, const assessment_record *final,
                                bool has_final)
{
    decision_record prev;
    bool had_prev;
    db_status st = supersede_previous(s, k, &prev, &had_prev);
    if (st < 0 || st == DB_REFUSED)
        return st;
    fill_decision(k, final, has_final, had_prev ? prev.id : 0);
    if ((st = s->ops->decision_insert(s, &k->d)) < 0)
        return st;
    if ((st = store_measures(s, k, had_prev ? &prev : NULL)) < 0 || st == DB_REFUSED)
        return st;
    if ((st = s->ops->case_update(s, &k->c)) == DB_NONE)
        return refuse(k, ERR_VERSION_CONFLICT,
                      "The case was changed by someone else; reload it and try again.");
    if (st < 0)
        return st;
    return add_event(s, k, "decision", decision_text(k));
}

static db_status decide_body(storage *s, void *arg)
{
    decide_ctx *k = arg;
    k->refusal = ERR_OK;
    k->refusal_detail = NULL;
    k->ended_count = 0;
    db_status st = s->ops->case_get(s, &k->r->arena, k->r->id, &k->c);
    if (st <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    if (k->c.version != k->asked_version)
        return refuse(k, ERR_VERSION_CONFLICT,
                      "The case was changed by someone else; reload it and try again.");
    assessment_record final;
    bool has_final = false;
    if ((st = precheck_status(k)) != DB_ONE ||
        (st = check_rules(s, k, &final, &has_final)) != DB_ONE || (st = move_case(k)) != DB_ONE)
        return st;
    if ((st = write_decision(s, k, &final, has_final)) < 0 || st == DB_REFUSED)
        return st;
    /* Read back before the audit append (PostgreSQL: the chain's lock is then held only until
     * the commit). */
    int64_t id = k->d.id;
    if ((st = s->ops->decision_get(s, &k->r->arena, id, &k->d)) <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    audit_entry e = api_audit_entry(k->r, "decision.create", "decision", id, "ok");
    e.detail =
        arena_printf(&k->r->arena, "case=%lld basis=%s measures=%zu ended=%zu", (long long)k->c.id,
                     decision_basis_name(k->d.basis), k->want.count, k->ended_count);
    return s->ops->audit_append(s, &e, 1);
}

/* ---- refusals ---- */

/* The field a 422 of the rules concerns: person-oriented measures on an object or service case,
 * no resistance level at all, or a deviation from the proposal without reasoning. */
static const char *rule_field(const decide_ctx *k)
{
    if (k->c.subject != CASE_SUBJECT_PERSONS)
        for (size_t i = 0; i < k->want.count; i++) {
            const measure_info *info = measure_info_of(k->want.types[i]);
            if (info && info->person_oriented)
                return "measures";
        }
    if (!json_object_get(k->body, "resistance_level") && k->outcome.proposed_resistance_level == 0)
        return "resistance_level";
    return "deviation_reasoning";
}

static void reply_refusal(request *r, decide_ctx *k)
{
    const char *detail = k->refusal_detail;
    if (k->refusal == ERR_BELOW_PACKAGE) {
        json_t *missing = json_array();
        for (size_t i = 0; i < k->outcome.missing_count; i++)
            json_array_append_new(missing, json_string(measure_type_name(k->outcome.missing[i])));
        reply_problem_members(r, ERR_BELOW_PACKAGE,
                              detail ? detail
                                     : "The measures do not include the whole package of the "
                                       "resistance level; give below_package_reason.",
                              json_pack("{s:o}", "missing", missing));
        return;
    }
    if (k->refusal == ERR_VALIDATION_FAILED) {
        json_t *errors = json_array();
        json_array_append_new(errors, json_pack("{s:s, s:s}", "field", rule_field(k), "message",
                                                detail ? detail : "is not allowed here"));
        reply_problem_errors(r, ERR_VALIDATION_FAILED, detail, errors);
        return;
    }
    reply_problem(r, k->refusal, detail);
}

/* ---- the handler ---- */

static void decide(request *r, json_t *body, const case_record *c)
{
    validation v;
    validation_init(&v);
    decisions_validate(body, decision_today(r), &v);
    bool valid = api_valid(r, &v);
    validation_clear(&v);
    decide_ctx k = {.r = r,
                    .body = body,
                    .asked_version = json_integer_value(json_object_get(body, "version"))};
    if (!valid || !references_valid(r, body, c->id, &k.contact_user_id))
        return;
    if (!asked_from_json(r, json_object_get(body, "measures"), c->id, &k.want)) {
        reply_problem(r, ERR_UNAVAILABLE, NULL);
        return;
    }
    db_status st = storage_transact(r->app->db, TX_WRITE, decide_body, &k);
    if (st == DB_REFUSED)
        reply_refusal(r, &k);
    else if (st < 0)
        reply_storage_failure(r, st);
    else
        reply_json(r, 201, decision_to_json(&k.d, true));
}

void api_decisions_create(request *r)
{
    json_t *body;
    if (!api_body(r, &body))
        return;
    case_record c;
    if (decision_case_visible(r, r->id, "decision.create", "case", r->id, &c) &&
        !decision_version_stale(r, body, c.version, "case")) {
        if (!decision_may_decide(&r->viewer, &c))
            api_deny_forbidden(r, "decision.create", "case", c.id,
                               "Only the case's authority decides on measures.");
        else
            decide(r, body, &c);
    }
    json_decref(body);
}

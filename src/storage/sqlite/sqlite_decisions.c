/* sqlite_decisions: the authority's decisions, the measures they order, the facts the "staying
 * current" flags are computed from, aftercare contacts and the limitative list
 * (docs/DECISIONS.md). Updates are version-checked like case_update; labels (usernames,
 * organisation names, case references, person names) come from joins, never from a second
 * query. */
#include "storage/sqlite/sqlite_internal.h"

#include <stdio.h>
#include <string.h>

#define DECISION_COLUMNS                                                                           \
    "d.id, d.case_id, c.reference, d.authority_org, d.decided_by, u.username, d.decided_at, "      \
    "d.status, d.basis, coalesce(d.assessment_id, 0), d.threat_level, d.resistance_level, "        \
    "d.proposed_threat_level, d.proposed_resistance_level, d.deviation_reasoning, "                \
    "d.proportionality, d.tbp_view, d.tbp_not_heard_reason, d.tbp_refusal, d.legal_basis, "        \
    "d.review_date, d.below_package_reason, d.confirm_by, coalesce(d.contact_user_id, 0), "        \
    "cu.username, cu.display_name, coalesce(d.supersedes, 0), d.version"
#define DECISION_FROM                                                                              \
    " FROM decisions d JOIN cases c ON c.id = d.case_id JOIN users u ON u.id = d.decided_by "      \
    "LEFT JOIN users cu ON cu.id = d.contact_user_id "
#define MEASURE_COLUMNS                                                                            \
    "m.id, m.decision_id, m.case_id, c.reference, m.type, m.executor_org, o.name, "                \
    "coalesce(m.object_id, 0), m.start_on, m.end_on, m.details, m.status, m.planned_at, "          \
    "m.activated_at, m.suspended_at, m.ended_at, m.note, u.username, m.version"
#define MEASURE_FROM                                                                               \
    " FROM measures m JOIN cases c ON c.id = m.case_id JOIN orgs o ON o.code = m.executor_org "    \
    "JOIN users u ON u.id = m.updated_by "
#define LIMITATIVE_COLUMNS                                                                         \
    "l.id, l.person_id, p.given_names || CASE WHEN p.surname_prefix <> '' THEN ' ' || "            \
    "p.surname_prefix ELSE '' END || ' ' || p.surname, l.category, l.until, l.reasoning, "         \
    "l.added_by, u.username, l.added_at"
#define LIMITATIVE_FROM                                                                            \
    " FROM limitative_list l JOIN persons p ON p.id = l.person_id JOIN users u ON u.id = "         \
    "l.added_by "
/* The facts of a case for case_flags(): its final assessment (the newest, should there be two),
 * its decision in force (at most one, by a unique index), its newest signal - looked up only
 * when a decision is in force, the only time the flag needs it: a case read at scale would
 * otherwise fetch every signal row of the case from a cold page cache -, its open measures and
 * its aftercare contact. */
#define CURRENCY_COLUMNS                                                                           \
    "c.id, c.reference, c.status, c.domain, c.subject, c.authority_org, c.urgent, "                \
    "coalesce(x.id, 0), x.product, x.valid_until, coalesce(d.id, 0), d.decided_at, "               \
    "d.authority_org, d.review_date, d.basis, d.confirm_by, "                                      \
    "CASE WHEN d.id IS NULL THEN NULL ELSE "                                                       \
    "(SELECT max(s.created_at) FROM signals s WHERE s.case_id = c.id) END, "                       \
    "(SELECT count(*) FROM measures m WHERE m.case_id = c.id AND m.status <> 'ended'), "           \
    "af.due_on"
#define CURRENCY_FROM                                                                              \
    " FROM cases c LEFT JOIN assessments x ON x.id = (SELECT max(f.id) FROM assessments f "        \
    "WHERE f.case_id = c.id AND f.status = 'final') LEFT JOIN decisions d ON d.case_id = c.id "    \
    "AND d.status = 'in_force' LEFT JOIN aftercare af ON af.case_id = c.id "

enum { EXECUTOR_LIST_MAX = 500, CURRENCY_LIST_MAX = 500 };

static const char *const decision_sql[STMT_OBJECT_FIRST - STMT_DECISION_FIRST] = {
#define AT(id) [(id)-STMT_DECISION_FIRST]
    AT(STMT_DECISION_INSERT) =
        "INSERT INTO decisions(case_id, authority_org, decided_by, decided_at, status, basis, "
        "assessment_id, threat_level, resistance_level, proposed_threat_level, "
        "proposed_resistance_level, deviation_reasoning, proportionality, tbp_view, "
        "tbp_not_heard_reason, tbp_refusal, legal_basis, review_date, below_package_reason, "
        "confirm_by, contact_user_id, supersedes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
        "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
    AT(STMT_DECISION_GET) = "SELECT " DECISION_COLUMNS DECISION_FROM "WHERE d.id = ?1",
    AT(STMT_DECISION_UPDATE) = "UPDATE decisions SET status = ?3, supersedes = ?4, "
                               "version = version + 1 WHERE id = ?1 AND version = ?2",
    AT(STMT_DECISION_LIST) =
        "SELECT " DECISION_COLUMNS DECISION_FROM "WHERE d.case_id = ?1 ORDER BY d.id DESC",
    AT(STMT_DECISION_IN_FORCE) =
        "SELECT " DECISION_COLUMNS DECISION_FROM "WHERE d.case_id = ?1 AND d.status = 'in_force'",
    AT(STMT_MEASURE_INSERT) =
        "INSERT INTO measures(decision_id, case_id, type, executor_org, object_id, start_on, "
        "end_on, details, status, planned_at, activated_at, suspended_at, ended_at, note, "
        "updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    AT(STMT_MEASURE_GET) = "SELECT " MEASURE_COLUMNS MEASURE_FROM "WHERE m.id = ?1",
    AT(STMT_MEASURE_UPDATE) =
        "UPDATE measures SET decision_id = ?3, start_on = ?4, end_on = ?5, details = ?6, "
        "status = ?7, planned_at = coalesce(?8, planned_at), activated_at = ?9, "
        "suspended_at = ?10, ended_at = ?11, note = ?12, updated_by = ?13, "
        "version = version + 1 WHERE id = ?1 AND version = ?2",
    AT(STMT_MEASURE_LIST_CASE) =
        "SELECT " MEASURE_COLUMNS MEASURE_FROM "WHERE m.case_id = ?1 ORDER BY m.id",
    AT(STMT_MEASURE_LIST_DECISION) =
        "SELECT " MEASURE_COLUMNS MEASURE_FROM "WHERE m.decision_id = ?1 ORDER BY m.id",
    /* IN rather than <> 'ended', so that the executor index serves all three statuses */
    AT(STMT_MEASURE_LIST_EXECUTOR) =
        "SELECT " MEASURE_COLUMNS MEASURE_FROM "WHERE m.executor_org = ?1 AND m.status IN "
        "('planned', 'active', 'suspended') ORDER BY m.start_on, m.id LIMIT ?2",
    AT(STMT_CURRENCY_GET) = "SELECT " CURRENCY_COLUMNS CURRENCY_FROM "WHERE c.id = ?1",
    AT(STMT_AFTERCARE_INSERT) = "INSERT INTO aftercare(case_id, due_on, created_at) "
                                "VALUES (?1, ?2, ?3) ON CONFLICT(case_id) DO NOTHING",
    AT(STMT_LIMITATIVE_INSERT) = "INSERT INTO limitative_list(person_id, category, until, "
                                 "reasoning, added_by, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    AT(STMT_LIMITATIVE_LIST) = "SELECT " LIMITATIVE_COLUMNS LIMITATIVE_FROM "ORDER BY l.id",
    AT(STMT_LIMITATIVE_FOR_PERSON) =
        "SELECT " LIMITATIVE_COLUMNS LIMITATIVE_FROM "WHERE l.person_id = ?1 AND l.category = 1 "
        "AND (l.until = '' OR l.until >= ?2) ORDER BY l.id DESC LIMIT 1",
#undef AT
};

const char *sqlite_decision_sql(stmt_id id)
{
    if (id < STMT_DECISION_FIRST || id >= STMT_OBJECT_FIRST)
        return NULL;
    return decision_sql[id - STMT_DECISION_FIRST];
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* Optional references are stored as NULL (a foreign key), carried as 0. */
static void bind_ref(sqlite3_stmt *st, int i, int64_t id)
{
    if (id)
        bind_int(st, i, id);
    else
        sqlite3_bind_null(st, i);
}

static const char *column_name(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

static decision_basis basis_parse(const char *s)
{
    for (int b = 0; b < BASIS__COUNT; b++)
        if (s && strcmp(s, decision_basis_name((decision_basis)b)) == 0)
            return (decision_basis)b;
    return BASIS_NONE;
}

/* ---- decisions ---- */

static void read_decision(arena *a, sqlite3_stmt *st, void *item)
{
    decision_record *d = item;
    memset(d, 0, sizeof *d);
    d->id = sqlite3_column_int64(st, 0);
    d->case_id = sqlite3_column_int64(st, 1);
    d->case_reference = column_text(a, st, 2);
    d->authority_org = column_text(a, st, 3);
    d->decided_by = sqlite3_column_int64(st, 4);
    d->decided_by_username = column_text(a, st, 5);
    d->decided_at = column_text(a, st, 6);
    d->status = decision_status_parse(column_name(st, 7));
    d->basis = basis_parse(column_name(st, 8));
    d->assessment_id = sqlite3_column_int64(st, 9);
    d->threat_level = sqlite3_column_int(st, 10);
    d->resistance_level = sqlite3_column_int(st, 11);
    d->proposed_threat_level = sqlite3_column_int(st, 12);
    d->proposed_resistance_level = sqlite3_column_int(st, 13);
    d->deviation_reasoning = column_text(a, st, 14);
    d->proportionality = column_text(a, st, 15);
    d->tbp_view = column_text(a, st, 16);
    d->tbp_not_heard_reason = column_text(a, st, 17);
    d->tbp_refusal = column_text(a, st, 18);
    d->legal_basis = column_text(a, st, 19);
    d->review_date = column_text(a, st, 20);
    d->below_package_reason = column_text(a, st, 21);
    d->confirm_by = column_text(a, st, 22);
    d->contact_user_id = sqlite3_column_int64(st, 23);
    d->contact_username = column_text(a, st, 24);
    d->contact_display_name = column_text(a, st, 25);
    d->supersedes = sqlite3_column_int64(st, 26);
    d->version = sqlite3_column_int64(st, 27);
}

db_status sqlite_decision_insert(storage *s, decision_record *d)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_DECISION_INSERT, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, d->case_id);
    bind_text(st, 2, d->authority_org);
    bind_int(st, 3, d->decided_by);
    bind_text(st, 4, d->decided_at);
    bind_text(st, 5, decision_status_name(d->status));
    bind_text(st, 6, decision_basis_name(d->basis));
    bind_ref(st, 7, d->assessment_id);
    bind_int(st, 8, d->threat_level);
    bind_int(st, 9, d->resistance_level);
    bind_int(st, 10, d->proposed_threat_level);
    bind_int(st, 11, d->proposed_resistance_level);
    bind_text(st, 12, or_empty(d->deviation_reasoning));
    bind_text(st, 13, d->proportionality);
    bind_text(st, 14, or_empty(d->tbp_view));
    bind_text(st, 15, or_empty(d->tbp_not_heard_reason));
    bind_text(st, 16, or_empty(d->tbp_refusal));
    bind_text(st, 17, d->legal_basis);
    bind_text(st, 18, d->review_date);
    bind_text(st, 19, or_empty(d->below_package_reason));
    bind_text(st, 20, or_empty(d->confirm_by));
    bind_ref(st, 21, d->contact_user_id);
    bind_ref(st, 22, d->supersedes);
    db_status r = step_done(c, st, "decision insert");
    if (r == DB_ONE) {
        d->id = sqlite3_last_insert_rowid(c->db);
        d->version = 1;
    }
    return r;
}

/* One decision by a statement with one key; no measures. */
static db_status one_decision(storage *s, arena *a, stmt_id id, int64_t key, decision_record *out)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, id, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, key);
    db_status r = step_row(c, st, "decision get");
    if (r == DB_ONE)
        read_decision(a, st, out);
    sqlite3_reset(st);
    return r;
}

static void read_measure(arena *a, sqlite3_stmt *st, void *item);

db_status sqlite_decision_get(storage *s, arena *a, int64_t id, decision_record *out)
{
    db_status r = one_decision(s, a, STMT_DECISION_GET, id, out);
    if (r != DB_ONE)
        return r;
    r = sqlite_load_rows(s, a, STMT_MEASURE_LIST_DECISION, id, sizeof(measure_record), read_measure,
                         (void **)&out->measures, &out->measure_count);
    return r < 0 ? r : DB_ONE;
}

db_status sqlite_decision_in_force(storage *s, arena *a, int64_t case_id, decision_record *out)
{
    return one_decision(s, a, STMT_DECISION_IN_FORCE, case_id, out);
}

db_status sqlite_decision_update(storage *s, decision_record *d)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_DECISION_UPDATE, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, d->id);
    bind_int(st, 2, d->version);
    bind_text(st, 3, decision_status_name(d->status));
    bind_ref(st, 4, d->supersedes);
    db_status r = step_done(c, st, "decision update");
    if (r == DB_ONE)
        d->version++;
    return r;
}

db_status sqlite_decision_list(storage *s, arena *a, int64_t case_id, decision_record **out,
                               size_t *count)
{
    return sqlite_load_rows(s, a, STMT_DECISION_LIST, case_id, sizeof **out, read_decision,
                            (void **)out, count);
}

/* ---- measures ---- */

static void read_measure(arena *a, sqlite3_stmt *st, void *item)
{
    measure_record *m = item;
    memset(m, 0, sizeof *m);
    m->id = sqlite3_column_int64(st, 0);
    m->decision_id = sqlite3_column_int64(st, 1);
    m->case_id = sqlite3_column_int64(st, 2);
    m->case_reference = column_text(a, st, 3);
    m->type = measure_type_parse(column_name(st, 4));
    m->executor_org = column_text(a, st, 5);
    m->executor_org_name = column_text(a, st, 6);
    m->object_id = sqlite3_column_int64(st, 7);
    m->start = column_text(a, st, 8);
    m->end = column_text(a, st, 9);
    m->details = column_text(a, st, 10);
    m->status = measure_status_parse(column_name(st, 11));
    m->planned_at = column_text(a, st, 12);
    m->activated_at = column_text(a, st, 13);
    m->suspended_at = column_text(a, st, 14);
    m->ended_at = column_text(a, st, 15);
    m->note = column_text(a, st, 16);
    m->updated_by_username = column_text(a, st, 17);
    m->version = sqlite3_column_int64(st, 18);
}

db_status sqlite_measure_insert(storage *s, measure_record *m, int64_t by_user_id)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_MEASURE_INSERT, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, m->decision_id);
    bind_int(st, 2, m->case_id);
    bind_text(st, 3, measure_type_name(m->type));
    bind_text(st, 4, m->executor_org);
    bind_ref(st, 5, m->object_id);
    bind_text(st, 6, m->start);
    bind_text(st, 7, or_empty(m->end));
    bind_text(st, 8, or_empty(m->details));
    bind_text(st, 9, measure_status_name(m->status));
    bind_text(st, 10, m->planned_at);
    bind_text(st, 11, m->activated_at);
    bind_text(st, 12, m->suspended_at);
    bind_text(st, 13, m->ended_at);
    bind_text(st, 14, or_empty(m->note));
    bind_int(st, 15, by_user_id);
    db_status r = step_done(c, st, "measure insert");
    if (r == DB_ONE) {
        m->id = sqlite3_last_insert_rowid(c->db);
        m->version = 1;
    }
    return r;
}

db_status sqlite_measure_get(storage *s, arena *a, int64_t id, measure_record *out)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_MEASURE_GET, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, id);
    db_status r = step_row(c, st, "measure get");
    if (r == DB_ONE)
        read_measure(a, st, out);
    sqlite3_reset(st);
    return r;
}

/* Continuing a measure under a new decision moves decision_id; executing it moves status and
 * its timestamps. Both are this one version-checked write. */
db_status sqlite_measure_update(storage *s, measure_record *m, int64_t by_user_id)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_MEASURE_UPDATE, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, m->id);
    bind_int(st, 2, m->version);
    bind_int(st, 3, m->decision_id);
    bind_text(st, 4, m->start);
    bind_text(st, 5, or_empty(m->end));
    bind_text(st, 6, or_empty(m->details));
    bind_text(st, 7, measure_status_name(m->status));
    bind_text(st, 8, m->planned_at);
    bind_text(st, 9, m->activated_at);
    bind_text(st, 10, m->suspended_at);
    bind_text(st, 11, m->ended_at);
    bind_text(st, 12, or_empty(m->note));
    bind_int(st, 13, by_user_id);
    db_status r = step_done(c, st, "measure update");
    if (r == DB_ONE)
        m->version++;
    return r;
}

db_status sqlite_measure_list_case(storage *s, arena *a, int64_t case_id, measure_record **out,
                                   size_t *count)
{
    return sqlite_load_rows(s, a, STMT_MEASURE_LIST_CASE, case_id, sizeof **out, read_measure,
                            (void **)out, count);
}

db_status sqlite_measure_list_executor(storage *s, arena *a, const char *executor_org,
                                       measure_record **out, size_t *count)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_MEASURE_LIST_EXECUTOR, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_text(st, 1, executor_org);
    bind_int(st, 2, EXECUTOR_LIST_MAX);
    return sqlite_collect_rows(c, st, a, sizeof **out, read_measure, (void **)out, count);
}

/* ---- staying current ---- */

static void read_currency(arena *a, sqlite3_stmt *st, void *item)
{
    case_currency *cc = item;
    memset(cc, 0, sizeof *cc);
    cc->case_id = sqlite3_column_int64(st, 0);
    cc->reference = column_text(a, st, 1);
    cc->status = case_status_parse(column_name(st, 2));
    cc->domain = case_domain_parse(column_name(st, 3));
    cc->subject = sqlite_subject_parse(column_name(st, 4));
    cc->authority_org = column_text(a, st, 5);
    cc->urgent = sqlite3_column_int(st, 6) != 0;
    cc->assessment_id = sqlite3_column_int64(st, 7);
    cc->assessment_product = cc->assessment_id ? product_parse(column_name(st, 8)) : PRODUCT_NONE;
    cc->assessment_valid_until = column_text(a, st, 9);
    cc->decision_id = sqlite3_column_int64(st, 10);
    cc->decision_at = column_text(a, st, 11);
    cc->decision_authority_org = column_text(a, st, 12);
    cc->review_date = column_text(a, st, 13);
    cc->decision_basis = cc->decision_id ? basis_parse(column_name(st, 14)) : BASIS_NONE;
    cc->confirm_by = column_text(a, st, 15);
    cc->last_signal_at = column_text(a, st, 16);
    cc->open_measures = sqlite3_column_int64(st, 17);
    cc->aftercare_on = column_text(a, st, 18);
}

db_status sqlite_currency_get(storage *s, arena *a, int64_t case_id, case_currency *out)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_CURRENCY_GET, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, case_id);
    db_status r = step_row(c, st, "currency get");
    if (r == DB_ONE)
        read_currency(a, st, out);
    sqlite3_reset(st);
    return r;
}

/* Built per call like case_list, around the same need-to-know SQL (sqlite_scope_sql): ?1 the
 * authority organisation or NULL, ?2 and ?3 the viewer, ?4 today, ?5 the cap, ?6 the viewer's
 * now. */
db_status sqlite_currency_list(storage *s, arena *a, const viewer *v, access_scope scope,
                               const char *authority_org, const char *today, case_currency **out,
                               size_t *count)
{
    *out = NULL;
    *count = 0;
    if (scope == SCOPE_NONE)
        return DB_NONE;
    sqlite_conn *c = sqlite_conn_get(s);
    if (!c)
        return DB_HARD_ERROR;
    char sql[2048];
    snprintf(sql, sizeof sql,
             "SELECT " CURRENCY_COLUMNS CURRENCY_FROM
             "WHERE (c.status IN ('decision', 'protection') OR (c.status = 'closed' AND "
             "af.due_on <= ?4)) AND (?1 IS NULL OR c.authority_org = ?1) AND %s "
             "ORDER BY c.created_at, c.id LIMIT ?5",
             sqlite_scope_sql(scope));
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(c->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return sqlite_status(c, rc, "prepare currency list");
    bind_text(st, 1, authority_org);
    bind_text(st, 2, v->org);
    bind_int(st, 3, v->user_id);
    bind_text(st, 4, today);
    bind_int(st, 5, CURRENCY_LIST_MAX);
    bind_int(st, 6, v->now);
    db_status r = sqlite_collect_rows(c, st, a, sizeof **out, read_currency, (void **)out, count);
    sqlite3_finalize(st);
    return r;
}

db_status sqlite_aftercare_insert(storage *s, int64_t case_id, const char *due_on, const char *now)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_AFTERCARE_INSERT, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, case_id);
    bind_text(st, 2, due_on);
    bind_text(st, 3, now);
    return step_done(c, st, "aftercare insert");
}

/* ---- the limitative list ---- */

static void read_limitative(arena *a, sqlite3_stmt *st, void *item)
{
    limitative_entry *e = item;
    memset(e, 0, sizeof *e);
    e->id = sqlite3_column_int64(st, 0);
    e->person_id = sqlite3_column_int64(st, 1);
    e->person_name = column_text(a, st, 2);
    e->category = sqlite3_column_int(st, 3);
    e->until = column_text(a, st, 4);
    e->reasoning = column_text(a, st, 5);
    e->added_by = sqlite3_column_int64(st, 6);
    e->added_by_username = column_text(a, st, 7);
    e->added_at = column_text(a, st, 8);
}

db_status sqlite_limitative_insert(storage *s, limitative_entry *e)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_LIMITATIVE_INSERT, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, e->person_id);
    bind_int(st, 2, e->category);
    bind_text(st, 3, or_empty(e->until));
    bind_text(st, 4, e->reasoning);
    bind_int(st, 5, e->added_by);
    bind_text(st, 6, e->added_at);
    db_status r = step_done(c, st, "limitative insert");
    if (r == DB_ONE)
        e->id = sqlite3_last_insert_rowid(c->db);
    return r;
}

db_status sqlite_limitative_list(storage *s, arena *a, limitative_entry **out, size_t *count)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_LIMITATIVE_LIST, &c);
    if (!st)
        return DB_HARD_ERROR;
    return sqlite_collect_rows(c, st, a, sizeof **out, read_limitative, (void **)out, count);
}

db_status sqlite_limitative_for_person(storage *s, arena *a, int64_t person_id, const char *today,
                                       limitative_entry *out)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_LIMITATIVE_FOR_PERSON, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, person_id);
    bind_text(st, 2, today);
    db_status r = step_row(c, st, "limitative for person");
    if (r == DB_ONE)
        read_limitative(a, st, out);
    sqlite3_reset(st);
    return r;
}

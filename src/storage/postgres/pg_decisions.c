/* pg_decisions: the authority's decisions and their measures, the facts behind the "staying
 * current" flags, aftercare contacts and the limitative list on PostgreSQL (docs/DECISIONS.md).
 * The SQL lives here beside the code that reads its columns (pg_backend.c prepares it); every
 * string returned is copied into the caller's arena and every PGresult is cleared before
 * returning. Decisions and measures are written with version-checked updates (see pg_backend.c
 * for why that holds under READ COMMITTED); at most one decision per case is in force, which the
 * partial unique index decisions_one_in_force holds. */
#include "storage/postgres/pg_internal.h"

#include <string.h>

#define DECISION_COLUMNS                                                                           \
    "d.id, d.case_id, c.reference, d.authority_org, d.decided_by, u.username, d.decided_at, "      \
    "d.status, d.basis, d.assessment_id, d.threat_level, d.resistance_level, "                     \
    "d.proposed_threat_level, d.proposed_resistance_level, d.deviation_reasoning, "                \
    "d.proportionality, d.tbp_view, d.tbp_not_heard_reason, d.tbp_refusal, d.legal_basis, "        \
    "d.review_date, d.below_package_reason, d.confirm_by, d.contact_user_id, cu.username, "        \
    "cu.display_name, d.supersedes, d.version"
#define DECISION_FROM                                                                              \
    " FROM decisions d JOIN cases c ON c.id = d.case_id JOIN users u ON u.id = d.decided_by "      \
    "LEFT JOIN users cu ON cu.id = d.contact_user_id "

#define MEASURE_COLUMNS                                                                            \
    "m.id, m.decision_id, m.case_id, c.reference, m.type, m.executor_org, o.name, m.object_id, "   \
    "m.start_on, m.end_on, m.details, m.status, m.planned_at, m.activated_at, m.suspended_at, "    \
    "m.ended_at, m.note, u.username, m.version"
#define MEASURE_FROM                                                                               \
    " FROM measures m JOIN cases c ON c.id = m.case_id JOIN orgs o ON o.code = m.executor_org "    \
    "JOIN users u ON u.id = m.updated_by "

/* The facts of case_currency for the cases c selected by `where`: the current final assessment
 * (the newest final one, as assessment_final answers it), the decision in force (one at most:
 * decisions_one_in_force), the newest signal's created_at (only with a decision in force: the
 * flag needs it only then), the measures not ended, and the aftercare contact. */
#define CURRENCY_SQL(where)                                                                        \
    "SELECT c.id, c.reference, c.status, c.domain, c.subject, c.authority_org, c.urgent, fa.id, "  \
    "fa.product, fa.valid_until, d.id, d.decided_at, d.authority_org, d.review_date, d.basis, "    \
    "d.confirm_by, CASE WHEN d.id IS NULL THEN NULL ELSE (SELECT max(s.created_at) FROM signals "  \
    "s WHERE s.case_id = c.id) END, "                                                              \
    "(SELECT count(*) FROM measures me WHERE me.case_id = c.id AND me.status <> 'ended'), "        \
    "ac.due_on FROM cases c LEFT JOIN LATERAL (SELECT x.id, x.product, x.valid_until "             \
    "FROM assessments x WHERE x.case_id = c.id AND x.status = 'final' ORDER BY x.id DESC "         \
    "LIMIT 1) fa ON true LEFT JOIN decisions d ON d.case_id = c.id AND d.status = 'in_force' "     \
    "LEFT JOIN aftercare ac ON ac.case_id = c.id WHERE " where
/* The currency list of one scope: $1 the viewer's organisation, $2 user id, $3 today, $4 the
 * authority organisation or NULL. Cases in decision or protection, and closed ones whose
 * aftercare contact has come. */
#define CURRENCY_LIST_SQL(visible)                                                                 \
    CURRENCY_SQL("(c.status IN ('decision', 'protection') OR (c.status = 'closed' AND "            \
                 "ac.due_on <= $3::text)) AND ($4::text IS NULL OR c.authority_org = $4::text) "   \
                 "AND " visible " ORDER BY c.created_at, c.id LIMIT 500")

#define LIMITATIVE_COLUMNS                                                                         \
    "l.id, l.person_id, p.given_names || CASE WHEN p.surname_prefix <> '' THEN ' ' || "            \
    "p.surname_prefix ELSE '' END || ' ' || p.surname, l.category, l.until, l.reasoning, "         \
    "l.added_by, u.username, l.added_at"
#define LIMITATIVE_FROM                                                                            \
    " FROM limitative_list l JOIN persons p ON p.id = l.person_id JOIN users u ON u.id = "         \
    "l.added_by "

const char *const pg_decision_sql[PG_STMT__COUNT] = {
    /* A decision in force while another is in force conflicts on decisions_one_in_force and
     * inserts nothing (pg_decision_insert says what that means). */
    [PG_DECISION_INSERT] =
        "INSERT INTO decisions(case_id, authority_org, decided_by, decided_at, status, basis, "
        "assessment_id, threat_level, resistance_level, proposed_threat_level, "
        "proposed_resistance_level, deviation_reasoning, proportionality, tbp_view, "
        "tbp_not_heard_reason, tbp_refusal, legal_basis, review_date, below_package_reason, "
        "confirm_by, contact_user_id, supersedes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
        "$10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) "
        "ON CONFLICT (case_id) WHERE status = 'in_force' DO NOTHING RETURNING id",
    [PG_DECISION_GET] = "SELECT " DECISION_COLUMNS DECISION_FROM "WHERE d.id = $1",
    [PG_DECISION_UPDATE] = "UPDATE decisions SET status = $3, supersedes = $4, "
                           "version = version + 1 WHERE id = $1 AND version = $2",
    [PG_DECISION_LIST] =
        "SELECT " DECISION_COLUMNS DECISION_FROM "WHERE d.case_id = $1 ORDER BY d.id DESC",
    [PG_DECISION_IN_FORCE] =
        "SELECT " DECISION_COLUMNS DECISION_FROM "WHERE d.case_id = $1 AND d.status = 'in_force'",
    [PG_DECISION_MEASURES] =
        "SELECT " MEASURE_COLUMNS MEASURE_FROM "WHERE m.decision_id = $1 ORDER BY m.id",
    [PG_MEASURE_INSERT] =
        "INSERT INTO measures(decision_id, case_id, type, executor_org, object_id, start_on, "
        "end_on, details, status, planned_at, activated_at, suspended_at, ended_at, note, "
        "updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) "
        "RETURNING id",
    [PG_MEASURE_GET] = "SELECT " MEASURE_COLUMNS MEASURE_FROM "WHERE m.id = $1",
    [PG_MEASURE_UPDATE] =
        "UPDATE measures SET decision_id = $3, start_on = $4, end_on = $5, details = $6, "
        "status = $7, planned_at = coalesce($8, planned_at), activated_at = $9, "
        "suspended_at = $10, ended_at = $11, note = $12, updated_by = $13, "
        "version = version + 1 WHERE id = $1 AND version = $2",
    [PG_MEASURE_LIST_CASE] =
        "SELECT " MEASURE_COLUMNS MEASURE_FROM "WHERE m.case_id = $1 ORDER BY m.id",
    [PG_MEASURE_LIST_EXECUTOR] =
        "SELECT " MEASURE_COLUMNS MEASURE_FROM "WHERE m.executor_org = $1 AND m.status <> 'ended' "
        "ORDER BY m.start_on, m.id LIMIT 500",
    [PG_CURRENCY_GET] = CURRENCY_SQL("c.id = $1"),
    /* $5: the viewer's now (break-glass members count until their end) */
    [PG_CURRENCY_LIST + SCOPE_TEAM] =
        CURRENCY_LIST_SQL(PG_TEAM_SQL("c", "$1::text", "$2::bigint", "$5::bigint")),
    [PG_CURRENCY_LIST + SCOPE_TEAM_OR_REFERRED] =
        CURRENCY_LIST_SQL(PG_TEAM_OR_REFERRED_SQL("c", "$1::text", "$2::bigint", "$5::bigint")),
    [PG_AFTERCARE_INSERT] = "INSERT INTO aftercare(case_id, due_on, created_at) "
                            "VALUES ($1, $2, $3) ON CONFLICT (case_id) DO NOTHING",
    [PG_LIMITATIVE_INSERT] = "INSERT INTO limitative_list(person_id, category, until, reasoning, "
                             "added_by, added_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    [PG_LIMITATIVE_LIST] = "SELECT " LIMITATIVE_COLUMNS LIMITATIVE_FROM "ORDER BY l.id",
    [PG_LIMITATIVE_FOR_PERSON] = "SELECT " LIMITATIVE_COLUMNS LIMITATIVE_FROM
                                 "WHERE l.person_id = $1 AND l.category = 1 AND "
                                 "(l.until = '' OR l.until >= $2::text) ORDER BY l.id DESC LIMIT 1",
};

/* decision_basis has a name but no parser in core: the stored names are its own. */
static decision_basis basis_parse(const char *name)
{
    for (int b = 0; name && b < BASIS__COUNT; b++)
        if (strcmp(name, decision_basis_name((decision_basis)b)) == 0)
            return (decision_basis)b;
    return BASIS_NONE;
}

/* A text that may be absent in the record but not in the table ("" there). */
static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* ---- measures ---- */

static void read_measure(arena *a, const PGresult *res, int row, void *item)
{
    measure_record *m = item;
    memset(m, 0, sizeof *m);
    m->id = pg_int(res, row, 0);
    m->decision_id = pg_int(res, row, 1);
    m->case_id = pg_int(res, row, 2);
    m->case_reference = pg_text(a, res, row, 3);
    m->type = measure_type_parse(pg_raw(res, row, 4));
    m->executor_org = pg_text(a, res, row, 5);
    m->executor_org_name = pg_text(a, res, row, 6);
    m->object_id = pg_int(res, row, 7);
    m->start = pg_text(a, res, row, 8);
    m->end = pg_text(a, res, row, 9);
    m->details = pg_text(a, res, row, 10);
    m->status = measure_status_parse(pg_raw(res, row, 11));
    m->planned_at = pg_text(a, res, row, 12);
    m->activated_at = pg_text(a, res, row, 13);
    m->suspended_at = pg_text(a, res, row, 14);
    m->ended_at = pg_text(a, res, row, 15);
    m->note = pg_text(a, res, row, 16);
    m->updated_by_username = pg_text(a, res, row, 17);
    m->version = pg_int(res, row, 18);
}

/* The execution state: status, the four timestamps and the note, in the order both statements
 * take them (after the start, end and details). */
static void measure_state_params(pg_params *p, const measure_record *m)
{
    pg_param_text(p, measure_status_name(m->status));
    pg_param_text(p, m->planned_at);
    pg_param_text(p, m->activated_at);
    pg_param_text(p, m->suspended_at);
    pg_param_text(p, m->ended_at);
    pg_param_text(p, or_empty(m->note));
}

db_status pg_measure_insert(storage *s, measure_record *m, int64_t by_user_id)
{
    pg_params p = {0};
    pg_param_int(&p, m->decision_id);
    pg_param_int(&p, m->case_id);
    pg_param_text(&p, measure_type_name(m->type));
    pg_param_text(&p, m->executor_org);
    pg_param_id_or_null(&p, m->object_id);
    pg_param_text(&p, m->start);
    pg_param_text(&p, or_empty(m->end));
    pg_param_text(&p, or_empty(m->details));
    measure_state_params(&p, m);
    pg_param_int(&p, by_user_id);
    int64_t id = 0;
    db_status st = pg_insert_id(s, PG_MEASURE_INSERT, &p, "measure insert", &id);
    if (st != DB_ONE)
        return st < 0 ? st : DB_HARD_ERROR;
    m->id = id;
    m->version = 1;
    return DB_ONE;
}

db_status pg_measure_get(storage *s, arena *a, int64_t id, measure_record *out)
{
    return pg_load_one(s, a, PG_MEASURE_GET, id, read_measure, out, "measure get");
}

/* Version-checked: a stale writer changes nothing and answers DB_NONE (see case_update). */
db_status pg_measure_update(storage *s, measure_record *m, int64_t by_user_id)
{
    pg_params p = {0};
    pg_param_int(&p, m->id);
    pg_param_int(&p, m->version);
    pg_param_int(&p, m->decision_id);
    pg_param_text(&p, m->start);
    pg_param_text(&p, or_empty(m->end));
    pg_param_text(&p, or_empty(m->details));
    measure_state_params(&p, m);
    pg_param_int(&p, by_user_id);
    db_status st = pg_command(s, PG_MEASURE_UPDATE, &p, "measure update");
    if (st == DB_ONE)
        m->version++;
    return st;
}

db_status pg_measure_list_case(storage *s, arena *a, int64_t case_id, measure_record **out,
                               size_t *count)
{
    return pg_load_rows(s, a, PG_MEASURE_LIST_CASE, case_id, sizeof(measure_record), read_measure,
                        (void **)out, count);
}

db_status pg_measure_list_executor(storage *s, arena *a, const char *executor_org,
                                   measure_record **out, size_t *count)
{
    pg_params p = {0};
    pg_param_text(&p, executor_org);
    db_status st;
    PGresult *res = pg_run(s, PG_MEASURE_LIST_EXECUTOR, &p, "measure list executor", &st);
    if (!res)
        return st;
    return pg_read_all(a, res, sizeof(measure_record), read_measure, (void **)out, count);
}

/* ---- decisions ---- */

static void read_decision(arena *a, const PGresult *res, int row, void *item)
{
    decision_record *d = item;
    memset(d, 0, sizeof *d);
    d->id = pg_int(res, row, 0);
    d->case_id = pg_int(res, row, 1);
    d->case_reference = pg_text(a, res, row, 2);
    d->authority_org = pg_text(a, res, row, 3);
    d->decided_by = pg_int(res, row, 4);
    d->decided_by_username = pg_text(a, res, row, 5);
    d->decided_at = pg_text(a, res, row, 6);
    d->status = decision_status_parse(pg_raw(res, row, 7));
    d->basis = basis_parse(pg_raw(res, row, 8));
    d->assessment_id = pg_int(res, row, 9);
    d->threat_level = (int)pg_int(res, row, 10);
    d->resistance_level = (int)pg_int(res, row, 11);
    d->proposed_threat_level = (int)pg_int(res, row, 12);
    d->proposed_resistance_level = (int)pg_int(res, row, 13);
    d->deviation_reasoning = pg_text(a, res, row, 14);
    d->proportionality = pg_text(a, res, row, 15);
    d->tbp_view = pg_text(a, res, row, 16);
    d->tbp_not_heard_reason = pg_text(a, res, row, 17);
    d->tbp_refusal = pg_text(a, res, row, 18);
    d->legal_basis = pg_text(a, res, row, 19);
    d->review_date = pg_text(a, res, row, 20);
    d->below_package_reason = pg_text(a, res, row, 21);
    d->confirm_by = pg_text(a, res, row, 22);
    d->contact_user_id = pg_int(res, row, 23);
    d->contact_username = pg_text(a, res, row, 24);
    d->contact_display_name = pg_text(a, res, row, 25);
    d->supersedes = pg_int(res, row, 26);
    d->version = pg_int(res, row, 27);
}

db_status pg_decision_insert(storage *s, decision_record *d)
{
    pg_params p = {0};
    pg_param_int(&p, d->case_id);
    pg_param_text(&p, d->authority_org);
    pg_param_int(&p, d->decided_by);
    pg_param_text(&p, d->decided_at);
    pg_param_text(&p, decision_status_name(d->status));
    pg_param_text(&p, decision_basis_name(d->basis));
    pg_param_id_or_null(&p, d->assessment_id);
    pg_param_int(&p, d->threat_level);
    pg_param_int(&p, d->resistance_level);
    pg_param_int(&p, d->proposed_threat_level);
    pg_param_int(&p, d->proposed_resistance_level);
    pg_param_text(&p, or_empty(d->deviation_reasoning));
    pg_param_text(&p, d->proportionality);
    pg_param_text(&p, or_empty(d->tbp_view));
    pg_param_text(&p, or_empty(d->tbp_not_heard_reason));
    pg_param_text(&p, or_empty(d->tbp_refusal));
    pg_param_text(&p, d->legal_basis);
    pg_param_text(&p, d->review_date);
    pg_param_text(&p, or_empty(d->below_package_reason));
    pg_param_text(&p, or_empty(d->confirm_by));
    pg_param_id_or_null(&p, d->contact_user_id);
    pg_param_id_or_null(&p, d->supersedes);
    int64_t id = 0;
    db_status st = pg_insert_id(s, PG_DECISION_INSERT, &p, "decision insert", &id);
    /* Nothing inserted: another decision of the case is in force. A handler supersedes the
     * previous decision first, so this is a concurrent decision that committed while ours
     * waited on the index (READ COMMITTED): retry, and the transaction sees that decision and
     * the case's new version. */
    if (st == DB_NONE)
        return DB_SOFT_ERROR;
    if (st < 0)
        return st;
    d->id = id;
    d->version = 1;
    return DB_ONE;
}

/* A decision with its measures, in one round trip. */
db_status pg_decision_get(storage *s, arena *a, int64_t id, decision_record *out)
{
    static const pg_stmt ids[] = {PG_DECISION_GET, PG_DECISION_MEASURES};
    pg_params ps[2] = {{0}, {0}};
    pg_param_int(&ps[0], id);
    pg_param_int(&ps[1], id);
    PGresult *res[2];
    db_status st = pg_run_many(s, ids, ps, 2, res, "decision get");
    if (st < 0)
        return st;
    st = PQntuples(res[0]) > 0 ? DB_ONE : DB_NONE;
    if (st == DB_ONE) {
        read_decision(a, res[0], 0, out);
        if (pg_read_rows(a, res[1], sizeof(measure_record), read_measure, (void **)&out->measures,
                         &out->measure_count) < 0)
            st = DB_HARD_ERROR;
    }
    pg_clear_results(res, 2);
    return st;
}

/* Version-checked: a stale writer changes nothing and answers DB_NONE (see case_update). */
db_status pg_decision_update(storage *s, decision_record *d)
{
    pg_params p = {0};
    pg_param_int(&p, d->id);
    pg_param_int(&p, d->version);
    pg_param_text(&p, decision_status_name(d->status));
    pg_param_id_or_null(&p, d->supersedes);
    db_status st = pg_command(s, PG_DECISION_UPDATE, &p, "decision update");
    if (st == DB_ONE)
        d->version++;
    return st;
}

db_status pg_decision_list(storage *s, arena *a, int64_t case_id, decision_record **out,
                           size_t *count)
{
    return pg_load_rows(s, a, PG_DECISION_LIST, case_id, sizeof(decision_record), read_decision,
                        (void **)out, count);
}

db_status pg_decision_in_force(storage *s, arena *a, int64_t case_id, decision_record *out)
{
    return pg_load_one(s, a, PG_DECISION_IN_FORCE, case_id, read_decision, out,
                       "decision in force");
}

/* ---- staying current ---- */

static void read_currency(arena *a, const PGresult *res, int row, void *item)
{
    case_currency *cc = item;
    memset(cc, 0, sizeof *cc);
    cc->case_id = pg_int(res, row, 0);
    cc->reference = pg_text(a, res, row, 1);
    cc->status = case_status_parse(pg_raw(res, row, 2));
    cc->domain = case_domain_parse(pg_raw(res, row, 3));
    cc->subject = pg_case_subject_parse(pg_raw(res, row, 4));
    cc->authority_org = pg_text(a, res, row, 5);
    cc->urgent = pg_bool(res, row, 6);
    cc->assessment_id = pg_int(res, row, 7);
    cc->assessment_product = product_parse(pg_raw(res, row, 8));
    cc->assessment_valid_until = pg_text(a, res, row, 9);
    cc->decision_id = pg_int(res, row, 10);
    cc->decision_at = pg_text(a, res, row, 11);
    cc->decision_authority_org = pg_text(a, res, row, 12);
    cc->review_date = pg_text(a, res, row, 13);
    cc->decision_basis = basis_parse(pg_raw(res, row, 14));
    cc->confirm_by = pg_text(a, res, row, 15);
    cc->last_signal_at = pg_text(a, res, row, 16);
    cc->open_measures = pg_int(res, row, 17);
    cc->aftercare_on = pg_text(a, res, row, 18);
}

db_status pg_currency_get(storage *s, arena *a, int64_t case_id, case_currency *out)
{
    return pg_load_one(s, a, PG_CURRENCY_GET, case_id, read_currency, out, "currency get");
}

db_status pg_currency_list(storage *s, arena *a, const viewer *v, access_scope scope,
                           const char *authority_org, const char *today, case_currency **out,
                           size_t *count)
{
    *out = NULL;
    *count = 0;
    if (scope != SCOPE_TEAM && scope != SCOPE_TEAM_OR_REFERRED)
        return DB_NONE; /* no case content: no cases to keep current */
    pg_params p = {0};
    pg_param_text(&p, v->org ? v->org : "");
    pg_param_int(&p, v->user_id);
    pg_param_text(&p, today);
    pg_param_text(&p, authority_org);
    pg_param_int(&p, v->now);
    db_status st;
    PGresult *res = pg_run(s, (pg_stmt)(PG_CURRENCY_LIST + scope), &p, "currency list", &st);
    if (!res)
        return st;
    return pg_read_all(a, res, sizeof(case_currency), read_currency, (void **)out, count);
}

db_status pg_aftercare_insert(storage *s, int64_t case_id, const char *due_on, const char *now)
{
    pg_params p = {0};
    pg_param_int(&p, case_id);
    pg_param_text(&p, due_on);
    pg_param_text(&p, now);
    return pg_command(s, PG_AFTERCARE_INSERT, &p, "aftercare insert");
}

/* ---- the limitative list ---- */

static void read_limitative(arena *a, const PGresult *res, int row, void *item)
{
    limitative_entry *e = item;
    e->id = pg_int(res, row, 0);
    e->person_id = pg_int(res, row, 1);
    e->person_name = pg_text(a, res, row, 2);
    e->category = (int)pg_int(res, row, 3);
    e->until = pg_text(a, res, row, 4);
    e->reasoning = pg_text(a, res, row, 5);
    e->added_by = pg_int(res, row, 6);
    e->added_by_username = pg_text(a, res, row, 7);
    e->added_at = pg_text(a, res, row, 8);
}

db_status pg_limitative_insert(storage *s, limitative_entry *e)
{
    pg_params p = {0};
    pg_param_int(&p, e->person_id);
    pg_param_int(&p, e->category);
    pg_param_text(&p, or_empty(e->until));
    pg_param_text(&p, e->reasoning);
    pg_param_int(&p, e->added_by);
    pg_param_text(&p, e->added_at);
    int64_t id = 0;
    db_status st = pg_insert_id(s, PG_LIMITATIVE_INSERT, &p, "limitative insert", &id);
    if (st != DB_ONE)
        return st < 0 ? st : DB_HARD_ERROR;
    e->id = id;
    return DB_ONE;
}

db_status pg_limitative_list(storage *s, arena *a, limitative_entry **out, size_t *count)
{
    db_status st;
    PGresult *res = pg_run(s, PG_LIMITATIVE_LIST, NULL, "limitative list", &st);
    if (!res)
        return st;
    return pg_read_all(a, res, sizeof(limitative_entry), read_limitative, (void **)out, count);
}

db_status pg_limitative_for_person(storage *s, arena *a, int64_t person_id, const char *today,
                                   limitative_entry *out)
{
    pg_params p = {0};
    pg_param_int(&p, person_id);
    pg_param_text(&p, today);
    db_status st;
    PGresult *res = pg_run(s, PG_LIMITATIVE_FOR_PERSON, &p, "limitative for person", &st);
    if (!res)
        return st;
    st = PQntuples(res) > 0 ? DB_ONE : DB_NONE;
    if (st == DB_ONE)
        read_limitative(a, res, 0, out);
    PQclear(res);
    return st;
}

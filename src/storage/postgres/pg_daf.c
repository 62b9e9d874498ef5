/* pg_daf: threat information on PostgreSQL: signals with their subjects, release requests, threat
 * actors and the notifications they cause, information gathering within its intrusion budget,
 * threat assessments and the DAF work queue. The SQL lives here beside the code that reads its
 * columns (pg_backend.c prepares it); every string returned is copied into the caller's arena
 * and every PGresult is cleared before returning. */
#include "storage/postgres/pg_internal.h"

#include <string.h>

#define SIGNAL_COLUMNS                                                                             \
    "s.id, s.case_id, c.reference, s.received_at, s.source_org, o.name, s.source_grade, "          \
    "s.info_grade, s.handling, s.handling_note, s.compartment, s.concrete, s.text, "               \
    "s.recorded_by, u.username, s.recorded_by_org, s.created_at, s.version"
#define SIGNAL_FROM                                                                                \
    " FROM signals s JOIN cases c ON c.id = s.case_id JOIN orgs o ON o.code = s.source_org "       \
    "JOIN users u ON u.id = s.recorded_by "
/* A subject with its label: a person's full name (the prefix only when there is one) or an
 * actor's name; "" for a subject that is neither. */
#define SUBJECT_COLUMNS                                                                            \
    "ss.signal_id, ss.kind, ss.subject_id, coalesce(p.given_names || CASE WHEN "                   \
    "p.surname_prefix <> '' THEN ' ' || p.surname_prefix ELSE '' END || ' ' || p.surname, "        \
    "a.name, '')"
#define SUBJECT_FROM                                                                               \
    " FROM signal_subjects ss LEFT JOIN persons p ON ss.kind = 'person' AND p.id = ss.subject_id " \
    "LEFT JOIN actors a ON ss.kind = 'actor' AND a.id = ss.subject_id "
/* Persons before actors, each by id (as SQLite orders them). */
#define SUBJECT_ORDER "ss.kind DESC, ss.subject_id"
#define SIGNAL_ORDER "s.received_at DESC, s.id DESC"

#define RELEASE_COLUMNS                                                                            \
    "r.id, r.signal_id, s.case_id, s.source_org, r.requested_by, q.username, q.org, r.reason, "    \
    "r.requested_at, r.status, r.decided_by, d.username, r.decision_note, r.decided_at, "          \
    "r.version"
#define RELEASE_FROM                                                                               \
    " FROM release_requests r JOIN signals s ON s.id = r.signal_id "                               \
    "JOIN users q ON q.id = r.requested_by LEFT JOIN users d ON d.id = r.decided_by "

#define ACTOR_COLUMNS                                                                              \
    "a.id, a.kind, a.name, a.description, a.created_by_org, a.created_at, a.version"
/* SQLite's NOCASE: lower() under the "C" collation folds ASCII letters only. */
#define ACTOR_NAME_KEY "lower(a.name COLLATE \"C\")"

#define ACT_COLUMNS                                                                                \
    "g.id, g.subject_kind, g.subject_id, g.method, g.legal_basis, g.duration_days, "               \
    "g.justification, g.intrusion, g.order_id, g.recorded_by, u.username, u.org, g.recorded_at, "  \
    "g.recorded_on"
#define ORDER_COLUMNS                                                                              \
    "g.id, g.subject_kind, g.subject_id, g.scope, g.until, g.reasoning, g.recorded_by, "           \
    "u.username, u.org, g.recorded_at"

#define ASSESSMENT_COLUMNS                                                                         \
    "x.id, x.case_id, c.reference, x.product, x.status, x.seriousness, x.likelihood, x.intent, "   \
    "x.capability, x.threat_level, x.threat_level_derived, x.resistance_level, x.concreteness, "   \
    "x.reasoning, x.vulnerabilities, x.content, x.author_id, au.username, au.org, x.created_at, "  \
    "x.submitted_at, x.reviewer_id, rv.username, x.review_comment, x.reviewed_at, "                \
    "x.valid_until, x.supersedes, x.version"
#define ASSESSMENT_FROM                                                                            \
    " FROM assessments x JOIN cases c ON c.id = x.case_id JOIN users au ON au.id = x.author_id "   \
    "LEFT JOIN users rv ON rv.id = x.reviewer_id "

/* The DAF work queue over the cases of one scope: $1 the viewer's organisation, $2 user id, $3
 * today, $4 the warning term in days. Four groups, as SQLite builds them: submitted assessments
 * (waiting since submission), final ones ending within the term (since their end), final ones
 * with signals recorded after their approval (since the first of those), and cases in
 * assessment without a final one (since their last change). Ranked by group, urgency, then
 * waiting time. */
#define QUEUE_CASE "c.id, c.reference, c.urgent, c.phenomenon"
#define QUEUE_SQL(visible)                                                                         \
    "SELECT grp, id, reference, urgent, phenomenon, assessment_id, since, valid_until, n "         \
    "FROM (SELECT 0 AS grp, " QUEUE_CASE ", x.id AS assessment_id, x.submitted_at AS since, "      \
    "NULL::text AS valid_until, 0::bigint AS n FROM assessments x JOIN cases c ON "                \
    "c.id = x.case_id WHERE x.status = 'submitted' AND " visible " UNION ALL "                     \
    "SELECT 1, " QUEUE_CASE ", x.id, x.valid_until, x.valid_until, 0 FROM assessments x "          \
    "JOIN cases c ON c.id = x.case_id WHERE x.status = 'final' AND x.valid_until <= "              \
    "to_char($3::date + $4::integer, 'YYYY-MM-DD') AND " visible " UNION ALL "                     \
    "SELECT 2, " QUEUE_CASE ", x.id, min(s.created_at), NULL, count(*) FROM assessments x "        \
    "JOIN cases c ON c.id = x.case_id JOIN signals s ON s.case_id = x.case_id AND "                \
    "s.created_at > x.reviewed_at WHERE x.status = 'final' AND " visible                           \
    " GROUP BY x.id, c.id UNION ALL "                                                              \
    "SELECT 3, " QUEUE_CASE ", 0, c.updated_at, NULL, 0 FROM cases c "                             \
    "WHERE c.status = 'assessment' AND NOT EXISTS (SELECT 1 FROM assessments x WHERE "             \
    "x.case_id = c.id AND x.status = 'final') AND " visible ") q "                                 \
    "ORDER BY grp, urgent DESC, since, id, assessment_id"
/* $5: the viewer's now (break-glass members count until their end). */
#define QUEUE_TEAM_SQL PG_TEAM_SQL("c", "$1::text", "$2::bigint", "$5::bigint")

const char *const pg_daf_sql[PG_STMT__COUNT] = {
    /* The signal and its search document in one statement. */
    /* clang-format off */
    [PG_SIGNAL_INSERT] =
        "WITH s AS (INSERT INTO signals(case_id, received_at, source_org, source_grade, "
        "info_grade, handling, handling_note, compartment, concrete, text, recorded_by, "
        "recorded_by_org, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
        "coalesce($12, (SELECT org FROM users WHERE id = $11)), $13) RETURNING *), "
        "d AS (" PG_SEARCH_INDEX_SIGNALS("s") ") SELECT id FROM s",
    /* clang-format on */
    [PG_SIGNAL_SUBJECT_ADD] = "INSERT INTO signal_subjects(signal_id, kind, subject_id) "
                              "VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    [PG_SIGNAL_GET] = "SELECT " SIGNAL_COLUMNS SIGNAL_FROM "WHERE s.id = $1",
    [PG_SIGNAL_SUBJECTS] =
        "SELECT " SUBJECT_COLUMNS SUBJECT_FROM "WHERE ss.signal_id = $1 ORDER BY " SUBJECT_ORDER,
    [PG_SIGNAL_LIST] =
        "SELECT " SIGNAL_COLUMNS SIGNAL_FROM "WHERE s.case_id = $1 ORDER BY " SIGNAL_ORDER,
    /* In the order of the signals themselves, so that each signal's subjects are one run. */
    [PG_SIGNAL_LIST_SUBJECTS] = "SELECT " SUBJECT_COLUMNS SUBJECT_FROM
                                "JOIN signals s ON s.id = ss.signal_id WHERE s.case_id = $1 "
                                "ORDER BY " SIGNAL_ORDER ", " SUBJECT_ORDER,
    [PG_SIGNAL_COUNT_SINCE] =
        "SELECT count(*) FROM signals WHERE case_id = $1 AND created_at > $2::text",
    /* At most one pending request per user and signal. The NOT EXISTS answers the usual case
     * without drawing an id; the partial unique key decides between two concurrent requests
     * (READ COMMITTED: the second waits for the first, then inserts nothing). */
    [PG_RELEASE_INSERT] =
        "INSERT INTO release_requests(signal_id, requested_by, reason, requested_at, status) "
        "SELECT $1::bigint, $2::bigint, $3::text, $4::text, 'pending' WHERE NOT EXISTS "
        "(SELECT 1 FROM release_requests WHERE signal_id = $1 AND requested_by = $2 AND "
        "status = 'pending') ON CONFLICT (signal_id, requested_by) WHERE status = 'pending' "
        "DO NOTHING RETURNING id",
    [PG_RELEASE_GET] = "SELECT " RELEASE_COLUMNS RELEASE_FROM "WHERE r.id = $1",
    [PG_RELEASE_DECIDE] = "UPDATE release_requests SET status = $3, decided_by = $4, "
                          "decision_note = $5, decided_at = $6, version = version + 1 "
                          "WHERE id = $1 AND version = $2 AND status = 'pending' "
                          "AND $3::text IN ('approved', 'refused')",
    [PG_RELEASE_LIST_CASE] =
        "SELECT " RELEASE_COLUMNS RELEASE_FROM "WHERE s.case_id = $1 ORDER BY r.id",
    [PG_RELEASE_LIST_PENDING] = "SELECT " RELEASE_COLUMNS RELEASE_FROM
                                "WHERE s.source_org = $1 AND r.status = 'pending' ORDER BY r.id",
    [PG_RELEASE_GRANTED] = "SELECT DISTINCT r.signal_id FROM release_requests r "
                           "JOIN signals s ON s.id = r.signal_id WHERE s.case_id = $1 "
                           "AND r.requested_by = $2 AND r.status = 'approved' ORDER BY r.signal_id",
    /* clang-format off */
    [PG_ACTOR_INSERT] =
        "WITH a AS (INSERT INTO actors(kind, name, description, created_by_org, created_at) "
        "VALUES ($1, $2, $3, $4, $5) RETURNING *), "
        "d AS (" PG_SEARCH_INDEX_ACTORS("a") ") SELECT id FROM a",
    /* clang-format on */
    [PG_ACTOR_GET] = "SELECT " ACTOR_COLUMNS " FROM actors a WHERE a.id = $1",
    [PG_ACTOR_COUNT] = "SELECT count(*) FROM actors a WHERE starts_with(" ACTOR_NAME_KEY
                       ", lower($1::text COLLATE \"C\"))",
    [PG_ACTOR_PAGE] =
        "SELECT " ACTOR_COLUMNS " FROM actors a WHERE starts_with(" ACTOR_NAME_KEY
        ", lower($1::text COLLATE \"C\")) ORDER BY " ACTOR_NAME_KEY ", a.id LIMIT $2 OFFSET $3",
    [PG_ACTOR_CASE_IDS] = "SELECT case_id FROM case_actors WHERE actor_id = $1 ORDER BY case_id",
    [PG_CASE_ACTORS] = "SELECT " ACTOR_COLUMNS " FROM case_actors ca "
                       "JOIN actors a ON a.id = ca.actor_id WHERE ca.case_id = $1 ORDER BY a.id",
    [PG_CASE_ACTOR_LINK] = "INSERT INTO case_actors(case_id, actor_id) VALUES ($1, $2) "
                           "ON CONFLICT DO NOTHING",
    [PG_NOTIFICATION_INSERT] = "INSERT INTO notifications(case_id, actor_id, signal_id, "
                               "created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    [PG_NOTIFICATION_LIST] =
        "SELECT n.id, n.case_id, n.actor_id, a.name, n.signal_id, s.source_org, s.received_at, "
        "n.created_at FROM notifications n JOIN actors a ON a.id = n.actor_id "
        "JOIN signals s ON s.id = n.signal_id WHERE n.case_id = $1 ORDER BY n.id DESC",
    [PG_GATHERING_LOCK] = "SELECT pg_advisory_xact_lock(" PG_LOCK_GATHERING_CLASS
                          ", hashtext($1::text || ':' || $2::text))",
    [PG_GATHERING_INSERT] =
        "INSERT INTO gathering_acts(subject_kind, subject_id, method, legal_basis, "
        "duration_days, justification, intrusion, order_id, recorded_by, recorded_at, "
        "recorded_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text, "
        "coalesce($11, substr($10::text, 1, 10))) RETURNING id",
    [PG_GATHERING_LIST] = "SELECT " ACT_COLUMNS " FROM gathering_acts g "
                          "JOIN users u ON u.id = g.recorded_by WHERE g.subject_kind = $1 "
                          "AND g.subject_id = $2 ORDER BY g.recorded_at DESC, g.id DESC",
    [PG_GATHERING_TOTAL] = "SELECT coalesce(sum(intrusion), 0) FROM gathering_acts "
                           "WHERE subject_kind = $1 AND subject_id = $2 AND recorded_on >= $3",
    [PG_ORDER_INSERT] = "INSERT INTO gathering_orders(subject_kind, subject_id, scope, until, "
                        "reasoning, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
                        "RETURNING id",
    [PG_ORDER_LIST] = "SELECT " ORDER_COLUMNS " FROM gathering_orders g "
                      "JOIN users u ON u.id = g.recorded_by WHERE g.subject_kind = $1 "
                      "AND g.subject_id = $2 ORDER BY g.recorded_at DESC, g.id DESC",
    [PG_ORDER_IN_FORCE] = "SELECT id FROM gathering_orders WHERE subject_kind = $1 "
                          "AND subject_id = $2 AND until >= $3 ORDER BY until DESC, id DESC "
                          "LIMIT 1",
    [PG_ASSESSMENT_INSERT] =
        "INSERT INTO assessments(case_id, product, status, seriousness, likelihood, intent, "
        "capability, threat_level, threat_level_derived, resistance_level, concreteness, "
        "reasoning, vulnerabilities, content, author_id, created_at, submitted_at, reviewer_id, "
        "review_comment, reviewed_at, valid_until, supersedes) VALUES ($1, $2, $3, $4, $5, $6, "
        "$7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) "
        "RETURNING id",
    [PG_ASSESSMENT_GET] = "SELECT " ASSESSMENT_COLUMNS ASSESSMENT_FROM "WHERE x.id = $1",
    [PG_ASSESSMENT_UPDATE] =
        "UPDATE assessments SET product = $3, status = $4, seriousness = $5, likelihood = $6, "
        "intent = $7, capability = $8, threat_level = $9, threat_level_derived = $10, "
        "resistance_level = $11, concreteness = $12, reasoning = $13, vulnerabilities = $14, "
        "content = $15, submitted_at = $16, reviewer_id = $17, review_comment = $18, "
        "reviewed_at = $19, valid_until = $20, supersedes = $21, version = version + 1 "
        "WHERE id = $1 AND version = $2",
    [PG_ASSESSMENT_LIST] =
        "SELECT " ASSESSMENT_COLUMNS ASSESSMENT_FROM "WHERE x.case_id = $1 ORDER BY x.id DESC",
    [PG_ASSESSMENT_FINAL] = "SELECT " ASSESSMENT_COLUMNS ASSESSMENT_FROM
                            "WHERE x.case_id = $1 AND x.status = 'final' ORDER BY x.id DESC "
                            "LIMIT 1",
    [PG_DAF_QUEUE + SCOPE_TEAM] = QUEUE_SQL(QUEUE_TEAM_SQL),
    [PG_DAF_QUEUE + SCOPE_TEAM_OR_REFERRED] =
        QUEUE_SQL("(c.status = 'referred' OR " QUEUE_TEAM_SQL ")"),
};

/* ---- small helpers ---- */

/* Runs an INSERT ... RETURNING id: DB_ONE with *id, DB_NONE when nothing was inserted. */
db_status pg_insert_id(storage *s, pg_stmt stmt, const pg_params *p, const char *what, int64_t *id)
{
    db_status st;
    PGresult *res = pg_run(s, stmt, p, what, &st);
    if (!res)
        return st;
    st = PQntuples(res) > 0 ? DB_ONE : DB_NONE;
    if (st == DB_ONE)
        *id = pg_int(res, 0, 0);
    PQclear(res);
    return st;
}

/* Runs a statement answering one number (a count or a sum) into *out. */
static db_status run_number(storage *s, pg_stmt stmt, const pg_params *p, const char *what,
                            int64_t *out)
{
    db_status st;
    PGresult *res = pg_run(s, stmt, p, what, &st);
    if (!res)
        return st;
    *out = PQntuples(res) > 0 ? pg_int(res, 0, 0) : 0;
    PQclear(res);
    return DB_ONE;
}

/* Runs a statement keyed by one id and reads its first row, if any, with read. */
db_status pg_load_one(storage *s, arena *a, pg_stmt stmt, int64_t key, pg_row_reader read,
                      void *out, const char *what)
{
    pg_params p = {0};
    pg_param_int(&p, key);
    db_status st;
    PGresult *res = pg_run(s, stmt, &p, what, &st);
    if (!res)
        return st;
    st = PQntuples(res) > 0 ? DB_ONE : DB_NONE;
    if (st == DB_ONE)
        read(a, res, 0, out);
    PQclear(res);
    return st;
}

/* Reads every row of a result into an array; the row count or DB_HARD_ERROR. */
db_status pg_read_all(arena *a, PGresult *res, size_t size, pg_row_reader read, void **out,
                      size_t *count)
{
    db_status st = pg_read_rows(a, res, size, read, out, count);
    PQclear(res);
    return st;
}

/* ---- signals ---- */

static void read_signal(arena *a, const PGresult *res, int row, void *item)
{
    signal_record *sig = item;
    memset(sig, 0, sizeof *sig);
    sig->id = pg_int(res, row, 0);
    sig->case_id = pg_int(res, row, 1);
    sig->case_reference = pg_text(a, res, row, 2);
    sig->received_at = pg_text(a, res, row, 3);
    sig->source_org = pg_text(a, res, row, 4);
    sig->source_org_name = pg_text(a, res, row, 5);
    sig->source_grade = source_grade_parse(pg_raw(res, row, 6));
    sig->info_grade = info_grade_parse(pg_raw(res, row, 7));
    sig->handling = handling_parse(pg_raw(res, row, 8));
    sig->handling_note = pg_text(a, res, row, 9);
    sig->compartment = compartment_parse(pg_raw(res, row, 10));
    sig->concrete = pg_bool(res, row, 11);
    sig->text = pg_text(a, res, row, 12);
    sig->recorded_by = pg_int(res, row, 13);
    sig->recorded_by_username = pg_text(a, res, row, 14);
    sig->recorded_by_org = pg_text(a, res, row, 15);
    sig->created_at = pg_text(a, res, row, 16);
    sig->version = pg_int(res, row, 17);
}

static void read_subject(arena *a, const PGresult *res, int row, signal_subject *sub)
{
    sub->kind = subject_kind_parse(pg_raw(res, row, 1));
    sub->id = pg_int(res, row, 2);
    sub->label = pg_text(a, res, row, 3);
}

/* The index of the signal with this id at or after from, or n. */
static size_t signal_index(const signal_record *sigs, size_t n, size_t from, int64_t id)
{
    while (from < n && sigs[from].id != id)
        from++;
    return from;
}

/* Hands each signal its run of subject rows (the rows come in the order of the signals). A row
 * of a signal that is not in the list (inserted between the two statements of a READ COMMITTED
 * transaction) is passed over. */
static db_status attach_subjects(arena *a, const PGresult *res, signal_record *sigs, size_t n)
{
    int rows = PQntuples(res);
    signal_subject *all = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *all);
    if (!all)
        return DB_HARD_ERROR;
    size_t at = 0;
    for (int r = 0; r < rows; r++) {
        size_t i = signal_index(sigs, n, at, pg_int(res, r, 0));
        if (i == n)
            continue;
        at = i;
        signal_subject *sub = &all[r];
        if (!sigs[i].subjects)
            sigs[i].subjects = sub;
        else if (sigs[i].subjects + sigs[i].subject_count != sub)
            continue; /* not contiguous: a row of a signal seen again out of order */
        read_subject(a, res, r, sub);
        sigs[i].subject_count++;
    }
    return DB_NONE;
}

/* Stores the subjects and links the named actors to the case, all in one round trip. */
static db_status add_subjects(storage *s, const signal_record *sig)
{
    static const pg_stmt ids[] = {PG_SIGNAL_SUBJECT_ADD, PG_CASE_ACTOR_LINK};
    if (sig->subject_count == 0)
        return DB_NONE;
    db_status st = pg_batch_begin(s, ids, 2);
    if (st < 0)
        return st;
    for (size_t i = 0; i < sig->subject_count; i++) {
        const signal_subject *sub = &sig->subjects[i];
        pg_params p = {0};
        pg_param_int(&p, sig->id);
        pg_param_text(&p, subject_kind_name(sub->kind));
        pg_param_int(&p, sub->id);
        pg_batch_send(s, PG_SIGNAL_SUBJECT_ADD, &p);
        if (sub->kind == SUBJECT_ACTOR) {
            pg_params link = {0};
            pg_param_int(&link, sig->case_id);
            pg_param_int(&link, sub->id);
            pg_batch_send(s, PG_CASE_ACTOR_LINK, &link);
        }
    }
    int changed;
    return pg_batch_finish(s, "signal subjects", &changed);
}

db_status pg_signal_insert(storage *s, signal_record *sig)
{
    pg_params p = {0};
    pg_param_int(&p, sig->case_id);
    pg_param_text(&p, sig->received_at);
    pg_param_text(&p, sig->source_org);
    pg_param_text(&p, source_grade_name(sig->source_grade));
    pg_param_text(&p, info_grade_name(sig->info_grade));
    pg_param_text(&p, handling_name(sig->handling));
    pg_param_text(&p, sig->handling_note ? sig->handling_note : "");
    pg_param_text(&p, compartment_name(sig->compartment));
    pg_param_bool(&p, sig->concrete);
    /* the text as stored (sealed for the sealed compartments: storage/sealed.c) */
    arena tmp;
    arena_init(&tmp, 2 * strlen(sig->text ? sig->text : "") + 4096);
    const char *stored = NULL;
    db_status st = storage_seal_signal_text(s, &tmp, sig, &stored);
    pg_param_text(&p, stored);
    pg_param_int(&p, sig->recorded_by);
    pg_param_text(&p, sig->recorded_by_org);
    pg_param_text(&p, sig->created_at);
    int64_t id = 0;
    if (st >= 0)
        st = pg_insert_id(s, PG_SIGNAL_INSERT, &p, "signal insert", &id);
    arena_clear(&tmp);
    if (st != DB_ONE)
        return st < 0 ? st : DB_HARD_ERROR;
    sig->id = id;
    sig->version = 1;
    st = add_subjects(s, sig);
    return st < 0 ? st : DB_ONE;
}

/* Runs a signal statement and its subjects statement, both keyed by key, in one round trip. */
static db_status run_signals(storage *s, pg_stmt rows, pg_stmt subjects, int64_t key,
                             PGresult *res[2], const char *what)
{
    const pg_stmt ids[] = {rows, subjects};
    pg_params ps[2] = {{0}, {0}};
    pg_param_int(&ps[0], key);
    pg_param_int(&ps[1], key);
    return pg_run_many(s, ids, ps, 2, res, what);
}

db_status pg_signal_get(storage *s, arena *a, int64_t id, signal_record *out)
{
    PGresult *res[2];
    db_status st = run_signals(s, PG_SIGNAL_GET, PG_SIGNAL_SUBJECTS, id, res, "signal get");
    if (st < 0)
        return st;
    st = PQntuples(res[0]) > 0 ? DB_ONE : DB_NONE;
    if (st == DB_ONE) {
        read_signal(a, res[0], 0, out);
        if (attach_subjects(a, res[1], out, 1) < 0 || storage_open_signal_text(s, a, out) < 0)
            st = DB_HARD_ERROR;
    }
    pg_clear_results(res, 2);
    return st;
}

db_status pg_signal_list(storage *s, arena *a, int64_t case_id, signal_record **out, size_t *count)
{
    PGresult *res[2];
    db_status st =
        run_signals(s, PG_SIGNAL_LIST, PG_SIGNAL_LIST_SUBJECTS, case_id, res, "signal list");
    if (st < 0)
        return st;
    st = pg_read_rows(a, res[0], sizeof(signal_record), read_signal, (void **)out, count);
    if (st >= 0 && (attach_subjects(a, res[1], *out, *count) < 0 ||
                    storage_open_signal_texts(s, a, *out, *count) < 0))
        st = DB_HARD_ERROR;
    pg_clear_results(res, 2);
    return st;
}

db_status pg_signal_count_since(storage *s, int64_t case_id, const char *after, int64_t *count)
{
    pg_params p = {0};
    pg_param_int(&p, case_id);
    pg_param_text(&p, after ? after : "");
    return run_number(s, PG_SIGNAL_COUNT_SINCE, &p, "signal count since", count);
}

/* ---- release requests ---- */

static void read_release(arena *a, const PGresult *res, int row, void *item)
{
    release_record *r = item;
    memset(r, 0, sizeof *r);
    r->id = pg_int(res, row, 0);
    r->signal_id = pg_int(res, row, 1);
    r->case_id = pg_int(res, row, 2);
    r->source_org = pg_text(a, res, row, 3);
    r->requested_by = pg_int(res, row, 4);
    r->requested_by_username = pg_text(a, res, row, 5);
    r->requested_by_org = pg_text(a, res, row, 6);
    r->reason = pg_text(a, res, row, 7);
    r->requested_at = pg_text(a, res, row, 8);
    r->status = release_status_parse(pg_raw(res, row, 9));
    r->decided_by = pg_int(res, row, 10);
    r->decided_by_username = pg_text(a, res, row, 11);
    r->decision_note = pg_text(a, res, row, 12);
    r->decided_at = pg_text(a, res, row, 13);
    r->version = pg_int(res, row, 14);
}

db_status pg_release_insert(storage *s, release_record *r)
{
    pg_params p = {0};
    pg_param_int(&p, r->signal_id);
    pg_param_int(&p, r->requested_by);
    pg_param_text(&p, r->reason ? r->reason : "");
    pg_param_text(&p, r->requested_at);
    int64_t id = 0;
    db_status st = pg_insert_id(s, PG_RELEASE_INSERT, &p, "release insert", &id);
    if (st == DB_ONE) {
        r->id = id;
        r->version = 1;
        r->status = RELEASE_PENDING;
    }
    return st;
}

db_status pg_release_get(storage *s, arena *a, int64_t id, release_record *out)
{
    return pg_load_one(s, a, PG_RELEASE_GET, id, read_release, out, "release get");
}

/* Version-checked like case_update: a concurrent decision makes this wait for its row lock, then
 * re-check version and status on the committed row, so the second decider changes nothing. */
db_status pg_release_decide(storage *s, release_record *r)
{
    pg_params p = {0};
    pg_param_int(&p, r->id);
    pg_param_int(&p, r->version);
    pg_param_text(&p, release_status_name(r->status));
    pg_param_id_or_null(&p, r->decided_by);
    pg_param_text(&p, r->decision_note ? r->decision_note : "");
    pg_param_text(&p, r->decided_at);
    db_status st = pg_command(s, PG_RELEASE_DECIDE, &p, "release decide");
    if (st == DB_ONE)
        r->version++;
    return st;
}

db_status pg_release_list_case(storage *s, arena *a, int64_t case_id, release_record **out,
                               size_t *count)
{
    return pg_load_rows(s, a, PG_RELEASE_LIST_CASE, case_id, sizeof(release_record), read_release,
                        (void **)out, count);
}

db_status pg_release_list_pending(storage *s, arena *a, const char *source_org,
                                  release_record **out, size_t *count)
{
    pg_params p = {0};
    pg_param_text(&p, source_org);
    db_status st;
    PGresult *res = pg_run(s, PG_RELEASE_LIST_PENDING, &p, "release list pending", &st);
    if (!res)
        return st;
    return pg_read_all(a, res, sizeof(release_record), read_release, (void **)out, count);
}

db_status pg_release_granted(storage *s, arena *a, int64_t case_id, int64_t user_id,
                             int64_t **signal_ids, size_t *count)
{
    pg_params p = {0};
    pg_param_int(&p, case_id);
    pg_param_int(&p, user_id);
    db_status st;
    PGresult *res = pg_run(s, PG_RELEASE_GRANTED, &p, "release granted", &st);
    if (!res)
        return st;
    return pg_read_all(a, res, sizeof(int64_t), pg_read_id_item, (void **)signal_ids, count);
}

/* ---- actors and notifications ---- */

static void read_actor(arena *a, const PGresult *res, int row, void *item)
{
    actor_record *act = item;
    act->id = pg_int(res, row, 0);
    act->kind = actor_kind_parse(pg_raw(res, row, 1));
    act->name = pg_text(a, res, row, 2);
    act->description = pg_text(a, res, row, 3);
    act->created_by_org = pg_text(a, res, row, 4);
    act->created_at = pg_text(a, res, row, 5);
    act->version = pg_int(res, row, 6);
}

db_status pg_actor_insert(storage *s, actor_record *act)
{
    pg_params p = {0};
    pg_param_text(&p, actor_kind_name(act->kind));
    pg_param_text(&p, act->name);
    pg_param_text(&p, act->description ? act->description : "");
    pg_param_text(&p, act->created_by_org);
    pg_param_text(&p, act->created_at);
    int64_t id = 0;
    db_status st = pg_insert_id(s, PG_ACTOR_INSERT, &p, "actor insert", &id);
    if (st != DB_ONE)
        return st < 0 ? st : DB_HARD_ERROR;
    act->id = id;
    act->version = 1;
    return DB_ONE;
}

db_status pg_actor_get(storage *s, arena *a, int64_t id, actor_record *out)
{
    return pg_load_one(s, a, PG_ACTOR_GET, id, read_actor, out, "actor get");
}

/* The total and the page in one round trip. */
db_status pg_actor_list(storage *s, arena *a, const char *name_prefix, int64_t page,
                        int64_t per_page, actor_record **out, size_t *count, int64_t *total)
{
    static const pg_stmt ids[] = {PG_ACTOR_COUNT, PG_ACTOR_PAGE};
    const char *prefix = name_prefix ? name_prefix : "";
    pg_params ps[2] = {{0}, {0}};
    pg_param_text(&ps[0], prefix);
    pg_param_text(&ps[1], prefix);
    pg_param_int(&ps[1], per_page);
    pg_param_int(&ps[1], (page > 1 ? page - 1 : 0) * per_page);
    PGresult *res[2];
    db_status st = pg_run_many(s, ids, ps, 2, res, "actor list");
    if (st < 0)
        return st;
    *total = PQntuples(res[0]) > 0 ? pg_int(res[0], 0, 0) : 0;
    st = pg_read_rows(a, res[1], sizeof(actor_record), read_actor, (void **)out, count);
    pg_clear_results(res, 2);
    return st;
}

db_status pg_actor_cases(storage *s, arena *a, int64_t actor_id, case_record **out, size_t *count)
{
    int64_t *ids;
    size_t n;
    db_status st = pg_load_rows(s, a, PG_ACTOR_CASE_IDS, actor_id, sizeof *ids, pg_read_id_item,
                                (void **)&ids, &n);
    if (st < 0)
        return st;
    case_record *cases = arena_alloc(a, (n ? n : 1) * sizeof *cases);
    if (!cases)
        return DB_HARD_ERROR;
    if ((st = pg_load_cases_with_teams(s, a, ids, (int)n, cases)) < 0)
        return st;
    *out = cases;
    *count = n;
    return (db_status)n;
}

db_status pg_case_actors(storage *s, arena *a, int64_t case_id, actor_record **out, size_t *count)
{
    return pg_load_rows(s, a, PG_CASE_ACTORS, case_id, sizeof(actor_record), read_actor,
                        (void **)out, count);
}

db_status pg_case_actor_link(storage *s, int64_t case_id, int64_t actor_id)
{
    pg_params p = {0};
    pg_param_int(&p, case_id);
    pg_param_int(&p, actor_id);
    return pg_command(s, PG_CASE_ACTOR_LINK, &p, "case actor link");
}

static void read_notification(arena *a, const PGresult *res, int row, void *item)
{
    notification_record *n = item;
    n->id = pg_int(res, row, 0);
    n->case_id = pg_int(res, row, 1);
    n->actor_id = pg_int(res, row, 2);
    n->actor_name = pg_text(a, res, row, 3);
    n->signal_id = pg_int(res, row, 4);
    n->source_org = pg_text(a, res, row, 5);
    n->received_at = pg_text(a, res, row, 6);
    n->created_at = pg_text(a, res, row, 7);
}

db_status pg_notification_insert(storage *s, notification_record *n)
{
    pg_params p = {0};
    pg_param_int(&p, n->case_id);
    pg_param_int(&p, n->actor_id);
    pg_param_int(&p, n->signal_id);
    pg_param_text(&p, n->created_at);
    int64_t id = 0;
    db_status st = pg_insert_id(s, PG_NOTIFICATION_INSERT, &p, "notification insert", &id);
    if (st != DB_ONE)
        return st < 0 ? st : DB_HARD_ERROR;
    n->id = id;
    return DB_ONE;
}

db_status pg_notification_list_case(storage *s, arena *a, int64_t case_id,
                                    notification_record **out, size_t *count)
{
    return pg_load_rows(s, a, PG_NOTIFICATION_LIST, case_id, sizeof(notification_record),
                        read_notification, (void **)out, count);
}

/* ---- information gathering ---- */

static void subject_params(pg_params *p, subject_kind kind, int64_t subject_id)
{
    pg_param_text(p, subject_kind_name(kind));
    pg_param_int(p, subject_id);
}

/* Runs stmt with the parameters in ps[1] (they start with the subject), after taking the
 * subject's budget lock with ps[0] when inside a write transaction, in one round trip. Under
 * READ COMMITTED two acts checked against the same old total could otherwise both pass the
 * threshold; with the lock the second waits, and its statements then see the first's commit. */
static PGresult *run_locked(storage *s, subject_kind kind, int64_t subject_id, pg_stmt stmt,
                            pg_params ps[2], const char *what, db_status *st)
{
    if (!pg_in_write_tx(s))
        return pg_run(s, stmt, &ps[1], what, st);
    const pg_stmt ids[] = {PG_GATHERING_LOCK, stmt};
    subject_params(&ps[0], kind, subject_id);
    PGresult *res[2];
    if ((*st = pg_run_many(s, ids, ps, 2, res, what)) < 0)
        return NULL;
    PQclear(res[0]);
    return res[1];
}

static void read_act(arena *a, const PGresult *res, int row, void *item)
{
    gathering_act *g = item;
    g->id = pg_int(res, row, 0);
    g->subject_kind = subject_kind_parse(pg_raw(res, row, 1));
    g->subject_id = pg_int(res, row, 2);
    g->method = gathering_method_parse(pg_raw(res, row, 3));
    g->legal_basis = pg_text(a, res, row, 4);
    g->duration_days = pg_int(res, row, 5);
    g->justification = pg_text(a, res, row, 6);
    g->intrusion = pg_int(res, row, 7);
    g->order_id = pg_int(res, row, 8);
    g->recorded_by = pg_int(res, row, 9);
    g->recorded_by_username = pg_text(a, res, row, 10);
    g->recorded_by_org = pg_text(a, res, row, 11);
    g->recorded_at = pg_text(a, res, row, 12);
    g->recorded_on = pg_text(a, res, row, 13);
}

db_status pg_gathering_insert(storage *s, gathering_act *g)
{
    pg_params ps[2] = {{0}, {0}}, *p = &ps[1];
    subject_params(p, g->subject_kind, g->subject_id);
    pg_param_text(p, gathering_method_name(g->method));
    pg_param_text(p, g->legal_basis);
    pg_param_int(p, g->duration_days);
    pg_param_text(p, g->justification);
    pg_param_int(p, g->intrusion);
    pg_param_id_or_null(p, g->order_id);
    pg_param_int(p, g->recorded_by);
    pg_param_text(p, g->recorded_at);
    pg_param_text(p, g->recorded_on);
    db_status st;
    PGresult *res = run_locked(s, g->subject_kind, g->subject_id, PG_GATHERING_INSERT, ps,
                               "gathering insert", &st);
    if (!res)
        return st;
    st = PQntuples(res) > 0 ? DB_ONE : DB_HARD_ERROR;
    if (st == DB_ONE)
        g->id = pg_int(res, 0, 0);
    PQclear(res);
    return st;
}

db_status pg_gathering_list(storage *s, arena *a, subject_kind kind, int64_t subject_id,
                            gathering_act **out, size_t *count)
{
    pg_params p = {0};
    subject_params(&p, kind, subject_id);
    db_status st;
    PGresult *res = pg_run(s, PG_GATHERING_LIST, &p, "gathering list", &st);
    if (!res)
        return st;
    return pg_read_all(a, res, sizeof(gathering_act), read_act, (void **)out, count);
}

db_status pg_gathering_total(storage *s, subject_kind kind, int64_t subject_id,
                             const char *since_day, int64_t *total)
{
    pg_params ps[2] = {{0}, {0}};
    subject_params(&ps[1], kind, subject_id);
    pg_param_text(&ps[1], since_day);
    db_status st;
    PGresult *res = run_locked(s, kind, subject_id, PG_GATHERING_TOTAL, ps, "gathering total", &st);
    if (!res)
        return st;
    *total = PQntuples(res) > 0 ? pg_int(res, 0, 0) : 0;
    PQclear(res);
    return DB_ONE;
}

static void read_order(arena *a, const PGresult *res, int row, void *item)
{
    gathering_order *o = item;
    o->id = pg_int(res, row, 0);
    o->subject_kind = subject_kind_parse(pg_raw(res, row, 1));
    o->subject_id = pg_int(res, row, 2);
    o->scope = pg_text(a, res, row, 3);
    o->until = pg_text(a, res, row, 4);
    o->reasoning = pg_text(a, res, row, 5);
    o->recorded_by = pg_int(res, row, 6);
    o->recorded_by_username = pg_text(a, res, row, 7);
    o->recorded_by_org = pg_text(a, res, row, 8);
    o->recorded_at = pg_text(a, res, row, 9);
}

db_status pg_order_insert(storage *s, gathering_order *o)
{
    pg_params p = {0};
    subject_params(&p, o->subject_kind, o->subject_id);
    pg_param_text(&p, o->scope);
    pg_param_text(&p, o->until);
    pg_param_text(&p, o->reasoning);
    pg_param_int(&p, o->recorded_by);
    pg_param_text(&p, o->recorded_at);
    int64_t id = 0;
    db_status st = pg_insert_id(s, PG_ORDER_INSERT, &p, "order insert", &id);
    if (st != DB_ONE)
        return st < 0 ? st : DB_HARD_ERROR;
    o->id = id;
    return DB_ONE;
}

db_status pg_order_list(storage *s, arena *a, subject_kind kind, int64_t subject_id,
                        gathering_order **out, size_t *count)
{
    pg_params p = {0};
    subject_params(&p, kind, subject_id);
    db_status st;
    PGresult *res = pg_run(s, PG_ORDER_LIST, &p, "order list", &st);
    if (!res)
        return st;
    return pg_read_all(a, res, sizeof(gathering_order), read_order, (void **)out, count);
}

db_status pg_order_in_force(storage *s, subject_kind kind, int64_t subject_id, const char *today,
                            int64_t *order_id)
{
    pg_params p = {0};
    subject_params(&p, kind, subject_id);
    pg_param_text(&p, today);
    *order_id = 0;
    db_status st;
    PGresult *res = pg_run(s, PG_ORDER_IN_FORCE, &p, "order in force", &st);
    if (!res)
        return st;
    st = PQntuples(res) > 0 ? DB_ONE : DB_NONE;
    if (st == DB_ONE)
        *order_id = pg_int(res, 0, 0);
    PQclear(res);
    return st;
}

/* ---- threat assessments ---- */

static void read_assessment(arena *ar, const PGresult *res, int row, void *item)
{
    assessment_record *x = item;
    memset(x, 0, sizeof *x);
    x->id = pg_int(res, row, 0);
    x->case_id = pg_int(res, row, 1);
    x->case_reference = pg_text(ar, res, row, 2);
    x->product = product_parse(pg_raw(res, row, 3));
    x->status = assessment_status_parse(pg_raw(res, row, 4));
    x->seriousness = (int)pg_int(res, row, 5);
    x->likelihood = (int)pg_int(res, row, 6);
    x->intent = (int)pg_int(res, row, 7);
    x->capability = (int)pg_int(res, row, 8);
    x->threat_level = (int)pg_int(res, row, 9);
    x->threat_level_derived = pg_bool(res, row, 10);
    x->resistance_level = (int)pg_int(res, row, 11);
    x->concreteness = pg_text(ar, res, row, 12);
    x->reasoning = pg_text(ar, res, row, 13);
    x->vulnerabilities = pg_text(ar, res, row, 14);
    x->content = pg_text(ar, res, row, 15);
    x->author_id = pg_int(res, row, 16);
    x->author_username = pg_text(ar, res, row, 17);
    x->author_org = pg_text(ar, res, row, 18);
    x->created_at = pg_text(ar, res, row, 19);
    x->submitted_at = pg_text(ar, res, row, 20);
    x->reviewer_id = pg_int(res, row, 21);
    x->reviewer_username = pg_text(ar, res, row, 22);
    x->review_comment = pg_text(ar, res, row, 23);
    x->reviewed_at = pg_text(ar, res, row, 24);
    x->valid_until = pg_text(ar, res, row, 25);
    x->supersedes = pg_int(res, row, 26);
    x->version = pg_int(res, row, 27);
}

/* The grades and texts an author writes, in the order both statements take them. */
static void assessment_content_params(pg_params *p, const assessment_record *x)
{
    pg_param_text(p, product_name(x->product));
    pg_param_text(p, assessment_status_name(x->status));
    pg_param_int(p, x->seriousness);
    pg_param_int(p, x->likelihood);
    pg_param_int(p, x->intent);
    pg_param_int(p, x->capability);
    pg_param_int(p, x->threat_level);
    pg_param_bool(p, x->threat_level_derived);
    pg_param_int(p, x->resistance_level);
    pg_param_text(p, x->concreteness ? x->concreteness : "");
    pg_param_text(p, x->reasoning ? x->reasoning : "");
    pg_param_text(p, x->vulnerabilities ? x->vulnerabilities : "");
    pg_param_text(p, x->content ? x->content : "{}");
}

/* Submission, review and validity, in the order both statements take them. */
static void assessment_review_params(pg_params *p, const assessment_record *x)
{
    pg_param_text(p, x->submitted_at);
    pg_param_id_or_null(p, x->reviewer_id);
    pg_param_text(p, x->review_comment ? x->review_comment : "");
    pg_param_text(p, x->reviewed_at);
    pg_param_text(p, x->valid_until);
    pg_param_id_or_null(p, x->supersedes);
}

db_status pg_assessment_insert(storage *s, assessment_record *x)
{
    pg_params p = {0};
    pg_param_int(&p, x->case_id);
    assessment_content_params(&p, x);
    pg_param_int(&p, x->author_id);
    pg_param_text(&p, x->created_at);
    assessment_review_params(&p, x);
    int64_t id = 0;
    db_status st = pg_insert_id(s, PG_ASSESSMENT_INSERT, &p, "assessment insert", &id);
    if (st != DB_ONE)
        return st < 0 ? st : DB_HARD_ERROR;
    x->id = id;
    x->version = 1;
    return DB_ONE;
}

db_status pg_assessment_get(storage *s, arena *ar, int64_t id, assessment_record *out)
{
    return pg_load_one(s, ar, PG_ASSESSMENT_GET, id, read_assessment, out, "assessment get");
}

/* Version-checked: a stale writer changes nothing and answers DB_NONE (see case_update). */
db_status pg_assessment_update(storage *s, assessment_record *x)
{
    pg_params p = {0};
    pg_param_int(&p, x->id);
    pg_param_int(&p, x->version);
    assessment_content_params(&p, x);
    assessment_review_params(&p, x);
    db_status st = pg_command(s, PG_ASSESSMENT_UPDATE, &p, "assessment update");
    if (st == DB_ONE)
        x->version++;
    return st;
}

db_status pg_assessment_list(storage *s, arena *ar, int64_t case_id, assessment_record **out,
                             size_t *count)
{
    return pg_load_rows(s, ar, PG_ASSESSMENT_LIST, case_id, sizeof(assessment_record),
                        read_assessment, (void **)out, count);
}

db_status pg_assessment_final(storage *s, arena *ar, int64_t case_id, assessment_record *out)
{
    return pg_load_one(s, ar, PG_ASSESSMENT_FINAL, case_id, read_assessment, out,
                       "assessment final");
}

/* ---- the DAF work queue ---- */

static void read_queue_item(arena *a, const PGresult *res, int row, void *item)
{
    daf_queue_item *q = item;
    static const daf_queue_reason reasons[] = {QUEUE_REVIEW, QUEUE_VALIDITY_ENDING,
                                               QUEUE_NEW_SIGNALS, QUEUE_FIRST_ASSESSMENT};
    int64_t rank = pg_int(res, row, 0);
    q->reason = rank >= 0 && rank < 4 ? reasons[rank] : QUEUE_FIRST_ASSESSMENT;
    q->case_id = pg_int(res, row, 1);
    q->case_reference = pg_text(a, res, row, 2);
    q->urgent = pg_bool(res, row, 3);
    q->phenomenon = phenomenon_parse(pg_raw(res, row, 4));
    q->assessment_id = pg_int(res, row, 5);
    q->since = pg_text(a, res, row, 6);
    q->valid_until = pg_text(a, res, row, 7);
    q->new_signals = pg_int(res, row, 8);
}

db_status pg_daf_queue(storage *s, arena *a, const viewer *v, access_scope scope, const char *today,
                       int warning_days, daf_queue_item **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    if (scope != SCOPE_TEAM && scope != SCOPE_TEAM_OR_REFERRED)
        return DB_NONE; /* no case content: no queue */
    pg_params p = {0};
    pg_param_text(&p, v->org ? v->org : "");
    pg_param_int(&p, v->user_id);
    pg_param_text(&p, today);
    pg_param_int(&p, warning_days);
    pg_param_int(&p, v->now);
    db_status st;
    PGresult *res = pg_run(s, (pg_stmt)(PG_DAF_QUEUE + scope), &p, "daf queue", &st);
    if (!res)
        return st;
    return pg_read_all(a, res, sizeof(daf_queue_item), read_queue_item, (void **)out, count);
}

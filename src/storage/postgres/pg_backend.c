/* pg_backend: connections, prepared statements, transactions, the error mapping and the operation
 * table of the PostgreSQL backend. Each thread gets its own connection (a PGconn must not be used
 * by two threads at once); every statement is prepared once per connection and then executed.
 * Round trips are what a request waits for, so BEGIN travels with the transaction's first
 * statement, and statements that do not depend on each other's answers (a case and its children,
 * a batch of audit entries) go together in one pipeline.
 *
 * Isolation, chosen per invariant:
 * - TX_READ is REPEATABLE READ READ ONLY: a case with its persons, team and timeline, a list page
 *   with its total, and an audit scan each come from one snapshot. Read-only snapshots never fail
 *   to serialize, so reads are never retried for concurrency.
 * - TX_WRITE is READ COMMITTED: each statement sees what was committed before it started, and the
 *   invariants are held by locks and conditional writes, not by the snapshot:
 *   - no lost update of a case, an assessment, a decision or a measure: `UPDATE ... WHERE id = $1
 *     AND version = $2` waits for a concurrent writer's row lock and then re-checks the version on
 *     the row it committed (0 rows: stale);
 *   - at most one decision in force per case: the partial unique index decisions_one_in_force.
 *     Two authorities deciding at once both supersede the previous decision by a version-checked
 *     update, so the second finds it stale; where there was none, the second insert waits for
 *     the first's index entry and then conflicts, which decision_insert answers as a soft error
 *     (the retry sees the first decision and the case's new version);
 *   - at most one final assessment per case: an approval first writes the case row (version
 *     checked, bumped on every approval) and only then reads the final assessment it supersedes,
 *     so a concurrent approval has either committed (and is seen) or holds the row (and this one
 *     finds the case stale) - api/daf_assessments_review.c;
 *   - one audit chain: audit_append takes an advisory transaction lock and only then reads the
 *     head; under READ COMMITTED that read sees the previous holder's commit. (Under REPEATABLE
 *     READ the snapshot would predate the lock and every append racing another would fail.)
 *   - login throttle counts: throttle_get in a write transaction first takes a per-username
 *     advisory lock, so two failed logins cannot both count from the same old value;
 *   - unique usernames, team rows and person links: unique keys with ON CONFLICT DO NOTHING.
 * SQLSTATEs 40001, 40P01 and 55P03 and broken connections are soft errors: storage_transact
 * retries the whole transaction. A connection lost during COMMIT is a hard error instead: the
 * commit may have happened, and retrying could apply the transaction twice. */
#include "storage/postgres/pg_backend.h"

#include "storage/postgres/pg_internal.h"
#include "util/log.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct pg_conn {
    PGconn *pq;
    bool prepared[PG_STMT__COUNT];
    bool dynamic_prepared[PG_DYNAMIC_SLOTS];
    bool in_tx;
    bool must_rollback;     /* the connection was reset inside a transaction */
    bool begin_pending;     /* BEGIN not sent yet: it goes with the first statement */
    db_status batch_status; /* the first failure while sending a pipelined batch */
    tx_kind kind;
    unsigned resets;
    struct pg_conn *next; /* all connections of the backend, for closing */
} pg_conn;

typedef struct pg_impl {
    char *url;
    pthread_key_t key;
    pthread_mutex_t lock;
    pg_conn *conns;
} pg_impl;

/* The fixed pieces of the list statements (storage.h: case_list). The viewer's values are
 * parameters: $1 status (NULL: any), $2 organisation, $3 user id, $4 now (unix seconds), $5
 * limit, $6 offset. */
#define LIST_WHERE(scope) " WHERE ($1::text IS NULL OR c.status = $1::text) AND " scope
#define SCOPE_NONE_SQL "false"
#define SCOPE_TEAM_SQL PG_TEAM_SQL("c", "$2::text", "$3::bigint", "$4::bigint")
#define SCOPE_TEAM_OR_REFERRED_SQL                                                                 \
    PG_TEAM_OR_REFERRED_SQL("c", "$2::text", "$3::bigint", "$4::bigint")
#define SORT_TRIAGE_SQL "c.urgent DESC, c.created_at ASC, c.id ASC"
#define SORT_NEWEST_SQL "c.created_at DESC, c.id DESC"
#define SORT_OLDEST_SQL "c.created_at ASC, c.id ASC"
#define SORT_REFERENCE_SQL "c.id ASC"
#define COUNT_SQL(scope) "SELECT count(*) FROM cases c" LIST_WHERE(scope)
#define PAGE_SQL(scope, sort)                                                                      \
    "SELECT " PG_CASE_COLUMNS PG_CASE_FROM LIST_WHERE(scope) " ORDER BY " sort                     \
                                                             " LIMIT $5::bigint OFFSET $6::bigint"
#define PAGES(base, scope)                                                                         \
    [base + SORT_TRIAGE] = PAGE_SQL(scope, SORT_TRIAGE_SQL),                                       \
            [base + SORT_NEWEST] = PAGE_SQL(scope, SORT_NEWEST_SQL),                               \
            [base + SORT_OLDEST] = PAGE_SQL(scope, SORT_OLDEST_SQL),                               \
            [base + SORT_REFERENCE] = PAGE_SQL(scope, SORT_REFERENCE_SQL)

static const char *const stmt_sql[PG_STMT__COUNT] = {
    [PG_BEGIN_READ] = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    [PG_BEGIN_WRITE] = "BEGIN ISOLATION LEVEL READ COMMITTED",
    [PG_COMMIT] = "COMMIT",
    [PG_ROLLBACK] = "ROLLBACK",
    [PG_ORG_UPSERT] = "INSERT INTO orgs(code, name, kind, district) VALUES ($1, $2, $3, $4) "
                      "ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, "
                      "kind = EXCLUDED.kind, district = EXCLUDED.district",
    [PG_ORG_LIST] = "SELECT code, name, kind, district FROM orgs ORDER BY code",
    [PG_ORG_GET] = "SELECT code, name, kind, district FROM orgs WHERE code = $1",
    [PG_USER_INSERT] = "INSERT INTO users(username, display_name, role, org, password_hash, "
                       "created_at) VALUES ($1, $2, $3, $4, $5, $6) "
                       "ON CONFLICT (username) DO NOTHING RETURNING id",
    [PG_USER_BY_USERNAME] = "SELECT id, username, display_name, role, org, password_hash, "
                            "active FROM users WHERE username = $1",
    [PG_USER_BY_ID] = "SELECT id, username, display_name, role, org, password_hash, active "
                      "FROM users WHERE id = $1",
    [PG_THROTTLE_LOCK] =
        "SELECT pg_advisory_xact_lock(" PG_LOCK_THROTTLE_CLASS ", hashtext($1::text))",
    [PG_THROTTLE_GET] = "SELECT failures, window_start, locked_until FROM login_throttle "
                        "WHERE username = $1",
    [PG_THROTTLE_PUT] = "INSERT INTO login_throttle(username, failures, window_start, "
                        "locked_until) VALUES ($1, $2, $3, $4) ON CONFLICT (username) DO UPDATE "
                        "SET failures = EXCLUDED.failures, window_start = EXCLUDED.window_start, "
                        "locked_until = EXCLUDED.locked_until",
    [PG_SESSION_INSERT] = "INSERT INTO sessions(token_hash, user_id, created_at, last_seen, "
                          "expires_at) VALUES ($1, $2, $3, $3, $4)",
    [PG_SESSION_LOOKUP] =
        "SELECT u.id, u.username, u.display_name, u.role, u.org, s.last_seen "
        "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1::bytea "
        "AND s.expires_at > $2::bigint AND s.last_seen > $2::bigint - $3::bigint AND u.active",
    [PG_SESSION_TOUCH] = "UPDATE sessions SET last_seen = $2 WHERE token_hash = $1::bytea",
    [PG_SESSION_DELETE] = "DELETE FROM sessions WHERE token_hash = $1::bytea",
    /* The person and its search document in one statement. */
    [PG_PERSON_INSERT] =
        "WITH p AS (INSERT INTO persons(given_names, surname_prefix, surname, "
        "date_of_birth, function, created_at, employer_org) VALUES ($1, $2, $3, $4, $5, $6, $7) "
        "RETURNING *), d AS (" PG_SEARCH_INDEX_PERSONS("p") ") SELECT id FROM p",
    [PG_PERSON_GET] = "SELECT id, given_names, surname_prefix, surname, date_of_birth, "
                      "function, version, employer_org FROM persons WHERE id = $1",
    [PG_PERSON_CASE_IDS] = "SELECT case_id FROM case_persons WHERE person_id = $1 "
                           "ORDER BY case_id",
    [PG_PERSON_EVENTS] =
        "SELECT e.at, e.event, e.actor_username, e.actor_org, e.text, e.case_id, c.reference "
        "FROM case_persons cp JOIN case_events e ON e.case_id = cp.case_id "
        "JOIN cases c ON c.id = cp.case_id WHERE cp.person_id = $1 ORDER BY e.at, e.id",
    [PG_CASE_INSERT] =
        "INSERT INTO cases(status, summary, phenomenon, urgent, source_details, referring_org, "
        "referred_by, created_at, updated_at, subject) VALUES ('referred', $1, $2, $3, $4, $5, $6, "
        "$7, $7, $8) "
        "RETURNING id",
    /* With its reference the case's search document is complete (the summary never changes). */
    /* clang-format off */
    [PG_CASE_SET_REFERENCE] =
        "WITH c AS (UPDATE cases SET reference = $2 WHERE id = $1 RETURNING *) "
        PG_SEARCH_INDEX_CASES("c") " ON CONFLICT (id) DO UPDATE SET words = EXCLUDED.words",
    /* clang-format on */
    [PG_CASE_LINK_PERSON] = "INSERT INTO case_persons(case_id, person_id) VALUES ($1, $2) "
                            "ON CONFLICT DO NOTHING",
    [PG_CASE_TEAM_ADD] = "INSERT INTO case_team(case_id, org, user_id, membership, expires_at) "
                         "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
    [PG_CASE_EVENT_ADD] = "INSERT INTO case_events(case_id, at, event, actor_username, "
                          "actor_org, text) VALUES ($1, $2, $3, $4, $5, $6)",
    [PG_CASE_GET] = "SELECT " PG_CASE_COLUMNS PG_CASE_FROM "WHERE c.id = $1",
    [PG_CASE_PERSONS] =
        "SELECT p.id, p.given_names, p.surname_prefix, p.surname, p.date_of_birth, p.function, "
        "p.version, p.employer_org FROM case_persons cp JOIN persons p ON p.id = cp.person_id "
        "WHERE cp.case_id = $1 ORDER BY p.id",
    [PG_CASE_TEAM] = "SELECT t.org, o.name, t.user_id, t.membership, t.expires_at "
                     "FROM case_team t "
                     "JOIN orgs o ON o.code = t.org WHERE t.case_id = $1 "
                     "ORDER BY t.membership DESC, t.org",
    [PG_CASE_EVENTS] = "SELECT at, event, actor_username, actor_org, text FROM case_events "
                       "WHERE case_id = $1 ORDER BY id",
    [PG_CASE_UPDATE] =
        "UPDATE cases SET status = $3, domain = $4, authority_org = $5, "
        "awaiting_information = $6, information_request = $7, triage_outcome = $8, "
        "triage_district = $9, triage_reasoning = $10, triage_at = $11, triage_by = $12, "
        "updated_at = $13, version = version + 1 WHERE id = $1 AND version = $2",
    [PG_CASE_COUNT + SCOPE_NONE] = COUNT_SQL(SCOPE_NONE_SQL),
    [PG_CASE_COUNT + SCOPE_TEAM] = COUNT_SQL(SCOPE_TEAM_SQL),
    [PG_CASE_COUNT + SCOPE_TEAM_OR_REFERRED] = COUNT_SQL(SCOPE_TEAM_OR_REFERRED_SQL),
    PAGES(PG_CASE_PAGE + SCOPE_NONE * PG_SORTS, SCOPE_NONE_SQL),
    PAGES(PG_CASE_PAGE + SCOPE_TEAM * PG_SORTS, SCOPE_TEAM_SQL),
    PAGES(PG_CASE_PAGE + SCOPE_TEAM_OR_REFERRED * PG_SORTS, SCOPE_TEAM_OR_REFERRED_SQL),
    [PG_AUDIT_LOCK] = "SELECT pg_advisory_xact_lock(" PG_LOCK_AUDIT_CHAIN ")",
    [PG_AUDIT_LAST] = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
    [PG_AUDIT_INSERT] =
        "INSERT INTO audit_log(seq, at, username, org, role, action, object_type, object_id, "
        "purpose, outcome, detail, prev_hash, hash) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    [PG_AUDIT_SCAN] = "SELECT seq, at, username, org, role, action, object_type, object_id, "
                      "purpose, outcome, detail, prev_hash, hash FROM audit_log "
                      "WHERE seq > $1 ORDER BY seq LIMIT $2",
    [PG_AUDIT_HEAD_PUT] = "INSERT INTO audit_head(id, seq, hash) VALUES (1, $1, $2) "
                          "ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, "
                          "hash = EXCLUDED.hash",
    [PG_AUDIT_HEAD_GET] = "SELECT seq, hash FROM audit_head WHERE id = 1",
    /* A checkpoint only for an entry the trail holds, and the first one per seq. */
    [PG_CHECKPOINT_INSERT] =
        "INSERT INTO audit_checkpoints(seq, hash, signed_at, public_key, signature) "
        "SELECT $1, $2, $3, $4, $5 WHERE EXISTS "
        "(SELECT 1 FROM audit_log WHERE seq = $1 AND hash = $2) ON CONFLICT (seq) DO NOTHING",
    [PG_CHECKPOINT_LATEST] = "SELECT seq, hash, signed_at, public_key, signature "
                             "FROM audit_checkpoints ORDER BY seq DESC LIMIT 1",
    [PG_CHECKPOINT_SCAN] = "SELECT seq, hash, signed_at, public_key, signature "
                           "FROM audit_checkpoints WHERE seq > $1 ORDER BY seq LIMIT $2",
    [PG_IS_EMPTY] = "SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM cases) + "
                    "(SELECT count(*) FROM audit_log)",
    /* After rows were copied in with their ids, new rows must get ids after the largest. */
    [PG_AFTER_IMPORT] = "SELECT setval(pg_get_serial_sequence('users', 'id'), "
                        "(SELECT coalesce(max(id), 0) + 1 FROM users), false), "
                        "setval(pg_get_serial_sequence('persons', 'id'), "
                        "(SELECT coalesce(max(id), 0) + 1 FROM persons), false), "
                        "setval(pg_get_serial_sequence('cases', 'id'), "
                        "(SELECT coalesce(max(id), 0) + 1 FROM cases), false), "
                        "setval(pg_get_serial_sequence('case_events', 'id'), "
                        "(SELECT coalesce(max(id), 0) + 1 FROM case_events), false), "
                        "setval(pg_get_serial_sequence('actors', 'id'), "
                        "(SELECT coalesce(max(id), 0) + 1 FROM actors), false), "
                        "setval(pg_get_serial_sequence('signals', 'id'), "
                        "(SELECT coalesce(max(id), 0) + 1 FROM signals), false), "
                        "setval(pg_get_serial_sequence('release_requests', 'id'), "
                        "(SELECT coalesce(max(id), 0) + 1 FROM release_requests), false), "
                        "setval(pg_get_serial_sequence('notifications', 'id'), "
                        "(SELECT coalesce(max(id), 0) + 1 FROM notifications), false), "
                        "setval(pg_get_serial_sequence('gathering_orders', 'id'), "
                        "(SELECT coalesce(max(id), 0) + 1 FROM gathering_orders), false), "
                        "setval(pg_get_serial_sequence('gathering_acts', 'id'), "
                        "(SELECT coalesce(max(id), 0) + 1 FROM gathering_acts), false), "
                        "setval(pg_get_serial_sequence('assessments', 'id'), "
                        "(SELECT coalesce(max(id), 0) + 1 FROM assessments), false), "
                        "setval(pg_get_serial_sequence('recovery_codes', 'id'), "
                        "(SELECT coalesce(max(id), 0) + 1 FROM recovery_codes), false), "
                        "setval(pg_get_serial_sequence('api_tokens', 'id'), "
                        "(SELECT coalesce(max(id), 0) + 1 FROM api_tokens), false), "
                        "setval(pg_get_serial_sequence('decisions', 'id'), "
                        "(SELECT coalesce(max(id), 0) + 1 FROM decisions), false), "
                        "setval(pg_get_serial_sequence('objects', 'id'), "
                        "(SELECT coalesce(max(id), 0) + 1 FROM objects), false), "
                        "setval(pg_get_serial_sequence('services', 'id'), "
                        "(SELECT coalesce(max(id), 0) + 1 FROM services), false), "
                        "setval(pg_get_serial_sequence('measures', 'id'), "
                        "(SELECT coalesce(max(id), 0) + 1 FROM measures), false), "
                        "setval(pg_get_serial_sequence('limitative_list', 'id'), "
                        "(SELECT coalesce(max(id), 0) + 1 FROM limitative_list), false)",
    /* The search index is derived: a copy does not carry it, the tables rebuild it. */
    [PG_SEARCH_CLEAR] = "TRUNCATE search_signals, search_cases, search_persons, search_actors",
    /* clang-format off */
    [PG_SEARCH_REBUILD] =
        "WITH s AS (" PG_SEARCH_INDEX_SIGNALS("signals") "), "
        "c AS (" PG_SEARCH_INDEX_CASES("cases") "), "
        "p AS (" PG_SEARCH_INDEX_PERSONS("persons") ") "
        PG_SEARCH_INDEX_ACTORS("actors"),
    /* clang-format on */
    /* Fresh statistics after a bulk import, or the planner scans whole tables until autovacuum
     * gets round to it. */
    [PG_ANALYZE] = "ANALYZE",
};

/* libpq messages end in a newline (and may span lines); the log wants one line. */
static void log_libpq(const char *what, const char *msg)
{
    msg = msg ? msg : "out of memory";
    log_error("postgresql: %s: %.*s", what, (int)strcspn(msg, "\n"), msg);
}

/* Notices ("relation already exists, skipping") are expected and not worth a log line. */
static void ignore_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

static PGconn *connect_url(const char *url)
{
    /* Entries before dbname are defaults the URL may override; client_encoding comes after it
     * because every string the backend passes is UTF-8. */
    const char *const keys[] = {"connect_timeout", "fallback_application_name", "dbname",
                                "client_encoding", NULL};
    const char *const values[] = {"10", "schild", url, "UTF8", NULL};
    PGconn *pq = PQconnectdbParams(keys, values, 1);
    if (pq && PQstatus(pq) == CONNECTION_OK) {
        PQsetNoticeProcessor(pq, ignore_notice, NULL);
        return pq;
    }
    log_libpq("cannot connect", pq ? PQerrorMessage(pq) : NULL);
    PQfinish(pq);
    return NULL;
}

static pg_conn *conn_open(pg_impl *impl)
{
    pg_conn *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    if (!(c->pq = connect_url(impl->url))) {
        free(c);
        return NULL;
    }
    pthread_mutex_lock(&impl->lock);
    c->next = impl->conns;
    impl->conns = c;
    pthread_mutex_unlock(&impl->lock);
    return c;
}

/* The calling thread's connection (opened on first use), or NULL after logging why. */
static pg_conn *conn_get(storage *s)
{
    pg_impl *impl = s->impl;
    pg_conn *c = pthread_getspecific(impl->key);
    if (!c && (c = conn_open(impl)))
        pthread_setspecific(impl->key, c);
    return c;
}

PGconn *pg_conn_raw(storage *s)
{
    pg_conn *c = conn_get(s);
    return c ? c->pq : NULL;
}

bool pg_in_write_tx(storage *s)
{
    pg_conn *c = conn_get(s);
    return c && c->in_tx && c->kind == TX_WRITE;
}

/* After the server went away: a fresh session has no prepared statements and no transaction. */
static void conn_reset(pg_conn *c)
{
    PQreset(c->pq);
    memset(c->prepared, 0, sizeof c->prepared);
    memset(c->dynamic_prepared, 0, sizeof c->dynamic_prepared);
    c->must_rollback = c->in_tx;
    c->in_tx = false;
    c->begin_pending = false;
    c->resets++;
    if (PQstatus(c->pq) == CONNECTION_OK) {
        PQsetNoticeProcessor(c->pq, ignore_notice, NULL);
        log_warn("postgresql: connection lost and re-established");
    } else {
        log_libpq("connection lost", PQerrorMessage(c->pq));
    }
}

static bool is_soft_sqlstate(const char *state)
{
    return state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
                     strcmp(state, "55P03") == 0);
}

/* Logs a hard error without values: data exceptions (class 22) quote the offending input in their
 * message, so for them only the SQLSTATE and the names of the objects involved are logged. */
static void log_failure(const PGresult *res, const char *what)
{
    const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    const char *table = PQresultErrorField(res, PG_DIAG_TABLE_NAME);
    const char *constraint = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
    bool quotes_values = state && strncmp(state, "22", 2) == 0;
    log_error("postgresql: %s: SQLSTATE %s%s%s%s%s%s%s", what, state ? state : "?",
              table ? " table " : "", table ? table : "", constraint ? " constraint " : "",
              constraint ? constraint : "", quotes_values || !msg ? "" : ": ",
              quotes_values || !msg ? "" : msg);
}

/* Soft for the SQLSTATEs a retry can cure, else hard (logged). */
static db_status result_status(const PGresult *res, const char *what)
{
    if (is_soft_sqlstate(PQresultErrorField(res, PG_DIAG_SQLSTATE)))
        return DB_SOFT_ERROR;
    log_failure(res, what);
    return DB_HARD_ERROR;
}

/* Maps a failed result (or NULL: no result at all) to a status; resets a broken connection. */
static db_status failure_status(pg_conn *c, const PGresult *res, const char *what)
{
    if (PQstatus(c->pq) == CONNECTION_BAD) {
        conn_reset(c);
        return DB_SOFT_ERROR;
    }
    if (!res) {
        log_libpq(what, PQerrorMessage(c->pq));
        return DB_HARD_ERROR;
    }
    return result_status(res, what);
}

static bool result_ok(const PGresult *res)
{
    ExecStatusType t = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    return t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK;
}

/* The list statements leave some parameters unused (SCOPE_NONE), so their types are declared. */
static const Oid *declared_types(pg_stmt id, int *n)
{
    enum { OID_INT8 = 20, OID_TEXT = 25 }; /* fixed in pg_type.dat since PostgreSQL 7 */
    static const Oid list_types[] = {OID_TEXT, OID_TEXT, OID_INT8, OID_INT8, OID_INT8, OID_INT8};
    if (id >= PG_CASE_COUNT && id < PG_CASE_PAGE + PG_SCOPES * PG_SORTS) {
        *n = id < PG_CASE_PAGE ? 4 : 6;
        return list_types;
    }
    *n = 0;
    return NULL;
}

static db_status prepare(pg_conn *c, const char *name, const char *sql, int n, const Oid *types,
                         bool *prepared)
{
    if (*prepared)
        return DB_NONE;
    PGresult *res = PQprepare(c->pq, name, sql, n, types);
    db_status st = DB_NONE;
    if (result_ok(res))
        *prepared = true;
    else
        st = failure_status(c, res, "prepare");
    PQclear(res);
    return st;
}

/* The SQL of a statement: this file's table, or the one of the file that runs it. */
static const char *statement_sql(pg_stmt id)
{
    const char *const *tables[] = {stmt_sql,          pg_daf_sql,    pg_search_sql,
                                   pg_decision_sql,   pg_object_sql, pg_oversight_sql,
                                   pg_break_glass_sql};
    if (pg_auth_sql[id])
        return pg_auth_sql[id];
    if (pg_retention_sql[id])
        return pg_retention_sql[id];
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        if (tables[i][id])
            return tables[i][id];
    return NULL;
}

/* Prepared statements are named after their id: "s<id>". */
static const char *stmt_name(pg_stmt id, char name[16])
{
    snprintf(name, 16, "s%d", (int)id);
    return name;
}

static db_status ensure_prepared(pg_conn *c, pg_stmt id)
{
    char name[16];
    stmt_name(id, name);
    int n;
    const Oid *types = declared_types(id, &n);
    return prepare(c, name, statement_sql(id), n, types, &c->prepared[id]);
}

/* Opens or repairs the connection for the next statement; soft while it cannot go on. */
static db_status usable_conn(storage *s, pg_stmt id, pg_conn **out)
{
    pg_conn *c = *out = conn_get(s);
    if (!c)
        return DB_SOFT_ERROR;
    if (PQstatus(c->pq) == CONNECTION_BAD) {
        conn_reset(c);
        return DB_SOFT_ERROR;
    }
    /* After a reset mid-transaction only a new BEGIN (or the rollback) may run: anything else
     * would silently run outside the transaction the caller thinks it is in. */
    if (c->must_rollback && id != PG_BEGIN_READ && id != PG_BEGIN_WRITE && id != PG_ROLLBACK)
        return DB_SOFT_ERROR;
    return DB_NONE;
}

/* A result when it succeeded; otherwise NULL with *st mapped (and the result cleared). */
static PGresult *checked(pg_conn *c, PGresult *res, const char *what, db_status *st)
{
    if (result_ok(res)) {
        *st = DB_NONE;
        return res;
    }
    *st = failure_status(c, res, what);
    PQclear(res);
    return NULL;
}

static PGresult *exec_prepared(pg_conn *c, const char *name, const pg_params *p, const char *what,
                               db_status *st)
{
    PGresult *res = PQexecPrepared(c->pq, name, p ? p->n : 0, p ? p->values : NULL,
                                   p ? p->lengths : NULL, p ? p->formats : NULL, 0);
    return checked(c, res, what, st);
}

static pg_stmt begin_stmt(const pg_conn *c)
{
    return c->kind == TX_WRITE ? PG_BEGIN_WRITE : PG_BEGIN_READ;
}

/* Sends a deferred BEGIN on its own, for the paths that do not pipeline it. */
static db_status flush_begin(pg_conn *c)
{
    if (!c->begin_pending)
        return DB_NONE;
    c->begin_pending = false;
    db_status st = ensure_prepared(c, begin_stmt(c));
    if (st < 0)
        return st;
    char name[16];
    PQclear(exec_prepared(c, stmt_name(begin_stmt(c), name), NULL, "begin", &st));
    return st;
}

static bool send_prepared(pg_conn *c, pg_stmt id, const pg_params *p)
{
    char name[16];
    return PQsendQueryPrepared(c->pq, stmt_name(id, name), p ? p->n : 0, p ? p->values : NULL,
                               p ? p->lengths : NULL, p ? p->formats : NULL, 0) == 1;
}

static int rows_changed(PGresult *res)
{
    const char *tuples = PQcmdTuples(res);
    return tuples[0] != '\0' && strcmp(tuples, "0") != 0;
}

/* Reads a pipeline's results up to its sync point. Statement k's result goes to out[k - skip]
 * when out is given; changed counts the rows the statements changed. The first failure wins (the
 * statements after it answer PGRES_PIPELINE_ABORTED). Stops when the connection is gone. */
static db_status collect(pg_conn *c, int skip, PGresult **out, int n, int *changed,
                         const char *what)
{
    db_status st = DB_NONE;
    for (int k = 0;;) {
        PGresult *res = PQgetResult(c->pq);
        if (PQstatus(c->pq) == CONNECTION_BAD) {
            PQclear(res);
            return DB_SOFT_ERROR;
        }
        if (!res) {
            k++; /* the end of one statement's results */
            continue;
        }
        ExecStatusType t = PQresultStatus(res);
        if (t == PGRES_PIPELINE_SYNC) {
            PQclear(res);
            return st;
        }
        if (t == PGRES_FATAL_ERROR && st == DB_NONE)
            st = result_status(res, what);
        if (t == PGRES_COMMAND_OK && changed)
            *changed += rows_changed(res);
        int slot = k - skip;
        if (out && result_ok(res) && slot >= 0 && slot < n && !out[slot])
            out[slot] = res;
        else
            PQclear(res);
    }
}

/* Ends a pipeline: the sync point, its results, and back to normal mode (a lost connection is
 * reset instead, which leaves pipeline mode too). */
static db_status finish_pipeline(pg_conn *c, bool sent, int skip, PGresult **out, int n,
                                 int *changed, const char *what)
{
    if (!PQpipelineSync(c->pq)) {
        log_libpq(what, PQerrorMessage(c->pq));
        conn_reset(c); /* without a sync point the results could never be read to the end */
        return DB_SOFT_ERROR;
    }
    db_status st = collect(c, skip, out, n, changed, what);
    if (PQstatus(c->pq) == CONNECTION_BAD) {
        conn_reset(c);
        return DB_SOFT_ERROR;
    }
    PQexitPipelineMode(c->pq);
    if (!sent && st == DB_NONE) {
        log_libpq(what, PQerrorMessage(c->pq));
        st = DB_HARD_ERROR;
    }
    return st;
}

/* Prepares the statements of a pipeline (before entering it: preparing waits for an answer). */
static db_status prepare_all(pg_conn *c, const pg_stmt *ids, int n)
{
    db_status st = c->begin_pending ? ensure_prepared(c, begin_stmt(c)) : DB_NONE;
    for (int i = 0; st >= 0 && i < n; i++)
        st = ensure_prepared(c, ids[i]);
    return st;
}

/* Enters pipeline mode and sends a deferred BEGIN first; answers how many results precede the
 * caller's statements (1 with a BEGIN, else 0), or a negative status. */
static int open_pipeline(pg_conn *c, const char *what, bool *sent)
{
    if (!PQenterPipelineMode(c->pq))
        return failure_status(c, NULL, what);
    *sent = true;
    if (!c->begin_pending)
        return 0;
    c->begin_pending = false;
    *sent = send_prepared(c, begin_stmt(c), NULL);
    return 1;
}

db_status pg_run_many(storage *s, const pg_stmt *ids, const pg_params *ps, int n, PGresult **out,
                      const char *what)
{
    pg_conn *c;
    db_status st = usable_conn(s, ids[0], &c);
    if (st < 0 || (st = prepare_all(c, ids, n)) < 0)
        return st;
    memset(out, 0, (size_t)n * sizeof *out);
    bool sent;
    int skip = open_pipeline(c, what, &sent);
    if (skip < 0)
        return skip;
    for (int i = 0; sent && i < n; i++)
        sent = send_prepared(c, ids[i], ps ? &ps[i] : NULL);
    st = finish_pipeline(c, sent, skip, out, n, NULL, what);
    for (int i = 0; st >= 0 && i < n; i++)
        if (!out[i])
            st = DB_HARD_ERROR; /* a statement answered nothing */
    if (st < 0)
        for (int i = 0; i < n; i++)
            PQclear(out[i]), out[i] = NULL;
    return st;
}

PGresult *pg_run(storage *s, pg_stmt id, const pg_params *p, const char *what, db_status *st)
{
    pg_conn *c;
    if ((*st = usable_conn(s, id, &c)) < 0)
        return NULL;
    if (c->begin_pending) { /* the BEGIN rides along with the transaction's first statement */
        PGresult *res;
        *st = pg_run_many(s, &id, p, 1, &res, what);
        return *st < 0 ? NULL : res;
    }
    if ((*st = ensure_prepared(c, id)) < 0)
        return NULL;
    char name[16];
    return exec_prepared(c, stmt_name(id, name), p, what, st);
}

PGresult *pg_run_dynamic(storage *s, int slot, const char *sql, const pg_params *p,
                         const char *what, db_status *st)
{
    pg_conn *c;
    if (slot < 0 || slot >= PG_DYNAMIC_SLOTS) {
        *st = DB_HARD_ERROR;
        return NULL;
    }
    char name[16];
    snprintf(name, sizeof name, "d%d", slot);
    if ((*st = usable_conn(s, PG_STMT__COUNT, &c)) < 0 || (*st = flush_begin(c)) < 0 ||
        (*st = prepare(c, name, sql, 0, NULL, &c->dynamic_prepared[slot])) < 0)
        return NULL;
    return exec_prepared(c, name, p, what, st);
}

PGresult *pg_run_plain(storage *s, const char *sql, const char *what, db_status *st)
{
    pg_conn *c;
    if ((*st = usable_conn(s, PG_STMT__COUNT, &c)) < 0 || (*st = flush_begin(c)) < 0)
        return NULL;
    return checked(c, PQexec(c->pq, sql), what, st);
}

db_status pg_batch_begin(storage *s, const pg_stmt *ids, int n)
{
    pg_conn *c;
    db_status st = usable_conn(s, ids[0], &c);
    if (st < 0 || (st = prepare_all(c, ids, n)) < 0)
        return st;
    bool sent;
    int skip = open_pipeline(c, "pipeline", &sent);
    if (skip < 0)
        return skip;
    c->batch_status = sent ? DB_NONE : DB_HARD_ERROR;
    return DB_NONE;
}

void pg_batch_send(storage *s, pg_stmt id, const pg_params *p)
{
    pg_conn *c = conn_get(s);
    if (c->batch_status == DB_NONE && !send_prepared(c, id, p))
        c->batch_status = DB_HARD_ERROR;
}

db_status pg_batch_finish(storage *s, const char *what, int *changed)
{
    pg_conn *c = conn_get(s);
    *changed = 0;
    return finish_pipeline(c, c->batch_status == DB_NONE, 0, NULL, 0, changed, what);
}

db_status pg_command(storage *s, pg_stmt id, const pg_params *p, const char *what)
{
    db_status st;
    PGresult *res = pg_run(s, id, p, what, &st);
    if (!res)
        return st;
    st = rows_changed(res) ? DB_ONE : DB_NONE;
    PQclear(res);
    return st;
}

/* BEGIN is deferred: it is sent in one round trip with the transaction's first statement. */
static db_status pg_begin(storage *s, tx_kind kind)
{
    pg_conn *c;
    db_status st = usable_conn(s, PG_BEGIN_READ, &c);
    if (st < 0)
        return st;
    c->in_tx = true;
    c->begin_pending = true;
    c->must_rollback = false;
    c->kind = kind;
    return DB_NONE;
}

static db_status pg_commit(storage *s)
{
    pg_conn *c = conn_get(s);
    if (!c || !c->in_tx)
        return DB_HARD_ERROR;
    if (c->begin_pending) { /* no statement ran: there is nothing to commit */
        c->begin_pending = false;
        c->in_tx = false;
        return DB_NONE;
    }
    unsigned resets = c->resets;
    db_status st;
    PGresult *res = pg_run(s, PG_COMMIT, NULL, "commit", &st);
    if (!res && c->resets != resets) {
        log_error("postgresql: connection lost during COMMIT; the outcome is unknown");
        return DB_HARD_ERROR;
    }
    /* COMMIT of a transaction that had failed answers "ROLLBACK": nothing was written. */
    if (res && strcmp(PQcmdStatus(res), "COMMIT") != 0) {
        log_error("postgresql: commit rolled back");
        st = DB_HARD_ERROR;
    }
    PQclear(res);
    c->in_tx = false;
    return st;
}

static void pg_rollback(storage *s)
{
    pg_conn *c = conn_get(s);
    if (!c)
        return;
    c->begin_pending = false;
    if (c->in_tx && PQtransactionStatus(c->pq) != PQTRANS_IDLE) {
        db_status st;
        PQclear(pg_run(s, PG_ROLLBACK, NULL, "rollback", &st));
    }
    c->in_tx = false;
    c->must_rollback = false;
}

static void pg_close(storage *s)
{
    pg_impl *impl = s->impl;
    pg_conn *c = impl->conns;
    while (c) {
        pg_conn *next = c->next;
        PQfinish(c->pq);
        free(c);
        c = next;
    }
    pthread_key_delete(impl->key);
    pthread_mutex_destroy(&impl->lock);
    free(impl->url);
    free(impl);
    free(s);
}

static const storage_ops pg_ops = {
    .name = "postgresql",
    .close = pg_close,
    .migrate = pg_migrate,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .bulk_mode = NULL, /* the server's own memory settings apply */
    .org_upsert = pg_org_upsert,
    .org_list = pg_org_list,
    .org_get = pg_org_get,
    .user_insert = pg_user_insert,
    .user_by_username = pg_user_by_username,
    .throttle_get = pg_throttle_get,
    .throttle_put = pg_throttle_put,
    .session_insert = pg_session_insert,
    .session_lookup = pg_session_lookup,
    .session_touch = pg_session_touch,
    .session_delete = pg_session_delete,
    .totp_get = pg_totp_get,
    .totp_set = pg_totp_set,
    .totp_enable = pg_totp_enable,
    .totp_accept = pg_totp_accept,
    .recovery_codes_replace = pg_recovery_codes_replace,
    .recovery_code_use = pg_recovery_code_use,
    .api_token_insert = pg_api_token_insert,
    .api_token_lookup = pg_api_token_lookup,
    .api_token_list = pg_api_token_list,
    .api_token_revoke = pg_api_token_revoke,
    .api_token_touch = pg_api_token_touch,
    .person_insert = pg_person_insert,
    .person_get = pg_person_get,
    .person_cases = pg_person_cases,
    .person_events = pg_person_events,
    .case_insert = pg_case_insert,
    .case_link_person = pg_case_link_person,
    .case_team_add = pg_case_team_add,
    .case_event_add = pg_case_event_add,
    .case_get = pg_case_get,
    .case_update = pg_case_update,
    .case_list = pg_case_list,
    .signal_insert = pg_signal_insert,
    .signal_get = pg_signal_get,
    .signal_list = pg_signal_list,
    .signal_count_since = pg_signal_count_since,
    .release_insert = pg_release_insert,
    .release_get = pg_release_get,
    .release_decide = pg_release_decide,
    .release_list_case = pg_release_list_case,
    .release_list_pending = pg_release_list_pending,
    .release_granted = pg_release_granted,
    .actor_insert = pg_actor_insert,
    .actor_get = pg_actor_get,
    .actor_list = pg_actor_list,
    .actor_cases = pg_actor_cases,
    .case_actors = pg_case_actors,
    .case_actor_link = pg_case_actor_link,
    .notification_insert = pg_notification_insert,
    .notification_list_case = pg_notification_list_case,
    .gathering_insert = pg_gathering_insert,
    .gathering_list = pg_gathering_list,
    .gathering_total = pg_gathering_total,
    .order_insert = pg_order_insert,
    .order_list = pg_order_list,
    .order_in_force = pg_order_in_force,
    .assessment_insert = pg_assessment_insert,
    .assessment_get = pg_assessment_get,
    .assessment_update = pg_assessment_update,
    .assessment_list = pg_assessment_list,
    .assessment_final = pg_assessment_final,
    .daf_queue = pg_daf_queue,
    .search = pg_search,
    .decision_insert = pg_decision_insert,
    .decision_get = pg_decision_get,
    .decision_update = pg_decision_update,
    .decision_list = pg_decision_list,
    .decision_in_force = pg_decision_in_force,
    .measure_insert = pg_measure_insert,
    .measure_get = pg_measure_get,
    .measure_update = pg_measure_update,
    .measure_list_case = pg_measure_list_case,
    .measure_list_executor = pg_measure_list_executor,
    .currency_get = pg_currency_get,
    .currency_list = pg_currency_list,
    .aftercare_insert = pg_aftercare_insert,
    .limitative_insert = pg_limitative_insert,
    .limitative_list = pg_limitative_list,
    .limitative_for_person = pg_limitative_for_person,
    .object_insert = pg_object_insert,
    .object_get = pg_object_get,
    .object_list = pg_object_list,
    .object_list_case = pg_object_list_case,
    .service_insert = pg_service_insert,
    .service_get = pg_service_get,
    .service_list = pg_service_list,
    .service_by_case = pg_service_by_case,
    .user_by_id = pg_user_by_id,
    .break_glass_insert = pg_break_glass_insert,
    .break_glass_get = pg_break_glass_get,
    .break_glass_list = pg_break_glass_list,
    .break_glass_review = pg_break_glass_review,
    .audit_append = pg_audit_append,
    .audit_scan = pg_audit_scan,
    .audit_head = pg_audit_head,
    .audit_query = pg_audit_query,
    .release_list_approved = pg_release_list_approved,
    .gathering_past_threshold = pg_gathering_past_threshold,
    .oversight_figures = pg_oversight_figures,
    .checkpoint_insert = pg_checkpoint_insert,
    .checkpoint_latest = pg_checkpoint_latest,
    .checkpoint_scan = pg_checkpoint_scan,
    .retention_signals = pg_retention_signals,
    .retention_cases = pg_retention_cases,
    .retention_remove_signal = pg_retention_remove_signal,
    .retention_remove_case = pg_retention_remove_case,
    .table_scan = pg_table_scan,
    .table_insert = pg_table_insert,
    .is_empty = pg_is_empty,
    .after_import = pg_after_import,
    .backup_to = NULL, /* a backup is a snapshot copied into a new SQLite file (storage/copy.c) */
};

storage *pg_backend_open(const char *url, char *err, size_t err_size)
{
    if (!PQisthreadsafe()) {
        snprintf(err, err_size, "libpq was built without thread support");
        return NULL;
    }
    storage *s = calloc(1, sizeof *s);
    pg_impl *impl = calloc(1, sizeof *impl);
    char *dup = strdup(url);
    if (!s || !impl || !dup || pthread_key_create(&impl->key, NULL) != 0) {
        free(s);
        free(impl);
        free(dup);
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    pthread_mutex_init(&impl->lock, NULL);
    impl->url = dup;
    s->ops = &pg_ops;
    s->impl = impl;
    if (!conn_get(s)) {
        snprintf(err, err_size, "cannot connect to the PostgreSQL database (see the log)");
        pg_close(s);
        return NULL;
    }
    return s;
}

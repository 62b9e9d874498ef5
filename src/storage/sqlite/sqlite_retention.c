/* sqlite_retention: finding and removing what is past its retention term (docs/SECURITY.md,
 * "Retention"). A daily, rare job: its statements are prepared when it runs and finalized after,
 * rather than kept in every connection's cache. Every value is a bound parameter. The removals
 * run in the caller's write transaction, beside the audit entry that records them; foreign keys
 * are on, so the order of the deletes below is the order the schema demands. */
#include "storage/sqlite/sqlite_internal.h"

#include <string.h>

/* The closing moment of a closed case: its last closing event, else its last change. */
#define CLOSED_AT                                                                                  \
    "coalesce((SELECT max(e.at) FROM case_events e WHERE e.case_id = c.id AND e.event IN "         \
    "('protection_ended', 'decided_no_measures', 'triaged_no_measures')), c.updated_at)"

static const char DUE_SIGNALS[] =
    "SELECT id, case_id, created_at FROM signals WHERE compartment = ?1 AND created_at < ?2 "
    "AND id > ?3 ORDER BY id LIMIT ?4";
static const char DUE_CASES[] = "SELECT id, closed_at FROM (SELECT c.id AS id, " CLOSED_AT
                                " AS closed_at FROM cases c WHERE c.status = 'closed' AND "
                                "c.id > ?2) WHERE closed_at < ?1 ORDER BY id LIMIT ?3";

/* Forgetting a search document: FTS5 (external content) is told its stored text, then the
 * document goes. ?1 object id, ?2 kind. */
#define FORGET_DOC                                                                                 \
    "INSERT INTO search_fts(search_fts, rowid, name, body, acl) SELECT 'delete', doc, name, "      \
    "body, acl FROM search_docs WHERE kind = ?2 AND object_id = ?1",                               \
        "DELETE FROM search_docs WHERE kind = ?2 AND object_id = ?1"

/* One signal (?1), its dependants first; the last statement is the signal itself. */
static const char *const SIGNAL_REMOVAL[] = {
    FORGET_DOC,
    "DELETE FROM release_requests WHERE signal_id = ?1",
    "DELETE FROM notifications WHERE signal_id = ?1",
    "DELETE FROM signal_subjects WHERE signal_id = ?1",
    "DELETE FROM signals WHERE id = ?1",
};

/* The rows of a case (?1) once its signals are gone; its persons follow, then the case. A measure
 * of another case that names one of this case's objects keeps the measure without the object. */
static const char *const CASE_REMOVAL[] = {
    "UPDATE measures SET object_id = NULL, version = version + 1 WHERE case_id <> ?1 AND "
    "object_id IN (SELECT id FROM objects WHERE case_id = ?1)",
    "DELETE FROM measures WHERE case_id = ?1",
    "DELETE FROM decisions WHERE case_id = ?1",
    "DELETE FROM assessments WHERE case_id = ?1",
    "DELETE FROM objects WHERE case_id = ?1",
    "DELETE FROM services WHERE case_id = ?1",
    "DELETE FROM notifications WHERE case_id = ?1",
    "DELETE FROM case_actors WHERE case_id = ?1",
    "DELETE FROM aftercare WHERE case_id = ?1",
    "DELETE FROM case_team WHERE case_id = ?1",
    "DELETE FROM case_events WHERE case_id = ?1",
    "DELETE FROM case_persons WHERE case_id = ?1",
    FORGET_DOC,
};
static const char CASE_ROW_REMOVAL[] = "DELETE FROM cases WHERE id = ?1";
/* Break-glass grants (migration 5), where the schema has them. */
static const char HAS_BREAK_GLASS[] =
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'break_glass'";
static const char BREAK_GLASS_REMOVAL[] = "DELETE FROM break_glass WHERE case_id = ?1";

/* A person (?1) who was in no other case: what is about them, then the person. */
static const char *const PERSON_REMOVAL[] = {
    "DELETE FROM gathering_acts WHERE (subject_kind = 'person' AND subject_id = ?1) OR order_id "
    "IN (SELECT id FROM gathering_orders WHERE subject_kind = 'person' AND subject_id = ?1)",
    "DELETE FROM gathering_orders WHERE subject_kind = 'person' AND subject_id = ?1",
    "DELETE FROM limitative_list WHERE person_id = ?1",
    "DELETE FROM signal_subjects WHERE kind = 'person' AND subject_id = ?1",
    "UPDATE objects SET person_id = NULL, version = version + 1 WHERE person_id = ?1",
    FORGET_DOC,
    "DELETE FROM persons WHERE id = ?1",
};

static const char CASE_STATUS[] = "SELECT status FROM cases WHERE id = ?1";
static const char CASE_SIGNALS[] = "SELECT id FROM signals WHERE case_id = ?1 ORDER BY id";
/* ?2: 0 for the persons in no other case, 1 for those who stay. */
static const char CASE_PERSONS[] =
    "SELECT cp.person_id FROM case_persons cp WHERE cp.case_id = ?1 AND EXISTS (SELECT 1 FROM "
    "case_persons o WHERE o.person_id = cp.person_id AND o.case_id <> ?1) = ?2 ORDER BY "
    "cp.person_id";
static const char CASE_ACTORS[] =
    "SELECT actor_id FROM case_actors WHERE case_id = ?1 ORDER BY actor_id";

static sqlite3_stmt *prepare_once(sqlite_conn *c, const char *sql)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(c->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) {
        sqlite_status(c, rc, "retention prepare");
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

/* Runs one statement with ?1 = id (and ?2 = kind where it has one); DB_ONE when it changed rows. */
static db_status run_one(sqlite_conn *c, const char *sql, int64_t id, int kind)
{
    sqlite3_stmt *st = prepare_once(c, sql);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, id);
    if (sqlite3_bind_parameter_count(st) >= 2)
        bind_int(st, 2, kind);
    db_status r = step_done(c, st, "retention remove");
    sqlite3_finalize(st);
    return r;
}

static db_status run_all(sqlite_conn *c, const char *const *sqls, size_t n, int64_t id, int kind)
{
    db_status r = DB_NONE;
    for (size_t i = 0; i < n && r >= 0; i++)
        r = run_one(c, sqls[i], id, kind);
    return r;
}

/* The ids a statement with ?1 = key (and ?2 = flag) answers, into a growable array in a. */
static db_status load_ids(sqlite_conn *c, arena *a, const char *sql, int64_t key, int64_t flag,
                          int64_t **ids, size_t *n)
{
    sqlite3_stmt *st = prepare_once(c, sql);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, key);
    if (sqlite3_bind_parameter_count(st) >= 2)
        bind_int(st, 2, flag);
    size_t cap = 0;
    *ids = NULL;
    *n = 0;
    db_status r;
    while ((r = step_row(c, st, "retention ids")) == DB_ONE) {
        if (!(*ids = sqlite_grow(a, *ids, &cap, *n, sizeof **ids))) {
            r = DB_HARD_ERROR;
            break;
        }
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return r < 0 ? r : DB_NONE;
}

static db_status remove_signal_rows(sqlite_conn *c, int64_t id)
{
    size_t n = sizeof SIGNAL_REMOVAL / sizeof SIGNAL_REMOVAL[0];
    db_status r = run_all(c, SIGNAL_REMOVAL, n - 1, id, SEARCH_SIGNAL);
    return r < 0 ? r : run_one(c, SIGNAL_REMOVAL[n - 1], id, 0);
}

db_status sqlite_retention_remove_signal(storage *s, int64_t id)
{
    sqlite_conn *c = sqlite_conn_get(s);
    return c ? remove_signal_rows(c, id) : DB_HARD_ERROR;
}

/* DB_ONE when the case exists and is closed. */
static db_status case_is_closed(sqlite_conn *c, int64_t id)
{
    sqlite3_stmt *st = prepare_once(c, CASE_STATUS);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, id);
    db_status r = step_row(c, st, "retention case");
    if (r == DB_ONE)
        r = strcmp((const char *)sqlite3_column_text(st, 0), "closed") == 0 ? DB_ONE : DB_NONE;
    sqlite3_finalize(st);
    return r;
}

/* The documents of the persons who stay and of the case's actors lose this case's team tokens
 * at commit (sqlite_search_index.c). */
static db_status mark_survivors(sqlite_conn *c, arena *a, int64_t case_id)
{
    int64_t *ids;
    size_t n;
    db_status r = load_ids(c, a, CASE_PERSONS, case_id, 1, &ids, &n);
    for (size_t i = 0; i < n && r >= 0; i++)
        r = sqlite_index_mark(c, SEARCH_PERSON, ids[i]);
    if (r >= 0)
        r = load_ids(c, a, CASE_ACTORS, case_id, 0, &ids, &n);
    for (size_t i = 0; i < n && r >= 0; i++)
        r = sqlite_index_mark(c, SEARCH_ACTOR, ids[i]);
    return r;
}

static db_status remove_break_glass(sqlite_conn *c, arena *a, int64_t case_id)
{
    int64_t *has;
    size_t n;
    db_status r = load_ids(c, a, HAS_BREAK_GLASS, 0, 0, &has, &n);
    if (r < 0 || n != 1 || has[0] == 0)
        return r;
    return run_one(c, BREAK_GLASS_REMOVAL, case_id, 0);
}

static db_status remove_case_rows(sqlite_conn *c, arena *a, int64_t id)
{
    int64_t *signals, *persons;
    size_t signal_count, person_count;
    db_status r;
    if ((r = load_ids(c, a, CASE_SIGNALS, id, 0, &signals, &signal_count)) < 0 ||
        (r = load_ids(c, a, CASE_PERSONS, id, 0, &persons, &person_count)) < 0 ||
        (r = mark_survivors(c, a, id)) < 0)
        return r;
    for (size_t i = 0; i < signal_count && r >= 0; i++)
        r = remove_signal_rows(c, signals[i]);
    if (r >= 0)
        r = remove_break_glass(c, a, id);
    if (r >= 0)
        r = run_all(c, CASE_REMOVAL, sizeof CASE_REMOVAL / sizeof CASE_REMOVAL[0], id, SEARCH_CASE);
    for (size_t i = 0; i < person_count && r >= 0; i++)
        r = run_all(c, PERSON_REMOVAL, sizeof PERSON_REMOVAL / sizeof PERSON_REMOVAL[0], persons[i],
                    SEARCH_PERSON);
    return r < 0 ? r : run_one(c, CASE_ROW_REMOVAL, id, 0);
}

db_status sqlite_retention_remove_case(storage *s, int64_t id)
{
    sqlite_conn *c = sqlite_conn_get(s);
    if (!c)
        return DB_HARD_ERROR;
    db_status r = case_is_closed(c, id);
    if (r != DB_ONE)
        return r;
    arena a;
    arena_init(&a, (size_t)64 << 20);
    r = remove_case_rows(c, &a, id);
    arena_clear(&a);
    return r;
}

/* ---- what is due ---- */

static db_status collect(sqlite_conn *c, sqlite3_stmt *st, arena *a, retention_kind kind,
                         compartment comp, retention_item **out, size_t *count)
{
    size_t cap = 0;
    *out = NULL;
    *count = 0;
    db_status r;
    bool is_signal = kind == RETENTION_SIGNAL;
    while ((r = step_row(c, st, "retention due")) == DB_ONE) {
        if (!(*out = sqlite_grow(a, *out, &cap, *count, sizeof **out))) {
            r = DB_HARD_ERROR;
            break;
        }
        retention_item *it = &(*out)[(*count)++];
        it->kind = kind;
        it->id = sqlite3_column_int64(st, 0);
        it->case_id = is_signal ? sqlite3_column_int64(st, 1) : it->id;
        it->compartment = is_signal ? comp : COMPARTMENT_NONE;
        it->since = column_text(a, st, is_signal ? 2 : 1);
        if (!it->since) {
            r = DB_HARD_ERROR;
            break;
        }
    }
    sqlite3_finalize(st);
    return r < 0 ? r : (db_status)*count;
}

db_status sqlite_retention_signals(storage *s, arena *a, compartment comp, const char *before,
                                   int64_t after_id, retention_item **out, size_t *count)
{
    sqlite_conn *c = sqlite_conn_get(s);
    sqlite3_stmt *st = c ? prepare_once(c, DUE_SIGNALS) : NULL;
    if (!st)
        return DB_HARD_ERROR;
    bind_text(st, 1, compartment_name(comp));
    bind_text(st, 2, before);
    bind_int(st, 3, after_id);
    bind_int(st, 4, RETENTION_BATCH);
    return collect(c, st, a, RETENTION_SIGNAL, comp, out, count);
}

db_status sqlite_retention_cases(storage *s, arena *a, const char *before, int64_t after_id,
                                 retention_item **out, size_t *count)
{
    sqlite_conn *c = sqlite_conn_get(s);
    sqlite3_stmt *st = c ? prepare_once(c, DUE_CASES) : NULL;
    if (!st)
        return DB_HARD_ERROR;
    bind_text(st, 1, before);
    bind_int(st, 2, after_id);
    bind_int(st, 3, RETENTION_BATCH);
    return collect(c, st, a, RETENTION_CASE, COMPARTMENT_NONE, out, count);
}

/* pg_retention: finding and removing what is past its retention term on PostgreSQL
 * (docs/SECURITY.md, "Retention"). A removal is one statement: its data-modifying CTEs all read
 * the snapshot from before it (so "the persons of this case who are in no other case" is decided
 * before any case_persons row goes) and the foreign keys are checked once, at its end. It runs in
 * the caller's write transaction, beside the audit entry that records it. */
#include "storage/postgres/pg_internal.h"

#include <string.h>

#define CLOSED_AT                                                                                  \
    "coalesce((SELECT max(e.at) FROM case_events e WHERE e.case_id = c.id AND e.event IN "         \
    "('protection_ended', 'decided_no_measures', 'triaged_no_measures')), c.updated_at)"

/* The dependants of the signals in the CTE s (ids), then the signals themselves. */
#define SIGNAL_DEPENDANTS                                                                          \
    "rr AS (DELETE FROM release_requests WHERE signal_id IN (SELECT id FROM s)), "                 \
    "sn AS (DELETE FROM notifications WHERE signal_id IN (SELECT id FROM s)), "                    \
    "ss AS (DELETE FROM signal_subjects WHERE signal_id IN (SELECT id FROM s)), "                  \
    "si AS (DELETE FROM search_signals WHERE id IN (SELECT id FROM s)) "

/* A case's rows ($1), and its persons in no other case (p) with what is about them. A measure of
 * another case that names one of this case's objects keeps the measure without the object; an
 * object of another case that names a removed person keeps the object without the person. */
#define CASE_REMOVAL                                                                               \
    "WITH s AS (SELECT id FROM signals WHERE case_id = $1), "                                      \
    "p AS (SELECT cp.person_id AS id FROM case_persons cp WHERE cp.case_id = $1 AND NOT EXISTS "   \
    "(SELECT 1 FROM case_persons o WHERE o.person_id = cp.person_id AND o.case_id <> "             \
    "$1)), " SIGNAL_DEPENDANTS ", "                                                                \
    "sg AS (DELETE FROM signals WHERE case_id = $1), "                                             \
    "mu AS (UPDATE measures SET object_id = NULL, version = version + 1 WHERE case_id <> $1 AND "  \
    "object_id IN (SELECT id FROM objects WHERE case_id = $1)), "                                  \
    "md AS (DELETE FROM measures WHERE case_id = $1), "                                            \
    "dd AS (DELETE FROM decisions WHERE case_id = $1), "                                           \
    "ad AS (DELETE FROM assessments WHERE case_id = $1), "                                         \
    "od AS (DELETE FROM objects WHERE case_id = $1), "                                             \
    "ou AS (UPDATE objects SET person_id = NULL, version = version + 1 WHERE case_id <> $1 AND "   \
    "person_id IN (SELECT id FROM p)), "                                                           \
    "sv AS (DELETE FROM services WHERE case_id = $1), "                                            \
    "nc AS (DELETE FROM notifications WHERE case_id = $1 AND signal_id NOT IN "                    \
    "(SELECT id FROM s)), "                                                                        \
    "ca AS (DELETE FROM case_actors WHERE case_id = $1), "                                         \
    "af AS (DELETE FROM aftercare WHERE case_id = $1), "                                           \
    "tm AS (DELETE FROM case_team WHERE case_id = $1), "                                           \
    "ev AS (DELETE FROM case_events WHERE case_id = $1), "                                         \
    "cp AS (DELETE FROM case_persons WHERE case_id = $1), "                                        \
    "sc AS (DELETE FROM search_cases WHERE id = $1), "                                             \
    "ga AS (DELETE FROM gathering_acts WHERE (subject_kind = 'person' AND subject_id IN "          \
    "(SELECT id FROM p)) OR order_id IN (SELECT g.id FROM gathering_orders g WHERE "               \
    "g.subject_kind = 'person' AND g.subject_id IN (SELECT id FROM p))), "                         \
    "go AS (DELETE FROM gathering_orders WHERE subject_kind = 'person' AND subject_id IN "         \
    "(SELECT id FROM p)), "                                                                        \
    "ll AS (DELETE FROM limitative_list WHERE person_id IN (SELECT id FROM p)), "                  \
    "ps AS (DELETE FROM signal_subjects WHERE kind = 'person' AND subject_id IN "                  \
    "(SELECT id FROM p) AND signal_id NOT IN (SELECT id FROM s)), "                                \
    "sp AS (DELETE FROM search_persons WHERE id IN (SELECT id FROM p)), "                          \
    "pd AS (DELETE FROM persons WHERE id IN (SELECT id FROM p)) "                                  \
    "DELETE FROM cases WHERE id = $1"

const char *const pg_retention_sql[PG_STMT__COUNT] = {
    [PG_RETENTION_SIGNALS] = "SELECT id, case_id, created_at FROM signals WHERE compartment = $1 "
                             "AND created_at < $2::text AND id > $3 ORDER BY id LIMIT $4",
    [PG_RETENTION_CASES] = "SELECT id, id, closed_at FROM (SELECT c.id AS id, " CLOSED_AT
                           " AS closed_at FROM cases c WHERE c.status = 'closed' AND c.id > $2) x "
                           "WHERE closed_at < $1::text ORDER BY id LIMIT $3",
    /* The case row locked first: a concurrent change waits, then finds it gone. */
    [PG_RETENTION_CASE_LOCK] = "SELECT status FROM cases WHERE id = $1 FOR UPDATE",
    [PG_RETENTION_REMOVE_SIGNAL] = "WITH s AS (SELECT $1::bigint AS id), " SIGNAL_DEPENDANTS
                                   "DELETE FROM signals WHERE id = $1",
    [PG_RETENTION_REMOVE_CASE] = CASE_REMOVAL,
    /* Break-glass grants (migration 5), where the schema has them. */
    [PG_RETENTION_HAS_BREAK_GLASS] = "SELECT to_regclass('break_glass') IS NOT NULL",
    [PG_RETENTION_REMOVE_BREAK_GLASS] = "DELETE FROM break_glass WHERE case_id = $1",
};

static db_status read_items(arena *a, PGresult *res, retention_kind kind, compartment comp,
                            retention_item **out, size_t *count)
{
    int n = PQntuples(res);
    *out = arena_alloc(a, (size_t)(n ? n : 1) * sizeof **out);
    *count = 0;
    if (!*out) {
        PQclear(res);
        return DB_HARD_ERROR;
    }
    for (int i = 0; i < n; i++) {
        retention_item *it = &(*out)[i];
        it->kind = kind;
        it->id = pg_int(res, i, 0);
        it->case_id = pg_int(res, i, 1);
        it->compartment = comp;
        it->since = pg_text(a, res, i, 2);
        if (!it->since) {
            PQclear(res);
            return DB_HARD_ERROR;
        }
    }
    PQclear(res);
    *count = (size_t)n;
    return (db_status)n;
}

db_status pg_retention_signals(storage *s, arena *a, compartment comp, const char *before,
                               int64_t after_id, retention_item **out, size_t *count)
{
    pg_params p = {0};
    pg_param_text(&p, compartment_name(comp));
    pg_param_text(&p, before);
    pg_param_int(&p, after_id);
    pg_param_int(&p, RETENTION_BATCH);
    db_status st;
    PGresult *res = pg_run(s, PG_RETENTION_SIGNALS, &p, "retention signals", &st);
    return res ? read_items(a, res, RETENTION_SIGNAL, comp, out, count) : st;
}

db_status pg_retention_cases(storage *s, arena *a, const char *before, int64_t after_id,
                             retention_item **out, size_t *count)
{
    pg_params p = {0};
    pg_param_text(&p, before);
    pg_param_int(&p, after_id);
    pg_param_int(&p, RETENTION_BATCH);
    db_status st;
    PGresult *res = pg_run(s, PG_RETENTION_CASES, &p, "retention cases", &st);
    return res ? read_items(a, res, RETENTION_CASE, COMPARTMENT_NONE, out, count) : st;
}

db_status pg_retention_remove_signal(storage *s, int64_t id)
{
    pg_params p = {0};
    pg_param_int(&p, id);
    return pg_command(s, PG_RETENTION_REMOVE_SIGNAL, &p, "retention remove signal");
}

static db_status remove_break_glass(storage *s, const pg_params *case_id)
{
    pg_params none = {0};
    db_status st;
    PGresult *res = pg_run(s, PG_RETENTION_HAS_BREAK_GLASS, &none, "retention schema", &st);
    if (!res)
        return st;
    bool has = PQntuples(res) > 0 && strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    if (!has)
        return DB_NONE;
    st = pg_command(s, PG_RETENTION_REMOVE_BREAK_GLASS, case_id, "retention break-glass");
    return st < 0 ? st : DB_NONE;
}

db_status pg_retention_remove_case(storage *s, int64_t id)
{
    pg_params p = {0};
    pg_param_int(&p, id);
    db_status st;
    PGresult *res = pg_run(s, PG_RETENTION_CASE_LOCK, &p, "retention case", &st);
    if (!res)
        return st;
    bool closed = PQntuples(res) > 0 && strcmp(PQgetvalue(res, 0, 0), "closed") == 0;
    PQclear(res);
    if (!closed)
        return DB_NONE;
    if ((st = remove_break_glass(s, &p)) < 0)
        return st;
    return pg_command(s, PG_RETENTION_REMOVE_CASE, &p, "retention remove case");
}

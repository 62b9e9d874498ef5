/* sqlite_break_glass: break-glass grants on SQLite (docs/OVERSIGHT.md). A grant is two rows: a
 * case_team row with membership "break_glass" that ends at expires_at (need-to-know stays in one
 * place: access_case_visible and the scope SQL), and its record in break_glass for the privacy
 * officer's review. Grants are rare, so the statements are prepared per call (like case_list)
 * rather than cached per connection. */
#include "storage/sqlite/sqlite_internal.h"

#include <string.h>

#define GRANT_COLUMNS                                                                              \
    "g.id, g.case_id, c.reference, g.user_id, u.username, u.org, u.role, g.reason, "               \
    "g.started_at, g.expires_at, g.review, g.review_note, coalesce(g.reviewed_by, 0), "            \
    "rv.username, g.reviewed_at, g.version"
#define GRANT_FROM                                                                                 \
    " FROM break_glass g JOIN cases c ON c.id = g.case_id JOIN users u ON u.id = g.user_id "       \
    "LEFT JOIN users rv ON rv.id = g.reviewed_by "
/* ?1 status (0 all, 1 pending, 2 reviewed: break_glass_status), ?2 user (0: any), ?3 case (0:
 * any), ?4 active at (0: any). */
#define GRANT_WHERE                                                                                \
    "WHERE (?1 = 0 OR (?1 = 1 AND g.review = 'pending') OR (?1 = 2 AND g.review <> 'pending')) "   \
    "AND (?2 = 0 OR g.user_id = ?2) AND (?3 = 0 OR g.case_id = ?3) AND "                           \
    "(?4 = 0 OR g.expires_at > ?4) "

static db_status prepare(sqlite_conn *c, const char *sql, sqlite3_stmt **st)
{
    int rc = sqlite3_prepare_v2(c->db, sql, -1, st, NULL);
    return rc == SQLITE_OK ? DB_NONE : sqlite_status(c, rc, "prepare break-glass");
}

/* Runs a statement without rows and finalizes it: DB_ONE when it changed a row. */
static db_status run_done(sqlite_conn *c, sqlite3_stmt *st, const char *what)
{
    db_status r = step_done(c, st, what);
    sqlite3_finalize(st);
    return r;
}

static void read_grant(arena *a, sqlite3_stmt *st, void *item)
{
    break_glass_record *g = item;
    memset(g, 0, sizeof *g);
    g->id = sqlite3_column_int64(st, 0);
    g->case_id = sqlite3_column_int64(st, 1);
    g->case_reference = column_text(a, st, 2);
    g->user_id = sqlite3_column_int64(st, 3);
    g->username = column_text(a, st, 4);
    g->user_org = column_text(a, st, 5);
    g->user_role = role_parse((const char *)sqlite3_column_text(st, 6));
    g->reason = column_text(a, st, 7);
    g->started_at = column_text(a, st, 8);
    g->expires_at = sqlite3_column_int64(st, 9);
    g->review = column_text(a, st, 10);
    g->review_note = column_text(a, st, 11);
    g->reviewed_by = sqlite3_column_int64(st, 12);
    g->reviewed_by_username = column_text(a, st, 13);
    g->reviewed_at = column_text(a, st, 14);
    g->version = sqlite3_column_int64(st, 15);
}

/* The team row: new, or an ended one of an earlier grant renewed. A row that has not ended
 * changes nothing (DB_NONE): the user holds a live grant already. */
static db_status team_row(sqlite_conn *c, const break_glass_record *g, int64_t now)
{
    static const char sql[] =
        "INSERT INTO case_team(case_id, org, user_id, membership, expires_at) "
        "VALUES (?1, ?2, ?3, 'break_glass', ?4) "
        "ON CONFLICT(case_id, org, user_id, membership) DO UPDATE SET "
        "expires_at = excluded.expires_at WHERE case_team.expires_at <= ?5";
    sqlite3_stmt *st;
    db_status r = prepare(c, sql, &st);
    if (r < 0)
        return r;
    bind_int(st, 1, g->case_id);
    bind_text(st, 2, g->user_org);
    bind_int(st, 3, g->user_id);
    bind_int(st, 4, g->expires_at);
    bind_int(st, 5, now);
    return run_done(c, st, "break-glass team");
}

db_status sqlite_break_glass_insert(storage *s, break_glass_record *g, int64_t now)
{
    sqlite_conn *c = sqlite_conn_get(s);
    if (!c)
        return DB_HARD_ERROR;
    db_status r = team_row(c, g, now);
    if (r <= 0)
        return r;
    /* the case's search documents carry its team (they stay closed to the grant: search checks
     * permanent members only, but the stored tokens follow the table) */
    if ((r = sqlite_index_mark(c, INDEX_CASE_DEEP, g->case_id)) < 0)
        return r;
    static const char sql[] = "INSERT INTO break_glass(case_id, user_id, reason, started_at, "
                              "expires_at) VALUES (?1, ?2, ?3, ?4, ?5)";
    sqlite3_stmt *st;
    if ((r = prepare(c, sql, &st)) < 0)
        return r;
    bind_int(st, 1, g->case_id);
    bind_int(st, 2, g->user_id);
    bind_text(st, 3, g->reason);
    bind_text(st, 4, g->started_at);
    bind_int(st, 5, g->expires_at);
    if ((r = run_done(c, st, "break-glass insert")) != DB_ONE)
        return r < 0 ? r : DB_HARD_ERROR;
    g->id = sqlite3_last_insert_rowid(c->db);
    g->review = "pending";
    g->version = 1;
    return DB_ONE;
}

db_status sqlite_break_glass_get(storage *s, arena *a, int64_t id, break_glass_record *out)
{
    sqlite_conn *c = sqlite_conn_get(s);
    if (!c)
        return DB_HARD_ERROR;
    sqlite3_stmt *st;
    db_status r = prepare(c, "SELECT " GRANT_COLUMNS GRANT_FROM "WHERE g.id = ?1", &st);
    if (r < 0)
        return r;
    bind_int(st, 1, id);
    r = step_row(c, st, "break-glass get");
    if (r == DB_ONE)
        read_grant(a, st, out);
    sqlite3_finalize(st);
    return r;
}

static void bind_filter(sqlite3_stmt *st, const break_glass_filter *f)
{
    bind_int(st, 1, (int64_t)f->status);
    bind_int(st, 2, f->user_id);
    bind_int(st, 3, f->case_id);
    bind_int(st, 4, f->active_at);
}

db_status sqlite_break_glass_list(storage *s, arena *a, const break_glass_filter *f,
                                  break_glass_record **out, size_t *count, int64_t *total)
{
    *out = NULL;
    *count = 0;
    *total = 0;
    sqlite_conn *c = sqlite_conn_get(s);
    if (!c)
        return DB_HARD_ERROR;
    sqlite3_stmt *st;
    db_status r = prepare(c, "SELECT count(*) FROM break_glass g " GRANT_WHERE, &st);
    if (r < 0)
        return r;
    bind_filter(st, f);
    r = step_row(c, st, "break-glass count");
    *total = r == DB_ONE ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    if (r < 0)
        return r;
    r = prepare(c,
                "SELECT " GRANT_COLUMNS GRANT_FROM GRANT_WHERE
                "ORDER BY g.review = 'pending' DESC, g.started_at DESC, g.id DESC "
                "LIMIT ?5 OFFSET ?6",
                &st);
    if (r < 0)
        return r;
    bind_filter(st, f);
    bind_int(st, 5, f->per_page);
    bind_int(st, 6, (f->page > 1 ? f->page - 1 : 0) * f->per_page);
    r = sqlite_collect_rows(c, st, a, sizeof **out, read_grant, (void **)out, count);
    sqlite3_finalize(st);
    return r;
}

db_status sqlite_break_glass_review(storage *s, break_glass_record *g)
{
    sqlite_conn *c = sqlite_conn_get(s);
    if (!c)
        return DB_HARD_ERROR;
    static const char sql[] = "UPDATE break_glass SET review = ?3, review_note = ?4, "
                              "reviewed_by = ?5, reviewed_at = ?6, version = version + 1 "
                              "WHERE id = ?1 AND version = ?2 AND review = 'pending'";
    sqlite3_stmt *st;
    db_status r = prepare(c, sql, &st);
    if (r < 0)
        return r;
    bind_int(st, 1, g->id);
    bind_int(st, 2, g->version);
    bind_text(st, 3, g->review);
    bind_text(st, 4, g->review_note);
    bind_int(st, 5, g->reviewed_by);
    bind_text(st, 6, g->reviewed_at);
    r = run_done(c, st, "break-glass review");
    if (r == DB_ONE)
        g->version++;
    return r;
}

/* pg_break_glass: break-glass grants on PostgreSQL (docs/OVERSIGHT.md). A grant is two rows: a
 * case_team row with membership "break_glass" that ends at expires_at (need-to-know stays in one
 * place: access_case_visible and PG_TEAM_SQL), and its record in break_glass for the privacy
 * officer's review. Strings are copied into the caller's arena; every PGresult is cleared. */
#include "storage/postgres/pg_internal.h"

#include <string.h>

#define GRANT_COLUMNS                                                                              \
    "g.id, g.case_id, c.reference, g.user_id, u.username, u.org, u.role, g.reason, "               \
    "g.started_at, g.expires_at, g.review, g.review_note, g.reviewed_by, rv.username, "            \
    "g.reviewed_at, g.version"
#define GRANT_FROM                                                                                 \
    " FROM break_glass g JOIN cases c ON c.id = g.case_id JOIN users u ON u.id = g.user_id "       \
    "LEFT JOIN users rv ON rv.id = g.reviewed_by "
/* $1 status (0 all, 1 pending, 2 reviewed: break_glass_status), $2 user (0: any), $3 case (0:
 * any), $4 active at (0: any); the page adds $5 limit and $6 offset. */
#define GRANT_WHERE                                                                                \
    "WHERE ($1::int = 0 OR ($1::int = 1 AND g.review = 'pending') OR ($1::int = 2 AND "            \
    "g.review <> 'pending')) AND ($2::bigint = 0 OR g.user_id = $2::bigint) AND "                  \
    "($3::bigint = 0 OR g.case_id = $3::bigint) AND ($4::bigint = 0 OR g.expires_at > "            \
    "$4::bigint) "

const char *const pg_break_glass_sql[PG_STMT__COUNT] = {
    /* The team row (new, or an ended one of an earlier grant renewed) and the grant in one
     * statement. A team row that has not ended changes nothing, and then no grant is inserted:
     * the user holds a live one already. Under READ COMMITTED a concurrent grant's row is
     * waited for and its end re-checked, so two grants never overlap. */
    [PG_BREAK_GLASS_INSERT] =
        "WITH t AS (INSERT INTO case_team(case_id, org, user_id, membership, expires_at) "
        "VALUES ($1, $2, $3, 'break_glass', $4) ON CONFLICT (case_id, org, user_id, membership) "
        "DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE case_team.expires_at <= $5 "
        "RETURNING 1) INSERT INTO break_glass(case_id, user_id, reason, started_at, expires_at) "
        "SELECT $1, $3, $6, $7, $4 FROM t RETURNING id",
    [PG_BREAK_GLASS_GET] = "SELECT " GRANT_COLUMNS GRANT_FROM "WHERE g.id = $1",
    [PG_BREAK_GLASS_COUNT] = "SELECT count(*) FROM break_glass g " GRANT_WHERE,
    [PG_BREAK_GLASS_PAGE] = "SELECT " GRANT_COLUMNS GRANT_FROM GRANT_WHERE
                            "ORDER BY g.review = 'pending' DESC, g.started_at DESC, g.id DESC "
                            "LIMIT $5::bigint OFFSET $6::bigint",
    [PG_BREAK_GLASS_REVIEW] = "UPDATE break_glass SET review = $3, review_note = $4, "
                              "reviewed_by = $5, reviewed_at = $6, version = version + 1 "
                              "WHERE id = $1 AND version = $2 AND review = 'pending'",
};

static void read_grant(arena *a, const PGresult *res, int row, void *item)
{
    break_glass_record *g = item;
    memset(g, 0, sizeof *g);
    g->id = pg_int(res, row, 0);
    g->case_id = pg_int(res, row, 1);
    g->case_reference = pg_text(a, res, row, 2);
    g->user_id = pg_int(res, row, 3);
    g->username = pg_text(a, res, row, 4);
    g->user_org = pg_text(a, res, row, 5);
    g->user_role = role_parse(pg_raw(res, row, 6));
    g->reason = pg_text(a, res, row, 7);
    g->started_at = pg_text(a, res, row, 8);
    g->expires_at = pg_int(res, row, 9);
    g->review = pg_text(a, res, row, 10);
    g->review_note = pg_text(a, res, row, 11);
    g->reviewed_by = pg_int(res, row, 12);
    g->reviewed_by_username = pg_text(a, res, row, 13);
    g->reviewed_at = pg_text(a, res, row, 14);
    g->version = pg_int(res, row, 15);
}

db_status pg_break_glass_insert(storage *s, break_glass_record *g, int64_t now)
{
    pg_params p = {0};
    pg_param_int(&p, g->case_id);
    pg_param_text(&p, g->user_org);
    pg_param_int(&p, g->user_id);
    pg_param_int(&p, g->expires_at);
    pg_param_int(&p, now);
    pg_param_text(&p, g->reason);
    pg_param_text(&p, g->started_at);
    int64_t id = 0;
    db_status st = pg_insert_id(s, PG_BREAK_GLASS_INSERT, &p, "break-glass insert", &id);
    if (st == DB_ONE) {
        g->id = id;
        g->review = "pending";
        g->version = 1;
    }
    return st;
}

db_status pg_break_glass_get(storage *s, arena *a, int64_t id, break_glass_record *out)
{
    return pg_load_one(s, a, PG_BREAK_GLASS_GET, id, read_grant, out, "break-glass get");
}

static void filter_params(pg_params *p, const break_glass_filter *f)
{
    pg_param_int(p, (int64_t)f->status);
    pg_param_int(p, f->user_id);
    pg_param_int(p, f->case_id);
    pg_param_int(p, f->active_at);
}

/* The total and the page in one round trip. */
db_status pg_break_glass_list(storage *s, arena *a, const break_glass_filter *f,
                              break_glass_record **out, size_t *count, int64_t *total)
{
    *out = NULL;
    *count = 0;
    *total = 0;
    const pg_stmt ids[] = {PG_BREAK_GLASS_COUNT, PG_BREAK_GLASS_PAGE};
    pg_params ps[2] = {{0}, {0}};
    filter_params(&ps[0], f);
    filter_params(&ps[1], f);
    pg_param_int(&ps[1], f->per_page);
    pg_param_int(&ps[1], (f->page > 1 ? f->page - 1 : 0) * f->per_page);
    PGresult *res[2];
    db_status st = pg_run_many(s, ids, ps, 2, res, "break-glass list");
    if (st < 0)
        return st;
    *total = PQntuples(res[0]) > 0 ? pg_int(res[0], 0, 0) : 0;
    st = pg_read_rows(a, res[1], sizeof **out, read_grant, (void **)out, count);
    pg_clear_results(res, 2);
    return st;
}

db_status pg_break_glass_review(storage *s, break_glass_record *g)
{
    pg_params p = {0};
    pg_param_int(&p, g->id);
    pg_param_int(&p, g->version);
    pg_param_text(&p, g->review);
    pg_param_text(&p, g->review_note);
    pg_param_int(&p, g->reviewed_by);
    pg_param_text(&p, g->reviewed_at);
    /* Version-checked: a concurrent review waits on the row lock, then finds the version (or
     * the review) changed and changes nothing. */
    db_status st = pg_command(s, PG_BREAK_GLASS_REVIEW, &p, "break-glass review");
    if (st == DB_ONE)
        g->version++;
    return st;
}

/* pg_users: organisations, users, login throttling and sessions on PostgreSQL. Session tokens are
 * stored as the 32-byte BLAKE2b hash only, passed as binary bytea parameters. */
#include "storage/postgres/pg_internal.h"

#include <string.h>

db_status pg_org_upsert(storage *s, const org_seed *org)
{
    pg_params p = {0};
    pg_param_text(&p, org->code);
    pg_param_text(&p, org->name);
    pg_param_text(&p, org->kind);
    pg_param_text(&p, org->district ? org->district : "");
    return pg_command(s, PG_ORG_UPSERT, &p, "org upsert");
}

static void read_org(arena *a, const PGresult *res, int row, org_row *o)
{
    o->code = pg_text(a, res, row, 0);
    o->name = pg_text(a, res, row, 1);
    o->kind = pg_text(a, res, row, 2);
    o->district = pg_text(a, res, row, 3);
}

db_status pg_org_list(storage *s, arena *a, org_row **rows, size_t *count)
{
    db_status st;
    PGresult *res = pg_run(s, PG_ORG_LIST, NULL, "org list", &st);
    if (!res)
        return st;
    int n = PQntuples(res);
    org_row *out = arena_alloc(a, (size_t)(n ? n : 1) * sizeof *out);
    for (int i = 0; out && i < n; i++)
        read_org(a, res, i, &out[i]);
    PQclear(res);
    if (!out)
        return DB_HARD_ERROR;
    *rows = out;
    *count = (size_t)n;
    return n;
}

db_status pg_org_get(storage *s, arena *a, const char *code, org_row *out)
{
    pg_params p = {0};
    pg_param_text(&p, code);
    db_status st;
    PGresult *res = pg_run(s, PG_ORG_GET, &p, "org get", &st);
    if (!res)
        return st;
    st = PQntuples(res) > 0 ? DB_ONE : DB_NONE;
    if (st == DB_ONE)
        read_org(a, res, 0, out);
    PQclear(res);
    return st;
}

db_status pg_user_insert(storage *s, const new_user *u, int64_t *id)
{
    pg_params p = {0};
    pg_param_text(&p, u->username);
    pg_param_text(&p, u->display_name);
    pg_param_text(&p, role_name(u->role));
    pg_param_text(&p, u->org);
    pg_param_text(&p, u->password_hash);
    pg_param_text(&p, u->created_at);
    db_status st;
    PGresult *res = pg_run(s, PG_USER_INSERT, &p, "user insert", &st);
    if (!res)
        return st;
    /* ON CONFLICT DO NOTHING returns no row when the username is taken. */
    st = PQntuples(res) > 0 ? DB_ONE : DB_NONE;
    if (st == DB_ONE)
        *id = pg_int(res, 0, 0);
    PQclear(res);
    return st;
}

/* The columns of PG_USER_BY_USERNAME and PG_USER_BY_ID. */
static void read_user(arena *a, const PGresult *res, int row, void *item)
{
    user_row *out = item;
    out->id = pg_int(res, row, 0);
    out->username = pg_text(a, res, row, 1);
    out->display_name = pg_text(a, res, row, 2);
    out->role = role_parse(pg_raw(res, row, 3));
    out->org = pg_text(a, res, row, 4);
    out->password_hash = pg_text(a, res, row, 5);
    out->active = pg_bool(res, row, 6);
}

db_status pg_user_by_username(storage *s, arena *a, const char *username, user_row *out)
{
    pg_params p = {0};
    pg_param_text(&p, username);
    db_status st;
    PGresult *res = pg_run(s, PG_USER_BY_USERNAME, &p, "user by username", &st);
    if (!res)
        return st;
    st = PQntuples(res) > 0 ? DB_ONE : DB_NONE;
    if (st == DB_ONE)
        read_user(a, res, 0, out);
    PQclear(res);
    return st;
}

db_status pg_user_by_id(storage *s, arena *a, int64_t id, user_row *out)
{
    return pg_load_one(s, a, PG_USER_BY_ID, id, read_user, out, "user by id");
}

/* In a write transaction the throttle is read to be written back: a per-username lock makes
 * concurrent failed logins count one after the other instead of from the same old value. */
static db_status lock_throttle(storage *s, const char *username)
{
    if (!pg_in_write_tx(s))
        return DB_NONE;
    pg_params p = {0};
    pg_param_text(&p, username);
    db_status st;
    PGresult *res = pg_run(s, PG_THROTTLE_LOCK, &p, "throttle lock", &st);
    PQclear(res);
    return res ? DB_NONE : st;
}

db_status pg_throttle_get(storage *s, const char *username, login_throttle *out)
{
    memset(out, 0, sizeof *out);
    db_status st = lock_throttle(s, username);
    if (st < 0)
        return st;
    pg_params p = {0};
    pg_param_text(&p, username);
    PGresult *res = pg_run(s, PG_THROTTLE_GET, &p, "throttle get", &st);
    if (!res)
        return st;
    st = PQntuples(res) > 0 ? DB_ONE : DB_NONE;
    if (st == DB_ONE) {
        out->failures = pg_int(res, 0, 0);
        out->window_start = pg_int(res, 0, 1);
        out->locked_until = pg_int(res, 0, 2);
    }
    PQclear(res);
    return st;
}

db_status pg_throttle_put(storage *s, const char *username, const login_throttle *t)
{
    pg_params p = {0};
    pg_param_text(&p, username);
    pg_param_int(&p, t->failures);
    pg_param_int(&p, t->window_start);
    pg_param_int(&p, t->locked_until);
    return pg_command(s, PG_THROTTLE_PUT, &p, "throttle put");
}

db_status pg_session_insert(storage *s, const unsigned char token_hash[32], int64_t user_id,
                            int64_t now, int64_t expires_at)
{
    pg_params p = {0};
    pg_param_bytes(&p, token_hash, 32);
    pg_param_int(&p, user_id);
    pg_param_int(&p, now);
    pg_param_int(&p, expires_at);
    return pg_command(s, PG_SESSION_INSERT, &p, "session insert");
}

db_status pg_session_lookup(storage *s, arena *a, const unsigned char token_hash[32], int64_t now,
                            int64_t idle_limit, viewer *out, int64_t *last_seen)
{
    pg_params p = {0};
    pg_param_bytes(&p, token_hash, 32);
    pg_param_int(&p, now);
    pg_param_int(&p, idle_limit);
    db_status st;
    PGresult *res = pg_run(s, PG_SESSION_LOOKUP, &p, "session lookup", &st);
    if (!res)
        return st;
    st = PQntuples(res) > 0 ? DB_ONE : DB_NONE;
    if (st == DB_ONE) {
        out->user_id = pg_int(res, 0, 0);
        out->username = pg_text(a, res, 0, 1);
        out->display_name = pg_text(a, res, 0, 2);
        out->role = role_parse(pg_raw(res, 0, 3));
        out->org = pg_text(a, res, 0, 4);
        *last_seen = pg_int(res, 0, 5);
        if (!out->username || !out->org)
            st = DB_HARD_ERROR;
    }
    PQclear(res);
    return st;
}

db_status pg_session_touch(storage *s, const unsigned char token_hash[32], int64_t now)
{
    pg_params p = {0};
    pg_param_bytes(&p, token_hash, 32);
    pg_param_int(&p, now);
    return pg_command(s, PG_SESSION_TOUCH, &p, "session touch");
}

db_status pg_session_delete(storage *s, const unsigned char token_hash[32])
{
    pg_params p = {0};
    pg_param_bytes(&p, token_hash, 32);
    return pg_command(s, PG_SESSION_DELETE, &p, "session delete");
}

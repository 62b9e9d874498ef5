/* sqlite_users: organisations, users, login throttling and sessions. */
#include "storage/sqlite/sqlite_internal.h"

#include <string.h>

db_status sqlite_org_upsert(storage *s, const org_seed *org)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_ORG_UPSERT, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_text(st, 1, org->code);
    bind_text(st, 2, org->name);
    bind_text(st, 3, org->kind);
    bind_text(st, 4, org->district ? org->district : "");
    return step_done(c, st, "org upsert");
}

static void read_org(arena *a, sqlite3_stmt *st, org_row *o)
{
    o->code = column_text(a, st, 0);
    o->name = column_text(a, st, 1);
    o->kind = column_text(a, st, 2);
    o->district = column_text(a, st, 3);
}

db_status sqlite_org_list(storage *s, arena *a, org_row **rows, size_t *count)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_ORG_LIST, &c);
    if (!st)
        return DB_HARD_ERROR;
    size_t cap = 64, n = 0;
    org_row *out = arena_alloc(a, cap * sizeof *out);
    db_status r;
    while (out && (r = step_row(c, st, "org list")) == DB_ONE) {
        if (n == cap) {
            org_row *bigger = arena_alloc(a, 2 * cap * sizeof *out);
            if (!bigger)
                break;
            memcpy(bigger, out, n * sizeof *out);
            out = bigger;
            cap *= 2;
        }
        read_org(a, st, &out[n++]);
    }
    sqlite3_reset(st);
    if (!out)
        return DB_HARD_ERROR;
    if (r < 0)
        return r;
    *rows = out;
    *count = n;
    return (db_status)n;
}

db_status sqlite_org_get(storage *s, arena *a, const char *code, org_row *out)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_ORG_GET, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_text(st, 1, code);
    db_status r = step_row(c, st, "org get");
    if (r == DB_ONE)
        read_org(a, st, out);
    sqlite3_reset(st);
    return r;
}

db_status sqlite_user_insert(storage *s, const new_user *u, int64_t *id)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_USER_INSERT, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_text(st, 1, u->username);
    bind_text(st, 2, u->display_name);
    bind_text(st, 3, role_name(u->role));
    bind_text(st, 4, u->org);
    bind_text(st, 5, u->password_hash);
    bind_text(st, 6, u->created_at);
    db_status r = step_done(c, st, "user insert");
    if (r == DB_ONE)
        *id = sqlite3_last_insert_rowid(c->db);
    return r;
}

static void read_user(arena *a, sqlite3_stmt *st, user_row *out)
{
    out->id = sqlite3_column_int64(st, 0);
    out->username = column_text(a, st, 1);
    out->display_name = column_text(a, st, 2);
    out->role = role_parse((const char *)sqlite3_column_text(st, 3));
    out->org = column_text(a, st, 4);
    out->password_hash = column_text(a, st, 5);
    out->active = sqlite3_column_int(st, 6) != 0;
}

db_status sqlite_user_by_username(storage *s, arena *a, const char *username, user_row *out)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_USER_BY_USERNAME, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_text(st, 1, username);
    db_status r = step_row(c, st, "user by username");
    if (r == DB_ONE)
        read_user(a, st, out);
    sqlite3_reset(st);
    return r;
}

db_status sqlite_user_by_id(storage *s, arena *a, int64_t id, user_row *out)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_USER_BY_ID, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, id);
    db_status r = step_row(c, st, "user by id");
    if (r == DB_ONE)
        read_user(a, st, out);
    sqlite3_reset(st);
    return r;
}

db_status sqlite_throttle_get(storage *s, const char *username, login_throttle *out)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_THROTTLE_GET, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_text(st, 1, username);
    memset(out, 0, sizeof *out);
    db_status r = step_row(c, st, "throttle get");
    if (r == DB_ONE) {
        out->failures = sqlite3_column_int64(st, 0);
        out->window_start = sqlite3_column_int64(st, 1);
        out->locked_until = sqlite3_column_int64(st, 2);
    }
    sqlite3_reset(st);
    return r;
}

db_status sqlite_throttle_put(storage *s, const char *username, const login_throttle *t)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_THROTTLE_PUT, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_text(st, 1, username);
    bind_int(st, 2, t->failures);
    bind_int(st, 3, t->window_start);
    bind_int(st, 4, t->locked_until);
    return step_done(c, st, "throttle put");
}

db_status sqlite_session_insert(storage *s, const unsigned char token_hash[32], int64_t user_id,
                                int64_t now, int64_t expires_at)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_SESSION_INSERT, &c);
    if (!st)
        return DB_HARD_ERROR;
    sqlite3_bind_blob(st, 1, token_hash, 32, SQLITE_TRANSIENT);
    bind_int(st, 2, user_id);
    bind_int(st, 3, now);
    bind_int(st, 4, expires_at);
    return step_done(c, st, "session insert");
}

db_status sqlite_session_lookup(storage *s, arena *a, const unsigned char token_hash[32],
                                int64_t now, int64_t idle_limit, viewer *out, int64_t *last_seen)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_SESSION_LOOKUP, &c);
    if (!st)
        return DB_HARD_ERROR;
    sqlite3_bind_blob(st, 1, token_hash, 32, SQLITE_TRANSIENT);
    bind_int(st, 2, now);
    bind_int(st, 3, idle_limit);
    db_status r = step_row(c, st, "session lookup");
    if (r == DB_ONE) {
        out->user_id = sqlite3_column_int64(st, 0);
        out->username = column_text(a, st, 1);
        out->display_name = column_text(a, st, 2);
        out->role = role_parse((const char *)sqlite3_column_text(st, 3));
        out->org = column_text(a, st, 4);
        *last_seen = sqlite3_column_int64(st, 5);
        if (!out->username || !out->org)
            r = DB_HARD_ERROR;
    }
    sqlite3_reset(st);
    return r;
}

db_status sqlite_session_touch(storage *s, const unsigned char token_hash[32], int64_t now)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_SESSION_TOUCH, &c);
    if (!st)
        return DB_HARD_ERROR;
    sqlite3_bind_blob(st, 1, token_hash, 32, SQLITE_TRANSIENT);
    bind_int(st, 2, now);
    return step_done(c, st, "session touch");
}

db_status sqlite_session_delete(storage *s, const unsigned char token_hash[32])
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_SESSION_DELETE, &c);
    if (!st)
        return DB_HARD_ERROR;
    sqlite3_bind_blob(st, 1, token_hash, 32, SQLITE_TRANSIENT);
    return step_done(c, st, "session delete");
}

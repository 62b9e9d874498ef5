/* sqlite_auth: the second factor (secret, steps, recovery codes) and API tokens on SQLite. */
#include "storage/sqlite/sqlite_internal.h"

#include <stdio.h>
#include <string.h>

#define AT(id) [(id)-STMT_AUTH_FIRST]
#define TOKEN_COLUMNS                                                                              \
    "t.id, t.user_id, u.username, u.org, t.label, t.scopes, t.token_hash, t.created_at, "          \
    "t.expires_at, coalesce(t.revoked_at, 0), coalesce(t.last_used_at, 0)"

static const char *const auth_sql[STMT_AUTH_END - STMT_AUTH_FIRST] = {
    AT(STMT_TOTP_GET) = "SELECT totp_secret, totp_enabled, totp_last_step FROM users WHERE id = ?1",
    AT(STMT_TOTP_SET) = "UPDATE users SET totp_secret = ?2, totp_enabled = ?3, totp_last_step = 0 "
                        "WHERE id = ?1",
    AT(STMT_TOTP_ENABLE) = "UPDATE users SET totp_enabled = 1, totp_last_step = ?2 WHERE id = ?1 "
                           "AND totp_secret IS NOT NULL AND totp_enabled = 0",
    /* conditional: of two servers accepting the same step, only one changes the row */
    AT(STMT_TOTP_ACCEPT) =
        "UPDATE users SET totp_last_step = ?2 WHERE id = ?1 AND totp_last_step < ?2",
    AT(STMT_RECOVERY_DELETE) = "DELETE FROM recovery_codes WHERE user_id = ?1",
    AT(STMT_RECOVERY_INSERT) = "INSERT INTO recovery_codes(user_id, code_hash) VALUES (?1, ?2)",
    AT(STMT_RECOVERY_USE) = "UPDATE recovery_codes SET used_at = ?3 WHERE user_id = ?1 AND "
                            "code_hash = ?2 AND used_at IS NULL",
    AT(STMT_TOKEN_INSERT) = "INSERT INTO api_tokens(user_id, label, scopes, token_hash, "
                            "created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    AT(STMT_TOKEN_LOOKUP) = "SELECT " TOKEN_COLUMNS ", u.display_name, u.role "
                            "FROM api_tokens t JOIN users u ON u.id = t.user_id "
                            "WHERE t.token_hash = ?1 AND t.expires_at > ?2 AND "
                            "t.revoked_at IS NULL AND u.active = 1",
    AT(STMT_TOKEN_LIST) = "SELECT " TOKEN_COLUMNS " FROM api_tokens t JOIN users u ON "
                          "u.id = t.user_id ORDER BY t.id",
    AT(STMT_TOKEN_REVOKE) =
        "UPDATE api_tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
    AT(STMT_TOKEN_TOUCH) = "UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1",
};

const char *sqlite_auth_sql(stmt_id id)
{
    if (id < STMT_AUTH_FIRST || id >= STMT_AUTH_END)
        return NULL;
    return auth_sql[id - STMT_AUTH_FIRST];
}

db_status sqlite_totp_get(storage *s, arena *a, int64_t user_id, totp_state *out)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_TOTP_GET, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, user_id);
    db_status r = step_row(c, st, "totp get");
    if (r == DB_ONE) {
        out->secret = column_text(a, st, 0);
        out->enabled = sqlite3_column_int(st, 1) != 0;
        out->last_step = sqlite3_column_int64(st, 2);
    }
    sqlite3_reset(st);
    return r;
}

db_status sqlite_totp_set(storage *s, int64_t user_id, const char *sealed_secret, bool enabled)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_TOTP_SET, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, user_id);
    if (sealed_secret)
        bind_text(st, 2, sealed_secret);
    bind_int(st, 3, enabled ? 1 : 0);
    return step_done(c, st, "totp set");
}

/* A statement keyed by user (?1) with one number (?2) that changes at most one row. */
static db_status user_step(storage *s, stmt_id id, int64_t user_id, int64_t step, const char *what)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, id, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, user_id);
    bind_int(st, 2, step);
    return step_done(c, st, what);
}

db_status sqlite_totp_enable(storage *s, int64_t user_id, int64_t step)
{
    return user_step(s, STMT_TOTP_ENABLE, user_id, step, "totp enable");
}

db_status sqlite_totp_accept(storage *s, int64_t user_id, int64_t step)
{
    return user_step(s, STMT_TOTP_ACCEPT, user_id, step, "totp accept");
}

db_status sqlite_recovery_codes_replace(storage *s, int64_t user_id, const char *const *hashes,
                                        size_t count)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_RECOVERY_DELETE, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, user_id);
    db_status r = step_done(c, st, "recovery codes delete");
    for (size_t i = 0; r >= 0 && i < count; i++) {
        if (!(st = prepare_for(s, STMT_RECOVERY_INSERT, &c)))
            return DB_HARD_ERROR;
        bind_int(st, 1, user_id);
        bind_text(st, 2, hashes[i]);
        r = step_done(c, st, "recovery code insert");
    }
    return r < 0 ? r : (db_status)count;
}

db_status sqlite_recovery_code_use(storage *s, int64_t user_id, const char *hash, int64_t now)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_RECOVERY_USE, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, user_id);
    bind_text(st, 2, hash);
    bind_int(st, 3, now);
    return step_done(c, st, "recovery code use");
}

db_status sqlite_api_token_insert(storage *s, api_token_row *t)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_TOKEN_INSERT, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, t->user_id);
    bind_text(st, 2, t->label ? t->label : "");
    bind_text(st, 3, t->scopes);
    bind_text(st, 4, t->token_hash);
    bind_int(st, 5, t->created_at);
    bind_int(st, 6, t->expires_at);
    db_status r = step_done(c, st, "api token insert");
    if (r == DB_ONE)
        t->id = sqlite3_last_insert_rowid(c->db);
    return r;
}

static void read_token(arena *a, sqlite3_stmt *st, void *item)
{
    api_token_row *t = item;
    t->id = sqlite3_column_int64(st, 0);
    t->user_id = sqlite3_column_int64(st, 1);
    t->username = column_text(a, st, 2);
    t->org = column_text(a, st, 3);
    t->label = column_text(a, st, 4);
    t->scopes = column_text(a, st, 5);
    const unsigned char *h = sqlite3_column_text(st, 6);
    snprintf(t->token_hash, sizeof t->token_hash, "%s", h ? (const char *)h : "");
    t->created_at = sqlite3_column_int64(st, 7);
    t->expires_at = sqlite3_column_int64(st, 8);
    t->revoked_at = sqlite3_column_int64(st, 9);
    t->last_used_at = sqlite3_column_int64(st, 10);
}

db_status sqlite_api_token_lookup(storage *s, arena *a, const char *hash, int64_t now,
                                  api_token_row *out, viewer *v)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_TOKEN_LOOKUP, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_text(st, 1, hash);
    bind_int(st, 2, now);
    db_status r = step_row(c, st, "api token lookup");
    if (r == DB_ONE) {
        read_token(a, st, out);
        *v = (viewer){.user_id = out->user_id,
                      .username = out->username,
                      .display_name = column_text(a, st, 11),
                      .role = role_parse((const char *)sqlite3_column_text(st, 12)),
                      .org = out->org};
        if (!v->username || !v->org || !v->display_name)
            r = DB_HARD_ERROR;
    }
    sqlite3_reset(st);
    return r;
}

db_status sqlite_api_token_list(storage *s, arena *a, api_token_row **rows, size_t *count)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_TOKEN_LIST, &c);
    if (!st)
        return DB_HARD_ERROR;
    return sqlite_collect_rows(c, st, a, sizeof **rows, read_token, (void **)rows, count);
}

db_status sqlite_api_token_revoke(storage *s, int64_t id, int64_t now)
{
    return user_step(s, STMT_TOKEN_REVOKE, id, now, "api token revoke");
}

db_status sqlite_api_token_touch(storage *s, int64_t id, int64_t now)
{
    return user_step(s, STMT_TOKEN_TOUCH, id, now, "api token touch");
}

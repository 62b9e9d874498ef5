/* pg_auth: the second factor (secret, steps, recovery codes) and API tokens on PostgreSQL. */
#include "storage/postgres/pg_internal.h"

#include <stdio.h>

#define TOKEN_COLUMNS                                                                              \
    "t.id, t.user_id, u.username, u.org, t.label, t.scopes, t.token_hash, t.created_at, "          \
    "t.expires_at, coalesce(t.revoked_at, 0), coalesce(t.last_used_at, 0)"

const char *const pg_auth_sql[PG_STMT__COUNT] = {
    [PG_TOTP_GET] = "SELECT totp_secret, totp_enabled, totp_last_step FROM users WHERE id = $1",
    [PG_TOTP_SET] = "UPDATE users SET totp_secret = $2, totp_enabled = $3, totp_last_step = 0 "
                    "WHERE id = $1",
    [PG_TOTP_ENABLE] = "UPDATE users SET totp_enabled = true, totp_last_step = $2 WHERE id = $1 "
                       "AND totp_secret IS NOT NULL AND NOT totp_enabled",
    /* conditional: of two servers accepting the same step, the second waits on the row lock and
     * then finds the step taken (READ COMMITTED re-checks the condition) */
    [PG_TOTP_ACCEPT] = "UPDATE users SET totp_last_step = $2 WHERE id = $1 AND totp_last_step < $2",
    [PG_RECOVERY_DELETE] = "DELETE FROM recovery_codes WHERE user_id = $1",
    [PG_RECOVERY_INSERT] = "INSERT INTO recovery_codes(user_id, code_hash) VALUES ($1, $2)",
    [PG_RECOVERY_USE] = "UPDATE recovery_codes SET used_at = $3 WHERE user_id = $1 AND "
                        "code_hash = $2 AND used_at IS NULL",
    [PG_TOKEN_INSERT] = "INSERT INTO api_tokens(user_id, label, scopes, token_hash, created_at, "
                        "expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    [PG_TOKEN_LOOKUP] = "SELECT " TOKEN_COLUMNS ", u.display_name, u.role "
                        "FROM api_tokens t JOIN users u ON u.id = t.user_id "
                        "WHERE t.token_hash = $1 AND t.expires_at > $2::bigint AND "
                        "t.revoked_at IS NULL AND u.active",
    [PG_TOKEN_LIST] = "SELECT " TOKEN_COLUMNS " FROM api_tokens t JOIN users u ON "
                      "u.id = t.user_id ORDER BY t.id",
    [PG_TOKEN_REVOKE] =
        "UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL",
    [PG_TOKEN_TOUCH] = "UPDATE api_tokens SET last_used_at = $2 WHERE id = $1",
};

db_status pg_totp_get(storage *s, arena *a, int64_t user_id, totp_state *out)
{
    pg_params p = {0};
    pg_param_int(&p, user_id);
    db_status st;
    PGresult *res = pg_run(s, PG_TOTP_GET, &p, "totp get", &st);
    if (!res)
        return st;
    st = PQntuples(res) > 0 ? DB_ONE : DB_NONE;
    if (st == DB_ONE) {
        out->secret = pg_text(a, res, 0, 0);
        out->enabled = pg_bool(res, 0, 1);
        out->last_step = pg_int(res, 0, 2);
    }
    PQclear(res);
    return st;
}

db_status pg_totp_set(storage *s, int64_t user_id, const char *sealed_secret, bool enabled)
{
    pg_params p = {0};
    pg_param_int(&p, user_id);
    pg_param_text(&p, sealed_secret);
    pg_param_bool(&p, enabled);
    return pg_command(s, PG_TOTP_SET, &p, "totp set");
}

/* A statement keyed by one id ($1) with one number ($2) that changes at most one row. */
static db_status id_number(storage *s, pg_stmt id, int64_t key, int64_t number, const char *what)
{
    pg_params p = {0};
    pg_param_int(&p, key);
    pg_param_int(&p, number);
    return pg_command(s, id, &p, what);
}

db_status pg_totp_enable(storage *s, int64_t user_id, int64_t step)
{
    return id_number(s, PG_TOTP_ENABLE, user_id, step, "totp enable");
}

db_status pg_totp_accept(storage *s, int64_t user_id, int64_t step)
{
    return id_number(s, PG_TOTP_ACCEPT, user_id, step, "totp accept");
}

db_status pg_recovery_codes_replace(storage *s, int64_t user_id, const char *const *hashes,
                                    size_t count)
{
    pg_params p = {0};
    pg_param_int(&p, user_id);
    db_status st = pg_command(s, PG_RECOVERY_DELETE, &p, "recovery codes delete");
    for (size_t i = 0; st >= 0 && i < count; i++) {
        pg_params q = {0};
        pg_param_int(&q, user_id);
        pg_param_text(&q, hashes[i]);
        st = pg_command(s, PG_RECOVERY_INSERT, &q, "recovery code insert");
    }
    return st < 0 ? st : (db_status)count;
}

db_status pg_recovery_code_use(storage *s, int64_t user_id, const char *hash, int64_t now)
{
    pg_params p = {0};
    pg_param_int(&p, user_id);
    pg_param_text(&p, hash);
    pg_param_int(&p, now);
    return pg_command(s, PG_RECOVERY_USE, &p, "recovery code use");
}

db_status pg_api_token_insert(storage *s, api_token_row *t)
{
    pg_params p = {0};
    pg_param_int(&p, t->user_id);
    pg_param_text(&p, t->label ? t->label : "");
    pg_param_text(&p, t->scopes);
    pg_param_text(&p, t->token_hash);
    pg_param_int(&p, t->created_at);
    pg_param_int(&p, t->expires_at);
    return pg_insert_id(s, PG_TOKEN_INSERT, &p, "api token insert", &t->id);
}

static void read_token(arena *a, const PGresult *res, int row, void *item)
{
    api_token_row *t = item;
    t->id = pg_int(res, row, 0);
    t->user_id = pg_int(res, row, 1);
    t->username = pg_text(a, res, row, 2);
    t->org = pg_text(a, res, row, 3);
    t->label = pg_text(a, res, row, 4);
    t->scopes = pg_text(a, res, row, 5);
    snprintf(t->token_hash, sizeof t->token_hash, "%s", pg_raw(res, row, 6));
    t->created_at = pg_int(res, row, 7);
    t->expires_at = pg_int(res, row, 8);
    t->revoked_at = pg_int(res, row, 9);
    t->last_used_at = pg_int(res, row, 10);
}

db_status pg_api_token_lookup(storage *s, arena *a, const char *hash, int64_t now,
                              api_token_row *out, viewer *v)
{
    pg_params p = {0};
    pg_param_text(&p, hash);
    pg_param_int(&p, now);
    db_status st;
    PGresult *res = pg_run(s, PG_TOKEN_LOOKUP, &p, "api token lookup", &st);
    if (!res)
        return st;
    st = PQntuples(res) > 0 ? DB_ONE : DB_NONE;
    if (st == DB_ONE) {
        read_token(a, res, 0, out);
        *v = (viewer){.user_id = out->user_id,
                      .username = out->username,
                      .display_name = pg_text(a, res, 0, 11),
                      .role = role_parse(pg_raw(res, 0, 12)),
                      .org = out->org};
        if (!v->username || !v->org || !v->display_name)
            st = DB_HARD_ERROR;
    }
    PQclear(res);
    return st;
}

db_status pg_api_token_list(storage *s, arena *a, api_token_row **rows, size_t *count)
{
    pg_params p = {0};
    db_status st;
    PGresult *res = pg_run(s, PG_TOKEN_LIST, &p, "api token list", &st);
    if (!res)
        return st;
    st = pg_read_rows(a, res, sizeof **rows, read_token, (void **)rows, count);
    PQclear(res);
    return st;
}

db_status pg_api_token_revoke(storage *s, int64_t id, int64_t now)
{
    return id_number(s, PG_TOKEN_REVOKE, id, now, "api token revoke");
}

db_status pg_api_token_touch(storage *s, int64_t id, int64_t now)
{
    return id_number(s, PG_TOKEN_TOUCH, id, now, "api token touch");
}

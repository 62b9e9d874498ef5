/* session_totp: the second factor at login and its enrolment by a logged-in user
 * (docs/SECURITY.md, "Second factor (TOTP)"). The secret is sealed under the field key the
 * server loaded (storage field_key); a code's step is recorded by a conditional write, so the
 * same code cannot open two sessions, not even on two servers at once. */
#include "api/api.h"

#include "util/second_factor.h"

#include <sodium.h>
#include <string.h>

typedef struct second_factor_ctx {
    request *r;
    int64_t user_id;
    totp_state state;
    int64_t step;      /* the accepted time step */
    const char *hash;  /* the recovery code's hash */
    bool use_recovery; /* which one the write records */
} second_factor_ctx;

static db_status load_totp(storage *s, void *arg)
{
    second_factor_ctx *c = arg;
    return s->ops->totp_get(s, &c->r->arena, c->user_id, &c->state);
}

static db_status consume(storage *s, void *arg)
{
    second_factor_ctx *c = arg;
    int64_t now = c->r->now_ms / 1000;
    return c->use_recovery ? s->ops->recovery_code_use(s, c->user_id, c->hash, now)
                           : s->ops->totp_accept(s, c->user_id, c->step);
}

static schild_err storage_err(db_status st)
{
    return st == DB_SOFT_ERROR ? ERR_UNAVAILABLE : ERR_INTERNAL;
}

/* Checks a code against the user's secret; ERR_OK with c->step set when it may be used. */
static schild_err check_code(request *r, second_factor_ctx *c, const char *code)
{
    storage *db = r->app->db;
    unsigned char key[TOTP_SECRET_BYTES];
    if (!db->field_key_set || !totp_secret_open(db->field_key, c->state.secret, &r->arena, key))
        return ERR_INTERNAL; /* a secret the server cannot open: never treat as valid */
    int64_t now_step = totp_step(r->now_ms / 1000);
    bool ok = totp_verify(key, sizeof key, now_step, c->state.last_step, code, &c->step);
    sodium_memzero(key, sizeof key);
    return ok ? ERR_OK : ERR_TOTP_INVALID;
}

schild_err api_login_second_factor(request *r, const user_row *u, const char *code,
                                   const char *recovery)
{
    second_factor_ctx c = {.r = r, .user_id = u->id};
    db_status st = storage_transact(r->app->db, TX_READ, load_totp, &c);
    if (st < 0)
        return storage_err(st);
    bool enabled = st == DB_ONE && c.state.enabled && c.state.secret;
    if (!enabled)
        return security_totp_required(&r->app->security, u->role) ? ERR_TOTP_NOT_ENROLLED : ERR_OK;
    if (!*code && !*recovery)
        return ERR_TOTP_REQUIRED;
    char hash[HASH_HEX_SIZE];
    if (*recovery) {
        if (!recovery_code_hash(recovery, hash))
            return ERR_TOTP_INVALID;
        c.hash = hash;
        c.use_recovery = true;
    } else {
        schild_err err = check_code(r, &c, code);
        if (err != ERR_OK)
            return err;
    }
    st = storage_transact(r->app->db, TX_WRITE, consume, &c);
    if (st < 0)
        return storage_err(st);
    return st == DB_ONE ? ERR_OK : ERR_TOTP_INVALID; /* used already, or a replay */
}

/* ---- Enrolment by a logged-in user ---- */

typedef struct enrol_ctx {
    request *r;
    totp_state state;
    totp_secret secret;
    char codes[RECOVERY_CODES][RECOVERY_CODE_SIZE];
    const char *hashes[RECOVERY_CODES];
    int64_t step;
    bool already;
} enrol_ctx;

static db_status store_pending(storage *s, void *arg)
{
    enrol_ctx *c = arg;
    db_status st = s->ops->totp_get(s, &c->r->arena, c->r->viewer.user_id, &c->state);
    if (st <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    if (c->state.enabled) {
        c->already = true;
        return DB_REFUSED;
    }
    if ((st = s->ops->totp_set(s, c->r->viewer.user_id, c->secret.sealed, false)) < 0)
        return st;
    audit_entry e = api_audit_entry(c->r, "session.totp_enrol", "user", c->r->viewer.user_id, "ok");
    return s->ops->audit_append(s, &e, 1);
}

void api_session_totp_enrol(request *r)
{
    storage *db = r->app->db;
    enrol_ctx c = {.r = r};
    if (!db->field_key_set ||
        !totp_secret_new(db->field_key, r->viewer.username, &r->arena, &c.secret)) {
        reply_problem(r, ERR_INTERNAL, NULL);
        return;
    }
    db_status st = storage_transact(db, TX_WRITE, store_pending, &c);
    if (st == DB_REFUSED)
        reply_problem(r, ERR_INVALID_TRANSITION,
                      "The second factor is enabled already; ask the administrator for a new "
                      "one (schild user reset-totp).");
    else if (st < 0)
        reply_storage_failure(r, st);
    else {
        json_t *body = json_object();
        json_object_set_new(body, "secret", json_string(c.secret.base32));
        json_object_set_new(body, "uri", json_string(c.secret.uri));
        reply_json(r, 200, body);
    }
    sodium_memzero(&c.secret, sizeof c.secret);
}

static db_status load_pending(storage *s, void *arg)
{
    enrol_ctx *c = arg;
    return s->ops->totp_get(s, &c->r->arena, c->r->viewer.user_id, &c->state);
}

static db_status enable(storage *s, void *arg)
{
    enrol_ctx *c = arg;
    int64_t uid = c->r->viewer.user_id;
    db_status st = s->ops->totp_enable(s, uid, c->step);
    if (st <= 0)
        return st < 0 ? st : DB_REFUSED; /* enabled meanwhile, or no longer pending */
    if ((st = s->ops->recovery_codes_replace(s, uid, c->hashes, RECOVERY_CODES)) < 0)
        return st;
    audit_entry e = api_audit_entry(c->r, "session.totp_confirm", "user", uid, "ok");
    return s->ops->audit_append(s, &e, 1);
}

static const field_spec confirm_fields[] = {
    {"code", FIELD_TEXT, true, 1, 16, NULL},
};

/* Whether the pending secret accepts code; replies itself when not. */
static bool pending_accepts(request *r, enrol_ctx *c, const char *code)
{
    db_status st = storage_transact(r->app->db, TX_READ, load_pending, c);
    if (st < 0) {
        reply_storage_failure(r, st);
        return false;
    }
    if (st != DB_ONE || c->state.enabled || !c->state.secret) {
        reply_problem(r, ERR_INVALID_TRANSITION,
                      "No second factor is waiting for confirmation: start with POST "
                      "/api/v1/session/totp.");
        return false;
    }
    second_factor_ctx s = {.r = r, .user_id = r->viewer.user_id, .state = c->state};
    schild_err err = check_code(r, &s, code);
    if (err == ERR_INTERNAL) {
        reply_problem(r, ERR_INTERNAL, NULL);
        return false;
    }
    if (err != ERR_OK) {
        reply_problem(r, ERR_VALIDATION_FAILED, "The code does not match; try the next one.");
        return false;
    }
    c->step = s.step;
    return true;
}

void api_session_totp_confirm(request *r)
{
    json_t *body;
    if (!api_body(r, &body))
        return;
    validation v;
    validation_init(&v);
    validation_check(&v, body, confirm_fields, 1, "");
    enrol_ctx c = {.r = r};
    if (api_valid(r, &v) && pending_accepts(r, &c, json_text(body, "code"))) {
        recovery_codes_new(c.codes, c.hashes, &r->arena);
        db_status st = storage_transact(r->app->db, TX_WRITE, enable, &c);
        if (st == DB_REFUSED)
            reply_problem(r, ERR_INVALID_TRANSITION, "The second factor is enabled already.");
        else if (st < 0)
            reply_storage_failure(r, st);
        else {
            json_t *codes = json_array();
            for (int i = 0; i < RECOVERY_CODES; i++)
                json_array_append_new(codes, json_string(c.codes[i]));
            json_t *out = json_object();
            json_object_set_new(out, "recovery_codes", codes);
            reply_json(r, 200, out);
        }
        sodium_memzero(c.codes, sizeof c.codes);
    }
    validation_clear(&v);
    json_decref(body);
}

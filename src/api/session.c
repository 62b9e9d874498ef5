/* session: log in, who am I, log out. Failed logins are throttled per username whether or not
 * the user exists, and unknown users cost the same Argon2id time, so neither the answer nor its
 * timing tells whether a username exists. */
#include "api/api.h"

#include "http/auth.h"

#include <semaphore.h>
#include <stdio.h>
#include <string.h>

enum {
    THROTTLE_MAX_FAILURES = 5,
    THROTTLE_WINDOW_SECONDS = 15 * 60,
    THROTTLE_LOCK_SECONDS = 15 * 60,
};

static const field_spec login_fields[] = {
    {"username", FIELD_TEXT, true, 1, MAX_USERNAME_LEN, NULL},
    {"password", FIELD_TEXT, true, 1, MAX_PASSWORD_LEN, NULL},
    {"totp", FIELD_TEXT, false, 1, 16, NULL},          /* the second factor's code */
    {"recovery_code", FIELD_TEXT, false, 1, 64, NULL}, /* or one of its recovery codes */
};

typedef struct login_ctx {
    request *r;
    const char *username;
    int64_t now;
    user_row user;
    bool user_found;
    login_throttle throttle;
    bool success;
    unsigned char token_hash[TOKEN_HASH_BYTES];
    const char *org_name;
} login_ctx;

static db_status load_user(storage *s, void *arg)
{
    login_ctx *c = arg;
    db_status st = s->ops->throttle_get(s, c->username, &c->throttle);
    if (st < 0)
        return st;
    st = s->ops->user_by_username(s, &c->r->arena, c->username, &c->user);
    if (st < 0)
        return st;
    c->user_found = st == DB_ONE && c->user.active;
    if (c->user_found) {
        org_row org;
        st = s->ops->org_get(s, &c->r->arena, c->user.org, &org);
        if (st < 0)
            return st;
        c->org_name = st == DB_ONE ? org.name : NULL;
    }
    return DB_ONE;
}

static audit_entry login_audit(login_ctx *c, const char *outcome)
{
    audit_entry e = api_audit_entry(c->r, "session.login", "user", 0, outcome);
    e.username = c->username;
    e.org = c->user_found ? c->user.org : "";
    e.role = c->user_found ? role_name(c->user.role) : "";
    e.object_id = c->user_found ? arena_printf(&c->r->arena, "%lld", (long long)c->user.id) : "";
    return e;
}

static db_status record_outcome(storage *s, void *arg)
{
    login_ctx *c = arg;
    login_throttle t;
    db_status st = s->ops->throttle_get(s, c->username, &t);
    if (st < 0)
        return st;
    if (c->success) {
        t = (login_throttle){0};
        st = s->ops->session_insert(s, c->token_hash, c->user.id, c->now,
                                    c->now + c->r->app->config.session_max_seconds);
        if (st < 0)
            return st;
    } else {
        if (c->now - t.window_start > THROTTLE_WINDOW_SECONDS) {
            t.window_start = c->now;
            t.failures = 0;
        }
        if (++t.failures >= THROTTLE_MAX_FAILURES)
            t.locked_until = c->now + THROTTLE_LOCK_SECONDS;
    }
    if ((st = s->ops->throttle_put(s, c->username, &t)) < 0)
        return st;
    audit_entry e = login_audit(c, c->success ? "ok" : "failed");
    return s->ops->audit_append(s, &e, 1);
}

/* break_glass: the viewer's live break-glass grants (GET only; NULL leaves the key out). */
static void reply_session(request *r, const char *token, const char *org_name, json_t *break_glass)
{
    char csrf[TOKEN_TEXT_SIZE];
    csrf_for_session(token, csrf);
    json_t *body = json_object();
    json_object_set_new(body, "csrf_token", json_string(csrf));
    json_object_set_new(body, "user", viewer_to_json(&r->viewer, org_name));
    if (break_glass)
        json_object_set_new(body, "break_glass", break_glass);
    reply_json(r, 200, body);
}

static bool verify_password(request *r, login_ctx *c, const char *password)
{
    sem_wait(&r->app->password_slots);
    bool ok = false;
    if (c->user_found)
        ok = password_verify(c->user.password_hash, password);
    else
        password_burn(password);
    sem_post(&r->app->password_slots);
    return ok;
}

static void refuse_locked(request *r, login_ctx *c)
{
    audit_entry e = login_audit(c, "throttled");
    char retry[24];
    snprintf(retry, sizeof retry, "%lld", (long long)(c->throttle.locked_until - c->now));
    reply_problem(r, ERR_TOO_MANY_REQUESTS, "Too many failed attempts; try again later.");
    reply_header(r, "Retry-After", retry);
    api_audit_before_reply(r, &e);
}

void api_session_create(request *r)
{
    json_t *body;
    if (!api_body(r, &body))
        return;
    validation v;
    validation_init(&v);
    validation_check(&v, body, login_fields, sizeof login_fields / sizeof login_fields[0], "");
    if (api_valid(r, &v)) {
        login_ctx c = {.r = r, .now = r->now_ms / 1000};
        c.username = arena_strdup(&r->arena, json_text(body, "username"));
        db_status st = storage_transact(r->app->db, TX_READ, load_user, &c);
        if (st < 0) {
            reply_storage_failure(r, st);
        } else if (c.throttle.locked_until > c.now) {
            refuse_locked(r, &c);
        } else {
            c.success = verify_password(r, &c, json_text(body, "password"));
            /* only after the right password, so the answer tells nothing to a guesser; its
             * failures count for the throttle like a wrong password */
            schild_err second = ERR_OK;
            if (c.success) {
                second = api_login_second_factor(r, &c.user, json_text(body, "totp"),
                                                 json_text(body, "recovery_code"));
                c.success = second == ERR_OK;
            }
            char token[TOKEN_TEXT_SIZE];
            token_new(token);
            token_hash(token, "schild-session-v1", c.token_hash);
            st = storage_transact(r->app->db, TX_WRITE, record_outcome, &c);
            if (st < 0) {
                reply_storage_failure(r, st);
            } else if (!c.success && second != ERR_OK) {
                reply_problem(r, second,
                              second == ERR_TOTP_NOT_ENROLLED
                                  ? "Ask the administrator to set up your second factor "
                                    "(schild user reset-totp)."
                                  : NULL);
            } else if (!c.success) {
                reply_problem(r, ERR_UNAUTHENTICATED, "Unknown username or wrong password.");
            } else {
                r->viewer = (viewer){c.user.id,   c.user.username, c.user.display_name,
                                     c.user.role, c.user.org,      c.now};
                r->authenticated = true;
                char cookie[256];
                auth_cookie(r, token, cookie, sizeof cookie);
                reply_session(r, token, c.org_name, NULL);
                reply_header(r, "Set-Cookie", cookie);
            }
            memset(token, 0, sizeof token);
        }
    }
    validation_clear(&v);
    json_decref(body);
}

typedef struct org_name_ctx {
    request *r;
    const char *name;
} org_name_ctx;

static db_status load_org_name(storage *s, void *arg)
{
    org_name_ctx *c = arg;
    org_row org;
    db_status st = s->ops->org_get(s, &c->r->arena, c->r->viewer.org, &org);
    if (st == DB_ONE)
        c->name = org.name;
    return st;
}

void api_session_get(request *r)
{
    org_name_ctx c = {r, NULL};
    db_status st = storage_transact(r->app->db, TX_READ, load_org_name, &c);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    json_t *grants = break_glass_of_viewer(r); /* the banner on every page */
    if (!grants)
        return;
    reply_session(r, r->session_token, c.name, grants);
}

static db_status delete_session(storage *s, void *arg)
{
    request *r = arg;
    db_status st = s->ops->session_delete(s, r->session_hash);
    if (st < 0)
        return st;
    audit_entry e = api_audit_entry(r, "session.logout", "user", r->viewer.user_id, "ok");
    return s->ops->audit_append(s, &e, 1);
}

void api_session_delete(request *r)
{
    db_status st = storage_transact(r->app->db, TX_WRITE, delete_session, r);
    session_cache_forget(r->app->sessions, r->session_hash);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    char cookie[256];
    auth_cookie(r, NULL, cookie, sizeof cookie);
    reply_empty(r, 204);
    reply_header(r, "Set-Cookie", cookie);
}

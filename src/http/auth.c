/* auth: session cookies. The token is random, stored only as a hash, and bound to an idle and an
 * absolute lifetime; the CSRF token is derived from it, so nothing else is stored. */
#include "http/auth.h"

#include "http/server.h"

#include <microhttpd.h>
#include <stdio.h>
#include <string.h>

enum { SESSION_TOUCH_AFTER_SECONDS = 60 };

typedef struct lookup_ctx {
    request *r;
    int64_t now;
    int64_t last_seen;
} lookup_ctx;

static db_status lookup_body(storage *s, void *arg)
{
    lookup_ctx *c = arg;
    return s->ops->session_lookup(s, &c->r->arena, c->r->session_hash, c->now,
                                  c->r->app->config.session_idle_seconds, &c->r->viewer,
                                  &c->last_seen);
}

static db_status touch_body(storage *s, void *arg)
{
    lookup_ctx *c = arg;
    return s->ops->session_touch(s, c->r->session_hash, c->now);
}

static bool token_syntax_ok(const char *t)
{
    if (strlen(t) != TOKEN_TEXT_SIZE - 1)
        return false;
    for (const char *p = t; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '-' || *p == '_'))
            return false;
    return true;
}

schild_err auth_authenticate(request *r)
{
    const char *cookie = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, "schild_session");
    const char *bearer = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Authorization");
    if (bearer) /* a partner system (http/auth_token.c); a cookie as well is ambiguous: 400 */
        return cookie ? ERR_BAD_REQUEST : auth_token_authenticate(r, bearer);
    if (!cookie || !token_syntax_ok(cookie))
        return ERR_UNAUTHENTICATED;
    snprintf(r->session_token, sizeof r->session_token, "%s", cookie);
    token_hash(r->session_token, "schild-session-v1", r->session_hash);
    if (session_cache_get(r->app->sessions, r->session_hash, r->now_ms, &r->arena, &r->viewer)) {
        r->viewer.now = r->now_ms / 1000; /* break-glass grants count until the request's time */
        r->authenticated = true;
        r->via_cookie = true;
        return ERR_OK;
    }
    lookup_ctx ctx = {r, r->now_ms / 1000, 0};
    db_status st = storage_transact(r->app->db, TX_READ, lookup_body, &ctx);
    if (st < 0)
        return st == DB_SOFT_ERROR ? ERR_UNAVAILABLE : ERR_INTERNAL;
    if (st == DB_NONE)
        return ERR_UNAUTHENTICATED;
    if (ctx.now - ctx.last_seen > SESSION_TOUCH_AFTER_SECONDS)
        (void)storage_transact(r->app->db, TX_WRITE, touch_body, &ctx);
    session_cache_put(r->app->sessions, r->session_hash, r->now_ms, &r->viewer);
    r->viewer.now = r->now_ms / 1000; /* break-glass grants count until the request's time */
    r->authenticated = true;
    r->via_cookie = true;
    return ERR_OK;
}

schild_err auth_check_csrf(request *r)
{
    if (!r->via_cookie)
        return ERR_OK;
    const char *sent = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-CSRF-Token");
    char expected[TOKEN_TEXT_SIZE];
    csrf_for_session(r->session_token, expected);
    if (!sent || !token_equal(sent, expected))
        return ERR_CSRF_FAILED;
    return ERR_OK;
}

void auth_cookie(request *r, const char *token, char *out, size_t size)
{
    const char *secure = r->app->config.secure_cookies ? "; Secure" : "";
    if (token)
        snprintf(out, size, "schild_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%lld%s",
                 token, (long long)r->app->config.session_max_seconds, secure);
    else
        snprintf(out, size, "schild_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
                 secure);
}

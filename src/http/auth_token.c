/* auth_token: API tokens of partner systems (docs/SECURITY.md, "API tokens for partner systems").
 * The token is looked up by its BLAKE2b hash, never stored or logged itself; the viewer is the
 * token's service user, so need-to-know and the audit trail treat it as that referrer. Tokens
 * are not cached: a revocation holds from the next request on. */
#include "http/auth.h"

#include "http/router.h"
#include "http/server.h"
#include "util/second_factor.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

enum { TOKEN_TOUCH_AFTER_SECONDS = 60 };

bool auth_bearer_token(const char *header, char *out, size_t out_size)
{
    static const char scheme[] = "Bearer ";
    size_t n = sizeof scheme - 1;
    if (strncasecmp(header, scheme, n) != 0)
        return false;
    const char *token = header + n;
    size_t len = strlen(token);
    if (len == 0 || len >= out_size || strchr(token, ' '))
        return false;
    memcpy(out, token, len + 1);
    return true;
}

unsigned auth_token_scopes(const char *list)
{
    unsigned bits = 0;
    const char *p = list;
    while (*p) {
        size_t len = strcspn(p, ",");
        if (len == 8 && strncmp(p, "referral", 8) == 0)
            bits |= AUTH_TOKEN_REFERRAL;
        else if (len == 7 && strncmp(p, "signals", 7) == 0)
            bits |= AUTH_TOKEN_SIGNALS;
        else
            return 0;
        p += len;
        if (*p == ',' && *++p == '\0')
            return 0; /* a trailing comma */
    }
    return bits;
}

typedef struct token_ctx {
    request *r;
    char hash[HASH_HEX_SIZE];
    api_token_row token;
} token_ctx;

static db_status lookup_token(storage *s, void *arg)
{
    token_ctx *c = arg;
    return s->ops->api_token_lookup(s, &c->r->arena, c->hash, c->r->now_ms / 1000, &c->token,
                                    &c->r->viewer);
}

static db_status touch_token(storage *s, void *arg)
{
    token_ctx *c = arg;
    return s->ops->api_token_touch(s, c->token.id, c->r->now_ms / 1000);
}

schild_err auth_token_authenticate(request *r, const char *header)
{
    token_ctx c = {.r = r};
    char token[API_TOKEN_TEXT_SIZE + 1];
    bool shaped = auth_bearer_token(header, token, sizeof token) && api_token_hash(token, c.hash);
    sodium_memzero(token, sizeof token);
    if (!shaped)
        return ERR_TOKEN_INVALID;
    db_status st = storage_transact(r->app->db, TX_READ, lookup_token, &c);
    if (st < 0)
        return st == DB_SOFT_ERROR ? ERR_UNAVAILABLE : ERR_INTERNAL;
    unsigned scopes = st == DB_ONE ? auth_token_scopes(c.token.scopes) : 0;
    if (scopes == 0)
        return ERR_TOKEN_INVALID;
    int64_t now = r->now_ms / 1000;
    if (now - c.token.last_used_at > TOKEN_TOUCH_AFTER_SECONDS)
        (void)storage_transact(r->app->db, TX_WRITE, touch_token, &c);
    r->viewer.now = now;
    r->authenticated = true;
    r->via_token = true;
    r->token_scopes = scopes;
    return ERR_OK;
}

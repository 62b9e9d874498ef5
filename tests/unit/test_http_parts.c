/* Small HTTP-side parts with rules of their own: percent-decoding never lets a NUL cut a path,
 * and the session cache answers only within its lifetime, only for the exact token hash, and
 * forgets a session at once. */
#include "check.h"
#include "http/session_cache.h"
#include "http/url.h"

static void percent_decoding_keeps_nul_escapes_literal(void)
{
    char a[] = "/api/v1/cases/1%00x";
    CHECK(url_unescape(a) == strlen("/api/v1/cases/1%00x"));
    CHECK_STR(a, "/api/v1/cases/1%00x");
    char b[] = "referred%27%20OR%201%3D1";
    url_unescape(b);
    CHECK_STR(b, "referred' OR 1=1");
    char c[] = "%zz%4%";
    url_unescape(c);
    CHECK_STR(c, "%zz%4%");
    char d[] = "%2e%2E%2f";
    url_unescape(d);
    CHECK_STR(d, "../");
}

static void the_session_cache_answers_within_its_lifetime_only(void)
{
    session_cache *c = session_cache_new();
    arena a;
    arena_init(&a, 1 << 16);
    unsigned char h[32], other[32];
    memset(h, 7, sizeof h);
    memset(other, 7, sizeof other);
    other[31] = 8; /* same slot, different token */
    viewer v = {42, "triage1", "Sanne Jansen", ROLE_TRIAGE, "nctv", 0}, out;
    session_cache_put(c, h, 1000, &v);
    CHECK(session_cache_get(c, h, 1000 + SESSION_CACHE_TTL_MS - 1, &a, &out));
    CHECK(out.user_id == 42 && out.role == ROLE_TRIAGE);
    CHECK_STR(out.username, "triage1");
    CHECK_STR(out.org, "nctv");
    CHECK(!session_cache_get(c, h, 1000 + SESSION_CACHE_TTL_MS, &a, &out));
    CHECK(!session_cache_get(c, other, 1001, &a, &out));
    session_cache_forget(c, h);
    CHECK(!session_cache_get(c, h, 1001, &a, &out));
    arena_clear(&a);
    session_cache_free(c);
}

int main(void)
{
    RUN(percent_decoding_keeps_nul_escapes_literal);
    RUN(the_session_cache_answers_within_its_lifetime_only);
    return check_summary();
}

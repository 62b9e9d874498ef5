/* The second factor's arithmetic against the standards' own vectors: SHA-1 (FIPS 180 / RFC 3174),
 * HMAC-SHA-1 (RFC 2202), TOTP (RFC 6238 appendix B, SHA-1), base32 (RFC 4648 section 10), and the
 * window and replay rule of totp_verify. */
#include "check.h"

#include "core/totp.h"

#include <stdio.h>

static void hex(const unsigned char *b, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", b[i]);
}

static const char *sha1_hex(const char *msg, size_t len)
{
    static char out[2 * SHA1_BYTES + 1];
    unsigned char d[SHA1_BYTES];
    sha1((const unsigned char *)msg, len, d);
    hex(d, SHA1_BYTES, out);
    return out;
}

static void sha1_matches_the_fips_180_vectors(void)
{
    CHECK_STR(sha1_hex("abc", 3), "a9993e364706816aba3e25717850c26c9cd0d89d");
    CHECK_STR(sha1_hex("", 0), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    CHECK_STR(sha1_hex(two, strlen(two)), "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    static char million[1000000];
    memset(million, 'a', sizeof million);
    CHECK_STR(sha1_hex(million, sizeof million), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

static const char *hmac_hex(const unsigned char *key, size_t klen, const char *msg, size_t mlen)
{
    static char out[2 * SHA1_BYTES + 1];
    unsigned char d[SHA1_BYTES];
    hmac_sha1(key, klen, (const unsigned char *)msg, mlen, d);
    hex(d, SHA1_BYTES, out);
    return out;
}

static void hmac_sha1_matches_rfc_2202(void)
{
    unsigned char k1[20], k3[20], k6[80];
    memset(k1, 0x0b, sizeof k1);
    memset(k3, 0xaa, sizeof k3);
    memset(k6, 0xaa, sizeof k6);
    CHECK_STR(hmac_hex(k1, 20, "Hi There", 8), "b617318655057264e28bc0b6fb378c8ef146be00");
    CHECK_STR(hmac_hex((const unsigned char *)"Jefe", 4, "what do ya want for nothing?", 28),
              "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    char dd[50];
    memset(dd, 0xdd, sizeof dd);
    CHECK_STR(hmac_hex(k3, 20, dd, 50), "125d7342b9ac11cd91a39af48aa17b4f63f175d3");
    /* a key longer than the block is hashed first */
    const char *m6 = "Test Using Larger Than Block-Size Key - Hash Key First";
    CHECK_STR(hmac_hex(k6, 80, m6, strlen(m6)), "aa4ae5e15272d00e95705637ce8a3b55ed402112");
}

static void totp_matches_rfc_6238_sha1_vectors(void)
{
    const unsigned char *key = (const unsigned char *)"12345678901234567890";
    static const struct {
        int64_t t;
        uint32_t code; /* the last six of the RFC's eight digits */
    } v[] = {{59, 287082},       {1111111109, 81804},  {1111111111, 50471},
             {1234567890, 5924}, {2000000000, 279037}, {20000000000, 353130}};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        CHECK(totp_code(key, 20, totp_step(v[i].t)) == v[i].code);
    CHECK(totp_step(59) == 1 && totp_step(60) == 2);
}

static void verify_accepts_one_step_either_side_and_never_a_step_twice(void)
{
    const unsigned char *key = (const unsigned char *)"12345678901234567890";
    int64_t now = totp_step(1111111111), got = 0;
    char code[8];
    for (int d = -1; d <= 1; d++) {
        snprintf(code, sizeof code, "%06u", totp_code(key, 20, now + d));
        CHECK(totp_verify(key, 20, now, 0, code, &got) && got == now + d);
        /* the same step, or any earlier one, is a replay */
        CHECK(!totp_verify(key, 20, now, now + d, code, &got));
    }
    snprintf(code, sizeof code, "%06u", totp_code(key, 20, now - 2));
    CHECK(!totp_verify(key, 20, now, 0, code, &got));
    snprintf(code, sizeof code, "%06u", totp_code(key, 20, now + 2));
    CHECK(!totp_verify(key, 20, now, 0, code, &got));
    snprintf(code, sizeof code, "%06u", totp_code(key, 20, now));
    CHECK(totp_verify(key, 20, now, now - 1, code, &got));
    CHECK(!totp_verify(key, 20, now, 0, "", &got));
    CHECK(!totp_verify(key, 20, now, 0, "12345", &got));
    CHECK(!totp_verify(key, 20, now, 0, "1234567", &got));
    CHECK(!totp_verify(key, 20, now, 0, "12a456", &got));
    CHECK(!totp_verify(key, 20, now, 0, NULL, &got));
}

static void base32_matches_rfc_4648(void)
{
    static const char *plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    static const char *coded[] = {"", "MY", "MZXQ", "MZXW6", "MZXW6YQ", "MZXW6YTB", "MZXW6YTBOI"};
    for (size_t i = 0; i < 7; i++) {
        char out[32];
        unsigned char back[16];
        CHECK(base32_encode((const unsigned char *)plain[i], strlen(plain[i]), out, sizeof out));
        CHECK_STR(out, coded[i]);
        long n = base32_decode(coded[i], back, sizeof back);
        CHECK(n == (long)strlen(plain[i]) && memcmp(back, plain[i], (size_t)n) == 0);
    }
    unsigned char back[16];
    CHECK(base32_decode("mzxw6ytboi======", back, sizeof back) == 6);
    CHECK(base32_decode("MZXW 6YTB OI", back, sizeof back) == 6);
    CHECK(base32_decode("MZ1W", back, sizeof back) == -1);
    CHECK(base32_decode("MZXW6YTBOI", back, 3) == -1);
    char small[4];
    CHECK(!base32_encode((const unsigned char *)"foobar", 6, small, sizeof small));
    unsigned char key[TOTP_SECRET_BYTES] = {1, 2, 3, 250};
    char text[TOTP_BASE32_SIZE];
    CHECK(base32_encode(key, sizeof key, text, sizeof text) && strlen(text) == 32);
}

int main(void)
{
    RUN(sha1_matches_the_fips_180_vectors);
    RUN(hmac_sha1_matches_rfc_2202);
    RUN(totp_matches_rfc_6238_sha1_vectors);
    RUN(verify_accepts_one_step_either_side_and_never_a_step_twice);
    RUN(base32_matches_rfc_4648);
    return check_summary();
}

/* secret: libsodium wrappers. Argon2id verification is limited to two at a time by the server
 * (app.password_slots), as each takes 19 MiB. */
#include "util/secret.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

static char dummy_hash[PASSWORD_HASH_SIZE];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

bool secret_init(void)
{
    return sodium_init() >= 0;
}

void token_new(char out[TOKEN_TEXT_SIZE])
{
    unsigned char raw[TOKEN_BYTES];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out, TOKEN_TEXT_SIZE, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
}

void token_hash(const char *token, const char *domain, unsigned char out[TOKEN_HASH_BYTES])
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, TOKEN_HASH_BYTES);
    crypto_generichash_update(&st, (const unsigned char *)domain, strlen(domain) + 1);
    crypto_generichash_update(&st, (const unsigned char *)token, strlen(token));
    crypto_generichash_final(&st, out, TOKEN_HASH_BYTES);
}

void csrf_for_session(const char *session_token, char out[TOKEN_TEXT_SIZE])
{
    unsigned char h[TOKEN_HASH_BYTES];
    token_hash(session_token, "schild-csrf-v1", h);
    sodium_bin2base64(out, TOKEN_TEXT_SIZE, h, sizeof h, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

bool token_equal(const char *a, const char *b)
{
    size_t n = strlen(a);
    if (n != strlen(b))
        return false;
    return sodium_memcmp(a, b, n) == 0;
}

/* Argon2id with OWASP's first recommended setting (m = 19 MiB, t = 2, p = 1): strong enough for
 * a password that is also behind login throttling, and it keeps the server's peak memory within
 * its budget while two logins hash at once. Stored hashes carry their own parameters. */
enum { PASSWORD_OPSLIMIT = 2, PASSWORD_MEMLIMIT = 19 * 1024 * 1024 };

bool password_hash(const char *password, char out[PASSWORD_HASH_SIZE])
{
    return crypto_pwhash_str_alg(out, password, strlen(password), PASSWORD_OPSLIMIT,
                                 PASSWORD_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13) == 0;
}

bool password_verify(const char *hash, const char *password)
{
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

static void make_dummy(void)
{
    char pw[TOKEN_TEXT_SIZE];
    token_new(pw);
    if (!password_hash(pw, dummy_hash))
        dummy_hash[0] = '\0';
}

void password_burn(const char *password)
{
    pthread_once(&dummy_once, make_dummy);
    if (dummy_hash[0])
        (void)password_verify(dummy_hash, password);
}

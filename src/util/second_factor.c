/* second_factor: making and hashing the second factor's secrets and API tokens. */
#include "util/second_factor.h"

#include "util/seal.h"
#include "util/secret.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* base32's lowercase alphabet without padding: no 0/1/8/9 to confuse with letters. */
static const char CODE_ALPHABET[] = "abcdefghijklmnopqrstuvwxyz234567";
enum { CODE_CHARS = 16, API_TOKEN_PREFIX_LEN = 7 };

static void hex_of(const unsigned char hash[TOKEN_HASH_BYTES], char hex[HASH_HEX_SIZE])
{
    sodium_bin2hex(hex, HASH_HEX_SIZE, hash, TOKEN_HASH_BYTES);
}

bool totp_secret_new(const unsigned char field_key[32], const char *username, arena *a,
                     totp_secret *out)
{
    randombytes_buf(out->key, sizeof out->key);
    if (!base32_encode(out->key, sizeof out->key, out->base32, sizeof out->base32) ||
        !seal_text(field_key, TOTP_SECRET_FIELD, out->base32, a, &out->sealed))
        return false;
    /* usernames are a-z 0-9 . _ - only (validate.c), so the label needs no escaping */
    out->uri = arena_printf(
        a, "otpauth://totp/Schild:%s?secret=%s&issuer=Schild&algorithm=SHA1&digits=6&period=30",
        username, out->base32);
    return out->uri != NULL;
}

bool totp_secret_open(const unsigned char field_key[32], const char *sealed, arena *a,
                      unsigned char key[TOTP_SECRET_BYTES])
{
    const char *text;
    if (!sealed || !unseal_text(field_key, TOTP_SECRET_FIELD, sealed, a, &text))
        return false;
    return base32_decode(text, key, TOTP_SECRET_BYTES) == TOTP_SECRET_BYTES;
}

static void code_hash_hex(const char *normalised, char hex[HASH_HEX_SIZE])
{
    unsigned char h[TOKEN_HASH_BYTES];
    token_hash(normalised, "schild-recovery-v1", h);
    hex_of(h, hex);
}

void recovery_codes_new(char codes[RECOVERY_CODES][RECOVERY_CODE_SIZE], const char **hashes,
                        arena *a)
{
    for (int i = 0; i < RECOVERY_CODES; i++) {
        char plain[CODE_CHARS + 1];
        for (int j = 0; j < CODE_CHARS; j++)
            plain[j] = CODE_ALPHABET[randombytes_uniform(32)];
        plain[CODE_CHARS] = '\0';
        snprintf(codes[i], RECOVERY_CODE_SIZE, "%.4s-%.4s-%.4s-%.4s", plain, plain + 4, plain + 8,
                 plain + 12);
        char hex[HASH_HEX_SIZE];
        code_hash_hex(plain, hex);
        hashes[i] = arena_strdup(a, hex);
    }
}

bool recovery_code_hash(const char *typed, char hex[HASH_HEX_SIZE])
{
    char plain[CODE_CHARS + 1];
    size_t n = 0;
    for (const char *p = typed; *p; p++) {
        if (*p == '-' || *p == ' ')
            continue;
        char ch = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
        if (!strchr(CODE_ALPHABET, ch) || ch == '\0' || n == CODE_CHARS)
            return false;
        plain[n++] = ch;
    }
    if (n != CODE_CHARS)
        return false;
    plain[n] = '\0';
    code_hash_hex(plain, hex);
    return true;
}

static void api_hash_hex(const char *token, char hex[HASH_HEX_SIZE])
{
    unsigned char h[TOKEN_HASH_BYTES];
    token_hash(token, "schild-api-token-v1", h);
    hex_of(h, hex);
}

void api_token_new(char token[API_TOKEN_TEXT_SIZE], char hex[HASH_HEX_SIZE])
{
    char raw[TOKEN_TEXT_SIZE];
    token_new(raw);
    snprintf(token, API_TOKEN_TEXT_SIZE, "schild_%s", raw);
    sodium_memzero(raw, sizeof raw);
    api_hash_hex(token, hex);
}

bool api_token_hash(const char *token, char hex[HASH_HEX_SIZE])
{
    if (strlen(token) != API_TOKEN_TEXT_SIZE - 1 || strncmp(token, "schild_", 7) != 0)
        return false;
    for (const char *p = token + API_TOKEN_PREFIX_LEN; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '-' || *p == '_'))
            return false;
    api_hash_hex(token, hex);
    return true;
}

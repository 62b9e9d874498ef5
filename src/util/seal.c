/* seal: XChaCha20-Poly1305 for the most sensitive text fields (util/seal.h, docs/SECURITY.md). */
#include "util/seal.h"

#include <sodium.h>
#include <string.h>

#define SEAL_PREFIX "sealed:v1:"

enum {
    SEAL_PREFIX_LEN = sizeof SEAL_PREFIX - 1,
    SEAL_NONCE_BYTES = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
    SEAL_TAG_BYTES = crypto_aead_xchacha20poly1305_ietf_ABYTES,
    SEAL_B64 = sodium_base64_VARIANT_URLSAFE_NO_PADDING,
};

bool seal_is_sealed(const char *s)
{
    return s && strncmp(s, SEAL_PREFIX, SEAL_PREFIX_LEN) == 0;
}

bool seal_text(const unsigned char key[32], const char *field, const char *plain, arena *a,
               const char **out)
{
    size_t plain_len = strlen(plain);
    size_t raw_len = SEAL_NONCE_BYTES + plain_len + SEAL_TAG_BYTES;
    unsigned char *raw = arena_alloc(a, raw_len);
    size_t b64_size = sodium_base64_ENCODED_LEN(raw_len, SEAL_B64);
    char *text = arena_alloc(a, SEAL_PREFIX_LEN + b64_size);
    if (!raw || !text)
        return false;
    /* A fresh random nonce per value: XChaCha20's 192-bit nonce makes collisions negligible. */
    randombytes_buf(raw, SEAL_NONCE_BYTES);
    unsigned long long ct_len = 0;
    if (crypto_aead_xchacha20poly1305_ietf_encrypt(
            raw + SEAL_NONCE_BYTES, &ct_len, (const unsigned char *)plain, plain_len,
            (const unsigned char *)field, strlen(field), NULL, raw, key) != 0)
        return false;
    memcpy(text, SEAL_PREFIX, SEAL_PREFIX_LEN);
    sodium_bin2base64(text + SEAL_PREFIX_LEN, b64_size, raw, SEAL_NONCE_BYTES + ct_len, SEAL_B64);
    *out = text;
    return true;
}

bool unseal_text(const unsigned char key[32], const char *field, const char *sealed, arena *a,
                 const char **out)
{
    if (!seal_is_sealed(sealed))
        return false;
    const char *b64 = sealed + SEAL_PREFIX_LEN;
    size_t b64_len = strlen(b64);
    size_t raw_cap = b64_len / 4 * 3 + 3;
    unsigned char *raw = arena_alloc(a, raw_cap);
    if (!raw)
        return false;
    size_t raw_len = 0;
    if (sodium_base642bin(raw, raw_cap, b64, b64_len, NULL, &raw_len, NULL, SEAL_B64) != 0 ||
        raw_len < SEAL_NONCE_BYTES + SEAL_TAG_BYTES)
        return false;
    unsigned char *plain = arena_alloc(a, raw_len - SEAL_NONCE_BYTES - SEAL_TAG_BYTES + 1);
    if (!plain)
        return false;
    unsigned long long plain_len = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            plain, &plain_len, NULL, raw + SEAL_NONCE_BYTES, raw_len - SEAL_NONCE_BYTES,
            (const unsigned char *)field, strlen(field), raw, key) != 0)
        return false;
    /* Text fields hold no NUL; a value with one inside would be cut short, so refuse it. */
    if (memchr(plain, '\0', plain_len))
        return false;
    plain[plain_len] = '\0';
    *out = (const char *)plain;
    return true;
}

/* audit_checkpoint: the message is plain text with a version tag, so that an inspector can
 * rebuild it byte for byte in any language, and a signature for one purpose can never be read
 * as one for another. */
#include "core/audit_checkpoint.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static bool is_hash_hex(const char *s)
{
    unsigned char ignored[AUDIT_HASH_BYTES];
    return s && audit_unhex(s, ignored);
}

size_t checkpoint_message(int64_t seq, const char *hash_hex, const char *signed_at, char *out,
                          size_t out_size)
{
    if (seq < 1 || !is_hash_hex(hash_hex) || !signed_at || strchr(signed_at, '\n'))
        return 0;
    int n = snprintf(out, out_size, "schild-audit-checkpoint-v1\n%lld\n%s\n%s\n", (long long)seq,
                     hash_hex, signed_at);
    return n > 0 && (size_t)n < out_size ? (size_t)n : 0;
}

void checkpoint_hex(const unsigned char *bin, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[bin[i] >> 4];
        out[2 * i + 1] = digits[bin[i] & 15];
    }
    out[2 * n] = '\0';
}

bool checkpoint_sign(const unsigned char sk[64], int64_t seq, const char *hash_hex,
                     const char *signed_at, char signature_hex[CHECKPOINT_SIGNATURE_HEX])
{
    char msg[CHECKPOINT_MESSAGE_SIZE];
    size_t n = checkpoint_message(seq, hash_hex, signed_at, msg, sizeof msg);
    unsigned char sig[crypto_sign_BYTES];
    if (n == 0 || crypto_sign_detached(sig, NULL, (const unsigned char *)msg, n, sk) != 0)
        return false;
    checkpoint_hex(sig, sizeof sig, signature_hex);
    return true;
}

/* Exactly 2n lowercase hex digits, as checkpoint_hex writes them. */
static bool unhex_exact(const char *hex, unsigned char *out, size_t n)
{
    if (!hex || strlen(hex) != 2 * n)
        return false;
    for (size_t i = 0; i < 2 * n; i++)
        if (!((hex[i] >= '0' && hex[i] <= '9') || (hex[i] >= 'a' && hex[i] <= 'f')))
            return false;
    return sodium_hex2bin(out, n, hex, 2 * n, NULL, NULL, NULL) == 0;
}

bool checkpoint_verify(const unsigned char pk[32], int64_t seq, const char *hash_hex,
                       const char *signed_at, const char *signature_hex)
{
    char msg[CHECKPOINT_MESSAGE_SIZE];
    size_t n = checkpoint_message(seq, hash_hex, signed_at, msg, sizeof msg);
    unsigned char sig[crypto_sign_BYTES];
    if (n == 0 || !unhex_exact(signature_hex, sig, sizeof sig))
        return false;
    return crypto_sign_verify_detached(sig, (const unsigned char *)msg, n, pk) == 0;
}

/* audit_checkpoint: the signed checkpoint over the audit chain (docs/AUDIT.md). Pure computation
 * (libsodium's Ed25519) shared by the server that signs and the offline verifier that checks. */
#ifndef SCHILD_AUDIT_CHECKPOINT_H
#define SCHILD_AUDIT_CHECKPOINT_H

#include "core/audit_chain.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    CHECKPOINT_PUBLIC_HEX = 65,     /* 32 bytes as hex + NUL */
    CHECKPOINT_SIGNATURE_HEX = 129, /* 64 bytes as hex + NUL */
    CHECKPOINT_MESSAGE_SIZE = 160,
};

/* The signed bytes: "schild-audit-checkpoint-v1\n<seq>\n<hash>\n<signed_at>\n" (seq in decimal,
 * hash as 64 lowercase hex digits). Answers the length, or 0 when it does not fit. */
size_t checkpoint_message(int64_t seq, const char *hash_hex, const char *signed_at, char *out,
                          size_t out_size);

/* Signs the message of (seq, hash_hex, signed_at) with sk; the signature as lowercase hex. */
bool checkpoint_sign(const unsigned char sk[64], int64_t seq, const char *hash_hex,
                     const char *signed_at, char signature_hex[CHECKPOINT_SIGNATURE_HEX]);

/* Whether signature_hex (128 hex digits) is pk's signature of (seq, hash_hex, signed_at). */
bool checkpoint_verify(const unsigned char pk[32], int64_t seq, const char *hash_hex,
                       const char *signed_at, const char *signature_hex);

/* Lowercase hex of n bytes into out (2n + 1 bytes). */
void checkpoint_hex(const unsigned char *bin, size_t n, char *out);

#endif

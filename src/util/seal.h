/* seal: encryption at rest of the most sensitive text fields (docs/SECURITY.md): informant and
 * intelligence-service signal text today, care and health notes when they arrive. XChaCha20-
 * Poly1305 (libsodium) under the field key from the key directory (util/keys.h), a fresh random
 * nonce per value, the field's name as associated data (so a sealed value cannot be moved to
 * another field). A sealed value is text: "sealed:v1:" + base64url(nonce || ciphertext). */
#ifndef SCHILD_SEAL_H
#define SCHILD_SEAL_H

#include "core/arena.h"

#include <stdbool.h>

/* Whether s is a sealed value (starts with "sealed:v1:"). */
bool seal_is_sealed(const char *s);

/* Seals plain (NUL-terminated) for field (e.g. "signals.text"); *out in a. False on failure. */
bool seal_text(const unsigned char key[32], const char *field, const char *plain, arena *a,
               const char **out);

/* Opens a sealed value; false when it is not sealed, was altered, or belongs to another field or
 * key. */
bool unseal_text(const unsigned char key[32], const char *field, const char *sealed, arena *a,
                 const char **out);

#endif

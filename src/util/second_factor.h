/* second_factor: the secrets of the second factor and API tokens as the CLI and the API both
 * make and check them (docs/SECURITY.md): a fresh TOTP secret (random, shown as base32 in an
 * otpauth URI, stored sealed under the field key), recovery codes (shown once, stored as
 * BLAKE2b hashes) and the hash under which an API token is stored. */
#ifndef SCHILD_SECOND_FACTOR_H
#define SCHILD_SECOND_FACTOR_H

#include "core/arena.h"
#include "core/totp.h"

#include <stdbool.h>
#include <stdint.h>

enum {
    RECOVERY_CODES = 10,
    RECOVERY_CODE_SIZE = 20, /* "abcd-efgh-ijkl-mnop" + NUL: 80 random bits */
    HASH_HEX_SIZE = 65,
    API_TOKEN_TEXT_SIZE = 51, /* "schild_" + 43 base64url characters + NUL */
};

/* The field the sealed secret belongs to (associated data of util/seal.h). */
#define TOTP_SECRET_FIELD "users.totp_secret"

typedef struct totp_secret {
    unsigned char key[TOTP_SECRET_BYTES];
    char base32[TOTP_BASE32_SIZE];
    const char *sealed; /* in the arena */
    const char *uri;    /* otpauth://totp/Schild:<username>?secret=...; in the arena */
} totp_secret;

/* A fresh secret for username, sealed under field_key; false when sealing fails. */
bool totp_secret_new(const unsigned char field_key[32], const char *username, arena *a,
                     totp_secret *out);
/* Opens a stored secret into key; false when it is not a sealed secret of this key. */
bool totp_secret_open(const unsigned char field_key[32], const char *sealed, arena *a,
                      unsigned char key[TOTP_SECRET_BYTES]);

/* Ten fresh codes and the hex hashes of each (the hashes' strings in a). */
void recovery_codes_new(char codes[RECOVERY_CODES][RECOVERY_CODE_SIZE], const char **hashes,
                        arena *a);
/* The stored hash of a code as typed: case, spaces and dashes do not matter. False when what is
 * left is not 16 characters of the code alphabet. */
bool recovery_code_hash(const char *typed, char hex[HASH_HEX_SIZE]);

/* A new API token ("schild_" + token_new) and its stored hash. */
void api_token_new(char token[API_TOKEN_TEXT_SIZE], char hex[HASH_HEX_SIZE]);
/* The stored hash of a presented token; false when it is not shaped like one. */
bool api_token_hash(const char *token, char hex[HASH_HEX_SIZE]);

#endif

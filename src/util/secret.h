/* secret: random tokens, their hashes and password hashing (libsodium). Tokens are handed to the
 * client once and stored only as BLAKE2b hashes. */
#ifndef SCHILD_SECRET_H
#define SCHILD_SECRET_H

#include <stdbool.h>
#include <stddef.h>

enum {
    TOKEN_BYTES = 32,
    TOKEN_TEXT_SIZE = 44, /* base64url of 32 bytes without padding (43) + NUL */
    TOKEN_HASH_BYTES = 32,
    PASSWORD_HASH_SIZE = 128,
};

/* Initialises libsodium; false when it cannot (the program must not continue). */
bool secret_init(void);

void token_new(char out[TOKEN_TEXT_SIZE]);
/* Hash of a token for storage; domain separates different uses ("session", "csrf"). */
void token_hash(const char *token, const char *domain, unsigned char out[TOKEN_HASH_BYTES]);
/* The CSRF token that belongs to a session token (derived, so nothing extra is stored). */
void csrf_for_session(const char *session_token, char out[TOKEN_TEXT_SIZE]);
/* Constant-time comparison of two NUL-terminated tokens. */
bool token_equal(const char *a, const char *b);

/* Argon2id (interactive limits) into out; false when out of memory. */
bool password_hash(const char *password, char out[PASSWORD_HASH_SIZE]);
bool password_verify(const char *hash, const char *password);
/* Runs a verification against a fixed dummy hash so unknown users cost the same time. */
void password_burn(const char *password);

#endif

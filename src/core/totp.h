/* totp: one-time codes for the second factor (RFC 6238 over RFC 4226: HMAC-SHA-1, 6 digits,
 * 30-second steps) and the base32 text of their secrets (RFC 4648). libsodium offers no
 * HMAC-SHA-1, so SHA-1 (FIPS 180-4) and HMAC (RFC 2104) are here, small and tested against the
 * standards' vectors. SHA-1's weaknesses (collisions) do not touch HMAC-SHA-1 as a PRF; it is what
 * every authenticator app implements. Pure: no clock, no I/O. */
#ifndef SCHILD_TOTP_H
#define SCHILD_TOTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    SHA1_BYTES = 20,
    TOTP_SECRET_BYTES = 20,   /* RFC 4226 recommends 160 bits */
    TOTP_PERIOD_SECONDS = 30, /* the step */
    TOTP_DIGITS = 6,
    TOTP_BASE32_SIZE = 33, /* base32 of 20 bytes (32 characters) + NUL */
};

void sha1(const unsigned char *data, size_t len, unsigned char out[SHA1_BYTES]);
void hmac_sha1(const unsigned char *key, size_t key_len, const unsigned char *msg, size_t msg_len,
               unsigned char out[SHA1_BYTES]);

/* The time step of a moment (unix seconds). */
int64_t totp_step(int64_t unix_seconds);

/* The code for one step: 0..999999 (shown with leading zeros). */
uint32_t totp_code(const unsigned char *key, size_t key_len, int64_t step);

/* Checks a 6-digit text code against the previous, current and next step of now_step, refusing
 * any step at or before last_step (replay). On success *accepted is the matched step. */
bool totp_verify(const unsigned char *key, size_t key_len, int64_t now_step, int64_t last_step,
                 const char *code, int64_t *accepted);

/* RFC 4648 base32 (A-Z 2-7) without padding. encode: out needs 8 * ceil(len / 5) + 1 bytes at
 * most; false when it does not fit. decode accepts lower case, ignores spaces and trailing '=';
 * answers the number of bytes written, or -1 on a bad character or when out is too small. */
bool base32_encode(const unsigned char *data, size_t len, char *out, size_t out_size);
long base32_decode(const char *text, unsigned char *out, size_t out_size);

#endif

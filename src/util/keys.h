/* keys: the key directory outside the database (docs/AUDIT.md, docs/SECURITY.md). It holds the
 * Ed25519 key pair that signs audit checkpoints (audit.key, secret, mode 0600; audit.pub, the
 * public key an inspector verifies with) and the key that seals the most sensitive fields
 * (field.key, 0600). A copy of the database alone therefore reveals no sealed field and cannot
 * forge a checkpoint. Files hold lowercase hex and a newline.
 *
 * Where: `--keys DIR` (any subcommand; main.c takes it out of argv and calls keys_set_dir), else
 * $SCHILD_KEYS, else a directory "keys" beside the SQLite file, or ./keys for PostgreSQL. */
#ifndef SCHILD_KEYS_H
#define SCHILD_KEYS_H

#include <stdbool.h>
#include <stddef.h>

enum {
    KEYS_AUDIT_PUBLIC_BYTES = 32, /* crypto_sign_PUBLICKEYBYTES */
    KEYS_AUDIT_SECRET_BYTES = 64, /* crypto_sign_SECRETKEYBYTES */
    KEYS_FIELD_BYTES = 32,        /* crypto_aead_xchacha20poly1305_ietf_KEYBYTES */
    KEYS_PATH_SIZE = 4096,
};

/* The directory --keys named (NULL: none). */
void keys_set_dir(const char *dir);

/* The key directory for a database URL, as above, into out. False when it does not fit. */
bool keys_dir_for(const char *db_url, char *out, size_t out_size);

/* Creates the directory (0700) and every missing key; never overwrites an existing one. */
bool keys_create(const char *dir, char *err, size_t err_size);

/* Loads the audit key pair / the field key from dir; false with the reason in err when a file
 * is missing, unreadable, malformed or (secret keys) readable by others. */
bool keys_load_audit(const char *dir, unsigned char pk[KEYS_AUDIT_PUBLIC_BYTES],
                     unsigned char sk[KEYS_AUDIT_SECRET_BYTES], char *err, size_t err_size);
bool keys_load_field(const char *dir, unsigned char key[KEYS_FIELD_BYTES], char *err,
                     size_t err_size);

/* Reads a public key file (audit.pub) from any path (offline verification). */
bool keys_load_public(const char *path, unsigned char pk[KEYS_AUDIT_PUBLIC_BYTES], char *err,
                      size_t err_size);

#endif

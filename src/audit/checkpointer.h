/* checkpointer: signed checkpoints over the audit chain (docs/AUDIT.md). The server signs the
 * chain head every so often when it moved, and once more at shutdown after the audit writer
 * drained, so that a clean stop leaves every entry covered. */
#ifndef SCHILD_CHECKPOINTER_H
#define SCHILD_CHECKPOINTER_H

#include "core/audit_checkpoint.h"
#include "storage/storage.h"

typedef struct checkpoint_keys {
    unsigned char pk[32], sk[64];
    char pk_hex[CHECKPOINT_PUBLIC_HEX];
} checkpoint_keys;

/* Loads the audit key pair from the key directory of the database url (util/keys.h); false
 * with the reason (naming the directory) in err. */
bool checkpoint_keys_load(const char *url, checkpoint_keys *k, char *err, size_t err_size);
/* Forgets the secret key. */
void checkpoint_keys_wipe(checkpoint_keys *k);

/* Signs and stores a checkpoint over the chain head unless one covers it already. DB_ONE when
 * one was written (*seq: its seq), DB_NONE when there was nothing to sign, or an error. */
db_status checkpoint_now(storage *s, const checkpoint_keys *k, int64_t *seq);

typedef struct checkpointer checkpointer;

/* A thread that runs checkpoint_now every `seconds`; keys are copied. NULL on failure. */
checkpointer *checkpointer_start(storage *s, const checkpoint_keys *k, int seconds);
/* Stops the thread, then writes the final checkpoint (call after the audit writer stopped);
 * false when that checkpoint could not be written. Frees c. */
bool checkpointer_stop(checkpointer *c);

#endif

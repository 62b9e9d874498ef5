/* Fuzz target: the offline verifier of `schild audit export` files (audit/audit_export.h), the
 * parser an inspector runs on a file from outside. The public key is fixed (an Ed25519 key from
 * the seed "schild-fuzz-audit-export-key-v1!"), so seeds signed with it reach the signature and
 * chain checks. Nothing may crash, leak or read out of bounds; the buffer and the FILE readers
 * must agree; an accepted export must be covered by its last checkpoint. */
#include "audit/audit_export.h"

#include "fuzz_input.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const unsigned char seed[32] = "schild-fuzz-audit-export-key-v1!";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static unsigned char pk[32], sk[64];
    static int ready;
    if (!ready) {
        if (sodium_init() < 0)
            abort();
        crypto_sign_seed_keypair(pk, sk, seed);
        ready = 1;
    }
    audit_export_summary from_buffer, from_file;
    char problem[512], file_problem[512];
    bool ok = audit_export_verify_buffer(pk, (const char *)data, size, &from_buffer, problem,
                                         sizeof problem);
    if (ok != (problem[0] == '\0'))
        abort();
    if (ok && (from_buffer.last_checkpoint_seq != from_buffer.entries ||
               (from_buffer.entries > 0 && from_buffer.checkpoints == 0)))
        abort();
    if (size == 0) /* fmemopen needs at least one byte */
        return 0;
    FILE *f = fmemopen((void *)data, size, "rb");
    if (!f)
        return 0;
    bool file_ok = audit_export_verify_file(pk, f, &from_file, file_problem, sizeof file_problem);
    fclose(f);
    if (file_ok != ok || (ok && from_file.entries != from_buffer.entries))
        abort();
    return 0;
}

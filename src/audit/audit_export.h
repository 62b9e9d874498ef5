/* audit_export: the audit trail with its signed checkpoints as a file that can be verified
 * offline, without the database or Schild's secrets (docs/AUDIT.md, "Export"). The writer reads
 * the database; the verifier reads only the file and the public key. */
#ifndef SCHILD_AUDIT_EXPORT_H
#define SCHILD_AUDIT_EXPORT_H

#include "storage/storage.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define AUDIT_EXPORT_FORMAT "schild-audit-export-v1"

/* What an export holds (and what a verification saw). */
typedef struct audit_export_summary {
    int64_t entries, checkpoints;
    int64_t last_checkpoint_seq; /* 0: none */
    char last_signed_at[48];     /* of the last checkpoint ("" when none) */
} audit_export_summary;

/* Writes the export to out, truncating it first (the body may be retried): the header, every
 * entry up to the newest checkpoint and the checkpoints up to it, all from one snapshot, so that
 * the file ends covered even when other servers append meanwhile. public_key_hex goes into the
 * header. DB_ONE, DB_REFUSED when a field cannot be written as JSON text, or an error. */
db_status audit_export_write(storage *s, FILE *out, const char *public_key_hex,
                             const char *exported_at, audit_export_summary *summary);

/* The offline verifier, fed line by line (without the newline), so that it works on a file or a
 * buffer alike. It stops at the first problem. */
typedef struct export_verifier export_verifier;

export_verifier *export_verifier_new(const unsigned char public_key[32]);
void export_verifier_free(export_verifier *v);
/* false at the first problem (then every further line is ignored). */
bool export_verifier_line(export_verifier *v, const char *line, size_t len);
/* After the last line: the checks on the whole (coverage by the last checkpoint, counts). true
 * when the export is intact; otherwise the problem in export_verifier_problem. */
bool export_verifier_finish(export_verifier *v, audit_export_summary *summary);
/* The first problem, naming its line and seq where there is one ("" while none). */
const char *export_verifier_problem(const export_verifier *v);

/* The whole verification of an export in memory or in a file; problem gets the first problem. */
bool audit_export_verify_buffer(const unsigned char public_key[32], const char *data, size_t len,
                                audit_export_summary *summary, char *problem, size_t problem_size);
bool audit_export_verify_file(const unsigned char public_key[32], FILE *f,
                              audit_export_summary *summary, char *problem, size_t problem_size);

#endif

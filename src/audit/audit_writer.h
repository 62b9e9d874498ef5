/* audit_writer: group commit for audit entries that do not ride on a data write (reads, denied
 * attempts, logins). Callers block until their entry is durable; one writer thread commits every
 * entry that queued up meanwhile in a single transaction, so one fsync serves many requests. */
#ifndef SCHILD_AUDIT_WRITER_H
#define SCHILD_AUDIT_WRITER_H

#include "core/audit_chain.h"
#include "core/error.h"
#include "storage/storage.h"

typedef struct audit_writer audit_writer;

audit_writer *audit_writer_start(storage *s);
/* Commits what is queued, then stops the thread and frees w. */
void audit_writer_stop(audit_writer *w);

/* Appends e (its strings are copied) and waits until it is committed: ERR_OK, or
 * ERR_UNAVAILABLE when the trail could not be written (the caller must not disclose data). */
schild_err audit_writer_append(audit_writer *w, const audit_entry *e);

#endif

/* audit_writer: group commit for audit entries that do not ride on a data write (reads, denied
 * attempts, throttled logins). Submitters are told by callback when their entry is durable; one
 * writer thread commits every entry that queued up meanwhile in a single transaction, so one
 * fsync serves many requests. */
#ifndef SCHILD_AUDIT_WRITER_H
#define SCHILD_AUDIT_WRITER_H

#include "core/audit_chain.h"
#include "core/error.h"
#include "storage/storage.h"

typedef struct audit_writer audit_writer;

audit_writer *audit_writer_start(storage *s);
/* Commits what is queued, then stops the thread and frees w. */
void audit_writer_stop(audit_writer *w);

/* Called on the writer thread once a submitted entry is committed (ERR_OK) or could not be
 * (ERR_UNAVAILABLE: the caller must not disclose what the entry covers). */
typedef void (*audit_done_fn)(void *ctx, schild_err result);

/* Queues e (its strings are copied) without waiting for the commit; done(ctx, …) follows. Waits
 * only while the queue is full. ERR_UNAVAILABLE (and no callback) when stopping. */
schild_err audit_writer_submit(audit_writer *w, const audit_entry *e, audit_done_fn done,
                               void *ctx);

#endif

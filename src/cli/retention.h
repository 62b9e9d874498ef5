/* retention: removing what is past its retention term (docs/SECURITY.md, "Retention"): signals
 * by compartment from recording, closed cases from closing, under the terms of the "security"
 * settings. Used by `schild retention run` and by the daily run inside `schild serve`. */
#ifndef SCHILD_RETENTION_H
#define SCHILD_RETENTION_H

#include "core/security_config.h"
#include "storage/storage.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct retention_report {
    int64_t signals[COMPARTMENT__COUNT]; /* removed (or, in a dry run, due) per compartment */
    int64_t cases;                       /* closed cases removed (due) */
    int64_t failed;                      /* removals that failed (rolled back; tried next run) */
} retention_report;

/* One run as of today (days since 1970-01-01). Each removal is its own write transaction with
 * its "retention.remove" audit entry; a dry run only counts. stop (may be NULL) ends the run
 * between removals once set. False when the database could not be read (the report holds what
 * was done until then). */
bool retention_run(storage *db, const security_config *cfg, int64_t today, bool dry_run,
                   const atomic_bool *stop, retention_report *out);

/* The report: counts per kind and compartment, never content. */
void retention_report_print(const retention_report *r, bool dry_run, FILE *out);

/* The daily run inside serve: a thread that runs shortly after start and then every 24 hours,
 * logging its report; stop wakes it and waits for it. NULL when the thread cannot start. */
typedef struct retention_daily retention_daily;
retention_daily *retention_daily_start(storage *db, const security_config *cfg);
void retention_daily_stop(retention_daily *d);

#endif

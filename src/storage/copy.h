/* copy: moving every row of a Schild database into another one, on any pair of backends. The
 * source is read in one transaction (a consistent snapshot), the target written in one
 * transaction (all or nothing), and rows keep their ids, versions and audit hashes, so the
 * audit trail verifies unchanged afterwards. */
#ifndef SCHILD_COPY_H
#define SCHILD_COPY_H

#include "storage/storage.h"

#include <stdio.h>

/* Copies src into dst, which must be empty (freshly initialised). Prints a line per table to
 * progress (may be NULL). On failure err says why. */
db_status storage_copy(storage *src, storage *dst, FILE *progress, char *err, size_t err_size);

#endif

/* sqlite_backend: the embedded default backend (WAL, foreign keys, synchronous=FULL,
 * BEGIN IMMEDIATE for writes, prepared statements only). */
#ifndef SCHILD_SQLITE_BACKEND_H
#define SCHILD_SQLITE_BACKEND_H

#include "storage/storage.h"

storage *sqlite_backend_open(const char *path, char *err, size_t err_size);

#endif

/* sqlite_backend: the embedded default backend (WAL, foreign keys, BEGIN IMMEDIATE for writes,
 * prepared statements only; a write's commit returns once the WAL is flushed, by group commit:
 * one fdatasync for every commit that finished before it started). */
#ifndef SCHILD_SQLITE_BACKEND_H
#define SCHILD_SQLITE_BACKEND_H

#include "storage/storage.h"

storage *sqlite_backend_open(const char *path, char *err, size_t err_size);

#endif

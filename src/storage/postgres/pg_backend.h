/* pg_backend: the PostgreSQL backend (libpq), for deployments with several Schild servers on one
 * database. Same operations and results as the SQLite backend; prepared statements only. */
#ifndef SCHILD_PG_BACKEND_H
#define SCHILD_PG_BACKEND_H

#include "storage/storage.h"

#include <stddef.h>

/* Opens the backend for a libpq URL ("postgresql://..." or "postgres://...") and checks that the
 * calling thread can connect. NULL with a message in err when it cannot. */
storage *pg_backend_open(const char *url, char *err, size_t err_size);

#endif

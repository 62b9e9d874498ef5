/* storage: backend selection by URL and the one transaction runner every caller uses, so that no
 * handler writes its own retry loop. */
#include "storage/storage.h"

#include "storage/postgres/pg_backend.h"
#include "storage/sqlite/sqlite_backend.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Twelve attempts with backoff doubling from 1 ms up to 256 ms: about one second in all, enough
 * to ride out a busy database or a short PostgreSQL failover without the client noticing. */
enum { TX_MAX_ATTEMPTS = 12, BACKOFF_MAX_SHIFT = 8 };

storage *storage_open(const char *url, char *err, size_t err_size)
{
    if (url && strncmp(url, "sqlite:", 7) == 0 && url[7] != '\0')
        return sqlite_backend_open(url + 7, err, err_size);
    if (url && (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0))
        return pg_backend_open(url, err, err_size);
    snprintf(err, err_size, "unsupported database URL (expected sqlite:PATH or postgresql://...)");
    return NULL;
}

void storage_close(storage *s)
{
    if (s) {
        sodium_memzero(s->field_key, sizeof s->field_key);
        s->ops->close(s);
    }
}

static void backoff(int attempt)
{
    int shift = attempt < BACKOFF_MAX_SHIFT ? attempt : BACKOFF_MAX_SHIFT;
    struct timespec ts = {0, 1000000L << shift};
    nanosleep(&ts, NULL);
}

db_status storage_transact(storage *s, tx_kind kind, tx_body body, void *ctx)
{
    for (int attempt = 0; attempt < TX_MAX_ATTEMPTS; attempt++) {
        db_status st = s->ops->begin(s, kind);
        if (st == DB_SOFT_ERROR) {
            backoff(attempt);
            continue;
        }
        if (st < 0)
            return DB_HARD_ERROR;
        st = body(s, ctx);
        if (st == DB_SOFT_ERROR) {
            s->ops->rollback(s);
            backoff(attempt);
            continue;
        }
        if (st < 0) {
            s->ops->rollback(s);
            return st == DB_REFUSED ? DB_REFUSED : DB_HARD_ERROR;
        }
        db_status cst = s->ops->commit(s);
        if (cst == DB_SOFT_ERROR) {
            s->ops->rollback(s);
            backoff(attempt);
            continue;
        }
        if (cst < 0) {
            s->ops->rollback(s);
            return DB_HARD_ERROR;
        }
        return st;
    }
    return DB_SOFT_ERROR;
}

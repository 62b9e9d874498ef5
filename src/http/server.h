/* server: the HTTP front (libmicrohttpd, thread pool + epoll). It enforces the transport limits
 * (headers, body, framing, connections, timeouts), authenticates, routes and sends what the
 * handler built. Handlers live in src/api/ and never touch libmicrohttpd. */
#ifndef SCHILD_SERVER_H
#define SCHILD_SERVER_H

#include "audit/audit_writer.h"
#include "core/daf_config.h"
#include "core/decision.h"
#include "core/security_config.h"
#include "http/router.h"
#include "http/session_cache.h"
#include "storage/storage.h"

#include <semaphore.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct server_config {
    char listen_host[64];
    uint16_t port;
    unsigned threads;          /* thread pool size */
    unsigned connection_limit; /* open connections in all */
    unsigned timeout_seconds;  /* idle connection timeout (slow clients) */
    size_t body_limit;         /* bytes */
    size_t header_limit;       /* bytes of request line + headers per connection */
    bool secure_cookies;       /* add Secure to the session cookie (behind TLS) */
    int64_t session_idle_seconds;
    int64_t session_max_seconds;
    const char *tls_cert_file; /* PEM certificate (chain) and key: both or neither; HTTPS only */
    const char *tls_key_file;
    bool harden;             /* util/harden.h once listening (serve --no-harden: off) */
    const char *run_user;    /* serve --user: whom a root start becomes (NULL: default) */
    const char *sqlite_path; /* the SQLite file, kept reachable for that user (else NULL) */
} server_config;

struct app {
    storage *db;
    audit_writer *audit;
    server_config config;
    daf_config daf;            /* the DAF settings (defaults, or serve --config) */
    decision_config decisions; /* packages and terms of decisions (defaults, or --config) */
    security_config security;  /* break-glass, second factor, checkpoints, retention */
    sem_t password_slots;      /* bounds concurrent Argon2id work (19 MiB each) */
    session_cache *sessions;
    const route *routes;
    size_t route_count;
    _Atomic long suspended; /* requests waiting for their audit entry (drained at shutdown) */
};

void server_config_defaults(server_config *c);

/* Serves until SIGTERM or SIGINT; then stops accepting, finishes in-flight requests and
 * returns 0 (non-zero when the server could not start). */
int server_run(app *a);

#endif

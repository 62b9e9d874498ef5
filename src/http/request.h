/* request: everything one HTTP request carries through the layers, with the arena that owns its
 * memory. Created when the headers arrive, freed when the response is done. */
#ifndef SCHILD_REQUEST_H
#define SCHILD_REQUEST_H

#include "core/arena.h"
#include "core/audit_chain.h"
#include "core/domain.h"
#include "core/error.h"
#include "util/clock.h"
#include "util/secret.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

struct MHD_Connection;
struct MHD_Response;
typedef struct app app;

typedef struct request {
    arena arena;
    app *app;
    struct MHD_Connection *conn;
    const char *method;
    const char *path;

    /* Body, accumulated up to the limit. */
    char *body;
    size_t body_len;
    size_t body_cap;
    size_t body_discarded; /* bytes dropped after the body passed the limit */

    /* Path parameter ({id}) when the route has one. */
    int64_t id;

    /* Authentication. */
    bool authenticated;
    bool via_cookie;
    viewer viewer;
    char session_token[TOKEN_TEXT_SIZE];
    /* By an API token (Authorization: Bearer): the route must admit one of its scopes. */
    bool via_token;
    unsigned token_scopes; /* AUTH_TOKEN_* of http/router.h */
    unsigned char session_hash[TOKEN_HASH_BYTES];

    /* Time of the request, fixed once so every record it writes agrees. */
    int64_t now_ms;
    char now[CLOCK_RFC3339_SIZE];

    /* An audit entry that must be durable before the prepared response may leave: the server
     * suspends the connection, hands the entry to the audit writer and resumes on its answer. */
    bool audit_pending;
    audit_entry audit;
    bool audit_submitted;
    schild_err audit_result;

    /* The response, built by reply_* and queued by the server. */
    struct MHD_Response *response;
    unsigned int status;
} request;

/* A request header or NULL. */
const char *request_header(request *r, const char *name);
/* A query parameter or NULL. */
const char *request_query(request *r, const char *name);
/* Whether the query string holds only the named parameters (each at most once). */
bool request_query_only(request *r, const char *const *allowed, const char **unknown);

#endif

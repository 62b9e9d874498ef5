/* router: matching a method and path against the route table. Paths are compared segment by
 * segment; "{id}" matches a positive decimal id only. No allocation, no backtracking. */
#ifndef SCHILD_ROUTER_H
#define SCHILD_ROUTER_H

#include "http/request.h"

#include <stddef.h>

typedef void (*handler_fn)(request *r);

typedef enum route_auth {
    AUTH_PUBLIC,   /* no login needed */
    AUTH_REQUIRED, /* a valid session; writes also need the CSRF token */
    /* The API token scopes that may call a route, OR'ed into AUTH_REQUIRED (docs/SECURITY.md,
     * "API tokens for partner systems"); a route without one answers 403 to a token. */
    AUTH_TOKEN_REFERRAL = 1 << 4,
    AUTH_TOKEN_SIGNALS = 1 << 5,
} route_auth;

typedef struct route {
    const char *method;
    const char *pattern; /* e.g. "/api/v1/cases/{id}/triage" */
    handler_fn handler;
    route_auth auth;
    const char *summary; /* one line, for the OpenAPI document */
} route;

typedef enum route_match { ROUTE_FOUND, ROUTE_WRONG_METHOD, ROUTE_NONE } route_match;

/* Finds the route for method and path. On ROUTE_FOUND *out and *id are set; on
 * ROUTE_WRONG_METHOD allow receives the permitted methods ("GET, POST"). */
route_match router_match(const route *routes, size_t count, const char *method, const char *path,
                         const route **out, int64_t *id, char *allow, size_t allow_size);

/* Whether path matches pattern; *id receives the {id} value when there is one. */
bool router_path_matches(const char *pattern, const char *path, int64_t *id);

#endif

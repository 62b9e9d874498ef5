/* auth: who is asking. Reads the session cookie, resolves it to a viewer, and checks the CSRF
 * token on cookie-authenticated writes. */
#ifndef SCHILD_AUTH_H
#define SCHILD_AUTH_H

#include "http/request.h"

/* Resolves the session cookie, if any, into r->viewer. ERR_OK when authenticated,
 * ERR_UNAUTHENTICATED when there is no valid session, another error on storage failure. */
schild_err auth_authenticate(request *r);

/* An API token from the Authorization header (auth_token.c): ERR_OK with r->viewer its service
 * user and r->token_scopes its scopes; ERR_TOKEN_INVALID when malformed, unknown, expired or
 * revoked. */
schild_err auth_token_authenticate(request *r, const char *header);
/* The token of an "Authorization: Bearer <token>" value (scheme case-insensitive, one space);
 * false when the value is not shaped like that. Pure: the fuzz target calls it. */
bool auth_bearer_token(const char *header, char *out, size_t out_size);
/* The AUTH_TOKEN_* bits of a comma-separated scope list ("referral,signals"); 0 when any name
 * is unknown or the list is empty. */
unsigned auth_token_scopes(const char *list);

/* For a write by cookie: the X-CSRF-Token header must equal the session's token. */
schild_err auth_check_csrf(request *r);

/* The Set-Cookie value for a new session token (or for clearing it when token is NULL). */
void auth_cookie(request *r, const char *token, char *out, size_t size);

#endif

/* auth: who is asking. Reads the session cookie, resolves it to a viewer, and checks the CSRF
 * token on cookie-authenticated writes. */
#ifndef SCHILD_AUTH_H
#define SCHILD_AUTH_H

#include "http/request.h"

/* Resolves the session cookie, if any, into r->viewer. ERR_OK when authenticated,
 * ERR_UNAUTHENTICATED when there is no valid session, another error on storage failure. */
schild_err auth_authenticate(request *r);

/* For a write by cookie: the X-CSRF-Token header must equal the session's token. */
schild_err auth_check_csrf(request *r);

/* The Set-Cookie value for a new session token (or for clearing it when token is NULL). */
void auth_cookie(request *r, const char *token, char *out, size_t size);

#endif

/* reply: the only way a handler answers. Every response gets the security headers; every error
 * is RFC 9457 problem+json built from the error registry. */
#ifndef SCHILD_REPLY_H
#define SCHILD_REPLY_H

#include "http/request.h"
#include "storage/storage.h"

#include <jansson.h>

/* Answers body (the reference is stolen) as application/json. */
void reply_json(request *r, unsigned int status, json_t *body);
void reply_empty(request *r, unsigned int status);
void reply_problem(request *r, schild_err err, const char *detail);
/* As reply_problem with an "errors" array [{field, message}] (stolen). */
void reply_problem_errors(request *r, schild_err err, const char *detail, json_t *errors);
/* As reply_problem with extension members (RFC 9457 section 3.2) from an object (stolen). */
void reply_problem_members(request *r, schild_err err, const char *detail, json_t *members);
/* Maps a failed storage call: soft (busy after retries) 503, hard 500. */
void reply_storage_failure(request *r, db_status st);
/* Adds a header to the response already built. */
void reply_header(request *r, const char *name, const char *value);
/* Static bytes (not copied, must outlive the response) with a content type. */
void reply_static(request *r, unsigned int status, const char *content_type, const void *data,
                  size_t len);
/* Bytes that are copied (they may live in the request's arena) with a content type. */
void reply_bytes(request *r, unsigned int status, const char *content_type, const void *data,
                 size_t len);

#endif

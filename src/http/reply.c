/* reply: response construction and the security headers every response carries. */
#include "http/reply.h"

#include "util/log.h"

#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

static const char CSP[] = "default-src 'self'; script-src 'self'; style-src 'self'; "
                          "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
                          "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
                          "form-action 'self'";

static void security_headers(request *r, struct MHD_Response *resp)
{
    MHD_add_response_header(resp, "Content-Security-Policy", CSP);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
    MHD_add_response_header(resp, "Cross-Origin-Resource-Policy", "same-origin");
    MHD_add_response_header(resp, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (strncmp(r->path, "/api/", 5) == 0)
        MHD_add_response_header(resp, "Cache-Control", "no-store");
    else
        MHD_add_response_header(resp, "Cache-Control", "no-cache");
}

static void set_response(request *r, unsigned int status, struct MHD_Response *resp)
{
    if (r->response)
        MHD_destroy_response(r->response);
    r->response = resp;
    r->status = status;
    if (resp)
        security_headers(r, resp);
}

static void reply_text(request *r, unsigned int status, const char *ctype, char *text)
{
    struct MHD_Response *resp =
        text ? MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE) : NULL;
    if (!resp) {
        free(text);
        set_response(r, 500, NULL);
        return;
    }
    MHD_add_response_header(resp, "Content-Type", ctype);
    set_response(r, status, resp);
}

void reply_json(request *r, unsigned int status, json_t *body)
{
    char *text = body ? json_dumps(body, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
    json_decref(body);
    reply_text(r, status, "application/json; charset=utf-8", text);
}

void reply_empty(request *r, unsigned int status)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    set_response(r, status, resp);
}

void reply_problem_errors(request *r, schild_err err, const char *detail, json_t *errors)
{
    reply_problem_members(r, err, detail, errors ? json_pack("{s:o}", "errors", errors) : NULL);
}

void reply_problem_members(request *r, schild_err err, const char *detail, json_t *members)
{
    const error_info *info = error_lookup(err);
    json_t *p = json_object();
    char type[96];
    snprintf(type, sizeof type, "urn:schild:problem:%s", info->code);
    json_object_set_new(p, "type", json_string(type));
    json_object_set_new(p, "title", json_string(info->title));
    json_object_set_new(p, "status", json_integer(info->http_status));
    json_object_set_new(p, "code", json_string(info->code));
    if (detail)
        json_object_set_new(p, "detail", json_string(detail));
    if (members) {
        /* Extension members never replace the standard ones. */
        json_object_update_missing(p, members);
        json_decref(members);
    }
    if (info->ours)
        log_error("%s %s answered %d %s", r->method, r->path, info->http_status, info->code);
    char *text = json_dumps(p, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(p);
    reply_text(r, (unsigned)info->http_status, "application/problem+json; charset=utf-8", text);
}

void reply_problem(request *r, schild_err err, const char *detail)
{
    reply_problem_errors(r, err, detail, NULL);
}

void reply_storage_failure(request *r, db_status st)
{
    reply_problem(r, st == DB_SOFT_ERROR ? ERR_UNAVAILABLE : ERR_INTERNAL,
                  st == DB_SOFT_ERROR ? "The database is busy; try again." : NULL);
}

void reply_header(request *r, const char *name, const char *value)
{
    if (r->response)
        MHD_add_response_header(r->response, name, value);
}

void reply_static(request *r, unsigned int status, const char *content_type, const void *data,
                  size_t len)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_PERSISTENT);
    if (resp)
        MHD_add_response_header(resp, "Content-Type", content_type);
    set_response(r, resp ? status : 500, resp);
}

void reply_bytes(request *r, unsigned int status, const char *content_type, const void *data,
                 size_t len)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_MUST_COPY);
    if (resp)
        MHD_add_response_header(resp, "Content-Type", content_type);
    set_response(r, resp ? status : 500, resp);
}

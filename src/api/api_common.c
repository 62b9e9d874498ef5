/* api_common: what every handler needs and should not write twice. */
#include "api/api.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static bool content_type_is_json(const char *ct)
{
    if (!ct)
        return false;
    size_t n = strlen("application/json");
    if (strncasecmp(ct, "application/json", n) != 0)
        return false;
    return ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ';
}

bool api_body(request *r, json_t **obj)
{
    if (!content_type_is_json(request_header(r, "Content-Type"))) {
        reply_problem(r, ERR_UNSUPPORTED_MEDIA_TYPE, NULL);
        return false;
    }
    const char *detail = NULL;
    schild_err err = json_parse_object(r->body ? r->body : "", r->body_len, obj, &detail);
    if (err != ERR_OK) {
        reply_problem(r, err, detail);
        return false;
    }
    return true;
}

bool api_valid(request *r, validation *v)
{
    schild_err err = validation_result(v);
    if (err == ERR_OK)
        return true;
    if (err == ERR_UNKNOWN_FIELD) {
        json_t *errors = json_array();
        json_t *e = json_object();
        json_object_set_new(e, "field", json_string(v->unknown_field));
        json_object_set_new(e, "message", json_string("is not a known field"));
        json_array_append_new(errors, e);
        char detail[192];
        snprintf(detail, sizeof detail, "Unknown field: %s", v->unknown_field);
        reply_problem_errors(r, err, detail, errors);
        return false;
    }
    char detail[64];
    size_t n = json_array_size(v->errors);
    snprintf(detail, sizeof detail, "%zu field%s invalid", n, n == 1 ? " is" : "s are");
    reply_problem_errors(r, err, detail, json_incref(v->errors));
    return false;
}

bool api_valid_query(request *r, validation *v)
{
    if (validation_result(v) == ERR_OK)
        return true;
    reply_problem_errors(r, ERR_BAD_REQUEST, "Invalid query parameter.", json_incref(v->errors));
    return false;
}

audit_entry api_audit_entry(request *r, const char *action, const char *object_type,
                            int64_t object_id, const char *outcome)
{
    audit_entry e = {0};
    e.at = r->now;
    e.username = r->authenticated ? r->viewer.username : "";
    e.org = r->authenticated ? r->viewer.org : "";
    e.role = r->authenticated ? role_name(r->viewer.role) : "";
    e.action = action;
    e.object_type = object_type ? object_type : "";
    e.object_id = object_id ? arena_printf(&r->arena, "%lld", (long long)object_id) : "";
    e.purpose = "";
    e.outcome = outcome;
    e.detail = "";
    return e;
}

void api_audit_before_reply(request *r, const audit_entry *e)
{
    /* Copied into the request's arena: the caller's strings may live on its stack. */
    r->audit = (audit_entry){
        .at = arena_strdup(&r->arena, e->at ? e->at : ""),
        .username = arena_strdup(&r->arena, e->username ? e->username : ""),
        .org = arena_strdup(&r->arena, e->org ? e->org : ""),
        .role = arena_strdup(&r->arena, e->role ? e->role : ""),
        .action = arena_strdup(&r->arena, e->action ? e->action : ""),
        .object_type = arena_strdup(&r->arena, e->object_type ? e->object_type : ""),
        .object_id = arena_strdup(&r->arena, e->object_id ? e->object_id : ""),
        .purpose = arena_strdup(&r->arena, e->purpose ? e->purpose : ""),
        .outcome = arena_strdup(&r->arena, e->outcome ? e->outcome : ""),
        .detail = arena_strdup(&r->arena, e->detail ? e->detail : ""),
    };
    if (!r->audit.detail) {
        reply_problem(r, ERR_UNAVAILABLE, NULL); /* out of request memory: disclose nothing */
        return;
    }
    r->audit_pending = true;
}

void api_deny_not_found(request *r, const char *action, const char *object_type, int64_t id,
                        const char *outcome)
{
    audit_entry e = api_audit_entry(r, action, object_type, id, outcome);
    reply_problem(r, ERR_NOT_FOUND, NULL);
    api_audit_before_reply(r, &e);
}

void api_deny_forbidden(request *r, const char *action, const char *object_type, int64_t id,
                        const char *detail)
{
    audit_entry e = api_audit_entry(r, action, object_type, id, "denied");
    reply_problem(r, ERR_FORBIDDEN, detail);
    api_audit_before_reply(r, &e);
}

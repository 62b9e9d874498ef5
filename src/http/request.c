/* request: accessors over the connection that keep libmicrohttpd out of the handlers. */
#include "http/request.h"

#include <microhttpd.h>
#include <string.h>

const char *request_header(request *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *request_query(request *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

typedef struct query_check {
    const char *const *allowed;
    const char *unknown;
    unsigned seen[16];
    bool duplicate;
} query_check;

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *value)
{
    (void)kind;
    (void)value;
    query_check *q = cls;
    for (size_t i = 0; q->allowed[i] && i < 16; i++) {
        if (strcmp(q->allowed[i], key) == 0) {
            if (++q->seen[i] > 1) {
                q->duplicate = true;
                q->unknown = q->allowed[i];
                return MHD_NO;
            }
            return MHD_YES;
        }
    }
    q->unknown = key;
    return MHD_NO;
}

bool request_query_only(request *r, const char *const *allowed, const char **unknown)
{
    query_check q = {.allowed = allowed};
    MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, check_arg, &q);
    *unknown = q.unknown;
    return q.unknown == NULL;
}

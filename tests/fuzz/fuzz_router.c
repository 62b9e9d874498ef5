/* Fuzz target: method and path against the route table. Input: method, a NUL byte, path. */
#include "api/api.h"
#include "http/url.h"

#include "fuzz_input.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = fuzz_cstring(data, size);
    if (!buf)
        return 0;
    const char *method = buf;
    const char *path = memchr(buf, '\0', size) ? buf + strlen(buf) + 1 : "/";
    if (path > buf + size)
        path = "/";
    char *decoded = strdup(path);
    if (decoded) {
        url_unescape(decoded);
        const route *rt;
        int64_t id;
        char allow[64];
        route_match m = router_match(API_ROUTES, API_ROUTE_COUNT, method, decoded, &rt, &id, allow,
                                     sizeof allow);
        if (m == ROUTE_FOUND && strstr(rt->pattern, "{id}") && id <= 0)
            abort();
        free(decoded);
    }
    free(buf);
    return 0;
}

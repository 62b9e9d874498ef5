/* router: a linear scan of a short table; fast enough for dozens of routes and obviously right. */
#include "http/router.h"

#include "core/validate.h"

#include <stdio.h>
#include <string.h>

enum { MAX_PATH = 512 };

bool router_path_matches(const char *pattern, const char *path, int64_t *id)
{
    size_t plen = strnlen(path, MAX_PATH + 1);
    if (plen > MAX_PATH)
        return false;
    const char *p = pattern, *s = path;
    while (*p && *s) {
        if (strncmp(p, "{id}", 4) == 0) {
            size_t n = strcspn(s, "/");
            int64_t v;
            if (!id_parse(s, n, &v))
                return false;
            if (id)
                *id = v;
            p += 4;
            s += n;
            continue;
        }
        if (*p != *s)
            return false;
        p++;
        s++;
    }
    return *p == '\0' && *s == '\0';
}

route_match router_match(const route *routes, size_t count, const char *method, const char *path,
                         const route **out, int64_t *id, char *allow, size_t allow_size)
{
    bool path_known = false;
    size_t used = 0;
    if (allow_size)
        allow[0] = '\0';
    for (size_t i = 0; i < count; i++) {
        int64_t v = 0;
        if (!router_path_matches(routes[i].pattern, path, &v))
            continue;
        /* HEAD is GET without the body (libmicrohttpd drops it). */
        bool same = strcmp(routes[i].method, method) == 0 ||
                    (strcmp(method, "HEAD") == 0 && strcmp(routes[i].method, "GET") == 0);
        if (same) {
            *out = &routes[i];
            *id = v;
            return ROUTE_FOUND;
        }
        path_known = true;
        if (used < allow_size) {
            int n = snprintf(allow + used, allow_size - used, "%s%s", used ? ", " : "",
                             routes[i].method);
            if (n > 0)
                used += (size_t)n;
        }
    }
    return path_known ? ROUTE_WRONG_METHOD : ROUTE_NONE;
}

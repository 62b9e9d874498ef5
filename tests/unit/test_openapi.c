/* The OpenAPI document describes every route in the route table, and nothing else. */
#include "api/api.h"
#include "check.h"
#include "http/assets.h"

#include <ctype.h>

static void every_route_is_documented(void)
{
    const asset *doc = assets_find("/api/v1/openapi.json");
    CHECK(doc != NULL);
    if (!doc)
        return;
    json_error_t err;
    json_t *root = json_loadb((const char *)doc->data, doc->len, 0, &err);
    CHECK(root != NULL);
    json_t *paths = json_object_get(root, "paths");
    size_t documented = 0;
    const char *path;
    json_t *item;
    json_object_foreach(paths, path, item) documented += json_object_size(item);
    for (size_t i = 0; i < API_ROUTE_COUNT; i++) {
        char method[8];
        size_t n = strlen(API_ROUTES[i].method);
        for (size_t k = 0; k <= n && k < sizeof method; k++)
            method[k] = (char)tolower((unsigned char)API_ROUTES[i].method[k]);
        json_t *op = json_object_get(json_object_get(paths, API_ROUTES[i].pattern), method);
        if (!op)
            fprintf(stderr, "undocumented: %s %s\n", API_ROUTES[i].method, API_ROUTES[i].pattern);
        CHECK(op != NULL);
    }
    CHECK(documented == API_ROUTE_COUNT);
    json_decref(root);
}

int main(void)
{
    RUN(every_route_is_documented);
    return check_summary();
}

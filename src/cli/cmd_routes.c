/* cmd_routes: `schild routes` prints the API's route table (src/api/routes.c), one JSON object a
 * line. The authorisation matrix test (tests/api/authorisation_matrix.test.mjs) reads it, so that
 * the routes it checks come from the table the server really dispatches on, not from the docs: a
 * route added without a row in the declared matrix fails that test by name. */
#include "api/api.h"
#include "cli/cli.h"

#include <jansson.h>
#include <stdio.h>

static const char usage[] = "usage: schild routes\n"
                            "  Prints every route of the API as JSON Lines:\n"
                            "  {\"method\": \"GET\", \"pattern\": \"/api/v1/cases/{id}\", "
                            "\"public\": false,\n"
                            "   \"token_scopes\": [\"referral\"], \"summary\": ...}\n"
                            "  token_scopes: the API token scopes that may call the route\n"
                            "  (docs/SECURITY.md).\n";

/* The API token scopes the route admits (docs/SECURITY.md), by name. */
static json_t *token_scopes(const route *rt)
{
    json_t *scopes = json_array();
    if (rt->auth & AUTH_TOKEN_REFERRAL)
        json_array_append_new(scopes, json_string("referral"));
    if (rt->auth & AUTH_TOKEN_SIGNALS)
        json_array_append_new(scopes, json_string("signals"));
    return scopes;
}

/* One line per route; JSON through jansson so that no pattern or summary can break a line. */
static int print_route(const route *rt, FILE *out)
{
    json_t *o = json_pack("{s:s, s:s, s:b, s:o, s:s}", "method", rt->method, "pattern", rt->pattern,
                          "public", !(rt->auth & AUTH_REQUIRED), "token_scopes", token_scopes(rt),
                          "summary", rt->summary);
    if (!o)
        return -1;
    int rc = json_dumpf(o, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return rc == 0 && fputc('\n', out) != EOF ? 0 : -1;
}

int cmd_routes(int argc, char **argv)
{
    if (cli_wants_help(argc, argv))
        return fputs(usage, stdout), 0;
    if (argc > 1)
        return fputs(usage, stderr), 2;
    for (size_t i = 0; i < API_ROUTE_COUNT; i++)
        if (print_route(&API_ROUTES[i], stdout) != 0)
            return fputs("schild: could not print the route table\n", stderr), 1;
    return fflush(stdout) == 0 ? 0 : 1;
}

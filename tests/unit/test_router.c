/* The router: exact segments, {id} only as a plain positive decimal, 405 with Allow. */
#include "api/api.h"
#include "check.h"

static void ids_match_only_plain_decimals(void)
{
    int64_t id = 0;
    CHECK(router_path_matches("/api/v1/cases/{id}", "/api/v1/cases/42", &id) && id == 42);
    CHECK(router_path_matches("/api/v1/cases/{id}/triage", "/api/v1/cases/7/triage", &id) &&
          id == 7);
    CHECK(!router_path_matches("/api/v1/cases/{id}", "/api/v1/cases/0", &id));
    CHECK(!router_path_matches("/api/v1/cases/{id}", "/api/v1/cases/-1", &id));
    CHECK(!router_path_matches("/api/v1/cases/{id}", "/api/v1/cases/1e3", &id));
    CHECK(!router_path_matches("/api/v1/cases/{id}", "/api/v1/cases/", &id));
    CHECK(!router_path_matches("/api/v1/cases/{id}", "/api/v1/cases/1/", &id));
    CHECK(!router_path_matches("/api/v1/cases/{id}", "/api/v1/cases/../1", &id));
    CHECK(!router_path_matches("/api/v1/cases", "/api/v1/cases/", &id));
    CHECK(!router_path_matches("/api/v1/cases", "/api/v1/case", &id));
}

static void wrong_method_names_the_allowed_ones(void)
{
    const route *rt;
    int64_t id;
    char allow[64];
    CHECK(router_match(API_ROUTES, API_ROUTE_COUNT, "PUT", "/api/v1/cases", &rt, &id, allow,
                       sizeof allow) == ROUTE_WRONG_METHOD);
    CHECK(strstr(allow, "GET") && strstr(allow, "POST"));
    CHECK(router_match(API_ROUTES, API_ROUTE_COUNT, "GET", "/api/v1/nope", &rt, &id, allow,
                       sizeof allow) == ROUTE_NONE);
    CHECK(router_match(API_ROUTES, API_ROUTE_COUNT, "GET", "/api/v1/cases/9", &rt, &id, allow,
                       sizeof allow) == ROUTE_FOUND &&
          id == 9 && rt->handler == api_cases_get);
}

static void every_route_needs_login_except_the_public_three(void)
{
    for (size_t i = 0; i < API_ROUTE_COUNT; i++) {
        const route *rt = &API_ROUTES[i];
        bool is_public =
            strcmp(rt->pattern, "/api/v1/health") == 0 ||
            strcmp(rt->pattern, "/api/v1/openapi.json") == 0 ||
            (strcmp(rt->pattern, "/api/v1/session") == 0 && strcmp(rt->method, "POST") == 0);
        CHECK((rt->auth == AUTH_PUBLIC) == is_public);
    }
}

int main(void)
{
    RUN(ids_match_only_plain_decimals);
    RUN(wrong_method_names_the_allowed_ones);
    RUN(every_route_needs_login_except_the_public_three);
    return check_summary();
}

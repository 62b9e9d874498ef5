/* routes: every route of the API in one table. A route added here needs its row in
 * docs/AUTHORISATION.md, its entry in openapi.json (a unit test checks) and tests. */
#include "api/api.h"

const route API_ROUTES[] = {
    {"GET", "/api/v1/health", api_health_get, AUTH_PUBLIC, "Liveness"},
    {"GET", "/api/v1/openapi.json", api_openapi_get, AUTH_PUBLIC, "This API's description"},
    {"POST", "/api/v1/session", api_session_create, AUTH_PUBLIC, "Log in"},
    {"GET", "/api/v1/session", api_session_get, AUTH_REQUIRED, "The current session"},
    {"DELETE", "/api/v1/session", api_session_delete, AUTH_REQUIRED, "Log out"},
    {"GET", "/api/v1/orgs", api_orgs_list, AUTH_REQUIRED, "The organisation register"},
    {"POST", "/api/v1/cases", api_cases_create, AUTH_REQUIRED, "Refer a case"},
    {"GET", "/api/v1/cases", api_cases_list, AUTH_REQUIRED, "List visible cases"},
    {"GET", "/api/v1/cases/{id}", api_cases_get, AUTH_REQUIRED, "One case"},
    {"POST", "/api/v1/cases/{id}/triage", api_cases_triage, AUTH_REQUIRED, "Triage a case"},
    {"POST", "/api/v1/cases/{id}/information", api_cases_information, AUTH_REQUIRED,
     "Answer triage's question"},
    {"GET", "/api/v1/persons/{id}", api_persons_get, AUTH_REQUIRED, "One person"},
};

const size_t API_ROUTE_COUNT = sizeof API_ROUTES / sizeof API_ROUTES[0];

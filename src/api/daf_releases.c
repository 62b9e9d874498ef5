/* daf_releases: placeholder until the handlers land (docs/DAF.md). */
#include "api/api.h"

void api_release_request(request *r)
{
    reply_problem(r, ERR_INTERNAL, "Not built yet.");
}

void api_release_list(request *r)
{
    reply_problem(r, ERR_INTERNAL, "Not built yet.");
}

void api_release_decide(request *r)
{
    reply_problem(r, ERR_INTERNAL, "Not built yet.");
}

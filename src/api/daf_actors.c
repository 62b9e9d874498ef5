/* daf_actors: placeholder until the handlers land (docs/DAF.md). */
#include "api/api.h"

void api_actors_create(request *r)
{
    reply_problem(r, ERR_INTERNAL, "Not built yet.");
}

void api_actors_list(request *r)
{
    reply_problem(r, ERR_INTERNAL, "Not built yet.");
}

void api_actors_get(request *r)
{
    reply_problem(r, ERR_INTERNAL, "Not built yet.");
}

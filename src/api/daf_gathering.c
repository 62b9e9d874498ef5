/* daf_gathering: placeholder until the handlers land (docs/DAF.md). */
#include "api/api.h"

void api_gathering_create(request *r)
{
    reply_problem(r, ERR_INTERNAL, "Not built yet.");
}

void api_gathering_list(request *r)
{
    reply_problem(r, ERR_INTERNAL, "Not built yet.");
}

void api_orders_create(request *r)
{
    reply_problem(r, ERR_INTERNAL, "Not built yet.");
}

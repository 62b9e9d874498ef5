/* daf_search: placeholder until the handlers land (docs/DAF.md). */
#include "api/api.h"

void api_search(request *r)
{
    reply_problem(r, ERR_INTERNAL, "Not built yet.");
}

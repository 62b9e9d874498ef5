/* daf_queue: placeholder until the handlers land (docs/DAF.md). */
#include "api/api.h"

void api_daf_queue(request *r)
{
    reply_problem(r, ERR_INTERNAL, "Not built yet.");
}

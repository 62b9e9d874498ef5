/* daf_signals: placeholder until the handlers land (docs/DAF.md). */
#include "api/api.h"

#include <string.h>

void api_signals_create(request *r)
{
    reply_problem(r, ERR_INTERNAL, "Not built yet.");
}

void api_signals_list(request *r)
{
    reply_problem(r, ERR_INTERNAL, "Not built yet.");
}

void signal_validate(json_t *body, int64_t today, validation *v)
{
    (void)body;
    (void)today;
    validation_add(v, "", "not built yet");
}

void signal_from_json(json_t *body, arena *a, signal_record *out)
{
    (void)body;
    (void)a;
    memset(out, 0, sizeof *out);
}

/* daf_assessments: placeholder until the handlers land (docs/DAF.md). */
#include "api/api.h"

void api_assessments_create(request *r)
{
    reply_problem(r, ERR_INTERNAL, "Not built yet.");
}

void api_assessments_list(request *r)
{
    reply_problem(r, ERR_INTERNAL, "Not built yet.");
}

void api_assessments_get(request *r)
{
    reply_problem(r, ERR_INTERNAL, "Not built yet.");
}

void api_assessments_update(request *r)
{
    reply_problem(r, ERR_INTERNAL, "Not built yet.");
}

void api_assessments_submit(request *r)
{
    reply_problem(r, ERR_INTERNAL, "Not built yet.");
}

void api_assessments_approve(request *r)
{
    reply_problem(r, ERR_INTERNAL, "Not built yet.");
}

void api_assessments_reject(request *r)
{
    reply_problem(r, ERR_INTERNAL, "Not built yet.");
}

void assessment_validate(json_t *body, bool with_version, validation *v)
{
    (void)body;
    (void)with_version;
    validation_add(v, "", "not built yet");
}

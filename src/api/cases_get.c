/* cases_get: GET /api/v1/cases/{id}. The case leaves only after its read is in the audit trail. */
#include "api/cases_common.h"

void api_cases_get(request *r)
{
    case_record c;
    if (!case_load_visible(r, "case.read", &c))
        return;
    audit_entry e = api_audit_entry(r, "case.read", "case", c.id, "ok");
    reply_json(r, 200, case_to_json(&c, true));
    api_audit_before_reply(r, &e);
}

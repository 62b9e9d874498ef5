/* cases_get: GET /api/v1/cases/{id}. The case leaves only after its read is in the audit trail. */
#include "api/cases_common.h"
#include "api/decision_common.h"
#include "api/subject_case.h"

static db_status load_flags(storage *s, request *r, const case_record *c, void *ctx)
{
    return decision_case_flags_load(s, r, c->id, ctx);
}

void api_cases_get(request *r)
{
    case_record c;
    unsigned flags = 0;
    if (!case_load_visible_with(r, "case.read", &c, load_flags, &flags))
        return;
    audit_entry e = api_audit_entry(r, "case.read", "case", c.id, "ok");
    json_t *body = case_to_json(&c, true);
    json_object_set_new(body, "flags", flags_to_json(flags)); /* "staying current" */
    if (!break_glass_mark_read(r, &c, body, &e)) { /* access resting on a break-glass grant */
        json_decref(body);
        return;
    }
    if (!subject_case_add_json(r, &c, body)) { /* "object" / "service" of such a case */
        json_decref(body);
        return;
    }
    reply_json(r, 200, body);
    api_audit_before_reply(r, &e);
}

/* cases_get: GET /api/v1/cases/{id}. The case leaves only after its read is in the audit trail. */
#include "api/cases_common.h"
#include "api/decision_common.h"
#include "api/subject_case.h"

typedef struct flags_ctx {
    request *r;
    int64_t id;
    unsigned flags;
} flags_ctx;

static db_status flags_body(storage *s, void *arg)
{
    flags_ctx *k = arg;
    return decision_case_flags_load(s, k->r, k->id, &k->flags);
}

void api_cases_get(request *r)
{
    case_record c;
    if (!case_load_visible(r, "case.read", &c))
        return;
    audit_entry e = api_audit_entry(r, "case.read", "case", c.id, "ok");
    flags_ctx f = {r, c.id, 0};
    db_status st = storage_transact(r->app->db, TX_READ, flags_body, &f);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    json_t *body = case_to_json(&c, true);
    json_object_set_new(body, "flags", flags_to_json(f.flags)); /* "staying current" */
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

/* decisions_read: GET /api/v1/cases/{id}/decisions (newest first, without measures) and
 * GET /api/v1/decisions/{id} (with its measures). Whoever sees the case reads its decisions; a
 * case the viewer does not see answers 404. Both reads are audited before the reply leaves. */
#include "api/decision_common.h"

typedef struct list_ctx {
    request *r;
    decision_record *items;
    size_t count;
} list_ctx;

static db_status list_body(storage *s, void *arg)
{
    list_ctx *k = arg;
    return s->ops->decision_list(s, &k->r->arena, k->r->id, &k->items, &k->count);
}

void api_decisions_list(request *r)
{
    case_record c;
    if (!decision_case_visible(r, r->id, "decision.list", "case", r->id, &c))
        return;
    list_ctx k = {.r = r};
    db_status st = storage_transact(r->app->db, TX_READ, list_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < k.count; i++)
        json_array_append_new(items, decision_to_json(&k.items[i], false));
    audit_entry e = api_audit_entry(r, "decision.list", "case", c.id, "ok");
    reply_json(r, 200, json_pack("{s:o}", "items", items));
    api_audit_before_reply(r, &e);
}

typedef struct get_ctx {
    request *r;
    decision_record d;
} get_ctx;

static db_status get_body(storage *s, void *arg)
{
    get_ctx *k = arg;
    return s->ops->decision_get(s, &k->r->arena, k->r->id, &k->d);
}

void api_decisions_get(request *r)
{
    get_ctx k = {.r = r};
    db_status st = storage_transact(r->app->db, TX_READ, get_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    if (st == DB_NONE) {
        api_deny_not_found(r, "decision.read", "decision", r->id, "not_found");
        return;
    }
    case_record c;
    if (!decision_case_visible(r, k.d.case_id, "decision.read", "decision", r->id, &c))
        return;
    audit_entry e = api_audit_entry(r, "decision.read", "decision", k.d.id, "ok");
    reply_json(r, 200, decision_to_json(&k.d, true));
    api_audit_before_reply(r, &e);
}

/* worklist: GET /api/v1/worklist, what waits for the viewer's role (docs/DECISIONS.md, "Work
 * lists"): the authority its decisions due and flagged cases, the analyst cases whose assessment
 * expired or that received new information, unit leads and coordinators the open measures their
 * organisation executes, care the aftercare contacts due. Other roles have none (403). */
#include "api/decision_common.h"

#include "core/access.h"

#include <stdio.h>

typedef struct worklist_ctx {
    request *r;
    const char *authority_org; /* currency_list filter; NULL: every visible case */
    bool orders;               /* unit_lead, coordinator: the executor's measures */
    case_currency *cases;
    size_t case_count;
    measure_record *measures;
    size_t measure_count;
} worklist_ctx;

static db_status worklist_body(storage *s, void *arg)
{
    worklist_ctx *k = arg;
    request *r = k->r;
    if (k->orders)
        return s->ops->measure_list_executor(s, &r->arena, r->viewer.org, &k->measures,
                                             &k->measure_count);
    return s->ops->currency_list(s, &r->arena, &r->viewer, access_case_scope(&r->viewer),
                                 k->authority_org, decision_day_text(r, decision_today(r)),
                                 &k->cases, &k->case_count);
}

static json_t *item_json(const case_currency *cc, json_t *reasons, unsigned flags)
{
    json_t *o = json_object();
    json_object_set_new(o, "reasons", reasons);
    json_object_set_new(o, "case_id", json_integer(cc->case_id));
    json_object_set_new(o, "case_reference", json_string(cc->reference ? cc->reference : ""));
    json_object_set_new(o, "status", json_string(case_status_name(cc->status)));
    json_object_set_new(o, "urgent", json_boolean(cc->urgent));
    json_object_set_new(o, "subject", json_string(case_subject_name(cc->subject)));
    json_object_set_new(o, "flags", flags_to_json(flags));
    return o;
}

/* Which flags put a case on the role's list. */
static unsigned flags_wanted(role rl)
{
    switch (rl) {
    case ROLE_AUTHORITY:
        return ~0u;
    case ROLE_ANALYST:
        return FLAG_ASSESSMENT_EXPIRED | FLAG_NEW_INFORMATION;
    case ROLE_CARE:
        return FLAG_AFTERCARE_DUE;
    default:
        return 0;
    }
}

static json_t *case_items(request *r, const worklist_ctx *k)
{
    json_t *items = json_array();
    unsigned wanted = flags_wanted(r->viewer.role);
    for (size_t i = 0; i < k->case_count; i++) {
        const case_currency *cc = &k->cases[i];
        unsigned flags = decision_case_flags(r, cc);
        json_t *reasons = json_array();
        if (r->viewer.role == ROLE_AUTHORITY && cc->status == STATUS_DECISION)
            json_array_append_new(reasons, json_string("decision_due"));
        for (unsigned bit = 0; bit < CASE_FLAG_COUNT; bit++)
            if (flags & wanted & (1u << bit))
                json_array_append_new(reasons, json_string(case_flag_name(bit)));
        if (json_array_size(reasons))
            json_array_append_new(items, item_json(cc, reasons, flags));
        else
            json_decref(reasons);
    }
    return items;
}

/* "cases=3,5 measures=12": what the list disclosed. */
static const char *disclosed(request *r, const worklist_ctx *k)
{
    size_t n = k->orders ? k->measure_count : k->case_count;
    size_t cap = 16 + n * 21, used = 0;
    char *out = arena_alloc(&r->arena, cap);
    if (!out)
        return "";
    used = (size_t)snprintf(out, cap, "%s=", k->orders ? "measures" : "cases");
    for (size_t i = 0; i < n && used < cap; i++)
        used += (size_t)snprintf(out + used, cap - used, "%s%lld", i ? "," : "",
                                 (long long)(k->orders ? k->measures[i].id : k->cases[i].case_id));
    return out;
}

void api_worklist(request *r)
{
    role rl = r->viewer.role;
    worklist_ctx k = {.r = r};
    k.orders = rl == ROLE_UNIT_LEAD || rl == ROLE_COORDINATOR;
    if (!k.orders && rl != ROLE_AUTHORITY && rl != ROLE_ANALYST && rl != ROLE_CARE) {
        api_deny_forbidden(r, "worklist.read", "worklist", 0, "Your role has no work list.");
        return;
    }
    if (rl == ROLE_AUTHORITY)
        k.authority_org = r->viewer.org;
    db_status st = storage_transact(r->app->db, TX_READ, worklist_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    json_t *orders = json_array();
    for (size_t i = 0; i < k.measure_count; i++)
        json_array_append_new(orders, measure_to_json(&k.measures[i]));
    json_t *body = json_object();
    json_object_set_new(body, "role", json_string(role_name(rl)));
    json_object_set_new(body, "items", k.orders ? json_array() : case_items(r, &k));
    json_object_set_new(body, "orders", orders);
    audit_entry e = api_audit_entry(r, "worklist.read", "worklist", 0, "ok");
    e.detail = disclosed(r, &k);
    reply_json(r, 200, body);
    api_audit_before_reply(r, &e);
}

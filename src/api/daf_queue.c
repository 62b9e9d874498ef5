/* daf_queue: GET /api/v1/daf/queue, the analyst's work list over the cases they see, most urgent
 * first (docs/DAF.md, "The DAF work queue"): assessments to review, final assessments expired or
 * expiring, cases with signals recorded after the last approval, and cases in assessment that
 * have no final assessment yet. Need-to-know is part of the storage query. */
#include "api/daf_assessment.h"

#include "core/access.h"
#include "core/daf_config.h"

#include <stdio.h>

static const char *reason_name(daf_queue_reason reason)
{
    switch (reason) {
    case QUEUE_REVIEW:
        return "review";
    case QUEUE_VALIDITY_ENDING:
        return "validity_ending";
    case QUEUE_NEW_SIGNALS:
        return "new_signals";
    case QUEUE_FIRST_ASSESSMENT:
        return "first_assessment";
    }
    return "unknown";
}

static json_t *item_json(const daf_queue_item *q)
{
    json_t *o = json_object();
    json_object_set_new(o, "reason", json_string(reason_name(q->reason)));
    json_object_set_new(o, "case_id", json_integer(q->case_id));
    json_object_set_new(o, "case_reference",
                        q->case_reference ? json_string(q->case_reference) : json_null());
    json_object_set_new(o, "urgent", json_boolean(q->urgent));
    json_object_set_new(o, "phenomenon", json_string(phenomenon_name(q->phenomenon)));
    json_object_set_new(o, "assessment_id",
                        q->assessment_id ? json_integer(q->assessment_id) : json_null());
    json_object_set_new(o, "since", q->since ? json_string(q->since) : json_null());
    json_object_set_new(o, "valid_until",
                        q->valid_until ? json_string(q->valid_until) : json_null());
    json_object_set_new(o, "new_signals", json_integer(q->new_signals));
    return o;
}

typedef struct queue_ctx {
    request *r;
    const char *today;
    daf_queue_item *items;
    size_t count;
} queue_ctx;

static db_status queue_body(storage *s, void *arg)
{
    queue_ctx *k = arg;
    return s->ops->daf_queue(s, &k->r->arena, &k->r->viewer, access_case_scope(&k->r->viewer),
                             k->today, k->r->app->daf.reassessment_warning_days, &k->items,
                             &k->count);
}

/* "cases=3,5,8": which cases the queue disclosed (each once per item). */
static const char *disclosed_cases(request *r, const queue_ctx *k)
{
    size_t cap = 8 + k->count * 21, used = 0;
    char *out = arena_alloc(&r->arena, cap);
    if (!out)
        return "";
    used += (size_t)snprintf(out, cap, "cases=");
    for (size_t i = 0; i < k->count && used < cap; i++)
        used += (size_t)snprintf(out + used, cap - used, "%s%lld", i ? "," : "",
                                 (long long)k->items[i].case_id);
    return out;
}

void api_daf_queue(request *r)
{
    static const char *const allowed[] = {NULL};
    const char *unknown;
    if (!request_query_only(r, allowed, &unknown)) {
        reply_problem(r, ERR_BAD_REQUEST, "The queue takes no query parameters.");
        return;
    }
    if (r->viewer.role != ROLE_ANALYST) {
        api_deny_forbidden(r, "daf.queue", "daf_queue", 0, "The DAF work queue is for analysts.");
        return;
    }
    queue_ctx k = {.r = r, .today = daf_today_text(r)};
    db_status st = storage_transact(r->app->db, TX_READ, queue_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < k.count; i++)
        json_array_append_new(items, item_json(&k.items[i]));
    json_t *o = json_object();
    json_object_set_new(o, "items", items);
    audit_entry e = api_audit_entry(r, "daf.queue", "daf_queue", 0, "ok");
    e.detail = disclosed_cases(r, &k);
    reply_json(r, 200, o);
    api_audit_before_reply(r, &e);
}

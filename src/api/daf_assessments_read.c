/* daf_assessments_read: GET /api/v1/cases/{id}/assessments (a case's assessments, newest first)
 * and GET /api/v1/assessments/{id} (the review view, with its diff against the case's current
 * final assessment). Whoever sees the case reads its final (and superseded) assessments; drafts,
 * submitted and rejected ones are work in progress of the threat analysis function and only its
 * analysts read them, so that nobody acts on an assessment that has not passed four eyes. The
 * answer leaves after its audit entry. */
#include "api/daf_assessment.h"

#include "core/access.h"

/* Whether the viewer may read this assessment of a case they can see. */
static bool assessment_readable(const viewer *v, const assessment_record *a)
{
    return v->role == ROLE_ANALYST || a->status == ASSESSMENT_FINAL ||
           a->status == ASSESSMENT_SUPERSEDED;
}

typedef struct list_ctx {
    request *r;
    case_record c;
    assessment_record *items;
    size_t count;
} list_ctx;

static db_status list_body(storage *s, void *arg)
{
    list_ctx *k = arg;
    db_status st = s->ops->case_get(s, &k->r->arena, k->r->id, &k->c);
    if (st <= 0)
        return st;
    if ((st = s->ops->assessment_list(s, &k->r->arena, k->r->id, &k->items, &k->count)) < 0)
        return st;
    return DB_ONE;
}

void api_assessments_list(request *r)
{
    list_ctx k = {.r = r};
    db_status st = storage_transact(r->app->db, TX_READ, list_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    if (st == DB_NONE) {
        api_deny_not_found(r, "assessment.read", "case", r->id, "not_found");
        return;
    }
    if (!access_case_visible(&r->viewer, &k.c)) {
        api_deny_not_found(r, "assessment.read", "case", r->id, "denied");
        return;
    }
    const char *today = daf_today_text(r);
    json_t *items = json_array();
    size_t shown = 0;
    for (size_t i = 0; i < k.count; i++) {
        if (!assessment_readable(&r->viewer, &k.items[i]))
            continue;
        json_array_append_new(items, assessment_to_json(&k.items[i], &r->app->daf, today));
        shown++;
    }
    json_t *o = json_object();
    json_object_set_new(o, "items", items);
    audit_entry e = api_audit_entry(r, "assessment.read", "case", r->id, "ok");
    e.detail = arena_printf(&r->arena, "list count=%zu", shown);
    reply_json(r, 200, o);
    api_audit_before_reply(r, &e);
}

void api_assessments_get(request *r)
{
    assessment_record a, final;
    case_record c;
    if (!assessment_load(r, NULL, "assessment.read", &a, &c, &final))
        return;
    if (!assessment_readable(&r->viewer, &a)) {
        api_deny_forbidden(r, "assessment.read", "assessment", a.id,
                           "Until it is final, an assessment is read by analysts only.");
        return;
    }
    const char *today = daf_today_text(r);
    json_t *o = assessment_to_json(&a, &r->app->daf, today);
    assessment_add_diff(o, &a, &final, &r->app->daf, today);
    audit_entry e = api_audit_entry(r, "assessment.read", "assessment", a.id, "ok");
    reply_json(r, 200, o);
    api_audit_before_reply(r, &e);
}

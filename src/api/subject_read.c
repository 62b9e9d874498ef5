/* subject_read: GET of one object or service and of a page of them (objects.c, services.c).
 * Both read the same way: one is visible through its case's need-to-know (404, audited, when
 * not), a page holds those of cases the viewer sees; every read is audited, a page with the ids
 * it disclosed. The kind's descriptor says how to load and show its records. */
#include "api/subject_case.h"

#include "core/access.h"

typedef struct one_ctx {
    request *r;
    const subject_kind_api *kind;
    void *rec;
    case_record c;
} one_ctx;

static db_status one_body(storage *s, void *arg)
{
    one_ctx *k = arg;
    db_status st = k->kind->get(s, k->r, k->r->id, k->rec);
    if (st <= 0)
        return st;
    return s->ops->case_get(s, &k->r->arena, k->kind->case_of(k->rec), &k->c);
}

void subject_read_one(request *r, const subject_kind_api *kind)
{
    one_ctx k = {.r = r, .kind = kind, .rec = arena_alloc(&r->arena, kind->record_size)};
    if (!k.rec) {
        reply_problem(r, ERR_UNAVAILABLE, NULL);
        return;
    }
    db_status st = storage_transact(r->app->db, TX_READ, one_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    if (st == DB_NONE || !access_case_visible(&r->viewer, &k.c)) {
        api_deny_not_found(r, kind->read_action, kind->name, r->id,
                           st == DB_NONE ? "not_found" : "denied");
        return;
    }
    audit_entry e = api_audit_entry(r, kind->read_action, kind->name, r->id, "ok");
    reply_json(r, 200, kind->to_json(k.rec));
    api_audit_before_reply(r, &e);
}

typedef struct page_ctx {
    request *r;
    const subject_kind_api *kind;
    int64_t page, per_page, total;
    void *items;
    size_t count;
} page_ctx;

static db_status page_body(storage *s, void *arg)
{
    page_ctx *k = arg;
    return k->kind->list(s, k->r, k->page, k->per_page, &k->items, &k->count, &k->total);
}

void subject_read_page(request *r, const subject_kind_api *kind)
{
    page_ctx k = {.r = r, .kind = kind};
    if (!subject_page_query(r, &k.page, &k.per_page))
        return;
    if (access_case_scope(&r->viewer) == SCOPE_NONE) {
        api_deny_forbidden(r, kind->list_action, kind->name, 0, "Your role sees no case content.");
        return;
    }
    db_status st = storage_transact(r->app->db, TX_READ, page_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    json_t *items = json_array();
    int64_t *ids = arena_alloc(&r->arena, (k.count ? k.count : 1) * sizeof *ids);
    for (size_t i = 0; i < k.count; i++) {
        const void *rec = (const char *)k.items + i * kind->record_size;
        json_array_append_new(items, kind->to_json(rec));
        if (ids)
            ids[i] = kind->id_of(rec);
    }
    audit_entry e = api_audit_entry(r, kind->list_action, kind->name, 0, "ok");
    e.detail = ids ? subject_disclosed_ids(r, ids, k.count) : "";
    reply_json(r, 200,
               json_pack("{s:o,s:I,s:I,s:I}", "items", items, "page", (json_int_t)k.page,
                         "per_page", (json_int_t)k.per_page, "total", (json_int_t)k.total));
    api_audit_before_reply(r, &e);
}

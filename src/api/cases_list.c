/* cases_list: GET /api/v1/cases, the triage queue and every other list of cases. Need-to-know
 * is applied in the query itself, so counts and pages never include what the viewer may not
 * see. The ids disclosed are recorded in the audit entry. */
#include "api/api.h"
#include "api/decision_common.h"

#include "core/access.h"
#include "core/validate.h"

#include <string.h>

static bool parse_sort(const char *s, case_sort *out)
{
    static const struct {
        const char *name;
        case_sort sort;
    } sorts[] = {{"triage", SORT_TRIAGE},
                 {"newest", SORT_NEWEST},
                 {"oldest", SORT_OLDEST},
                 {"reference", SORT_REFERENCE}};
    for (size_t i = 0; i < sizeof sorts / sizeof sorts[0]; i++)
        if (strcmp(s, sorts[i].name) == 0) {
            *out = sorts[i].sort;
            return true;
        }
    return false;
}

/* Reads and checks the query string into q; adds per-parameter errors to v. */
static void parse_query(request *r, validation *v, case_query *q)
{
    const char *s;
    q->status = STATUS_NONE;
    q->page = 1;
    q->per_page = DEFAULT_PAGE_SIZE;
    if ((s = request_query(r, "status")) && (q->status = case_status_parse(s)) == STATUS_NONE)
        validation_add(v, "status",
                       "must be one of referred, assessment, decision, protection, closed");
    q->sort = q->status == STATUS_REFERRED ? SORT_TRIAGE : SORT_NEWEST;
    if ((s = request_query(r, "sort")) && !parse_sort(s, &q->sort))
        validation_add(v, "sort", "must be one of triage, newest, oldest, reference");
    if ((s = request_query(r, "page")) && !int_parse(s, 1, 1000000, &q->page))
        validation_add(v, "page", "must be an integer from 1 to 1000000");
    if ((s = request_query(r, "per_page")) && !int_parse(s, 1, MAX_PAGE_SIZE, &q->per_page))
        validation_add(v, "per_page", "must be an integer from 1 to 100");
}

typedef struct list_ctx {
    request *r;
    case_query q;
    case_record *cases;
    size_t count;
    int64_t total;
    unsigned *flags; /* per listed case ("staying current") */
} list_ctx;

static db_status list_body(storage *s, void *arg)
{
    list_ctx *k = arg;
    db_status st =
        s->ops->case_list(s, &k->r->arena, &k->q, &k->r->viewer, access_case_scope(&k->r->viewer),
                          &k->cases, &k->count, &k->total);
    if (st < 0)
        return st;
    k->flags = arena_alloc(&k->r->arena, (k->count + 1) * sizeof *k->flags);
    if (!k->flags)
        return DB_HARD_ERROR;
    for (size_t i = 0; i < k->count; i++)
        if ((st = decision_case_flags_load(s, k->r, k->cases[i].id, &k->flags[i])) < 0)
            return st;
    return DB_ONE;
}

/* "ids=3,5,8": which cases this list disclosed. */
static const char *disclosed_ids(request *r, const list_ctx *k)
{
    size_t cap = 8 + k->count * 20, used = 0;
    char *out = arena_alloc(&r->arena, cap);
    if (!out)
        return "";
    used += (size_t)snprintf(out, cap, "ids=");
    for (size_t i = 0; i < k->count && used < cap; i++)
        used += (size_t)snprintf(out + used, cap - used, "%s%lld", i ? "," : "",
                                 (long long)k->cases[i].id);
    return out;
}

void api_cases_list(request *r)
{
    static const char *const allowed[] = {"status", "sort", "page", "per_page", NULL};
    const char *unknown;
    if (!request_query_only(r, allowed, &unknown)) {
        reply_problem(r, ERR_BAD_REQUEST, "Unknown or repeated query parameter.");
        return;
    }
    if (access_case_scope(&r->viewer) == SCOPE_NONE) {
        reply_problem(r, ERR_FORBIDDEN, "Your role sees no case content.");
        return;
    }
    validation v;
    validation_init(&v);
    list_ctx k = {.r = r};
    parse_query(r, &v, &k.q);
    if (!api_valid_query(r, &v)) {
        validation_clear(&v);
        return;
    }
    validation_clear(&v);
    db_status st = storage_transact(r->app->db, TX_READ, list_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    audit_entry e = api_audit_entry(r, "case.list", "case", 0, "ok");
    e.detail = disclosed_ids(r, &k);
    json_t *items = json_array();
    for (size_t i = 0; i < k.count; i++) {
        json_t *o = case_to_json(&k.cases[i], false);
        json_object_set_new(o, "flags", flags_to_json(k.flags[i]));
        json_array_append_new(items, o);
    }
    json_t *body = json_object();
    json_object_set_new(body, "items", items);
    json_object_set_new(body, "page", json_integer(k.q.page));
    json_object_set_new(body, "per_page", json_integer(k.q.per_page));
    json_object_set_new(body, "total", json_integer(k.total));
    reply_json(r, 200, body);
    api_audit_before_reply(r, &e);
}

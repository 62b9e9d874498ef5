/* daf_search: GET /api/v1/search. The visibility rules travel into the storage query (case
 * scope, compartment masks, originator control, releases), so results, snippets and the capped
 * count only ever involve what the viewer may read. The snippet's match markers become segments
 * so that no markup from the data reaches a page. The query is recorded in the audit entry:
 * a search is a consultation (Police Data Act art. 32a). */
#include "api/daf_common.h"

#include "core/access.h"
#include "core/daf_config.h"

#include <string.h>

enum { MAX_QUERY_LEN = 200, MARK_OPEN = 0x02, MARK_CLOSE = 0x03 };

static const char *const kinds[] = {"signal", "case", "person", "actor"};

static search_kind kind_parse(const char *s)
{
    for (int i = 0; i < SEARCH__COUNT; i++)
        if (strcmp(kinds[i], s) == 0)
            return (search_kind)i;
    return SEARCH_ANY;
}

static const char *date_param(request *r, validation *v, const char *name)
{
    const char *s = request_query(r, name);
    int64_t days;
    if (s && !date_parse(s, &days)) {
        validation_add(v, name, "must be a date YYYY-MM-DD");
        return NULL;
    }
    return s;
}

/* Reads and checks the query string; adds per-parameter errors to v. */
static void parse_query(request *r, validation *v, search_query *q)
{
    const char *s;
    *q = (search_query){.kind = SEARCH_ANY,
                        .compartment = COMPARTMENT_NONE,
                        .source_grade = SOURCE_NONE,
                        .info_grade = INFO_NONE,
                        .phenomenon = PHENOMENON_NONE,
                        .page = 1,
                        .per_page = DEFAULT_PAGE_SIZE};
    q->text = request_query(r, "q");
    if (!q->text || !text_valid(q->text, 1, MAX_QUERY_LEN, false))
        validation_add(v, "q", "is required: 1 to 200 characters of text");
    if ((s = request_query(r, "kind")) && (q->kind = kind_parse(s)) == SEARCH_ANY)
        validation_add(v, "kind", "must be one of signal, case, person, actor");
    if ((s = request_query(r, "compartment")) &&
        (q->compartment = compartment_parse(s)) == COMPARTMENT_NONE)
        validation_add(v, "compartment", "is not a known compartment");
    if ((s = request_query(r, "source_grade")) &&
        (q->source_grade = source_grade_parse(s)) == SOURCE_NONE)
        validation_add(v, "source_grade", "must be one of A, B, C, X");
    if ((s = request_query(r, "info_grade")) && (q->info_grade = info_grade_parse(s)) == INFO_NONE)
        validation_add(v, "info_grade", "must be one of 1, 2, 3, 4");
    if ((s = request_query(r, "phenomenon")) &&
        (q->phenomenon = phenomenon_parse(s)) == PHENOMENON_NONE)
        validation_add(v, "phenomenon", "is not a known phenomenon");
    q->from = date_param(r, v, "from");
    q->to = date_param(r, v, "to");
    if ((s = request_query(r, "page")) && !int_parse(s, 1, 1000, &q->page))
        validation_add(v, "page", "must be an integer from 1 to 1000");
    if ((s = request_query(r, "per_page")) && !int_parse(s, 1, MAX_PAGE_SIZE, &q->per_page))
        validation_add(v, "per_page", "must be an integer from 1 to 100");
}

/* "before \x02match\x03 after" -> [{"text": "before ", "match": false}, ...]. */
static json_t *snippet_segments(const char *snippet)
{
    json_t *out = json_array();
    const char *p = snippet ? snippet : "";
    bool match = false;
    while (*p) {
        size_t n = strcspn(p, "\x02\x03");
        if (n > 0)
            json_array_append_new(out, json_pack("{s:s%, s:b}", "text", p, n, "match", match));
        p += n;
        if (*p == MARK_OPEN || *p == MARK_CLOSE) {
            match = *p == MARK_OPEN;
            p++;
        }
    }
    return out;
}

static json_t *hit_to_json(const search_hit *h)
{
    json_t *o = json_object();
    json_object_set_new(o, "kind", json_string(kinds[h->kind]));
    json_object_set_new(o, "id", json_integer(h->id));
    json_object_set_new(o, "case_id", h->case_id ? json_integer(h->case_id) : json_null());
    json_object_set_new(o, "case_reference",
                        h->case_reference ? json_string(h->case_reference) : json_null());
    json_object_set_new(o, "title", json_string(h->title ? h->title : ""));
    json_object_set_new(o, "date", json_string(h->date ? h->date : ""));
    json_object_set_new(o, "snippet", snippet_segments(h->snippet));
    if (h->kind == SEARCH_SIGNAL) {
        json_object_set_new(o, "compartment", json_string(compartment_name(h->compartment)));
        json_object_set_new(o, "source_grade", json_string(source_grade_name(h->source_grade)));
        json_object_set_new(o, "info_grade", json_string(info_grade_name(h->info_grade)));
    }
    return o;
}

typedef struct search_ctx {
    request *r;
    search_query q;
    signal_access acc;
    search_hit *hits;
    size_t count;
    int64_t total;
} search_ctx;

static db_status search_body(storage *s, void *arg)
{
    search_ctx *k = arg;
    return s->ops->search(s, &k->r->arena, &k->q, &k->r->viewer, access_case_scope(&k->r->viewer),
                          &k->acc, &k->hits, &k->count, &k->total);
}

void api_search(request *r)
{
    static const char *const allowed[] = {"q",          "kind",       "compartment", "source_grade",
                                          "info_grade", "phenomenon", "from",        "to",
                                          "page",       "per_page",   NULL};
    const char *unknown;
    if (!request_query_only(r, allowed, &unknown)) {
        reply_problem(r, ERR_BAD_REQUEST, "Unknown or repeated query parameter.");
        return;
    }
    if (access_case_scope(&r->viewer) == SCOPE_NONE) {
        reply_problem(r, ERR_FORBIDDEN, "Your role sees no case content.");
        return;
    }
    search_ctx k = {.r = r};
    validation v;
    validation_init(&v);
    parse_query(r, &v, &k.q);
    bool valid = api_valid_query(r, &v);
    validation_clear(&v);
    if (!valid)
        return;
    daf_readable_compartments(&r->app->daf, r->viewer.role, &k.acc.any_org, &k.acc.own_org);
    db_status st = storage_transact(r->app->db, TX_READ, search_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    bool capped = k.total > SEARCH_COUNT_CAP;
    json_t *items = json_array();
    for (size_t i = 0; i < k.count; i++)
        json_array_append_new(items, hit_to_json(&k.hits[i]));
    json_t *body =
        json_pack("{s:o, s:I, s:b, s:I, s:I}", "items", items, "total",
                  (json_int_t)(capped ? SEARCH_COUNT_CAP : k.total), "total_capped", capped, "page",
                  (json_int_t)k.q.page, "per_page", (json_int_t)k.q.per_page);
    audit_entry e = api_audit_entry(r, "search", "search", 0, "ok");
    e.detail = arena_printf(&r->arena, "q=%s hits=%zu", k.q.text, k.count);
    reply_json(r, 200, body);
    api_audit_before_reply(r, &e);
}

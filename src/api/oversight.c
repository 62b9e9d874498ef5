/* oversight: the privacy officer's views (who read or changed a case or person, disclosures to
 * other organisations, gathering past the intrusion threshold) and the audit trail for the
 * privacy officer and the inspector (docs/OVERSIGHT.md). Everything here is read-only and reads
 * through the audit trail or plain counts, never through a case's content; every call is itself
 * audited, so the privacy officer's own reads are in the trail they read. */
#include "api/oversight.h"

#include "api/daf_common.h"
#include "core/validate.h"

#include <string.h>

enum { ACCESS_DEFAULT_DAYS = 366 };

enum { MAX_PAGE = 1000, MAX_MERGED_PAGE = 40, MAX_ACTION_LEN = 64 };

/* ---- shared by the views ---- */

bool oversight_allowed(request *r, const char *action, bool inspector_too)
{
    role ro = r->viewer.role;
    if (ro == ROLE_PRIVACY_OFFICER || (inspector_too && ro == ROLE_INSPECTOR))
        return true;
    api_deny_forbidden(r, action, "oversight", 0,
                       inspector_too ? "Only the privacy officer and the inspector see this."
                                     : "Only the privacy officer sees this.");
    return false;
}

bool oversight_query_only(request *r, const char *const *allowed)
{
    const char *unknown;
    if (request_query_only(r, allowed, &unknown))
        return true;
    reply_problem(r, ERR_BAD_REQUEST, "Unknown or repeated query parameter.");
    return false;
}

void oversight_page(request *r, validation *v, int64_t max_page, int64_t *page, int64_t *per_page)
{
    const char *s;
    *page = 1;
    *per_page = DEFAULT_PAGE_SIZE;
    if ((s = request_query(r, "page")) && !int_parse(s, 1, max_page, page))
        validation_add(
            v, "page",
            arena_printf(&r->arena, "must be an integer from 1 to %lld", (long long)max_page));
    if ((s = request_query(r, "per_page")) && !int_parse(s, 1, MAX_PAGE_SIZE, per_page))
        validation_add(v, "per_page", "must be an integer from 1 to 100");
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

void oversight_dates(request *r, validation *v, const char **from, const char **to)
{
    *from = date_param(r, v, "from");
    *to = date_param(r, v, "to");
    if (*from && *to && strcmp(*from, *to) > 0) /* YYYY-MM-DD compares as text */
        validation_add(v, "to", "must not be before from");
}

bool oversight_action_valid(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > MAX_ACTION_LEN)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_'))
            return false;
    }
    return true;
}

static json_t *str_or_empty(const char *s)
{
    return json_string(s ? s : "");
}

json_t *oversight_entry_json(const audit_row *row, bool with_hashes)
{
    const audit_entry *e = &row->entry;
    json_t *o = json_object();
    json_object_set_new(o, "seq", json_integer(e->seq));
    json_object_set_new(o, "at", str_or_empty(e->at));
    json_object_set_new(o, "username", str_or_empty(e->username));
    json_object_set_new(o, "org", str_or_empty(e->org));
    json_object_set_new(o, "role", str_or_empty(e->role));
    json_object_set_new(o, "action", str_or_empty(e->action));
    json_object_set_new(o, "object_type", str_or_empty(e->object_type));
    json_object_set_new(o, "object_id", str_or_empty(e->object_id));
    json_object_set_new(o, "purpose", str_or_empty(e->purpose));
    json_object_set_new(o, "outcome", str_or_empty(e->outcome));
    json_object_set_new(o, "detail", str_or_empty(e->detail));
    if (with_hashes) {
        json_object_set_new(o, "prev_hash", str_or_empty(row->prev_hash));
        json_object_set_new(o, "hash", str_or_empty(row->hash));
    }
    return o;
}

json_t *oversight_page_json(json_t *items, int64_t total, int64_t page, int64_t per_page)
{
    return json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total, "page",
                     (json_int_t)page, "per_page", (json_int_t)per_page);
}

/* Validates the collected query problems; answers 400 itself. */
static bool query_valid(request *r, validation *v)
{
    bool ok = api_valid_query(r, v);
    validation_clear(v);
    return ok;
}

/* ---- GET /api/v1/oversight/access ---- */

typedef struct access_ctx {
    request *r;
    bool person;
    int64_t id;
    audit_filter f;
    int64_t *case_ids;
    size_t case_count;
    audit_row *rows;
    size_t count;
    int64_t total;
} access_ctx;

/* A person's entries include those on every case the person is in (an unknown person is in
 * none: the privacy officer may ask about anything, and gets an empty list). */
static db_status access_body(storage *s, void *arg)
{
    access_ctx *k = arg;
    k->case_count = 0;
    if (k->person) {
        case_record *cases;
        size_t n;
        db_status st = s->ops->person_cases(s, &k->r->arena, k->id, &cases, &n);
        if (st < 0)
            return st;
        k->case_ids = arena_alloc(&k->r->arena, (n ? n : 1) * sizeof *k->case_ids);
        if (!k->case_ids)
            return DB_HARD_ERROR;
        for (size_t i = 0; i < n && i < AUDIT_FILTER_MAX_CASES; i++)
            k->case_ids[k->case_count++] = cases[i].id;
    }
    k->f.case_ids = k->case_ids;
    k->f.case_count = k->case_count;
    return s->ops->audit_query(s, &k->r->arena, &k->f, &k->rows, &k->count, &k->total);
}

static void access_parse(request *r, validation *v, access_ctx *k)
{
    const char *type = request_query(r, "object_type");
    const char *id = request_query(r, "object_id");
    if (!type || (strcmp(type, "case") != 0 && strcmp(type, "person") != 0))
        validation_add(v, "object_type", "is required: case or person");
    if (!id || !id_parse(id, strlen(id), &k->id))
        validation_add(v, "object_id", "is required: a positive integer");
    k->person = type && strcmp(type, "person") == 0;
    k->f.object_type = k->person ? "person" : "case";
    k->f.object_id = id;
    oversight_dates(r, v, &k->f.from, &k->f.to);
    /* The trail has no index by object (every audited read would pay for it: migration 10), so
     * the search reads a window of it: the last year unless the dates say otherwise. */
    if (!k->f.from)
        k->f.from = daf_day_text(r, -ACCESS_DEFAULT_DAYS);
    oversight_page(r, v, MAX_PAGE, &k->f.page, &k->f.per_page);
}

void api_oversight_access(request *r)
{
    static const char *const allowed[] = {"object_type", "object_id", "from", "to",
                                          "page",        "per_page",  NULL};
    if (!oversight_allowed(r, "oversight.access", false) || !oversight_query_only(r, allowed))
        return;
    access_ctx k = {.r = r};
    validation v;
    validation_init(&v);
    access_parse(r, &v, &k);
    if (!query_valid(r, &v))
        return;
    db_status st = storage_transact(r->app->db, TX_READ, access_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    json_t *items = json_array(), *cases = json_array();
    for (size_t i = 0; i < k.count; i++)
        json_array_append_new(items, oversight_entry_json(&k.rows[i], false));
    for (size_t i = 0; i < k.case_count; i++)
        json_array_append_new(cases, json_integer(k.case_ids[i]));
    json_t *body = oversight_page_json(items, k.total, k.f.page, k.f.per_page);
    json_object_set_new(body, "object",
                        json_pack("{s:s, s:I}", "type", k.f.object_type, "id", (json_int_t)k.id));
    json_object_set_new(body, "case_ids", cases);
    json_object_set_new(body, "from", json_string(k.f.from));
    audit_entry e = api_audit_entry(r, "oversight.access", k.f.object_type, k.id, "ok");
    e.detail =
        arena_printf(&r->arena, "from=%s to=%s page=%lld entries=%zu", k.f.from ? k.f.from : "",
                     k.f.to ? k.f.to : "", (long long)k.f.page, k.count);
    reply_json(r, 200, body);
    api_audit_before_reply(r, &e);
}

/* ---- GET /api/v1/oversight/disclosures ---- */

/* Releases come from release_requests, exports and decision letters from the trail; one list
 * newest first. Page p of the merged list lies within the first p * per_page of each source, so
 * both are read that far and merged (pages are capped at MAX_MERGED_PAGE to bound that). */
typedef struct disclosure_ctx {
    request *r;
    const char *from, *to;
    int64_t page, per_page;
    release_record *releases;
    size_t release_count;
    int64_t release_total;
    audit_row *exports;
    size_t export_count;
    int64_t export_total;
} disclosure_ctx;

static db_status disclosure_body(storage *s, void *arg)
{
    disclosure_ctx *k = arg;
    int64_t depth = k->page * k->per_page;
    db_status st =
        s->ops->release_list_approved(s, &k->r->arena, k->from, k->to, 0, depth, &k->releases,
                                      &k->release_count, &k->release_total);
    if (st < 0)
        return st;
    audit_filter f = {.actions = {"audit.export", "decision.letter"},
                      .outcome = "ok",
                      .from = k->from,
                      .to = k->to,
                      .page = 1,
                      .per_page = depth};
    return s->ops->audit_query(s, &k->r->arena, &f, &k->exports, &k->export_count,
                               &k->export_total);
}

static json_t *release_disclosure_json(const release_record *rel)
{
    json_t *o = json_object();
    json_object_set_new(o, "kind", json_string("release"));
    json_object_set_new(o, "at", str_or_empty(rel->decided_at));
    json_object_set_new(o, "release_id", json_integer(rel->id));
    json_object_set_new(o, "signal_id", json_integer(rel->signal_id));
    json_object_set_new(o, "case_id", json_integer(rel->case_id));
    json_object_set_new(o, "originator_org", str_or_empty(rel->source_org));
    json_object_set_new(o, "recipient",
                        who_to_json(rel->requested_by_username, rel->requested_by_org));
    /* The decider belongs to the originator: only its users decide (docs/DAF.md). */
    json_object_set_new(o, "decided_by", who_to_json(rel->decided_by_username, rel->source_org));
    json_object_set_new(o, "reason", str_or_empty(rel->reason));
    json_object_set_new(o, "decision_note", str_or_empty(rel->decision_note));
    json_object_set_new(o, "requested_at", str_or_empty(rel->requested_at));
    return o;
}

static json_t *export_disclosure_json(const audit_row *row)
{
    const audit_entry *e = &row->entry;
    bool letter = strcmp(e->action, "decision.letter") == 0;
    json_t *o = json_object();
    json_object_set_new(o, "kind", json_string(letter ? "decision_letter" : "audit_export"));
    json_object_set_new(o, "at", str_or_empty(e->at));
    json_object_set_new(o, "seq", json_integer(e->seq));
    json_object_set_new(
        o, "by",
        json_pack("{s:s, s:s, s:s}", "username", e->username, "org", e->org, "role", e->role));
    json_object_set_new(o, "object_type", str_or_empty(e->object_type));
    json_object_set_new(o, "object_id", str_or_empty(e->object_id));
    json_object_set_new(o, "detail", str_or_empty(e->detail));
    return o;
}

/* Merges the two newest-first lists and keeps the requested page. */
static json_t *disclosure_items(const disclosure_ctx *k)
{
    json_t *items = json_array();
    int64_t skip = (k->page - 1) * k->per_page, taken = 0;
    size_t i = 0, j = 0;
    while ((i < k->release_count || j < k->export_count) && taken < k->per_page) {
        bool release_first = j >= k->export_count ||
                             (i < k->release_count &&
                              strcmp(k->releases[i].decided_at ? k->releases[i].decided_at : "",
                                     k->exports[j].entry.at) >= 0);
        json_t *item = NULL;
        if (skip == 0)
            item = release_first ? release_disclosure_json(&k->releases[i])
                                 : export_disclosure_json(&k->exports[j]);
        release_first ? i++ : j++;
        if (item) {
            json_array_append_new(items, item);
            taken++;
        } else {
            skip--;
        }
    }
    return items;
}

void api_oversight_disclosures(request *r)
{
    static const char *const allowed[] = {"from", "to", "page", "per_page", NULL};
    if (!oversight_allowed(r, "oversight.disclosures", false) || !oversight_query_only(r, allowed))
        return;
    disclosure_ctx k = {.r = r};
    validation v;
    validation_init(&v);
    oversight_dates(r, &v, &k.from, &k.to);
    oversight_page(r, &v, MAX_MERGED_PAGE, &k.page, &k.per_page);
    if (!query_valid(r, &v))
        return;
    db_status st = storage_transact(r->app->db, TX_READ, disclosure_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    json_t *items = disclosure_items(&k);
    size_t shown = json_array_size(items);
    json_t *body = oversight_page_json(items, k.release_total + k.export_total, k.page, k.per_page);
    audit_entry e = api_audit_entry(r, "oversight.disclosures", "oversight", 0, "ok");
    e.detail = arena_printf(&r->arena, "from=%s to=%s page=%lld items=%zu", k.from ? k.from : "",
                            k.to ? k.to : "", (long long)k.page, shown);
    reply_json(r, 200, body);
    api_audit_before_reply(r, &e);
}

/* ---- GET /api/v1/oversight/gathering ---- */

typedef struct gathering_ctx {
    request *r;
    int64_t page, per_page;
    gathering_past_row *past;
    size_t past_count;
    int64_t past_total;
    audit_row *refused;
    size_t refused_count;
    int64_t refused_total;
} gathering_ctx;

/* daf_gathering.c records a refused act as action gathering.create, outcome refused. */
static db_status gathering_body(storage *s, void *arg)
{
    gathering_ctx *k = arg;
    db_status st = s->ops->gathering_past_threshold(s, &k->r->arena, k->page, k->per_page, &k->past,
                                                    &k->past_count, &k->past_total);
    if (st < 0)
        return st;
    audit_filter f = {.actions = {"gathering.create"},
                      .outcome = "refused",
                      .page = k->page,
                      .per_page = k->per_page};
    return s->ops->audit_query(s, &k->r->arena, &f, &k->refused, &k->refused_count,
                               &k->refused_total);
}

static json_t *past_json(const gathering_past_row *p)
{
    const gathering_act *g = &p->act;
    const gathering_order *o = &p->order;
    json_t *act = json_object();
    json_object_set_new(act, "id", json_integer(g->id));
    json_object_set_new(act, "subject",
                        json_pack("{s:s, s:I}", "kind", subject_kind_name(g->subject_kind), "id",
                                  (json_int_t)g->subject_id));
    json_object_set_new(act, "method", json_string(gathering_method_name(g->method)));
    json_object_set_new(act, "legal_basis", str_or_empty(g->legal_basis));
    json_object_set_new(act, "duration_days", json_integer(g->duration_days));
    json_object_set_new(act, "justification", str_or_empty(g->justification));
    json_object_set_new(act, "intrusion", json_integer(g->intrusion));
    json_object_set_new(act, "recorded_by",
                        who_to_json(g->recorded_by_username, g->recorded_by_org));
    json_object_set_new(act, "recorded_at", str_or_empty(g->recorded_at));
    json_t *order = json_object();
    json_object_set_new(order, "id", json_integer(o->id));
    json_object_set_new(order, "scope", str_or_empty(o->scope));
    json_object_set_new(order, "until", str_or_empty(o->until));
    json_object_set_new(order, "reasoning", str_or_empty(o->reasoning));
    json_object_set_new(order, "recorded_by",
                        who_to_json(o->recorded_by_username, o->recorded_by_org));
    json_object_set_new(order, "recorded_at", str_or_empty(o->recorded_at));
    return json_pack("{s:o, s:o}", "act", act, "order", order);
}

/* The value of key in a detail "k1=v1 k2=v2" written by this program (arena); "" if absent. */
static const char *detail_value(arena *a, const char *detail, const char *key)
{
    size_t kn = strlen(key);
    for (const char *p = detail; p && *p;) {
        size_t n = strcspn(p, " ");
        if (n > kn && strncmp(p, key, kn) == 0 && p[kn] == '=')
            return arena_strndup(a, p + kn + 1, n - kn - 1);
        p += n;
        p += strspn(p, " ");
    }
    return "";
}

static json_t *detail_int(arena *a, const char *detail, const char *key)
{
    int64_t v;
    const char *s = detail_value(a, detail, key);
    return s && int_parse(s, 0, INT64_MAX, &v) ? json_integer(v) : json_null();
}

static json_t *refused_json(request *r, const audit_row *row)
{
    const audit_entry *e = &row->entry;
    int64_t id = 0;
    const char *oid = e->object_id ? e->object_id : "";
    (void)id_parse(oid, strlen(oid), &id);
    json_t *o = json_object();
    json_object_set_new(o, "seq", json_integer(e->seq));
    json_object_set_new(o, "at", str_or_empty(e->at));
    json_object_set_new(o, "subject",
                        json_pack("{s:s, s:I}", "kind", e->object_type, "id", (json_int_t)id));
    json_object_set_new(o, "method", json_string(detail_value(&r->arena, e->detail, "method")));
    json_object_set_new(o, "intrusion", detail_int(&r->arena, e->detail, "intrusion"));
    json_object_set_new(o, "total", detail_int(&r->arena, e->detail, "total"));
    json_object_set_new(o, "threshold", detail_int(&r->arena, e->detail, "threshold"));
    json_object_set_new(
        o, "by",
        json_pack("{s:s, s:s, s:s}", "username", e->username, "org", e->org, "role", e->role));
    return o;
}

void api_oversight_gathering(request *r)
{
    static const char *const allowed[] = {"page", "per_page", NULL};
    if (!oversight_allowed(r, "oversight.gathering", false) || !oversight_query_only(r, allowed))
        return;
    gathering_ctx k = {.r = r};
    validation v;
    validation_init(&v);
    oversight_page(r, &v, MAX_PAGE, &k.page, &k.per_page);
    if (!query_valid(r, &v))
        return;
    db_status st = storage_transact(r->app->db, TX_READ, gathering_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    json_t *past = json_array(), *refused = json_array();
    for (size_t i = 0; i < k.past_count; i++)
        json_array_append_new(past, past_json(&k.past[i]));
    for (size_t i = 0; i < k.refused_count; i++)
        json_array_append_new(refused, refused_json(r, &k.refused[i]));
    json_t *body =
        json_pack("{s:{s:o, s:I}, s:{s:o, s:I}, s:I, s:I, s:i}", "past_threshold", "items", past,
                  "total", (json_int_t)k.past_total, "refused", "items", refused, "total",
                  (json_int_t)k.refused_total, "page", (json_int_t)k.page, "per_page",
                  (json_int_t)k.per_page, "threshold", r->app->daf.intrusion_threshold);
    audit_entry e = api_audit_entry(r, "oversight.gathering", "oversight", 0, "ok");
    e.detail = arena_printf(&r->arena, "page=%lld acts=%zu refused=%zu", (long long)k.page,
                            k.past_count, k.refused_count);
    reply_json(r, 200, body);
    api_audit_before_reply(r, &e);
}

/* ---- GET /api/v1/oversight/audit ---- */

typedef struct trail_ctx {
    request *r;
    audit_filter f;
    audit_row *rows;
    size_t count;
    int64_t total;
    int64_t head_seq;
    char head_hash[AUDIT_HASH_HEX];
} trail_ctx;

static db_status trail_body(storage *s, void *arg)
{
    trail_ctx *k = arg;
    db_status st = s->ops->audit_query(s, &k->r->arena, &k->f, &k->rows, &k->count, &k->total);
    if (st < 0)
        return st;
    k->head_seq = 0;
    k->head_hash[0] = '\0';
    st = s->ops->audit_head(s, &k->head_seq, k->head_hash);
    return st < 0 ? st : DB_ONE;
}

/* action: an exact action ("case.read"), or a prefix ending in a dot ("case."). */
static void trail_parse(request *r, validation *v, trail_ctx *k)
{
    const char *action = request_query(r, "action");
    if (action && !oversight_action_valid(action))
        validation_add(v, "action",
                       "must be an action such as case.read, or a prefix such as "
                       "case. (letters, digits, dots, underscores; 1 to 64)");
    else if (action && action[strlen(action) - 1] == '.')
        k->f.action_prefix = action;
    else if (action)
        k->f.actions[0] = action;
    oversight_dates(r, v, &k->f.from, &k->f.to);
    oversight_page(r, v, MAX_PAGE, &k->f.page, &k->f.per_page);
}

void api_oversight_audit(request *r)
{
    static const char *const allowed[] = {"from", "to", "action", "page", "per_page", NULL};
    if (!oversight_allowed(r, "oversight.audit", true) || !oversight_query_only(r, allowed))
        return;
    trail_ctx k = {.r = r};
    validation v;
    validation_init(&v);
    trail_parse(r, &v, &k);
    if (!query_valid(r, &v))
        return;
    db_status st = storage_transact(r->app->db, TX_READ, trail_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < k.count; i++)
        json_array_append_new(items, oversight_entry_json(&k.rows[i], true));
    json_t *body = oversight_page_json(items, k.total, k.f.page, k.f.per_page);
    json_object_set_new(
        body, "head", json_pack("{s:I, s:s}", "seq", (json_int_t)k.head_seq, "hash", k.head_hash));
    audit_entry e = api_audit_entry(r, "oversight.audit", "oversight", 0, "ok");
    const char *action = k.f.action_prefix ? k.f.action_prefix : k.f.actions[0];
    e.detail = arena_printf(&r->arena, "action=%s from=%s to=%s page=%lld entries=%zu",
                            action ? action : "", k.f.from ? k.f.from : "", k.f.to ? k.f.to : "",
                            (long long)k.f.page, k.count);
    reply_json(r, 200, body);
    api_audit_before_reply(r, &e);
}

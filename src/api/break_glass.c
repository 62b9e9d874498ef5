/* break_glass: urgent access to a case outside one's need-to-know, and the privacy officer's
 * review of it (docs/OVERSIGHT.md, "Break-glass").
 *   POST /api/v1/cases/{id}/break-glass                  open a case the viewer does not see
 *   GET  /api/v1/oversight/break-glass                   the privacy officer's review queue
 *   POST /api/v1/oversight/break-glass/{id}/review       justified or not, with a note
 * A grant is a team row that ends (membership "break_glass", core/access.c), so every read
 * during the grant goes through the usual need-to-know and is audited as usual; opening and
 * reviewing are audited here. */
#include "api/api.h"

#include "core/access.h"
#include "core/validate.h"

#include <string.h>

enum { BG_REASON_MIN = 10, BG_REASON_MAX = 2000, BG_NOTE_MAX = 2000, BG_SESSION_MAX = 100 };

static const char *const review_statuses[] = {"all", "pending", "reviewed", NULL};

static const field_spec open_fields[] = {
    {"reason", FIELD_TEXT_LONG, true, BG_REASON_MIN, BG_REASON_MAX, NULL},
};

static const field_spec review_fields[] = {
    {"justified", FIELD_BOOL, true, 0, 0, NULL},
    {"note", FIELD_TEXT_LONG, true, 1, BG_NOTE_MAX, NULL},
    {"version", FIELD_INT, true, 1, INT64_MAX, NULL},
};

void break_glass_open_validate(json_t *body, validation *v)
{
    validation_check(v, body, open_fields, sizeof open_fields / sizeof open_fields[0], "");
}

void break_glass_review_validate(json_t *body, validation *v)
{
    validation_check(v, body, review_fields, sizeof review_fields / sizeof review_fields[0], "");
}

static int64_t now_seconds(const request *r)
{
    return r->now_ms / 1000;
}

static json_t *unix_time_json(int64_t seconds)
{
    char at[CLOCK_RFC3339_SIZE];
    clock_rfc3339(seconds * 1000, at);
    return json_string(at);
}

static json_t *text_or_null(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

static json_t *grant_json(const request *r, const break_glass_record *g)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(g->id));
    json_object_set_new(o, "case_id", json_integer(g->case_id));
    json_object_set_new(o, "case_reference", text_or_null(g->case_reference));
    json_object_set_new(o, "user",
                        json_pack("{s:s, s:s, s:s}", "username", g->username ? g->username : "",
                                  "org", g->user_org ? g->user_org : "", "role",
                                  g->user_role != ROLE_NONE ? role_name(g->user_role) : ""));
    json_object_set_new(o, "reason", json_string(g->reason ? g->reason : ""));
    json_object_set_new(o, "started_at", text_or_null(g->started_at));
    json_object_set_new(o, "expires_at", unix_time_json(g->expires_at));
    json_object_set_new(o, "active", json_boolean(g->expires_at > now_seconds(r)));
    json_t *review = json_object();
    json_object_set_new(review, "outcome", json_string(g->review ? g->review : "pending"));
    json_object_set_new(review, "note", text_or_null(g->review_note));
    json_object_set_new(review, "by", text_or_null(g->reviewed_by_username));
    json_object_set_new(review, "at", text_or_null(g->reviewed_at));
    json_object_set_new(o, "review", review);
    json_object_set_new(o, "version", json_integer(g->version));
    return o;
}

/* ---- POST /api/v1/cases/{id}/break-glass ---- */

typedef enum open_refusal { OPEN_OK, OPEN_NO_CASE, OPEN_VISIBLE } open_refusal;

typedef struct open_ctx {
    request *r;
    break_glass_record g;
    case_record c;
    open_refusal refusal;
} open_ctx;

/* One transaction: the case exists and the viewer does not see it, then the grant (its team
 * row and its record) and the audit entry with the reason as its purpose. */
static db_status open_body(storage *s, void *arg)
{
    open_ctx *k = arg;
    k->refusal = OPEN_OK;
    db_status st = s->ops->case_get(s, &k->r->arena, k->g.case_id, &k->c);
    if (st < 0)
        return st;
    if (st == DB_NONE) {
        k->refusal = OPEN_NO_CASE;
        return DB_REFUSED;
    }
    if (access_case_visible(&k->r->viewer, &k->c)) {
        k->refusal = OPEN_VISIBLE;
        return DB_REFUSED;
    }
    if ((st = s->ops->break_glass_insert(s, &k->g, now_seconds(k->r))) < 0)
        return st;
    if (st == DB_NONE) { /* a live grant appeared meanwhile */
        k->refusal = OPEN_VISIBLE;
        return DB_REFUSED;
    }
    k->g.case_reference = k->c.reference;
    audit_entry e = api_audit_entry(k->r, "break_glass.open", "case", k->g.case_id, "ok");
    e.purpose = k->g.reason;
    e.detail = arena_printf(&k->r->arena, "break-glass #%lld until %lld", (long long)k->g.id,
                            (long long)k->g.expires_at);
    return s->ops->audit_append(s, &e, 1);
}

static void open_grant(request *r, json_t *body)
{
    open_ctx k = {.r = r};
    k.g = (break_glass_record){
        .case_id = r->id,
        .user_id = r->viewer.user_id,
        .username = r->viewer.username,
        .user_org = r->viewer.org,
        .user_role = r->viewer.role,
        .reason = arena_strdup(&r->arena, json_text(body, "reason")),
        .started_at = r->now,
        .expires_at = now_seconds(r) + (int64_t)r->app->security.break_glass_minutes * 60,
    };
    if (!k.g.reason) {
        reply_problem(r, ERR_UNAVAILABLE, NULL);
        return;
    }
    db_status st = storage_transact(r->app->db, TX_WRITE, open_body, &k);
    if (st == DB_REFUSED && k.refusal == OPEN_NO_CASE) {
        api_deny_not_found(r, "break_glass.open", "case", r->id, "not_found");
    } else if (st == DB_REFUSED) {
        reply_problem(r, ERR_INVALID_TRANSITION,
                      "You already have access to this case; break-glass is not needed.");
    } else if (st < 0) {
        reply_storage_failure(r, st);
    } else {
        reply_json(r, 201, grant_json(r, &k.g));
    }
}

void api_break_glass_open(request *r)
{
    json_t *body;
    if (!api_body(r, &body))
        return;
    if (!access_may_break_glass(r->viewer.role)) {
        api_deny_forbidden(r, "break_glass.open", "case", r->id,
                           "Your role does not open cases by break-glass.");
    } else {
        validation v;
        validation_init(&v);
        break_glass_open_validate(body, &v);
        if (api_valid(r, &v))
            open_grant(r, body);
        validation_clear(&v);
    }
    json_decref(body);
}

/* ---- GET /api/v1/oversight/break-glass ---- */

typedef struct list_ctx {
    request *r;
    break_glass_filter f;
    break_glass_record *items;
    size_t count;
    int64_t total;
} list_ctx;

static db_status list_body(storage *s, void *arg)
{
    list_ctx *k = arg;
    return s->ops->break_glass_list(s, &k->r->arena, &k->f, &k->items, &k->count, &k->total);
}

static bool list_query(request *r, break_glass_filter *f)
{
    static const char *const allowed[] = {"status", "page", "per_page", NULL};
    const char *unknown, *s;
    if (!request_query_only(r, allowed, &unknown)) {
        reply_problem(r, ERR_BAD_REQUEST, "Unknown or repeated query parameter.");
        return false;
    }
    validation v;
    validation_init(&v);
    *f = (break_glass_filter){.status = BREAK_GLASS_ALL, .page = 1, .per_page = DEFAULT_PAGE_SIZE};
    int status = vocab_index(review_statuses, 3, request_query(r, "status"));
    if (request_query(r, "status") && status < 0)
        validation_add(&v, "status", "must be pending, reviewed or all");
    else if (status >= 0)
        f->status = (break_glass_status)status;
    if ((s = request_query(r, "page")) && !int_parse(s, 1, 1000000, &f->page))
        validation_add(&v, "page", "must be an integer from 1 to 1000000");
    if ((s = request_query(r, "per_page")) && !int_parse(s, 1, MAX_PAGE_SIZE, &f->per_page))
        validation_add(&v, "per_page", "must be an integer from 1 to 100");
    bool ok = api_valid_query(r, &v);
    validation_clear(&v);
    return ok;
}

void api_break_glass_list(request *r)
{
    if (r->viewer.role != ROLE_PRIVACY_OFFICER) {
        api_deny_forbidden(r, "break_glass.list", "break_glass", 0,
                           "Break-glass grants are reviewed by the privacy officer.");
        return;
    }
    list_ctx k = {.r = r};
    if (!list_query(r, &k.f))
        return;
    db_status st = storage_transact(r->app->db, TX_READ, list_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < k.count; i++)
        json_array_append_new(items, grant_json(r, &k.items[i]));
    /* The reasons name cases and persons: the read is audited like any read of case data. */
    audit_entry e = api_audit_entry(r, "break_glass.list", "break_glass", 0, "ok");
    reply_json(r, 200,
               json_pack("{s:o, s:I, s:I, s:I}", "items", items, "page", (json_int_t)k.f.page,
                         "per_page", (json_int_t)k.f.per_page, "total", (json_int_t)k.total));
    api_audit_before_reply(r, &e);
}

/* ---- POST /api/v1/oversight/break-glass/{id}/review ---- */

typedef enum review_refusal {
    REVIEW_OK,
    REVIEW_NOT_FOUND,
    REVIEW_DONE,
    REVIEW_STALE
} review_refusal;

typedef struct review_ctx {
    request *r;
    int64_t version;
    bool justified;
    const char *note;
    break_glass_record g;
    review_refusal refusal;
} review_ctx;

static db_status review_body(storage *s, void *arg)
{
    review_ctx *k = arg;
    k->refusal = REVIEW_OK;
    db_status st = s->ops->break_glass_get(s, &k->r->arena, k->r->id, &k->g);
    if (st <= 0) {
        k->refusal = REVIEW_NOT_FOUND;
        return st < 0 ? st : DB_REFUSED;
    }
    if (strcmp(k->g.review, "pending") != 0) {
        k->refusal = REVIEW_DONE;
        return DB_REFUSED;
    }
    if (k->g.version != k->version) {
        k->refusal = REVIEW_STALE;
        return DB_REFUSED;
    }
    k->g.review = k->justified ? "justified" : "unjustified";
    k->g.review_note = k->note;
    k->g.reviewed_by = k->r->viewer.user_id;
    k->g.reviewed_by_username = k->r->viewer.username;
    k->g.reviewed_at = k->r->now;
    if ((st = s->ops->break_glass_review(s, &k->g)) <= 0) {
        k->refusal = REVIEW_STALE;
        return st < 0 ? st : DB_REFUSED;
    }
    audit_entry e = api_audit_entry(k->r, "break_glass.review", "break_glass", k->g.id, "ok");
    e.detail = arena_printf(&k->r->arena, "%s case=%lld user=%s", k->g.review,
                            (long long)k->g.case_id, k->g.username ? k->g.username : "");
    return s->ops->audit_append(s, &e, 1);
}

static void review_grant(request *r, json_t *body)
{
    review_ctx k = {
        .r = r,
        .version = json_integer_value(json_object_get(body, "version")),
        .justified = json_flag(body, "justified"),
        .note = arena_strdup(&r->arena, json_text(body, "note")),
    };
    if (!k.note) {
        reply_problem(r, ERR_UNAVAILABLE, NULL);
        return;
    }
    db_status st = storage_transact(r->app->db, TX_WRITE, review_body, &k);
    if (st == DB_REFUSED && k.refusal == REVIEW_NOT_FOUND)
        api_deny_not_found(r, "break_glass.review", "break_glass", r->id, "not_found");
    else if (st == DB_REFUSED && k.refusal == REVIEW_DONE)
        reply_problem(r, ERR_INVALID_TRANSITION, "This grant has been reviewed already.");
    else if (st == DB_REFUSED)
        reply_problem(r, ERR_VERSION_CONFLICT,
                      "The grant was changed by someone else; reload it and try again.");
    else if (st < 0)
        reply_storage_failure(r, st);
    else
        reply_json(r, 200, grant_json(r, &k.g));
}

void api_break_glass_review(request *r)
{
    json_t *body;
    if (!api_body(r, &body))
        return;
    if (r->viewer.role != ROLE_PRIVACY_OFFICER) {
        api_deny_forbidden(r, "break_glass.review", "break_glass", r->id,
                           "Break-glass grants are reviewed by the privacy officer.");
    } else {
        validation v;
        validation_init(&v);
        break_glass_review_validate(body, &v);
        if (api_valid(r, &v))
            review_grant(r, body);
        validation_clear(&v);
    }
    json_decref(body);
}

/* ---- the viewer's grants: the case page and the session ---- */

typedef struct own_ctx {
    request *r;
    break_glass_filter f;
    break_glass_record *items;
    size_t count;
    int64_t total;
} own_ctx;

static db_status own_body(storage *s, void *arg)
{
    own_ctx *k = arg;
    return s->ops->break_glass_list(s, &k->r->arena, &k->f, &k->items, &k->count, &k->total);
}

/* The viewer's live grants (on one case, or on any when case_id is 0); false after answering a
 * storage failure. */
static bool load_own(request *r, int64_t case_id, int64_t per_page, own_ctx *k)
{
    *k = (own_ctx){.r = r};
    k->f = (break_glass_filter){.status = BREAK_GLASS_ALL,
                                .user_id = r->viewer.user_id,
                                .case_id = case_id,
                                .active_at = now_seconds(r),
                                .page = 1,
                                .per_page = per_page};
    db_status st = storage_transact(r->app->db, TX_READ, own_body, k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return false;
    }
    return true;
}

bool break_glass_mark_read(request *r, const case_record *c, json_t *body, audit_entry *e)
{
    if (!access_break_glass_basis(&r->viewer, c))
        return true;
    own_ctx k;
    if (!load_own(r, c->id, 1, &k))
        return false;
    if (k.count == 0)
        return true; /* the team row outlived its record: nothing to name */
    const break_glass_record *g = &k.items[0];
    json_object_set_new(body, "break_glass",
                        json_pack("{s:I, s:o}", "id", (json_int_t)g->id, "expires_at",
                                  unix_time_json(g->expires_at)));
    e->purpose = arena_printf(&r->arena, "break-glass #%lld", (long long)g->id);
    return true;
}

json_t *break_glass_of_viewer(request *r)
{
    if (!access_may_break_glass(r->viewer.role))
        return json_array(); /* these roles never hold a grant */
    own_ctx k;
    if (!load_own(r, 0, BG_SESSION_MAX, &k))
        return NULL;
    json_t *items = json_array();
    for (size_t i = 0; i < k.count; i++) {
        const break_glass_record *g = &k.items[i];
        json_array_append_new(items, json_pack("{s:I, s:I, s:s, s:o}", "id", (json_int_t)g->id,
                                               "case_id", (json_int_t)g->case_id, "case_reference",
                                               g->case_reference ? g->case_reference : "",
                                               "expires_at", unix_time_json(g->expires_at)));
    }
    return items;
}

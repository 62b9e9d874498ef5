/* daf_releases: asking the originator to release a signal, and the originator's decision.
 * A release is to the requesting user; the approval is a disclosure and is recorded as one
 * (docs/DAF.md, "Need-to-know without silence"). */
#include "api/cases_common.h"
#include "api/daf_common.h"

#include <string.h>

enum { MAX_REASON = 2000 };

/* A signal and its case, loaded for a release action. */
typedef struct signal_ctx {
    request *r;
    int64_t signal_id;
    signal_record sig;
    case_record c;
    int64_t *released;
    size_t released_count;
} signal_ctx;

static db_status load_signal(storage *s, void *arg)
{
    signal_ctx *k = arg;
    db_status st = s->ops->signal_get(s, &k->r->arena, k->signal_id, &k->sig);
    if (st <= 0)
        return st;
    if ((st = s->ops->case_get(s, &k->r->arena, k->sig.case_id, &k->c)) <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    return s->ops->release_granted(s, &k->r->arena, k->c.id, k->r->viewer.user_id, &k->released,
                                   &k->released_count) < 0
               ? DB_HARD_ERROR
               : DB_ONE;
}

/* Loads the signal; answers 404 (audited) itself when it or its case is not visible. */
static bool signal_load_visible(request *r, const char *action, int64_t id, signal_ctx *k)
{
    *k = (signal_ctx){.r = r, .signal_id = id};
    db_status st = storage_transact(r->app->db, TX_READ, load_signal, k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return false;
    }
    if (st == DB_NONE || !access_case_visible(&r->viewer, &k->c)) {
        api_deny_not_found(r, action, "signal", id, st == DB_NONE ? "not_found" : "denied");
        return false;
    }
    return true;
}

/* ---- POST /api/v1/signals/{id}/release-requests ---- */

static const field_spec request_fields[] = {
    {"reason", FIELD_TEXT_LONG, true, 1, MAX_REASON, NULL},
};

typedef struct insert_ctx {
    request *r;
    release_record rel;
} insert_ctx;

static db_status insert_body(storage *s, void *arg)
{
    insert_ctx *k = arg;
    db_status st = s->ops->release_insert(s, &k->rel);
    if (st <= 0)
        return st < 0 ? st : DB_REFUSED;
    audit_entry e =
        api_audit_entry(k->r, "signal.release_request", "signal", k->rel.signal_id, "ok");
    e.detail = arena_printf(&k->r->arena, "release=%lld originator=%s", (long long)k->rel.id,
                            k->rel.source_org);
    return s->ops->audit_append(s, &e, 1);
}

static void request_release(request *r, json_t *body, signal_ctx *k)
{
    bool released = daf_id_in(k->released, k->released_count, k->sig.id);
    if (daf_signal_readable(&r->app->daf, &r->viewer, &k->sig, released)) {
        reply_problem(r, ERR_INVALID_TRANSITION, "You can already read this signal.");
        return;
    }
    insert_ctx ins = {.r = r,
                      .rel = {.signal_id = k->sig.id,
                              .case_id = k->c.id,
                              .source_org = k->sig.source_org,
                              .requested_by = r->viewer.user_id,
                              .requested_by_username = r->viewer.username,
                              .requested_by_org = r->viewer.org,
                              .reason = arena_strdup(&r->arena, json_text(body, "reason")),
                              .requested_at = r->now,
                              .status = RELEASE_PENDING}};
    db_status st = storage_transact(r->app->db, TX_WRITE, insert_body, &ins);
    if (st == DB_REFUSED) {
        reply_problem(r, ERR_INVALID_TRANSITION, "You already have a pending request for it.");
        return;
    }
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    reply_json(r, 201, release_to_json(&ins.rel));
}

void api_release_request(request *r)
{
    json_t *body;
    if (!api_body(r, &body))
        return;
    validation v;
    validation_init(&v);
    validation_check(&v, body, request_fields, 1, "");
    bool valid = api_valid(r, &v);
    validation_clear(&v);
    signal_ctx k;
    if (valid && signal_load_visible(r, "signal.release_request", r->id, &k)) {
        if (!daf_may_record_signal(&r->viewer))
            api_deny_forbidden(r, "signal.release_request", "signal", r->id, NULL);
        else
            request_release(r, body, &k);
    }
    json_decref(body);
}

/* ---- GET /api/v1/release-requests ---- */

typedef struct pending_ctx {
    request *r;
    release_record *rels;
    size_t count;
    signal_record *sigs; /* one per request */
} pending_ctx;

static db_status pending_body(storage *s, void *arg)
{
    pending_ctx *k = arg;
    db_status st =
        s->ops->release_list_pending(s, &k->r->arena, k->r->viewer.org, &k->rels, &k->count);
    if (st < 0)
        return st;
    k->sigs = k->count ? arena_alloc(&k->r->arena, k->count * sizeof *k->sigs) : NULL;
    if (k->count && !k->sigs)
        return DB_HARD_ERROR;
    for (size_t i = 0; i < k->count; i++)
        if ((st = s->ops->signal_get(s, &k->r->arena, k->rels[i].signal_id, &k->sigs[i])) <= 0)
            return st < 0 ? st : DB_HARD_ERROR;
    return DB_ONE;
}

void api_release_list(request *r)
{
    if (!daf_may_record_signal(&r->viewer)) {
        reply_problem(r, ERR_FORBIDDEN, "Your role decides no releases.");
        return;
    }
    pending_ctx k = {.r = r};
    db_status st = storage_transact(r->app->db, TX_READ, pending_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    json_t *items = json_array();
    size_t shown = 0;
    for (size_t i = 0; i < k.count; i++) {
        if (!daf_may_decide_release(&r->app->daf, &r->viewer, &k.sigs[i]))
            continue;
        json_t *o = release_to_json(&k.rels[i]);
        json_object_set_new(o, "signal", signal_to_json(&k.sigs[i]));
        json_array_append_new(items, o);
        shown++;
    }
    json_t *body = json_object();
    json_object_set_new(body, "items", items);
    audit_entry e = api_audit_entry(r, "release.list", "signal", 0, "ok");
    e.detail = arena_printf(&r->arena, "pending=%zu", shown);
    reply_json(r, 200, body);
    api_audit_before_reply(r, &e);
}

/* ---- POST /api/v1/release-requests/{id}/decision ---- */

static const char *const decisions[] = {"approve", "refuse", NULL};

static const field_spec decision_fields[] = {
    {"decision", FIELD_ENUM, true, 0, 0, decisions},
    {"note", FIELD_TEXT_LONG, false, 0, MAX_REASON, NULL},
    {"version", FIELD_INT, true, 1, INT64_MAX, NULL},
};

typedef struct decide_ctx {
    request *r;
    int64_t id;
    release_record rel;
    signal_record sig;
    release_record desired;
} decide_ctx;

static db_status load_release(storage *s, void *arg)
{
    decide_ctx *k = arg;
    db_status st = s->ops->release_get(s, &k->r->arena, k->id, &k->rel);
    if (st <= 0)
        return st;
    if ((st = s->ops->signal_get(s, &k->r->arena, k->rel.signal_id, &k->sig)) <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    return DB_ONE;
}

static db_status decide_body(storage *s, void *arg)
{
    decide_ctx *k = arg;
    k->rel = k->desired;
    db_status st = s->ops->release_decide(s, &k->rel);
    if (st <= 0)
        return st < 0 ? st : DB_REFUSED;
    audit_entry e =
        api_audit_entry(k->r, "signal.release_decide", "signal", k->rel.signal_id, "ok");
    /* A release is a disclosure (Police Data Act art. 32): name the recipient. */
    e.detail = arena_printf(&k->r->arena, "release=%lld decision=%s recipient=%s@%s",
                            (long long)k->rel.id, release_status_name(k->rel.status),
                            k->rel.requested_by_username ? k->rel.requested_by_username : "",
                            k->rel.requested_by_org ? k->rel.requested_by_org : "");
    return s->ops->audit_append(s, &e, 1);
}

static void decide(request *r, json_t *body, decide_ctx *k)
{
    if (json_integer_value(json_object_get(body, "version")) != k->rel.version) {
        reply_problem(r, ERR_VERSION_CONFLICT, "The request was changed; reload it.");
        return;
    }
    if (!daf_may_decide_release(&r->app->daf, &r->viewer, &k->sig)) {
        api_deny_forbidden(r, "signal.release_decide", "release", k->id,
                           "Only a user of the originating organisation who may read the signal "
                           "decides.");
        return;
    }
    if (k->rel.status != RELEASE_PENDING) {
        reply_problem(r, ERR_INVALID_TRANSITION, "The request has been decided already.");
        return;
    }
    k->desired = k->rel;
    k->desired.status =
        strcmp(json_text(body, "decision"), "approve") == 0 ? RELEASE_APPROVED : RELEASE_REFUSED;
    k->desired.decided_by = r->viewer.user_id;
    k->desired.decided_by_username = r->viewer.username;
    k->desired.decision_note = arena_strdup(&r->arena, json_text(body, "note"));
    k->desired.decided_at = r->now;
    db_status st = storage_transact(r->app->db, TX_WRITE, decide_body, k);
    if (st == DB_REFUSED) {
        reply_problem(r, ERR_VERSION_CONFLICT, "The request was changed; reload it.");
        return;
    }
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    reply_json(r, 200, release_to_json(&k->rel));
}

void api_release_decide(request *r)
{
    json_t *body;
    if (!api_body(r, &body))
        return;
    validation v;
    validation_init(&v);
    validation_check(&v, body, decision_fields, 3, "");
    bool valid = api_valid(r, &v);
    validation_clear(&v);
    decide_ctx k = {.r = r, .id = r->id};
    db_status st = valid ? storage_transact(r->app->db, TX_READ, load_release, &k) : DB_NONE;
    if (!valid) {
        /* answered */
    } else if (st < 0) {
        reply_storage_failure(r, st);
    } else if (st == DB_NONE || strcmp(k.sig.source_org, r->viewer.org) != 0) {
        /* Only the originator learns that a request exists. */
        api_deny_not_found(r, "signal.release_decide", "release", r->id,
                           st == DB_NONE ? "not_found" : "denied");
    } else {
        decide(r, body, &k);
    }
    json_decref(body);
}

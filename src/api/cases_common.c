/* cases_common: shared steps of the case handlers, so each handler reads as its own rules. */
#include "api/cases_common.h"

#include "core/access.h"

typedef struct load_ctx {
    request *r;
    case_record *c;
    case_load_extra extra;
    void *extra_ctx;
} load_ctx;

static db_status load_case(storage *s, void *arg)
{
    load_ctx *l = arg;
    db_status st = s->ops->case_get(s, &l->r->arena, l->r->id, l->c);
    if (st == DB_ONE && l->extra && (st = l->extra(s, l->r, l->c, l->extra_ctx)) >= 0)
        st = DB_ONE;
    return st;
}

bool case_load_visible(request *r, const char *action, case_record *out)
{
    return case_load_visible_with(r, action, out, NULL, NULL);
}

bool case_load_visible_with(request *r, const char *action, case_record *out, case_load_extra extra,
                            void *extra_ctx)
{
    load_ctx l = {r, out, extra, extra_ctx};
    db_status st = storage_transact(r->app->db, TX_READ, load_case, &l);
    if (st < 0) {
        reply_storage_failure(r, st);
        return false;
    }
    if (st == DB_NONE) {
        api_deny_not_found(r, action, "case", r->id, "not_found");
        return false;
    }
    if (!access_case_visible(&r->viewer, out)) {
        api_deny_not_found(r, action, "case", r->id, "denied");
        return false;
    }
    return true;
}

bool case_load_for_action(request *r, json_t *body, const char *action, lifecycle_event ev,
                          case_record *out)
{
    if (!case_load_visible(r, action, out))
        return false;
    json_t *version = json_object_get(body, "version");
    if (json_is_integer(version) && json_integer_value(version) != out->version) {
        reply_problem(r, ERR_VERSION_CONFLICT,
                      "The case was changed by someone else; reload it and try again.");
        return false;
    }
    if (!lifecycle_role_may(r->viewer.role, ev)) {
        api_deny_forbidden(r, action, "case", r->id, NULL);
        return false;
    }
    return true;
}

typedef struct commit_ctx {
    request *r;
    case_record *c;
    const char *action;
    const case_event *event;
    const team_member *members;
    size_t member_count;
    const char *detail;
    case_record desired; /* the update as asked, restored on every retry */
} commit_ctx;

static db_status commit_body(storage *s, void *arg)
{
    commit_ctx *k = arg;
    *k->c = k->desired;
    db_status st = s->ops->case_update(s, k->c);
    if (st <= 0)
        return st < 0 ? st : DB_REFUSED;
    for (size_t i = 0; i < k->member_count; i++)
        if ((st = s->ops->case_team_add(s, k->c->id, &k->members[i])) < 0)
            return st;
    if ((st = s->ops->case_event_add(s, k->c->id, k->event)) < 0)
        return st;
    /* Read back before the audit append: on PostgreSQL the append takes the chain's lock, which
     * is then held only until the commit that follows. */
    int64_t id = k->c->id;
    if ((st = s->ops->case_get(s, &k->r->arena, id, k->c)) <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    audit_entry e = api_audit_entry(k->r, k->action, "case", id, "ok");
    e.detail = k->detail ? k->detail : "";
    return s->ops->audit_append(s, &e, 1);
}

bool case_commit_action(request *r, case_record *c, const char *action, const case_event *event,
                        const team_member *members, size_t member_count, const char *detail)
{
    commit_ctx k = {r, c, action, event, members, member_count, detail, *c};
    db_status st = storage_transact(r->app->db, TX_WRITE, commit_body, &k);
    if (st == DB_REFUSED) {
        reply_problem(r, ERR_VERSION_CONFLICT,
                      "The case was changed by someone else; reload it and try again.");
        return false;
    }
    if (st < 0) {
        reply_storage_failure(r, st);
        return false;
    }
    return true;
}

/* limitative: GET and POST /api/v1/limitative-list, the national limitative list
 * (docs/DECISIONS.md). It is departementaal vertrouwelijk: only the NCTV's triage officers,
 * analysts, authority (CBB) and privacy officer read it, only its authority adds to it; everyone
 * else gets 403 (audited) - also the NCTV's admin and care staff, who need no case content. */
#include "api/decision_common.h"

#include "core/validate.h"

#include <string.h>

static const char NCTV_ORG[] = "nctv";

static const field_spec limitative_fields[] = {
    {"person_id", FIELD_INT, true, 1, INT64_MAX, NULL},
    {"category", FIELD_INT, true, 1, 2, NULL},
    {"until", FIELD_DATE, false, 0, 0, NULL},
    {"reasoning", FIELD_TEXT_LONG, true, 1, MAX_TEXT_LEN, NULL},
};

void limitative_validate(json_t *body, int64_t today, validation *v)
{
    validation_check(v, body, limitative_fields,
                     sizeof limitative_fields / sizeof limitative_fields[0], "");
    int64_t until;
    if (date_parse(json_text(body, "until"), &until) && until < today)
        validation_add(v, "until", "must not be in the past");
}

static json_t *entry_json(const limitative_entry *e)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(e->id));
    json_object_set_new(o, "person_id", json_integer(e->person_id));
    json_object_set_new(o, "person_name", json_string(e->person_name ? e->person_name : ""));
    json_object_set_new(o, "category", json_integer(e->category));
    json_object_set_new(o, "until", e->until && *e->until ? json_string(e->until) : json_null());
    json_object_set_new(o, "reasoning", json_string(e->reasoning ? e->reasoning : ""));
    json_object_set_new(o, "added_by",
                        json_string(e->added_by_username ? e->added_by_username : ""));
    json_object_set_new(o, "added_at", json_string(e->added_at ? e->added_at : ""));
    return o;
}

static bool nctv_user(const request *r)
{
    return r->viewer.org && strcmp(r->viewer.org, NCTV_ORG) == 0;
}

static bool may_read_list(const request *r)
{
    role ro = r->viewer.role;
    return nctv_user(r) && (ro == ROLE_TRIAGE || ro == ROLE_ANALYST || ro == ROLE_AUTHORITY ||
                            ro == ROLE_PRIVACY_OFFICER);
}

/* ---- GET ---- */

typedef struct list_ctx {
    request *r;
    limitative_entry *items;
    size_t count;
} list_ctx;

static db_status list_body(storage *s, void *arg)
{
    list_ctx *k = arg;
    return s->ops->limitative_list(s, &k->r->arena, &k->items, &k->count);
}

void api_limitative_list(request *r)
{
    if (!may_read_list(r)) {
        api_deny_forbidden(r, "limitative.list", "limitative_list", 0,
                           "The limitative list is for the NCTV's triage, analysts, authority "
                           "and privacy officer only.");
        return;
    }
    list_ctx k = {.r = r};
    /* The entries name persons: the read is audited like any read of personal data. */
    db_status st = storage_transact(r->app->db, TX_READ, list_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < k.count; i++)
        json_array_append_new(items, entry_json(&k.items[i]));
    audit_entry e = api_audit_entry(r, "limitative.list", "limitative_list", 0, "ok");
    reply_json(r, 200, json_pack("{s:o}", "items", items));
    api_audit_before_reply(r, &e);
}

/* ---- POST ---- */

typedef struct add_ctx {
    request *r;
    limitative_entry e;
    bool unknown_person;
} add_ctx;

static const char *person_name(arena *a, const person_record *p)
{
    bool prefix = p->surname_prefix && *p->surname_prefix;
    return arena_printf(a, "%s %s%s%s", p->given_names ? p->given_names : "",
                        prefix ? p->surname_prefix : "", prefix ? " " : "",
                        p->surname ? p->surname : "");
}

static db_status add_body(storage *s, void *arg)
{
    add_ctx *k = arg;
    person_record p;
    k->unknown_person = false;
    db_status st = s->ops->person_get(s, &k->r->arena, k->e.person_id, &p);
    if (st < 0)
        return st;
    if (st == DB_NONE) {
        k->unknown_person = true;
        return DB_REFUSED;
    }
    if ((st = s->ops->limitative_insert(s, &k->e)) < 0)
        return st;
    k->e.person_name = person_name(&k->r->arena, &p);
    audit_entry e = api_audit_entry(k->r, "limitative.create", "person", k->e.person_id, "ok");
    e.detail =
        arena_printf(&k->r->arena, "entry=%lld category=%d", (long long)k->e.id, k->e.category);
    return s->ops->audit_append(s, &e, 1);
}

void api_limitative_create(request *r)
{
    if (!nctv_user(r) || r->viewer.role != ROLE_AUTHORITY) {
        api_deny_forbidden(r, "limitative.create", "limitative_list", 0,
                           "Only the NCTV's authority adds to the limitative list.");
        return;
    }
    json_t *body;
    if (!api_body(r, &body))
        return;
    validation v;
    validation_init(&v);
    limitative_validate(body, decision_today(r), &v);
    if (api_valid(r, &v)) {
        add_ctx k = {.r = r};
        k.e = (limitative_entry){
            .person_id = json_integer_value(json_object_get(body, "person_id")),
            .category = (int)json_integer_value(json_object_get(body, "category")),
            .until = arena_strdup(&r->arena, json_text(body, "until")),
            .reasoning = arena_strdup(&r->arena, json_text(body, "reasoning")),
            .added_by = r->viewer.user_id,
            .added_by_username = r->viewer.username,
            .added_at = r->now,
        };
        db_status st = storage_transact(r->app->db, TX_WRITE, add_body, &k);
        if (st == DB_REFUSED) {
            json_t *errors = json_array();
            json_array_append_new(errors, json_pack("{s:s, s:s}", "field", "person_id", "message",
                                                    "is not a known person"));
            reply_problem_errors(r, ERR_VALIDATION_FAILED, "Unknown person", errors);
        } else if (st < 0) {
            reply_storage_failure(r, st);
        } else {
            reply_json(r, 201, entry_json(&k.e));
        }
    }
    validation_clear(&v);
    json_decref(body);
}

/* meta: the routes that describe the service rather than its data: health, the OpenAPI document
 * and the register of organisations. */
#include "api/api.h"

#include "http/assets.h"
#include "schild_version.h"

void api_health_get(request *r)
{
    json_t *body = json_object();
    json_object_set_new(body, "status", json_string("ok"));
    json_object_set_new(body, "version", json_string(SCHILD_VERSION));
    reply_json(r, 200, body);
}

void api_openapi_get(request *r)
{
    const asset *doc = assets_find("/api/v1/openapi.json");
    if (!doc) {
        reply_problem(r, ERR_INTERNAL, NULL);
        return;
    }
    reply_static(r, 200, "application/json; charset=utf-8", doc->data, doc->len);
}

typedef struct orgs_ctx {
    request *r;
    org_row *rows;
    size_t count;
} orgs_ctx;

static db_status load_orgs(storage *s, void *arg)
{
    orgs_ctx *k = arg;
    return s->ops->org_list(s, &k->r->arena, &k->rows, &k->count);
}

void api_orgs_list(request *r)
{
    orgs_ctx k = {.r = r};
    db_status st = storage_transact(r->app->db, TX_READ, load_orgs, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < k.count; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "code", json_string(k.rows[i].code));
        json_object_set_new(o, "name", json_string(k.rows[i].name));
        json_object_set_new(o, "kind", json_string(k.rows[i].kind));
        json_array_append_new(items, o);
    }
    json_t *body = json_object();
    json_object_set_new(body, "items", items);
    reply_json(r, 200, body);
}

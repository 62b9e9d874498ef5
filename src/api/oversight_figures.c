/* oversight_figures: GET /api/v1/oversight/figures, for the inspector and the privacy officer.
 * Counts only: nothing in the answer names a person, a case or a user, so the inspector, who
 * never sees case content, can still see whether the system is used as the law intends
 * (docs/OVERSIGHT.md, "The inspector"). Every known status appears, with 0 when none. */
#include "api/oversight.h"

#include "api/daf_common.h"

#include <string.h>

static const char *const measure_statuses[] = {"planned", "active", "suspended", "ended", NULL};
static const char *const assessment_statuses[] = {"draft",    "submitted",  "final",
                                                  "rejected", "superseded", NULL};
static const char *const compartments[] = {
    "police",      "investigation",    "crime_intel", "informant", "intelligence_service",
    "open_source", "protected_person", NULL};
static const char *const release_statuses[] = {"pending", "approved", "refused", NULL};
static const char *const reviews[] = {"pending", "justified", "unjustified", NULL};

/* {name: count} with every known name at 0 first, then the stored counts (a name the list does
 * not know, e.g. from a newer schema, still shows). */
static json_t *counts_json(const figure_list *l, const char *const *known)
{
    json_t *o = json_object();
    for (size_t i = 0; known[i]; i++)
        json_object_set_new(o, known[i], json_integer(0));
    for (size_t i = 0; i < l->count; i++)
        json_object_set_new(o, l->rows[i].k1, json_integer(l->rows[i].count));
    return o;
}

static json_t *cases_json(const figure_list *l, int64_t *total)
{
    json_t *a = json_array();
    *total = 0;
    for (size_t i = 0; i < l->count; i++) {
        const figure_row *f = &l->rows[i];
        json_array_append_new(a, json_pack("{s:s, s:s?, s:s, s:I}", "status", f->k1, "domain",
                                           *f->k2 ? f->k2 : NULL, "subject", f->k3, "count",
                                           (json_int_t)f->count));
        *total += f->count;
    }
    return a;
}

typedef struct figures_ctx {
    request *r;
    const char *today;
    oversight_figures f;
} figures_ctx;

static db_status figures_body(storage *s, void *arg)
{
    figures_ctx *k = arg;
    return s->ops->oversight_figures(s, &k->r->arena, k->today, &k->f);
}

static json_t *figures_json(const figures_ctx *k)
{
    const oversight_figures *f = &k->f;
    int64_t cases_total;
    json_t *cases = cases_json(&f->cases, &cases_total);
    json_t *o = json_object();
    json_object_set_new(o, "today", json_string(k->today));
    json_object_set_new(o, "cases", cases);
    json_object_set_new(o, "cases_total", json_integer(cases_total));
    json_object_set_new(o, "decisions_in_force", json_integer(f->decisions_in_force));
    json_object_set_new(o, "measures", counts_json(&f->measures, measure_statuses));
    json_object_set_new(o, "assessments", counts_json(&f->assessments, assessment_statuses));
    json_object_set_new(o, "assessments_expired", json_integer(f->assessments_expired));
    json_object_set_new(o, "signals", counts_json(&f->signals, compartments));
    json_object_set_new(o, "release_requests", counts_json(&f->releases, release_statuses));
    json_object_set_new(o, "gathering_past_threshold", json_integer(f->gathering_past));
    json_object_set_new(o, "break_glass", counts_json(&f->break_glass, reviews));
    json_object_set_new(o, "audit",
                        json_pack("{s:I, s:I}", "entries", (json_int_t)f->audit_entries, "head_seq",
                                  (json_int_t)f->audit_head_seq));
    return o;
}

void api_oversight_figures(request *r)
{
    static const char *const allowed[] = {NULL};
    if (!oversight_allowed(r, "oversight.figures", true) || !oversight_query_only(r, allowed))
        return;
    figures_ctx k = {.r = r, .today = daf_today_text(r)};
    db_status st = storage_transact(r->app->db, TX_READ, figures_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    audit_entry e = api_audit_entry(r, "oversight.figures", "oversight", 0, "ok");
    reply_json(r, 200, figures_json(&k));
    api_audit_before_reply(r, &e);
}

/* daf_assessments_review: POST /api/v1/assessments/{id}/submit, /approve and /reject. Four eyes:
 * the author submits, a different analyst approves or rejects (docs/DAF.md). Approval makes the
 * assessment final with its validity, supersedes the case's previous final assessment and moves
 * a case in status assessment to decision, all in one transaction with the audit entry. */
#include "api/daf_assessment.h"

#include "core/daf_config.h"
#include "core/lifecycle.h"

static const field_spec submit_fields[] = {
    {"version", FIELD_INT, true, 1, INT64_MAX, NULL},
};
static const field_spec approve_fields[] = {
    {"version", FIELD_INT, true, 1, INT64_MAX, NULL},
    {"comment", FIELD_TEXT_LONG, false, 0, MAX_TEXT_LEN, NULL},
};
static const field_spec reject_fields[] = {
    {"version", FIELD_INT, true, 1, INT64_MAX, NULL},
    {"comment", FIELD_TEXT_LONG, true, 1, MAX_TEXT_LEN, NULL},
};

static bool fields_valid(request *r, json_t *body, const field_spec *spec, size_t count)
{
    validation v;
    validation_init(&v);
    validation_check(&v, body, spec, count, "");
    bool valid = api_valid(r, &v);
    validation_clear(&v);
    return valid;
}

static bool status_is(request *r, const assessment_record *a, assessment_status want,
                      assessment_status also, const char *detail)
{
    if (a->status == want || a->status == also)
        return true;
    reply_problem(r, ERR_INVALID_TRANSITION, detail);
    return false;
}

/* The reviewer: an analyst who did not write it, of an organisation that may write the
 * product. Answers 403 itself. */
static bool may_review(request *r, const assessment_record *a, const char *action)
{
    if (daf_review_allowed(&r->viewer, a) != ERR_OK) {
        api_deny_forbidden(r, action, "assessment", a->id,
                           "The author does not review their own assessment: a second analyst "
                           "approves or rejects it.");
        return false;
    }
    return assessment_may_author(r, a->product, "reviewed", action, "assessment", a->id);
}

static void reply_assessment(request *r, const assessment_record *a)
{
    reply_json(r, 200, assessment_to_json(a, &r->app->daf, daf_today_text(r)));
}

/* ---- submit ---- */

static void submit(request *r, json_t *body, assessment_record *a)
{
    if (a->author_id != r->viewer.user_id) {
        api_deny_forbidden(r, "assessment.submit", "assessment", a->id,
                           "Only the author submits an assessment.");
        return;
    }
    if (!fields_valid(r, body, submit_fields, 1) ||
        !status_is(r, a, ASSESSMENT_DRAFT, ASSESSMENT_REJECTED,
                   "Only a draft or a rejected assessment can be submitted."))
        return;
    a->status = ASSESSMENT_SUBMITTED;
    a->submitted_at = r->now;
    const char *detail = arena_printf(&r->arena, "case=%lld", (long long)a->case_id);
    if (assessment_commit(r, a, "assessment.submit", detail, NULL, NULL))
        reply_assessment(r, a);
}

void api_assessments_submit(request *r)
{
    json_t *body;
    if (!api_body(r, &body))
        return;
    assessment_record a;
    case_record c;
    if (assessment_load(r, body, "assessment.submit", &a, &c, NULL))
        submit(r, body, &a);
    json_decref(body);
}

/* ---- approve ---- */

/* The case side of an approval: a case in status assessment moves to decision with its
 * timeline event. The case row is written (and its version bumped) on every approval, so that
 * two approvals on one case at once cannot both succeed: the second finds a stale version. */
static db_status move_case(storage *s, request *r, const assessment_record *a)
{
    case_record c;
    db_status st = s->ops->case_get(s, &r->arena, a->case_id, &c);
    if (st <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    case_state state = {c.status, c.awaiting_information};
    bool moves = lifecycle_apply(&state, EVENT_ASSESSMENT_FINAL) == ERR_OK;
    c.status = state.status;
    c.awaiting_information = state.awaiting_information;
    c.updated_at = r->now;
    if ((st = s->ops->case_update(s, &c)) <= 0)
        return st; /* DB_NONE: the case changed meanwhile (409) */
    if (!moves)
        return DB_ONE;
    case_event event = {
        .at = r->now,
        .event = lifecycle_event_name(EVENT_ASSESSMENT_FINAL),
        .actor_username = r->viewer.username,
        .actor_org = r->viewer.org,
        .text = arena_printf(&r->arena, "%s #%lld", product_name(a->product), (long long)a->id)};
    if ((st = s->ops->case_event_add(s, c.id, &event)) < 0)
        return st;
    return DB_ONE;
}

/* Inside the approval's transaction: the case first, then the previous final assessment becomes
 * superseded. The order matters on PostgreSQL (READ COMMITTED): writing the case row waits for
 * any other approval on the case to end, so the final assessment read after it is the newest.
 * Read before it, an approval could miss one committed meanwhile and leave two final
 * (api.assessments.pg caught this). */
static db_status approve_hook(storage *s, request *r, assessment_record *a, void *ctx)
{
    (void)ctx;
    db_status st = move_case(s, r, a);
    if (st <= 0)
        return st;
    assessment_record previous;
    if ((st = s->ops->assessment_final(s, &r->arena, a->case_id, &previous)) < 0)
        return st;
    a->supersedes = 0;
    if (st == DB_ONE && previous.id != a->id) {
        previous.status = ASSESSMENT_SUPERSEDED;
        if ((st = s->ops->assessment_update(s, &previous)) <= 0)
            return st;
        a->supersedes = previous.id;
    }
    return DB_ONE;
}

static void approve(request *r, json_t *body, assessment_record *a)
{
    if (!may_review(r, a, "assessment.approve") || !fields_valid(r, body, approve_fields, 2) ||
        !status_is(r, a, ASSESSMENT_SUBMITTED, ASSESSMENT_SUBMITTED,
                   "Only a submitted assessment can be approved."))
        return;
    int days = daf_validity_days(&r->app->daf, a->product, a->threat_level);
    a->status = ASSESSMENT_FINAL;
    a->reviewer_id = r->viewer.user_id;
    a->reviewed_at = r->now;
    a->review_comment = arena_strdup(&r->arena, json_text(body, "comment"));
    a->valid_until = daf_day_text(r, days);
    const char *detail =
        arena_printf(&r->arena, "case=%lld valid_until=%s", (long long)a->case_id, a->valid_until);
    if (!a->review_comment || !a->valid_until || !detail) {
        reply_problem(r, ERR_UNAVAILABLE, NULL);
        return;
    }
    if (assessment_commit(r, a, "assessment.approve", detail, approve_hook, NULL))
        reply_assessment(r, a);
}

void api_assessments_approve(request *r)
{
    json_t *body;
    if (!api_body(r, &body))
        return;
    assessment_record a;
    case_record c;
    if (assessment_load(r, body, "assessment.approve", &a, &c, NULL))
        approve(r, body, &a);
    json_decref(body);
}

/* ---- reject ---- */

static void reject(request *r, json_t *body, assessment_record *a)
{
    if (!may_review(r, a, "assessment.reject") || !fields_valid(r, body, reject_fields, 2) ||
        !status_is(r, a, ASSESSMENT_SUBMITTED, ASSESSMENT_SUBMITTED,
                   "Only a submitted assessment can be rejected."))
        return;
    a->status = ASSESSMENT_REJECTED;
    a->reviewer_id = r->viewer.user_id;
    a->reviewed_at = r->now;
    a->review_comment = arena_strdup(&r->arena, json_text(body, "comment"));
    const char *detail = arena_printf(&r->arena, "case=%lld", (long long)a->case_id);
    if (!a->review_comment || !detail) {
        reply_problem(r, ERR_UNAVAILABLE, NULL);
        return;
    }
    if (assessment_commit(r, a, "assessment.reject", detail, NULL, NULL))
        reply_assessment(r, a);
}

void api_assessments_reject(request *r)
{
    json_t *body;
    if (!api_body(r, &body))
        return;
    assessment_record a;
    case_record c;
    if (assessment_load(r, body, "assessment.reject", &a, &c, NULL))
        reject(r, body, &a);
    json_decref(body);
}

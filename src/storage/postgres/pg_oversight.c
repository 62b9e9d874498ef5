/* pg_oversight: the privacy officer's and the inspector's reads on PostgreSQL (docs/OVERSIGHT.md):
 * the audit trail filtered by object, action and date, approved releases, gathering acts past the
 * threshold, and aggregated figures. The same answers as sqlite_oversight.c; the figures' counts
 * go to the server in one pipeline. */
#include "storage/postgres/pg_internal.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* Every condition of audit_filter, each optional (a NULL parameter holds it true). $1 object
 * type, $2 object id, $3 case ids (text[]), $4-$7 exact actions, $8 action prefix, $9 outcome,
 * $10 from, $11 to (dates, compared as text in the "C" collation). */
#define AUDIT_OBJECT_COND                                                                          \
    "((object_type = $1::text AND object_id = $2::text) OR (object_type = 'case' AND "             \
    "object_id = ANY($3::text[])))"
#define AUDIT_ACTIONS_COND "action IN ($4::text, $5::text, $6::text, $7::text)"
#define AUDIT_WHERE_ALL                                                                            \
    "($1::text IS NULL OR " AUDIT_OBJECT_COND ") AND ($4::text IS NULL OR " AUDIT_ACTIONS_COND     \
    ") AND ($8::text IS NULL OR left(action, length($8::text)) = $8::text) AND "                   \
    "($9::text IS NULL OR outcome = $9::text) AND "                                                \
    "($10::text IS NULL OR left(at, 10) COLLATE \"C\" >= $10::text) AND "                          \
    "($11::text IS NULL OR left(at, 10) COLLATE \"C\" <= $11::text)"
#define AUDIT_COLUMNS                                                                              \
    "seq, at, username, org, role, action, object_type, object_id, purpose, outcome, detail, "     \
    "prev_hash, hash"
#define AUDIT_PAGE " ORDER BY seq DESC LIMIT $12 OFFSET $13"

#define RELEASE_APPROVED_WHERE                                                                     \
    " WHERE r.status = 'approved' AND ($1::text IS NULL OR left(r.decided_at, 10) >= $1::text) "   \
    "AND ($2::text IS NULL OR left(r.decided_at, 10) <= $2::text)"

const char *const pg_oversight_sql[PG_STMT__COUNT] = {
    /* The leading condition of each shape is the one an index serves (audit_log_object or
     * audit_log_action, migration 9); the whole filter follows it. */
    [PG_AUDIT_OBJECT_COUNT] =
        "SELECT count(*) FROM audit_log WHERE " AUDIT_OBJECT_COND " AND " AUDIT_WHERE_ALL,
    [PG_AUDIT_OBJECT_PAGE] = "SELECT " AUDIT_COLUMNS " FROM audit_log WHERE " AUDIT_OBJECT_COND
                             " AND " AUDIT_WHERE_ALL AUDIT_PAGE,
    [PG_AUDIT_ACTIONS_COUNT] =
        "SELECT count(*) FROM audit_log WHERE " AUDIT_ACTIONS_COND " AND " AUDIT_WHERE_ALL,
    [PG_AUDIT_ACTIONS_PAGE] = "SELECT " AUDIT_COLUMNS " FROM audit_log WHERE " AUDIT_ACTIONS_COND
                              " AND " AUDIT_WHERE_ALL AUDIT_PAGE,
    [PG_AUDIT_ALL_COUNT] = "SELECT count(*) FROM audit_log WHERE " AUDIT_WHERE_ALL,
    [PG_AUDIT_ALL_PAGE] =
        "SELECT " AUDIT_COLUMNS " FROM audit_log WHERE " AUDIT_WHERE_ALL AUDIT_PAGE,
    [PG_RELEASE_APPROVED_COUNT] = "SELECT count(*) FROM release_requests r" RELEASE_APPROVED_WHERE,
    [PG_RELEASE_APPROVED_PAGE] =
        "SELECT r.id, r.signal_id, s.case_id, s.source_org, r.requested_by, q.username, q.org, "
        "r.reason, r.requested_at, r.status, coalesce(r.decided_by, 0), d.username, "
        "r.decision_note, r.decided_at, r.version FROM release_requests r JOIN signals s ON s.id "
        "= r.signal_id JOIN users q ON q.id = r.requested_by LEFT JOIN users d ON d.id = "
        "r.decided_by" RELEASE_APPROVED_WHERE " ORDER BY r.decided_at DESC, r.id DESC "
        "LIMIT $3 OFFSET $4",
    [PG_GATHERING_PAST_COUNT] = "SELECT count(*) FROM gathering_acts WHERE order_id IS NOT NULL",
    [PG_GATHERING_PAST_PAGE] =
        "SELECT g.id, g.subject_kind, g.subject_id, g.method, g.legal_basis, g.duration_days, "
        "g.justification, g.intrusion, g.order_id, g.recorded_by, u.username, u.org, "
        "g.recorded_at, g.recorded_on, o.scope, o.until, o.reasoning, o.recorded_by, "
        "ou.username, ou.org, o.recorded_at FROM gathering_acts g JOIN users u ON u.id = "
        "g.recorded_by JOIN gathering_orders o ON o.id = g.order_id JOIN users ou ON ou.id = "
        "o.recorded_by ORDER BY g.id DESC LIMIT $1 OFFSET $2",
    [PG_FIGURES_CASES] = "SELECT status, coalesce(domain, ''), subject, count(*) FROM cases "
                         "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
    [PG_FIGURES_DECISIONS] = "SELECT count(*) FROM decisions WHERE status = 'in_force'",
    [PG_FIGURES_MEASURES] = "SELECT status, count(*) FROM measures GROUP BY 1 ORDER BY 1",
    [PG_FIGURES_ASSESSMENTS] = "SELECT status, count(*) FROM assessments GROUP BY 1 ORDER BY 1",
    [PG_FIGURES_EXPIRED] =
        "SELECT count(*) FROM assessments WHERE status = 'final' AND valid_until < $1::text",
    [PG_FIGURES_SIGNALS] = "SELECT compartment, count(*) FROM signals GROUP BY 1 ORDER BY 1",
    [PG_FIGURES_RELEASES] = "SELECT status, count(*) FROM release_requests GROUP BY 1 ORDER BY 1",
    [PG_FIGURES_GATHERING] = "SELECT count(*) FROM gathering_acts WHERE order_id IS NOT NULL",
    [PG_FIGURES_BREAK_GLASS] = "SELECT review, count(*) FROM break_glass GROUP BY 1 ORDER BY 1",
    [PG_FIGURES_AUDIT] = "SELECT (SELECT count(*) FROM audit_log), "
                         "(SELECT coalesce(max(seq), 0) FROM audit_head)",
};

/* ---- the audit trail, filtered ---- */

/* The case ids as a text[] literal: {12,40}. */
static const char *case_ids_array(arena *a, const audit_filter *f)
{
    size_t n = f->case_count > AUDIT_FILTER_MAX_CASES ? AUDIT_FILTER_MAX_CASES : f->case_count;
    char *buf = arena_alloc(a, 3 + n * 22);
    if (!buf)
        return NULL;
    size_t at = 0;
    buf[at++] = '{';
    for (size_t i = 0; i < n; i++)
        at += (size_t)snprintf(buf + at, 22, "%s%lld", i ? "," : "", (long long)f->case_ids[i]);
    buf[at++] = '}';
    buf[at] = '\0';
    return buf;
}

static void filter_params(pg_params *p, const char *cases, const audit_filter *f)
{
    pg_param_text(p, f->object_type);
    pg_param_text(p, f->object_type ? f->object_id : NULL);
    pg_param_text(p, cases);
    bool more = true; /* actions end at the first NULL */
    for (int i = 0; i < 4; i++) {
        more = more && f->actions[i];
        pg_param_text(p, more ? f->actions[i] : NULL);
    }
    pg_param_text(p, f->action_prefix && *f->action_prefix ? f->action_prefix : NULL);
    pg_param_text(p, f->outcome);
    pg_param_text(p, f->from);
    pg_param_text(p, f->to);
}

static void read_audit_row(arena *a, const PGresult *res, int row, void *item)
{
    audit_row *r = item;
    r->entry = (audit_entry){
        .seq = pg_int(res, row, 0),
        .at = pg_text(a, res, row, 1),
        .username = pg_text(a, res, row, 2),
        .org = pg_text(a, res, row, 3),
        .role = pg_text(a, res, row, 4),
        .action = pg_text(a, res, row, 5),
        .object_type = pg_text(a, res, row, 6),
        .object_id = pg_text(a, res, row, 7),
        .purpose = pg_text(a, res, row, 8),
        .outcome = pg_text(a, res, row, 9),
        .detail = pg_text(a, res, row, 10),
    };
    r->prev_hash = pg_text(a, res, row, 11);
    r->hash = pg_text(a, res, row, 12);
}

static bool filter_is_empty(const audit_filter *f)
{
    return !f->object_type && !f->actions[0] && !(f->action_prefix && *f->action_prefix) &&
           !f->outcome && !f->from && !f->to;
}

/* An integer from the first row (0 when there is none). */
static int64_t take_count(const PGresult *res, int col)
{
    return PQntuples(res) > 0 ? pg_int(res, 0, col) : 0;
}

db_status pg_audit_query(storage *s, arena *a, const audit_filter *f, audit_row **out,
                         size_t *count, int64_t *total)
{
    *out = NULL;
    *count = 0;
    const char *cases = case_ids_array(a, f);
    if (!cases)
        return DB_HARD_ERROR;
    pg_stmt count_id = f->object_type  ? PG_AUDIT_OBJECT_COUNT
                       : f->actions[0] ? PG_AUDIT_ACTIONS_COUNT
                                       : PG_AUDIT_ALL_COUNT;
    /* The whole trail is counted by its newest seq (1..n without gaps), not by a scan. */
    pg_stmt ids[2] = {filter_is_empty(f) ? PG_AUDIT_LAST : count_id, count_id + 1};
    pg_params ps[2] = {{0}, {0}};
    if (ids[0] != PG_AUDIT_LAST)
        filter_params(&ps[0], cases, f);
    filter_params(&ps[1], cases, f);
    pg_param_int(&ps[1], f->per_page);
    pg_param_int(&ps[1], (f->page - 1) * f->per_page);
    PGresult *res[2];
    db_status st = pg_run_many(s, ids, ps, 2, res, "audit query");
    if (st < 0)
        return st;
    *total = take_count(res[0], 0);
    PQclear(res[0]);
    return pg_read_all(a, res[1], sizeof **out, read_audit_row, (void **)out, count);
}

/* ---- approved releases ---- */

static void read_release(arena *a, const PGresult *res, int row, void *item)
{
    release_record *r = item;
    memset(r, 0, sizeof *r);
    r->id = pg_int(res, row, 0);
    r->signal_id = pg_int(res, row, 1);
    r->case_id = pg_int(res, row, 2);
    r->source_org = pg_text(a, res, row, 3);
    r->requested_by = pg_int(res, row, 4);
    r->requested_by_username = pg_text(a, res, row, 5);
    r->requested_by_org = pg_text(a, res, row, 6);
    r->reason = pg_text(a, res, row, 7);
    r->requested_at = pg_text(a, res, row, 8);
    r->status = release_status_parse(pg_raw(res, row, 9));
    r->decided_by = pg_int(res, row, 10);
    r->decided_by_username = pg_text(a, res, row, 11);
    r->decision_note = pg_text(a, res, row, 12);
    r->decided_at = pg_text(a, res, row, 13);
    r->version = pg_int(res, row, 14);
}

db_status pg_release_list_approved(storage *s, arena *a, const char *from, const char *to,
                                   int64_t offset, int64_t limit, release_record **out,
                                   size_t *count, int64_t *total)
{
    *out = NULL;
    *count = 0;
    static const pg_stmt ids[2] = {PG_RELEASE_APPROVED_COUNT, PG_RELEASE_APPROVED_PAGE};
    pg_params ps[2] = {{0}, {0}};
    for (int i = 0; i < 2; i++) {
        pg_param_text(&ps[i], from);
        pg_param_text(&ps[i], to);
    }
    pg_param_int(&ps[1], limit);
    pg_param_int(&ps[1], offset);
    PGresult *res[2];
    db_status st = pg_run_many(s, ids, ps, 2, res, "releases approved");
    if (st < 0)
        return st;
    *total = take_count(res[0], 0);
    PQclear(res[0]);
    return pg_read_all(a, res[1], sizeof **out, read_release, (void **)out, count);
}

/* ---- gathering past the threshold ---- */

static void read_past(arena *a, const PGresult *res, int row, void *item)
{
    gathering_past_row *p = item;
    gathering_act *g = &p->act;
    g->id = pg_int(res, row, 0);
    g->subject_kind = subject_kind_parse(pg_raw(res, row, 1));
    g->subject_id = pg_int(res, row, 2);
    g->method = gathering_method_parse(pg_raw(res, row, 3));
    g->legal_basis = pg_text(a, res, row, 4);
    g->duration_days = pg_int(res, row, 5);
    g->justification = pg_text(a, res, row, 6);
    g->intrusion = pg_int(res, row, 7);
    g->order_id = pg_int(res, row, 8);
    g->recorded_by = pg_int(res, row, 9);
    g->recorded_by_username = pg_text(a, res, row, 10);
    g->recorded_by_org = pg_text(a, res, row, 11);
    g->recorded_at = pg_text(a, res, row, 12);
    g->recorded_on = pg_text(a, res, row, 13);
    gathering_order *o = &p->order;
    o->id = g->order_id;
    o->subject_kind = g->subject_kind;
    o->subject_id = g->subject_id;
    o->scope = pg_text(a, res, row, 14);
    o->until = pg_text(a, res, row, 15);
    o->reasoning = pg_text(a, res, row, 16);
    o->recorded_by = pg_int(res, row, 17);
    o->recorded_by_username = pg_text(a, res, row, 18);
    o->recorded_by_org = pg_text(a, res, row, 19);
    o->recorded_at = pg_text(a, res, row, 20);
}

db_status pg_gathering_past_threshold(storage *s, arena *a, int64_t page, int64_t per_page,
                                      gathering_past_row **out, size_t *count, int64_t *total)
{
    *out = NULL;
    *count = 0;
    static const pg_stmt ids[2] = {PG_GATHERING_PAST_COUNT, PG_GATHERING_PAST_PAGE};
    pg_params ps[2] = {{0}, {0}};
    pg_param_int(&ps[1], per_page);
    pg_param_int(&ps[1], (page - 1) * per_page);
    PGresult *res[2];
    db_status st = pg_run_many(s, ids, ps, 2, res, "gathering past threshold");
    if (st < 0)
        return st;
    *total = take_count(res[0], 0);
    PQclear(res[0]);
    return pg_read_all(a, res[1], sizeof **out, read_past, (void **)out, count);
}

/* ---- figures ---- */

/* Reads (k1[, k2[, k3]], count) rows: the keys are every column but the last. */
static void read_figure(arena *a, const PGresult *res, int row, void *item)
{
    figure_row *f = item;
    int keys = PQnfields(res) - 1;
    const char **k[] = {&f->k1, &f->k2, &f->k3};
    for (int i = 0; i < 3; i++) {
        const char *v = i < keys ? pg_text(a, res, row, i) : NULL;
        *k[i] = v ? v : "";
    }
    f->count = pg_int(res, row, keys);
}

db_status pg_oversight_figures(storage *s, arena *a, const char *today, oversight_figures *out)
{
    memset(out, 0, sizeof *out);
    /* The breakdowns first (LISTS of them), then the single counts; one round trip. */
    enum { LISTS = 6, N = 10 };
    static const pg_stmt ids[N] = {
        PG_FIGURES_CASES,     PG_FIGURES_MEASURES,    PG_FIGURES_ASSESSMENTS, PG_FIGURES_SIGNALS,
        PG_FIGURES_RELEASES,  PG_FIGURES_BREAK_GLASS, PG_FIGURES_DECISIONS,   PG_FIGURES_EXPIRED,
        PG_FIGURES_GATHERING, PG_FIGURES_AUDIT};
    pg_params ps[N] = {{0}};
    pg_param_text(&ps[7], today);
    PGresult *res[N];
    db_status st = pg_run_many(s, ids, ps, N, res, "oversight figures");
    if (st < 0)
        return st;
    figure_list *lists[LISTS] = {&out->cases,   &out->measures, &out->assessments,
                                 &out->signals, &out->releases, &out->break_glass};
    db_status result = DB_ONE;
    for (int i = 0; i < LISTS; i++) {
        if (pg_read_all(a, res[i], sizeof(figure_row), read_figure, (void **)&lists[i]->rows,
                        &lists[i]->count) < 0)
            result = DB_HARD_ERROR;
        res[i] = NULL; /* pg_read_all cleared it */
    }
    out->decisions_in_force = take_count(res[6], 0);
    out->assessments_expired = take_count(res[7], 0);
    out->gathering_past = take_count(res[8], 0);
    out->audit_entries = take_count(res[9], 0);
    out->audit_head_seq = take_count(res[9], 1);
    pg_clear_results(res + LISTS, N - LISTS);
    return result;
}

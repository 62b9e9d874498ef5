/* sqlite_oversight: the privacy officer's and the inspector's reads (docs/OVERSIGHT.md): the
 * audit trail filtered by object, action and date, approved releases, gathering acts past the
 * threshold, and aggregated figures.
 *
 * These statements are prepared per call rather than cached on the connection: they run a few
 * times a day, each scan costs far more than its preparation, and keeping them out of the shared
 * statement table keeps every connection's cache to what requests use all the time. Values are
 * always bound, never spliced into SQL. */
#include "storage/sqlite/sqlite_internal.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* ---- statements prepared per call ---- */

static sqlite3_stmt *prepare_once(sqlite_conn *c, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(c->db, sql, -1, &st, NULL) != SQLITE_OK) {
        sqlite_status(c, sqlite3_errcode(c->db), "oversight prepare");
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

/* One integer from a single-row statement; the statement is finalized. */
static db_status single_int(sqlite_conn *c, sqlite3_stmt *st, int64_t *out)
{
    db_status r = step_row(c, st, "oversight count");
    *out = r == DB_ONE ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return r < 0 ? r : DB_ONE;
}

/* ---- the audit trail, filtered ---- */

/* Every condition of audit_filter, each optional (a NULL parameter holds it true). ?1 object
 * type, ?2 object id, ?3 case ids (JSON array of strings), ?4-?7 exact actions, ?8 action
 * prefix, ?9 outcome, ?10 from, ?11 to (dates). */
#define AUDIT_OBJECT_COND                                                                          \
    "((object_type = ?1 AND object_id = ?2) OR (object_type = 'case' AND object_id IN "            \
    "(SELECT value FROM json_each(?3))))"
#define AUDIT_WHERE_ALL                                                                            \
    "(?1 IS NULL OR " AUDIT_OBJECT_COND ") AND (?4 IS NULL OR action IN (?4, ?5, ?6, ?7)) "        \
    "AND (?8 IS NULL OR substr(action, 1, length(?8)) = ?8) AND (?9 IS NULL OR outcome = ?9) "     \
    "AND (?10 IS NULL OR substr(at, 1, 10) >= ?10) AND (?11 IS NULL OR substr(at, 1, 10) <= ?11) " \
    "AND seq BETWEEN ?14 AND ?15"
#define AUDIT_COLUMNS                                                                              \
    "seq, at, username, org, role, action, object_type, object_id, purpose, outcome, detail, "     \
    "prev_hash, hash"

/* Three shapes of one filter: the leading condition is the one an index serves (audit_log_action,
 * migration 9) or, for an object, none: the object index of migration 9 cost every audited read
 * (migration 10 dropped it), so an object's entries are found in the window of the trail the
 * dates name, ?14..?15, a range of the primary key (seq_window). The rest of the filter follows. */
typedef enum audit_shape { SHAPE_OBJECT, SHAPE_ACTIONS, SHAPE_ALL } audit_shape;

static const char *const audit_count_sql[] = {
    [SHAPE_OBJECT] =
        "SELECT count(*) FROM audit_log WHERE " AUDIT_OBJECT_COND " AND " AUDIT_WHERE_ALL,
    [SHAPE_ACTIONS] =
        "SELECT count(*) FROM audit_log WHERE action IN (?4, ?5, ?6, ?7) AND " AUDIT_WHERE_ALL,
    [SHAPE_ALL] = "SELECT count(*) FROM audit_log WHERE " AUDIT_WHERE_ALL,
};

static const char *const audit_page_sql[] = {
    [SHAPE_OBJECT] = "SELECT " AUDIT_COLUMNS " FROM audit_log WHERE " AUDIT_OBJECT_COND
                     " AND " AUDIT_WHERE_ALL " ORDER BY seq DESC LIMIT ?12 OFFSET ?13",
    [SHAPE_ACTIONS] = "SELECT " AUDIT_COLUMNS " FROM audit_log WHERE action IN (?4, ?5, ?6, ?7) "
                      "AND " AUDIT_WHERE_ALL " ORDER BY seq DESC LIMIT ?12 OFFSET ?13",
    [SHAPE_ALL] = "SELECT " AUDIT_COLUMNS " FROM audit_log WHERE " AUDIT_WHERE_ALL
                  " ORDER BY seq DESC LIMIT ?12 OFFSET ?13",
};

static audit_shape shape_of(const audit_filter *f)
{
    if (f->object_type)
        return SHAPE_OBJECT;
    return f->actions[0] ? SHAPE_ACTIONS : SHAPE_ALL;
}

/* The case ids as a JSON array of strings (object_id is text): ["12","40"]. */
static const char *case_ids_json(arena *a, const audit_filter *f)
{
    size_t n = f->case_count > AUDIT_FILTER_MAX_CASES ? AUDIT_FILTER_MAX_CASES : f->case_count;
    char *buf = arena_alloc(a, 3 + n * 24);
    if (!buf)
        return NULL;
    size_t at = 0;
    buf[at++] = '[';
    for (size_t i = 0; i < n; i++)
        at += (size_t)snprintf(buf + at, 24, "%s\"%lld\"", i ? "," : "", (long long)f->case_ids[i]);
    buf[at++] = ']';
    buf[at] = '\0';
    return buf;
}

static db_status trail_size(sqlite_conn *c, int64_t *total);

/* The seq of the first entry of the trail whose date (UTC, the first ten characters of `at`) is
 * on or after day (after: past it), by bisection over the primary key: seq runs 1..n without gaps
 * and `at` only grows with it. n + 1 when there is none. */
static db_status first_seq_from(sqlite_conn *c, const char *day, bool after, int64_t n,
                                int64_t *out)
{
    sqlite3_stmt *st = prepare_once(c, "SELECT substr(at, 1, 10) FROM audit_log WHERE seq = ?1");
    if (!st)
        return DB_HARD_ERROR;
    int64_t lo = 1, hi = n + 1;
    db_status r = DB_ONE;
    while (lo < hi && r >= 0) {
        int64_t mid = lo + (hi - lo) / 2;
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, mid);
        int rc = sqlite3_step(st);
        if (rc != SQLITE_ROW) {
            r = sqlite_status(c, rc, "oversight window");
            r = r < 0 ? r : DB_HARD_ERROR; /* a gap: the trail is not what it must be */
            break;
        }
        int cmp = strcmp((const char *)sqlite3_column_text(st, 0), day);
        if (after ? cmp > 0 : cmp >= 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    sqlite3_finalize(st);
    *out = lo;
    return r;
}

/* The seq range the filter's dates allow: [first entry on or after from, last on or before to]. */
static db_status seq_window(sqlite_conn *c, const audit_filter *f, int64_t *lo, int64_t *hi)
{
    int64_t n;
    db_status r = trail_size(c, &n);
    *lo = 1;
    *hi = n;
    if (r >= 0 && f->from)
        r = first_seq_from(c, f->from, false, n, lo);
    if (r >= 0 && f->to) {
        int64_t past;
        r = first_seq_from(c, f->to, true, n, &past);
        *hi = past - 1;
    }
    return r;
}

static void bind_filter(sqlite3_stmt *st, const char *cases, const audit_filter *f, int64_t lo,
                        int64_t hi)
{
    sqlite3_bind_int64(st, 14, lo);
    sqlite3_bind_int64(st, 15, hi);
    bind_text(st, 1, f->object_type);
    bind_text(st, 2, f->object_type ? f->object_id : NULL);
    bind_text(st, 3, cases);
    bool more = true; /* actions end at the first NULL */
    for (int i = 0; i < 4; i++) {
        more = more && f->actions[i];
        bind_text(st, 4 + i, more ? f->actions[i] : NULL);
    }
    bind_text(st, 8, f->action_prefix && *f->action_prefix ? f->action_prefix : NULL);
    bind_text(st, 9, f->outcome);
    bind_text(st, 10, f->from);
    bind_text(st, 11, f->to);
}

static void read_audit_row(arena *a, sqlite3_stmt *st, void *item)
{
    audit_row *row = item;
    row->entry = (audit_entry){
        .seq = sqlite3_column_int64(st, 0),
        .at = column_text(a, st, 1),
        .username = column_text(a, st, 2),
        .org = column_text(a, st, 3),
        .role = column_text(a, st, 4),
        .action = column_text(a, st, 5),
        .object_type = column_text(a, st, 6),
        .object_id = column_text(a, st, 7),
        .purpose = column_text(a, st, 8),
        .outcome = column_text(a, st, 9),
        .detail = column_text(a, st, 10),
    };
    row->prev_hash = column_text(a, st, 11);
    row->hash = column_text(a, st, 12);
}

static bool filter_is_empty(const audit_filter *f)
{
    return !f->object_type && !f->actions[0] && !(f->action_prefix && *f->action_prefix) &&
           !f->outcome && !f->from && !f->to;
}

/* The whole trail's size: seq runs 1..n without gaps, so the newest seq counts it without a
 * scan of millions of rows. */
static db_status trail_size(sqlite_conn *c, int64_t *total)
{
    sqlite3_stmt *st = prepare_once(c, "SELECT coalesce(max(seq), 0) FROM audit_log");
    return st ? single_int(c, st, total) : DB_HARD_ERROR;
}

static db_status audit_count(sqlite_conn *c, audit_shape shape, const char *cases,
                             const audit_filter *f, int64_t lo, int64_t hi, int64_t *total)
{
    if (filter_is_empty(f))
        return trail_size(c, total);
    sqlite3_stmt *st = prepare_once(c, audit_count_sql[shape]);
    if (!st)
        return DB_HARD_ERROR;
    bind_filter(st, cases, f, lo, hi);
    return single_int(c, st, total);
}

db_status sqlite_audit_query(storage *s, arena *a, const audit_filter *f, audit_row **out,
                             size_t *count, int64_t *total)
{
    *out = NULL;
    *count = 0;
    sqlite_conn *c = sqlite_conn_get(s);
    const char *cases = case_ids_json(a, f);
    if (!c || !cases)
        return DB_HARD_ERROR;
    audit_shape shape = shape_of(f);
    int64_t lo, hi;
    db_status r = seq_window(c, f, &lo, &hi);
    if (r >= 0)
        r = audit_count(c, shape, cases, f, lo, hi, total);
    if (r < 0)
        return r;
    sqlite3_stmt *st = prepare_once(c, audit_page_sql[shape]);
    if (!st)
        return DB_HARD_ERROR;
    bind_filter(st, cases, f, lo, hi);
    bind_int(st, 12, f->per_page);
    bind_int(st, 13, (f->page - 1) * f->per_page);
    r = sqlite_collect_rows(c, st, a, sizeof **out, read_audit_row, (void **)out, count);
    sqlite3_finalize(st);
    return r;
}

/* ---- approved releases ---- */

#define APPROVED_WHERE                                                                             \
    " WHERE r.status = 'approved' AND (?1 IS NULL OR substr(r.decided_at, 1, 10) >= ?1) AND "      \
    "(?2 IS NULL OR substr(r.decided_at, 1, 10) <= ?2)"

static void read_release(arena *a, sqlite3_stmt *st, void *item)
{
    release_record *r = item;
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    r->signal_id = sqlite3_column_int64(st, 1);
    r->case_id = sqlite3_column_int64(st, 2);
    r->source_org = column_text(a, st, 3);
    r->requested_by = sqlite3_column_int64(st, 4);
    r->requested_by_username = column_text(a, st, 5);
    r->requested_by_org = column_text(a, st, 6);
    r->reason = column_text(a, st, 7);
    r->requested_at = column_text(a, st, 8);
    r->status = release_status_parse((const char *)sqlite3_column_text(st, 9));
    r->decided_by = sqlite3_column_int64(st, 10);
    r->decided_by_username = column_text(a, st, 11);
    r->decision_note = column_text(a, st, 12);
    r->decided_at = column_text(a, st, 13);
    r->version = sqlite3_column_int64(st, 14);
}

db_status sqlite_release_list_approved(storage *s, arena *a, const char *from, const char *to,
                                       int64_t offset, int64_t limit, release_record **out,
                                       size_t *count, int64_t *total)
{
    *out = NULL;
    *count = 0;
    sqlite_conn *c = sqlite_conn_get(s);
    if (!c)
        return DB_HARD_ERROR;
    sqlite3_stmt *st = prepare_once(c, "SELECT count(*) FROM release_requests r" APPROVED_WHERE);
    if (!st)
        return DB_HARD_ERROR;
    bind_text(st, 1, from);
    bind_text(st, 2, to);
    db_status r = single_int(c, st, total);
    if (r < 0)
        return r;
    st = prepare_once(
        c, "SELECT r.id, r.signal_id, s.case_id, s.source_org, r.requested_by, q.username, q.org, "
           "r.reason, r.requested_at, r.status, coalesce(r.decided_by, 0), d.username, "
           "r.decision_note, r.decided_at, r.version FROM release_requests r JOIN signals s ON "
           "s.id = r.signal_id JOIN users q ON q.id = r.requested_by LEFT JOIN users d ON d.id = "
           "r.decided_by" APPROVED_WHERE " ORDER BY r.decided_at DESC, r.id DESC LIMIT ?3 "
           "OFFSET ?4");
    if (!st)
        return DB_HARD_ERROR;
    bind_text(st, 1, from);
    bind_text(st, 2, to);
    bind_int(st, 3, limit);
    bind_int(st, 4, offset);
    r = sqlite_collect_rows(c, st, a, sizeof **out, read_release, (void **)out, count);
    sqlite3_finalize(st);
    return r;
}

/* ---- gathering past the threshold ---- */

static void read_past(arena *a, sqlite3_stmt *st, void *item)
{
    gathering_past_row *p = item;
    gathering_act *g = &p->act;
    g->id = sqlite3_column_int64(st, 0);
    g->subject_kind = subject_kind_parse((const char *)sqlite3_column_text(st, 1));
    g->subject_id = sqlite3_column_int64(st, 2);
    g->method = gathering_method_parse((const char *)sqlite3_column_text(st, 3));
    g->legal_basis = column_text(a, st, 4);
    g->duration_days = sqlite3_column_int64(st, 5);
    g->justification = column_text(a, st, 6);
    g->intrusion = sqlite3_column_int64(st, 7);
    g->order_id = sqlite3_column_int64(st, 8);
    g->recorded_by = sqlite3_column_int64(st, 9);
    g->recorded_by_username = column_text(a, st, 10);
    g->recorded_by_org = column_text(a, st, 11);
    g->recorded_at = column_text(a, st, 12);
    g->recorded_on = column_text(a, st, 13);
    gathering_order *o = &p->order;
    o->id = g->order_id;
    o->subject_kind = g->subject_kind;
    o->subject_id = g->subject_id;
    o->scope = column_text(a, st, 14);
    o->until = column_text(a, st, 15);
    o->reasoning = column_text(a, st, 16);
    o->recorded_by = sqlite3_column_int64(st, 17);
    o->recorded_by_username = column_text(a, st, 18);
    o->recorded_by_org = column_text(a, st, 19);
    o->recorded_at = column_text(a, st, 20);
}

db_status sqlite_gathering_past_threshold(storage *s, arena *a, int64_t page, int64_t per_page,
                                          gathering_past_row **out, size_t *count, int64_t *total)
{
    *out = NULL;
    *count = 0;
    sqlite_conn *c = sqlite_conn_get(s);
    if (!c)
        return DB_HARD_ERROR;
    sqlite3_stmt *st =
        prepare_once(c, "SELECT count(*) FROM gathering_acts WHERE coalesce(order_id, 0) <> 0");
    if (!st)
        return DB_HARD_ERROR;
    db_status r = single_int(c, st, total);
    if (r < 0)
        return r;
    st = prepare_once(
        c, "SELECT g.id, g.subject_kind, g.subject_id, g.method, g.legal_basis, g.duration_days, "
           "g.justification, g.intrusion, g.order_id, g.recorded_by, u.username, u.org, "
           "g.recorded_at, g.recorded_on, o.scope, o.until, o.reasoning, o.recorded_by, "
           "ou.username, ou.org, o.recorded_at FROM gathering_acts g JOIN users u ON u.id = "
           "g.recorded_by JOIN gathering_orders o ON o.id = g.order_id JOIN users ou ON ou.id = "
           "o.recorded_by ORDER BY g.id DESC LIMIT ?1 OFFSET ?2");
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, per_page);
    bind_int(st, 2, (page - 1) * per_page);
    r = sqlite_collect_rows(c, st, a, sizeof **out, read_past, (void **)out, count);
    sqlite3_finalize(st);
    return r;
}

/* ---- figures ---- */

/* Reads (k1[, k2[, k3]], count) rows: the keys are every column but the last. */
static void read_figure(arena *a, sqlite3_stmt *st, void *item)
{
    figure_row *f = item;
    int keys = sqlite3_column_count(st) - 1;
    const char **k[] = {&f->k1, &f->k2, &f->k3};
    for (int i = 0; i < 3; i++) {
        const char *v = i < keys ? column_text(a, st, i) : NULL;
        *k[i] = v ? v : "";
    }
    f->count = sqlite3_column_int64(st, keys);
}

static db_status figure_rows(sqlite_conn *c, arena *a, const char *sql, figure_list *out)
{
    sqlite3_stmt *st = prepare_once(c, sql);
    if (!st)
        return DB_HARD_ERROR;
    db_status r = sqlite_collect_rows(c, st, a, sizeof *out->rows, read_figure, (void **)&out->rows,
                                      &out->count);
    sqlite3_finalize(st);
    return r;
}

static db_status figure_int(sqlite_conn *c, const char *sql, const char *param, int64_t *out)
{
    sqlite3_stmt *st = prepare_once(c, sql);
    if (!st)
        return DB_HARD_ERROR;
    if (param)
        bind_text(st, 1, param);
    return single_int(c, st, out);
}

static db_status figure_lists(sqlite_conn *c, arena *a, oversight_figures *out)
{
    static const struct {
        const char *sql;
        size_t offset;
    } lists[] = {
        {"SELECT status, coalesce(domain, ''), subject, count(*) FROM cases GROUP BY 1, 2, 3 "
         "ORDER BY 1, 2, 3",
         offsetof(oversight_figures, cases)},
        {"SELECT status, count(*) FROM measures GROUP BY 1 ORDER BY 1",
         offsetof(oversight_figures, measures)},
        {"SELECT status, count(*) FROM assessments GROUP BY 1 ORDER BY 1",
         offsetof(oversight_figures, assessments)},
        {"SELECT compartment, count(*) FROM signals GROUP BY 1 ORDER BY 1",
         offsetof(oversight_figures, signals)},
        {"SELECT status, count(*) FROM release_requests GROUP BY 1 ORDER BY 1",
         offsetof(oversight_figures, releases)},
        {"SELECT review, count(*) FROM break_glass GROUP BY 1 ORDER BY 1",
         offsetof(oversight_figures, break_glass)},
    };
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        figure_list *l = (figure_list *)((char *)out + lists[i].offset);
        db_status r = figure_rows(c, a, lists[i].sql, l);
        if (r < 0)
            return r;
    }
    return DB_ONE;
}

db_status sqlite_oversight_figures(storage *s, arena *a, const char *today, oversight_figures *out)
{
    memset(out, 0, sizeof *out);
    sqlite_conn *c = sqlite_conn_get(s);
    if (!c)
        return DB_HARD_ERROR;
    db_status r;
    if ((r = figure_lists(c, a, out)) < 0 ||
        (r = figure_int(c, "SELECT count(*) FROM decisions WHERE status = 'in_force'", NULL,
                        &out->decisions_in_force)) < 0 ||
        (r = figure_int(c,
                        "SELECT count(*) FROM assessments WHERE status = 'final' AND "
                        "valid_until < ?1",
                        today, &out->assessments_expired)) < 0 ||
        (r = figure_int(c, "SELECT count(*) FROM gathering_acts WHERE coalesce(order_id, 0) <> 0",
                        NULL, &out->gathering_past)) < 0 ||
        (r = figure_int(c, "SELECT count(*) FROM audit_log", NULL, &out->audit_entries)) < 0 ||
        (r = figure_int(c, "SELECT coalesce(max(seq), 0) FROM audit_head", NULL,
                        &out->audit_head_seq)) < 0)
        return r;
    return DB_ONE;
}

/* sqlite_daf_assessments: threat assessments (drafts, review, final, superseded) and the DAF work
 * queue built from them. Updates are version-checked like case_update. */
#include "storage/sqlite/sqlite_internal.h"

#include <string.h>

static void read_assessment(arena *ar, sqlite3_stmt *st, void *item)
{
    assessment_record *a = item;
    memset(a, 0, sizeof *a);
    a->id = sqlite3_column_int64(st, 0);
    a->case_id = sqlite3_column_int64(st, 1);
    a->case_reference = column_text(ar, st, 2);
    a->product = product_parse((const char *)sqlite3_column_text(st, 3));
    a->status = assessment_status_parse((const char *)sqlite3_column_text(st, 4));
    a->seriousness = sqlite3_column_int(st, 5);
    a->likelihood = sqlite3_column_int(st, 6);
    a->intent = sqlite3_column_int(st, 7);
    a->capability = sqlite3_column_int(st, 8);
    a->threat_level = sqlite3_column_int(st, 9);
    a->threat_level_derived = sqlite3_column_int(st, 10) != 0;
    a->resistance_level = sqlite3_column_int(st, 11);
    a->concreteness = column_text(ar, st, 12);
    a->reasoning = column_text(ar, st, 13);
    a->vulnerabilities = column_text(ar, st, 14);
    a->content = column_text(ar, st, 15);
    a->author_id = sqlite3_column_int64(st, 16);
    a->author_username = column_text(ar, st, 17);
    a->author_org = column_text(ar, st, 18);
    a->created_at = column_text(ar, st, 19);
    a->submitted_at = column_text(ar, st, 20);
    a->reviewer_id = sqlite3_column_int64(st, 21);
    a->reviewer_username = column_text(ar, st, 22);
    a->review_comment = column_text(ar, st, 23);
    a->reviewed_at = column_text(ar, st, 24);
    a->valid_until = column_text(ar, st, 25);
    a->supersedes = sqlite3_column_int64(st, 26);
    a->version = sqlite3_column_int64(st, 27);
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* The fields an author or reviewer writes, bound from first on in the order both statements
 * list them: product, status, the five grades, derived flag, resistance, concreteness, texts. */
static int bind_assessed(sqlite3_stmt *st, int first, const assessment_record *a)
{
    int i = first;
    bind_text(st, i++, product_name(a->product));
    bind_text(st, i++, assessment_status_name(a->status));
    bind_int(st, i++, a->seriousness);
    bind_int(st, i++, a->likelihood);
    bind_int(st, i++, a->intent);
    bind_int(st, i++, a->capability);
    bind_int(st, i++, a->threat_level);
    bind_int(st, i++, a->threat_level_derived);
    bind_int(st, i++, a->resistance_level);
    bind_text(st, i++, or_empty(a->concreteness));
    bind_text(st, i++, or_empty(a->reasoning));
    bind_text(st, i++, or_empty(a->vulnerabilities));
    bind_text(st, i++, a->content ? a->content : "{}");
    return i;
}

db_status sqlite_assessment_insert(storage *s, assessment_record *a)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_ASSESSMENT_INSERT, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, a->case_id);
    int i = bind_assessed(st, 2, a);
    bind_int(st, i++, a->author_id);
    bind_text(st, i++, a->created_at);
    bind_text(st, i++, a->submitted_at);
    bind_int(st, i++, a->reviewer_id);
    bind_text(st, i++, or_empty(a->review_comment));
    bind_text(st, i++, a->reviewed_at);
    bind_text(st, i++, a->valid_until);
    bind_int(st, i, a->supersedes);
    db_status r = step_done(c, st, "assessment insert");
    if (r == DB_ONE) {
        a->id = sqlite3_last_insert_rowid(c->db);
        a->version = 1;
    }
    return r;
}

static db_status one_assessment(storage *s, arena *ar, stmt_id id, int64_t key,
                                assessment_record *out)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, id, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, key);
    db_status r = step_row(c, st, "assessment get");
    if (r == DB_ONE)
        read_assessment(ar, st, out);
    sqlite3_reset(st);
    return r;
}

db_status sqlite_assessment_get(storage *s, arena *ar, int64_t id, assessment_record *out)
{
    return one_assessment(s, ar, STMT_ASSESSMENT_GET, id, out);
}

db_status sqlite_assessment_final(storage *s, arena *ar, int64_t case_id, assessment_record *out)
{
    return one_assessment(s, ar, STMT_ASSESSMENT_FINAL, case_id, out);
}

/* Everything but the id, case, author and creation time: the author edits the assessed fields
 * of a draft through this too, the reviewer the review and validity fields. */
db_status sqlite_assessment_update(storage *s, assessment_record *a)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_ASSESSMENT_UPDATE, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, a->id);
    bind_int(st, 2, a->version);
    int i = bind_assessed(st, 3, a);
    bind_text(st, i++, a->submitted_at);
    bind_int(st, i++, a->reviewer_id);
    bind_text(st, i++, or_empty(a->review_comment));
    bind_text(st, i++, a->reviewed_at);
    bind_text(st, i++, a->valid_until);
    bind_int(st, i, a->supersedes);
    db_status r = step_done(c, st, "assessment update");
    if (r == DB_ONE)
        a->version++;
    return r;
}

db_status sqlite_assessment_list(storage *s, arena *ar, int64_t case_id, assessment_record **out,
                                 size_t *count)
{
    return sqlite_load_rows(s, ar, STMT_ASSESSMENT_LIST, case_id, sizeof **out, read_assessment,
                            (void **)out, count);
}

/* ---- the DAF work queue ---- */

static const daf_queue_reason queue_groups[] = {QUEUE_REVIEW, QUEUE_VALIDITY_ENDING,
                                                QUEUE_NEW_SIGNALS, QUEUE_FIRST_ASSESSMENT};

static void read_queue_item(arena *a, sqlite3_stmt *st, void *item)
{
    daf_queue_item *q = item;
    memset(q, 0, sizeof *q);
    int group = sqlite3_column_int(st, 0);
    q->reason = queue_groups[group >= 0 && group < 4 ? group : 3];
    q->case_id = sqlite3_column_int64(st, 1);
    q->case_reference = column_text(a, st, 2);
    q->urgent = sqlite3_column_int(st, 3) != 0;
    q->phenomenon = phenomenon_parse((const char *)sqlite3_column_text(st, 4));
    q->assessment_id = sqlite3_column_int64(st, 5);
    q->since = column_text(a, st, 6);
    q->valid_until = column_text(a, st, 7);
    q->new_signals = sqlite3_column_int64(st, 8);
}

db_status sqlite_daf_queue(storage *s, arena *a, const viewer *v, access_scope scope,
                           const char *today, int warning_days, daf_queue_item **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    if (scope == SCOPE_NONE)
        return DB_NONE;
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_DAF_QUEUE, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_text(st, 1, v->org);
    bind_int(st, 2, v->user_id);
    bind_int(st, 3, scope == SCOPE_TEAM_OR_REFERRED);
    bind_text(st, 4, today);
    bind_int(st, 5, warning_days);
    bind_int(st, 6, v->now);
    return sqlite_collect_rows(c, st, a, sizeof **out, read_queue_item, (void **)out, count);
}

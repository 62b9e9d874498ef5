/* sqlite_daf: signals with their subjects, and release requests (docs/DAF.md). A signal's
 * insert also links the actors it names to its case; both, and an approved release, mark the
 * search index. */
#include "storage/sqlite/sqlite_internal.h"

#include <stdlib.h>
#include <string.h>

static const char *text_or_empty(const char *s)
{
    return s ? s : "";
}

static void read_signal(arena *a, sqlite3_stmt *st, void *item)
{
    signal_record *g = item;
    memset(g, 0, sizeof *g);
    g->id = sqlite3_column_int64(st, 0);
    g->case_id = sqlite3_column_int64(st, 1);
    g->case_reference = column_text(a, st, 2);
    g->received_at = column_text(a, st, 3);
    g->source_org = column_text(a, st, 4);
    g->source_org_name = column_text(a, st, 5);
    g->source_grade = source_grade_parse((const char *)sqlite3_column_text(st, 6));
    g->info_grade = info_grade_parse((const char *)sqlite3_column_text(st, 7));
    g->handling = handling_parse((const char *)sqlite3_column_text(st, 8));
    g->handling_note = column_text(a, st, 9);
    g->compartment = compartment_parse((const char *)sqlite3_column_text(st, 10));
    g->concrete = sqlite3_column_int(st, 11) != 0;
    g->text = column_text(a, st, 12);
    g->recorded_by = sqlite3_column_int64(st, 13);
    g->recorded_by_username = column_text(a, st, 14);
    g->recorded_by_org = column_text(a, st, 15);
    g->created_at = column_text(a, st, 16);
    g->version = sqlite3_column_int64(st, 17);
}

/* A subject row: signal id (column 0, read by the caller), kind, id, label. */
typedef struct subject_row {
    int64_t signal_id;
    signal_subject subject;
} subject_row;

static void read_subject(arena *a, sqlite3_stmt *st, void *item)
{
    subject_row *row = item;
    row->signal_id = sqlite3_column_int64(st, 0);
    row->subject.kind = subject_kind_parse((const char *)sqlite3_column_text(st, 1));
    row->subject.id = sqlite3_column_int64(st, 2);
    row->subject.label = column_text(a, st, 3);
}

static db_status add_subject(storage *s, const signal_record *sig, const signal_subject *sub)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_SIGNAL_SUBJECT_ADD, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, sig->id);
    bind_text(st, 2, subject_kind_name(sub->kind));
    bind_int(st, 3, sub->id);
    db_status r = step_done(c, st, "signal subject");
    if (r < 0 || sub->kind != SUBJECT_ACTOR)
        return r;
    return sqlite_case_actor_link(s, sig->case_id, sub->id);
}

/* Binds the text as stored (sealed for the sealed compartments: storage/sealed.c) and runs
 * the insert; the sealed copy lives only until the statement has run. */
static db_status insert_signal_row(sqlite_conn *c, storage *s, sqlite3_stmt *st,
                                   const signal_record *sig)
{
    arena tmp;
    arena_init(&tmp, 2 * strlen(sig->text ? sig->text : "") + 4096);
    const char *stored = NULL;
    db_status r = storage_seal_signal_text(s, &tmp, sig, &stored);
    if (r >= 0) {
        bind_text(st, 10, stored);
        r = step_done(c, st, "signal insert");
        sqlite3_clear_bindings(st);
    } else {
        sqlite3_reset(st);
    }
    arena_clear(&tmp);
    return r;
}

db_status sqlite_signal_insert(storage *s, signal_record *sig)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_SIGNAL_INSERT, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, sig->case_id);
    bind_text(st, 2, sig->received_at);
    bind_text(st, 3, sig->source_org);
    bind_text(st, 4, source_grade_name(sig->source_grade));
    bind_text(st, 5, info_grade_name(sig->info_grade));
    bind_text(st, 6, handling_name(sig->handling));
    bind_text(st, 7, text_or_empty(sig->handling_note));
    bind_text(st, 8, compartment_name(sig->compartment));
    bind_int(st, 9, sig->concrete);
    bind_int(st, 11, sig->recorded_by);
    bind_text(st, 12, sig->recorded_by_org);
    bind_text(st, 13, sig->created_at);
    db_status r = insert_signal_row(c, s, st, sig);
    if (r != DB_ONE)
        return r < 0 ? r : DB_HARD_ERROR;
    sig->id = sqlite3_last_insert_rowid(c->db);
    sig->version = 1;
    for (size_t i = 0; i < sig->subject_count; i++)
        if ((r = add_subject(s, sig, &sig->subjects[i])) < 0)
            return r;
    r = sqlite_index_mark(c, SEARCH_SIGNAL, sig->id);
    return r < 0 ? r : DB_ONE;
}

/* Copies the subject rows of one signal (consecutive in rows) into it. */
static bool attach_subjects(arena *a, signal_record *sig, const subject_row *rows, size_t n)
{
    sig->subjects = n ? arena_alloc(a, n * sizeof *sig->subjects) : NULL;
    if (n && !sig->subjects)
        return false;
    for (size_t i = 0; i < n; i++)
        sig->subjects[i] = rows[i].subject;
    sig->subject_count = n;
    return true;
}

db_status sqlite_signal_get(storage *s, arena *a, int64_t id, signal_record *out)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_SIGNAL_GET, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, id);
    db_status r = step_row(c, st, "signal get");
    if (r == DB_ONE)
        read_signal(a, st, out);
    sqlite3_reset(st);
    if (r != DB_ONE)
        return r;
    subject_row *rows;
    size_t n;
    if ((r = sqlite_load_rows(s, a, STMT_SIGNAL_SUBJECTS, id, sizeof *rows, read_subject,
                              (void **)&rows, &n)) < 0)
        return r;
    if (!attach_subjects(a, out, rows, n))
        return DB_HARD_ERROR;
    return storage_open_signal_text(s, a, out);
}

static int by_signal_id(const void *x, const void *y)
{
    const signal_record *const *a = x, *const *b = y;
    return ((*a)->id > (*b)->id) - ((*a)->id < (*b)->id);
}

db_status sqlite_signal_list(storage *s, arena *a, int64_t case_id, signal_record **out,
                             size_t *count)
{
    signal_record *sigs;
    size_t n;
    db_status r = sqlite_load_rows(s, a, STMT_SIGNAL_LIST, case_id, sizeof *sigs, read_signal,
                                   (void **)&sigs, &n);
    if (r < 0)
        return r;
    subject_row *rows;
    size_t m;
    if ((r = sqlite_load_rows(s, a, STMT_CASE_SIGNAL_SUBJECTS, case_id, sizeof *rows, read_subject,
                              (void **)&rows, &m)) < 0)
        return r;
    /* the subject rows come ordered by signal id; walk them beside the signals in id order */
    signal_record **by_id = arena_alloc(a, (n ? n : 1) * sizeof *by_id);
    if (!by_id)
        return DB_HARD_ERROR;
    for (size_t i = 0; i < n; i++)
        by_id[i] = &sigs[i];
    qsort(by_id, n, sizeof *by_id, by_signal_id);
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        while (j < m && rows[j].signal_id < by_id[i]->id)
            j++;
        size_t first = j;
        while (j < m && rows[j].signal_id == by_id[i]->id)
            j++;
        if (!attach_subjects(a, by_id[i], rows + first, j - first))
            return DB_HARD_ERROR;
    }
    if (storage_open_signal_texts(s, a, sigs, n) < 0)
        return DB_HARD_ERROR;
    *out = sigs;
    *count = n;
    return (db_status)n;
}

db_status sqlite_signal_count_since(storage *s, int64_t case_id, const char *after, int64_t *count)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_SIGNAL_COUNT_SINCE, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, case_id);
    bind_text(st, 2, text_or_empty(after));
    db_status r = step_row(c, st, "signal count since");
    *count = r == DB_ONE ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return r < 0 ? r : DB_ONE;
}

/* ---- release requests ---- */

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

db_status sqlite_release_insert(storage *s, release_record *rel)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_RELEASE_INSERT, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, rel->signal_id);
    bind_int(st, 2, rel->requested_by);
    bind_text(st, 3, text_or_empty(rel->reason));
    bind_text(st, 4, rel->requested_at);
    db_status r = step_done(c, st, "release insert");
    if (r == DB_ONE) {
        rel->id = sqlite3_last_insert_rowid(c->db);
        rel->version = 1;
        rel->status = RELEASE_PENDING;
    }
    return r;
}

db_status sqlite_release_get(storage *s, arena *a, int64_t id, release_record *out)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_RELEASE_GET, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, id);
    db_status r = step_row(c, st, "release get");
    if (r == DB_ONE)
        read_release(a, st, out);
    sqlite3_reset(st);
    return r;
}

db_status sqlite_release_decide(storage *s, release_record *rel)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_RELEASE_DECIDE, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, rel->id);
    bind_int(st, 2, rel->version);
    bind_text(st, 3, release_status_name(rel->status));
    bind_int(st, 4, rel->decided_by);
    bind_text(st, 5, text_or_empty(rel->decision_note));
    bind_text(st, 6, rel->decided_at);
    db_status r = step_row(c, st, "release decide");
    if (r != DB_ONE)
        return r;
    int64_t signal_id = sqlite3_column_int64(st, 0); /* RETURNING: the row was updated */
    if ((r = step_row(c, st, "release decide")) < 0)
        return r;
    rel->version++;
    if (rel->status != RELEASE_APPROVED)
        return DB_ONE;
    r = sqlite_index_mark(c, SEARCH_SIGNAL, signal_id); /* r: the requester may find it now */
    return r < 0 ? r : DB_ONE;
}

db_status sqlite_release_list_case(storage *s, arena *a, int64_t case_id, release_record **out,
                                   size_t *count)
{
    return sqlite_load_rows(s, a, STMT_RELEASE_LIST_CASE, case_id, sizeof **out, read_release,
                            (void **)out, count);
}

db_status sqlite_release_list_pending(storage *s, arena *a, const char *source_org,
                                      release_record **out, size_t *count)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_RELEASE_LIST_PENDING, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_text(st, 1, source_org);
    return sqlite_collect_rows(c, st, a, sizeof **out, read_release, (void **)out, count);
}

static void read_id(arena *a, sqlite3_stmt *st, void *item)
{
    (void)a;
    *(int64_t *)item = sqlite3_column_int64(st, 0);
}

db_status sqlite_release_granted(storage *s, arena *a, int64_t case_id, int64_t user_id,
                                 int64_t **signal_ids, size_t *count)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_RELEASE_GRANTED, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, case_id);
    bind_int(st, 2, user_id);
    return sqlite_collect_rows(c, st, a, sizeof **signal_ids, read_id, (void **)signal_ids, count);
}

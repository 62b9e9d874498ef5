/* sqlite_cases: persons, cases, their teams and timelines. Writes that change what a search may
 * find or who may find it mark the objects for the search index (sqlite_search_index.c). */
#include "storage/sqlite/sqlite_internal.h"

#include "util/log.h"

#include <stdio.h>
#include <string.h>

void *sqlite_grow(arena *a, void *items, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return items;
    size_t next = *cap ? *cap * 2 : 8;
    void *bigger = arena_alloc(a, next * size);
    if (bigger && n)
        memcpy(bigger, items, n * size);
    *cap = next;
    return bigger;
}

static void read_person(arena *a, sqlite3_stmt *st, person_record *p)
{
    p->id = sqlite3_column_int64(st, 0);
    p->given_names = column_text(a, st, 1);
    p->surname_prefix = column_text(a, st, 2);
    p->surname = column_text(a, st, 3);
    p->date_of_birth = column_text(a, st, 4);
    p->function = column_text(a, st, 5);
    p->version = sqlite3_column_int64(st, 6);
    p->employer_org = column_text(a, st, 7);
}

case_subject sqlite_subject_parse(const char *name)
{
    for (case_subject s = CASE_SUBJECT_PERSONS; s <= CASE_SUBJECT_SERVICE; s++)
        if (name && strcmp(name, case_subject_name(s)) == 0)
            return s;
    return CASE_SUBJECT_PERSONS;
}

static void read_case_row(arena *a, sqlite3_stmt *st, case_record *c)
{
    memset(c, 0, sizeof *c);
    c->id = sqlite3_column_int64(st, 0);
    c->reference = column_text(a, st, 1);
    c->status = case_status_parse((const char *)sqlite3_column_text(st, 2));
    c->domain = case_domain_parse((const char *)sqlite3_column_text(st, 3));
    c->authority_org = column_text(a, st, 4);
    c->authority_name = column_text(a, st, 5);
    c->summary = column_text(a, st, 6);
    c->phenomenon = phenomenon_parse((const char *)sqlite3_column_text(st, 7));
    c->urgent = sqlite3_column_int(st, 8) != 0;
    c->source_details = column_text(a, st, 9);
    c->referring_org = column_text(a, st, 10);
    c->referring_org_name = column_text(a, st, 11);
    c->referred_by = sqlite3_column_int64(st, 12);
    c->awaiting_information = sqlite3_column_int(st, 13) != 0;
    c->information_request = column_text(a, st, 14);
    c->triage = triage_outcome_parse((const char *)sqlite3_column_text(st, 15));
    c->triage_district = column_text(a, st, 16);
    c->triage_reasoning = column_text(a, st, 17);
    c->triage_at = column_text(a, st, 18);
    c->triage_by_username = column_text(a, st, 19);
    c->triage_by = sqlite3_column_int64(st, 20);
    c->created_at = column_text(a, st, 21);
    c->updated_at = column_text(a, st, 22);
    c->version = sqlite3_column_int64(st, 23);
    c->subject = sqlite_subject_parse((const char *)sqlite3_column_text(st, 24));
}

db_status sqlite_person_insert(storage *s, person_record *p, const char *now)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_PERSON_INSERT, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_text(st, 1, p->given_names);
    bind_text(st, 2, p->surname_prefix ? p->surname_prefix : "");
    bind_text(st, 3, p->surname);
    bind_text(st, 4, p->date_of_birth);
    bind_text(st, 5, p->function ? p->function : "");
    bind_text(st, 6, now);
    bind_text(st, 7, p->employer_org ? p->employer_org : "");
    db_status r = step_done(c, st, "person insert");
    if (r == DB_ONE) {
        p->id = sqlite3_last_insert_rowid(c->db);
        p->version = 1;
        db_status m = sqlite_index_mark(c, SEARCH_PERSON, p->id);
        if (m < 0)
            return m;
    }
    return r;
}

db_status sqlite_person_get(storage *s, arena *a, int64_t id, person_record *out)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_PERSON_GET, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, id);
    db_status r = step_row(c, st, "person get");
    if (r == DB_ONE)
        read_person(a, st, out);
    sqlite3_reset(st);
    return r;
}

db_status sqlite_load_rows(storage *s, arena *a, stmt_id id, int64_t key, size_t size,
                           row_reader read, void **items, size_t *count)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, id, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, key);
    return sqlite_collect_rows(c, st, a, size, read, items, count);
}

db_status sqlite_collect_rows(sqlite_conn *c, sqlite3_stmt *st, arena *a, size_t size,
                              row_reader read, void **items, size_t *count)
{
    size_t n = 0, cap = 0;
    unsigned char *out = NULL;
    db_status r;
    while ((r = step_row(c, st, "load children")) == DB_ONE) {
        out = sqlite_grow(a, out, &cap, n, size);
        if (!out) {
            sqlite3_reset(st);
            return DB_HARD_ERROR;
        }
        read(a, st, out + n * size);
        n++;
    }
    if (r < 0)
        return r;
    *items = out;
    *count = n;
    return (db_status)n;
}

static void read_person_item(arena *a, sqlite3_stmt *st, void *item)
{
    read_person(a, st, item);
}

static void read_team_item(arena *a, sqlite3_stmt *st, void *item)
{
    team_member *m = item;
    m->org = column_text(a, st, 0);
    m->org_name = column_text(a, st, 1);
    m->user_id = sqlite3_column_int64(st, 2);
    m->membership = column_text(a, st, 3);
    m->expires_at = sqlite3_column_int64(st, 4);
}

static void read_event_item(arena *a, sqlite3_stmt *st, void *item)
{
    case_event *e = item;
    e->at = column_text(a, st, 0);
    e->event = column_text(a, st, 1);
    e->actor_username = column_text(a, st, 2);
    e->actor_org = column_text(a, st, 3);
    e->text = column_text(a, st, 4);
    if (sqlite3_column_count(st) > 5) {
        e->case_id = sqlite3_column_int64(st, 5);
        e->case_reference = column_text(a, st, 6);
    }
}

static db_status load_persons(storage *s, arena *a, case_record *c)
{
    return sqlite_load_rows(s, a, STMT_CASE_PERSONS, c->id, sizeof(person_record), read_person_item,
                            (void **)&c->persons, &c->person_count);
}

static db_status load_team(storage *s, arena *a, case_record *c)
{
    return sqlite_load_rows(s, a, STMT_CASE_TEAM, c->id, sizeof(team_member), read_team_item,
                            (void **)&c->team, &c->team_count);
}

/* The case row alone (no children). */
static db_status load_case_row(storage *s, arena *a, int64_t id, case_record *out)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_CASE_GET, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, id);
    db_status r = step_row(c, st, "case get");
    if (r == DB_ONE)
        read_case_row(a, st, out);
    sqlite3_reset(st);
    return r;
}

db_status sqlite_cases_with_team(storage *s, arena *a, stmt_id ids_stmt, int64_t key,
                                 case_record **cases, size_t *count)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, ids_stmt, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, key);
    int64_t *ids = NULL;
    size_t n = 0, cap = 0;
    db_status r;
    while ((r = step_row(c, st, "cases by id")) == DB_ONE) {
        if (!(ids = sqlite_grow(a, ids, &cap, n, sizeof *ids))) {
            sqlite3_reset(st);
            return DB_HARD_ERROR;
        }
        ids[n++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    if (r < 0)
        return r;
    case_record *out = arena_alloc(a, (n ? n : 1) * sizeof *out);
    if (!out)
        return DB_HARD_ERROR;
    for (size_t i = 0; i < n; i++) {
        if ((r = load_case_row(s, a, ids[i], &out[i])) < 0 || (r = load_team(s, a, &out[i])) < 0)
            return r;
    }
    *cases = out;
    *count = n;
    return (db_status)n;
}

db_status sqlite_person_cases(storage *s, arena *a, int64_t person_id, case_record **cases,
                              size_t *count)
{
    return sqlite_cases_with_team(s, a, STMT_PERSON_CASE_IDS, person_id, cases, count);
}

db_status sqlite_person_events(storage *s, arena *a, int64_t person_id, case_event **events,
                               size_t *count)
{
    return sqlite_load_rows(s, a, STMT_PERSON_EVENTS, person_id, sizeof(case_event),
                            read_event_item, (void **)events, count);
}

db_status sqlite_case_insert(storage *s, arena *a, case_record *rec)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_CASE_INSERT, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_text(st, 1, rec->summary);
    bind_text(st, 2, phenomenon_name(rec->phenomenon));
    bind_int(st, 3, rec->urgent);
    bind_text(st, 4, rec->source_details ? rec->source_details : "");
    bind_text(st, 5, rec->referring_org);
    bind_int(st, 6, rec->referred_by);
    bind_text(st, 7, rec->created_at);
    bind_text(st, 8, case_subject_name(rec->subject));
    db_status r = step_done(c, st, "case insert");
    if (r != DB_ONE)
        return r < 0 ? r : DB_HARD_ERROR;
    rec->id = sqlite3_last_insert_rowid(c->db);
    rec->version = 1;
    rec->status = STATUS_REFERRED;
    /* The reference carries the referral year and the case id: unique and stable. */
    char ref[32];
    snprintf(ref, sizeof ref, "SBP-%.4s-%06lld", rec->created_at, (long long)rec->id);
    if (!(st = prepare_for(s, STMT_CASE_SET_REFERENCE, &c)))
        return DB_HARD_ERROR;
    bind_int(st, 1, rec->id);
    bind_text(st, 2, ref);
    r = step_done(c, st, "case reference");
    if (r != DB_ONE)
        return r < 0 ? r : DB_HARD_ERROR;
    rec->reference = arena_strdup(a, ref);
    if (!rec->reference)
        return DB_HARD_ERROR;
    r = sqlite_index_mark(c, SEARCH_CASE, rec->id);
    return r < 0 ? r : DB_ONE;
}

db_status sqlite_case_link_person(storage *s, int64_t case_id, int64_t person_id)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_CASE_LINK_PERSON, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, case_id);
    bind_int(st, 2, person_id);
    db_status r = step_done(c, st, "case link person");
    if (r == DB_ONE) {
        db_status m = sqlite_index_mark(c, SEARCH_PERSON, person_id); /* found through this case */
        if (m < 0)
            return m;
    }
    return r;
}

db_status sqlite_case_team_add(storage *s, int64_t case_id, const team_member *m)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_CASE_TEAM_ADD, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, case_id);
    bind_text(st, 2, m->org);
    bind_int(st, 3, m->user_id);
    bind_text(st, 4, m->membership);
    bind_int(st, 5, m->expires_at);
    db_status r = step_done(c, st, "case team add");
    if (r == DB_ONE) {
        db_status mark = sqlite_index_mark(c, INDEX_CASE_DEEP, case_id); /* new readers */
        if (mark < 0)
            return mark;
    }
    return r;
}

db_status sqlite_case_event_add(storage *s, int64_t case_id, const case_event *e)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_CASE_EVENT_ADD, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, case_id);
    bind_text(st, 2, e->at);
    bind_text(st, 3, e->event);
    bind_text(st, 4, e->actor_username);
    bind_text(st, 5, e->actor_org);
    bind_text(st, 6, e->text ? e->text : "");
    return step_done(c, st, "case event add");
}

db_status sqlite_case_get(storage *s, arena *a, int64_t id, case_record *out)
{
    db_status r = load_case_row(s, a, id, out);
    if (r != DB_ONE)
        return r;
    if ((r = load_persons(s, a, out)) < 0 || (r = load_team(s, a, out)) < 0)
        return r;
    r = sqlite_load_rows(s, a, STMT_CASE_EVENTS, out->id, sizeof(case_event), read_event_item,
                         (void **)&out->events, &out->event_count);
    return r < 0 ? r : DB_ONE;
}

/* Whether the case is in intake now (triage sees every such case, so its documents say so). */
static db_status case_referred(storage *s, int64_t id, bool *referred)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_CASE_STATUS, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, id);
    db_status r = step_row(c, st, "case status");
    *referred = r == DB_ONE && strcmp((const char *)sqlite3_column_text(st, 0), "referred") == 0;
    sqlite3_reset(st);
    return r;
}

db_status sqlite_case_update(storage *s, case_record *rec)
{
    bool was_referred;
    db_status r = case_referred(s, rec->id, &was_referred);
    if (r <= 0)
        return r;
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_CASE_UPDATE, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, rec->id);
    bind_int(st, 2, rec->version);
    bind_text(st, 3, case_status_name(rec->status));
    bind_text(st, 4, case_domain_name(rec->domain));
    bind_text(st, 5, rec->authority_org);
    bind_int(st, 6, rec->awaiting_information);
    bind_text(st, 7, rec->information_request);
    bind_text(st, 8, triage_outcome_name(rec->triage));
    bind_text(st, 9, rec->triage_district);
    bind_text(st, 10, rec->triage_reasoning);
    bind_text(st, 11, rec->triage_at);
    if (rec->triage_by)
        bind_int(st, 12, rec->triage_by);
    else
        sqlite3_bind_null(st, 12);
    bind_text(st, 13, rec->updated_at);
    r = step_done(c, st, "case update");
    if (r != DB_ONE)
        return r;
    rec->version++;
    if (was_referred != (rec->status == STATUS_REFERRED)) {
        db_status m = sqlite_index_mark(c, INDEX_CASE_DEEP, rec->id);
        if (m < 0)
            return m;
    }
    return r;
}

const char *sqlite_scope_sql(access_scope scope)
{
    /* A member counts while permanent (expires_at 0) or until its end: ?6 is the viewer's now
     * (access_member_live). */
#define TEAM_SQL                                                                                   \
    "EXISTS (SELECT 1 FROM case_team m WHERE m.case_id = c.id AND "                                \
    "((m.user_id = 0 AND m.org = ?2) OR (m.user_id <> 0 AND m.user_id = ?3)) AND "                 \
    "(m.expires_at = 0 OR m.expires_at > ?6))"
    switch (scope) {
    case SCOPE_TEAM:
        return TEAM_SQL;
    case SCOPE_TEAM_OR_REFERRED:
        return "(c.status = 'referred' OR " TEAM_SQL ")";
#undef TEAM_SQL
    default:
        return "0";
    }
}

static const char *sort_sql(case_sort sort)
{
    switch (sort) {
    case SORT_TRIAGE:
        return "c.urgent DESC, c.created_at ASC, c.id ASC";
    case SORT_NEWEST:
        return "c.created_at DESC, c.id DESC";
    case SORT_OLDEST:
        return "c.created_at ASC, c.id ASC";
    default:
        return "c.id ASC";
    }
}

static db_status prepare_dynamic(sqlite_conn *c, const char *sql, sqlite3_stmt **st)
{
    int rc = sqlite3_prepare_v2(c->db, sql, -1, st, NULL);
    return rc == SQLITE_OK ? DB_NONE : sqlite_status(c, rc, "prepare list");
}

static void bind_list_params(sqlite3_stmt *st, const case_query *q, const viewer *v)
{
    if (q->status != STATUS_NONE)
        bind_text(st, 1, case_status_name(q->status));
    else
        sqlite3_bind_null(st, 1);
    bind_text(st, 2, v->org);
    bind_int(st, 3, v->user_id);
    bind_int(st, 6, v->now);
}

db_status sqlite_case_list(storage *s, arena *a, const case_query *q, const viewer *v,
                           access_scope scope, case_record **cases, size_t *count, int64_t *total)
{
    sqlite_conn *c = sqlite_conn_get(s);
    if (!c)
        return DB_HARD_ERROR;
    char where[512], sql[2048];
    snprintf(where, sizeof where, " WHERE (?1 IS NULL OR c.status = ?1) AND %s",
             sqlite_scope_sql(scope));
    snprintf(sql, sizeof sql, "SELECT count(*) FROM cases c%s", where);
    sqlite3_stmt *st;
    db_status r = prepare_dynamic(c, sql, &st);
    if (r < 0)
        return r;
    bind_list_params(st, q, v);
    r = step_row(c, st, "list count");
    *total = r == DB_ONE ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    if (r < 0)
        return r;

    snprintf(sql, sizeof sql, "SELECT " CASE_COLUMNS CASE_FROM "%s ORDER BY %s LIMIT ?4 OFFSET ?5",
             where, sort_sql(q->sort));
    if ((r = prepare_dynamic(c, sql, &st)) < 0)
        return r;
    bind_list_params(st, q, v);
    bind_int(st, 4, q->per_page);
    bind_int(st, 5, (q->page - 1) * q->per_page);
    case_record *out = arena_alloc(a, (size_t)q->per_page * sizeof *out);
    size_t n = 0;
    while (out && n < (size_t)q->per_page && (r = step_row(c, st, "list")) == DB_ONE)
        read_case_row(a, st, &out[n++]);
    sqlite3_finalize(st);
    if (!out)
        return DB_HARD_ERROR;
    if (r < 0)
        return r;
    for (size_t i = 0; i < n; i++)
        if ((r = load_persons(s, a, &out[i])) < 0)
            return r;
    *cases = out;
    *count = n;
    return (db_status)n;
}

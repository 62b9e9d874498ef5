/* sqlite_daf_actors: threat actors and their case links, the notifications a new signal about a
 * known actor sends to other cases' teams, and information gathering with prosecutors' orders.
 * Actors are indexed for search; a new case link changes who may find one. */
#include "storage/sqlite/sqlite_internal.h"

#include <string.h>

static void read_actor(arena *a, sqlite3_stmt *st, void *item)
{
    actor_record *act = item;
    memset(act, 0, sizeof *act);
    act->id = sqlite3_column_int64(st, 0);
    act->kind = actor_kind_parse((const char *)sqlite3_column_text(st, 1));
    act->name = column_text(a, st, 2);
    act->description = column_text(a, st, 3);
    act->created_by_org = column_text(a, st, 4);
    act->created_at = column_text(a, st, 5);
    act->version = sqlite3_column_int64(st, 6);
}

db_status sqlite_actor_insert(storage *s, actor_record *act)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_ACTOR_INSERT, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_text(st, 1, actor_kind_name(act->kind));
    bind_text(st, 2, act->name);
    bind_text(st, 3, act->description ? act->description : "");
    bind_text(st, 4, act->created_by_org);
    bind_text(st, 5, act->created_at);
    db_status r = step_done(c, st, "actor insert");
    if (r != DB_ONE)
        return r < 0 ? r : DB_HARD_ERROR;
    act->id = sqlite3_last_insert_rowid(c->db);
    act->version = 1;
    r = sqlite_index_mark(c, SEARCH_ACTOR, act->id);
    return r < 0 ? r : DB_ONE;
}

db_status sqlite_actor_get(storage *s, arena *a, int64_t id, actor_record *out)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_ACTOR_GET, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, id);
    db_status r = step_row(c, st, "actor get");
    if (r == DB_ONE)
        read_actor(a, st, out);
    sqlite3_reset(st);
    return r;
}

/* "prefix%" for LIKE with the prefix's own %, _ and \ escaped. */
static char *like_prefix(arena *a, const char *prefix)
{
    size_t n = strlen(prefix);
    char *out = arena_alloc(a, 2 * n + 2);
    if (!out)
        return NULL;
    char *p = out;
    for (size_t i = 0; i < n; i++) {
        if (prefix[i] == '%' || prefix[i] == '_' || prefix[i] == '\\')
            *p++ = '\\';
        *p++ = prefix[i];
    }
    *p++ = '%';
    *p = '\0';
    return out;
}

db_status sqlite_actor_list(storage *s, arena *a, const char *name_prefix, int64_t page,
                            int64_t per_page, actor_record **out, size_t *count, int64_t *total)
{
    char *pattern = like_prefix(a, name_prefix ? name_prefix : "");
    sqlite_conn *c;
    sqlite3_stmt *st = pattern ? prepare_for(s, STMT_ACTOR_COUNT, &c) : NULL;
    if (!st)
        return DB_HARD_ERROR;
    bind_text(st, 1, pattern);
    db_status r = step_row(c, st, "actor count");
    *total = r == DB_ONE ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (r < 0)
        return r;
    if (!(st = prepare_for(s, STMT_ACTOR_LIST, &c)))
        return DB_HARD_ERROR;
    bind_text(st, 1, pattern);
    bind_int(st, 2, per_page);
    bind_int(st, 3, (page - 1) * per_page);
    return sqlite_collect_rows(c, st, a, sizeof **out, read_actor, (void **)out, count);
}

db_status sqlite_actor_cases(storage *s, arena *a, int64_t actor_id, case_record **out,
                             size_t *count)
{
    return sqlite_cases_with_team(s, a, STMT_ACTOR_CASE_IDS, actor_id, out, count);
}

db_status sqlite_case_actors(storage *s, arena *a, int64_t case_id, actor_record **out,
                             size_t *count)
{
    return sqlite_load_rows(s, a, STMT_CASE_ACTORS, case_id, sizeof **out, read_actor, (void **)out,
                            count);
}

db_status sqlite_case_actor_link(storage *s, int64_t case_id, int64_t actor_id)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_CASE_ACTOR_LINK, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, case_id);
    bind_int(st, 2, actor_id);
    db_status r = step_done(c, st, "case actor link");
    if (r == DB_ONE) {
        db_status m = sqlite_index_mark(c, SEARCH_ACTOR, actor_id); /* found through this case */
        if (m < 0)
            return m;
    }
    return r;
}

/* ---- notifications ---- */

static void read_notification(arena *a, sqlite3_stmt *st, void *item)
{
    notification_record *n = item;
    n->id = sqlite3_column_int64(st, 0);
    n->case_id = sqlite3_column_int64(st, 1);
    n->actor_id = sqlite3_column_int64(st, 2);
    n->actor_name = column_text(a, st, 3);
    n->signal_id = sqlite3_column_int64(st, 4);
    n->source_org = column_text(a, st, 5);
    n->received_at = column_text(a, st, 6);
    n->created_at = column_text(a, st, 7);
}

db_status sqlite_notification_insert(storage *s, notification_record *n)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_NOTIFICATION_INSERT, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, n->case_id);
    bind_int(st, 2, n->actor_id);
    bind_int(st, 3, n->signal_id);
    bind_text(st, 4, n->created_at);
    db_status r = step_done(c, st, "notification insert");
    if (r == DB_ONE)
        n->id = sqlite3_last_insert_rowid(c->db);
    return r;
}

db_status sqlite_notification_list_case(storage *s, arena *a, int64_t case_id,
                                        notification_record **out, size_t *count)
{
    return sqlite_load_rows(s, a, STMT_NOTIFICATION_LIST_CASE, case_id, sizeof **out,
                            read_notification, (void **)out, count);
}

/* ---- information gathering ---- */

static void read_act(arena *a, sqlite3_stmt *st, void *item)
{
    gathering_act *g = item;
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
}

static void read_order(arena *a, sqlite3_stmt *st, void *item)
{
    gathering_order *o = item;
    o->id = sqlite3_column_int64(st, 0);
    o->subject_kind = subject_kind_parse((const char *)sqlite3_column_text(st, 1));
    o->subject_id = sqlite3_column_int64(st, 2);
    o->scope = column_text(a, st, 3);
    o->until = column_text(a, st, 4);
    o->reasoning = column_text(a, st, 5);
    o->recorded_by = sqlite3_column_int64(st, 6);
    o->recorded_by_username = column_text(a, st, 7);
    o->recorded_by_org = column_text(a, st, 8);
    o->recorded_at = column_text(a, st, 9);
}

static sqlite3_stmt *prepare_subject(storage *s, stmt_id id, subject_kind kind, int64_t subject,
                                     sqlite_conn **c)
{
    sqlite3_stmt *st = prepare_for(s, id, c);
    if (st) {
        bind_text(st, 1, subject_kind_name(kind));
        bind_int(st, 2, subject);
    }
    return st;
}

db_status sqlite_gathering_insert(storage *s, gathering_act *g)
{
    sqlite_conn *c;
    sqlite3_stmt *st =
        prepare_subject(s, STMT_GATHERING_INSERT, g->subject_kind, g->subject_id, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_text(st, 3, gathering_method_name(g->method));
    bind_text(st, 4, g->legal_basis);
    bind_int(st, 5, g->duration_days);
    bind_text(st, 6, g->justification);
    bind_int(st, 7, g->intrusion);
    bind_int(st, 8, g->order_id);
    bind_int(st, 9, g->recorded_by);
    bind_text(st, 10, g->recorded_at);
    bind_text(st, 11, g->recorded_on);
    db_status r = step_done(c, st, "gathering insert");
    if (r == DB_ONE)
        g->id = sqlite3_last_insert_rowid(c->db);
    return r;
}

db_status sqlite_gathering_list(storage *s, arena *a, subject_kind kind, int64_t subject_id,
                                gathering_act **out, size_t *count)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_subject(s, STMT_GATHERING_LIST, kind, subject_id, &c);
    if (!st)
        return DB_HARD_ERROR;
    return sqlite_collect_rows(c, st, a, sizeof **out, read_act, (void **)out, count);
}

db_status sqlite_gathering_total(storage *s, subject_kind kind, int64_t subject_id,
                                 const char *since_day, int64_t *total)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_subject(s, STMT_GATHERING_TOTAL, kind, subject_id, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_text(st, 3, since_day);
    db_status r = step_row(c, st, "gathering total");
    *total = r == DB_ONE ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return r < 0 ? r : DB_ONE;
}

db_status sqlite_order_insert(storage *s, gathering_order *o)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_subject(s, STMT_ORDER_INSERT, o->subject_kind, o->subject_id, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_text(st, 3, o->scope);
    bind_text(st, 4, o->until);
    bind_text(st, 5, o->reasoning);
    bind_int(st, 6, o->recorded_by);
    bind_text(st, 7, o->recorded_at);
    db_status r = step_done(c, st, "order insert");
    if (r == DB_ONE)
        o->id = sqlite3_last_insert_rowid(c->db);
    return r;
}

db_status sqlite_order_list(storage *s, arena *a, subject_kind kind, int64_t subject_id,
                            gathering_order **out, size_t *count)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_subject(s, STMT_ORDER_LIST, kind, subject_id, &c);
    if (!st)
        return DB_HARD_ERROR;
    return sqlite_collect_rows(c, st, a, sizeof **out, read_order, (void **)out, count);
}

db_status sqlite_order_in_force(storage *s, subject_kind kind, int64_t subject_id,
                                const char *today, int64_t *order_id)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_subject(s, STMT_ORDER_IN_FORCE, kind, subject_id, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_text(st, 3, today);
    db_status r = step_row(c, st, "order in force");
    *order_id = r == DB_ONE ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return r;
}

/* sqlite_objects: protected objects (buildings) and services (events, functions)
 * (docs/DECISIONS.md). Each is seen through its case: the lists apply the same need-to-know SQL
 * as case_list (sqlite_scope_sql) to the case the object or service belongs to. */
#include "storage/sqlite/sqlite_internal.h"

#include <stdio.h>
#include <string.h>

#define OBJECT_COLUMNS                                                                             \
    "o.id, o.kind, o.name, o.address, o.municipality, o.district, o.national_list, "               \
    "coalesce(o.person_id, 0), o.case_id, c.reference, o.created_at, o.version"
#define OBJECT_FROM " FROM objects o JOIN cases c ON c.id = o.case_id "
#define SERVICE_COLUMNS                                                                            \
    "v.id, v.name, v.venue, v.starts_on, v.ends_on, v.municipality, v.district, "                  \
    "v.national_list, v.case_id, c.reference, v.created_at, v.version"
#define SERVICE_FROM " FROM services v JOIN cases c ON c.id = v.case_id "

static const char *const object_sql[STMT__COUNT - STMT_OBJECT_FIRST] = {
#define AT(id) [(id)-STMT_OBJECT_FIRST]
    AT(STMT_OBJECT_INSERT) =
        "INSERT INTO objects(kind, name, address, municipality, district, national_list, "
        "person_id, case_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    AT(STMT_OBJECT_GET) = "SELECT " OBJECT_COLUMNS OBJECT_FROM "WHERE o.id = ?1",
    AT(STMT_OBJECT_LIST_CASE) =
        "SELECT " OBJECT_COLUMNS OBJECT_FROM "WHERE o.case_id = ?1 ORDER BY o.id",
    AT(STMT_SERVICE_INSERT) =
        "INSERT INTO services(name, venue, starts_on, ends_on, municipality, district, "
        "national_list, case_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    AT(STMT_SERVICE_GET) = "SELECT " SERVICE_COLUMNS SERVICE_FROM "WHERE v.id = ?1",
    AT(STMT_SERVICE_BY_CASE) =
        "SELECT " SERVICE_COLUMNS SERVICE_FROM "WHERE v.case_id = ?1 ORDER BY v.id LIMIT 1",
#undef AT
};

const char *sqlite_object_sql(stmt_id id)
{
    if (id < STMT_OBJECT_FIRST || id >= STMT__COUNT)
        return NULL;
    return object_sql[id - STMT_OBJECT_FIRST];
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* One row by a statement with one key. */
static db_status one_row(storage *s, arena *a, stmt_id id, int64_t key, row_reader read, void *out)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, id, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, key);
    db_status r = step_row(c, st, "object get");
    if (r == DB_ONE)
        read(a, st, out);
    sqlite3_reset(st);
    return r;
}

/* A page of what the viewer sees through its case c: the total first, then the page. columns is
 * the select list, from the FROM clause (c the case); ?2, ?3 and ?6 are the viewer (as in
 * sqlite_scope_sql), ?4 and ?5 limit and offset. Built per call like case_list. */
typedef struct scoped_page {
    const char *columns;
    const char *from;
    const char *order;
    size_t size;
    row_reader read;
} scoped_page;

static db_status prepare_scoped(sqlite_conn *c, const char *head, const char *tail,
                                access_scope scope, const viewer *v, sqlite3_stmt **st)
{
    char sql[2048];
    snprintf(sql, sizeof sql, "%s WHERE %s%s", head, sqlite_scope_sql(scope), tail);
    int rc = sqlite3_prepare_v2(c->db, sql, -1, st, NULL);
    if (rc != SQLITE_OK)
        return sqlite_status(c, rc, "prepare scoped list");
    bind_text(*st, 2, v->org);
    bind_int(*st, 3, v->user_id);
    bind_int(*st, 6, v->now);
    return DB_NONE;
}

static db_status list_scoped(storage *s, arena *a, const scoped_page *p, const viewer *v,
                             access_scope scope, int64_t page, int64_t per_page, void **out,
                             size_t *count, int64_t *total)
{
    *out = NULL;
    *count = 0;
    *total = 0;
    if (scope == SCOPE_NONE)
        return DB_NONE;
    sqlite_conn *c = sqlite_conn_get(s);
    if (!c)
        return DB_HARD_ERROR;
    char head[1024], tail[256];
    snprintf(head, sizeof head, "SELECT count(*)%s", p->from);
    sqlite3_stmt *st;
    db_status r = prepare_scoped(c, head, "", scope, v, &st);
    if (r < 0)
        return r;
    r = step_row(c, st, "scoped count");
    *total = r == DB_ONE ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    if (r < 0)
        return r;
    snprintf(head, sizeof head, "SELECT %s%s", p->columns, p->from);
    snprintf(tail, sizeof tail, " ORDER BY %s LIMIT ?4 OFFSET ?5", p->order);
    if ((r = prepare_scoped(c, head, tail, scope, v, &st)) < 0)
        return r;
    bind_int(st, 4, per_page);
    bind_int(st, 5, (page - 1) * per_page);
    r = sqlite_collect_rows(c, st, a, p->size, p->read, out, count);
    sqlite3_finalize(st);
    return r;
}

/* ---- objects ---- */

static void read_object(arena *a, sqlite3_stmt *st, void *item)
{
    object_record *o = item;
    memset(o, 0, sizeof *o);
    o->id = sqlite3_column_int64(st, 0);
    o->kind = object_kind_parse((const char *)sqlite3_column_text(st, 1));
    o->name = column_text(a, st, 2);
    o->address = column_text(a, st, 3);
    o->municipality = column_text(a, st, 4);
    o->district = column_text(a, st, 5);
    o->national_list = sqlite3_column_int(st, 6) != 0;
    o->person_id = sqlite3_column_int64(st, 7);
    o->case_id = sqlite3_column_int64(st, 8);
    o->case_reference = column_text(a, st, 9);
    o->created_at = column_text(a, st, 10);
    o->version = sqlite3_column_int64(st, 11);
}

db_status sqlite_object_insert(storage *s, object_record *o)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_OBJECT_INSERT, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_text(st, 1, object_kind_name(o->kind));
    bind_text(st, 2, o->name);
    bind_text(st, 3, o->address);
    bind_text(st, 4, or_empty(o->municipality));
    bind_text(st, 5, or_empty(o->district));
    bind_int(st, 6, o->national_list);
    if (o->person_id)
        bind_int(st, 7, o->person_id);
    else
        sqlite3_bind_null(st, 7);
    bind_int(st, 8, o->case_id);
    bind_text(st, 9, o->created_at);
    db_status r = step_done(c, st, "object insert");
    if (r == DB_ONE) {
        o->id = sqlite3_last_insert_rowid(c->db);
        o->version = 1;
    }
    return r;
}

db_status sqlite_object_get(storage *s, arena *a, int64_t id, object_record *out)
{
    return one_row(s, a, STMT_OBJECT_GET, id, read_object, out);
}

db_status sqlite_object_list(storage *s, arena *a, const viewer *v, access_scope scope,
                             int64_t page, int64_t per_page, object_record **out, size_t *count,
                             int64_t *total)
{
    static const scoped_page p = {OBJECT_COLUMNS, OBJECT_FROM, "o.name, o.id",
                                  sizeof(object_record), read_object};
    return list_scoped(s, a, &p, v, scope, page, per_page, (void **)out, count, total);
}

db_status sqlite_object_list_case(storage *s, arena *a, int64_t case_id, object_record **out,
                                  size_t *count)
{
    return sqlite_load_rows(s, a, STMT_OBJECT_LIST_CASE, case_id, sizeof **out, read_object,
                            (void **)out, count);
}

/* ---- services ---- */

static void read_service(arena *a, sqlite3_stmt *st, void *item)
{
    service_record *v = item;
    memset(v, 0, sizeof *v);
    v->id = sqlite3_column_int64(st, 0);
    v->name = column_text(a, st, 1);
    v->venue = column_text(a, st, 2);
    v->starts_at = column_text(a, st, 3);
    v->ends_at = column_text(a, st, 4);
    v->municipality = column_text(a, st, 5);
    v->district = column_text(a, st, 6);
    v->national_list = sqlite3_column_int(st, 7) != 0;
    v->case_id = sqlite3_column_int64(st, 8);
    v->case_reference = column_text(a, st, 9);
    v->created_at = column_text(a, st, 10);
    v->version = sqlite3_column_int64(st, 11);
}

db_status sqlite_service_insert(storage *s, service_record *sv)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_SERVICE_INSERT, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_text(st, 1, sv->name);
    bind_text(st, 2, sv->venue);
    bind_text(st, 3, sv->starts_at);
    bind_text(st, 4, sv->ends_at);
    bind_text(st, 5, or_empty(sv->municipality));
    bind_text(st, 6, or_empty(sv->district));
    bind_int(st, 7, sv->national_list);
    bind_int(st, 8, sv->case_id);
    bind_text(st, 9, sv->created_at);
    db_status r = step_done(c, st, "service insert");
    if (r == DB_ONE) {
        sv->id = sqlite3_last_insert_rowid(c->db);
        sv->version = 1;
    }
    return r;
}

db_status sqlite_service_get(storage *s, arena *a, int64_t id, service_record *out)
{
    return one_row(s, a, STMT_SERVICE_GET, id, read_service, out);
}

db_status sqlite_service_by_case(storage *s, arena *a, int64_t case_id, service_record *out)
{
    return one_row(s, a, STMT_SERVICE_BY_CASE, case_id, read_service, out);
}

db_status sqlite_service_list(storage *s, arena *a, const viewer *v, access_scope scope,
                              int64_t page, int64_t per_page, service_record **out, size_t *count,
                              int64_t *total)
{
    static const scoped_page p = {SERVICE_COLUMNS, SERVICE_FROM, "v.name, v.id",
                                  sizeof(service_record), read_service};
    return list_scoped(s, a, &p, v, scope, page, per_page, (void **)out, count, total);
}

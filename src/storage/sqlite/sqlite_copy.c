/* sqlite_copy: whole-database copies. The SQL is built from the table descriptions in
 * storage/schema.c (names from the code, never from input); every value is bound. The online
 * backup uses SQLite's backup API, which copies a consistent snapshot while the server runs. */
#include "storage/sqlite/sqlite_internal.h"

#include "util/log.h"

#include <stdio.h>
#include <string.h>

enum { SQL_MAX = 2048 };

enum { CACHED_INSERTS = sizeof((sqlite_conn *)0)->copy_inserts / sizeof(sqlite3_stmt *) };

static size_t table_index(const table_desc *t)
{
    return (size_t)(t - SCHEMA_TABLES);
}

static void column_list(const table_desc *t, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < t->column_count && used < size; i++)
        used +=
            (size_t)snprintf(out + used, size - used, "%s%s", i ? ", " : "", t->columns[i].name);
}

db_status sqlite_table_scan(storage *s, const table_desc *t, copy_row_fn fn, void *ctx)
{
    sqlite_conn *c = sqlite_conn_get(s);
    if (!c)
        return DB_HARD_ERROR;
    char cols[SQL_MAX / 2], sql[SQL_MAX];
    column_list(t, cols, sizeof cols);
    snprintf(sql, sizeof sql, "SELECT %s FROM %s ORDER BY %s", cols, t->name, t->order_by);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(c->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return sqlite_status(c, rc, "copy scan");
    copy_value values[32];
    int64_t rows = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (size_t i = 0; i < t->column_count && i < 32; i++) {
            int type = sqlite3_column_type(st, (int)i);
            if (type == SQLITE_NULL)
                values[i] = (copy_value){.kind = VALUE_NULL};
            else if (t->columns[i].type == COL_TEXT)
                values[i] = (copy_value){.kind = VALUE_TEXT,
                                         .s = (const char *)sqlite3_column_text(st, (int)i),
                                         .len = (size_t)sqlite3_column_bytes(st, (int)i)};
            else
                values[i] = (copy_value){.kind = VALUE_INT, .i = sqlite3_column_int64(st, (int)i)};
        }
        rows++;
        if (fn(ctx, values) != 0) {
            sqlite3_finalize(st);
            return DB_REFUSED;
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return sqlite_status(c, rc, "copy scan");
    return rows > 0x7fffffff ? 0x7fffffff : (db_status)rows;
}

/* INSERT, or for upsert tables INSERT ... ON CONFLICT(key) DO UPDATE of the other columns. */
static sqlite3_stmt *insert_statement(sqlite_conn *c, const table_desc *t)
{
    size_t idx = table_index(t);
    if (idx < CACHED_INSERTS && c->copy_inserts[idx])
        return c->copy_inserts[idx];
    char cols[SQL_MAX / 2], sql[SQL_MAX];
    column_list(t, cols, sizeof cols);
    size_t used = (size_t)snprintf(sql, sizeof sql, "INSERT INTO %s(%s) VALUES (", t->name, cols);
    for (size_t i = 0; i < t->column_count && used < sizeof sql; i++)
        used += (size_t)snprintf(sql + used, sizeof sql - used, "%s?", i ? ", " : "");
    used += (size_t)snprintf(sql + used, sizeof sql - used, ")");
    if (t->upsert && used < sizeof sql) {
        used += (size_t)snprintf(sql + used, sizeof sql - used, " ON CONFLICT(%s) DO UPDATE SET ",
                                 t->order_by);
        for (size_t i = 1; i < t->column_count && used < sizeof sql; i++)
            used += (size_t)snprintf(sql + used, sizeof sql - used, "%s%s = excluded.%s",
                                     i > 1 ? ", " : "", t->columns[i].name, t->columns[i].name);
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        log_error("sqlite: copy insert into %s: %s", t->name, sqlite3_errmsg(c->db));
        return NULL;
    }
    if (idx < CACHED_INSERTS)
        c->copy_inserts[idx] = st;
    return st;
}

db_status sqlite_table_insert(storage *s, const table_desc *t, const copy_value *values)
{
    sqlite_conn *c = sqlite_conn_get(s);
    sqlite3_stmt *st = c ? insert_statement(c, t) : NULL;
    if (!st)
        return DB_HARD_ERROR;
    sqlite3_reset(st);
    for (size_t i = 0; i < t->column_count; i++) {
        const copy_value *v = &values[i];
        if (v->kind == VALUE_NULL)
            sqlite3_bind_null(st, (int)i + 1);
        else if (v->kind == VALUE_INT)
            sqlite3_bind_int64(st, (int)i + 1, v->i);
        else
            sqlite3_bind_text(st, (int)i + 1, v->s, (int)v->len, SQLITE_TRANSIENT);
    }
    db_status r = step_done(c, st, "copy insert");
    return r < 0 ? r : DB_ONE;
}

db_status sqlite_is_empty(storage *s)
{
    sqlite_conn *c = sqlite_conn_get(s);
    if (!c)
        return DB_HARD_ERROR;
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(c->db,
                                "SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM "
                                "cases) + (SELECT count(*) FROM audit_log)",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return sqlite_status(c, rc, "is empty");
    rc = sqlite3_step(st);
    int64_t n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    if (n < 0)
        return sqlite_status(c, rc, "is empty");
    return n == 0 ? DB_ONE : DB_NONE;
}

/* INTEGER PRIMARY KEY continues after the largest id by itself; the search index is derived
 * (not copied) and is built here from the imported rows. */
db_status sqlite_after_import(storage *s)
{
    sqlite_conn *c = sqlite_conn_get(s);
    return c ? sqlite_index_rebuild(c) : DB_HARD_ERROR;
}

db_status sqlite_backup_to(storage *s, const char *path)
{
    sqlite_conn *c = sqlite_conn_get(s);
    if (!c)
        return DB_HARD_ERROR;
    sqlite3 *out;
    int rc = sqlite3_open_v2(path, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        log_error("sqlite: cannot create %s: %s", path, sqlite3_errstr(rc));
        sqlite3_close(out);
        return DB_HARD_ERROR;
    }
    sqlite3_backup *b = sqlite3_backup_init(out, "main", c->db, "main");
    if (!b) {
        log_error("sqlite: backup: %s", sqlite3_errmsg(out));
        sqlite3_close(out);
        return DB_HARD_ERROR;
    }
    /* -1: all pages in one step, so the copy is one consistent snapshot. */
    rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc == SQLITE_DONE)
        rc = sqlite3_exec(out, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
    sqlite3_close(out);
    if (rc != SQLITE_OK && rc != SQLITE_DONE) {
        log_error("sqlite: backup step: %s", sqlite3_errstr(rc));
        return (rc & 0xff) == SQLITE_BUSY ? DB_SOFT_ERROR : DB_HARD_ERROR;
    }
    return DB_ONE;
}

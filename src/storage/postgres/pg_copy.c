/* pg_copy: whole-database copies on PostgreSQL (backup, restore, moving from SQLite). The SQL is
 * built from the table descriptions in storage/schema.c (names from the code, never from input)
 * and every value is bound. Scans read through a cursor, so memory stays bounded. */
#include "storage/postgres/pg_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SQL_MAX = 2048, FETCH_ROWS = 1000 };

static void column_list(const table_desc *t, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < t->column_count && used < size; i++)
        used +=
            (size_t)snprintf(out + used, size - used, "%s%s", i ? ", " : "", t->columns[i].name);
}

static copy_value column_value(const table_desc *t, const PGresult *res, int row, int col)
{
    if (PQgetisnull(res, row, col))
        return (copy_value){.kind = VALUE_NULL};
    switch (t->columns[col].type) {
    case COL_TEXT:
        return (copy_value){.kind = VALUE_TEXT,
                            .s = PQgetvalue(res, row, col),
                            .len = (size_t)PQgetlength(res, row, col)};
    case COL_BOOL:
        return (copy_value){.kind = VALUE_INT, .i = pg_bool(res, row, col)};
    default:
        return (copy_value){.kind = VALUE_INT, .i = pg_int(res, row, col)};
    }
}

/* Hands one fetched batch to fn; answers 1 when fn asked to stop. */
static int deliver_batch(const table_desc *t, const PGresult *res, copy_row_fn fn, void *ctx)
{
    copy_value values[PG_MAX_PARAMS];
    for (int r = 0; r < PQntuples(res); r++) {
        for (size_t i = 0; i < t->column_count; i++)
            values[i] = column_value(t, res, r, (int)i);
        if (fn(ctx, values) != 0)
            return 1;
    }
    return 0;
}

static db_status close_cursor(storage *s)
{
    db_status st;
    PGresult *res = pg_run_plain(s, "CLOSE schild_copy", "copy close", &st);
    PQclear(res);
    return res ? DB_NONE : st;
}

db_status pg_table_scan(storage *s, const table_desc *t, copy_row_fn fn, void *ctx)
{
    if (t->column_count > PG_MAX_PARAMS)
        return DB_HARD_ERROR;
    char cols[SQL_MAX / 2], sql[SQL_MAX];
    column_list(t, cols, sizeof cols);
    snprintf(sql, sizeof sql,
             "DECLARE schild_copy NO SCROLL CURSOR FOR SELECT %s FROM %s ORDER BY %s", cols,
             t->name, t->order_by);
    db_status st;
    PGresult *res = pg_run_plain(s, sql, "copy scan", &st);
    if (!res)
        return st;
    PQclear(res);
    int64_t rows = 0;
    char fetch[64];
    snprintf(fetch, sizeof fetch, "FETCH FORWARD %d FROM schild_copy", FETCH_ROWS);
    while ((res = pg_run_plain(s, fetch, "copy fetch", &st))) {
        int n = PQntuples(res);
        int stopped = deliver_batch(t, res, fn, ctx);
        PQclear(res);
        if (stopped)
            return close_cursor(s) < 0 ? DB_HARD_ERROR : DB_REFUSED;
        rows += n;
        if (n < FETCH_ROWS)
            break;
    }
    if (!res)
        return st;
    if ((st = close_cursor(s)) < 0)
        return st;
    return rows > 0x7fffffff ? 0x7fffffff : (db_status)rows;
}

/* INSERT, or for upsert tables INSERT ... ON CONFLICT (key) DO UPDATE of the other columns. */
static void insert_sql(const table_desc *t, char *sql, size_t size)
{
    char cols[SQL_MAX / 2];
    column_list(t, cols, sizeof cols);
    size_t used = (size_t)snprintf(sql, size, "INSERT INTO %s(%s) VALUES (", t->name, cols);
    for (size_t i = 0; i < t->column_count && used < size; i++)
        used += (size_t)snprintf(sql + used, size - used, "%s$%zu", i ? ", " : "", i + 1);
    if (used < size)
        used += (size_t)snprintf(sql + used, size - used, ")");
    if (t->upsert && used < size) {
        used += (size_t)snprintf(sql + used, size - used, " ON CONFLICT (%s) DO UPDATE SET ",
                                 t->order_by);
        for (size_t i = 1; i < t->column_count && used < size; i++)
            used += (size_t)snprintf(sql + used, size - used, "%s%s = EXCLUDED.%s",
                                     i > 1 ? ", " : "", t->columns[i].name, t->columns[i].name);
    }
}

db_status pg_table_insert(storage *s, const table_desc *t, const copy_value *values)
{
    if (t->column_count > PG_MAX_PARAMS)
        return DB_HARD_ERROR;
    char sql[SQL_MAX];
    insert_sql(t, sql, sizeof sql);
    pg_params p = {0};
    for (size_t i = 0; i < t->column_count; i++) {
        const copy_value *v = &values[i];
        if (v->kind == VALUE_NULL)
            pg_param_text(&p, NULL);
        else if (v->kind == VALUE_INT)
            pg_param_int(&p, v->i); /* booleans too: PostgreSQL reads "1" and "0" as true/false */
        else
            pg_param_text_len(&p, v->s, v->len);
    }
    db_status st;
    PGresult *res = pg_run_dynamic(s, (int)(t - SCHEMA_TABLES), sql, &p, "copy insert", &st);
    PQclear(res);
    return res ? DB_ONE : st;
}

db_status pg_is_empty(storage *s)
{
    db_status st;
    PGresult *res = pg_run(s, PG_IS_EMPTY, NULL, "is empty", &st);
    if (!res)
        return st;
    st = PQntuples(res) > 0 && pg_int(res, 0, 0) == 0 ? DB_ONE : DB_NONE;
    PQclear(res);
    return st;
}

/* New rows get ids after the imported ones, the search index is rebuilt from the imported rows
 * (copies do not carry it), and the planner learns the tables' sizes. One round trip. */
db_status pg_after_import(storage *s)
{
    static const pg_stmt ids[] = {PG_AFTER_IMPORT, PG_SEARCH_CLEAR, PG_SEARCH_REBUILD, PG_ANALYZE};
    enum { N = sizeof ids / sizeof ids[0] };
    PGresult *res[N];
    db_status st = pg_run_many(s, ids, NULL, N, res, "after import");
    if (st < 0)
        return st;
    pg_clear_results(res, N);
    return DB_NONE;
}

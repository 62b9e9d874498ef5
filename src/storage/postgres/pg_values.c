/* pg_values: parameters in and column values out. Parameters are passed separately from the SQL
 * text (text format, or binary for bytea and text of a known length); columns are read from text
 * results, NULL as SQLite's backend reads it (NULL text, zero numbers). */
#include "storage/postgres/pg_internal.h"

#include <stdio.h>
#include <stdlib.h>

/* Every statement has a fixed number of parameters far below PG_MAX_PARAMS; an extra one is
 * dropped, and the server then refuses the execution for its wrong parameter count. */
void pg_param_text(pg_params *p, const char *v)
{
    if (p->n >= PG_MAX_PARAMS)
        return;
    p->values[p->n] = v;
    p->lengths[p->n] = 0;
    p->formats[p->n] = 0;
    p->n++;
}

void pg_param_int(pg_params *p, int64_t v)
{
    if (p->n >= PG_MAX_PARAMS)
        return;
    snprintf(p->numbers[p->n], sizeof p->numbers[p->n], "%lld", (long long)v);
    pg_param_text(p, p->numbers[p->n]);
}

void pg_param_id_or_null(pg_params *p, int64_t id)
{
    if (id)
        pg_param_int(p, id);
    else
        pg_param_text(p, NULL);
}

void pg_param_bool(pg_params *p, bool v)
{
    pg_param_text(p, v ? "true" : "false");
}

void pg_param_text_len(pg_params *p, const char *v, size_t len)
{
    pg_param_bytes(p, (const unsigned char *)v, (int)len);
}

void pg_param_bytes(pg_params *p, const unsigned char *v, int len)
{
    if (p->n >= PG_MAX_PARAMS)
        return;
    p->values[p->n] = (const char *)v;
    p->lengths[p->n] = len;
    p->formats[p->n] = 1;
    p->n++;
}

const char *pg_raw(const PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}

const char *pg_text(arena *a, const PGresult *r, int row, int col)
{
    if (PQgetisnull(r, row, col))
        return NULL;
    return arena_strndup(a, PQgetvalue(r, row, col), (size_t)PQgetlength(r, row, col));
}

int64_t pg_int(const PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? 0 : strtoll(PQgetvalue(r, row, col), NULL, 10);
}

bool pg_bool(const PGresult *r, int row, int col)
{
    return !PQgetisnull(r, row, col) && PQgetvalue(r, row, col)[0] == 't';
}

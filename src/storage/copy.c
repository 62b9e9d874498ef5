/* copy: the generic copier over the table descriptions of schema.c. */
#include "storage/copy.h"

#include <stdio.h>

typedef struct copy_ctx {
    storage *dst;
    const table_desc *table;
    int64_t rows;
    db_status failed;
} copy_ctx;

static int copy_row(void *arg, const copy_value *values)
{
    copy_ctx *k = arg;
    db_status st = k->dst->ops->table_insert(k->dst, k->table, values);
    if (st < 0) {
        k->failed = st;
        return 1;
    }
    k->rows++;
    return 0;
}

static bool supports_copy(const storage *s)
{
    return s->ops->table_scan && s->ops->table_insert && s->ops->is_empty && s->ops->after_import;
}

static db_status copy_tables(storage *src, storage *dst, FILE *progress, char *err, size_t err_size)
{
    for (size_t i = 0; i < SCHEMA_TABLE_COUNT; i++) {
        copy_ctx k = {dst, &SCHEMA_TABLES[i], 0, DB_NONE};
        db_status st = src->ops->table_scan(src, k.table, copy_row, &k);
        if (st < 0 || k.failed < 0) {
            snprintf(err, err_size, "copying table %s failed after %lld rows", k.table->name,
                     (long long)k.rows);
            return st < 0 ? st : k.failed;
        }
        if (progress)
            fprintf(progress, "  %-16s %10lld rows\n", k.table->name, (long long)k.rows);
    }
    return dst->ops->after_import(dst);
}

db_status storage_copy(storage *src, storage *dst, FILE *progress, char *err, size_t err_size)
{
    if (!supports_copy(src) || !supports_copy(dst)) {
        snprintf(err, err_size, "a backend does not support copying");
        return DB_HARD_ERROR;
    }
    db_status st = src->ops->begin(src, TX_READ);
    if (st < 0) {
        snprintf(err, err_size, "cannot open a snapshot of the source");
        return st;
    }
    if ((st = dst->ops->begin(dst, TX_WRITE)) < 0) {
        src->ops->rollback(src);
        snprintf(err, err_size, "cannot open a transaction on the target");
        return st;
    }
    if ((st = dst->ops->is_empty(dst)) != DB_ONE) {
        snprintf(err, err_size, "the target database is not empty");
        st = DB_REFUSED;
    } else {
        st = copy_tables(src, dst, progress, err, err_size);
    }
    if (st >= 0 && (st = dst->ops->commit(dst)) < 0)
        snprintf(err, err_size, "committing the target failed");
    if (st < 0)
        dst->ops->rollback(dst);
    src->ops->rollback(src); /* read only: nothing to commit */
    return st;
}

/* sqlite_checkpoints: the signed checkpoints over the audit chain (docs/AUDIT.md). Signing and
 * checking signatures happen above storage (core/audit_checkpoint.c); here they are rows. */
#include "storage/sqlite/sqlite_internal.h"

db_status sqlite_checkpoint_insert(storage *s, const audit_checkpoint *cp)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_CHECKPOINT_INSERT, &c);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, cp->seq);
    bind_text(st, 2, cp->hash);
    bind_text(st, 3, cp->signed_at);
    bind_text(st, 4, cp->public_key);
    bind_text(st, 5, cp->signature);
    return step_done(c, st, "checkpoint insert");
}

static void read_checkpoint(sqlite3_stmt *st, arena *a, audit_checkpoint *out)
{
    out->seq = sqlite3_column_int64(st, 0);
    out->hash = a ? column_text(a, st, 1) : (const char *)sqlite3_column_text(st, 1);
    out->signed_at = a ? column_text(a, st, 2) : (const char *)sqlite3_column_text(st, 2);
    out->public_key = a ? column_text(a, st, 3) : (const char *)sqlite3_column_text(st, 3);
    out->signature = a ? column_text(a, st, 4) : (const char *)sqlite3_column_text(st, 4);
}

db_status sqlite_checkpoint_latest(storage *s, arena *a, audit_checkpoint *out)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_CHECKPOINT_LATEST, &c);
    if (!st)
        return DB_HARD_ERROR;
    db_status r = step_row(c, st, "checkpoint latest");
    if (r == DB_ONE) {
        read_checkpoint(st, a, out);
        sqlite3_reset(st);
    }
    return r;
}

db_status sqlite_checkpoint_scan(storage *s, checkpoint_fn fn, void *ctx)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_CHECKPOINT_SCAN, &c);
    if (!st)
        return DB_HARD_ERROR;
    db_status r;
    int64_t n = 0;
    while ((r = step_row(c, st, "checkpoint scan")) == DB_ONE) {
        audit_checkpoint cp;
        read_checkpoint(st, NULL, &cp); /* valid until the next step: fn copies what it keeps */
        n++;
        if (fn(ctx, &cp) != 0) {
            sqlite3_reset(st);
            return DB_NONE;
        }
    }
    return r < 0 ? r : (db_status)(n > 0x7fffffff ? 0x7fffffff : n);
}

/* pg_checkpoints: the signed checkpoints over the audit chain (docs/AUDIT.md) on PostgreSQL.
 * Several servers may sign the same head; the first row per seq stays (ON CONFLICT DO NOTHING),
 * so that is harmless. */
#include "storage/postgres/pg_internal.h"

enum { SCAN_BATCH = 1000 };

db_status pg_checkpoint_insert(storage *s, const audit_checkpoint *cp)
{
    pg_params p = {0};
    pg_param_int(&p, cp->seq);
    pg_param_text(&p, cp->hash);
    pg_param_text(&p, cp->signed_at);
    pg_param_text(&p, cp->public_key);
    pg_param_text(&p, cp->signature);
    return pg_command(s, PG_CHECKPOINT_INSERT, &p, "checkpoint insert");
}

static void read_checkpoint(const PGresult *res, int row, arena *a, audit_checkpoint *out)
{
    out->seq = pg_int(res, row, 0);
    out->hash = a ? pg_text(a, res, row, 1) : pg_raw(res, row, 1);
    out->signed_at = a ? pg_text(a, res, row, 2) : pg_raw(res, row, 2);
    out->public_key = a ? pg_text(a, res, row, 3) : pg_raw(res, row, 3);
    out->signature = a ? pg_text(a, res, row, 4) : pg_raw(res, row, 4);
}

db_status pg_checkpoint_latest(storage *s, arena *a, audit_checkpoint *out)
{
    db_status st;
    PGresult *res = pg_run(s, PG_CHECKPOINT_LATEST, NULL, "checkpoint latest", &st);
    if (!res)
        return st;
    st = PQntuples(res) > 0 ? DB_ONE : DB_NONE;
    if (st == DB_ONE)
        read_checkpoint(res, 0, a, out);
    PQclear(res);
    return st;
}

/* In batches by seq, as the audit scan does, so memory stays bounded. */
db_status pg_checkpoint_scan(storage *s, checkpoint_fn fn, void *ctx)
{
    int64_t last = 0, n = 0;
    for (;;) {
        pg_params p = {0};
        pg_param_int(&p, last);
        pg_param_int(&p, SCAN_BATCH);
        db_status st;
        PGresult *res = pg_run(s, PG_CHECKPOINT_SCAN, &p, "checkpoint scan", &st);
        if (!res)
            return st;
        int rows = PQntuples(res);
        for (int i = 0; i < rows; i++) {
            audit_checkpoint cp;
            read_checkpoint(res, i, NULL, &cp);
            last = cp.seq;
            if (fn(ctx, &cp) != 0) {
                PQclear(res);
                return DB_NONE;
            }
        }
        PQclear(res);
        n += rows;
        if (rows < SCAN_BATCH)
            return (db_status)(n > 0x7fffffff ? 0x7fffffff : n);
    }
}

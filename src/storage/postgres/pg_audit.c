/* pg_audit: appending to and reading the hash-chained audit trail on PostgreSQL. Several servers
 * append to one chain: each append takes one advisory transaction lock, then reads the head, so
 * appenders follow each other and the chain never forks. Handlers append as their last statement
 * and the audit writer appends a whole batch at once, so the lock is held briefly. */
#include "storage/postgres/pg_internal.h"

#include <stdio.h>
#include <string.h>

enum { SCAN_BATCH = 1000 };

/* Takes the chain lock and reads the head in one round trip. The two are separate statements:
 * under READ COMMITTED the head read takes its snapshot after the lock was granted, so it sees the
 * previous holder's committed entries. */
static db_status lock_and_read_head(storage *s, int64_t *seq, unsigned char hash[AUDIT_HASH_BYTES])
{
    static const pg_stmt ids[] = {PG_AUDIT_LOCK, PG_AUDIT_LAST};
    PGresult *res[2];
    db_status st = pg_run_many(s, ids, NULL, 2, res, "audit head");
    if (st < 0)
        return st;
    *seq = 0;
    memset(hash, 0, AUDIT_HASH_BYTES);
    if (PQntuples(res[1]) > 0) {
        *seq = pg_int(res[1], 0, 0);
        st = audit_unhex(pg_raw(res[1], 0, 1), hash) ? DB_ONE : DB_HARD_ERROR;
    }
    PQclear(res[0]);
    PQclear(res[1]);
    return st;
}

static void send_entry(storage *s, const audit_entry *e, const char *prev_hex, const char *hash_hex)
{
    pg_params p = {0};
    pg_param_int(&p, e->seq);
    const char *fields[] = {e->at,          e->username,  e->org,     e->role,    e->action,
                            e->object_type, e->object_id, e->purpose, e->outcome, e->detail};
    for (int f = 0; f < 10; f++)
        pg_param_text(&p, fields[f] ? fields[f] : "");
    pg_param_text(&p, prev_hex);
    pg_param_text(&p, hash_hex);
    pg_batch_send(s, PG_AUDIT_INSERT, &p);
}

static void send_head(storage *s, int64_t seq, const unsigned char hash[AUDIT_HASH_BYTES])
{
    char hex[AUDIT_HASH_HEX];
    audit_hex(hash, hex);
    pg_params p = {0};
    pg_param_int(&p, seq);
    pg_param_text(&p, hex);
    pg_batch_send(s, PG_AUDIT_HEAD_PUT, &p);
}

/* Chains the entries after (seq, prev), then inserts them and moves the head in one round trip,
 * so the chain lock is held for one exchange with the server rather than one per entry. */
static db_status insert_entries(storage *s, const audit_entry *entries, size_t count, int64_t seq,
                                unsigned char prev[AUDIT_HASH_BYTES])
{
    static const pg_stmt ids[] = {PG_AUDIT_INSERT, PG_AUDIT_HEAD_PUT};
    db_status st = pg_batch_begin(s, ids, 2);
    if (st < 0)
        return st;
    unsigned char hash[AUDIT_HASH_BYTES];
    for (size_t i = 0; i < count; i++) {
        audit_entry e = entries[i];
        e.seq = ++seq;
        audit_chain_hash(prev, &e, hash);
        char prev_hex[AUDIT_HASH_HEX], hash_hex[AUDIT_HASH_HEX];
        audit_hex(prev, prev_hex);
        audit_hex(hash, hash_hex);
        send_entry(s, &e, prev_hex, hash_hex);
        memcpy(prev, hash, AUDIT_HASH_BYTES);
    }
    send_head(s, seq, prev);
    int changed;
    if ((st = pg_batch_finish(s, "audit insert", &changed)) < 0)
        return st;
    return (size_t)changed == count + 1 ? DB_NONE : DB_HARD_ERROR;
}

db_status pg_audit_append(storage *s, const audit_entry *entries, size_t count)
{
    if (count == 0)
        return DB_NONE;
    int64_t seq = 0;
    unsigned char prev[AUDIT_HASH_BYTES];
    db_status st = lock_and_read_head(s, &seq, prev);
    if (st < 0 || (st = insert_entries(s, entries, count, seq, prev)) < 0)
        return st;
    return (db_status)count;
}

/* Hands one result's rows to fn; answers 1 when fn asked to stop. */
static int deliver_rows(const PGresult *res, audit_row_fn fn, void *ctx, int64_t *last)
{
    for (int i = 0; i < PQntuples(res); i++) {
        audit_row row;
        row.entry = (audit_entry){
            .seq = pg_int(res, i, 0),
            .at = pg_raw(res, i, 1),
            .username = pg_raw(res, i, 2),
            .org = pg_raw(res, i, 3),
            .role = pg_raw(res, i, 4),
            .action = pg_raw(res, i, 5),
            .object_type = pg_raw(res, i, 6),
            .object_id = pg_raw(res, i, 7),
            .purpose = pg_raw(res, i, 8),
            .outcome = pg_raw(res, i, 9),
            .detail = pg_raw(res, i, 10),
        };
        row.prev_hash = pg_raw(res, i, 11);
        row.hash = pg_raw(res, i, 12);
        *last = row.entry.seq;
        if (fn(ctx, &row) != 0)
            return 1;
    }
    return 0;
}

/* Reads the trail in batches by seq, so memory stays bounded however long the trail is; inside
 * a TX_READ transaction every batch comes from the same snapshot. */
db_status pg_audit_scan(storage *s, audit_row_fn fn, void *ctx)
{
    int64_t last = 0, n = 0;
    for (;;) {
        pg_params p = {0};
        pg_param_int(&p, last);
        pg_param_int(&p, SCAN_BATCH);
        db_status st;
        PGresult *res = pg_run(s, PG_AUDIT_SCAN, &p, "audit scan", &st);
        if (!res)
            return st;
        int rows = PQntuples(res);
        int stopped = deliver_rows(res, fn, ctx, &last);
        PQclear(res);
        if (stopped)
            return DB_NONE;
        n += rows;
        if (rows < SCAN_BATCH)
            return (db_status)(n > 0x7fffffff ? 0x7fffffff : n);
    }
}

db_status pg_audit_head(storage *s, int64_t *seq, char hash[AUDIT_HASH_HEX])
{
    db_status st;
    PGresult *res = pg_run(s, PG_AUDIT_HEAD_GET, NULL, "audit head get", &st);
    if (!res)
        return st;
    st = PQntuples(res) > 0 ? DB_ONE : DB_NONE;
    if (st == DB_ONE) {
        *seq = pg_int(res, 0, 0);
        snprintf(hash, AUDIT_HASH_HEX, "%s", pg_raw(res, 0, 1));
    }
    PQclear(res);
    return st;
}

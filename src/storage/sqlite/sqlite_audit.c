/* sqlite_audit: appending to and reading the hash-chained audit trail. The chain head is read
 * inside the write transaction (BEGIN IMMEDIATE serialises writers), so concurrent appenders
 * can never fork the chain. */
#include "storage/sqlite/sqlite_internal.h"

#include <stdio.h>
#include <string.h>

static db_status chain_head(sqlite_conn *c, int64_t *seq, unsigned char hash[AUDIT_HASH_BYTES])
{
    sqlite3_stmt *st = sqlite_stmt(c, STMT_AUDIT_LAST);
    if (!st)
        return DB_HARD_ERROR;
    db_status r = step_row(c, st, "audit head");
    if (r == DB_ONE) {
        *seq = sqlite3_column_int64(st, 0);
        if (!audit_unhex((const char *)sqlite3_column_text(st, 1), hash))
            r = DB_HARD_ERROR;
    } else if (r == DB_NONE) {
        *seq = 0;
        memset(hash, 0, AUDIT_HASH_BYTES);
    }
    sqlite3_reset(st);
    return r;
}

db_status sqlite_audit_append(storage *s, const audit_entry *entries, size_t count)
{
    sqlite_conn *c = sqlite_conn_get(s);
    if (!c)
        return DB_HARD_ERROR;
    int64_t seq = 0;
    unsigned char prev[AUDIT_HASH_BYTES], hash[AUDIT_HASH_BYTES];
    db_status r = chain_head(c, &seq, prev);
    if (r < 0)
        return r;
    for (size_t i = 0; i < count; i++) {
        audit_entry e = entries[i];
        e.seq = ++seq;
        audit_chain_hash(prev, &e, hash);
        char prev_hex[AUDIT_HASH_HEX], hash_hex[AUDIT_HASH_HEX], seqbuf[24];
        audit_hex(prev, prev_hex);
        audit_hex(hash, hash_hex);
        snprintf(seqbuf, sizeof seqbuf, "%lld", (long long)e.seq);
        sqlite3_stmt *st = sqlite_stmt(c, STMT_AUDIT_INSERT);
        if (!st)
            return DB_HARD_ERROR;
        bind_int(st, 1, e.seq);
        const char *fields[] = {e.at,          e.username,  e.org,     e.role,    e.action,
                                e.object_type, e.object_id, e.purpose, e.outcome, e.detail};
        for (int f = 0; f < 10; f++)
            bind_text(st, 2 + f, fields[f] ? fields[f] : "");
        bind_text(st, 12, prev_hex);
        bind_text(st, 13, hash_hex);
        if ((r = step_done(c, st, "audit insert")) != DB_ONE)
            return r < 0 ? r : DB_HARD_ERROR;
        memcpy(prev, hash, sizeof prev);
    }
    if (count > 0) {
        char head_hex[AUDIT_HASH_HEX];
        audit_hex(prev, head_hex);
        sqlite3_stmt *st = sqlite_stmt(c, STMT_AUDIT_HEAD_PUT);
        if (!st)
            return DB_HARD_ERROR;
        bind_int(st, 1, seq);
        bind_text(st, 2, head_hex);
        if ((r = step_done(c, st, "audit head")) != DB_ONE)
            return r < 0 ? r : DB_HARD_ERROR;
    }
    return (db_status)count;
}

db_status sqlite_audit_scan(storage *s, audit_row_fn fn, void *ctx)
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_AUDIT_SCAN, &c);
    if (!st)
        return DB_HARD_ERROR;
    db_status r;
    int64_t n = 0;
    while ((r = step_row(c, st, "audit scan")) == DB_ONE) {
        audit_row row;
        /* Column text pointers stay valid until the next step: no copy needed. */
#define TXT(i) ((const char *)sqlite3_column_text(st, (i)))
        row.entry = (audit_entry){
            .seq = sqlite3_column_int64(st, 0),
            .at = TXT(1),
            .username = TXT(2),
            .org = TXT(3),
            .role = TXT(4),
            .action = TXT(5),
            .object_type = TXT(6),
            .object_id = TXT(7),
            .purpose = TXT(8),
            .outcome = TXT(9),
            .detail = TXT(10),
        };
        row.prev_hash = TXT(11);
        row.hash = TXT(12);
#undef TXT
        n++;
        if (fn(ctx, &row) != 0) {
            sqlite3_reset(st);
            return DB_NONE;
        }
    }
    return r < 0 ? r : (db_status)(n > 0x7fffffff ? 0x7fffffff : n);
}

db_status sqlite_audit_head(storage *s, int64_t *seq, char hash[AUDIT_HASH_HEX])
{
    sqlite_conn *c;
    sqlite3_stmt *st = prepare_for(s, STMT_AUDIT_HEAD_GET, &c);
    if (!st)
        return DB_HARD_ERROR;
    db_status r = step_row(c, st, "audit head get");
    if (r == DB_ONE) {
        *seq = sqlite3_column_int64(st, 0);
        snprintf(hash, AUDIT_HASH_HEX, "%s", (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_reset(st);
    return r;
}

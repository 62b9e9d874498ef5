/* pg_internal: what the PostgreSQL backend's files share: the statement ids, the parameter
 * builder, running a prepared statement on the calling thread's connection with the error mapping,
 * and readers for result columns. Not for use outside postgres/. */
#ifndef SCHILD_PG_INTERNAL_H
#define SCHILD_PG_INTERNAL_H

#include "storage/storage.h"

#include <libpq-fe.h>

/* The list statements exist once per scope (SCOPE_NONE, SCOPE_TEAM, SCOPE_TEAM_OR_REFERRED) and
 * per sort (case_sort), each its own fixed SQL text; no SQL is assembled at request time. */
enum { PG_SCOPES = 3, PG_SORTS = 4 };

/* Every SQL statement of the backend, prepared once per connection (named "s<id>"). */
typedef enum pg_stmt {
    PG_BEGIN_READ,
    PG_BEGIN_WRITE,
    PG_COMMIT,
    PG_ROLLBACK,
    PG_ORG_UPSERT,
    PG_ORG_LIST,
    PG_ORG_GET,
    PG_USER_INSERT,
    PG_USER_BY_USERNAME,
    PG_THROTTLE_LOCK,
    PG_THROTTLE_GET,
    PG_THROTTLE_PUT,
    PG_SESSION_INSERT,
    PG_SESSION_LOOKUP,
    PG_SESSION_TOUCH,
    PG_SESSION_DELETE,
    PG_PERSON_INSERT,
    PG_PERSON_GET,
    PG_PERSON_CASE_IDS,
    PG_PERSON_EVENTS,
    PG_CASE_INSERT,
    PG_CASE_SET_REFERENCE,
    PG_CASE_LINK_PERSON,
    PG_CASE_TEAM_ADD,
    PG_CASE_EVENT_ADD,
    PG_CASE_GET,
    PG_CASE_PERSONS,
    PG_CASE_TEAM,
    PG_CASE_EVENTS,
    PG_CASE_UPDATE,
    PG_CASE_COUNT,                            /* + scope */
    PG_CASE_PAGE = PG_CASE_COUNT + PG_SCOPES, /* + scope * PG_SORTS + sort */
    PG_AUDIT_LOCK = PG_CASE_PAGE + PG_SCOPES * PG_SORTS,
    PG_AUDIT_LAST,
    PG_AUDIT_INSERT,
    PG_AUDIT_SCAN,
    PG_AUDIT_HEAD_PUT,
    PG_AUDIT_HEAD_GET,
    PG_IS_EMPTY,
    PG_AFTER_IMPORT,
    PG_ANALYZE,
    PG_STMT__COUNT
} pg_stmt;

/* Advisory lock keys (the bigint key space; the login throttle uses the separate two-int space).
 * Fixed constants, part of the SQL text: "SchAudit" and "SchMigra" in ASCII. */
#define PG_LOCK_AUDIT_CHAIN "6008760958194051444"
#define PG_LOCK_MIGRATIONS "6008761009532531297"
/* The two-int advisory lock class of the login throttle: "SchT". */
#define PG_LOCK_THROTTLE_CLASS "1399023700"

/* The widest statement is a copy insert of every column of cases (storage/schema.c). */
enum { PG_MAX_PARAMS = 32 };
/* Statements built at run time from the fixed table descriptions of storage/schema.c (copying),
 * one slot per table, prepared once per connection like the others. */
enum { PG_DYNAMIC_SLOTS = 16 };

/* Parameters of one execution: text values (NULL is SQL NULL) and binary bytea values. Integers
 * are formatted into the struct itself, so a pg_params lives as long as the call that uses it. */
typedef struct pg_params {
    int n;
    const char *values[PG_MAX_PARAMS];
    int lengths[PG_MAX_PARAMS];
    int formats[PG_MAX_PARAMS];
    char numbers[PG_MAX_PARAMS][24];
} pg_params;

void pg_param_text(pg_params *p, const char *v);
void pg_param_int(pg_params *p, int64_t v);
void pg_param_bool(pg_params *p, bool v);
void pg_param_bytes(pg_params *p, const unsigned char *v, int len);
/* Text of a known length, not necessarily NUL-terminated (sent in binary format). */
void pg_param_text_len(pg_params *p, const char *v, size_t len);

/* Runs a prepared statement on the calling thread's connection. Answers the result (the caller
 * PQclears it), or NULL with *st set: DB_SOFT_ERROR for serialization failures, deadlocks, lock
 * timeouts and broken connections (which are reset), DB_HARD_ERROR otherwise (logged). */
PGresult *pg_run(storage *s, pg_stmt id, const pg_params *p, const char *what, db_status *st);
/* Runs n prepared statements in one round trip (libpq pipeline mode): out[i] gets statement i's
 * result (the caller PQclears each). On failure nothing is left in out and the first failure is
 * answered, mapped as in pg_run. */
db_status pg_run_many(storage *s, const pg_stmt *ids, const pg_params *ps, int n, PGresult **out,
                      const char *what);
/* As pg_run for a statement from a dynamic slot, prepared from sql on first use per connection. */
PGresult *pg_run_dynamic(storage *s, int slot, const char *sql, const pg_params *p,
                         const char *what, db_status *st);
/* Runs fixed SQL text without parameters and without preparing it (cursor commands). */
PGresult *pg_run_plain(storage *s, const char *sql, const char *what, db_status *st);
/* A pipelined batch (libpq pipeline mode): many executions of the prepared statements named at
 * begin, sent together and answered in one round trip. begin, send per execution, then finish,
 * which answers the first failure (mapped as pg_run does) or DB_NONE and the number of changed
 * rows. finish must follow a successful begin, also when a send failed. */
db_status pg_batch_begin(storage *s, const pg_stmt *ids, int n);
void pg_batch_send(storage *s, pg_stmt id, const pg_params *p);
db_status pg_batch_finish(storage *s, const char *what, int *changed);
/* Runs a statement that returns no rows: DB_ONE when it touched a row, DB_NONE when not. */
db_status pg_command(storage *s, pg_stmt id, const pg_params *p, const char *what);
/* True inside a TX_WRITE transaction of the calling thread (locking reads are allowed). */
bool pg_in_write_tx(storage *s);

/* Column readers. Text is NULL for SQL NULL (as SQLite's column_text); numbers are 0 for NULL. */
const char *pg_text(arena *a, const PGresult *r, int row, int col);
const char *pg_raw(const PGresult *r, int row, int col);
int64_t pg_int(const PGresult *r, int row, int col);
bool pg_bool(const PGresult *r, int row, int col);

/* The columns every case query selects, in the order read_case_row expects. */
#define PG_CASE_COLUMNS                                                                            \
    "c.id, c.reference, c.status, c.domain, c.authority_org, a.name, c.summary, c.phenomenon, "    \
    "c.urgent, c.source_details, c.referring_org, r.name, c.referred_by, "                         \
    "c.awaiting_information, c.information_request, c.triage_outcome, c.triage_district, "         \
    "c.triage_reasoning, c.triage_at, t.username, c.triage_by, c.created_at, c.updated_at, "       \
    "c.version"
#define PG_CASE_FROM                                                                               \
    " FROM cases c JOIN orgs r ON r.code = c.referring_org "                                       \
    "LEFT JOIN orgs a ON a.code = c.authority_org LEFT JOIN users t ON t.id = c.triage_by "

/* Operations implemented in the resource files. */
db_status pg_org_upsert(storage *s, const org_seed *org);
db_status pg_org_list(storage *s, arena *a, org_row **rows, size_t *count);
db_status pg_org_get(storage *s, arena *a, const char *code, org_row *out);
db_status pg_user_insert(storage *s, const new_user *u, int64_t *id);
db_status pg_user_by_username(storage *s, arena *a, const char *username, user_row *out);
db_status pg_throttle_get(storage *s, const char *username, login_throttle *out);
db_status pg_throttle_put(storage *s, const char *username, const login_throttle *t);
db_status pg_session_insert(storage *s, const unsigned char token_hash[32], int64_t user_id,
                            int64_t now, int64_t expires_at);
db_status pg_session_lookup(storage *s, arena *a, const unsigned char token_hash[32], int64_t now,
                            int64_t idle_limit, viewer *out, int64_t *last_seen);
db_status pg_session_touch(storage *s, const unsigned char token_hash[32], int64_t now);
db_status pg_session_delete(storage *s, const unsigned char token_hash[32]);
db_status pg_person_insert(storage *s, person_record *p, const char *now);
db_status pg_person_get(storage *s, arena *a, int64_t id, person_record *out);
db_status pg_person_cases(storage *s, arena *a, int64_t person_id, case_record **cases,
                          size_t *count);
db_status pg_person_events(storage *s, arena *a, int64_t person_id, case_event **events,
                           size_t *count);
db_status pg_case_insert(storage *s, arena *a, case_record *c);
db_status pg_case_link_person(storage *s, int64_t case_id, int64_t person_id);
db_status pg_case_team_add(storage *s, int64_t case_id, const team_member *m);
db_status pg_case_event_add(storage *s, int64_t case_id, const case_event *e);
db_status pg_case_get(storage *s, arena *a, int64_t id, case_record *out);
db_status pg_case_update(storage *s, case_record *c);
db_status pg_case_list(storage *s, arena *a, const case_query *q, const viewer *v,
                       access_scope scope, case_record **cases, size_t *count, int64_t *total);
db_status pg_audit_append(storage *s, const audit_entry *entries, size_t count);
db_status pg_audit_scan(storage *s, audit_row_fn fn, void *ctx);
db_status pg_audit_head(storage *s, int64_t *seq, char hash[AUDIT_HASH_HEX]);
db_status pg_table_scan(storage *s, const table_desc *t, copy_row_fn fn, void *ctx);
db_status pg_table_insert(storage *s, const table_desc *t, const copy_value *values);
db_status pg_is_empty(storage *s);
db_status pg_after_import(storage *s);
db_status pg_migrate(storage *s, char *err, size_t err_size);
/* The calling thread's libpq connection, for pg_migrate (NULL when it cannot connect). */
PGconn *pg_conn_raw(storage *s);

#endif

/* sqlite_internal: what the SQLite backend's files share: the per-thread connection with its
 * statement cache, and small helpers to bind and read columns. Not for use outside sqlite/. */
#ifndef SCHILD_SQLITE_INTERNAL_H
#define SCHILD_SQLITE_INTERNAL_H

#include "storage/storage.h"

#include <sqlite3.h>

/* Every SQL statement of the backend, prepared once per connection and reused. */
typedef enum stmt_id {
    STMT_BEGIN_READ,
    STMT_BEGIN_WRITE,
    STMT_COMMIT,
    STMT_ROLLBACK,
    STMT_ORG_UPSERT,
    STMT_ORG_LIST,
    STMT_ORG_GET,
    STMT_USER_INSERT,
    STMT_USER_BY_USERNAME,
    STMT_THROTTLE_GET,
    STMT_THROTTLE_PUT,
    STMT_SESSION_INSERT,
    STMT_SESSION_LOOKUP,
    STMT_SESSION_TOUCH,
    STMT_SESSION_DELETE,
    STMT_PERSON_INSERT,
    STMT_PERSON_GET,
    STMT_PERSON_CASE_IDS,
    STMT_PERSON_EVENTS,
    STMT_CASE_INSERT,
    STMT_CASE_SET_REFERENCE,
    STMT_CASE_LINK_PERSON,
    STMT_CASE_TEAM_ADD,
    STMT_CASE_EVENT_ADD,
    STMT_CASE_GET,
    STMT_CASE_PERSONS,
    STMT_CASE_TEAM,
    STMT_CASE_EVENTS,
    STMT_CASE_UPDATE,
    STMT_AUDIT_LAST,
    STMT_AUDIT_INSERT,
    STMT_AUDIT_SCAN,
    STMT_AUDIT_HEAD_PUT,
    STMT_AUDIT_HEAD_GET,
    STMT__COUNT
} stmt_id;

/* The columns every case query selects, in the order read_case_row expects. */
#define CASE_COLUMNS                                                                               \
    "c.id, c.reference, c.status, c.domain, c.authority_org, a.name, c.summary, c.phenomenon, "    \
    "c.urgent, c.source_details, c.referring_org, r.name, c.referred_by, "                         \
    "c.awaiting_information, c.information_request, c.triage_outcome, c.triage_district, "         \
    "c.triage_reasoning, c.triage_at, t.username, c.triage_by, c.created_at, c.updated_at, "       \
    "c.version"
#define CASE_FROM                                                                                  \
    " FROM cases c JOIN orgs r ON r.code = c.referring_org "                                       \
    "LEFT JOIN orgs a ON a.code = c.authority_org LEFT JOIN users t ON t.id = c.triage_by "

typedef struct sqlite_conn {
    sqlite3 *db;
    sqlite3_stmt *stmts[STMT__COUNT];
    sqlite3_stmt *copy_inserts[16]; /* per table of SCHEMA_TABLES, prepared on first use */
    bool in_tx;
    struct sqlite_conn *next; /* all connections of the backend, for closing */
} sqlite_conn;

/* The calling thread's connection (opened on first use), or NULL after logging why. */
sqlite_conn *sqlite_conn_get(storage *s);
/* The cached, reset statement; NULL on a prepare failure (logged). */
sqlite3_stmt *sqlite_stmt(sqlite_conn *c, stmt_id id);
/* Maps an SQLite result code to a db_status: BUSY/LOCKED are soft, anything else hard. */
db_status sqlite_status(sqlite_conn *c, int rc, const char *what);

void bind_text(sqlite3_stmt *st, int i, const char *v);
void bind_int(sqlite3_stmt *st, int i, int64_t v);
const char *column_text(arena *a, sqlite3_stmt *st, int i);
/* Steps once: DB_ONE for a row, DB_NONE when done, else the mapped error (statement reset). */
db_status step_row(sqlite_conn *c, sqlite3_stmt *st, const char *what);
/* Steps a statement that returns no rows: DB_ONE when it changed a row, DB_NONE when not. */
db_status step_done(sqlite_conn *c, sqlite3_stmt *st, const char *what);
/* Connection and statement in one go: NULL when either fails. */
sqlite3_stmt *prepare_for(storage *s, stmt_id id, sqlite_conn **conn);

/* Operations implemented in the resource files. */
db_status sqlite_org_upsert(storage *s, const org_seed *org);
db_status sqlite_org_list(storage *s, arena *a, org_row **rows, size_t *count);
db_status sqlite_org_get(storage *s, arena *a, const char *code, org_row *out);
db_status sqlite_user_insert(storage *s, const new_user *u, int64_t *id);
db_status sqlite_user_by_username(storage *s, arena *a, const char *username, user_row *out);
db_status sqlite_throttle_get(storage *s, const char *username, login_throttle *out);
db_status sqlite_throttle_put(storage *s, const char *username, const login_throttle *t);
db_status sqlite_session_insert(storage *s, const unsigned char token_hash[32], int64_t user_id,
                                int64_t now, int64_t expires_at);
db_status sqlite_session_lookup(storage *s, arena *a, const unsigned char token_hash[32],
                                int64_t now, int64_t idle_limit, viewer *out, int64_t *last_seen);
db_status sqlite_session_touch(storage *s, const unsigned char token_hash[32], int64_t now);
db_status sqlite_session_delete(storage *s, const unsigned char token_hash[32]);
db_status sqlite_person_insert(storage *s, person_record *p, const char *now);
db_status sqlite_person_get(storage *s, arena *a, int64_t id, person_record *out);
db_status sqlite_person_cases(storage *s, arena *a, int64_t person_id, case_record **cases,
                              size_t *count);
db_status sqlite_person_events(storage *s, arena *a, int64_t person_id, case_event **events,
                               size_t *count);
db_status sqlite_case_insert(storage *s, arena *a, case_record *c);
db_status sqlite_case_link_person(storage *s, int64_t case_id, int64_t person_id);
db_status sqlite_case_team_add(storage *s, int64_t case_id, const team_member *m);
db_status sqlite_case_event_add(storage *s, int64_t case_id, const case_event *e);
db_status sqlite_case_get(storage *s, arena *a, int64_t id, case_record *out);
db_status sqlite_case_update(storage *s, case_record *c);
db_status sqlite_case_list(storage *s, arena *a, const case_query *q, const viewer *v,
                           access_scope scope, case_record **cases, size_t *count, int64_t *total);
db_status sqlite_audit_append(storage *s, const audit_entry *entries, size_t count);
db_status sqlite_audit_scan(storage *s, audit_row_fn fn, void *ctx);
db_status sqlite_audit_head(storage *s, int64_t *seq, char hash[AUDIT_HASH_HEX]);
db_status sqlite_migrate(storage *s, char *err, size_t err_size);
db_status sqlite_table_scan(storage *s, const table_desc *t, copy_row_fn fn, void *ctx);
db_status sqlite_table_insert(storage *s, const table_desc *t, const copy_value *values);
db_status sqlite_is_empty(storage *s);
db_status sqlite_after_import(storage *s);
db_status sqlite_backup_to(storage *s, const char *path);

#endif

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
    STMT_SAVEPOINT,
    STMT_RELEASE,
    STMT_ROLLBACK_TO,
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
    STMT_CHECKPOINT_INSERT, /* signed checkpoints (sqlite_checkpoints.c) */
    STMT_CHECKPOINT_LATEST,
    STMT_CHECKPOINT_SCAN,
    STMT_CASE_STATUS,
    STMT_USER_BY_ID,
    /* Threat information (DAF): the SQL is in sqlite_daf_sql.c. */
    STMT_DAF_FIRST,
    STMT_SIGNAL_INSERT = STMT_DAF_FIRST,
    STMT_SIGNAL_SUBJECT_ADD,
    STMT_SIGNAL_GET,
    STMT_SIGNAL_LIST,
    STMT_SIGNAL_SUBJECTS,
    STMT_CASE_SIGNAL_SUBJECTS,
    STMT_SIGNAL_COUNT_SINCE,
    STMT_RELEASE_INSERT,
    STMT_RELEASE_GET,
    STMT_RELEASE_DECIDE,
    STMT_RELEASE_LIST_CASE,
    STMT_RELEASE_LIST_PENDING,
    STMT_RELEASE_GRANTED,
    STMT_ACTOR_INSERT,
    STMT_ACTOR_GET,
    STMT_ACTOR_LIST,
    STMT_ACTOR_COUNT,
    STMT_ACTOR_CASE_IDS,
    STMT_CASE_ACTORS,
    STMT_CASE_ACTOR_LINK,
    STMT_NOTIFICATION_INSERT,
    STMT_NOTIFICATION_LIST_CASE,
    STMT_GATHERING_INSERT,
    STMT_GATHERING_LIST,
    STMT_GATHERING_TOTAL,
    STMT_ORDER_INSERT,
    STMT_ORDER_LIST,
    STMT_ORDER_IN_FORCE,
    STMT_ASSESSMENT_INSERT,
    STMT_ASSESSMENT_GET,
    STMT_ASSESSMENT_UPDATE,
    STMT_ASSESSMENT_LIST,
    STMT_ASSESSMENT_FINAL,
    STMT_DAF_QUEUE,
    /* the search index (sqlite_search_index.c) */
    STMT_DOC_SOURCE_SIGNAL,
    STMT_DOC_SOURCE_CASE,
    STMT_DOC_SOURCE_PERSON,
    STMT_DOC_SOURCE_ACTOR,
    STMT_STALE_SIGNAL,
    STMT_STALE_CASE,
    STMT_STALE_PERSON,
    STMT_STALE_ACTOR,
    STMT_STALE_CASE_SIGNALS,
    STMT_STALE_CASE_PERSONS,
    STMT_STALE_CASE_ACTORS,
    STMT_DOC_OF,
    STMT_DOC_INSERT,
    STMT_DOC_GET,
    STMT_DOC_SET_ACL,
    STMT_FTS_ADD,
    STMT_FTS_REMOVE,
    STMT_SEARCH_COUNT,
    STMT_SEARCH_PAGE,
    /* Decisions, measures, staying current, aftercare, the limitative list
     * (sqlite_decisions.c) */
    STMT_DECISION_FIRST,
    STMT_DECISION_INSERT = STMT_DECISION_FIRST,
    STMT_DECISION_GET,
    STMT_DECISION_UPDATE,
    STMT_DECISION_LIST,
    STMT_DECISION_IN_FORCE,
    STMT_MEASURE_INSERT,
    STMT_MEASURE_GET,
    STMT_MEASURE_UPDATE,
    STMT_MEASURE_LIST_CASE,
    STMT_MEASURE_LIST_DECISION,
    STMT_MEASURE_LIST_EXECUTOR,
    STMT_CURRENCY_GET,
    STMT_AFTERCARE_INSERT,
    STMT_LIMITATIVE_INSERT,
    STMT_LIMITATIVE_LIST,
    STMT_LIMITATIVE_FOR_PERSON,
    /* objects and services (sqlite_objects.c) */
    STMT_OBJECT_FIRST,
    STMT_OBJECT_INSERT = STMT_OBJECT_FIRST,
    STMT_OBJECT_GET,
    STMT_OBJECT_LIST_CASE,
    STMT_SERVICE_INSERT,
    STMT_SERVICE_GET,
    STMT_SERVICE_BY_CASE,
    /* the second factor and API tokens (sqlite_auth.c) */
    STMT_AUTH_FIRST,
    STMT_TOTP_GET = STMT_AUTH_FIRST,
    STMT_TOTP_SET,
    STMT_TOTP_ENABLE,
    STMT_TOTP_ACCEPT,
    STMT_RECOVERY_DELETE,
    STMT_RECOVERY_INSERT,
    STMT_RECOVERY_USE,
    STMT_TOKEN_INSERT,
    STMT_TOKEN_LOOKUP,
    STMT_TOKEN_LIST,
    STMT_TOKEN_REVOKE,
    STMT_TOKEN_TOUCH,
    STMT_AUTH_END,
    STMT__COUNT
} stmt_id;

/* The SQL of a DAF statement (id >= STMT_DAF_FIRST). */
const char *sqlite_daf_sql(stmt_id id);
/* The SQL of a decisions statement (STMT_DECISION_FIRST <= id < STMT_OBJECT_FIRST). */
const char *sqlite_decision_sql(stmt_id id);
/* The SQL of a second-factor or API token statement (STMT_AUTH_FIRST <= id < STMT_AUTH_END). */
const char *sqlite_auth_sql(stmt_id id);
/* The SQL of an objects or services statement (id >= STMT_OBJECT_FIRST). */

const char *sqlite_object_sql(stmt_id id);
/* The new documents of every object, one statement per kind (search_kind order), NULL-terminated:
 * what the single-object STMT_DOC_SOURCE_* statements answer, for all objects at once. */
extern const char *const SQLITE_SEARCH_SOURCES[];

/* The columns every case query selects, in the order read_case_row expects. */
#define CASE_COLUMNS                                                                               \
    "c.id, c.reference, c.status, c.domain, c.authority_org, a.name, c.summary, c.phenomenon, "    \
    "c.urgent, c.source_details, c.referring_org, r.name, c.referred_by, "                         \
    "c.awaiting_information, c.information_request, c.triage_outcome, c.triage_district, "         \
    "c.triage_reasoning, c.triage_at, t.username, c.triage_by, c.created_at, c.updated_at, "       \
    "c.version, c.subject"
#define CASE_FROM                                                                                  \
    " FROM cases c JOIN orgs r ON r.code = c.referring_org "                                       \
    "LEFT JOIN orgs a ON a.code = c.authority_org LEFT JOIN users t ON t.id = c.triage_by "

/* The Dutch analyzer of the search index (sqlite_fts.c): words folded to lowercase without
 * diacritics and stemmed (Snowball Dutch). One per connection; NULL (logged) when FTS5 or the
 * stemmer is missing. */
typedef struct sqlite_fts sqlite_fts;
sqlite_fts *sqlite_fts_open(sqlite3 *db);
void sqlite_fts_close(sqlite_fts *f);
/* Calls fn with each term of text and the byte range of its word; fn answers non-zero to stop
 * (then the answer is false, as on failure). */
typedef int (*sqlite_fts_term_fn)(void *ctx, const char *term, size_t n, size_t start, size_t end);
bool sqlite_fts_terms(sqlite_fts *f, const char *text, size_t len, sqlite_fts_term_fn fn,
                      void *ctx);

/* Objects whose search documents must be brought up to date before the transaction commits.
 * kind: a search_kind, or INDEX_CASE_DEEP for a case whose team or status changed (its own
 * document and those of its signals, persons and actors). */
enum { INDEX_CASE_DEEP = SEARCH__COUNT };
typedef struct index_mark {
    int kind;
    int64_t id;
} index_mark;

typedef struct sqlite_conn {
    sqlite3 *db;
    sqlite3_stmt *stmts[STMT__COUNT];
    sqlite3_stmt *copy_inserts[32]; /* per table of SCHEMA_TABLES, prepared on first use */
    sqlite_fts *fts;
    index_mark *pending; /* malloc'ed; see sqlite_search_index.c */
    size_t pending_count, pending_cap;
    bool in_tx;
    struct sqlite_conn *next; /* all connections of the backend, for closing */
} sqlite_conn;

/* Returns once everything committed so far is on stable storage (a write transaction's commit
 * does this itself; for commits made outside storage_transact, such as the migrations).
 * DB_HARD_ERROR when the WAL could not be flushed. */
db_status sqlite_durable(storage *s);
/* What group commit has done so far (for the tests): write transactions kept in a batch,
 * batches committed, batches an fdatasync has covered, and the fdatasyncs. */
typedef struct sqlite_write_stats {
    uint64_t writes, batches, synced, flushes;
} sqlite_write_stats;
sqlite_write_stats sqlite_write_stats_get(storage *s);
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

/* A growable array in an arena: doubles into a fresh block (the old one stays in the arena). */
void *sqlite_grow(arena *a, void *items, size_t *cap, size_t n, size_t size);
/* Loads the rows of a statement with one integer key (?1) into a growable array via read(). */
typedef void (*row_reader)(arena *a, sqlite3_stmt *st, void *item);
db_status sqlite_load_rows(storage *s, arena *a, stmt_id id, int64_t key, size_t size,
                           row_reader read, void **items, size_t *count);
/* The same for a statement the caller has bound. */
db_status sqlite_collect_rows(sqlite_conn *c, sqlite3_stmt *st, arena *a, size_t size,
                              row_reader read, void **items, size_t *count);
/* The cases whose ids a statement with one key answers, each with its team loaded. */
db_status sqlite_cases_with_team(storage *s, arena *a, stmt_id ids, int64_t key,
                                 case_record **cases, size_t *count);

/* A stored case subject back to its enum; an unknown name reads as persons (the default). */
case_subject sqlite_subject_parse(const char *name);

/* Need-to-know as SQL: the condition under which a viewer with this scope sees the case c (a
 * table alias the query must have). Fixed text only; the viewer's values are bound as ?2 (org),
 * ?3 (user id) and ?6 (now: break-glass members count until their end). case_list, currency_list
 * and the object and service lists share it. */
const char *sqlite_scope_sql(access_scope scope);

/* Search index upkeep (sqlite_search_index.c). mark records that an object's document needs
 * work; the work is done once per object by flush, which commit runs (and mark itself outside a
 * transaction). discard forgets the marks of a rolled-back transaction. */
db_status sqlite_index_mark(sqlite_conn *c, int kind, int64_t id);
db_status sqlite_index_flush(sqlite_conn *c);
void sqlite_index_discard(sqlite_conn *c);
db_status sqlite_index_rebuild(sqlite_conn *c);

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
/* Oversight (sqlite_oversight.c). */
db_status sqlite_audit_query(storage *s, arena *a, const audit_filter *f, audit_row **out,
                             size_t *count, int64_t *total);
db_status sqlite_release_list_approved(storage *s, arena *a, const char *from, const char *to,
                                       int64_t offset, int64_t limit, release_record **out,
                                       size_t *count, int64_t *total);
db_status sqlite_gathering_past_threshold(storage *s, arena *a, int64_t page, int64_t per_page,
                                          gathering_past_row **out, size_t *count, int64_t *total);
db_status sqlite_oversight_figures(storage *s, arena *a, const char *today, oversight_figures *out);
db_status sqlite_checkpoint_insert(storage *s, const audit_checkpoint *cp);
db_status sqlite_checkpoint_latest(storage *s, arena *a, audit_checkpoint *out);
db_status sqlite_checkpoint_scan(storage *s, checkpoint_fn fn, void *ctx);
/* The second factor and API tokens (sqlite_auth.c). */
db_status sqlite_totp_get(storage *s, arena *a, int64_t user_id, totp_state *out);
db_status sqlite_totp_set(storage *s, int64_t user_id, const char *sealed_secret, bool enabled);
db_status sqlite_totp_enable(storage *s, int64_t user_id, int64_t step);
db_status sqlite_totp_accept(storage *s, int64_t user_id, int64_t step);
db_status sqlite_recovery_codes_replace(storage *s, int64_t user_id, const char *const *hashes,
                                        size_t count);
db_status sqlite_recovery_code_use(storage *s, int64_t user_id, const char *hash, int64_t now);
db_status sqlite_api_token_insert(storage *s, api_token_row *t);
db_status sqlite_api_token_lookup(storage *s, arena *a, const char *hash, int64_t now,
                                  api_token_row *out, viewer *v);
db_status sqlite_api_token_list(storage *s, arena *a, api_token_row **rows, size_t *count);
db_status sqlite_api_token_revoke(storage *s, int64_t id, int64_t now);
db_status sqlite_api_token_touch(storage *s, int64_t id, int64_t now);
/* Break-glass (sqlite_break_glass.c). */
db_status sqlite_break_glass_insert(storage *s, break_glass_record *g, int64_t now);
db_status sqlite_break_glass_get(storage *s, arena *a, int64_t id, break_glass_record *out);
db_status sqlite_break_glass_list(storage *s, arena *a, const break_glass_filter *f,
                                  break_glass_record **out, size_t *count, int64_t *total);
db_status sqlite_break_glass_review(storage *s, break_glass_record *g);
db_status sqlite_migrate(storage *s, char *err, size_t err_size);

/* Retention (sqlite_retention.c). */
db_status sqlite_retention_signals(storage *s, arena *a, compartment comp, const char *before,
                                   int64_t after_id, retention_item **out, size_t *count);
db_status sqlite_retention_cases(storage *s, arena *a, const char *before, int64_t after_id,
                                 retention_item **out, size_t *count);
db_status sqlite_retention_remove_signal(storage *s, int64_t id);
db_status sqlite_retention_remove_case(storage *s, int64_t id);
db_status sqlite_table_scan(storage *s, const table_desc *t, copy_row_fn fn, void *ctx);
db_status sqlite_table_insert(storage *s, const table_desc *t, const copy_value *values);
db_status sqlite_is_empty(storage *s);
db_status sqlite_after_import(storage *s);
db_status sqlite_backup_to(storage *s, const char *path);

/* Threat information (sqlite_daf.c, sqlite_daf_subjects.c, sqlite_assessments.c,
 * sqlite_search.c); semantics in storage.h. */
db_status sqlite_signal_insert(storage *s, signal_record *sig);
db_status sqlite_signal_get(storage *s, arena *a, int64_t id, signal_record *out);
db_status sqlite_signal_list(storage *s, arena *a, int64_t case_id, signal_record **out,
                             size_t *count);
db_status sqlite_signal_count_since(storage *s, int64_t case_id, const char *after, int64_t *count);
db_status sqlite_release_insert(storage *s, release_record *r);
db_status sqlite_release_get(storage *s, arena *a, int64_t id, release_record *out);
db_status sqlite_release_decide(storage *s, release_record *r);
db_status sqlite_release_list_case(storage *s, arena *a, int64_t case_id, release_record **out,
                                   size_t *count);
db_status sqlite_release_list_pending(storage *s, arena *a, const char *source_org,
                                      release_record **out, size_t *count);
db_status sqlite_release_granted(storage *s, arena *a, int64_t case_id, int64_t user_id,
                                 int64_t **signal_ids, size_t *count);
db_status sqlite_actor_insert(storage *s, actor_record *act);
db_status sqlite_actor_get(storage *s, arena *a, int64_t id, actor_record *out);
db_status sqlite_actor_list(storage *s, arena *a, const char *name_prefix, int64_t page,
                            int64_t per_page, actor_record **out, size_t *count, int64_t *total);
db_status sqlite_actor_cases(storage *s, arena *a, int64_t actor_id, case_record **out,
                             size_t *count);
db_status sqlite_case_actors(storage *s, arena *a, int64_t case_id, actor_record **out,
                             size_t *count);
db_status sqlite_case_actor_link(storage *s, int64_t case_id, int64_t actor_id);
db_status sqlite_notification_insert(storage *s, notification_record *n);
db_status sqlite_notification_list_case(storage *s, arena *a, int64_t case_id,
                                        notification_record **out, size_t *count);
db_status sqlite_gathering_insert(storage *s, gathering_act *g);
db_status sqlite_gathering_list(storage *s, arena *a, subject_kind kind, int64_t subject_id,
                                gathering_act **out, size_t *count);
db_status sqlite_gathering_total(storage *s, subject_kind kind, int64_t subject_id,
                                 const char *since_day, int64_t *total);
db_status sqlite_order_insert(storage *s, gathering_order *o);
db_status sqlite_order_list(storage *s, arena *a, subject_kind kind, int64_t subject_id,
                            gathering_order **out, size_t *count);
db_status sqlite_order_in_force(storage *s, subject_kind kind, int64_t subject_id,
                                const char *today, int64_t *order_id);
db_status sqlite_assessment_insert(storage *s, assessment_record *a);
db_status sqlite_assessment_get(storage *s, arena *ar, int64_t id, assessment_record *out);
db_status sqlite_assessment_update(storage *s, assessment_record *a);
db_status sqlite_assessment_list(storage *s, arena *ar, int64_t case_id, assessment_record **out,
                                 size_t *count);
db_status sqlite_assessment_final(storage *s, arena *ar, int64_t case_id, assessment_record *out);
db_status sqlite_daf_queue(storage *s, arena *a, const viewer *v, access_scope scope,
                           const char *today, int warning_days, daf_queue_item **out,
                           size_t *count);
db_status sqlite_search(storage *s, arena *a, const search_query *q, const viewer *v,
                        access_scope scope, const signal_access *acc, search_hit **out,
                        size_t *count, int64_t *total);

/* Decisions, measures, objects and services (sqlite_decisions.c, sqlite_objects.c); semantics
 * in storage.h. */
db_status sqlite_user_by_id(storage *s, arena *a, int64_t id, user_row *out);
db_status sqlite_decision_insert(storage *s, decision_record *d);
db_status sqlite_decision_get(storage *s, arena *a, int64_t id, decision_record *out);
db_status sqlite_decision_update(storage *s, decision_record *d);
db_status sqlite_decision_list(storage *s, arena *a, int64_t case_id, decision_record **out,
                               size_t *count);
db_status sqlite_decision_in_force(storage *s, arena *a, int64_t case_id, decision_record *out);
db_status sqlite_measure_insert(storage *s, measure_record *m, int64_t by_user_id);
db_status sqlite_measure_get(storage *s, arena *a, int64_t id, measure_record *out);
db_status sqlite_measure_update(storage *s, measure_record *m, int64_t by_user_id);
db_status sqlite_measure_list_case(storage *s, arena *a, int64_t case_id, measure_record **out,
                                   size_t *count);
db_status sqlite_measure_list_executor(storage *s, arena *a, const char *executor_org,
                                       measure_record **out, size_t *count);
db_status sqlite_currency_get(storage *s, arena *a, int64_t case_id, case_currency *out);
db_status sqlite_currency_list(storage *s, arena *a, const viewer *v, access_scope scope,
                               const char *authority_org, const char *today, case_currency **out,
                               size_t *count);
db_status sqlite_aftercare_insert(storage *s, int64_t case_id, const char *due_on, const char *now);
db_status sqlite_limitative_insert(storage *s, limitative_entry *e);
db_status sqlite_limitative_list(storage *s, arena *a, limitative_entry **out, size_t *count);
db_status sqlite_limitative_for_person(storage *s, arena *a, int64_t person_id, const char *today,
                                       limitative_entry *out);
db_status sqlite_object_insert(storage *s, object_record *o);
db_status sqlite_object_get(storage *s, arena *a, int64_t id, object_record *out);
db_status sqlite_object_list(storage *s, arena *a, const viewer *v, access_scope scope,
                             int64_t page, int64_t per_page, object_record **out, size_t *count,
                             int64_t *total);
db_status sqlite_object_list_case(storage *s, arena *a, int64_t case_id, object_record **out,
                                  size_t *count);
db_status sqlite_service_insert(storage *s, service_record *sv);
db_status sqlite_service_get(storage *s, arena *a, int64_t id, service_record *out);
db_status sqlite_service_list(storage *s, arena *a, const viewer *v, access_scope scope,
                              int64_t page, int64_t per_page, service_record **out, size_t *count,
                              int64_t *total);
db_status sqlite_service_by_case(storage *s, arena *a, int64_t case_id, service_record *out);

#endif

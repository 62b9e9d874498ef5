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
    PG_USER_BY_ID,
    PG_THROTTLE_LOCK,
    PG_THROTTLE_GET,
    PG_THROTTLE_PUT,
    PG_SESSION_INSERT,
    PG_SESSION_LOOKUP,
    PG_SESSION_TOUCH,
    PG_SESSION_DELETE,
    /* The second factor and API tokens (their SQL is in pg_auth.c). */
    PG_TOTP_GET,
    PG_TOTP_SET,
    PG_TOTP_ENABLE,
    PG_TOTP_ACCEPT,
    PG_RECOVERY_DELETE,
    PG_RECOVERY_INSERT,
    PG_RECOVERY_USE,
    PG_TOKEN_INSERT,
    PG_TOKEN_LOOKUP,
    PG_TOKEN_LIST,
    PG_TOKEN_REVOKE,
    PG_TOKEN_TOUCH,
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
    PG_CHECKPOINT_INSERT, /* signed checkpoints (pg_checkpoints.c) */
    PG_CHECKPOINT_LATEST,
    PG_CHECKPOINT_SCAN,
    PG_IS_EMPTY,
    PG_AFTER_IMPORT,
    PG_SEARCH_CLEAR,
    PG_SEARCH_REBUILD,
    PG_ANALYZE,
    /* Break-glass (their SQL is in pg_break_glass.c). */
    PG_BREAK_GLASS_INSERT,
    PG_BREAK_GLASS_GET,
    PG_BREAK_GLASS_COUNT,
    PG_BREAK_GLASS_PAGE,
    PG_BREAK_GLASS_REVIEW,
    /* Threat information (their SQL is in pg_daf.c). */
    PG_SIGNAL_INSERT,
    PG_SIGNAL_SUBJECT_ADD,
    PG_SIGNAL_GET,
    PG_SIGNAL_SUBJECTS,
    PG_SIGNAL_LIST,
    PG_SIGNAL_LIST_SUBJECTS,
    PG_SIGNAL_COUNT_SINCE,
    /* Retention (their SQL is in pg_retention.c). */
    PG_RETENTION_SIGNALS,
    PG_RETENTION_CASES,
    PG_RETENTION_CASE_LOCK,
    PG_RETENTION_REMOVE_SIGNAL,
    PG_RETENTION_REMOVE_CASE,
    PG_RETENTION_HAS_BREAK_GLASS,
    PG_RETENTION_REMOVE_BREAK_GLASS,
    PG_RELEASE_INSERT,
    PG_RELEASE_GET,
    PG_RELEASE_DECIDE,
    PG_RELEASE_LIST_CASE,
    PG_RELEASE_LIST_PENDING,
    PG_RELEASE_GRANTED,
    PG_ACTOR_INSERT,
    PG_ACTOR_GET,
    PG_ACTOR_COUNT,
    PG_ACTOR_PAGE,
    PG_ACTOR_CASE_IDS,
    PG_CASE_ACTORS,
    PG_CASE_ACTOR_LINK,
    PG_NOTIFICATION_INSERT,
    PG_NOTIFICATION_LIST,
    PG_GATHERING_LOCK,
    PG_GATHERING_INSERT,
    PG_GATHERING_LIST,
    PG_GATHERING_TOTAL,
    PG_ORDER_INSERT,
    PG_ORDER_LIST,
    PG_ORDER_IN_FORCE,
    PG_ASSESSMENT_INSERT,
    PG_ASSESSMENT_GET,
    PG_ASSESSMENT_UPDATE,
    PG_ASSESSMENT_LIST,
    PG_ASSESSMENT_FINAL,
    PG_DAF_QUEUE, /* + scope */
    /* Search (their SQL is in pg_search.c). */
    PG_SEARCH_CUSTOM_PLANS = PG_DAF_QUEUE + PG_SCOPES,
    PG_SEARCH_COUNT,                              /* + scope */
    PG_SEARCH_PAGE = PG_SEARCH_COUNT + PG_SCOPES, /* + scope */
    /* Decisions, measures, aftercare and the limitative list (their SQL is in pg_decisions.c). */
    PG_DECISION_INSERT = PG_SEARCH_PAGE + PG_SCOPES,
    PG_DECISION_GET,
    PG_DECISION_UPDATE,
    PG_DECISION_LIST,
    PG_DECISION_IN_FORCE,
    PG_DECISION_MEASURES,
    PG_MEASURE_INSERT,
    PG_MEASURE_GET,
    PG_MEASURE_UPDATE,
    PG_MEASURE_LIST_CASE,
    PG_MEASURE_LIST_EXECUTOR,
    PG_CURRENCY_GET,
    PG_CURRENCY_LIST, /* + scope */
    PG_AFTERCARE_INSERT = PG_CURRENCY_LIST + PG_SCOPES,
    PG_LIMITATIVE_INSERT,
    PG_LIMITATIVE_LIST,
    PG_LIMITATIVE_FOR_PERSON,
    /* Objects and services (their SQL is in pg_objects.c). */
    PG_OBJECT_INSERT,
    PG_OBJECT_GET,
    PG_OBJECT_LIST_CASE,
    PG_OBJECT_COUNT,                              /* + scope */
    PG_OBJECT_PAGE = PG_OBJECT_COUNT + PG_SCOPES, /* + scope */
    PG_SERVICE_INSERT = PG_OBJECT_PAGE + PG_SCOPES,
    PG_SERVICE_GET,
    PG_SERVICE_BY_CASE,
    PG_SERVICE_COUNT,                               /* + scope */
    PG_SERVICE_PAGE = PG_SERVICE_COUNT + PG_SCOPES, /* + scope */
    /* Oversight: the privacy officer's and the inspector's views (their SQL is in
     * pg_oversight.c). */
    PG_OVERSIGHT_FIRST = PG_SERVICE_PAGE + PG_SCOPES,
    PG_AUDIT_OBJECT_COUNT = PG_OVERSIGHT_FIRST,
    PG_AUDIT_OBJECT_PAGE,
    PG_AUDIT_ACTIONS_COUNT,
    PG_AUDIT_ACTIONS_PAGE,
    PG_AUDIT_ALL_COUNT,
    PG_AUDIT_ALL_PAGE,
    PG_RELEASE_APPROVED_COUNT,
    PG_RELEASE_APPROVED_PAGE,
    PG_GATHERING_PAST_COUNT,
    PG_GATHERING_PAST_PAGE,
    PG_FIGURES_CASES,
    PG_FIGURES_DECISIONS,
    PG_FIGURES_MEASURES,
    PG_FIGURES_ASSESSMENTS,
    PG_FIGURES_EXPIRED,
    PG_FIGURES_SIGNALS,
    PG_FIGURES_RELEASES,
    PG_FIGURES_GATHERING,
    PG_FIGURES_AUDIT,
    PG_FIGURES_BREAK_GLASS,
    PG_OVERSIGHT_END,
    PG_STMT__COUNT = PG_OVERSIGHT_END
} pg_stmt;

/* The SQL of the statements that live with their operations, indexed by pg_stmt (NULL for the
 * others): pg_backend.c prepares whichever table holds a statement. */
extern const char *const pg_daf_sql[PG_STMT__COUNT];
extern const char *const pg_auth_sql[PG_STMT__COUNT];
extern const char *const pg_search_sql[PG_STMT__COUNT];
extern const char *const pg_retention_sql[PG_STMT__COUNT];
extern const char *const pg_decision_sql[PG_STMT__COUNT];
extern const char *const pg_object_sql[PG_STMT__COUNT];
extern const char *const pg_break_glass_sql[PG_STMT__COUNT];
extern const char *const pg_oversight_sql[PG_STMT__COUNT];

/* The team rule of need-to-know (access_case_visible) as SQL over the case alias c, with the
 * viewer's organisation and user id as the given parameters and `member` the condition a team row
 * m must meet besides. */
#define PG_TEAM_MEMBER_SQL(c, org, user, member)                                                   \
    "EXISTS (SELECT 1 FROM case_team m WHERE m.case_id = " c ".id AND "                            \
    "((m.user_id = 0 AND m.org = " org ") OR (m.user_id <> 0 AND m.user_id = " user                \
    ")) AND " member ")"
/* Every scoped statement uses this one: a member counts while permanent (expires_at 0) or until
 * its end (a break-glass grant), now being the viewer's (access_member_live). */
#define PG_TEAM_SQL(c, org, user, now)                                                             \
    PG_TEAM_MEMBER_SQL(c, org, user, "(m.expires_at = 0 OR m.expires_at > " now ")")
/* The scope SCOPE_TEAM_OR_REFERRED of case_list (triage: the team rule plus every case waiting in
 * intake) over the case alias c; SCOPE_TEAM is PG_TEAM_SQL itself and SCOPE_NONE sees nothing.
 * The list statements of cases, the currency list and the object and service lists use these. */
#define PG_TEAM_OR_REFERRED_SQL(c, org, user, now)                                                 \
    "(" c ".status = 'referred' OR " PG_TEAM_SQL(c, org, user, now) ")"

/* The search index (migration 3): one table per kind (search_signals, search_cases,
 * search_persons, search_actors: the planner keeps statistics per table, and how common a word
 * is differs per kind), each row the Dutch tsvector of what SQLite's search document holds: a
 * signal's text, a case's reference and summary, a person's name, an actor's name and
 * description. It is derived: the insert operations index an object in the same statement that
 * stores it (its text never changes afterwards), and after_import rebuilds it, as copies never
 * carry it. The macros index the rows of `from` (a table or a CTE).
 *
 * PostgreSQL's parser keeps "SBP-2026-000001", "jan@x.nl" or "<b>" together as one token where
 * SQLite's unicode61 splits at every punctuation mark; folding that punctuation to spaces first
 * makes both find the same words. The configuration is the built-in "dutch" with its Snowball
 * stemmer but without its stop word list: the SQLite backend's analyzer has none. */
#define PG_SEARCH_FOLD(x) "translate(" x ", '-./@+:_<>', '          ')"
#define PG_SEARCH_CONFIG "'schild_dutch'"
#define PG_SEARCH_VECTOR(x) "to_tsvector(" PG_SEARCH_CONFIG ", " PG_SEARCH_FOLD(x) ")"
#define PG_SEARCH_INDEX(table, text, from)                                                         \
    "INSERT INTO " table "(id, words) SELECT x.id, " PG_SEARCH_VECTOR(text) " FROM " from " x"
/* A sealed signal text (storage/sealed.c) is indexed as no words at all. */
#define PG_SEARCH_INDEX_SIGNALS(from)                                                              \
    PG_SEARCH_INDEX("search_signals",                                                              \
                    "CASE WHEN left(x.text, 10) = 'sealed:v1:' THEN '' ELSE x.text END", from)
#define PG_SEARCH_INDEX_CASES(from)                                                                \
    PG_SEARCH_INDEX("search_cases", "coalesce(x.reference, '') || ' ' || x.summary", from)
#define PG_SEARCH_INDEX_PERSONS(from)                                                              \
    PG_SEARCH_INDEX("search_persons",                                                              \
                    "x.given_names || ' ' || x.surname_prefix || ' ' || x.surname", from)
#define PG_SEARCH_INDEX_ACTORS(from)                                                               \
    PG_SEARCH_INDEX("search_actors", "x.name || ' ' || x.description", from)

/* Snippets of search hits cut as the SQLite backend cuts them (pg_snippet.c). A query holds
 * the user's words analysed as that backend analyses them; free it with pg_snippet_query_free. */
typedef struct pg_snippet_query pg_snippet_query;
pg_snippet_query *pg_snippet_query_new(arena *a, const char *text);
void pg_snippet_query_free(pg_snippet_query *q);
/* About 24 words of text from a little before its first matching word, each match between \x02
 * and \x03, "…" where the text goes on; *matched tells whether any word matched. "" for NULL
 * text; NULL when out of memory. */
const char *pg_snippet_cut(arena *a, const pg_snippet_query *q, const char *text, bool *matched);

/* Advisory lock keys (the bigint key space; the login throttle uses the separate two-int space).
 * Fixed constants, part of the SQL text: "SchAudit" and "SchMigra" in ASCII. */
#define PG_LOCK_AUDIT_CHAIN "6008760958194051444"
#define PG_LOCK_MIGRATIONS "6008761009532531297"
/* The two-int advisory lock class of the login throttle: "SchT". */
#define PG_LOCK_THROTTLE_CLASS "1399023700"
/* The two-int advisory lock class of a gathering subject's intrusion budget: "SchG". */
#define PG_LOCK_GATHERING_CLASS "1399023687"

/* The widest statement is a copy insert of every column of cases (storage/schema.c). */
enum { PG_MAX_PARAMS = 32 };
/* Statements built at run time from the fixed table descriptions of storage/schema.c (copying),
 * one slot per table, prepared once per connection like the others. */
enum { PG_DYNAMIC_SLOTS = 32 };

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
/* An optional reference: SQL NULL for 0. */
void pg_param_id_or_null(pg_params *p, int64_t id);
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

/* Reading rows (pg_cases.c). A row reader fills one array item from one result row. */
typedef void (*pg_row_reader)(arena *a, const PGresult *res, int row, void *item);
/* Reads every row of a result into a fresh array in the arena; answers the row count. */
db_status pg_read_rows(arena *a, const PGresult *res, size_t size, pg_row_reader read, void **items,
                       size_t *count);
/* Runs a statement keyed by one id and reads every row into a fresh array in the arena. */
db_status pg_load_rows(storage *s, arena *a, pg_stmt id, int64_t key, size_t size,
                       pg_row_reader read, void **items, size_t *count);
/* Runs an INSERT ... RETURNING id: DB_ONE with *id, DB_NONE when nothing was inserted. */
db_status pg_insert_id(storage *s, pg_stmt stmt, const pg_params *p, const char *what, int64_t *id);
/* Runs a statement keyed by one id and reads its first row, if any, with read. */
db_status pg_load_one(storage *s, arena *a, pg_stmt stmt, int64_t key, pg_row_reader read,
                      void *out, const char *what);
/* Reads every row of a result into an array and clears the result; the row count or
 * DB_HARD_ERROR. */
db_status pg_read_all(arena *a, PGresult *res, size_t size, pg_row_reader read, void **out,
                      size_t *count);
/* Clears n results (NULLs allowed). */
void pg_clear_results(PGresult **res, int n);
/* Reads an id column 0 into an int64_t item. */
void pg_read_id_item(arena *a, const PGresult *res, int row, void *item);
/* Reads the PG_CASE_COLUMNS of a row. */
void pg_read_case_row(arena *a, const PGresult *res, int row, case_record *c);
/* Each case's row and team (for need-to-know), for n case ids in one round trip. */
db_status pg_load_cases_with_teams(storage *s, arena *a, const int64_t *case_ids, int n,
                                   case_record *out);

/* cases.subject as stored: 'persons' (the default, also for cases from before migration 4),
 * 'object' or 'service'. */
case_subject pg_case_subject_parse(const char *name);

/* The columns every case query selects, in the order pg_read_case_row expects. */
#define PG_CASE_COLUMNS                                                                            \
    "c.id, c.reference, c.status, c.domain, c.authority_org, a.name, c.summary, c.phenomenon, "    \
    "c.urgent, c.source_details, c.referring_org, r.name, c.referred_by, "                         \
    "c.awaiting_information, c.information_request, c.triage_outcome, c.triage_district, "         \
    "c.triage_reasoning, c.triage_at, t.username, c.triage_by, c.created_at, c.updated_at, "       \
    "c.version, c.subject"
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
/* The second factor and API tokens (pg_auth.c). */
db_status pg_totp_get(storage *s, arena *a, int64_t user_id, totp_state *out);
db_status pg_totp_set(storage *s, int64_t user_id, const char *sealed_secret, bool enabled);
db_status pg_totp_enable(storage *s, int64_t user_id, int64_t step);
db_status pg_totp_accept(storage *s, int64_t user_id, int64_t step);
db_status pg_recovery_codes_replace(storage *s, int64_t user_id, const char *const *hashes,
                                    size_t count);
db_status pg_recovery_code_use(storage *s, int64_t user_id, const char *hash, int64_t now);
db_status pg_api_token_insert(storage *s, api_token_row *t);
db_status pg_api_token_lookup(storage *s, arena *a, const char *hash, int64_t now,
                              api_token_row *out, viewer *v);
db_status pg_api_token_list(storage *s, arena *a, api_token_row **rows, size_t *count);
db_status pg_api_token_revoke(storage *s, int64_t id, int64_t now);
db_status pg_api_token_touch(storage *s, int64_t id, int64_t now);
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
db_status pg_signal_insert(storage *s, signal_record *sig);
db_status pg_signal_get(storage *s, arena *a, int64_t id, signal_record *out);
db_status pg_signal_list(storage *s, arena *a, int64_t case_id, signal_record **out, size_t *count);
db_status pg_signal_count_since(storage *s, int64_t case_id, const char *after, int64_t *count);
db_status pg_release_insert(storage *s, release_record *r);
db_status pg_release_get(storage *s, arena *a, int64_t id, release_record *out);
db_status pg_release_decide(storage *s, release_record *r);
db_status pg_release_list_case(storage *s, arena *a, int64_t case_id, release_record **out,
                               size_t *count);
db_status pg_release_list_pending(storage *s, arena *a, const char *source_org,
                                  release_record **out, size_t *count);
db_status pg_release_granted(storage *s, arena *a, int64_t case_id, int64_t user_id,
                             int64_t **signal_ids, size_t *count);
db_status pg_actor_insert(storage *s, actor_record *act);
db_status pg_actor_get(storage *s, arena *a, int64_t id, actor_record *out);
db_status pg_actor_list(storage *s, arena *a, const char *name_prefix, int64_t page,
                        int64_t per_page, actor_record **out, size_t *count, int64_t *total);
db_status pg_actor_cases(storage *s, arena *a, int64_t actor_id, case_record **out, size_t *count);
db_status pg_case_actors(storage *s, arena *a, int64_t case_id, actor_record **out, size_t *count);
db_status pg_case_actor_link(storage *s, int64_t case_id, int64_t actor_id);
db_status pg_notification_insert(storage *s, notification_record *n);
db_status pg_notification_list_case(storage *s, arena *a, int64_t case_id,
                                    notification_record **out, size_t *count);
db_status pg_gathering_insert(storage *s, gathering_act *g);
db_status pg_gathering_list(storage *s, arena *a, subject_kind kind, int64_t subject_id,
                            gathering_act **out, size_t *count);
db_status pg_gathering_total(storage *s, subject_kind kind, int64_t subject_id,
                             const char *since_day, int64_t *total);
db_status pg_order_insert(storage *s, gathering_order *o);
db_status pg_order_list(storage *s, arena *a, subject_kind kind, int64_t subject_id,
                        gathering_order **out, size_t *count);
db_status pg_order_in_force(storage *s, subject_kind kind, int64_t subject_id, const char *today,
                            int64_t *order_id);
db_status pg_assessment_insert(storage *s, assessment_record *a);
db_status pg_assessment_get(storage *s, arena *ar, int64_t id, assessment_record *out);
db_status pg_assessment_update(storage *s, assessment_record *a);
db_status pg_assessment_list(storage *s, arena *ar, int64_t case_id, assessment_record **out,
                             size_t *count);
db_status pg_assessment_final(storage *s, arena *ar, int64_t case_id, assessment_record *out);
db_status pg_daf_queue(storage *s, arena *a, const viewer *v, access_scope scope, const char *today,
                       int warning_days, daf_queue_item **out, size_t *count);
db_status pg_search(storage *s, arena *a, const search_query *q, const viewer *v,
                    access_scope scope, const signal_access *acc, search_hit **out, size_t *count,
                    int64_t *total);
db_status pg_user_by_id(storage *s, arena *a, int64_t id, user_row *out);
db_status pg_decision_insert(storage *s, decision_record *d);
db_status pg_decision_get(storage *s, arena *a, int64_t id, decision_record *out);
db_status pg_decision_update(storage *s, decision_record *d);
db_status pg_decision_list(storage *s, arena *a, int64_t case_id, decision_record **out,
                           size_t *count);
db_status pg_decision_in_force(storage *s, arena *a, int64_t case_id, decision_record *out);
db_status pg_measure_insert(storage *s, measure_record *m, int64_t by_user_id);
db_status pg_measure_get(storage *s, arena *a, int64_t id, measure_record *out);
db_status pg_measure_update(storage *s, measure_record *m, int64_t by_user_id);
db_status pg_measure_list_case(storage *s, arena *a, int64_t case_id, measure_record **out,
                               size_t *count);
db_status pg_measure_list_executor(storage *s, arena *a, const char *executor_org,
                                   measure_record **out, size_t *count);
db_status pg_currency_get(storage *s, arena *a, int64_t case_id, case_currency *out);
db_status pg_currency_list(storage *s, arena *a, const viewer *v, access_scope scope,
                           const char *authority_org, const char *today, case_currency **out,
                           size_t *count);
db_status pg_aftercare_insert(storage *s, int64_t case_id, const char *due_on, const char *now);
db_status pg_limitative_insert(storage *s, limitative_entry *e);
db_status pg_limitative_list(storage *s, arena *a, limitative_entry **out, size_t *count);
db_status pg_limitative_for_person(storage *s, arena *a, int64_t person_id, const char *today,
                                   limitative_entry *out);
db_status pg_object_insert(storage *s, object_record *o);
db_status pg_object_get(storage *s, arena *a, int64_t id, object_record *out);
db_status pg_object_list(storage *s, arena *a, const viewer *v, access_scope scope, int64_t page,
                         int64_t per_page, object_record **out, size_t *count, int64_t *total);
db_status pg_object_list_case(storage *s, arena *a, int64_t case_id, object_record **out,
                              size_t *count);
db_status pg_service_insert(storage *s, service_record *sv);
db_status pg_service_get(storage *s, arena *a, int64_t id, service_record *out);
db_status pg_service_list(storage *s, arena *a, const viewer *v, access_scope scope, int64_t page,
                          int64_t per_page, service_record **out, size_t *count, int64_t *total);
db_status pg_service_by_case(storage *s, arena *a, int64_t case_id, service_record *out);
db_status pg_audit_append(storage *s, const audit_entry *entries, size_t count);
db_status pg_audit_scan(storage *s, audit_row_fn fn, void *ctx);
db_status pg_checkpoint_insert(storage *s, const audit_checkpoint *cp);
db_status pg_checkpoint_latest(storage *s, arena *a, audit_checkpoint *out);
db_status pg_checkpoint_scan(storage *s, checkpoint_fn fn, void *ctx);
db_status pg_audit_head(storage *s, int64_t *seq, char hash[AUDIT_HASH_HEX]);
/* Oversight (pg_oversight.c). */
db_status pg_audit_query(storage *s, arena *a, const audit_filter *f, audit_row **out,
                         size_t *count, int64_t *total);
db_status pg_release_list_approved(storage *s, arena *a, const char *from, const char *to,
                                   int64_t offset, int64_t limit, release_record **out,
                                   size_t *count, int64_t *total);
db_status pg_gathering_past_threshold(storage *s, arena *a, int64_t page, int64_t per_page,
                                      gathering_past_row **out, size_t *count, int64_t *total);
db_status pg_oversight_figures(storage *s, arena *a, const char *today, oversight_figures *out);
/* Break-glass (pg_break_glass.c). */
db_status pg_break_glass_insert(storage *s, break_glass_record *g, int64_t now);
db_status pg_break_glass_get(storage *s, arena *a, int64_t id, break_glass_record *out);
db_status pg_break_glass_list(storage *s, arena *a, const break_glass_filter *f,
                              break_glass_record **out, size_t *count, int64_t *total);
db_status pg_break_glass_review(storage *s, break_glass_record *g);
/* Retention (pg_retention.c). */
db_status pg_retention_signals(storage *s, arena *a, compartment comp, const char *before,
                               int64_t after_id, retention_item **out, size_t *count);
db_status pg_retention_cases(storage *s, arena *a, const char *before, int64_t after_id,
                             retention_item **out, size_t *count);
db_status pg_retention_remove_signal(storage *s, int64_t id);
db_status pg_retention_remove_case(storage *s, int64_t id);
db_status pg_table_scan(storage *s, const table_desc *t, copy_row_fn fn, void *ctx);
db_status pg_table_insert(storage *s, const table_desc *t, const copy_value *values);
db_status pg_is_empty(storage *s);
db_status pg_after_import(storage *s);
db_status pg_migrate(storage *s, char *err, size_t err_size);
/* The calling thread's libpq connection, for pg_migrate (NULL when it cannot connect). */
PGconn *pg_conn_raw(storage *s);

#endif

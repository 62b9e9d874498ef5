/* storage: the one database interface. A table of operations, each documented here, implemented
 * once per backend (storage/sqlite/, later storage/postgres/). Handlers never see SQL.
 *
 * Results are three-way (as in GNU Taler's exchange): DB_HARD_ERROR (give up), DB_SOFT_ERROR
 * (busy or serialization failure: the transaction runner retries the whole transaction), or a
 * row count >= 0. DB_REFUSED is what a transaction body returns when the domain says no; the
 * runner rolls back and does not retry.
 *
 * Memory: every string an operation returns is allocated in the caller's arena. Connections are
 * per thread and owned by the backend. */
#ifndef SCHILD_STORAGE_H
#define SCHILD_STORAGE_H

#include "core/access.h"
#include "core/arena.h"
#include "core/audit_chain.h"
#include "core/domain.h"
#include "core/orgs.h"
#include "storage/schema.h"

#include <stdint.h>

typedef int db_status;
enum { DB_REFUSED = -3, DB_HARD_ERROR = -2, DB_SOFT_ERROR = -1, DB_NONE = 0, DB_ONE = 1 };

typedef enum tx_kind { TX_READ, TX_WRITE } tx_kind;

typedef struct storage storage;

typedef struct org_row {
    const char *code, *name, *kind, *district;
} org_row;

typedef struct user_row {
    int64_t id;
    const char *username, *display_name, *org, *password_hash;
    role role;
    bool active;
} user_row;

typedef struct new_user {
    const char *username, *display_name, *org, *password_hash, *created_at;
    role role;
} new_user;

/* Failed-login bookkeeping per username (known or not, so that throttling reveals nothing). */
typedef struct login_throttle {
    int64_t failures;
    int64_t window_start; /* unix seconds of the first failure in the window */
    int64_t locked_until; /* unix seconds; 0 when not locked */
} login_throttle;

typedef enum case_sort { SORT_TRIAGE, SORT_NEWEST, SORT_OLDEST, SORT_REFERENCE } case_sort;

typedef struct case_query {
    case_status status; /* STATUS_NONE: any */
    case_sort sort;
    int64_t page;     /* 1-based */
    int64_t per_page; /* 1..MAX_PAGE_SIZE */
} case_query;

typedef struct audit_row {
    audit_entry entry;
    const char *prev_hash; /* hex */
    const char *hash;      /* hex */
} audit_row;

/* Called once per copied row (values in the table's column order); non-zero stops the scan. */
typedef int (*copy_row_fn)(void *ctx, const copy_value *values);

/* Called once per audit row in seq order; return non-zero to stop. */
typedef int (*audit_row_fn)(void *ctx, const audit_row *row);

typedef struct storage_ops {
    const char *name; /* "sqlite", "postgresql" */

    /* Closes every connection the backend opened and frees s. Only when no thread uses it. */
    void (*close)(storage *s);
    /* Creates or upgrades the schema; verifies the checksums of applied migrations. */
    db_status (*migrate)(storage *s, char *err, size_t err_size);

    db_status (*begin)(storage *s, tx_kind kind);
    db_status (*commit)(storage *s);
    void (*rollback)(storage *s);

    /* Organisations. org_upsert keeps an existing row's code stable and refreshes its name. */
    db_status (*org_upsert)(storage *s, const org_seed *org);
    db_status (*org_list)(storage *s, arena *a, org_row **rows, size_t *count);
    db_status (*org_get)(storage *s, arena *a, const char *code, org_row *out);

    /* Users. user_insert answers DB_NONE when the username is taken. */
    db_status (*user_insert)(storage *s, const new_user *u, int64_t *id);
    db_status (*user_by_username)(storage *s, arena *a, const char *username, user_row *out);

    db_status (*throttle_get)(storage *s, const char *username, login_throttle *out);
    db_status (*throttle_put)(storage *s, const char *username, const login_throttle *t);

    /* Sessions are stored by the BLAKE2b hash of their token only. session_lookup answers
     * DB_NONE for unknown or expired sessions and fills the viewer (strings in a). */
    db_status (*session_insert)(storage *s, const unsigned char token_hash[32], int64_t user_id,
                                int64_t now, int64_t expires_at);
    db_status (*session_lookup)(storage *s, arena *a, const unsigned char token_hash[32],
                                int64_t now, int64_t idle_limit, viewer *out, int64_t *last_seen);
    db_status (*session_touch)(storage *s, const unsigned char token_hash[32], int64_t now);
    db_status (*session_delete)(storage *s, const unsigned char token_hash[32]);

    /* Persons. person_insert sets p->id and p->version. */
    db_status (*person_insert)(storage *s, person_record *p, const char *now);
    db_status (*person_get)(storage *s, arena *a, int64_t id, person_record *out);
    /* Every case the person is in, each with its team loaded (for need-to-know). */
    db_status (*person_cases)(storage *s, arena *a, int64_t person_id, case_record **cases,
                              size_t *count);
    /* Every event of every case the person is in, oldest first. */
    db_status (*person_events)(storage *s, arena *a, int64_t person_id, case_event **events,
                               size_t *count);

    /* Cases. case_insert stores the case row and sets c->id, c->reference and c->version. */
    db_status (*case_insert)(storage *s, arena *a, case_record *c);
    db_status (*case_link_person)(storage *s, int64_t case_id, int64_t person_id);
    db_status (*case_team_add)(storage *s, int64_t case_id, const team_member *m);
    db_status (*case_event_add)(storage *s, int64_t case_id, const case_event *e);
    /* The whole case: row, persons, team and timeline. DB_NONE when it does not exist. */
    db_status (*case_get)(storage *s, arena *a, int64_t id, case_record *out);
    /* Writes the mutable fields of c when the stored version equals c->version, and bumps the
     * version (c->version is updated). DB_NONE when the version is stale. */
    db_status (*case_update)(storage *s, case_record *c);
    /* A page of the cases the scope lets the viewer see, with persons (no team or events). */
    db_status (*case_list)(storage *s, arena *a, const case_query *q, const viewer *v,
                           access_scope scope, case_record **cases, size_t *count, int64_t *total);

    /* Appends entries to the hash chain inside the current write transaction. */
    db_status (*audit_append)(storage *s, const audit_entry *entries, size_t count);
    /* Streams the audit trail in seq order. */
    db_status (*audit_scan)(storage *s, audit_row_fn fn, void *ctx);
    /* The recorded chain head (seq and hash of the newest entry); DB_NONE for an empty trail. */
    db_status (*audit_head)(storage *s, int64_t *seq, char hash[AUDIT_HASH_HEX]);

    /* Copying whole databases (backup, restore, moving between backends; storage/copy.c). */
    /* Streams every row of a table in primary-key order inside the current transaction. */
    db_status (*table_scan)(storage *s, const table_desc *t, copy_row_fn fn, void *ctx);
    /* Inserts one row; where t->upsert an existing row with the same key is overwritten. */
    db_status (*table_insert)(storage *s, const table_desc *t, const copy_value *values);
    /* DB_ONE when the database holds no users, cases or audit entries, DB_NONE otherwise. */
    db_status (*is_empty)(storage *s);
    /* After an import: whatever the backend needs so that new rows get new ids. */
    db_status (*after_import)(storage *s);
    /* An online, consistent copy of the whole database into a new file at path; NULL where the
     * backend has no such thing (then a backup is a copy into a new SQLite file). */
    db_status (*backup_to)(storage *s, const char *path);
} storage_ops;

struct storage {
    const storage_ops *ops;
    void *impl;
};

/* Opens a backend from a URL: "sqlite:PATH" (later "postgresql://..."). */
storage *storage_open(const char *url, char *err, size_t err_size);
void storage_close(storage *s);

/* The transaction runner: begin, body, commit; retries the whole transaction on DB_SOFT_ERROR
 * (busy, serialization failure) a bounded number of times with backoff. Answers the body's
 * result, DB_REFUSED after rolling back a refusal, or DB_HARD_ERROR. */
typedef db_status (*tx_body)(storage *s, void *ctx);
db_status storage_transact(storage *s, tx_kind kind, tx_body body, void *ctx);

#endif

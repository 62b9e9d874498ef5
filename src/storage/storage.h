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
#include "core/daf.h"
#include "core/decision.h"
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

/* A user's second factor (docs/SECURITY.md). secret: sealed text (util/seal.h), NULL when none. */
typedef struct totp_state {
    const char *secret;
    bool enabled;
    int64_t last_step; /* the newest accepted time step; codes at or before it are replays */
} totp_state;

/* An API token for a partner system: its service user and scopes; only the hash is stored. */
typedef struct api_token_row {
    int64_t id, user_id;
    const char *username, *org, *label, *scopes; /* scopes: "referral,signals" */
    char token_hash[65];                         /* lowercase hex of the BLAKE2b-256 hash */
    int64_t created_at, expires_at, revoked_at, last_used_at; /* unix seconds; 0: never */
} api_token_row;
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

/* A signed checkpoint over the audit chain (docs/AUDIT.md): the Ed25519 signature, by the audit
 * key, of "schild-audit-checkpoint-v1\n<seq>\n<hash>\n<signed_at>\n". Hex is lowercase. */
typedef struct audit_checkpoint {
    int64_t seq;            /* the newest entry covered */
    const char *hash;       /* that entry's hash (hex) */
    const char *signed_at;  /* UTC RFC 3339 with milliseconds */
    const char *public_key; /* the signer's public key (hex) */
    const char *signature;  /* hex */
} audit_checkpoint;

/* Called once per checkpoint in seq order; return non-zero to stop. */
typedef int (*checkpoint_fn)(void *ctx, const audit_checkpoint *cp);

/* Which signals a viewer may read, as storage needs it for search (core/daf.c decides the same
 * per signal; a conformance test keeps the two in agreement). */
typedef struct signal_access {
    unsigned any_org; /* compartments readable whatever the source (bit 1u << compartment) */
    unsigned own_org; /* compartments readable when source_org == viewer's org */
} signal_access;

typedef enum search_kind {
    SEARCH_ANY = -1,
    SEARCH_SIGNAL,
    SEARCH_CASE,
    SEARCH_PERSON,
    SEARCH_ACTOR,
    SEARCH__COUNT
} search_kind;

typedef struct search_query {
    const char *text;          /* the user's words, 1..200 chars; storage tokenises and stems */
    search_kind kind;          /* SEARCH_ANY or one kind */
    compartment compartment;   /* COMPARTMENT_NONE: any (signals only) */
    source_grade source_grade; /* SOURCE_NONE: any (signals only) */
    info_grade info_grade;     /* INFO_NONE: any (signals only) */
    phenomenon phenomenon;     /* PHENOMENON_NONE: any (signals and cases: of the case) */
    const char *from, *to;     /* YYYY-MM-DD inclusive or NULL (signals: received_at; cases:
                                  created_at) */
    int64_t page, per_page;
} search_query;

/* One hit. snippet holds the matched text with each match between \x02 and \x03 (the API
 * turns these into segments); it is only ever cut from text the viewer may read. */
typedef struct search_hit {
    search_kind kind;
    int64_t id;
    int64_t case_id; /* signals: their case; cases: itself; else 0 */
    const char *case_reference;
    const char *title; /* case reference, person name, actor name, signal date+source */
    const char *snippet;
    const char *date;        /* YYYY-MM-DD */
    compartment compartment; /* signals */
    source_grade source_grade;
    info_grade info_grade;
} search_hit;

/* Totals above this are reported as "200+": counting readable hits is most of a search's cost
 * (docs/PERFORMANCE.md), and past a few pages an analyst narrows the query, not reads on. */
enum { SEARCH_COUNT_CAP = 200 };

/* DAF work queue rows. */
typedef enum daf_queue_reason {
    QUEUE_FIRST_ASSESSMENT, /* case in status assessment without a final assessment */
    QUEUE_REVIEW,           /* an assessment submitted for review */
    QUEUE_VALIDITY_ENDING,  /* the final assessment expires within the warning term (or has) */
    QUEUE_NEW_SIGNALS,      /* signals recorded after the final assessment's approval */
} daf_queue_reason;

typedef struct daf_queue_item {
    daf_queue_reason reason;
    int64_t case_id;
    const char *case_reference;
    bool urgent;
    phenomenon phenomenon;
    int64_t assessment_id;   /* QUEUE_REVIEW, QUEUE_VALIDITY_ENDING, QUEUE_NEW_SIGNALS */
    const char *since;       /* when it started waiting (timestamp or date) */
    const char *valid_until; /* QUEUE_VALIDITY_ENDING */
    int64_t new_signals;     /* QUEUE_NEW_SIGNALS */
} daf_queue_item;

/* ---- Retention (docs/SECURITY.md, "Retention") ---- */

typedef enum retention_kind { RETENTION_SIGNAL, RETENTION_CASE } retention_kind;

/* A signal or closed case that retention looks at. */
typedef struct retention_item {
    retention_kind kind;
    int64_t id;
    int64_t case_id;         /* signals: their case; cases: itself */
    compartment compartment; /* signals; COMPARTMENT_NONE for cases */
    const char *since;       /* signals: created_at; cases: the closing moment */
} retention_item;

enum { RETENTION_BATCH = 200 };

/* ---- Oversight: the privacy officer's and the inspector's views (docs/OVERSIGHT.md) ---- */

/* Which audit entries audit_query answers; every filter given must hold. Newest first. */
typedef struct audit_filter {
    const char *object_type;   /* with object_id: entries on that object; NULL: any object */
    const char *object_id;     /* decimal id as stored */
    const int64_t *case_ids;   /* with object_type: also entries on these cases ("case", id) */
    size_t case_count;         /* at most AUDIT_FILTER_MAX_CASES */
    const char *actions[4];    /* exact actions (NULL ends the list); actions[0] NULL: any */
    const char *action_prefix; /* actions starting with it; NULL: any (not with actions) */
    const char *outcome;       /* NULL: any */
    const char *from, *to;     /* YYYY-MM-DD inclusive, on the UTC date of `at`; NULL: open */
    int64_t page, per_page;
} audit_filter;

enum { AUDIT_FILTER_MAX_CASES = 500 };

/* A gathering act that went past the intrusion threshold, with the order it rests on. */
typedef struct gathering_past_row {
    gathering_act act;
    gathering_order order;
} gathering_past_row;

/* One count of a breakdown: up to three keys as stored (status names etc.; "" when none). */
typedef struct figure_row {
    const char *k1, *k2, *k3;
    int64_t count;
} figure_row;

typedef struct figure_list {
    figure_row *rows;
    size_t count;
} figure_list;

/* Aggregated figures: counts only, never content. */
typedef struct oversight_figures {
    figure_list cases;           /* status, domain ("" before triage), subject */
    int64_t decisions_in_force;  /* decisions with status in_force */
    figure_list measures;        /* status */
    figure_list assessments;     /* status */
    int64_t assessments_expired; /* final ones whose valid_until is before today */
    figure_list signals;         /* compartment */
    figure_list releases;        /* status */
    int64_t gathering_past;      /* acts resting on a prosecutor's order */
    figure_list break_glass;     /* review outcome */
    int64_t audit_entries;       /* entries in the trail */
    int64_t audit_head_seq;      /* the newest seq (0: empty trail) */
} oversight_figures;

/* Called once per copied row (values in the table's column order); non-zero stops the scan. */
typedef int (*copy_row_fn)(void *ctx, const copy_value *values);

/* Called once per audit row in seq order; return non-zero to stop. */
typedef int (*audit_row_fn)(void *ctx, const audit_row *row);

/* ---- Break-glass (docs/OVERSIGHT.md) ---- */

/* A break-glass grant: time-limited access to a case the user does not see otherwise, for the
 * privacy officer to review. Its access is a case_team row (membership "break_glass"). */
typedef struct break_glass_record {
    int64_t id;
    int64_t case_id;
    const char *case_reference; /* reads */
    int64_t user_id;
    const char *username, *user_org; /* user_org: also the team row's org on insert */
    role user_role;                  /* reads */
    const char *reason;
    const char *started_at; /* RFC 3339 */
    int64_t expires_at;     /* unix seconds */
    const char *review;     /* "pending", "justified", "unjustified" */
    const char *review_note;
    int64_t reviewed_by;              /* 0 while pending */
    const char *reviewed_by_username; /* reads; NULL while pending */
    const char *reviewed_at;          /* NULL while pending */
    int64_t version;
} break_glass_record;

typedef enum break_glass_status {
    BREAK_GLASS_ALL,
    BREAK_GLASS_PENDING,
    BREAK_GLASS_REVIEWED
} break_glass_status;

/* Which grants break_glass_list answers; every filter given must hold. */
typedef struct break_glass_filter {
    break_glass_status status;
    int64_t user_id;   /* 0: anyone */
    int64_t case_id;   /* 0: any case */
    int64_t active_at; /* > 0: only grants with expires_at after this unix time */
    int64_t page, per_page;
} break_glass_filter;

typedef struct storage_ops {
    const char *name; /* "sqlite", "postgresql" */

    /* Closes every connection the backend opened and frees s. Only when no thread uses it. */
    void (*close)(storage *s);
    /* Creates or upgrades the schema; verifies the checksums of applied migrations. */
    db_status (*migrate)(storage *s, char *err, size_t err_size);

    db_status (*begin)(storage *s, tx_kind kind);
    db_status (*commit)(storage *s);
    void (*rollback)(storage *s);
    /* The caller (a bulk import, a command of its own process) writes far more per transaction
     * than a request does: the backend may keep more of it in memory. NULL: nothing to gain. */
    void (*bulk_mode)(storage *s);

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

    /* The second factor (migration 6). totp_get: DB_NONE for an unknown user. totp_set stores a
     * new (sealed) secret, enabled or pending, and starts its steps over. totp_enable enables a
     * pending secret and records step as used; DB_NONE when there is none pending. totp_accept
     * records step as the newest used one only when it is newer (DB_NONE: a replay, also when
     * two servers accept the same code at once). */
    db_status (*totp_get)(storage *s, arena *a, int64_t user_id, totp_state *out);
    db_status (*totp_set)(storage *s, int64_t user_id, const char *sealed_secret, bool enabled);
    db_status (*totp_enable)(storage *s, int64_t user_id, int64_t step);
    db_status (*totp_accept)(storage *s, int64_t user_id, int64_t step);
    /* Replaces every recovery code of the user by these hashes (hex); count may be 0. */
    db_status (*recovery_codes_replace)(storage *s, int64_t user_id, const char *const *hashes,
                                        size_t count);
    /* Uses up an unused code: DB_ONE, or DB_NONE when unknown or used already. */
    db_status (*recovery_code_use)(storage *s, int64_t user_id, const char *hash, int64_t now);

    /* API tokens (migration 6). api_token_insert sets t->id (t->username, t->org unused).
     * api_token_lookup answers the token of a hash when it is neither expired nor revoked and
     * its user is active, with the viewer of that user; DB_NONE otherwise. */
    db_status (*api_token_insert)(storage *s, api_token_row *t);
    db_status (*api_token_lookup)(storage *s, arena *a, const char *hash, int64_t now,
                                  api_token_row *out, viewer *v);
    db_status (*api_token_list)(storage *s, arena *a, api_token_row **rows, size_t *count);
    /* DB_NONE when unknown or revoked already. */
    db_status (*api_token_revoke)(storage *s, int64_t id, int64_t now);
    db_status (*api_token_touch)(storage *s, int64_t id, int64_t now);
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

    /* ---- Threat information (DAF) ---- */

    /* Signals. signal_insert stores the signal and its subjects, links named actors to the case,
     * indexes the text for search, and sets sig->id and sig->version (created_at is the
     * caller's). Subjects must exist (the caller checked). */
    db_status (*signal_insert)(storage *s, signal_record *sig);
    /* One signal with subjects (labels filled) and source_org_name, case_reference. */
    db_status (*signal_get)(storage *s, arena *a, int64_t id, signal_record *out);
    /* Every signal of a case, newest received first (ties: newest id first), with subjects. */
    db_status (*signal_list)(storage *s, arena *a, int64_t case_id, signal_record **out,
                             size_t *count);
    /* Signals of the case recorded after the timestamp (for "new since the assessment"). */
    db_status (*signal_count_since)(storage *s, int64_t case_id, const char *after, int64_t *count);

    /* Release requests. release_insert sets r->id and r->version; DB_NONE when the same user
     * already has a pending request for the signal. release_decide writes status, decided_*
     * when the stored version equals r->version and the request is pending; DB_NONE otherwise. */
    db_status (*release_insert)(storage *s, release_record *r);
    db_status (*release_get)(storage *s, arena *a, int64_t id, release_record *out);
    db_status (*release_decide)(storage *s, release_record *r);
    /* Every release request on signals of a case, oldest first. */
    db_status (*release_list_case)(storage *s, arena *a, int64_t case_id, release_record **out,
                                   size_t *count);
    /* Pending requests the organisation must decide (it is the originator), oldest first. */
    db_status (*release_list_pending)(storage *s, arena *a, const char *source_org,
                                      release_record **out, size_t *count);
    /* The signal ids of the case released to the user (approved requests). */
    db_status (*release_granted)(storage *s, arena *a, int64_t case_id, int64_t user_id,
                                 int64_t **signal_ids, size_t *count);

    /* Threat actors. */
    db_status (*actor_insert)(storage *s, actor_record *act);
    db_status (*actor_get)(storage *s, arena *a, int64_t id, actor_record *out);
    /* A page of actors by name (prefix filter, "" for all), with a total. */
    db_status (*actor_list)(storage *s, arena *a, const char *name_prefix, int64_t page,
                            int64_t per_page, actor_record **out, size_t *count, int64_t *total);
    /* The cases an actor is linked to, each with its team (for need-to-know). */
    db_status (*actor_cases)(storage *s, arena *a, int64_t actor_id, case_record **out,
                             size_t *count);
    /* The actors linked to a case. */
    db_status (*case_actors)(storage *s, arena *a, int64_t case_id, actor_record **out,
                             size_t *count);
    /* Links an actor to a case (no-op when linked already). */
    db_status (*case_actor_link)(storage *s, int64_t case_id, int64_t actor_id);

    /* Notifications to case teams. */
    db_status (*notification_insert)(storage *s, notification_record *n);
    /* Notifications of one case, newest first. */
    db_status (*notification_list_case)(storage *s, arena *a, int64_t case_id,
                                        notification_record **out, size_t *count);

    /* Persons as subjects: whether the person exists is person_get. */

    /* Information gathering. gathering_total sums the intrusion of the subject's acts recorded
     * on or after since_day (YYYY-MM-DD). order_in_force answers the id of an order whose until
     * is on or after today, or 0. */
    db_status (*gathering_insert)(storage *s, gathering_act *g);
    db_status (*gathering_list)(storage *s, arena *a, subject_kind kind, int64_t subject_id,
                                gathering_act **out, size_t *count);
    db_status (*gathering_total)(storage *s, subject_kind kind, int64_t subject_id,
                                 const char *since_day, int64_t *total);
    db_status (*order_insert)(storage *s, gathering_order *o);
    db_status (*order_list)(storage *s, arena *a, subject_kind kind, int64_t subject_id,
                            gathering_order **out, size_t *count);
    db_status (*order_in_force)(storage *s, subject_kind kind, int64_t subject_id,
                                const char *today, int64_t *order_id);

    /* Threat assessments. assessment_update writes every mutable field (status, the assessed
     * fields and content of an edited draft, review, validity, supersedes) when the stored
     * version equals a->version (bumped); DB_NONE when stale. */
    db_status (*assessment_insert)(storage *s, assessment_record *a);
    db_status (*assessment_get)(storage *s, arena *ar, int64_t id, assessment_record *out);
    db_status (*assessment_update)(storage *s, assessment_record *a);
    /* Every assessment of a case, newest first. */
    db_status (*assessment_list)(storage *s, arena *ar, int64_t case_id, assessment_record **out,
                                 size_t *count);
    /* The current final assessment of a case (status final), DB_NONE when there is none. */
    db_status (*assessment_final)(storage *s, arena *ar, int64_t case_id, assessment_record *out);

    /* The DAF work queue over the cases the viewer sees (scope as case_list), most urgent
     * first: review, then validity ended/ending, then new signals, then first assessments;
     * within each, urgent cases first, then oldest. today: YYYY-MM-DD. */
    db_status (*daf_queue)(storage *s, arena *a, const viewer *v, access_scope scope,
                           const char *today, int warning_days, daf_queue_item **out,
                           size_t *count);

    /* Search (see search_query). Only what the viewer may read: cases by scope, persons of
     * those cases, actors linked to those cases (all actors for analysts), signals of those
     * cases whose compartment the access allows, or that are released to the viewer, and for
     * handling H2 only where the viewer's org is the source or a release was approved. total
     * counts only readable hits, capped at SEARCH_COUNT_CAP + 1. Newest first. A filter that
     * concerns only some kinds leaves the others out (compartment and grades: signals only;
     * phenomenon and dates: signals and cases only). */
    db_status (*search)(storage *s, arena *a, const search_query *q, const viewer *v,
                        access_scope scope, const signal_access *acc, search_hit **out,
                        size_t *count, int64_t *total);

    /* ---- Decisions, measures, objects and services (docs/DECISIONS.md) ---- */

    /* decision_insert stores the decision row (not its measures) and sets d->id, d->version.
     * decision_update writes status and supersedes when the stored version equals d->version
     * (bumped); DB_NONE when stale. decision_get fills measures (every measure whose
     * decision_id is d's, by id); decision_list does not (newest first). decision_in_force
     * answers the case's decision with status in_force, DB_NONE when there is none. */
    db_status (*decision_insert)(storage *s, decision_record *d);
    db_status (*decision_get)(storage *s, arena *a, int64_t id, decision_record *out);
    db_status (*decision_update)(storage *s, decision_record *d);
    db_status (*decision_list)(storage *s, arena *a, int64_t case_id, decision_record **out,
                               size_t *count);
    db_status (*decision_in_force)(storage *s, arena *a, int64_t case_id, decision_record *out);

    /* measure_insert sets m->id, m->version. measure_update writes decision_id, start, end,
     * details, status, the four timestamps, note and updated_by (by_user_id) when the stored
     * version equals m->version (bumped); DB_NONE when stale. Reads fill updated_by_username. */
    db_status (*measure_insert)(storage *s, measure_record *m, int64_t by_user_id);
    db_status (*measure_get)(storage *s, arena *a, int64_t id, measure_record *out);
    db_status (*measure_update)(storage *s, measure_record *m, int64_t by_user_id);
    /* Every measure of a case, by id. */
    db_status (*measure_list_case)(storage *s, arena *a, int64_t case_id, measure_record **out,
                                   size_t *count);
    /* The measures (status not ended) an organisation executes, oldest start first, with
     * case_reference; at most 500. */
    db_status (*measure_list_executor)(storage *s, arena *a, const char *executor_org,
                                       measure_record **out, size_t *count);

    /* Staying current: the facts of one case (DB_NONE when it does not exist), and of the
     * cases the viewer sees (scope as case_list) with status decision or protection, or closed
     * with an aftercare contact on or before today; only the authority's own cases when
     * authority_org is not NULL. Oldest case first; at most 500. */
    db_status (*currency_get)(storage *s, arena *a, int64_t case_id, case_currency *out);
    db_status (*currency_list)(storage *s, arena *a, const viewer *v, access_scope scope,
                               const char *authority_org, const char *today, case_currency **out,
                               size_t *count);

    /* The aftercare contact of a closed case (one per case; DB_NONE when it has one). */
    db_status (*aftercare_insert)(storage *s, int64_t case_id, const char *due_on, const char *now);

    /* The limitative list (national; visible to NCTV users only). limitative_for_person answers
     * the person's category I entry in force (until "" or on/after today), DB_NONE when none. */
    db_status (*limitative_insert)(storage *s, limitative_entry *e);
    db_status (*limitative_list)(storage *s, arena *a, limitative_entry **out, size_t *count);
    db_status (*limitative_for_person)(storage *s, arena *a, int64_t person_id, const char *today,
                                       limitative_entry *out);

    /* Objects and services. object_insert / service_insert set id and version (case_id is the
     * caller's: the object's own case, created first, or the person's case). The lists answer
     * a page of the objects / services whose case the viewer sees (scope as case_list), by
     * name, with a total. */
    db_status (*object_insert)(storage *s, object_record *o);
    db_status (*object_get)(storage *s, arena *a, int64_t id, object_record *out);
    db_status (*object_list)(storage *s, arena *a, const viewer *v, access_scope scope,
                             int64_t page, int64_t per_page, object_record **out, size_t *count,
                             int64_t *total);
    /* The objects of a case (its own object, or the residences of its persons). */
    db_status (*object_list_case)(storage *s, arena *a, int64_t case_id, object_record **out,
                                  size_t *count);
    db_status (*service_insert)(storage *s, service_record *sv);
    db_status (*service_get)(storage *s, arena *a, int64_t id, service_record *out);
    db_status (*service_list)(storage *s, arena *a, const viewer *v, access_scope scope,
                              int64_t page, int64_t per_page, service_record **out, size_t *count,
                              int64_t *total);

    /* The service whose own case this is; DB_NONE when none. */
    db_status (*service_by_case)(storage *s, arena *a, int64_t case_id, service_record *out);

    /* Users by id (contact persons): DB_NONE when unknown. */
    db_status (*user_by_id)(storage *s, arena *a, int64_t id, user_row *out);

    /* Appends entries to the hash chain inside the current write transaction. */
    /* Break-glass. break_glass_insert, inside the caller's write transaction, makes the team
     * row (membership "break_glass", org g->user_org, ending at g->expires_at; an ended row of an
     * earlier grant is renewed) and the grant (review pending), and sets g->id and g->version;
     * DB_NONE when the user holds a grant on the case that has not ended at now. */
    db_status (*break_glass_insert)(storage *s, break_glass_record *g, int64_t now);
    db_status (*break_glass_get)(storage *s, arena *a, int64_t id, break_glass_record *out);
    /* A page of the grants the filter selects, pending first, then newest first, with the
     * total; each with its case reference, user and reviewer. */
    db_status (*break_glass_list)(storage *s, arena *a, const break_glass_filter *f,
                                  break_glass_record **out, size_t *count, int64_t *total);
    /* Writes review, review_note, reviewed_by and reviewed_at when the grant is pending and the
     * stored version equals g->version (bumped); DB_NONE otherwise. */
    db_status (*break_glass_review)(storage *s, break_glass_record *g);

    db_status (*audit_append)(storage *s, const audit_entry *entries, size_t count);
    /* Streams the audit trail in seq order. */
    db_status (*audit_scan)(storage *s, audit_row_fn fn, void *ctx);
    /* The recorded chain head (seq and hash of the newest entry); DB_NONE for an empty trail. */
    db_status (*audit_head)(storage *s, int64_t *seq, char hash[AUDIT_HASH_HEX]);
    /* Stores a signed checkpoint when the trail holds an entry with its seq and hash and no
     * checkpoint has that seq yet (several servers may sign the same head): DB_ONE when
     * stored, DB_NONE otherwise. The signature is not checked here (core/audit_checkpoint). */
    db_status (*checkpoint_insert)(storage *s, const audit_checkpoint *cp);
    /* The checkpoint with the highest seq, strings in a; DB_NONE when there is none. */
    db_status (*checkpoint_latest)(storage *s, arena *a, audit_checkpoint *out);
    /* Streams every checkpoint in seq order. */
    db_status (*checkpoint_scan)(storage *s, checkpoint_fn fn, void *ctx);

    /* ---- Retention (docs/SECURITY.md, "Retention") ---- */
    /* Up to RETENTION_BATCH signals of compartment c recorded (created_at) before `before` (a
     * YYYY-MM-DD date), with id > after_id, by id. */
    db_status (*retention_signals)(storage *s, arena *a, compartment c, const char *before,
                                   int64_t after_id, retention_item **out, size_t *count);
    /* Up to RETENTION_BATCH closed cases with id > after_id, by id, whose closing moment is
     * before `before` (YYYY-MM-DD): the time of their last protection_ended,
     * decided_no_measures or triaged_no_measures event, else their updated_at. */
    db_status (*retention_cases)(storage *s, arena *a, const char *before, int64_t after_id,
                                 retention_item **out, size_t *count);
    /* Removes a signal with its subjects, release requests, notifications and search entry.
     * DB_NONE when it does not exist. */
    db_status (*retention_remove_signal)(storage *s, int64_t id);
    /* Removes a closed case and everything that belongs to it: its signals (as above), team,
     * events, assessments, decisions, measures, its own objects and services, aftercare,
     * break-glass grants, actor links, search entries, and its persons that are in no other
     * case with their gathering acts and orders, limitative-list entries, residences and
     * mentions as signal subjects. Never the audit trail. DB_NONE when it does not exist or is
     * not closed. */
    db_status (*retention_remove_case)(storage *s, int64_t id);

    /* ---- Oversight (docs/OVERSIGHT.md); read transactions, strings in a ---- */
    /* A page of the audit entries the filter selects, newest first, with the total. */
    db_status (*audit_query)(storage *s, arena *a, const audit_filter *f, audit_row **out,
                             size_t *count, int64_t *total);
    /* The first `limit` approved release requests decided from `from` to `to` (YYYY-MM-DD
     * inclusive on decided_at's UTC date, NULL: open) after skipping `offset`, newest decision
     * first, with the total; each with requester and decider. */
    db_status (*release_list_approved)(storage *s, arena *a, const char *from, const char *to,
                                       int64_t offset, int64_t limit, release_record **out,
                                       size_t *count, int64_t *total);
    /* A page of the gathering acts that rest on an order (order_id set), newest first, each
     * with its order, and the total. */
    db_status (*gathering_past_threshold)(storage *s, arena *a, int64_t page, int64_t per_page,
                                          gathering_past_row **out, size_t *count, int64_t *total);
    /* The counts of oversight_figures; today (YYYY-MM-DD) decides which assessments expired. */
    db_status (*oversight_figures)(storage *s, arena *a, const char *today, oversight_figures *out);

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
    /* The field key of util/keys.h (storage_set_field_key); the backends seal with it. */
    bool field_key_set;
    unsigned char field_key[32];
};

/* Opens a backend from a URL: "sqlite:PATH" (later "postgresql://..."). */
storage *storage_open(const char *url, char *err, size_t err_size);
void storage_close(storage *s);

/* The transaction runner: begin, body, commit; retries the whole transaction on DB_SOFT_ERROR
 * (busy, serialization failure) a bounded number of times with backoff. Answers the body's
 * result, DB_REFUSED after rolling back a refusal, or DB_HARD_ERROR. */
typedef db_status (*tx_body)(storage *s, void *ctx);
db_status storage_transact(storage *s, tx_kind kind, tx_body body, void *ctx);

/* ---- Encryption at rest (docs/SECURITY.md; storage/sealed.c) ---- */
/* Gives the storage the field key; until then a sealed field can be neither written nor read. */
void storage_set_field_key(storage *s, const unsigned char key[32]);
/* Whether the text of a signal of this compartment is stored sealed (informant and
 * intelligence service). */
bool storage_signal_sealed(compartment c);
/* For the backends. The text to store for sig (sealed in a when its compartment is sealed;
 * DB_HARD_ERROR without a key), and the stored text opened in place after a read (DB_HARD_ERROR
 * when it does not open: never shown). */
db_status storage_seal_signal_text(storage *s, arena *a, const signal_record *sig,
                                   const char **stored);
db_status storage_open_signal_text(storage *s, arena *a, signal_record *sig);
db_status storage_open_signal_texts(storage *s, arena *a, signal_record *sigs, size_t count);

#endif

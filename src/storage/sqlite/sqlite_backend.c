/* sqlite_backend: connections, the statement cache, transactions and the operation table.
 * Each thread gets its own connection for reads (SQLite connections must not be shared between
 * threads without a mutex); writes share one connection and are committed in batches (group
 * commit, below). The backend keeps a list of the connections to close at shutdown. */
#include "storage/sqlite/sqlite_backend.h"

#include "storage/sqlite/sqlite_internal.h"
#include "util/log.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* A write transaction that is done and waits for its batch's commit (lives on its thread's
 * stack in sqlite_commit). */
typedef struct batch_member {
    struct batch_member *next;
    bool done;
    db_status result;
} batch_member;

typedef struct sqlite_impl {
    char *path;
    pthread_key_t key;
    pthread_mutex_t lock;
    sqlite_conn *conns;
    /* The checkpointer: WAL frames are copied into the database by this thread, not by whichever
     * connection happens to commit past the threshold (that was the audit writer, and every
     * suspended read waited for its fsync of the main file). */
    pthread_t checkpointer;
    pthread_cond_t wake;
    bool stopping;
    bool checkpointer_running;
    /* Group commit. Every write transaction runs on the one writer connection, inside a
     * SAVEPOINT of an outer transaction (the batch) that stays open while further writes are
     * waiting for the writer; the last of them commits the batch for all. A write that fails
     * rolls back to its savepoint alone. The pages the writes share (the tails of the tables
     * and indexes, the audit trail, the search index's segment) are written once per batch
     * instead of once per write. */
    pthread_key_t active; /* the writer, while this thread runs a write transaction */
    sqlite_conn *writer;  /* opened by the first write */
    bool bulk;            /* the writer keeps a large page cache (bulk_mode) */
    pthread_mutex_t batch_lock;
    pthread_cond_t batch_cond;
    bool writer_busy; /* a thread holds the writer */
    unsigned writers_waiting;
    bool batch_open; /* the outer transaction is open */
    unsigned batch_size;
    batch_member *members; /* done, waiting for the batch to commit */
    size_t member_marks;   /* the writer's search-index marks before the current write */
    /* Durability. Connections commit with synchronous=NORMAL; a batch is acknowledged only
     * after an fdatasync of the WAL that started after its COMMIT returned: the guarantee of
     * synchronous=FULL. Whoever finds no flush running does it for every batch committed
     * before it started, and the writer serves the next batch meanwhile. */
    pthread_mutex_t durable_lock;
    pthread_cond_t durable_done;
    uint64_t committed; /* batches committed so far */
    uint64_t synced;    /* of those, how many a flush has covered */
    uint64_t flushes;
    uint64_t writes; /* write transactions kept in a committed batch */
    bool syncing;
    int wal_fd;     /* the WAL, opened by the first flush (-1 before) */
    int sync_error; /* a failed flush: nothing committed later is acknowledged */
} sqlite_impl;

enum {
    /* Small steps: each PASSIVE checkpoint copies and flushes less, and the WAL a read searches
     * stays short (audited GET at scale, A/B: p99 13.4-14.9 ms every 250 ms, 11.0 ms every 50;
     * writes and search alike within the noise). */
    CHECKPOINT_INTERVAL_MS = 50,
    /* Past this many WAL frames (64 MiB) the checkpointer briefly waits for readers so that the
     * WAL can start over; PASSIVE alone never gets there while reads never stop. RESTART, not
     * TRUNCATE: the next writer overwrites the file from its start. Truncating 64 MiB took 32 ms
     * with the write lock held, every reply waiting for its audit entry meanwhile (GET p99 at
     * scale 21-27 ms with TRUNCATE, 13-14 ms with RESTART, same throughput). journal_size_limit
     * (pragmas) keeps the file from staying larger than twice this after a burst. */
    WAL_RESTART_FRAMES = 16384,
    RESTART_WAIT_MS = 50,
    /* The database file grows in steps this large: fewer size changes for a checkpoint's flush
     * to write. */
    FILE_CHUNK_BYTES = 16 * 1024 * 1024,
    /* A batch commits after this many writes even while more are waiting (bounds the wait of
     * its first write). */
    BATCH_MAX = 64,

};

/* The writer's page cache in bulk mode (256 MiB): a transaction of an import dirties far more than
 * the default 2 MiB, and SQLite then spills pages into the WAL mid-transaction, some of them
 * several times. */
static const char BULK_CACHE[] = "PRAGMA cache_size=-262144";

static const char *const stmt_sql[STMT__COUNT] = {
    [STMT_BEGIN_READ] = "BEGIN DEFERRED",
    [STMT_BEGIN_WRITE] = "BEGIN IMMEDIATE",
    [STMT_COMMIT] = "COMMIT",
    [STMT_ROLLBACK] = "ROLLBACK",
    [STMT_SAVEPOINT] = "SAVEPOINT w",
    [STMT_RELEASE] = "RELEASE w",
    [STMT_ROLLBACK_TO] = "ROLLBACK TO w",
    [STMT_ORG_UPSERT] = "INSERT INTO orgs(code, name, kind, district) VALUES (?1, ?2, ?3, ?4) "
                        "ON CONFLICT(code) DO UPDATE SET name = ?2, kind = ?3, district = ?4",
    [STMT_ORG_LIST] = "SELECT code, name, kind, district FROM orgs ORDER BY code",
    [STMT_ORG_GET] = "SELECT code, name, kind, district FROM orgs WHERE code = ?1",
    [STMT_USER_INSERT] = "INSERT INTO users(username, display_name, role, org, password_hash, "
                         "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                         "ON CONFLICT(username) DO NOTHING",
    [STMT_USER_BY_USERNAME] = "SELECT id, username, display_name, role, org, password_hash, "
                              "active FROM users WHERE username = ?1",
    [STMT_THROTTLE_GET] = "SELECT failures, window_start, locked_until FROM login_throttle "
                          "WHERE username = ?1",
    [STMT_THROTTLE_PUT] =
        "INSERT INTO login_throttle(username, failures, window_start, locked_until) "
        "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(username) DO UPDATE SET failures = ?2, "
        "window_start = ?3, locked_until = ?4",
    [STMT_SESSION_INSERT] = "INSERT INTO sessions(token_hash, user_id, created_at, last_seen, "
                            "expires_at) VALUES (?1, ?2, ?3, ?3, ?4)",
    [STMT_SESSION_LOOKUP] =
        "SELECT u.id, u.username, u.display_name, u.role, u.org, s.last_seen "
        "FROM sessions s JOIN users u ON u.id = s.user_id "
        "WHERE s.token_hash = ?1 AND s.expires_at > ?2 AND s.last_seen > ?2 - ?3 "
        "AND u.active = 1",
    [STMT_SESSION_TOUCH] = "UPDATE sessions SET last_seen = ?2 WHERE token_hash = ?1",
    [STMT_SESSION_DELETE] = "DELETE FROM sessions WHERE token_hash = ?1",
    [STMT_PERSON_INSERT] = "INSERT INTO persons(given_names, surname_prefix, surname, "
                           "date_of_birth, function, created_at, employer_org) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [STMT_PERSON_GET] = "SELECT id, given_names, surname_prefix, surname, date_of_birth, "
                        "function, version, employer_org FROM persons WHERE id = ?1",
    [STMT_PERSON_CASE_IDS] = "SELECT case_id FROM case_persons WHERE person_id = ?1 "
                             "ORDER BY case_id",
    [STMT_PERSON_EVENTS] =
        "SELECT e.at, e.event, e.actor_username, e.actor_org, e.text, e.case_id, c.reference "
        "FROM case_persons cp JOIN case_events e ON e.case_id = cp.case_id "
        "JOIN cases c ON c.id = cp.case_id WHERE cp.person_id = ?1 ORDER BY e.at, e.id",
    [STMT_CASE_INSERT] =
        "INSERT INTO cases(status, summary, phenomenon, urgent, source_details, referring_org, "
        "referred_by, created_at, updated_at, subject) "
        "VALUES ('referred', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
    [STMT_CASE_SET_REFERENCE] = "UPDATE cases SET reference = ?2 WHERE id = ?1",
    [STMT_CASE_LINK_PERSON] = "INSERT OR IGNORE INTO case_persons(case_id, person_id) "
                              "VALUES (?1, ?2)",
    [STMT_CASE_TEAM_ADD] = "INSERT OR IGNORE INTO case_team(case_id, org, user_id, membership, "
                           "expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    [STMT_CASE_EVENT_ADD] = "INSERT INTO case_events(case_id, at, event, actor_username, "
                            "actor_org, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [STMT_CASE_GET] = "SELECT " CASE_COLUMNS CASE_FROM "WHERE c.id = ?1",
    [STMT_CASE_PERSONS] =
        "SELECT p.id, p.given_names, p.surname_prefix, p.surname, p.date_of_birth, p.function, "
        "p.version, p.employer_org FROM case_persons cp JOIN persons p ON p.id = cp.person_id "
        "WHERE cp.case_id = ?1 ORDER BY p.id",
    [STMT_CASE_TEAM] = "SELECT t.org, o.name, t.user_id, t.membership, t.expires_at "
                       "FROM case_team t "
                       "JOIN orgs o ON o.code = t.org WHERE t.case_id = ?1 "
                       "ORDER BY t.membership DESC, t.org",
    [STMT_CASE_EVENTS] = "SELECT at, event, actor_username, actor_org, text FROM case_events "
                         "WHERE case_id = ?1 ORDER BY id",
    [STMT_CASE_UPDATE] =
        "UPDATE cases SET status = ?3, domain = ?4, authority_org = ?5, "
        "awaiting_information = ?6, information_request = ?7, triage_outcome = ?8, "
        "triage_district = ?9, triage_reasoning = ?10, triage_at = ?11, triage_by = ?12, "
        "updated_at = ?13, version = version + 1 WHERE id = ?1 AND version = ?2",
    [STMT_AUDIT_LAST] = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
    [STMT_AUDIT_INSERT] =
        "INSERT INTO audit_log(seq, at, username, org, role, action, object_type, object_id, "
        "purpose, outcome, detail, prev_hash, hash) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    [STMT_AUDIT_HEAD_PUT] = "INSERT INTO audit_head(id, seq, hash) VALUES (1, ?1, ?2) "
                            "ON CONFLICT(id) DO UPDATE SET seq = ?1, hash = ?2",
    [STMT_AUDIT_HEAD_GET] = "SELECT seq, hash FROM audit_head WHERE id = 1",
    /* A checkpoint only for an entry the trail holds, and the first one per seq. */
    [STMT_CHECKPOINT_INSERT] =
        "INSERT INTO audit_checkpoints(seq, hash, signed_at, public_key, signature) "
        "SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS "
        "(SELECT 1 FROM audit_log WHERE seq = ?1 AND hash = ?2) ON CONFLICT(seq) DO NOTHING",
    [STMT_CHECKPOINT_LATEST] = "SELECT seq, hash, signed_at, public_key, signature "
                               "FROM audit_checkpoints ORDER BY seq DESC LIMIT 1",
    [STMT_CHECKPOINT_SCAN] = "SELECT seq, hash, signed_at, public_key, signature "
                             "FROM audit_checkpoints ORDER BY seq",
    [STMT_CASE_STATUS] = "SELECT status FROM cases WHERE id = ?1",
    [STMT_USER_BY_ID] = "SELECT id, username, display_name, role, org, password_hash, active "
                        "FROM users WHERE id = ?1",
    [STMT_AUDIT_SCAN] = "SELECT seq, at, username, org, role, action, object_type, object_id, "
                        "purpose, outcome, detail, prev_hash, hash FROM audit_log ORDER BY seq",
};

static sqlite_conn *conn_open(sqlite_impl *impl)
{
    sqlite_conn *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    int rc = sqlite3_open_v2(
        impl->path, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        log_error("sqlite: cannot open database: %s", sqlite3_errstr(rc));
        sqlite3_close(c->db);
        free(c);
        return NULL;
    }
    sqlite3_busy_timeout(c->db, 5000);
    /* synchronous=NORMAL: commits are made durable by sqlite_durable (group commit), not inside
     * COMMIT. No memory map (mmap_size=0, SQLite's default, said here because it was once 256
     * MiB): every page a connection touches through a map counts in the server's resident
     * memory, and search touches most of the index (peak 88-122 MB at scale, against 32-42 MB
     * with pages read into each connection's 2 MiB cache; reads and searches measured as fast
     * either way, docs/PERFORMANCE.md). */
    static const char pragmas[] = "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
                                  "PRAGMA synchronous=NORMAL; PRAGMA trusted_schema=OFF; "
                                  "PRAGMA wal_autocheckpoint=0; PRAGMA mmap_size=0; "
                                  "PRAGMA journal_size_limit=134217728;";
    char *msg = NULL;
    if (sqlite3_exec(c->db, pragmas, NULL, NULL, &msg) != SQLITE_OK) {
        log_error("sqlite: pragmas failed: %s", msg ? msg : "?");
        sqlite3_free(msg);
        sqlite3_close(c->db);
        free(c);
        return NULL;
    }
    int chunk = FILE_CHUNK_BYTES;
    sqlite3_file_control(c->db, "main", SQLITE_FCNTL_CHUNK_SIZE, &chunk);
    /* the search index's tokenizer, before anything (a migration) opens the index */
    if (!(c->fts = sqlite_fts_open(c->db))) {
        sqlite3_close(c->db);
        free(c);
        return NULL;
    }
    pthread_mutex_lock(&impl->lock);
    c->next = impl->conns;
    impl->conns = c;
    pthread_mutex_unlock(&impl->lock);
    return c;
}

sqlite_conn *sqlite_conn_get(storage *s)
{
    sqlite_impl *impl = s->impl;
    sqlite_conn *w = pthread_getspecific(impl->active);
    if (w)
        return w;
    sqlite_conn *c = pthread_getspecific(impl->key);
    if (!c) {
        c = conn_open(impl);
        if (c)
            pthread_setspecific(impl->key, c);
    }
    return c;
}

sqlite3_stmt *sqlite_stmt(sqlite_conn *c, stmt_id id)
{
    sqlite3_stmt *st = c->stmts[id];
    if (st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        return st;
    }
    const char *sql = id >= STMT_AUTH_FIRST && id < STMT_AUTH_END ? sqlite_auth_sql(id)
                      : id < STMT_DAF_FIRST                       ? stmt_sql[id]
                      : id < STMT_DECISION_FIRST                  ? sqlite_daf_sql(id)
                      : id < STMT_OBJECT_FIRST                    ? sqlite_decision_sql(id)
                                                                  : sqlite_object_sql(id);
    int rc = sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
    if (rc != SQLITE_OK) {
        log_error("sqlite: prepare %d failed: %s", (int)id, sqlite3_errmsg(c->db));
        return NULL;
    }
    c->stmts[id] = st;
    return st;
}

db_status sqlite_status(sqlite_conn *c, int rc, const char *what)
{
    int primary = rc & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        return DB_SOFT_ERROR;
    log_error("sqlite: %s: %s", what, sqlite3_errmsg(c->db));
    return DB_HARD_ERROR;
}

void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

void bind_int(sqlite3_stmt *st, int i, int64_t v)
{
    sqlite3_bind_int64(st, i, v);
}

const char *column_text(arena *a, sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    if (!t)
        return NULL;
    return arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(st, i));
}

static db_status run_on(sqlite_conn *c, stmt_id id, const char *what)
{
    sqlite3_stmt *st = sqlite_stmt(c, id);
    if (!st)
        return DB_HARD_ERROR;
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sqlite_status(c, rc, what);
    return DB_NONE;
}

static db_status run_simple(storage *s, stmt_id id, const char *what)
{
    sqlite_conn *c = sqlite_conn_get(s);
    return c ? run_on(c, id, what) : DB_HARD_ERROR;
}

/* ---- durability: one fdatasync of the WAL for every batch committed before it started ---- */

/* The WAL file, opened once; the directory is flushed with it so that the file's name is
 * durable too. The file stays the same while the writer connection is open (SQLite removes
 * the WAL only when the last connection closes, and otherwise truncates it in place). */
static int wal_open(sqlite_impl *impl)
{
    /* SQLite's absolute name of the file, not the one given (a relative name would depend on
     * the working directory) */
    pthread_mutex_lock(&impl->lock);
    const char *db_file = impl->conns ? sqlite3_db_filename(impl->conns->db, "main") : NULL;
    char path[4096];
    int n = db_file ? snprintf(path, sizeof path, "%s-wal", db_file) : -1;
    pthread_mutex_unlock(&impl->lock);
    if (n < 0 || n >= (int)sizeof path)
        return -1;
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    char *slash = strrchr(path, '/');
    if (slash)
        slash[slash == path ? 1 : 0] = '\0';
    int dir = open(slash ? path : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0 || fsync(dir) != 0) {
        if (dir >= 0)
            close(dir);
        close(fd);
        return -1;
    }
    close(dir);
    return fd;
}

static int wal_flush(sqlite_impl *impl)
{
    if (impl->wal_fd < 0 && (impl->wal_fd = wal_open(impl)) < 0)
        return errno ? errno : EIO;
    return fdatasync(impl->wal_fd) == 0 ? 0 : errno;
}

/* Counts one committed batch and returns once a flush started after it has completed. */
db_status sqlite_durable(storage *s)
{
    sqlite_impl *impl = s->impl;
    pthread_mutex_lock(&impl->durable_lock);
    uint64_t mine = ++impl->committed;
    while (impl->synced < mine && impl->sync_error == 0) {
        if (impl->syncing) {
            pthread_cond_wait(&impl->durable_done, &impl->durable_lock);
            continue;
        }
        impl->syncing = true;
        uint64_t covers = impl->committed;
        pthread_mutex_unlock(&impl->durable_lock);
        int err = wal_flush(impl);
        pthread_mutex_lock(&impl->durable_lock);
        impl->syncing = false;
        impl->flushes++;
        if (err == 0)
            impl->synced = covers;
        else
            impl->sync_error = err;
        pthread_cond_broadcast(&impl->durable_done);
    }
    /* After a failed fdatasync the kernel may have dropped the dirty pages it could not write:
     * nothing committed since can be promised durable, so every later write fails until a
     * restart (which recovers from what is on disk). */
    int err = impl->sync_error;
    pthread_mutex_unlock(&impl->durable_lock);
    if (err)
        log_error("sqlite: flushing the WAL failed (%s); writes are refused until restart",
                  strerror(err));
    return err ? DB_HARD_ERROR : DB_NONE;
}

sqlite_write_stats sqlite_write_stats_get(storage *s)
{
    sqlite_impl *impl = s->impl;
    pthread_mutex_lock(&impl->durable_lock);
    sqlite_write_stats w = {impl->writes, impl->committed, impl->synced, impl->flushes};
    pthread_mutex_unlock(&impl->durable_lock);
    return w;
}

/* ---- transactions: reads on the thread's connection, writes batched on the writer ---- */

static db_status leave_writer(storage *s, batch_member *m);

static db_status begin_write(storage *s)
{
    sqlite_impl *impl = s->impl;
    pthread_mutex_lock(&impl->batch_lock);
    impl->writers_waiting++;
    while (impl->writer_busy)
        pthread_cond_wait(&impl->batch_cond, &impl->batch_lock);
    impl->writers_waiting--;
    impl->writer_busy = true;
    pthread_mutex_unlock(&impl->batch_lock);

    db_status st = DB_NONE;
    if (!impl->writer && !(impl->writer = conn_open(impl)))
        st = DB_HARD_ERROR;
    else if (impl->bulk && !impl->batch_open)
        sqlite3_exec(impl->writer->db, BULK_CACHE, NULL, NULL, NULL);
    sqlite_conn *w = impl->writer;
    if (st == DB_NONE && !impl->batch_open) {
        st = run_on(w, STMT_BEGIN_WRITE, "begin");
        if (st == DB_NONE) {
            impl->batch_open = true;
            w->in_tx = true;
            sqlite_index_discard(w);
        }
    }
    if (st == DB_NONE)
        st = run_on(w, STMT_SAVEPOINT, "savepoint");
    if (st != DB_NONE) {
        leave_writer(s, NULL);
        return st;
    }
    impl->member_marks = w->pending_count;
    pthread_setspecific(impl->active, w);
    return DB_NONE;
}

static db_status sqlite_begin(storage *s, tx_kind kind)
{
    if (kind == TX_WRITE)
        return begin_write(s);
    db_status st = run_simple(s, STMT_BEGIN_READ, "begin");
    if (st == DB_NONE) {
        sqlite_conn *c = sqlite_conn_get(s);
        c->in_tx = true;
        sqlite_index_discard(c);
    }
    return st;
}

/* Commits the open batch: the search documents of everything it wrote, then COMMIT; a batch
 * that cannot commit is rolled back whole. Holding the writer. */
static db_status close_batch(sqlite_impl *impl)
{
    sqlite_conn *w = impl->writer;
    db_status st = sqlite_index_flush(w);
    if (st >= 0)
        st = run_on(w, STMT_COMMIT, "commit");
    if (st < 0 && !sqlite3_get_autocommit(w->db))
        run_on(w, STMT_ROLLBACK, "rollback");
    sqlite_index_discard(w);
    w->in_tx = false;
    impl->batch_open = false;
    return st < 0 ? st : DB_NONE;
}

/* The calling thread is done with the writer: its write is in the batch (m) or was rolled back
 * (NULL). When it kept its write and others wait for the writer, it passes the writer on and
 * waits until a later write commits the batch; otherwise it commits the batch itself, frees the
 * writer, makes the batch durable and tells its members. Answers m's outcome. */
static db_status leave_writer(storage *s, batch_member *m)
{
    sqlite_impl *impl = s->impl;
    pthread_mutex_lock(&impl->batch_lock);
    if (m) {
        m->next = impl->members;
        impl->members = m;
        impl->batch_size++;
    }
    /* After a refused write the batch commits at once: a refusal is often a stale version,
     * and the retry reads through its own connection, which sees committed batches only. */
    bool commit_now =
        impl->batch_open && (!m || impl->writers_waiting == 0 || impl->batch_size >= BATCH_MAX);
    if (!commit_now) {
        impl->writer_busy = false;
        pthread_cond_broadcast(&impl->batch_cond);
        while (m && !m->done)
            pthread_cond_wait(&impl->batch_cond, &impl->batch_lock);
        pthread_mutex_unlock(&impl->batch_lock);
        return m ? m->result : DB_NONE;
    }
    batch_member *members = impl->members;
    unsigned size = impl->batch_size;
    impl->members = NULL;
    impl->batch_size = 0;
    pthread_mutex_unlock(&impl->batch_lock);

    db_status st = close_batch(impl);

    pthread_mutex_lock(&impl->batch_lock);
    impl->writer_busy = false;
    pthread_cond_broadcast(&impl->batch_cond);
    pthread_mutex_unlock(&impl->batch_lock);
    if (st == DB_NONE && members) {
        pthread_mutex_lock(&impl->durable_lock);
        impl->writes += size;
        pthread_mutex_unlock(&impl->durable_lock);
        st = sqlite_durable(s);
    }
    pthread_mutex_lock(&impl->batch_lock);
    for (batch_member *b = members; b; b = b->next) {
        b->result = st;
        b->done = true;
    }
    pthread_cond_broadcast(&impl->batch_cond);
    pthread_mutex_unlock(&impl->batch_lock);
    return m ? st : DB_NONE;
}

/* Ends the calling thread's write: rolls back to its savepoint (and forgets its search-index
 * marks) unless it is kept. */
static db_status end_write(storage *s, bool keep)
{
    sqlite_impl *impl = s->impl;
    sqlite_conn *w = impl->writer;
    pthread_setspecific(impl->active, NULL);
    db_status st = DB_NONE;
    if (keep && (st = run_on(w, STMT_RELEASE, "release")) == DB_NONE) {
        batch_member m = {0};
        return leave_writer(s, &m);
    }
    run_on(w, STMT_ROLLBACK_TO, "rollback");
    run_on(w, STMT_RELEASE, "rollback");
    w->pending_count = impl->member_marks;
    leave_writer(s, NULL);
    return st;
}

static void sqlite_bulk_mode(storage *s)
{
    ((sqlite_impl *)s->impl)->bulk = true;
}

static db_status sqlite_commit(storage *s)
{
    sqlite_impl *impl = s->impl;
    if (pthread_getspecific(impl->active))
        return end_write(s, true);
    sqlite_conn *c = sqlite_conn_get(s);
    if (!c)
        return DB_HARD_ERROR;
    /* outside the batch (a read transaction): nothing to index, nothing to flush */
    db_status st = run_on(c, STMT_COMMIT, "commit");
    if (st == DB_NONE)
        c->in_tx = false;
    return st;
}

static void sqlite_rollback(storage *s)
{
    sqlite_impl *impl = s->impl;
    if (pthread_getspecific(impl->active)) {
        end_write(s, false);
        return;
    }
    sqlite_conn *c = sqlite_conn_get(s);
    if (c && !sqlite3_get_autocommit(c->db))
        run_on(c, STMT_ROLLBACK, "rollback");
    if (c) {
        c->in_tx = false;
        sqlite_index_discard(c);
    }
}

/* Copies committed WAL frames into the database file every CHECKPOINT_INTERVAL_MS. PASSIVE
 * never waits for readers or writers; frames still in use are copied on a later round. */
static void *checkpointer_main(void *arg)
{
    storage *s = arg;
    sqlite_impl *impl = s->impl;
    sqlite_conn *c = sqlite_conn_get(s);
    pthread_mutex_lock(&impl->lock);
    while (!impl->stopping) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += CHECKPOINT_INTERVAL_MS * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&impl->wake, &impl->lock, &until);
        if (impl->stopping || !c)
            break;
        pthread_mutex_unlock(&impl->lock);
        int log = 0, done = 0;
        int rc = sqlite3_wal_checkpoint_v2(c->db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
        if (rc == SQLITE_OK && log > WAL_RESTART_FRAMES) {
            sqlite3_busy_timeout(c->db, RESTART_WAIT_MS);
            rc = sqlite3_wal_checkpoint_v2(c->db, NULL, SQLITE_CHECKPOINT_RESTART, NULL, NULL);
            sqlite3_busy_timeout(c->db, 5000);
        }
        if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
            log_warn("sqlite: checkpoint: %s", sqlite3_errmsg(c->db));
        pthread_mutex_lock(&impl->lock);
    }
    pthread_mutex_unlock(&impl->lock);
    return NULL;
}

static void checkpointer_stop(sqlite_impl *impl)
{
    if (!impl->checkpointer_running)
        return;
    pthread_mutex_lock(&impl->lock);
    impl->stopping = true;
    pthread_cond_signal(&impl->wake);
    pthread_mutex_unlock(&impl->lock);
    pthread_join(impl->checkpointer, NULL);
    impl->checkpointer_running = false;
}

static void sqlite_close(storage *s)
{
    sqlite_impl *impl = s->impl;
    checkpointer_stop(impl);
    /* Last word: everything into the main file and the WAL emptied. */
    sqlite_conn *first = pthread_getspecific(impl->key);
    if (first)
        sqlite3_wal_checkpoint_v2(first->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    sqlite_conn *c = impl->conns;
    while (c) {
        sqlite_conn *next = c->next;
        for (int i = 0; i < STMT__COUNT; i++)
            sqlite3_finalize(c->stmts[i]);
        for (size_t i = 0; i < sizeof c->copy_inserts / sizeof c->copy_inserts[0]; i++)
            sqlite3_finalize(c->copy_inserts[i]);
        sqlite_fts_close(c->fts);
        free(c->pending);
        sqlite3_close(c->db);
        free(c);
        c = next;
    }
    if (impl->wal_fd >= 0)
        close(impl->wal_fd);
    pthread_key_delete(impl->key);
    pthread_key_delete(impl->active);
    pthread_cond_destroy(&impl->wake);
    pthread_mutex_destroy(&impl->lock);
    pthread_cond_destroy(&impl->batch_cond);
    pthread_mutex_destroy(&impl->batch_lock);
    pthread_cond_destroy(&impl->durable_done);
    pthread_mutex_destroy(&impl->durable_lock);
    pthread_cond_destroy(&impl->durable_done);
    pthread_mutex_destroy(&impl->durable_lock);
    free(impl->path);
    free(impl);
    free(s);
}

static const storage_ops sqlite_ops = {
    .name = "sqlite",
    .close = sqlite_close,
    .migrate = sqlite_migrate,
    .begin = sqlite_begin,
    .commit = sqlite_commit,
    .rollback = sqlite_rollback,
    .bulk_mode = sqlite_bulk_mode,
    .org_upsert = sqlite_org_upsert,
    .org_list = sqlite_org_list,
    .org_get = sqlite_org_get,
    .user_insert = sqlite_user_insert,
    .user_by_username = sqlite_user_by_username,
    .throttle_get = sqlite_throttle_get,
    .throttle_put = sqlite_throttle_put,
    .session_insert = sqlite_session_insert,
    .session_lookup = sqlite_session_lookup,
    .session_touch = sqlite_session_touch,
    .session_delete = sqlite_session_delete,
    .totp_get = sqlite_totp_get,
    .totp_set = sqlite_totp_set,
    .totp_enable = sqlite_totp_enable,
    .totp_accept = sqlite_totp_accept,
    .recovery_codes_replace = sqlite_recovery_codes_replace,
    .recovery_code_use = sqlite_recovery_code_use,
    .api_token_insert = sqlite_api_token_insert,
    .api_token_lookup = sqlite_api_token_lookup,
    .api_token_list = sqlite_api_token_list,
    .api_token_revoke = sqlite_api_token_revoke,
    .api_token_touch = sqlite_api_token_touch,
    .person_insert = sqlite_person_insert,
    .person_get = sqlite_person_get,
    .person_cases = sqlite_person_cases,
    .person_events = sqlite_person_events,
    .case_insert = sqlite_case_insert,
    .case_link_person = sqlite_case_link_person,
    .case_team_add = sqlite_case_team_add,
    .case_event_add = sqlite_case_event_add,
    .case_get = sqlite_case_get,
    .case_update = sqlite_case_update,
    .case_list = sqlite_case_list,
    .signal_insert = sqlite_signal_insert,
    .signal_get = sqlite_signal_get,
    .signal_list = sqlite_signal_list,
    .signal_count_since = sqlite_signal_count_since,
    .release_insert = sqlite_release_insert,
    .release_get = sqlite_release_get,
    .release_decide = sqlite_release_decide,
    .release_list_case = sqlite_release_list_case,
    .release_list_pending = sqlite_release_list_pending,
    .release_granted = sqlite_release_granted,
    .actor_insert = sqlite_actor_insert,
    .actor_get = sqlite_actor_get,
    .actor_list = sqlite_actor_list,
    .actor_cases = sqlite_actor_cases,
    .case_actors = sqlite_case_actors,
    .case_actor_link = sqlite_case_actor_link,
    .notification_insert = sqlite_notification_insert,
    .notification_list_case = sqlite_notification_list_case,
    .gathering_insert = sqlite_gathering_insert,
    .gathering_list = sqlite_gathering_list,
    .gathering_total = sqlite_gathering_total,
    .order_insert = sqlite_order_insert,
    .order_list = sqlite_order_list,
    .order_in_force = sqlite_order_in_force,
    .assessment_insert = sqlite_assessment_insert,
    .assessment_get = sqlite_assessment_get,
    .assessment_update = sqlite_assessment_update,
    .assessment_list = sqlite_assessment_list,
    .assessment_final = sqlite_assessment_final,
    .daf_queue = sqlite_daf_queue,
    .search = sqlite_search,
    .decision_insert = sqlite_decision_insert,
    .decision_get = sqlite_decision_get,
    .decision_update = sqlite_decision_update,
    .decision_list = sqlite_decision_list,
    .decision_in_force = sqlite_decision_in_force,
    .measure_insert = sqlite_measure_insert,
    .measure_get = sqlite_measure_get,
    .measure_update = sqlite_measure_update,
    .measure_list_case = sqlite_measure_list_case,
    .measure_list_executor = sqlite_measure_list_executor,
    .currency_get = sqlite_currency_get,
    .currency_list = sqlite_currency_list,
    .aftercare_insert = sqlite_aftercare_insert,
    .limitative_insert = sqlite_limitative_insert,
    .limitative_list = sqlite_limitative_list,
    .limitative_for_person = sqlite_limitative_for_person,
    .object_insert = sqlite_object_insert,
    .object_get = sqlite_object_get,
    .object_list = sqlite_object_list,
    .object_list_case = sqlite_object_list_case,
    .service_insert = sqlite_service_insert,
    .service_get = sqlite_service_get,
    .service_list = sqlite_service_list,
    .service_by_case = sqlite_service_by_case,
    .user_by_id = sqlite_user_by_id,
    .break_glass_insert = sqlite_break_glass_insert,
    .break_glass_get = sqlite_break_glass_get,
    .break_glass_list = sqlite_break_glass_list,
    .break_glass_review = sqlite_break_glass_review,
    .audit_append = sqlite_audit_append,
    .audit_scan = sqlite_audit_scan,
    .audit_head = sqlite_audit_head,
    .audit_query = sqlite_audit_query,
    .release_list_approved = sqlite_release_list_approved,
    .gathering_past_threshold = sqlite_gathering_past_threshold,
    .oversight_figures = sqlite_oversight_figures,
    .checkpoint_insert = sqlite_checkpoint_insert,
    .checkpoint_latest = sqlite_checkpoint_latest,
    .checkpoint_scan = sqlite_checkpoint_scan,
    .retention_signals = sqlite_retention_signals,
    .retention_cases = sqlite_retention_cases,
    .retention_remove_signal = sqlite_retention_remove_signal,
    .retention_remove_case = sqlite_retention_remove_case,
    .table_scan = sqlite_table_scan,
    .table_insert = sqlite_table_insert,
    .is_empty = sqlite_is_empty,
    .after_import = sqlite_after_import,
    .backup_to = sqlite_backup_to,
};

/* SQLite's allocation statistics take a process-wide mutex on every malloc; with a connection
 * per thread that mutex is the hottest lock in the server. Schild never reads the statistics. */
static void configure_once(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

storage *sqlite_backend_open(const char *path, char *err, size_t err_size)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, configure_once);
    if (sqlite3_threadsafe() == 0) {
        snprintf(err, err_size, "SQLite was built without thread support");
        return NULL;
    }
    storage *s = calloc(1, sizeof *s);
    sqlite_impl *impl = calloc(1, sizeof *impl);
    char *dup = strdup(path);
    if (!s || !impl || !dup || pthread_key_create(&impl->key, NULL) != 0 ||
        pthread_key_create(&impl->active, NULL) != 0) {
        free(s);
        free(impl);
        free(dup);
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    pthread_mutex_init(&impl->lock, NULL);
    pthread_cond_init(&impl->wake, NULL);
    pthread_mutex_init(&impl->batch_lock, NULL);
    pthread_cond_init(&impl->batch_cond, NULL);
    pthread_mutex_init(&impl->durable_lock, NULL);
    pthread_cond_init(&impl->durable_done, NULL);
    impl->wal_fd = -1;
    pthread_mutex_init(&impl->durable_lock, NULL);
    pthread_cond_init(&impl->durable_done, NULL);
    impl->path = dup;
    s->ops = &sqlite_ops;
    s->impl = impl;
    if (!sqlite_conn_get(s)) {
        snprintf(err, err_size, "cannot open SQLite database %s", path);
        sqlite_close(s);
        return NULL;
    }
    impl->checkpointer_running =
        pthread_create(&impl->checkpointer, NULL, checkpointer_main, s) == 0;
    if (!impl->checkpointer_running) {
        snprintf(err, err_size, "cannot start the checkpointer thread");
        sqlite_close(s);
        return NULL;
    }
    return s;
}

db_status step_row(sqlite_conn *c, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        return DB_ONE;
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? DB_NONE : sqlite_status(c, rc, what);
}

db_status step_done(sqlite_conn *c, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sqlite_status(c, rc, what);
    return sqlite3_changes(c->db) > 0 ? DB_ONE : DB_NONE;
}

sqlite3_stmt *prepare_for(storage *s, stmt_id id, sqlite_conn **conn)
{
    sqlite_conn *c = sqlite_conn_get(s);
    *conn = c;
    return c ? sqlite_stmt(c, id) : NULL;
}

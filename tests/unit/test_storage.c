/* Storage conformance: every storage operation behaves as storage.h promises. Runs against the
 * backend named by SCHILD_TEST_DB (default: a fresh SQLite file), so each backend passes the
 * same suite. Also proves that list queries and the pure need-to-know rule agree. */
#include "audit/checkpointer.h"
#include "check.h"
#include "cli/cli.h"
#include "core/access.h"
#include "core/daf_config.h"
#include "storage/copy.h"
#include "storage/sqlite/sqlite_internal.h"
#include "util/secret.h"

#include <libpq-fe.h>
#include <pthread.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

static storage *db;
static const char *db_url;
static unsigned char field_key[32]; /* the field key of docs/SECURITY.md, random per run */
static char sqlite_path[256];
static arena a;

typedef struct ctx {
    void *p;
    int64_t id;
} ctx;

static db_status add_user(storage *s, void *arg)
{
    new_user *u = ((ctx *)arg)->p;
    return s->ops->user_insert(s, u, &((ctx *)arg)->id);
}

static int64_t user(const char *name, role r, const char *org)
{
    new_user u = {name, name, org, "$argon2id$dummy", "2026-11-28T00:00:00.000Z", r};
    ctx k = {&u, 0};
    CHECK(storage_transact(db, TX_WRITE, add_user, &k) == DB_ONE);
    return k.id;
}

static db_status add_case(storage *s, void *arg)
{
    case_record *c = ((ctx *)arg)->p;
    db_status st = s->ops->case_insert(s, &a, c);
    if (st < 0)
        return st;
    person_record p = {0, "Jan", "van der", "Berg", "1971-03-14", "rechter", "", 0};
    if ((st = s->ops->person_insert(s, &p, c->created_at)) < 0 ||
        (st = s->ops->case_link_person(s, c->id, p.id)) < 0)
        return st;
    team_member m = {.org = c->referring_org, .membership = "referrer"};
    return s->ops->case_team_add(s, c->id, &m);
}

static int64_t new_case(const char *org, int64_t by, const char *at)
{
    case_record c = {.summary = "s",
                     .phenomenon = PHENOMENON_OTHER,
                     .referring_org = org,
                     .referred_by = by,
                     .created_at = at};
    ctx k = {&c, 0};
    CHECK(storage_transact(db, TX_WRITE, add_case, &k) >= 0);
    CHECK(c.reference && strncmp(c.reference, "SBP-", 4) == 0);
    return c.id;
}

static db_status get_case(storage *s, void *arg)
{
    ctx *k = arg;
    return s->ops->case_get(s, &a, k->id, k->p);
}

static db_status update_case(storage *s, void *arg)
{
    return s->ops->case_update(s, ((ctx *)arg)->p);
}

static db_status add_member(storage *s, void *arg)
{
    ctx *k = arg;
    return s->ops->case_team_add(s, k->id, k->p);
}

static void migrations_are_idempotent(void)
{
    char err[256];
    CHECK(db->ops->migrate(db, err, sizeof err) == 0);
}

static void usernames_are_unique(void)
{
    user("unique.one", ROLE_REFERRER, "politie-amsterdam");
    new_user u = {"unique.one", "x", "nctv", "h", "2026-11-28T00:00:00.000Z", ROLE_TRIAGE};
    ctx k = {&u, 0};
    CHECK(storage_transact(db, TX_WRITE, add_user, &k) == DB_NONE);
}

static void a_stale_version_changes_nothing(void)
{
    int64_t by = user("stale.ref", ROLE_REFERRER, "politie-rotterdam");
    int64_t id = new_case("politie-rotterdam", by, "2026-11-28T01:00:00.000Z");
    case_record c;
    ctx k = {&c, id};
    CHECK(storage_transact(db, TX_READ, get_case, &k) == DB_ONE);
    CHECK(c.version == 1 && c.status == STATUS_REFERRED && c.person_count == 1);
    c.status = STATUS_CLOSED;
    c.updated_at = "2026-11-28T02:00:00.000Z";
    case_record second = c;
    CHECK(storage_transact(db, TX_WRITE, update_case, &(ctx){&c, 0}) == DB_ONE);
    CHECK(c.version == 2);
    second.status = STATUS_ASSESSMENT; /* a second writer that read version 1 */
    CHECK(storage_transact(db, TX_WRITE, update_case, &(ctx){&second, 0}) == DB_NONE);
    CHECK(storage_transact(db, TX_READ, get_case, &k) == DB_ONE);
    CHECK(c.status == STATUS_CLOSED && c.version == 2);
}

typedef struct list_ctx {
    const viewer *v;
    int64_t ids[512];
    size_t n;
} list_ctx;

static db_status list_all(storage *s, void *arg)
{
    list_ctx *k = arg;
    case_query q = {STATUS_NONE, SORT_REFERENCE, 1, MAX_PAGE_SIZE};
    k->n = 0;
    for (;; q.page++) {
        case_record *cases;
        size_t count;
        int64_t total;
        db_status st =
            s->ops->case_list(s, &a, &q, k->v, access_case_scope(k->v), &cases, &count, &total);
        if (st < 0)
            return st;
        for (size_t i = 0; i < count && k->n < 512; i++)
            k->ids[k->n++] = cases[i].id;
        if ((int64_t)k->n >= total || count == 0)
            return DB_ONE;
    }
}

static void lists_show_exactly_what_need_to_know_allows(void)
{
    static const char *orgs[] = {"politie-amsterdam", "politie-rotterdam", "om-amsterdam", "nctv",
                                 "aivd"};
    int64_t ref = user("nk.ref", ROLE_REFERRER, "politie-amsterdam");
    int64_t ids[40];
    for (int i = 0; i < 40; i++) {
        char at[32];
        snprintf(at, sizeof at, "2026-11-%02dT10:00:00.000Z", 1 + i % 27);
        ids[i] = new_case(orgs[i % 2], ref, at);
        team_member m = {.org = orgs[(i * 7) % 5], .membership = "authority"};
        if (i % 3 == 0)
            CHECK(storage_transact(db, TX_WRITE, add_member, &(ctx){&m, ids[i]}) >= 0);
        if (i % 4 == 1) {
            case_record c;
            CHECK(storage_transact(db, TX_READ, get_case, &(ctx){&c, ids[i]}) == DB_ONE);
            c.status = STATUS_ASSESSMENT;
            CHECK(storage_transact(db, TX_WRITE, update_case, &(ctx){&c, 0}) == DB_ONE);
        }
    }
    int64_t tri = user("nk.triage", ROLE_TRIAGE, "nctv");
    team_member personal = {.org = "nctv", .user_id = tri, .membership = "triage"};
    CHECK(storage_transact(db, TX_WRITE, add_member, &(ctx){&personal, ids[5]}) >= 0);
    viewer viewers[] = {
        {ref, "nk.ref", "", ROLE_REFERRER, "politie-amsterdam", 0},
        {2, "x", "", ROLE_REFERRER, "politie-rotterdam", 0},
        {3, "x", "", ROLE_AUTHORITY, "om-amsterdam", 0},
        {4, "x", "", ROLE_ANALYST, "nctv", 0},
        {tri, "nk.triage", "", ROLE_TRIAGE, "nctv", 0},
        {6, "x", "", ROLE_ADMIN, "nctv", 0},
        {7, "x", "", ROLE_INSPECTOR, "inspectie-jenv", 0},
        {8, "x", "", ROLE_CARE, "aivd", 0},
    };
    for (size_t vi = 0; vi < sizeof viewers / sizeof viewers[0]; vi++) {
        list_ctx k = {.v = &viewers[vi]};
        CHECK(storage_transact(db, TX_READ, list_all, &k) == DB_ONE);
        /* every case in the database, checked one by one against the pure rule */
        size_t expected = 0;
        for (int64_t id = 1; id <= ids[39]; id++) {
            case_record c;
            if (storage_transact(db, TX_READ, get_case, &(ctx){&c, id}) != DB_ONE)
                continue;
            bool listed = false;
            for (size_t j = 0; j < k.n; j++)
                listed = listed || k.ids[j] == id;
            bool visible = access_case_visible(&viewers[vi], &c);
            expected += visible;
            if (listed != visible)
                fprintf(stderr, "viewer %zu case %lld listed=%d visible=%d\n", vi, (long long)id,
                        listed, visible);
            CHECK(listed == visible);
        }
        CHECK(k.n == expected);
    }
}

/* True when the statement fails on a separate PostgreSQL connection (the triggers refuse it). */
static bool pg_refuses(const char *url, const char *sql)
{
    PGconn *pq = PQconnectdb(url);
    CHECK(PQstatus(pq) == CONNECTION_OK);
    PGresult *res = PQexec(pq, sql);
    bool refused = PQresultStatus(res) == PGRES_FATAL_ERROR;
    PQclear(res);
    PQfinish(pq);
    return refused;
}

static db_status append_audit(storage *s, void *arg)
{
    (void)arg;
    audit_entry e[2] = {
        {0, "2026-11-28T10:00:00.000Z", "u", "nctv", "triage", "case.read", "case", "1", "", "ok",
         ""},
        {0, "2026-11-28T10:00:00.001Z", "u", "nctv", "triage", "case.read", "case", "2", "", "ok",
         ""},
    };
    return s->ops->audit_append(s, e, 2);
}

static int verify_row(void *verifier, const audit_row *row)
{
    return audit_verifier_step(verifier, &row->entry, row->prev_hash, row->hash) ? 0 : 1;
}

static db_status scan(storage *s, void *arg)
{
    return s->ops->audit_scan(s, verify_row, arg);
}

static void the_audit_trail_chains_and_refuses_change(void)
{
    CHECK(storage_transact(db, TX_WRITE, append_audit, NULL) == 2);
    CHECK(storage_transact(db, TX_WRITE, append_audit, NULL) == 2);
    audit_verifier v;
    audit_verifier_init(&v);
    CHECK(storage_transact(db, TX_READ, scan, &v) >= 0);
    CHECK(v.bad_seq == 0 && v.count >= 4);
    if (sqlite_path[0]) {
        sqlite3 *raw;
        CHECK(sqlite3_open(sqlite_path, &raw) == SQLITE_OK);
        CHECK(sqlite3_exec(raw, "UPDATE audit_log SET outcome = 'x'", NULL, NULL, NULL) !=
              SQLITE_OK);
        CHECK(sqlite3_exec(raw, "DELETE FROM audit_log", NULL, NULL, NULL) != SQLITE_OK);
        sqlite3_close(raw);
    }
    const char *url = getenv("SCHILD_TEST_DB");
    if (url && strncmp(url, "postgres", 8) == 0) {
        CHECK(pg_refuses(url, "UPDATE audit_log SET outcome = 'x'"));
        CHECK(pg_refuses(url, "DELETE FROM audit_log"));
        CHECK(pg_refuses(url, "TRUNCATE audit_log"));
        CHECK(pg_refuses(url, "UPDATE audit_head SET seq = seq - 1"));
        CHECK(pg_refuses(url, "DELETE FROM audit_head"));
    }
}

/* ---- signed checkpoints (docs/AUDIT.md) ---- */

typedef struct hash_at {
    int64_t seq;
    char hash[AUDIT_HASH_HEX];
} hash_at;

static int find_hash(void *arg, const audit_row *row)
{
    hash_at *h = arg;
    if (row->entry.seq != h->seq)
        return 0;
    snprintf(h->hash, sizeof h->hash, "%s", row->hash);
    return 1;
}

typedef struct checkpoint_list {
    int64_t seqs[8];
    char signed_at[8][32];
    size_t n;
} checkpoint_list;

static int collect_checkpoint(void *arg, const audit_checkpoint *cp)
{
    checkpoint_list *l = arg;
    if (l->n < 8) {
        l->seqs[l->n] = cp->seq;
        snprintf(l->signed_at[l->n], sizeof l->signed_at[0], "%s", cp->signed_at);
        l->n++;
    }
    return 0;
}

static db_status insert_checkpoint(storage *s, void *arg)
{
    return s->ops->checkpoint_insert(s, arg);
}

static db_status scan_checkpoints(storage *s, void *arg)
{
    return s->ops->checkpoint_scan(s, collect_checkpoint, arg);
}

static db_status latest_checkpoint(storage *s, void *arg)
{
    return s->ops->checkpoint_latest(s, &a, arg);
}

static db_status head_and_hash(storage *s, void *arg)
{
    hash_at *h = arg;
    db_status st = s->ops->audit_head(s, &h[0].seq, h[0].hash);
    if (st <= 0)
        return st;
    h[1].seq = h[0].seq - 1;
    return s->ops->audit_scan(s, find_hash, &h[1]);
}

static void checkpoints_cover_entries_of_the_trail_once_per_seq(void)
{
    audit_checkpoint latest;
    CHECK(storage_transact(db, TX_READ, latest_checkpoint, &latest) == DB_NONE);
    hash_at h[2];
    CHECK(storage_transact(db, TX_READ, head_and_hash, h) >= 0);
    CHECK(h[0].seq >= 2 && strlen(h[1].hash) == 64);
    const char *key = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    audit_checkpoint cp = {h[0].seq, h[0].hash, "2026-11-28T10:00:00.000Z", key, "aa"};
    CHECK(storage_transact(db, TX_WRITE, insert_checkpoint, &cp) == DB_ONE);
    /* A second server signing the same head: the first checkpoint stays. */
    audit_checkpoint again = cp;
    again.signed_at = "2026-11-28T10:00:01.000Z";
    CHECK(storage_transact(db, TX_WRITE, insert_checkpoint, &again) == DB_NONE);
    /* Only over an entry the trail holds, with its hash. */
    audit_checkpoint wrong_hash = cp, beyond = cp;
    wrong_hash.seq = h[1].seq;
    beyond.seq = h[0].seq + 1;
    CHECK(storage_transact(db, TX_WRITE, insert_checkpoint, &wrong_hash) == DB_NONE);
    CHECK(storage_transact(db, TX_WRITE, insert_checkpoint, &beyond) == DB_NONE);
    audit_checkpoint earlier = {h[1].seq, h[1].hash, "2026-11-28T10:00:02.000Z", key, "bb"};
    CHECK(storage_transact(db, TX_WRITE, insert_checkpoint, &earlier) == DB_ONE);
    CHECK(storage_transact(db, TX_READ, latest_checkpoint, &latest) == DB_ONE);
    CHECK(latest.seq == h[0].seq && check_same_text(latest.hash, h[0].hash));
    CHECK_STR(latest.signed_at, "2026-11-28T10:00:00.000Z");
    CHECK_STR(latest.public_key, key);
    CHECK_STR(latest.signature, "aa");
    checkpoint_list l = {0};
    CHECK(storage_transact(db, TX_READ, scan_checkpoints, &l) == 2);
    CHECK(l.n == 2 && l.seqs[0] == h[1].seq && l.seqs[1] == h[0].seq);
    CHECK_STR(l.signed_at[0], "2026-11-28T10:00:02.000Z");
    if (sqlite_path[0]) {
        sqlite3 *raw;
        CHECK(sqlite3_open(sqlite_path, &raw) == SQLITE_OK);
        CHECK(sqlite3_exec(raw, "UPDATE audit_checkpoints SET signature = 'x'", NULL, NULL, NULL) !=
              SQLITE_OK);
        CHECK(sqlite3_exec(raw, "DELETE FROM audit_checkpoints", NULL, NULL, NULL) != SQLITE_OK);
        sqlite3_close(raw);
    }
    const char *url = getenv("SCHILD_TEST_DB");
    if (url && strncmp(url, "postgres", 8) == 0) {
        CHECK(pg_refuses(url, "UPDATE audit_checkpoints SET signature = 'x'"));
        CHECK(pg_refuses(url, "DELETE FROM audit_checkpoints"));
        CHECK(pg_refuses(url, "TRUNCATE audit_checkpoints"));
    }
}

static void the_checkpointer_signs_the_head_when_it_moved(void)
{
    checkpoint_keys k;
    crypto_sign_keypair(k.pk, k.sk);
    checkpoint_hex(k.pk, sizeof k.pk, k.pk_hex);
    int64_t seq = -1;
    CHECK(checkpoint_now(db, &k, &seq) == DB_NONE && seq == 0); /* the head is covered */
    CHECK(storage_transact(db, TX_WRITE, append_audit, NULL) == 2);
    CHECK(checkpoint_now(db, &k, &seq) == DB_ONE);
    audit_checkpoint latest;
    hash_at h[2];
    CHECK(storage_transact(db, TX_READ, latest_checkpoint, &latest) == DB_ONE);
    CHECK(storage_transact(db, TX_READ, head_and_hash, h) >= 0);
    CHECK(latest.seq == seq && seq == h[0].seq && check_same_text(latest.hash, h[0].hash));
    CHECK_STR(latest.public_key, k.pk_hex);
    CHECK(checkpoint_verify(k.pk, latest.seq, latest.hash, latest.signed_at, latest.signature));
    CHECK(
        !checkpoint_verify(k.pk, latest.seq - 1, latest.hash, latest.signed_at, latest.signature));
    CHECK(checkpoint_now(db, &k, &seq) == DB_NONE);
}

static db_status session_ops(storage *s, void *arg)
{
    int64_t uid = *(int64_t *)arg;
    unsigned char h[32];
    memset(h, 7, sizeof h);
    viewer v;
    int64_t seen;
    db_status st = s->ops->session_insert(s, h, uid, 1000, 2000);
    if (st < 0)
        return st;
    CHECK(s->ops->session_lookup(s, &a, h, 1500, 600, &v, &seen) == DB_ONE);
    CHECK(strcmp(v.username, "sess.user") == 0 && v.role == ROLE_ANALYST && seen == 1000);
    CHECK(s->ops->session_lookup(s, &a, h, 1700, 600, &v, &seen) == DB_NONE); /* idle */
    CHECK(s->ops->session_touch(s, h, 1650) == DB_ONE);
    CHECK(s->ops->session_lookup(s, &a, h, 1700, 600, &v, &seen) == DB_ONE);
    CHECK(s->ops->session_lookup(s, &a, h, 2001, 600, &v, &seen) == DB_NONE); /* expired */
    CHECK(s->ops->session_delete(s, h) == DB_ONE);
    CHECK(s->ops->session_lookup(s, &a, h, 1700, 600, &v, &seen) == DB_NONE);
    return DB_ONE;
}

static void sessions_expire_by_idle_time_and_lifetime(void)
{
    int64_t uid = user("sess.user", ROLE_ANALYST, "nctv");
    CHECK(storage_transact(db, TX_WRITE, session_ops, &uid) == DB_ONE);
}

/* Two storage handles on one database behave like two servers; each runs writer threads that
 * read a case, then extend its text under the version they read, and audit every success. */
enum { SERVERS = 2, WRITERS = 3, UPDATES_EACH = 15 };

typedef struct writer {
    storage *db;
    int64_t case_id;
    arena a;
    case_record c;
} writer;

static db_status read_for_update(storage *s, void *arg)
{
    writer *w = arg;
    return s->ops->case_get(s, &w->a, w->case_id, &w->c);
}

static db_status extend_and_audit(storage *s, void *arg)
{
    writer *w = arg;
    case_record c = w->c;
    c.triage_reasoning = arena_printf(&w->a, "%sx", c.triage_reasoning ? c.triage_reasoning : "");
    db_status st = s->ops->case_update(s, &c);
    if (st != DB_ONE)
        return st < 0 ? st : DB_REFUSED;
    audit_entry e = {
        0, "2026-11-28T12:00:00.000Z", "w", "nctv", "triage", "case.update", "case", "1", "", "ok",
        ""};
    return s->ops->audit_append(s, &e, 1);
}

static void *writer_main(void *arg)
{
    writer *w = arg;
    int done = 0, attempts = 0;
    for (; done < UPDATES_EACH && attempts < 1000; attempts++) {
        arena_clear(&w->a);
        if (storage_transact(w->db, TX_READ, read_for_update, w) != DB_ONE)
            break;
        db_status st = storage_transact(w->db, TX_WRITE, extend_and_audit, w);
        if (st >= 0 && storage_transact(w->db, TX_WRITE, append_audit, NULL) == 2)
            done++; /* the second transaction appends alone, as the audit writer does */
        else if (st != DB_REFUSED)
            break;
    }
    if (done < UPDATES_EACH) /* the checks of the caller say which; this says why */
        fprintf(stderr, "writer stopped after %d updates and %d attempts\n", done, attempts);
    arena_clear(&w->a);
    return NULL;
}

static db_status count_audit(storage *s, void *arg)
{
    audit_verifier *v = arg;
    audit_verifier_init(v);
    return s->ops->audit_scan(s, verify_row, v);
}

static void concurrent_servers_lose_no_update_and_keep_one_chain(void)
{
    int64_t by = user("conc.ref", ROLE_REFERRER, "politie-amsterdam");
    int64_t id = new_case("politie-amsterdam", by, "2026-11-28T11:00:00.000Z");
    audit_verifier v;
    CHECK(storage_transact(db, TX_READ, count_audit, &v) >= 0);
    int64_t entries_before = v.count;
    storage *servers[SERVERS];
    char err[256];
    for (int i = 0; i < SERVERS; i++)
        CHECK((servers[i] = storage_open(db_url, err, sizeof err)) != NULL);
    writer w[SERVERS * WRITERS];
    pthread_t threads[SERVERS * WRITERS];
    for (int i = 0; i < SERVERS * WRITERS; i++) {
        w[i] = (writer){.db = servers[i % SERVERS], .case_id = id};
        arena_init(&w[i].a, 1 << 20);
        CHECK(pthread_create(&threads[i], NULL, writer_main, &w[i]) == 0);
    }
    for (int i = 0; i < SERVERS * WRITERS; i++)
        pthread_join(threads[i], NULL);
    for (int i = 0; i < SERVERS; i++)
        storage_close(servers[i]);
    case_record c;
    CHECK(storage_transact(db, TX_READ, get_case, &(ctx){&c, id}) == DB_ONE);
    size_t total = SERVERS * WRITERS * UPDATES_EACH;
    CHECK(c.triage_reasoning && strlen(c.triage_reasoning) == total); /* no update was lost */
    CHECK(c.version == 1 + (int64_t)total);
    CHECK(storage_transact(db, TX_READ, count_audit, &v) >= 0);
    CHECK(v.bad_seq == 0 && v.count == entries_before + 3 * (int64_t)total); /* one chain */
}

/* Group commit (SQLite: writes share batches): threads write persons at once, and every third
 * write is refused after its insert. Each acknowledged write is stored, no refused one is, and
 * (SQLite) every acknowledged write was in a batch an fdatasync covered before the answer. */
enum { GC_THREADS = 6, GC_WRITES_EACH = 30 };

typedef struct gc_writer {
    storage *db;
    int thread;
    int64_t ids[GC_WRITES_EACH];
    bool kept[GC_WRITES_EACH];
    bool flushed[GC_WRITES_EACH];
    char name[GC_WRITES_EACH][32];
} gc_writer;

typedef struct gc_write {
    gc_writer *w;
    int i;
} gc_write;

static db_status gc_insert(storage *s, void *arg)
{
    gc_write *k = arg;
    person_record p = {0, k->w->name[k->i], "", "Groep", "1970-01-01", "", "", 0};
    db_status st = s->ops->person_insert(s, &p, "2026-11-29T10:00:00.000Z");
    if (st < 0)
        return st;
    k->w->ids[k->i] = p.id;
    return k->i % 3 == 2 ? DB_REFUSED : DB_ONE;
}

static void *gc_main(void *arg)
{
    gc_writer *w = arg;
    for (int i = 0; i < GC_WRITES_EACH; i++) {
        snprintf(w->name[i], sizeof w->name[i], "gc-%d-%d", w->thread, i);
        sqlite_write_stats before = {0};
        if (sqlite_path[0])
            before = sqlite_write_stats_get(w->db);
        db_status st = storage_transact(w->db, TX_WRITE, gc_insert, &(gc_write){w, i});
        w->kept[i] = st == DB_ONE;
        /* the write's batch was committed after `before`, and batches are flushed in order */
        w->flushed[i] = !sqlite_path[0] || sqlite_write_stats_get(w->db).synced > before.batches;
    }
    return NULL;
}

static db_status gc_check(storage *s, void *arg)
{
    gc_writer *w = arg;
    for (int i = 0; i < GC_WRITES_EACH; i++) {
        if (!w->kept[i])
            continue;
        person_record p;
        CHECK(s->ops->person_get(s, &a, w->ids[i], &p) == DB_ONE);
        CHECK(strcmp(p.given_names, w->name[i]) == 0);
    }
    return DB_NONE;
}

static void a_refused_write_leaves_the_others_of_its_batch(void)
{
    sqlite_write_stats before = {0};
    if (sqlite_path[0])
        before = sqlite_write_stats_get(db);
    gc_writer w[GC_THREADS];
    pthread_t threads[GC_THREADS];
    for (int i = 0; i < GC_THREADS; i++) {
        w[i] = (gc_writer){.db = db, .thread = i};
        CHECK(pthread_create(&threads[i], NULL, gc_main, &w[i]) == 0);
    }
    int kept = 0;
    for (int i = 0; i < GC_THREADS; i++) {
        pthread_join(threads[i], NULL);
        for (int j = 0; j < GC_WRITES_EACH; j++) {
            CHECK(w[i].kept[j] == (j % 3 != 2));     /* refused exactly when the body refused */
            CHECK(!w[i].kept[j] || w[i].flushed[j]); /* acknowledged only once flushed */
            kept += w[i].kept[j];
        }
        CHECK(storage_transact(db, TX_READ, gc_check, &w[i]) >= 0);
    }
    if (!sqlite_path[0])
        return;
    sqlite3 *raw;
    CHECK(sqlite3_open(sqlite_path, &raw) == SQLITE_OK);
    sqlite3_stmt *st;
    CHECK(sqlite3_prepare_v2(raw, "SELECT count(*) FROM persons WHERE given_names LIKE 'gc-%'", -1,
                             &st, NULL) == SQLITE_OK);
    CHECK(sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == kept);
    sqlite3_finalize(st);
    sqlite3_close(raw);
    sqlite_write_stats after = sqlite_write_stats_get(db);
    CHECK(after.writes - before.writes == (uint64_t)kept);
    CHECK(after.synced == after.batches); /* every committed batch was flushed */
    CHECK(after.flushes - before.flushes <= after.batches - before.batches);
    printf("  group commit: %d writes in %llu batches, %llu fdatasyncs\n", kept,
           (unsigned long long)(after.batches - before.batches),
           (unsigned long long)(after.flushes - before.flushes));
}

/* ---- threat information (DAF) ----
 * Operations are called directly inside begin/commit: the suite is the only writer here. */

static daf_config daf_cfg;

static void tx_begin(tx_kind kind)
{
    CHECK(db->ops->begin(db, kind) >= 0);
}

static void tx_commit(void)
{
    CHECK(db->ops->commit(db) >= 0);
}

static viewer as_viewer(int64_t id, const char *name, role r, const char *org)
{
    return (viewer){id, name, "", r, org, 0};
}

/* A case referred by org with extra team organisations (NULL-terminated), then moved to status;
 * one person named "<given> Zeldzaam<surname>" on it. */
static int64_t daf_case(const char *org, int64_t by, const char *at, const char *summary,
                        phenomenon ph, const char *const *team, case_status status,
                        int64_t *person_id)
{
    tx_begin(TX_WRITE);
    case_record c = {.summary = summary,
                     .phenomenon = ph,
                     .referring_org = org,
                     .referred_by = by,
                     .created_at = at};
    CHECK(db->ops->case_insert(db, &a, &c) == DB_ONE);
    person_record p = {0, "Mirjam", "de", "Zeldzaamheidsma", "1980-01-01", "", "", 0};
    CHECK(db->ops->person_insert(db, &p, at) == DB_ONE);
    CHECK(db->ops->case_link_person(db, c.id, p.id) == DB_ONE);
    team_member m = {.org = org, .membership = "referrer"};
    CHECK(db->ops->case_team_add(db, c.id, &m) == DB_ONE);
    for (size_t i = 0; team && team[i]; i++) {
        team_member t = {.org = team[i], .membership = "daf"};
        CHECK(db->ops->case_team_add(db, c.id, &t) == DB_ONE);
    }
    if (status != STATUS_REFERRED) {
        c.status = status;
        c.updated_at = at;
        CHECK(db->ops->case_update(db, &c) == DB_ONE);
    }
    tx_commit();
    if (person_id)
        *person_id = p.id;
    return c.id;
}

typedef struct signal_spec {
    int64_t case_id;
    int64_t by;
    const char *received_at, *source_org;
    compartment compartment;
    handling_code handling;
    const char *text;
    source_grade source_grade; /* A and 1 unless given */
    info_grade info_grade;
} signal_spec;

static int64_t daf_signal_with(const signal_spec *spec, signal_subject *subjects, size_t n)
{
    signal_record sig = {.case_id = spec->case_id,
                         .received_at = spec->received_at,
                         .source_org = spec->source_org,
                         .source_grade = spec->source_grade,
                         .info_grade = spec->info_grade,
                         .handling = spec->handling,
                         .handling_note = spec->handling == HANDLING_H3 ? "alleen DAF" : "",
                         .compartment = spec->compartment,
                         .concrete = true,
                         .text = spec->text,
                         .recorded_by = spec->by,
                         .created_at = "2026-11-28T12:00:00.000Z",
                         .subject_count = n,
                         .subjects = subjects};
    CHECK(db->ops->signal_insert(db, &sig) == DB_ONE);
    CHECK(sig.id > 0 && sig.version == 1);
    return sig.id;
}

static int64_t daf_signal(const signal_spec *spec)
{
    tx_begin(TX_WRITE);
    int64_t id = daf_signal_with(spec, NULL, 0);
    tx_commit();
    return id;
}

static int64_t daf_actor(const char *name, const char *description, const char *org)
{
    actor_record act = {.kind = ACTOR_GROUP,
                        .name = name,
                        .description = description,
                        .created_by_org = org,
                        .created_at = "2026-11-20T09:00:00.000Z"};
    tx_begin(TX_WRITE);
    CHECK(db->ops->actor_insert(db, &act) == DB_ONE);
    tx_commit();
    return act.id;
}

static int64_t daf_release(int64_t signal_id, int64_t user_id)
{
    release_record r = {.signal_id = signal_id,
                        .requested_by = user_id,
                        .reason = "Nodig voor de analyse",
                        .requested_at = "2026-11-28T13:00:00.000Z"};
    tx_begin(TX_WRITE);
    CHECK(db->ops->release_insert(db, &r) == DB_ONE);
    tx_commit();
    return r.id;
}

static void daf_decide(int64_t release_id, release_status status, int64_t by)
{
    tx_begin(TX_WRITE);
    release_record r;
    CHECK(db->ops->release_get(db, &a, release_id, &r) == DB_ONE);
    r.status = status;
    r.decided_by = by;
    r.decision_note = "Besluit";
    r.decided_at = "2026-11-28T14:00:00.000Z";
    CHECK(db->ops->release_decide(db, &r) == DB_ONE);
    tx_commit();
}

/* Every hit of a query for the viewer, page by page (ids in *ids, kinds in *kinds); answers the
 * total the first page reported. */
static int64_t find_all(const viewer *v, search_query q, int64_t *ids, search_kind *kinds,
                        size_t max, size_t *n)
{
    signal_access acc;
    daf_readable_compartments(&daf_cfg, v->role, &acc.any_org, &acc.own_org);
    int64_t first_total = -1;
    *n = 0;
    q.per_page = q.per_page ? q.per_page : 7; /* small pages: paging is part of what is tested */
    for (q.page = 1; q.page < 1000; q.page++) {
        search_hit *hits;
        size_t count;
        int64_t total;
        tx_begin(TX_READ);
        CHECK(db->ops->search(db, &a, &q, v, access_case_scope(v), &acc, &hits, &count, &total) >=
              0);
        db->ops->rollback(db);
        if (first_total < 0)
            first_total = total;
        for (size_t i = 0; i < count && *n < max; i++) {
            ids[*n] = hits[i].id;
            if (kinds)
                kinds[*n] = hits[i].kind;
            (*n)++;
        }
        if ((int64_t)count < q.per_page)
            break;
    }
    return first_total;
}

static search_query words(const char *text)
{
    return (search_query){.text = text,
                          .kind = SEARCH_ANY,
                          .compartment = COMPARTMENT_NONE,
                          .source_grade = SOURCE_NONE,
                          .info_grade = INFO_NONE,
                          .phenomenon = PHENOMENON_NONE,
                          .page = 1,
                          .per_page = 25};
}

/* The first page of hits of a query. */
static int64_t search_page(const viewer *v, search_query q, search_hit **hits, size_t *count)
{
    signal_access acc;
    daf_readable_compartments(&daf_cfg, v->role, &acc.any_org, &acc.own_org);
    int64_t total = -1;
    tx_begin(TX_READ);
    CHECK(db->ops->search(db, &a, &q, v, access_case_scope(v), &acc, hits, count, &total) >= 0);
    db->ops->rollback(db);
    return total;
}

static bool contains(const int64_t *ids, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == id)
            return true;
    return false;
}

static struct {
    int64_t ref, ams, nctv, aivd, aivd2, rdam, triage, om;
    int64_t case_a, case_b, person_a, person_b;
} w;

static const char *const national_team[] = {"nctv", "aivd", NULL};

static void daf_world(void)
{
    daf_config_defaults(&daf_cfg);
    w.ref = user("daf.ref", ROLE_REFERRER, "politie-amsterdam");
    w.ams = user("daf.ams", ROLE_ANALYST, "politie-amsterdam");
    w.nctv = user("daf.nctv", ROLE_ANALYST, "nctv");
    w.aivd = user("daf.aivd", ROLE_ANALYST, "aivd");
    w.aivd2 = user("daf.aivd2", ROLE_ANALYST, "aivd");
    w.rdam = user("daf.rdam", ROLE_ANALYST, "politie-rotterdam");
    w.triage = user("daf.triage", ROLE_TRIAGE, "nctv");
    w.om = user("daf.om", ROLE_AUTHORITY, "om-amsterdam");
    w.case_a = daf_case("politie-amsterdam", w.ref, "2026-11-01T10:00:00.000Z",
                        "Bedreiging van een rechter na een uitspraak", PHENOMENON_LONE_ACTOR,
                        national_team, STATUS_ASSESSMENT, &w.person_a);
    static const char *const rdam_team[] = {NULL};
    w.case_b = daf_case("politie-rotterdam", w.ref, "2026-11-02T10:00:00.000Z",
                        "Intimidatie van een wethouder", PHENOMENON_ORGANISED_CRIME, rdam_team,
                        STATUS_ASSESSMENT, &w.person_b);
}

static bool has_subject(const signal_record *s, subject_kind kind, int64_t id, const char *label)
{
    for (size_t i = 0; i < s->subject_count; i++)
        if (s->subjects[i].kind == kind && s->subjects[i].id == id)
            return check_same_text(s->subjects[i].label, label);
    return false;
}

static void signals_keep_their_subjects_and_link_named_actors(void)
{
    int64_t actor = daf_actor("De Nachtwakers", "Groep rond de verdachte", "aivd");
    signal_subject subjects[] = {{SUBJECT_PERSON, w.person_a, NULL}, {SUBJECT_ACTOR, actor, NULL}};
    signal_spec older = {w.case_a,
                         w.ams,
                         "2026-11-03",
                         "politie-amsterdam",
                         COMPARTMENT_POLICE,
                         HANDLING_H0,
                         "Melding over de verdachte bij de woning",
                         SOURCE_B,
                         INFO_2};
    signal_spec newer = older, same_day = older;
    newer.received_at = "2026-11-05";
    newer.handling = HANDLING_H3;
    same_day.text = "Tweede melding dezelfde dag";
    tx_begin(TX_WRITE);
    int64_t first = daf_signal_with(&older, subjects, 2);
    int64_t second = daf_signal_with(&newer, NULL, 0);
    int64_t third = daf_signal_with(&same_day, NULL, 0);
    tx_commit();

    tx_begin(TX_READ);
    signal_record s;
    CHECK(db->ops->signal_get(db, &a, first, &s) == DB_ONE);
    CHECK(s.case_id == w.case_a && s.case_reference && strncmp(s.case_reference, "SBP-", 4) == 0);
    CHECK_STR(s.received_at, "2026-11-03");
    CHECK_STR(s.source_org, "politie-amsterdam");
    CHECK_STR(s.source_org_name, "Politie Eenheid Amsterdam");
    CHECK(s.source_grade == SOURCE_B && s.info_grade == INFO_2 && s.handling == HANDLING_H0);
    CHECK(s.compartment == COMPARTMENT_POLICE && s.concrete && s.version == 1);
    CHECK_STR(s.text, "Melding over de verdachte bij de woning");
    CHECK(s.recorded_by == w.ams);
    CHECK_STR(s.recorded_by_username, "daf.ams");
    CHECK_STR(s.recorded_by_org, "politie-amsterdam");
    CHECK_STR(s.created_at, "2026-11-28T12:00:00.000Z");
    CHECK(s.subject_count == 2);
    CHECK(has_subject(&s, SUBJECT_PERSON, w.person_a, "Mirjam de Zeldzaamheidsma"));
    CHECK(has_subject(&s, SUBJECT_ACTOR, actor, "De Nachtwakers"));
    CHECK(db->ops->signal_get(db, &a, second, &s) == DB_ONE);
    CHECK(s.handling == HANDLING_H3 && check_same_text(s.handling_note, "alleen DAF"));
    CHECK(s.subject_count == 0);
    CHECK(db->ops->signal_get(db, &a, 999999, &s) == DB_NONE);

    signal_record *list;
    size_t n;
    CHECK(db->ops->signal_list(db, &a, w.case_a, &list, &n) >= 0);
    /* newest received first; on the same day the newest id first */
    size_t at_first = n, at_second = n, at_third = n;
    for (size_t i = 0; i < n; i++) {
        at_first = list[i].id == first ? i : at_first;
        at_second = list[i].id == second ? i : at_second;
        at_third = list[i].id == third ? i : at_third;
        if (i > 0)
            CHECK(strcmp(list[i - 1].received_at, list[i].received_at) >= 0);
    }
    CHECK(at_second < at_third && at_third < at_first && at_first < n);
    CHECK(list[at_first].subject_count == 2 && list[at_third].subject_count == 0);
    CHECK(has_subject(&list[at_first], SUBJECT_ACTOR, actor, "De Nachtwakers"));

    actor_record *actors;
    CHECK(db->ops->case_actors(db, &a, w.case_a, &actors, &n) >= 1);
    bool linked = false;
    for (size_t i = 0; i < n; i++)
        linked =
            linked || (actors[i].id == actor && check_same_text(actors[i].name, "De Nachtwakers"));
    CHECK(linked);
    case_record *cases;
    CHECK(db->ops->actor_cases(db, &a, actor, &cases, &n) == 1);
    CHECK(n == 1 && cases[0].id == w.case_a && cases[0].team_count == 3);
    int64_t count = -1;
    CHECK(db->ops->signal_count_since(db, w.case_a, "2026-11-28T11:00:00.000Z", &count) >= 0);
    CHECK(count >= 3);
    CHECK(db->ops->signal_count_since(db, w.case_a, "2026-11-28T12:00:00.000Z", &count) >= 0);
    CHECK(count == 0);
    db->ops->rollback(db);
}

static void releases_are_asked_once_and_decided_once(void)
{
    signal_spec spec = {w.case_a,
                        w.aivd,
                        "2026-11-06",
                        "aivd",
                        COMPARTMENT_INFORMANT,
                        HANDLING_H2,
                        "Bron meldt plannen",
                        SOURCE_A,
                        INFO_1};
    int64_t sig = daf_signal(&spec);
    int64_t id = daf_release(sig, w.nctv);
    release_record r = {.signal_id = sig,
                        .requested_by = w.nctv,
                        .reason = "nogmaals",
                        .requested_at = "2026-11-28T13:01:00.000Z"};
    tx_begin(TX_WRITE);
    CHECK(db->ops->release_insert(db, &r) == DB_NONE); /* one pending request per user */
    tx_commit();

    tx_begin(TX_READ);
    CHECK(db->ops->release_get(db, &a, id, &r) == DB_ONE);
    CHECK(r.signal_id == sig && r.case_id == w.case_a && r.requested_by == w.nctv);
    CHECK_STR(r.source_org, "aivd");
    CHECK_STR(r.requested_by_username, "daf.nctv");
    CHECK_STR(r.requested_by_org, "nctv");
    CHECK_STR(r.reason, "Nodig voor de analyse");
    CHECK(r.status == RELEASE_PENDING && r.decided_by == 0 && r.version == 1);
    release_record *list;
    size_t n;
    CHECK(db->ops->release_list_pending(db, &a, "aivd", &list, &n) >= 1);
    CHECK(n >= 1 && list[n - 1].id == id);
    CHECK(db->ops->release_list_pending(db, &a, "nctv", &list, &n) >= 0);
    for (size_t i = 0; i < n; i++)
        CHECK(list[i].id != id);
    db->ops->rollback(db);

    release_record stale = r;
    r.status = RELEASE_APPROVED;
    r.decided_by = w.aivd;
    r.decision_note = "Akkoord";
    r.decided_at = "2026-11-28T14:00:00.000Z";
    tx_begin(TX_WRITE);
    CHECK(db->ops->release_decide(db, &r) == DB_ONE);
    CHECK(r.version == 2);
    stale.status = RELEASE_REFUSED; /* a second decider who read version 1 */
    stale.decided_by = w.aivd2;
    stale.decided_at = "2026-11-28T14:01:00.000Z";
    CHECK(db->ops->release_decide(db, &stale) == DB_NONE);
    stale.version = 2; /* current version, but no longer pending */
    CHECK(db->ops->release_decide(db, &stale) == DB_NONE);
    tx_commit();

    tx_begin(TX_READ);
    CHECK(db->ops->release_get(db, &a, id, &r) == DB_ONE);
    CHECK(r.status == RELEASE_APPROVED && r.decided_by == w.aivd && r.version == 2);
    CHECK_STR(r.decided_by_username, "daf.aivd");
    CHECK_STR(r.decision_note, "Akkoord");
    CHECK_STR(r.decided_at, "2026-11-28T14:00:00.000Z");
    int64_t *granted;
    CHECK(db->ops->release_granted(db, &a, w.case_a, w.nctv, &granted, &n) >= 1);
    CHECK(contains(granted, n, sig));
    CHECK(db->ops->release_granted(db, &a, w.case_a, w.ams, &granted, &n) >= 0);
    CHECK(!contains(granted, n, sig));
    CHECK(db->ops->release_list_case(db, &a, w.case_a, &list, &n) >= 1);
    bool listed = false;
    for (size_t i = 0; i < n; i++) {
        listed = listed || list[i].id == id;
        if (i > 0)
            CHECK(list[i - 1].id < list[i].id);
    }
    CHECK(listed);
    CHECK(db->ops->release_list_pending(db, &a, "aivd", &list, &n) >= 0);
    for (size_t i = 0; i < n; i++)
        CHECK(list[i].id != id);
    db->ops->rollback(db);

    /* a refused request grants nothing, and the user may ask again afterwards */
    int64_t second = daf_release(sig, w.ams);
    daf_decide(second, RELEASE_REFUSED, w.aivd);
    tx_begin(TX_READ);
    int64_t *refused;
    CHECK(db->ops->release_granted(db, &a, w.case_a, w.ams, &refused, &n) >= 0);
    CHECK(!contains(refused, n, sig));
    db->ops->rollback(db);
    CHECK(daf_release(sig, w.ams) > second);
}

static void actors_list_by_name_and_notify_other_cases(void)
{
    int64_t x1 = daf_actor("Zwartvalk Alpha", "", "aivd");
    int64_t x2 = daf_actor("zwartvalk beta", "tweede", "nctv");
    daf_actor("Zwartvalk 100%_", "", "nctv");
    int64_t other = daf_actor("Roodvalk", "", "nctv");
    tx_begin(TX_READ);
    actor_record *list, act;
    size_t n;
    int64_t total;
    CHECK(db->ops->actor_list(db, &a, "zwartvalk", 1, 2, &list, &n, &total) == 2);
    CHECK(total == 3 && n == 2);
    CHECK(check_same_text(list[0].name, "Zwartvalk 100%_") && list[1].id == x1);
    CHECK(db->ops->actor_list(db, &a, "ZWARTVALK", 2, 2, &list, &n, &total) == 1);
    CHECK(total == 3 && list[0].id == x2); /* by name, whatever the letter case */
    CHECK(db->ops->actor_list(db, &a, "Zwartvalk 100%", 1, 10, &list, &n, &total) == 1);
    CHECK(db->ops->actor_list(db, &a, "Zwartvalk 1_0", 1, 10, &list, &n, &total) == 0);
    CHECK(total == 0);
    CHECK(db->ops->actor_list(db, &a, "", 1, 100, &list, &n, &total) >= 4 && total >= 4);
    CHECK(db->ops->actor_get(db, &a, x2, &act) == DB_ONE);
    CHECK(act.kind == ACTOR_GROUP && check_same_text(act.description, "tweede"));
    CHECK_STR(act.created_by_org, "nctv");
    CHECK_STR(act.created_at, "2026-11-20T09:00:00.000Z");
    CHECK(act.version == 1);
    db->ops->rollback(db);

    tx_begin(TX_WRITE);
    CHECK(db->ops->case_actor_link(db, w.case_b, other) == DB_ONE);
    CHECK(db->ops->case_actor_link(db, w.case_b, other) == DB_NONE); /* linked already */
    signal_spec spec = {w.case_a,
                        w.ams,
                        "2026-11-07",
                        "politie-amsterdam",
                        COMPARTMENT_POLICE,
                        HANDLING_H0,
                        "Roodvalk gezien",
                        SOURCE_A,
                        INFO_1};
    signal_subject subject = {SUBJECT_ACTOR, other, NULL};
    int64_t sig = daf_signal_with(&spec, &subject, 1);
    notification_record first = {.case_id = w.case_b,
                                 .actor_id = other,
                                 .signal_id = sig,
                                 .created_at = "2026-11-28T12:00:00.000Z"};
    notification_record second = first;
    second.created_at = "2026-11-28T12:00:01.000Z";
    CHECK(db->ops->notification_insert(db, &first) == DB_ONE && first.id > 0);
    CHECK(db->ops->notification_insert(db, &second) == DB_ONE && second.id > first.id);
    tx_commit();

    tx_begin(TX_READ);
    notification_record *notes;
    CHECK(db->ops->notification_list_case(db, &a, w.case_b, &notes, &n) == 2);
    CHECK(n == 2 && notes[0].id == second.id && notes[1].id == first.id); /* newest first */
    CHECK(notes[1].case_id == w.case_b && notes[1].actor_id == other && notes[1].signal_id == sig);
    CHECK_STR(notes[1].actor_name, "Roodvalk");
    CHECK_STR(notes[1].source_org, "politie-amsterdam");
    CHECK_STR(notes[1].received_at, "2026-11-07");
    CHECK_STR(notes[1].created_at, "2026-11-28T12:00:00.000Z");
    case_record *cases;
    CHECK(db->ops->actor_cases(db, &a, other, &cases, &n) == 2); /* the signal linked case A */
    CHECK(db->ops->notification_list_case(db, &a, w.case_a, &notes, &n) == 0);
    db->ops->rollback(db);
}

static int64_t gather(subject_kind kind, int64_t id, gathering_method m, int64_t days,
                      const char *on, int64_t order)
{
    gathering_act g = {.subject_kind = kind,
                       .subject_id = id,
                       .method = m,
                       .legal_basis = "art. 3 Politiewet",
                       .duration_days = days,
                       .justification = "Dreiging vaststellen",
                       .intrusion = daf_intrusion(&daf_cfg, m, days),
                       .order_id = order,
                       .recorded_by = w.nctv,
                       .recorded_at = arena_printf(&a, "%sT08:00:00.000Z", on),
                       .recorded_on = on};
    tx_begin(TX_WRITE);
    CHECK(db->ops->gathering_insert(db, &g) == DB_ONE && g.id > 0);
    tx_commit();
    return g.id;
}

static int64_t order_until(subject_kind kind, int64_t id, const char *until)
{
    gathering_order o = {.subject_kind = kind,
                         .subject_id = id,
                         .scope = "observatie",
                         .until = until,
                         .reasoning = "Ernstige dreiging",
                         .recorded_by = w.om,
                         .recorded_at = "2026-11-25T09:00:00.000Z"};
    tx_begin(TX_WRITE);
    CHECK(db->ops->order_insert(db, &o) == DB_ONE && o.id > 0);
    tx_commit();
    return o.id;
}

static void gathering_totals_count_the_window_and_orders_their_term(void)
{
    int64_t p = w.person_a;
    gather(SUBJECT_PERSON, p, METHOD_OBSERVATION, 10, "2026-08-01", 0);   /* outside */
    gather(SUBJECT_PERSON, p, METHOD_OBSERVATION, 10, "2026-09-02", 0);   /* first day: 40 */
    gather(SUBJECT_PERSON, p, METHOD_CAMERA_REVIEW, 25, "2026-11-20", 0); /* 50 */
    gather(SUBJECT_ACTOR, p, METHOD_OBSERVATION, 20, "2026-11-20", 0);    /* another subject */
    int64_t expired = order_until(SUBJECT_PERSON, p, "2026-11-30");
    tx_begin(TX_READ);
    int64_t total = -1, order = -1;
    CHECK(db->ops->gathering_total(db, SUBJECT_PERSON, p, "2026-09-02", &total) >= 0);
    CHECK(total == 90);
    CHECK(db->ops->gathering_total(db, SUBJECT_PERSON, p, "2026-09-03", &total) >= 0);
    CHECK(total == 50);
    CHECK(db->ops->order_in_force(db, SUBJECT_PERSON, p, "2026-11-30", &order) == DB_ONE);
    CHECK(order == expired);
    CHECK(db->ops->order_in_force(db, SUBJECT_PERSON, p, "2026-12-01", &order) == DB_NONE);
    CHECK(order == 0);
    db->ops->rollback(db);

    int64_t in_force = order_until(SUBJECT_PERSON, p, "2026-12-31");
    int64_t under_order = gather(SUBJECT_PERSON, p, METHOD_OBSERVATION, 30, "2026-12-01", in_force);
    tx_begin(TX_READ);
    CHECK(db->ops->order_in_force(db, SUBJECT_PERSON, p, "2026-12-01", &order) == DB_ONE);
    CHECK(order == in_force);
    CHECK(db->ops->order_in_force(db, SUBJECT_ACTOR, p, "2026-12-01", &order) == DB_NONE);
    CHECK(db->ops->gathering_total(db, SUBJECT_PERSON, p, "2026-09-02", &total) >= 0);
    CHECK(total == 210);
    gathering_act *acts;
    size_t n;
    CHECK(db->ops->gathering_list(db, &a, SUBJECT_PERSON, p, &acts, &n) == 4);
    bool seen = false;
    for (size_t i = 0; i < n; i++) {
        CHECK(acts[i].subject_kind == SUBJECT_PERSON && acts[i].subject_id == p);
        if (acts[i].id != under_order)
            continue;
        seen = true;
        CHECK(acts[i].method == METHOD_OBSERVATION && acts[i].duration_days == 30);
        CHECK(acts[i].intrusion == 120 && acts[i].order_id == in_force);
        CHECK(acts[i].recorded_by == w.nctv);
        CHECK_STR(acts[i].recorded_by_username, "daf.nctv");
        CHECK_STR(acts[i].recorded_by_org, "nctv");
        CHECK_STR(acts[i].legal_basis, "art. 3 Politiewet");
        CHECK_STR(acts[i].justification, "Dreiging vaststellen");
        CHECK_STR(acts[i].recorded_at, "2026-12-01T08:00:00.000Z");
        CHECK_STR(acts[i].recorded_on, "2026-12-01");
    }
    CHECK(seen);
    gathering_order *orders;
    CHECK(db->ops->order_list(db, &a, SUBJECT_PERSON, p, &orders, &n) == 2);
    for (size_t i = 0; i < n; i++) {
        CHECK_STR(orders[i].recorded_by_username, "daf.om");
        CHECK_STR(orders[i].recorded_by_org, "om-amsterdam");
        CHECK_STR(orders[i].scope, "observatie");
    }
    CHECK(db->ops->order_list(db, &a, SUBJECT_ACTOR, p, &orders, &n) == 0);
    db->ops->rollback(db);
}

static assessment_record draft(int64_t case_id, int64_t author)
{
    return (assessment_record){.case_id = case_id,
                               .product = PRODUCT_DA,
                               .status = ASSESSMENT_DRAFT,
                               .seriousness = 4,
                               .likelihood = 3,
                               .threat_level = daf_threat_level(&daf_cfg, 4, 3),
                               .threat_level_derived = true,
                               .resistance_level = 2,
                               .concreteness = "concrete",
                               .reasoning = "Fixatie op de rechter",
                               .vulnerabilities = "Woning",
                               .content = "{\"actors\":[],\"signals\":[]}",
                               .author_id = author,
                               .created_at = "2026-11-20T10:00:00.000Z"};
}

static db_status put_assessment(assessment_record *x, bool insert)
{
    tx_begin(TX_WRITE);
    db_status st = insert ? db->ops->assessment_insert(db, x) : db->ops->assessment_update(db, x);
    tx_commit();
    return st;
}

static void assessments_are_versioned_and_one_is_final(void)
{
    int64_t case_id =
        daf_case("politie-amsterdam", w.ref, "2026-11-10T10:00:00.000Z", "Beoordeling",
                 PHENOMENON_OTHER, national_team, STATUS_ASSESSMENT, NULL);
    assessment_record x = draft(case_id, w.aivd), got;
    CHECK(put_assessment(&x, true) == DB_ONE && x.id > 0 && x.version == 1);
    tx_begin(TX_READ);
    CHECK(db->ops->assessment_get(db, &a, x.id, &got) == DB_ONE);
    CHECK(got.case_id == case_id && got.case_reference && got.product == PRODUCT_DA);
    CHECK(got.status == ASSESSMENT_DRAFT && got.seriousness == 4 && got.likelihood == 3);
    CHECK(got.threat_level == x.threat_level && got.threat_level_derived);
    CHECK(got.resistance_level == 2 && got.intent == 0 && got.capability == 0);
    CHECK_STR(got.concreteness, "concrete");
    CHECK_STR(got.reasoning, "Fixatie op de rechter");
    CHECK_STR(got.vulnerabilities, "Woning");
    CHECK_STR(got.content, "{\"actors\":[],\"signals\":[]}");
    CHECK(got.author_id == w.aivd && check_same_text(got.author_username, "daf.aivd"));
    CHECK_STR(got.author_org, "aivd");
    CHECK(got.reviewer_id == 0 && got.supersedes == 0 && got.version == 1);
    CHECK(!got.submitted_at && !got.valid_until);
    CHECK(db->ops->assessment_final(db, &a, case_id, &got) == DB_NONE);
    db->ops->rollback(db);

    /* the author edits, then submits; a stale version changes nothing */
    assessment_record stale = x;
    x.reasoning = "Fixatie en leakage";
    x.intent = 4;
    CHECK(put_assessment(&x, false) == DB_ONE && x.version == 2);
    stale.reasoning = "verloren";
    CHECK(put_assessment(&stale, false) == DB_NONE);
    x.status = ASSESSMENT_SUBMITTED;
    x.submitted_at = "2026-11-21T10:00:00.000Z";
    CHECK(put_assessment(&x, false) == DB_ONE);
    /* a second analyst approves */
    x.status = ASSESSMENT_FINAL;
    x.reviewer_id = w.aivd2;
    x.review_comment = "Akkoord";
    x.reviewed_at = "2026-11-22T10:00:00.000Z";
    x.valid_until = "2027-02-20";
    CHECK(put_assessment(&x, false) == DB_ONE && x.version == 4);
    tx_begin(TX_READ);
    CHECK(db->ops->assessment_final(db, &a, case_id, &got) == DB_ONE);
    CHECK(got.id == x.id && got.intent == 4 &&
          check_same_text(got.reasoning, "Fixatie en leakage"));
    CHECK(got.reviewer_id == w.aivd2 && check_same_text(got.reviewer_username, "daf.aivd2"));
    CHECK_STR(got.review_comment, "Akkoord");
    CHECK_STR(got.submitted_at, "2026-11-21T10:00:00.000Z");
    CHECK_STR(got.reviewed_at, "2026-11-22T10:00:00.000Z");
    CHECK_STR(got.valid_until, "2027-02-20");
    db->ops->rollback(db);

    /* a newer final supersedes it */
    assessment_record next = draft(case_id, w.aivd2);
    next.product = PRODUCT_DREIGINGSMELDING;
    next.created_at = "2026-11-23T10:00:00.000Z";
    CHECK(put_assessment(&next, true) == DB_ONE);
    x.status = ASSESSMENT_SUPERSEDED;
    CHECK(put_assessment(&x, false) == DB_ONE);
    next.status = ASSESSMENT_FINAL;
    next.reviewer_id = w.aivd;
    next.reviewed_at = "2026-11-24T10:00:00.000Z";
    next.valid_until = "2026-12-24";
    next.supersedes = x.id;
    CHECK(put_assessment(&next, false) == DB_ONE);
    tx_begin(TX_READ);
    CHECK(db->ops->assessment_final(db, &a, case_id, &got) == DB_ONE);
    CHECK(got.id == next.id && got.supersedes == x.id && got.product == PRODUCT_DREIGINGSMELDING);
    assessment_record *list;
    size_t n;
    CHECK(db->ops->assessment_list(db, &a, case_id, &list, &n) == 2);
    CHECK(list[0].id == next.id && list[1].id == x.id); /* newest first */
    CHECK(list[1].status == ASSESSMENT_SUPERSEDED);
    db->ops->rollback(db);
}

static const daf_queue_item *queue_item(const daf_queue_item *items, size_t n, int64_t case_id,
                                        daf_queue_reason reason, size_t *at)
{
    for (size_t i = 0; i < n; i++)
        if (items[i].case_id == case_id && items[i].reason == reason) {
            *at = i;
            return &items[i];
        }
    return NULL;
}

static int queue_rank(daf_queue_reason r)
{
    switch (r) {
    case QUEUE_REVIEW:
        return 0;
    case QUEUE_VALIDITY_ENDING:
        return 1;
    case QUEUE_NEW_SIGNALS:
        return 2;
    default:
        return 3;
    }
}

static void the_daf_queue_names_its_reasons_in_order(void)
{
    const char *at = "2026-11-15T10:00:00.000Z";
    int64_t first = daf_case("politie-amsterdam", w.ref, at, "Wachtrij eerste", PHENOMENON_OTHER,
                             national_team, STATUS_ASSESSMENT, NULL);
    int64_t review = daf_case("politie-amsterdam", w.ref, at, "Wachtrij review", PHENOMENON_OTHER,
                              national_team, STATUS_ASSESSMENT, NULL);
    int64_t ending = daf_case("politie-amsterdam", w.ref, at, "Wachtrij geldigheid",
                              PHENOMENON_STATE_THREAT, national_team, STATUS_DECISION, NULL);
    static const char *const rdam_only[] = {NULL};
    int64_t hidden = daf_case("politie-rotterdam", w.ref, at, "Wachtrij verborgen",
                              PHENOMENON_OTHER, rdam_only, STATUS_ASSESSMENT, NULL);
    assessment_record submitted = draft(review, w.aivd);
    submitted.status = ASSESSMENT_SUBMITTED;
    submitted.submitted_at = "2026-11-16T10:00:00.000Z";
    CHECK(put_assessment(&submitted, true) == DB_ONE);
    assessment_record hidden_review = submitted;
    hidden_review.case_id = hidden;
    CHECK(put_assessment(&hidden_review, true) == DB_ONE);
    assessment_record final = draft(ending, w.aivd);
    final.status = ASSESSMENT_FINAL;
    final.reviewer_id = w.aivd2;
    final.reviewed_at = "2026-11-20T10:00:00.000Z";
    final.valid_until = "2026-12-10";
    CHECK(put_assessment(&final, true) == DB_ONE);
    signal_spec spec = {ending,
                        w.nctv,
                        "2026-11-19",
                        "nctv",
                        COMPARTMENT_POLICE,
                        HANDLING_H0,
                        "Nieuw na de beoordeling",
                        SOURCE_A,
                        INFO_1};
    tx_begin(TX_WRITE);
    signal_record before = {.case_id = ending,
                            .received_at = "2026-11-18",
                            .source_org = "nctv",
                            .source_grade = SOURCE_A,
                            .info_grade = INFO_1,
                            .handling = HANDLING_H0,
                            .handling_note = "",
                            .compartment = COMPARTMENT_POLICE,
                            .text = "Voor de beoordeling",
                            .recorded_by = w.nctv,
                            .created_at = "2026-11-19T10:00:00.000Z"};
    CHECK(db->ops->signal_insert(db, &before) == DB_ONE);
    daf_signal_with(&spec, NULL, 0);
    daf_signal_with(&spec, NULL, 0);
    tx_commit();

    viewer v = as_viewer(w.nctv, "daf.nctv", ROLE_ANALYST, "nctv");
    tx_begin(TX_READ);
    daf_queue_item *items;
    size_t n;
    CHECK(db->ops->daf_queue(db, &a, &v, access_case_scope(&v), "2026-12-01", 30, &items, &n) >= 4);
    size_t i_review = 0, i_ending = 0, i_new = 0, i_first = 0, ignored;
    const daf_queue_item *q;
    CHECK((q = queue_item(items, n, review, QUEUE_REVIEW, &i_review)) != NULL);
    CHECK(q && q->assessment_id == submitted.id && !q->urgent);
    CHECK(q && check_same_text(q->since, "2026-11-16T10:00:00.000Z"));
    CHECK((q = queue_item(items, n, ending, QUEUE_VALIDITY_ENDING, &i_ending)) != NULL);
    CHECK(q && q->assessment_id == final.id && check_same_text(q->valid_until, "2026-12-10"));
    CHECK(q && q->phenomenon == PHENOMENON_STATE_THREAT && q->case_reference);
    CHECK((q = queue_item(items, n, ending, QUEUE_NEW_SIGNALS, &i_new)) != NULL);
    CHECK(q && q->new_signals == 2 && q->assessment_id == final.id);
    CHECK((q = queue_item(items, n, first, QUEUE_FIRST_ASSESSMENT, &i_first)) != NULL);
    CHECK(!queue_item(items, n, ending, QUEUE_FIRST_ASSESSMENT, &ignored));
    CHECK(!queue_item(items, n, hidden, QUEUE_REVIEW, &ignored));
    CHECK(!queue_item(items, n, hidden, QUEUE_FIRST_ASSESSMENT, &ignored));
    CHECK(i_review < i_ending && i_ending < i_new && i_new < i_first);
    for (size_t i = 1; i < n; i++) /* grouped by reason in the documented order */
        CHECK(queue_rank(items[i - 1].reason) <= queue_rank(items[i].reason));
    /* far from its end, the validity is no reason */
    CHECK(db->ops->daf_queue(db, &a, &v, access_case_scope(&v), "2026-11-01", 30, &items, &n) >= 0);
    CHECK(!queue_item(items, n, ending, QUEUE_VALIDITY_ENDING, &ignored));
    viewer outsider = as_viewer(w.rdam, "daf.rdam", ROLE_ANALYST, "politie-rotterdam");
    CHECK(db->ops->daf_queue(db, &a, &outsider, access_case_scope(&outsider), "2026-12-01", 30,
                             &items, &n) >= 1);
    CHECK(queue_item(items, n, hidden, QUEUE_REVIEW, &ignored));
    CHECK(!queue_item(items, n, review, QUEUE_REVIEW, &ignored));
    db->ops->rollback(db);
}

/* ---- search ---- */

static const search_hit *hit_of(const search_hit *hits, size_t n, search_kind kind, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (hits[i].kind == kind && hits[i].id == id)
            return &hits[i];
    return NULL;
}

static void search_finds_dutch_word_forms(void)
{
    signal_spec spec = {w.case_a,
                        w.ams,
                        "2026-11-08",
                        "politie-amsterdam",
                        COMPARTMENT_POLICE,
                        HANDLING_H0,
                        "hij uitte bedreigingen tegen de rechter",
                        SOURCE_A,
                        INFO_1};
    int64_t plural = daf_signal(&spec);
    spec.text = "Een bedreiging via sociale media";
    int64_t singular = daf_signal(&spec);
    spec.text = "Daniëlle werd gevolgd";
    int64_t accented = daf_signal(&spec);
    spec.text = "Niets aan de hand";
    int64_t unrelated = daf_signal(&spec);
    viewer v = as_viewer(w.aivd, "daf.aivd", ROLE_ANALYST, "aivd");

    search_hit *hits;
    size_t n;
    search_query q = words("bedreigen");
    int64_t total = search_page(&v, q, &hits, &n);
    CHECK(total >= 3 && (int64_t)n == total);
    const search_hit *h = hit_of(hits, n, SEARCH_SIGNAL, plural);
    CHECK(h && hit_of(hits, n, SEARCH_SIGNAL, singular) &&
          !hit_of(hits, n, SEARCH_SIGNAL, unrelated));
    CHECK(hit_of(hits, n, SEARCH_CASE, w.case_a)); /* "Bedreiging van een rechter ..." */
    CHECK(h && h->snippet &&
          strstr(h->snippet, "\x02"
                             "bedreigingen"
                             "\x03"));
    CHECK(h && h->case_id == w.case_a && h->case_reference &&
          check_same_text(h->date, "2026-11-08"));
    CHECK(h && h->compartment == COMPARTMENT_POLICE && h->source_grade == SOURCE_A &&
          h->info_grade == INFO_1);
    CHECK(h && h->title && strstr(h->title, "2026-11-08"));
    q = words("BEDREIGINGEN");
    q.kind = SEARCH_SIGNAL;
    CHECK(search_page(&v, q, &hits, &n) >= 2 && hit_of(hits, n, SEARCH_SIGNAL, singular));
    q = words("Danielle");
    CHECK(search_page(&v, q, &hits, &n) == 1 && n == 1 && hits[0].id == accented);
    q = words("bedreigen hand"); /* every word must match */
    CHECK(search_page(&v, q, &hits, &n) == 0 && n == 0);
    q = words("...");
    CHECK(search_page(&v, q, &hits, &n) == 0 && n == 0);
}

static void search_filters_narrow_and_pages_run_newest_first(void)
{
    int64_t f =
        daf_case("politie-amsterdam", w.ref, "2026-11-12T10:00:00.000Z", "Filterwoord in de zaak",
                 PHENOMENON_TERRORISM_EXTREMISM, national_team, STATUS_ASSESSMENT, NULL);
    signal_spec spec = {f,
                        w.ams,
                        "2026-10-01",
                        "politie-amsterdam",
                        COMPARTMENT_POLICE,
                        HANDLING_H0,
                        "filterwoord een",
                        SOURCE_A,
                        INFO_1};
    int64_t s1 = daf_signal(&spec);
    spec = (signal_spec){f,
                         w.ams,
                         "2026-10-05",
                         "politie-amsterdam",
                         COMPARTMENT_OPEN_SOURCE,
                         HANDLING_H0,
                         "filterwoord twee",
                         SOURCE_B,
                         INFO_2};
    int64_t s2 = daf_signal(&spec);
    spec = (signal_spec){f,
                         w.ams,
                         "2026-10-10",
                         "politie-amsterdam",
                         COMPARTMENT_POLICE,
                         HANDLING_H1,
                         "filterwoord drie",
                         SOURCE_B,
                         INFO_2};
    int64_t s3 = daf_signal(&spec);
    spec = (signal_spec){f,
                         w.aivd,
                         "2026-10-15",
                         "aivd",
                         COMPARTMENT_CRIME_INTEL, /* sealed ones are not found by words */
                         HANDLING_H0,
                         "filterwoord vier",
                         SOURCE_X,
                         INFO_4};
    int64_t s4 = daf_signal(&spec);
    spec = (signal_spec){w.case_a,
                         w.ams,
                         "2026-10-20",
                         "politie-amsterdam",
                         COMPARTMENT_POLICE,
                         HANDLING_H0,
                         "filterwoord vijf",
                         SOURCE_A,
                         INFO_1};
    int64_t s5 = daf_signal(&spec);
    spec.case_id = w.case_b; /* not on the viewer's team */
    daf_signal(&spec);
    viewer v = as_viewer(w.aivd, "daf.aivd", ROLE_ANALYST, "aivd");
    int64_t ids[64];
    search_kind kinds[64];
    size_t n;

    search_query q = words("filterwoord");
    CHECK(find_all(&v, q, ids, kinds, 64, &n) == 6 && n == 6);
    CHECK(contains(ids, n, f) && contains(ids, n, s5));
    q.kind = SEARCH_SIGNAL;
    q.per_page = 2;
    CHECK(find_all(&v, q, ids, NULL, 64, &n) == 5 && n == 5);
    /* newest received first, across pages of two */
    CHECK(n == 5 && ids[0] == s5 && ids[1] == s4 && ids[2] == s3 && ids[3] == s2 && ids[4] == s1);
    q = words("filterwoord");
    q.kind = SEARCH_CASE;
    CHECK(find_all(&v, q, ids, kinds, 64, &n) == 1 && n == 1 && ids[0] == f &&
          kinds[0] == SEARCH_CASE);
    q = words("filterwoord");
    q.compartment = COMPARTMENT_POLICE;
    CHECK(find_all(&v, q, ids, kinds, 64, &n) == 3 && contains(ids, n, s1) &&
          contains(ids, n, s3) && contains(ids, n, s5));
    q = words("filterwoord");
    q.source_grade = SOURCE_B;
    CHECK(find_all(&v, q, ids, kinds, 64, &n) == 2 && contains(ids, n, s2) && contains(ids, n, s3));
    q = words("filterwoord");
    q.info_grade = INFO_4;
    CHECK(find_all(&v, q, ids, kinds, 64, &n) == 1 && ids[0] == s4);
    q = words("filterwoord");
    q.from = "2026-10-05";
    q.to = "2026-10-10";
    CHECK(find_all(&v, q, ids, kinds, 64, &n) == 2 && contains(ids, n, s2) && contains(ids, n, s3));
    q.from = "2026-11-12"; /* the case's own date */
    q.to = NULL;
    CHECK(find_all(&v, q, ids, kinds, 64, &n) == 1 && ids[0] == f && kinds[0] == SEARCH_CASE);
    q = words("filterwoord");
    q.phenomenon = PHENOMENON_TERRORISM_EXTREMISM;
    CHECK(find_all(&v, q, ids, kinds, 64, &n) == 5 && !contains(ids, n, s5) && contains(ids, n, f));
    q.kind = SEARCH_PERSON; /* a filter of another kind finds no persons */
    CHECK(find_all(&v, q, ids, kinds, 64, &n) == 0);
}

static void search_totals_stop_past_the_cap(void)
{
    int64_t f = daf_case("politie-amsterdam", w.ref, "2026-11-13T10:00:00.000Z", "Veel meldingen",
                         PHENOMENON_OTHER, national_team, STATUS_ASSESSMENT, NULL);
    tx_begin(TX_WRITE);
    for (int i = 0; i < SEARCH_COUNT_CAP + 5; i++) {
        char day[16];
        snprintf(day, sizeof day, "2026-%02d-%02d", 1 + i % 9, 1 + i % 28);
        signal_spec spec = {f,
                            w.ams,
                            arena_strdup(&a, day),
                            "politie-amsterdam",
                            COMPARTMENT_POLICE,
                            HANDLING_H0,
                            "een veelvoud aan meldingen",
                            SOURCE_A,
                            INFO_1};
        daf_signal_with(&spec, NULL, 0);
    }
    tx_commit();
    viewer v = as_viewer(w.aivd, "daf.aivd", ROLE_ANALYST, "aivd");
    search_hit *hits;
    size_t n;
    search_query q = words("veelvoud");
    q.per_page = 100;
    CHECK(search_page(&v, q, &hits, &n) == SEARCH_COUNT_CAP + 1 && n == 100);
    for (size_t i = 1; i < n; i++)
        CHECK(strcmp(hits[i - 1].date, hits[i].date) >= 0);
    q.page = SEARCH_COUNT_CAP / 100 + 1; /* the last page, past the cap */
    CHECK(search_page(&v, q, &hits, &n) == SEARCH_COUNT_CAP + 1 && n == 5);
    viewer outsider = as_viewer(w.rdam, "daf.rdam", ROLE_ANALYST, "politie-rotterdam");
    q.page = 1;
    CHECK(search_page(&outsider, q, &hits, &n) == 0 && n == 0);
}

static void search_shows_only_what_the_viewer_may_read(void)
{
    viewer aivd = as_viewer(w.aivd, "daf.aivd", ROLE_ANALYST, "aivd");
    viewer nctv = as_viewer(w.nctv, "daf.nctv", ROLE_ANALYST, "nctv");
    viewer ams = as_viewer(w.ams, "daf.ams", ROLE_ANALYST, "politie-amsterdam");
    viewer ref = as_viewer(w.ref, "daf.ref", ROLE_REFERRER, "politie-amsterdam");
    viewer rdam = as_viewer(w.rdam, "daf.rdam", ROLE_ANALYST, "politie-rotterdam");
    viewer triage = as_viewer(w.triage, "daf.triage", ROLE_TRIAGE, "nctv");
    search_hit *hits;
    size_t n;

    /* a compartment the viewer's role does not read: informant, own organisation's analysts */
    signal_spec spec = {w.case_a,
                        w.aivd,
                        "2026-11-09",
                        "aivd",
                        COMPARTMENT_INFORMANT,
                        HANDLING_H0,
                        "kraaiennest gezien",
                        SOURCE_A,
                        INFO_1};
    int64_t informant = daf_signal(&spec);
    /* its text is sealed (docs/SECURITY.md): not even its readers find it by its words */
    CHECK(search_page(&aivd, words("kraaiennest"), &hits, &n) == 0 && n == 0);
    CHECK(search_page(&nctv, words("kraaiennest"), &hits, &n) == 0 && n == 0);
    CHECK(search_page(&ref, words("kraaiennest"), &hits, &n) == 0 && n == 0);

    /* originator control: H2 only for the source's own organisation */
    spec = (signal_spec){w.case_a,
                         w.ams,
                         "2026-11-09",
                         "politie-amsterdam",
                         COMPARTMENT_POLICE,
                         HANDLING_H2,
                         "uilenbal in de tuin",
                         SOURCE_A,
                         INFO_1};
    int64_t h2 = daf_signal(&spec);
    CHECK(search_page(&ams, words("uilenbal"), &hits, &n) == 1 && n == 1 && hits[0].id == h2);
    CHECK(search_page(&ref, words("uilenbal"), &hits, &n) == 1);
    CHECK(search_page(&aivd, words("uilenbal"), &hits, &n) == 0 && n == 0);

    /* a case the viewer is not on */
    spec = (signal_spec){w.case_b,
                         w.rdam,
                         "2026-11-09",
                         "politie-rotterdam",
                         COMPARTMENT_POLICE,
                         HANDLING_H0,
                         "meeuwenkolonie bij de haven",
                         SOURCE_A,
                         INFO_1};
    int64_t elsewhere = daf_signal(&spec);
    CHECK(search_page(&rdam, words("meeuwenkolonie"), &hits, &n) == 1 && n == 1 &&
          hits[0].id == elsewhere);
    CHECK(search_page(&nctv, words("meeuwenkolonie"), &hits, &n) == 0 && n == 0);
    CHECK(search_page(&rdam, words("wethouder"), &hits, &n) >= 1 &&
          hit_of(hits, n, SEARCH_CASE, w.case_b));
    CHECK(search_page(&nctv, words("wethouder"), &hits, &n) == 0);

    /* a release makes the one signal findable for the one user, once approved (an H2 one: the
     * informant signal above is sealed, so never found by its words) */
    int64_t rel = daf_release(h2, w.aivd);
    CHECK(search_page(&aivd, words("uilenbal"), &hits, &n) == 0);
    daf_decide(rel, RELEASE_APPROVED, w.ams);
    CHECK(search_page(&aivd, words("uilenbal"), &hits, &n) == 1 && n == 1 && hits[0].id == h2);
    CHECK(n == 1 && hits[0].snippet &&
          strstr(hits[0].snippet, "\x02"
                                  "uilenbal"
                                  "\x03"));
    viewer aivd_other = as_viewer(w.aivd2, "daf.aivd2", ROLE_ANALYST, "aivd");
    CHECK(search_page(&aivd_other, words("uilenbal"), &hits, &n) == 0);
    (void)informant;

    /* persons of visible cases only */
    int64_t ids[512];
    search_kind kinds[512];
    search_query q = words("Zeldzaamheidsma");
    q.kind = SEARCH_PERSON;
    find_all(&nctv, q, ids, kinds, 512, &n);
    CHECK(contains(ids, n, w.person_a) && !contains(ids, n, w.person_b));
    find_all(&rdam, q, ids, kinds, 512, &n);
    CHECK(!contains(ids, n, w.person_a) && contains(ids, n, w.person_b));

    /* actors: analysts see all, others those of their cases */
    int64_t actor = daf_actor("Schaduwnetwerk", "Losse groep", "nctv");
    CHECK(search_page(&nctv, words("schaduwnetwerk"), &hits, &n) == 1 && n == 1 &&
          hits[0].id == actor);
    CHECK(n == 1 && hits[0].kind == SEARCH_ACTOR &&
          check_same_text(hits[0].title, "Schaduwnetwerk"));
    CHECK(search_page(&ref, words("schaduwnetwerk"), &hits, &n) == 0);
    tx_begin(TX_WRITE);
    CHECK(db->ops->case_actor_link(db, w.case_a, actor) == DB_ONE);
    tx_commit();
    CHECK(search_page(&ref, words("schaduwnetwerk"), &hits, &n) == 1);
    CHECK(search_page(&ref, words("groep"), &hits, &n) >= 1 &&
          hit_of(hits, n, SEARCH_ACTOR, actor));

    /* intake: triage sees every referred case; a team change opens the case, its signals,
     * persons and actors to the new members, and leaving intake closes it to other triage */
    static const char *const den_haag[] = {NULL};
    int64_t fox_person;
    int64_t referred =
        daf_case("politie-den-haag", w.ref, "2026-11-14T10:00:00.000Z", "Vossenjacht op de dijk",
                 PHENOMENON_OTHER, den_haag, STATUS_REFERRED, &fox_person);
    spec = (signal_spec){referred,
                         w.ref,
                         "2026-11-14",
                         "politie-den-haag",
                         COMPARTMENT_POLICE,
                         HANDLING_H0,
                         "vossenjacht gezien bij de dijk",
                         SOURCE_A,
                         INFO_1};
    int64_t fox_signal = daf_signal(&spec);
    int64_t fox_actor = daf_actor("Vossenclub", "", "politie-den-haag");
    tx_begin(TX_WRITE);
    CHECK(db->ops->case_actor_link(db, referred, fox_actor) == DB_ONE);
    tx_commit();
    viewer coordinator = as_viewer(w.triage, "daf.triage", ROLE_COORDINATOR, "nctv");
    CHECK(search_page(&triage, words("vossenjacht"), &hits, &n) == 2);
    CHECK(hit_of(hits, n, SEARCH_CASE, referred) && hit_of(hits, n, SEARCH_SIGNAL, fox_signal));
    CHECK(search_page(&nctv, words("vossenjacht"), &hits, &n) == 0);
    CHECK(search_page(&coordinator, words("vossenclub"), &hits, &n) == 0);
    find_all(&nctv, q, ids, kinds, 512, &n);
    CHECK(!contains(ids, n, fox_person));
    tx_begin(TX_WRITE);
    team_member m = {.org = "nctv", .membership = "daf"};
    CHECK(db->ops->case_team_add(db, referred, &m) == DB_ONE);
    case_record c;
    CHECK(db->ops->case_get(db, &a, referred, &c) == DB_ONE);
    c.status = STATUS_ASSESSMENT;
    c.updated_at = "2026-11-15T10:00:00.000Z";
    CHECK(db->ops->case_update(db, &c) == DB_ONE);
    tx_commit();
    CHECK(search_page(&nctv, words("vossenjacht"), &hits, &n) == 2);
    CHECK(hit_of(hits, n, SEARCH_CASE, referred) && hit_of(hits, n, SEARCH_SIGNAL, fox_signal));
    CHECK(search_page(&coordinator, words("vossenclub"), &hits, &n) == 1 &&
          hits[0].id == fox_actor);
    find_all(&nctv, q, ids, kinds, 512, &n);
    CHECK(contains(ids, n, fox_person));
    CHECK(search_page(&triage, words("vossenjacht"), &hits, &n) == 2); /* nctv is on the team */
    viewer den_haag_triage = as_viewer(99999, "x", ROLE_TRIAGE, "politie-den-haag");
    CHECK(search_page(&den_haag_triage, words("vossenjacht"), &hits, &n) == 2); /* referrer */
    viewer other_triage = as_viewer(99998, "x", ROLE_TRIAGE, "kmar");
    CHECK(search_page(&other_triage, words("vossenjacht"), &hits, &n) == 0); /* left intake */
}

/* Every viewer x every signal of a grid: found by search exactly when the case is visible
 * (access_case_visible) and daf_signal_readable says so, releases included. */
static void search_agrees_with_the_readable_rule(void)
{
    static const char *const g1_team[] = {"nctv", "aivd", NULL};
    static const char *const none[] = {NULL};
    int64_t cases[4];
    cases[0] =
        daf_case("politie-amsterdam", w.ref, "2026-11-16T10:00:00.000Z", "Rasterwoord nationaal",
                 PHENOMENON_STATE_THREAT, g1_team, STATUS_ASSESSMENT, NULL);
    cases[1] = daf_case("politie-rotterdam", w.ref, "2026-11-16T10:00:00.000Z",
                        "Rasterwoord lokaal", PHENOMENON_OTHER, none, STATUS_PROTECTION, NULL);
    cases[2] = daf_case("politie-den-haag", w.ref, "2026-11-16T10:00:00.000Z",
                        "Rasterwoord in intake", PHENOMENON_OTHER, none, STATUS_REFERRED, NULL);
    cases[3] =
        daf_case("politie-amsterdam", w.ref, "2026-11-16T10:00:00.000Z", "Rasterwoord persoonlijk",
                 PHENOMENON_ACTIVISM, none, STATUS_ASSESSMENT, NULL);
    int64_t personal = user("daf.personal", ROLE_ANALYST, "nctv");
    tx_begin(TX_WRITE);
    team_member m = {.org = "nctv", .user_id = personal, .membership = "analyst"};
    CHECK(db->ops->case_team_add(db, cases[3], &m) == DB_ONE);
    tx_commit();

    static const compartment compartments[] = {COMPARTMENT_POLICE, COMPARTMENT_INFORMANT,
                                               COMPARTMENT_INTELLIGENCE_SERVICE,
                                               COMPARTMENT_PROTECTED_PERSON};
    static const handling_code handlings[] = {HANDLING_H0, HANDLING_H2};
    static const char *const sources[] = {"aivd", "politie-amsterdam", "nctv"};
    enum { GRID = 4 * 4 * 2 * 3 };
    int64_t sigs[GRID];
    size_t ns = 0;
    tx_begin(TX_WRITE);
    for (int c = 0; c < 4; c++)
        for (int k = 0; k < 4; k++)
            for (int h = 0; h < 2; h++)
                for (int o = 0; o < 3; o++) {
                    signal_spec spec = {
                        cases[c],        w.ams,        "2026-11-17",          sources[o],
                        compartments[k], handlings[h], "rasterwoord melding", SOURCE_A,
                        INFO_1};
                    sigs[ns++] = daf_signal_with(&spec, NULL, 0);
                }
    tx_commit();
    /* releases: approved ones grant, pending and refused ones do not */
    /* index = ((case * 4 + compartment) * 2 + handling) * 3 + source */
    daf_decide(daf_release(sigs[3], w.nctv), RELEASE_APPROVED, w.aivd); /* police, H2 of aivd */
    daf_decide(daf_release(sigs[10], w.aivd), RELEASE_APPROVED, w.ams); /* informant of ams */
    daf_decide(daf_release(sigs[27], w.ref), RELEASE_APPROVED, w.aivd); /* case not seen */
    daf_decide(daf_release(sigs[4], w.nctv), RELEASE_REFUSED, w.ams);
    daf_release(sigs[9], w.nctv); /* pending */

    viewer viewers[] = {
        as_viewer(w.aivd, "daf.aivd", ROLE_ANALYST, "aivd"),
        as_viewer(w.nctv, "daf.nctv", ROLE_ANALYST, "nctv"),
        as_viewer(w.ams, "daf.ams", ROLE_ANALYST, "politie-amsterdam"),
        as_viewer(w.ref, "daf.ref", ROLE_REFERRER, "politie-amsterdam"),
        as_viewer(w.triage, "daf.triage", ROLE_TRIAGE, "nctv"),
        as_viewer(w.rdam, "daf.rdam", ROLE_ANALYST, "politie-rotterdam"),
        as_viewer(personal, "daf.personal", ROLE_ANALYST, "nctv"),
        as_viewer(w.aivd2, "daf.aivd2", ROLE_CARE, "aivd"),
        as_viewer(w.om, "daf.om", ROLE_AUTHORITY, "om-amsterdam"),
        as_viewer(w.om, "daf.om", ROLE_INSPECTOR, "inspectie-jenv"),
    };
    int checked = 0, readable = 0;
    for (size_t vi = 0; vi < sizeof viewers / sizeof viewers[0]; vi++) {
        const viewer *v = &viewers[vi];
        int64_t found[GRID + 8], found_cases[16];
        size_t nf = 0, nc = 0;
        search_query q = words("rasterwoord");
        q.kind = SEARCH_SIGNAL;
        find_all(v, q, found, NULL, GRID + 8, &nf);
        q.kind = SEARCH_CASE;
        find_all(v, q, found_cases, NULL, 16, &nc);
        tx_begin(TX_READ);
        for (size_t i = 0; i < ns; i++) {
            signal_record s;
            case_record c;
            CHECK(db->ops->signal_get(db, &a, sigs[i], &s) == DB_ONE);
            CHECK(db->ops->case_get(db, &a, s.case_id, &c) == DB_ONE);
            int64_t *granted;
            size_t ng;
            CHECK(db->ops->release_granted(db, &a, c.id, v->user_id, &granted, &ng) >= 0);
            /* sealed texts (docs/SECURITY.md) are never found by their words */
            bool expected = access_case_visible(v, &c) &&
                            daf_signal_readable(&daf_cfg, v, &s, contains(granted, ng, s.id)) &&
                            !storage_signal_sealed(s.compartment);
            if (expected != contains(found, nf, s.id))
                fprintf(stderr, "viewer %zu signal %zu: expected %d\n", vi, i, expected);
            CHECK(expected == contains(found, nf, s.id));
            checked++;
            readable += expected;
        }
        for (int ci = 0; ci < 4; ci++) {
            case_record c;
            CHECK(db->ops->case_get(db, &a, cases[ci], &c) == DB_ONE);
            CHECK(access_case_visible(v, &c) == contains(found_cases, nc, cases[ci]));
        }
        db->ops->rollback(db);
    }
    CHECK(checked == GRID * 10 && readable > 0 && readable < checked);
}

/* A copy into a new SQLite database (restore, migrate-data) finds what the original finds, for
 * the same viewers: the search index is derived and rebuilt after the import. */
static void an_import_rebuilds_the_search_index(void)
{
    char dir[] = "/tmp/schild-copy-XXXXXX", url[300];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(url, sizeof url, "sqlite:%s/copy.db", dir);
    storage *copy = cli_open_database(url);
    CHECK(copy != NULL);
    if (!copy)
        return;
    char err[256];
    CHECK(storage_copy(db, copy, NULL, err, sizeof err) >= 0);
    viewer viewers[] = {
        as_viewer(w.aivd, "daf.aivd", ROLE_ANALYST, "aivd"),
        as_viewer(w.nctv, "daf.nctv", ROLE_ANALYST, "nctv"),
        as_viewer(w.ref, "daf.ref", ROLE_REFERRER, "politie-amsterdam"),
        as_viewer(w.rdam, "daf.rdam", ROLE_ANALYST, "politie-rotterdam"),
        as_viewer(w.triage, "daf.triage", ROLE_TRIAGE, "nctv"),
    };
    static const char *const queries[] = {"rasterwoord",     "kraaiennest", "bedreigen",
                                          "Zeldzaamheidsma", "vossenjacht", "schaduwnetwerk"};
    storage *original = db;
    for (size_t vi = 0; vi < sizeof viewers / sizeof viewers[0]; vi++)
        for (size_t qi = 0; qi < sizeof queries / sizeof queries[0]; qi++) {
            int64_t before[512], after[512];
            size_t nb, na;
            db = original;
            int64_t tb = find_all(&viewers[vi], words(queries[qi]), before, NULL, 512, &nb);
            db = copy;
            int64_t ta = find_all(&viewers[vi], words(queries[qi]), after, NULL, 512, &na);
            bool same = tb == ta && nb == na;
            for (size_t i = 0; same && i < nb; i++)
                same = before[i] == after[i];
            if (!same)
                fprintf(stderr, "viewer %zu query %s: %lld/%zu before, %lld/%zu after\n", vi,
                        queries[qi], (long long)tb, nb, (long long)ta, na);
            CHECK(same);
        }
    db = copy;
    search_hit *hits;
    size_t n;
    CHECK(search_page(&viewers[0], words("uilenbal"), &hits, &n) == 1); /* the release */
    db = original;
    storage_close(copy);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
}

/* ---- decisions, measures, objects and services (docs/DECISIONS.md) ----
 * Each test makes its own cases with organisations no other test uses as a team member, so
 * the lists it reads hold only what it made. */

static struct {
    int64_t ref, authority, care, unit;
    /* what the copy test reads back */
    int64_t employee, service_case, protected_case, superseded, current_case, aftercare_case;
} dw;

/* A case of subject, referred by org, with the authority's organisation on the team and moved to
 * status with that authority (local domain); one person employed by employer on it. */
static int64_t protect_case(const char *org, const char *authority, case_subject subject,
                            case_status status, const char *at, const char *employer,
                            int64_t *person_id)
{
    tx_begin(TX_WRITE);
    case_record c = {.summary = "Bescherming",
                     .phenomenon = PHENOMENON_OTHER,
                     .referring_org = org,
                     .referred_by = dw.ref,
                     .created_at = at,
                     .subject = subject};
    CHECK(db->ops->case_insert(db, &a, &c) == DB_ONE);
    person_record p = {0, "Anouk", "", "Beschermd", "1975-05-05", "burgemeester", employer, 0};
    CHECK(db->ops->person_insert(db, &p, at) == DB_ONE);
    CHECK(db->ops->case_link_person(db, c.id, p.id) == DB_ONE);
    team_member m = {.org = org, .membership = "referrer"};
    CHECK(db->ops->case_team_add(db, c.id, &m) == DB_ONE);
    team_member t = {.org = authority, .membership = "authority"};
    CHECK(db->ops->case_team_add(db, c.id, &t) == DB_ONE);
    c.status = status;
    c.domain = DOMAIN_LOCAL;
    c.authority_org = authority;
    c.updated_at = at;
    CHECK(db->ops->case_update(db, &c) == DB_ONE);
    tx_commit();
    if (person_id)
        *person_id = p.id;
    return c.id;
}

static void decision_world(void)
{
    dw.ref = user("dec.ref", ROLE_REFERRER, "politie-den-haag");
    dw.authority = user("dec.authority", ROLE_AUTHORITY, "om-den-haag");
    dw.care = user("dec.care", ROLE_CARE, "politie-den-haag");
    dw.unit = user("dec.unit", ROLE_UNIT_LEAD, "politie-le");
}

static decision_record decision_of(int64_t case_id, const char *authority, const char *at)
{
    return (decision_record){.case_id = case_id,
                             .authority_org = authority,
                             .decided_by = dw.authority,
                             .decided_at = at,
                             .status = DSTATUS_IN_FORCE,
                             .basis = BASIS_ASSESSMENT,
                             .threat_level = 4,
                             .resistance_level = 3,
                             .proposed_threat_level = 4,
                             .proposed_resistance_level = 2,
                             .deviation_reasoning = "Kwetsbare woning",
                             .proportionality = "Noodzakelijk en proportioneel",
                             .tbp_view = "Stemt in",
                             .tbp_refusal = "",
                             .legal_basis = "Politiewet 2012 art. 3",
                             .review_date = "2027-02-15",
                             .contact_user_id = dw.care};
}

static db_status put_decision(decision_record *d, bool insert)
{
    tx_begin(TX_WRITE);
    db_status st = insert ? db->ops->decision_insert(db, d) : db->ops->decision_update(db, d);
    if (st < 0)
        db->ops->rollback(db);
    else
        tx_commit();
    return st;
}

static measure_record measure_of(int64_t decision_id, int64_t case_id, measure_type type,
                                 const char *executor, const char *start)
{
    return (measure_record){.decision_id = decision_id,
                            .case_id = case_id,
                            .type = type,
                            .executor_org = executor,
                            .start = start,
                            .end = "",
                            .details = "Twee posten",
                            .status = MSTATUS_PLANNED,
                            .planned_at = "2026-12-01T09:00:00.000Z"};
}

static db_status put_measure(measure_record *m, bool insert, int64_t by)
{
    tx_begin(TX_WRITE);
    db_status st = insert ? db->ops->measure_insert(db, m, by) : db->ops->measure_update(db, m, by);
    tx_commit();
    return st;
}

static void persons_carry_their_employer_and_cases_their_subject(void)
{
    int64_t pid;
    int64_t id =
        protect_case("politie-den-haag", "om-den-haag", CASE_SUBJECT_SERVICE, STATUS_ASSESSMENT,
                     "2026-12-01T08:00:00.000Z", "gemeente-den-haag", &pid);
    dw.employee = pid;
    int64_t plain = new_case("politie-den-haag", dw.ref, "2026-12-01T08:01:00.000Z");
    tx_begin(TX_READ);
    person_record p;
    CHECK(db->ops->person_get(db, &a, pid, &p) == DB_ONE);
    CHECK_STR(p.employer_org, "gemeente-den-haag");
    case_record c;
    CHECK(db->ops->case_get(db, &a, id, &c) == DB_ONE);
    CHECK(c.subject == CASE_SUBJECT_SERVICE && c.person_count == 1);
    CHECK(c.person_count == 1 && check_same_text(c.persons[0].employer_org, "gemeente-den-haag"));
    case_record *cases;
    size_t n;
    CHECK(db->ops->person_cases(db, &a, pid, &cases, &n) == 1);
    CHECK(n == 1 && cases[0].subject == CASE_SUBJECT_SERVICE);
    CHECK(db->ops->case_get(db, &a, plain, &c) == DB_ONE);
    CHECK(c.subject == CASE_SUBJECT_PERSONS); /* the default */
    CHECK(c.person_count == 1 && check_same_text(c.persons[0].employer_org, ""));
    viewer om = as_viewer(dw.authority, "dec.authority", ROLE_AUTHORITY, "om-den-haag");
    case_query q = {STATUS_ASSESSMENT, SORT_NEWEST, 1, MAX_PAGE_SIZE};
    int64_t total;
    CHECK(db->ops->case_list(db, &a, &q, &om, SCOPE_TEAM, &cases, &n, &total) >= 1);
    bool listed = false;
    for (size_t i = 0; i < n; i++)
        if (cases[i].id == id)
            listed = cases[i].subject == CASE_SUBJECT_SERVICE &&
                     check_same_text(cases[i].persons[0].employer_org, "gemeente-den-haag");
    CHECK(listed);
    db->ops->rollback(db);

    /* an update keeps the subject */
    CHECK(storage_transact(db, TX_READ, get_case, &(ctx){&c, id}) == DB_ONE);
    c.status = STATUS_DECISION;
    c.updated_at = "2026-12-01T09:00:00.000Z";
    CHECK(storage_transact(db, TX_WRITE, update_case, &(ctx){&c, 0}) == DB_ONE);
    CHECK(storage_transact(db, TX_READ, get_case, &(ctx){&c, id}) == DB_ONE);
    CHECK(c.subject == CASE_SUBJECT_SERVICE && c.status == STATUS_DECISION);
}

static void users_are_found_by_id(void)
{
    tx_begin(TX_READ);
    user_row u;
    CHECK(db->ops->user_by_id(db, &a, dw.care, &u) == DB_ONE);
    CHECK(u.id == dw.care && check_same_text(u.username, "dec.care"));
    CHECK_STR(u.display_name, "dec.care");
    CHECK_STR(u.org, "politie-den-haag");
    CHECK(u.role == ROLE_CARE && u.active);
    CHECK(db->ops->user_by_id(db, &a, 987654321, &u) == DB_NONE);
    db->ops->rollback(db);
}

static void decisions_are_versioned_and_one_is_in_force(void)
{
    int64_t id = protect_case("politie-den-haag", "om-den-haag", CASE_SUBJECT_PERSONS,
                              STATUS_DECISION, "2026-12-02T08:00:00.000Z", "", NULL);
    assessment_record x = draft(id, dw.ref);
    x.status = ASSESSMENT_FINAL;
    x.valid_until = "2027-03-01";
    CHECK(put_assessment(&x, true) == DB_ONE);

    decision_record d1 = decision_of(id, "om-den-haag", "2026-12-02T10:00:00.000Z"), got;
    d1.assessment_id = x.id;
    CHECK(put_decision(&d1, true) == DB_ONE && d1.id > 0 && d1.version == 1);
    tx_begin(TX_READ);
    CHECK(db->ops->decision_get(db, &a, d1.id, &got) == DB_ONE);
    CHECK(got.case_id == id && got.case_reference && strncmp(got.case_reference, "SBP-", 4) == 0);
    CHECK_STR(got.authority_org, "om-den-haag");
    CHECK(got.decided_by == dw.authority &&
          check_same_text(got.decided_by_username, "dec.authority"));
    CHECK_STR(got.decided_at, "2026-12-02T10:00:00.000Z");
    CHECK(got.status == DSTATUS_IN_FORCE && got.basis == BASIS_ASSESSMENT);
    CHECK(got.assessment_id == x.id && got.threat_level == 4 && got.resistance_level == 3);
    CHECK(got.proposed_threat_level == 4 && got.proposed_resistance_level == 2);
    CHECK_STR(got.deviation_reasoning, "Kwetsbare woning");
    CHECK_STR(got.proportionality, "Noodzakelijk en proportioneel");
    CHECK_STR(got.tbp_view, "Stemt in");
    CHECK_STR(got.tbp_not_heard_reason, "");
    CHECK_STR(got.tbp_refusal, "");
    CHECK_STR(got.legal_basis, "Politiewet 2012 art. 3");
    CHECK_STR(got.review_date, "2027-02-15");
    CHECK_STR(got.below_package_reason, "");
    CHECK_STR(got.confirm_by, "");
    CHECK(got.contact_user_id == dw.care && check_same_text(got.contact_username, "dec.care"));
    CHECK_STR(got.contact_display_name, "dec.care");
    CHECK(got.supersedes == 0 && got.version == 1 && got.measure_count == 0);
    CHECK(db->ops->decision_in_force(db, &a, id, &got) == DB_ONE && got.id == d1.id);
    CHECK(db->ops->decision_get(db, &a, 987654321, &got) == DB_NONE);
    db->ops->rollback(db);

    /* a second decision in force on the same case is refused by the database itself */
    decision_record twin = decision_of(id, "om-den-haag", "2026-12-02T11:00:00.000Z");
    twin.basis = BASIS_CATEGORY_I;
    twin.threat_level = 0;
    CHECK(put_decision(&twin, true) != DB_ONE);

    /* supersede: the old one leaves force, a stale writer changes nothing */
    decision_record stale = d1;
    d1.status = DSTATUS_SUPERSEDED;
    CHECK(put_decision(&d1, false) == DB_ONE && d1.version == 2);
    stale.status = DSTATUS_ENDED;
    CHECK(put_decision(&stale, false) == DB_NONE);
    decision_record d2 = decision_of(id, "om-den-haag", "2026-12-03T10:00:00.000Z");
    d2.basis = BASIS_URGENT;
    d2.confirm_by = "2026-12-17";
    d2.contact_user_id = 0;
    d2.supersedes = d1.id;
    CHECK(put_decision(&d2, true) == DB_ONE);

    tx_begin(TX_READ);
    CHECK(db->ops->decision_in_force(db, &a, id, &got) == DB_ONE);
    CHECK(got.id == d2.id && got.supersedes == d1.id && got.basis == BASIS_URGENT);
    CHECK_STR(got.confirm_by, "2026-12-17");
    CHECK(got.contact_user_id == 0 && !got.contact_username && got.assessment_id == 0);
    CHECK(db->ops->decision_get(db, &a, d1.id, &got) == DB_ONE);
    CHECK(got.status == DSTATUS_SUPERSEDED && got.version == 2);
    decision_record *list;
    size_t n;
    CHECK(db->ops->decision_list(db, &a, id, &list, &n) == 2);
    CHECK(n == 2 && list[0].id == d2.id && list[1].id == d1.id); /* newest first */
    CHECK(list[0].measure_count == 0 && list[1].status == DSTATUS_SUPERSEDED);
    db->ops->rollback(db);

    /* ending leaves the case without a decision in force */
    d2.status = DSTATUS_ENDED;
    CHECK(put_decision(&d2, false) == DB_ONE);
    tx_begin(TX_READ);
    CHECK(db->ops->decision_in_force(db, &a, id, &got) == DB_NONE);
    db->ops->rollback(db);
}

static bool measures_are(const measure_record *m, size_t n, int64_t first, int64_t second)
{
    return n == 2 && m[0].id == first && m[1].id == second;
}

static void measures_continue_end_and_reach_their_executors(void)
{
    int64_t id = protect_case("politie-den-haag", "om-den-haag", CASE_SUBJECT_PERSONS,
                              STATUS_PROTECTION, "2026-12-04T08:00:00.000Z", "", NULL);
    int64_t other = protect_case("politie-den-haag", "om-den-haag", CASE_SUBJECT_PERSONS,
                                 STATUS_PROTECTION, "2026-12-04T08:30:00.000Z", "", NULL);
    object_record home = {.kind = OBJECT_RESIDENCE,
                          .name = "Woning",
                          .address = "Lange Voorhout 1",
                          .municipality = "gemeente-den-haag",
                          .district = "den-haag",
                          .case_id = id,
                          .created_at = "2026-12-04T08:10:00.000Z"};
    tx_begin(TX_WRITE);
    CHECK(db->ops->object_insert(db, &home) == DB_ONE);
    tx_commit();
    decision_record d1 = decision_of(id, "om-den-haag", "2026-12-04T10:00:00.000Z");
    CHECK(put_decision(&d1, true) == DB_ONE);
    dw.protected_case = id;
    dw.superseded = d1.id;
    measure_record escort = measure_of(d1.id, id, MEASURE_ESCORT, "politie-le", "2026-12-05");
    measure_record guard = measure_of(d1.id, id, MEASURE_STATIC_GUARDING, "kmar", "2026-12-05");
    guard.object_id = home.id;
    guard.end = "2027-01-31";
    CHECK(put_measure(&escort, true, dw.authority) == DB_ONE && escort.version == 1);
    CHECK(put_measure(&guard, true, dw.authority) == DB_ONE && guard.id > escort.id);

    measure_record got;
    tx_begin(TX_READ);
    CHECK(db->ops->measure_get(db, &a, guard.id, &got) == DB_ONE);
    CHECK(got.decision_id == d1.id && got.case_id == id && got.case_reference);
    CHECK(got.type == MEASURE_STATIC_GUARDING && check_same_text(got.executor_org, "kmar"));
    CHECK_STR(got.executor_org_name, "Koninklijke Marechaussee");
    CHECK(got.object_id == home.id && check_same_text(got.start, "2026-12-05"));
    CHECK_STR(got.end, "2027-01-31");
    CHECK_STR(got.details, "Twee posten");
    CHECK(got.status == MSTATUS_PLANNED &&
          check_same_text(got.planned_at, "2026-12-01T09:00:00.000Z"));
    CHECK(!got.activated_at && !got.suspended_at && !got.ended_at);
    CHECK_STR(got.note, "");
    CHECK_STR(got.updated_by_username, "dec.authority");
    CHECK(got.version == 1);
    CHECK(db->ops->measure_get(db, &a, escort.id, &got) == DB_ONE);
    CHECK(got.object_id == 0 && check_same_text(got.end, ""));
    decision_record dg;
    CHECK(db->ops->decision_get(db, &a, d1.id, &dg) == DB_ONE);
    CHECK(measures_are(dg.measures, dg.measure_count, escort.id, guard.id));
    db->ops->rollback(db);

    /* the executor activates the escort; a stale writer changes nothing */
    measure_record stale = escort;
    escort.status = MSTATUS_ACTIVE;
    escort.activated_at = "2026-12-05T07:00:00.000Z";
    escort.note = "Team A";
    CHECK(put_measure(&escort, false, dw.unit) == DB_ONE && escort.version == 2);
    stale.status = MSTATUS_ENDED;
    CHECK(put_measure(&stale, false, dw.unit) == DB_NONE);

    /* a new decision continues the escort (same measure, same status) and ends the guard */
    d1.status = DSTATUS_SUPERSEDED;
    CHECK(put_decision(&d1, false) == DB_ONE);
    decision_record d2 = decision_of(id, "om-den-haag", "2026-12-10T10:00:00.000Z");
    d2.supersedes = d1.id;
    CHECK(put_decision(&d2, true) == DB_ONE);
    escort.decision_id = d2.id;
    escort.end = "2027-03-01";
    escort.details = "Vier posten";
    CHECK(put_measure(&escort, false, dw.authority) == DB_ONE);
    guard.status = MSTATUS_ENDED;
    guard.ended_at = "2026-12-10T10:00:00.000Z";
    guard.note = "Beëindigd door besluit";
    CHECK(put_measure(&guard, false, dw.authority) == DB_ONE);

    tx_begin(TX_READ);
    CHECK(db->ops->measure_get(db, &a, escort.id, &got) == DB_ONE);
    CHECK(got.decision_id == d2.id && got.status == MSTATUS_ACTIVE && got.version == 3);
    CHECK_STR(got.activated_at, "2026-12-05T07:00:00.000Z");
    CHECK_STR(got.planned_at, "2026-12-01T09:00:00.000Z");
    CHECK_STR(got.end, "2027-03-01");
    CHECK_STR(got.details, "Vier posten");
    CHECK_STR(got.note, "Team A");
    CHECK_STR(got.updated_by_username, "dec.authority");
    CHECK(db->ops->measure_get(db, &a, guard.id, &got) == DB_ONE);
    CHECK(got.status == MSTATUS_ENDED && check_same_text(got.ended_at, "2026-12-10T10:00:00.000Z"));
    CHECK_STR(got.note, "Beëindigd door besluit");
    CHECK(db->ops->decision_get(db, &a, d2.id, &dg) == DB_ONE);
    CHECK(dg.measure_count == 1 && dg.measures[0].id == escort.id);
    CHECK(db->ops->decision_get(db, &a, d1.id, &dg) == DB_ONE);
    CHECK(dg.measure_count == 1 && dg.measures[0].id == guard.id);
    measure_record *list;
    size_t n;
    CHECK(db->ops->measure_list_case(db, &a, id, &list, &n) == 2);
    CHECK(measures_are(list, n, escort.id, guard.id));
    CHECK(db->ops->measure_list_case(db, &a, other, &list, &n) == 0);
    db->ops->rollback(db);

    /* work orders: open measures only, oldest start first, across cases */
    decision_record d3 = decision_of(other, "om-den-haag", "2026-12-04T11:00:00.000Z");
    CHECK(put_decision(&d3, true) == DB_ONE);
    measure_record early =
        measure_of(d3.id, other, MEASURE_SECURITY_ADVICE, "politie-le", "2026-12-04");
    measure_record suspended =
        measure_of(d3.id, other, MEASURE_CLOSE_PROTECTION, "politie-le", "2026-12-20");
    suspended.status = MSTATUS_SUSPENDED;
    suspended.suspended_at = "2026-12-21T10:00:00.000Z";
    CHECK(put_measure(&early, true, dw.authority) == DB_ONE);
    CHECK(put_measure(&suspended, true, dw.authority) == DB_ONE);
    tx_begin(TX_READ);
    CHECK(db->ops->measure_list_executor(db, &a, "politie-le", &list, &n) == 3);
    CHECK(n == 3 && list[0].id == early.id && list[1].id == escort.id &&
          list[2].id == suspended.id);
    CHECK(list[0].case_id == other && list[0].case_reference);
    CHECK_STR(list[2].executor_org_name, "Politie Landelijke Eenheid (incl. DKDB)");
    CHECK(db->ops->measure_list_executor(db, &a, "kmar", &list, &n) == 0); /* ended */
    CHECK(db->ops->measure_list_executor(db, &a, "politie-limburg", &list, &n) == 0);
    db->ops->rollback(db);
}

static signal_record signal_at(int64_t case_id, const char *created_at)
{
    return (signal_record){.case_id = case_id,
                           .received_at = "2026-12-01",
                           .source_org = "politie-rotterdam",
                           .source_grade = SOURCE_A,
                           .info_grade = INFO_1,
                           .handling = HANDLING_H1,
                           .handling_note = "",
                           .compartment = COMPARTMENT_POLICE,
                           .text = "Nieuwe dreiging",
                           .recorded_by = dw.ref,
                           .created_at = created_at};
}

static const case_currency *currency_of(const case_currency *list, size_t n, int64_t case_id)
{
    for (size_t i = 0; i < n; i++)
        if (list[i].case_id == case_id)
            return &list[i];
    return NULL;
}

static void currency_holds_the_facts_of_staying_current(void)
{
    /* Rotterdam's cases: viewers of other organisations see none of them */
    const char *ref_org = "politie-rotterdam", *om = "om-rotterdam";
    int64_t prot = protect_case(ref_org, om, CASE_SUBJECT_OBJECT, STATUS_PROTECTION,
                                "2026-12-05T08:00:00.000Z", "", NULL);
    int64_t waiting = protect_case(ref_org, om, CASE_SUBJECT_PERSONS, STATUS_DECISION,
                                   "2026-12-05T08:01:00.000Z", "", NULL);
    int64_t due = protect_case(ref_org, om, CASE_SUBJECT_PERSONS, STATUS_CLOSED,
                               "2026-12-05T08:02:00.000Z", "", NULL);
    int64_t later = protect_case(ref_org, om, CASE_SUBJECT_PERSONS, STATUS_CLOSED,
                                 "2026-12-05T08:03:00.000Z", "", NULL);
    int64_t early = protect_case(ref_org, om, CASE_SUBJECT_PERSONS, STATUS_ASSESSMENT,
                                 "2026-12-05T08:04:00.000Z", "", NULL);
    /* visible to Rotterdam's OM, but another authority's (transferred) */
    int64_t elsewhere = protect_case(ref_org, "om-den-haag", CASE_SUBJECT_PERSONS,
                                     STATUS_PROTECTION, "2026-12-05T08:05:00.000Z", "", NULL);
    dw.current_case = prot;
    dw.aftercare_case = due;
    team_member m = {.org = om, .membership = "authority"};
    CHECK(storage_transact(db, TX_WRITE, add_member, &(ctx){&m, elsewhere}) >= 0);

    assessment_record old = draft(prot, dw.ref), final = draft(prot, dw.ref);
    old.status = ASSESSMENT_SUPERSEDED;
    old.valid_until = "2026-12-31";
    final.product = PRODUCT_RA;
    final.status = ASSESSMENT_FINAL;
    final.valid_until = "2027-01-15";
    CHECK(put_assessment(&old, true) == DB_ONE && put_assessment(&final, true) == DB_ONE);
    decision_record gone = decision_of(prot, om, "2026-12-05T09:00:00.000Z");
    CHECK(put_decision(&gone, true) == DB_ONE);
    gone.status = DSTATUS_SUPERSEDED;
    CHECK(put_decision(&gone, false) == DB_ONE);
    decision_record d = decision_of(prot, "om-amsterdam", "2026-12-06T10:00:00.000Z");
    d.basis = BASIS_URGENT;
    d.confirm_by = "2026-12-20";
    d.review_date = "2027-01-10";
    CHECK(put_decision(&d, true) == DB_ONE);
    measure_record open1 = measure_of(d.id, prot, MEASURE_CAMERA_MONITORING, "kmar", "2026-12-06");
    measure_record open2 = measure_of(d.id, prot, MEASURE_STATIC_GUARDING, "kmar", "2026-12-07");
    measure_record ended = measure_of(d.id, prot, MEASURE_POLICE_ATTENTION, "kmar", "2026-12-07");
    open2.status = MSTATUS_ACTIVE;
    ended.status = MSTATUS_ENDED;
    CHECK(put_measure(&open1, true, dw.authority) == DB_ONE);
    CHECK(put_measure(&open2, true, dw.authority) == DB_ONE);
    CHECK(put_measure(&ended, true, dw.authority) == DB_ONE);
    tx_begin(TX_WRITE);
    signal_record s1 = signal_at(prot, "2026-12-07T10:00:00.000Z");
    signal_record s2 = signal_at(prot, "2026-12-08T10:00:00.000Z");
    CHECK(db->ops->signal_insert(db, &s2) == DB_ONE && db->ops->signal_insert(db, &s1) == DB_ONE);
    CHECK(db->ops->aftercare_insert(db, due, "2027-01-05", "2026-12-05T10:00:00.000Z") == DB_ONE);
    CHECK(db->ops->aftercare_insert(db, due, "2027-02-05", "2026-12-05T11:00:00.000Z") ==
          DB_NONE); /* one per case */
    CHECK(db->ops->aftercare_insert(db, later, "2027-03-01", "2026-12-05T10:00:00.000Z") == DB_ONE);
    tx_commit();

    case_currency cc;
    tx_begin(TX_READ);
    CHECK(db->ops->currency_get(db, &a, prot, &cc) == DB_ONE);
    CHECK(cc.case_id == prot && cc.reference && cc.status == STATUS_PROTECTION);
    CHECK(cc.domain == DOMAIN_LOCAL && cc.subject == CASE_SUBJECT_OBJECT && !cc.urgent);
    CHECK_STR(cc.authority_org, om);
    CHECK(cc.assessment_id == final.id && cc.assessment_product == PRODUCT_RA);
    CHECK_STR(cc.assessment_valid_until, "2027-01-15");
    CHECK(cc.decision_id == d.id && cc.decision_basis == BASIS_URGENT);
    CHECK_STR(cc.decision_at, "2026-12-06T10:00:00.000Z");
    CHECK_STR(cc.decision_authority_org, "om-amsterdam");
    CHECK_STR(cc.review_date, "2027-01-10");
    CHECK_STR(cc.confirm_by, "2026-12-20");
    CHECK_STR(cc.last_signal_at, "2026-12-08T10:00:00.000Z");
    CHECK(cc.open_measures == 2 && !cc.aftercare_on);
    CHECK(db->ops->currency_get(db, &a, early, &cc) == DB_ONE);
    CHECK(cc.assessment_id == 0 && cc.assessment_product == PRODUCT_NONE);
    CHECK(!cc.assessment_valid_until && cc.decision_id == 0 && !cc.decision_at);
    CHECK(!cc.last_signal_at && cc.open_measures == 0 && !cc.aftercare_on);
    CHECK(db->ops->currency_get(db, &a, due, &cc) == DB_ONE);
    CHECK(cc.status == STATUS_CLOSED && check_same_text(cc.aftercare_on, "2027-01-05"));
    CHECK(db->ops->currency_get(db, &a, 987654321, &cc) == DB_NONE);

    /* the list: decision and protection, closed only once aftercare is due; oldest first */
    viewer ov = as_viewer(dw.authority, "dec.authority", ROLE_AUTHORITY, om);
    case_currency *list;
    size_t n;
    CHECK(db->ops->currency_list(db, &a, &ov, SCOPE_TEAM, NULL, "2027-01-05", &list, &n) == 4);
    CHECK(n == 4 && list[0].case_id == prot && list[1].case_id == waiting);
    CHECK(list[2].case_id == due && list[3].case_id == elsewhere);
    CHECK(list[0].open_measures == 2 && list[0].decision_id == d.id);
    CHECK_STR(list[0].last_signal_at, "2026-12-08T10:00:00.000Z");
    CHECK(db->ops->currency_list(db, &a, &ov, SCOPE_TEAM, NULL, "2027-01-04", &list, &n) == 3);
    CHECK(!currency_of(list, n, due)); /* not yet due */
    CHECK(db->ops->currency_list(db, &a, &ov, SCOPE_TEAM, om, "2027-03-01", &list, &n) == 4);
    CHECK(currency_of(list, n, later) && !currency_of(list, n, elsewhere));
    CHECK(!currency_of(list, n, early));
    viewer stranger = as_viewer(dw.care, "dec.care", ROLE_CARE, "politie-limburg");
    CHECK(db->ops->currency_list(db, &a, &stranger, SCOPE_TEAM, NULL, "2027-03-01", &list, &n) ==
          0);
    CHECK(db->ops->currency_list(db, &a, &ov, SCOPE_NONE, NULL, "2027-03-01", &list, &n) == 0);
    /* triage also sees cases in intake, none of which needs staying current */
    CHECK(db->ops->currency_list(db, &a, &stranger, SCOPE_TEAM_OR_REFERRED, NULL, "2027-03-01",
                                 &list, &n) == 0);
    db->ops->rollback(db);
}

static void the_limitative_list_keeps_category_i_in_force_until_its_date(void)
{
    int64_t p1, p2, p3;
    protect_case("politie-den-haag", "om-den-haag", CASE_SUBJECT_PERSONS, STATUS_ASSESSMENT,
                 "2026-12-06T08:00:00.000Z", "", &p1);
    protect_case("politie-den-haag", "om-den-haag", CASE_SUBJECT_PERSONS, STATUS_ASSESSMENT,
                 "2026-12-06T08:01:00.000Z", "", &p2);
    protect_case("politie-den-haag", "om-den-haag", CASE_SUBJECT_PERSONS, STATUS_ASSESSMENT,
                 "2026-12-06T08:02:00.000Z", "", &p3);
    int64_t nctv = user("dec.nctv", ROLE_AUTHORITY, "nctv");
    limitative_entry temporary = {.person_id = p1,
                                  .category = 1,
                                  .until = "2027-06-01",
                                  .reasoning = "Tijdelijk",
                                  .added_by = nctv,
                                  .added_at = "2026-12-06T10:00:00.000Z"};
    limitative_entry lasting = {.person_id = p2,
                                .category = 1,
                                .until = "",
                                .reasoning = "Ambt",
                                .added_by = nctv,
                                .added_at = "2026-12-06T10:01:00.000Z"};
    limitative_entry second = {.person_id = p3,
                               .category = 2,
                               .until = "",
                               .reasoning = "Categorie II",
                               .added_by = nctv,
                               .added_at = "2026-12-06T10:02:00.000Z"};
    tx_begin(TX_WRITE);
    CHECK(db->ops->limitative_insert(db, &temporary) == DB_ONE && temporary.id > 0);
    CHECK(db->ops->limitative_insert(db, &lasting) == DB_ONE);
    CHECK(db->ops->limitative_insert(db, &second) == DB_ONE);
    tx_commit();
    tx_begin(TX_READ);
    limitative_entry e;
    CHECK(db->ops->limitative_for_person(db, &a, p1, "2027-06-01", &e) == DB_ONE);
    CHECK(e.id == temporary.id && e.category == 1 && check_same_text(e.until, "2027-06-01"));
    CHECK_STR(e.person_name, "Anouk Beschermd");
    CHECK_STR(e.reasoning, "Tijdelijk");
    CHECK(e.added_by == nctv && check_same_text(e.added_by_username, "dec.nctv"));
    CHECK_STR(e.added_at, "2026-12-06T10:00:00.000Z");
    CHECK(db->ops->limitative_for_person(db, &a, p1, "2027-06-02", &e) == DB_NONE); /* expired */
    CHECK(db->ops->limitative_for_person(db, &a, p2, "2099-01-01", &e) == DB_ONE);
    CHECK(db->ops->limitative_for_person(db, &a, p3, "2027-01-01", &e) == DB_NONE); /* cat. II */
    limitative_entry *list;
    size_t n;
    CHECK(db->ops->limitative_list(db, &a, &list, &n) >= 3);
    size_t found = 0;
    for (size_t i = 0; i < n; i++)
        if (list[i].id == temporary.id || list[i].id == lasting.id || list[i].id == second.id)
            found += check_same_text(list[i].person_name, "Anouk Beschermd") &&
                     check_same_text(list[i].added_by_username, "dec.nctv");
    CHECK(found == 3);
    db->ops->rollback(db);
}

static object_record object_named(const char *name, int64_t case_id, int64_t person_id)
{
    return (object_record){.kind = person_id ? OBJECT_RESIDENCE : OBJECT_EMBASSY,
                           .name = name,
                           .address = "Plein 1",
                           .municipality = person_id ? "" : "gemeente-utrecht",
                           .district = "midden-nederland",
                           .national_list = false,
                           .person_id = person_id,
                           .case_id = case_id,
                           .created_at = "2026-12-07T10:00:00.000Z"};
}

static void objects_and_services_are_seen_through_their_case(void)
{
    /* Utrecht's mayor is the authority of these cases only */
    const char *mayor = "gemeente-utrecht";
    int64_t pid;
    int64_t c1 = protect_case("politie-midden-nederland", mayor, CASE_SUBJECT_OBJECT,
                              STATUS_ASSESSMENT, "2026-12-07T08:00:00.000Z", "", NULL);
    int64_t c2 = protect_case("politie-midden-nederland", mayor, CASE_SUBJECT_OBJECT,
                              STATUS_ASSESSMENT, "2026-12-07T08:01:00.000Z", "", NULL);
    int64_t person_case = protect_case("politie-midden-nederland", mayor, CASE_SUBJECT_PERSONS,
                                       STATUS_PROTECTION, "2026-12-07T08:02:00.000Z", "", &pid);
    int64_t sc = protect_case("politie-midden-nederland", mayor, CASE_SUBJECT_SERVICE,
                              STATUS_ASSESSMENT, "2026-12-07T08:03:00.000Z", "", NULL);
    dw.service_case = sc;
    object_record zuil = object_named("Zuil", c1, 0), ambassade = object_named("Ambassade", c2, 0),
                  huis = object_named("Huis", person_case, pid);
    huis.kind = OBJECT_RESIDENCE;
    ambassade.national_list = true;
    ambassade.municipality = "";
    service_record event = {.name = "Koningsdag",
                            .venue = "Domplein",
                            .starts_at = "2027-04-27",
                            .ends_at = "2027-04-27",
                            .municipality = mayor,
                            .district = "midden-nederland",
                            .case_id = sc,
                            .created_at = "2026-12-07T10:00:00.000Z"};
    tx_begin(TX_WRITE);
    CHECK(db->ops->object_insert(db, &zuil) == DB_ONE && zuil.id > 0 && zuil.version == 1);
    CHECK(db->ops->object_insert(db, &ambassade) == DB_ONE);
    CHECK(db->ops->object_insert(db, &huis) == DB_ONE);
    CHECK(db->ops->service_insert(db, &event) == DB_ONE && event.id > 0 && event.version == 1);
    tx_commit();

    tx_begin(TX_READ);
    object_record o;
    CHECK(db->ops->object_get(db, &a, huis.id, &o) == DB_ONE);
    CHECK(o.kind == OBJECT_RESIDENCE && check_same_text(o.name, "Huis"));
    CHECK_STR(o.address, "Plein 1");
    CHECK_STR(o.municipality, "");
    CHECK_STR(o.district, "midden-nederland");
    CHECK(!o.national_list && o.person_id == pid && o.case_id == person_case);
    CHECK(o.case_reference && strncmp(o.case_reference, "SBP-", 4) == 0);
    CHECK_STR(o.created_at, "2026-12-07T10:00:00.000Z");
    CHECK(o.version == 1);
    CHECK(db->ops->object_get(db, &a, ambassade.id, &o) == DB_ONE);
    CHECK(o.kind == OBJECT_EMBASSY && o.national_list && o.person_id == 0);
    CHECK(db->ops->object_get(db, &a, 987654321, &o) == DB_NONE);
    object_record *objs;
    size_t n;
    CHECK(db->ops->object_list_case(db, &a, person_case, &objs, &n) == 1);
    CHECK(n == 1 && objs[0].id == huis.id);
    CHECK(db->ops->object_list_case(db, &a, sc, &objs, &n) == 0);

    /* lists: by name, paged, with the total of what the viewer sees */
    viewer mv = as_viewer(dw.authority, "x", ROLE_AUTHORITY, mayor);
    int64_t total;
    CHECK(db->ops->object_list(db, &a, &mv, SCOPE_TEAM, 1, 2, &objs, &n, &total) == 2);
    CHECK(total == 3 && n == 2 && objs[0].id == ambassade.id && objs[1].id == huis.id);
    CHECK(check_same_text(objs[0].case_reference, o.case_reference));
    CHECK(db->ops->object_list(db, &a, &mv, SCOPE_TEAM, 2, 2, &objs, &n, &total) == 1);
    CHECK(total == 3 && n == 1 && objs[0].id == zuil.id);
    viewer stranger = as_viewer(dw.care, "x", ROLE_AUTHORITY, "gemeente-amsterdam");
    CHECK(db->ops->object_list(db, &a, &stranger, SCOPE_TEAM, 1, 25, &objs, &n, &total) == 0);
    CHECK(total == 0);
    CHECK(db->ops->object_list(db, &a, &mv, SCOPE_NONE, 1, 25, &objs, &n, &total) == 0);
    CHECK(db->ops->object_list(db, &a, &stranger, SCOPE_TEAM_OR_REFERRED, 1, 25, &objs, &n,
                               &total) == 0); /* objects' cases are past intake */
    CHECK(db->ops->object_list(db, &a, &mv, SCOPE_TEAM_OR_REFERRED, 1, 25, &objs, &n, &total) == 3);

    service_record sv;
    CHECK(db->ops->service_get(db, &a, event.id, &sv) == DB_ONE);
    CHECK_STR(sv.name, "Koningsdag");
    CHECK_STR(sv.venue, "Domplein");
    CHECK_STR(sv.starts_at, "2027-04-27");
    CHECK_STR(sv.ends_at, "2027-04-27");
    CHECK_STR(sv.municipality, mayor);
    CHECK_STR(sv.district, "midden-nederland");
    CHECK(!sv.national_list && sv.case_id == sc && sv.case_reference && sv.version == 1);
    CHECK_STR(sv.created_at, "2026-12-07T10:00:00.000Z");
    CHECK(db->ops->service_get(db, &a, 987654321, &sv) == DB_NONE);
    CHECK(db->ops->service_by_case(db, &a, sc, &sv) == DB_ONE && sv.id == event.id);
    CHECK(db->ops->service_by_case(db, &a, c1, &sv) == DB_NONE);
    service_record *svs;
    CHECK(db->ops->service_list(db, &a, &mv, SCOPE_TEAM, 1, 25, &svs, &n, &total) == 1);
    CHECK(total == 1 && n == 1 && svs[0].id == event.id);
    CHECK(db->ops->service_list(db, &a, &stranger, SCOPE_TEAM, 1, 25, &svs, &n, &total) == 0);
    CHECK(total == 0);
    db->ops->rollback(db);
}

/* What the copy test compares: read from one database in one read transaction. */
typedef struct decision_snapshot {
    person_record person;
    case_record service_case;
    decision_record ended_by, continued_in;
    measure_record *measures;
    size_t measure_count;
    case_currency currency;
    object_record *objects;
    size_t object_count;
    int64_t object_total;
    service_record service;
    limitative_entry *list;
    size_t list_count;
} decision_snapshot;

static void snapshot_of(storage *s, decision_snapshot *out)
{
    memset(out, 0, sizeof *out);
    viewer mayor = as_viewer(dw.authority, "x", ROLE_AUTHORITY, "gemeente-utrecht");
    CHECK(s->ops->begin(s, TX_READ) >= 0);
    CHECK(s->ops->person_get(s, &a, dw.employee, &out->person) == DB_ONE);
    CHECK(s->ops->case_get(s, &a, dw.service_case, &out->service_case) == DB_ONE);
    CHECK(s->ops->decision_get(s, &a, dw.superseded, &out->ended_by) == DB_ONE);
    CHECK(s->ops->decision_in_force(s, &a, dw.protected_case, &out->continued_in) == DB_ONE);
    CHECK(s->ops->measure_list_case(s, &a, dw.protected_case, &out->measures,
                                    &out->measure_count) == 2);
    CHECK(s->ops->currency_get(s, &a, dw.current_case, &out->currency) == DB_ONE);
    CHECK(s->ops->object_list(s, &a, &mayor, SCOPE_TEAM, 1, 100, &out->objects, &out->object_count,
                              &out->object_total) == 3);
    CHECK(s->ops->service_by_case(s, &a, dw.service_case, &out->service) == DB_ONE);
    CHECK(s->ops->limitative_list(s, &a, &out->list, &out->list_count) >= 3);
    s->ops->rollback(s);
}

/* Backup, restore and migrate-data carry the new tables and columns: a copy into a new SQLite
 * database reads back the same decisions, measures, objects, services, aftercare and list. */
static void a_copy_carries_decisions_objects_and_services(void)
{
    char dir[] = "/tmp/schild-copy-XXXXXX", url[300];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(url, sizeof url, "sqlite:%s/copy.db", dir);
    storage *copy = cli_open_database(url);
    CHECK(copy != NULL);
    if (!copy)
        return;
    char err[256];
    CHECK(storage_copy(db, copy, NULL, err, sizeof err) >= 0);
    decision_snapshot x, y;
    snapshot_of(db, &x);
    snapshot_of(copy, &y);
    CHECK(check_same_text(x.person.employer_org, "gemeente-den-haag"));
    CHECK_STR(y.person.employer_org, x.person.employer_org);
    CHECK(y.service_case.subject == CASE_SUBJECT_SERVICE);
    CHECK(y.ended_by.status == DSTATUS_SUPERSEDED && y.ended_by.version == x.ended_by.version);
    CHECK(y.ended_by.measure_count == 1 && x.ended_by.measure_count == 1 &&
          y.ended_by.measures[0].id == x.ended_by.measures[0].id);
    CHECK(y.continued_in.id == x.continued_in.id && y.continued_in.supersedes == dw.superseded);
    CHECK(y.continued_in.contact_user_id == dw.care &&
          check_same_text(y.continued_in.proportionality, x.continued_in.proportionality));
    CHECK(y.measure_count == 2 && x.measure_count == 2);
    for (size_t i = 0; i < 2 && i < y.measure_count && i < x.measure_count; i++) {
        const measure_record *m = &y.measures[i], *n = &x.measures[i];
        CHECK(m->id == n->id && m->decision_id == n->decision_id && m->status == n->status);
        CHECK(m->type == n->type && m->object_id == n->object_id && m->version == n->version);
        CHECK(check_same_text(m->note, n->note) && check_same_text(m->end, n->end));
        CHECK(!n->activated_at ? !m->activated_at
                               : check_same_text(m->activated_at, n->activated_at));
        CHECK(!n->ended_at ? !m->ended_at : check_same_text(m->ended_at, n->ended_at));
    }
    CHECK(y.currency.decision_id == x.currency.decision_id && y.currency.open_measures == 2);
    CHECK(y.currency.assessment_id == x.currency.assessment_id);
    CHECK_STR(y.currency.last_signal_at, x.currency.last_signal_at);
    CHECK(y.object_total == 3 && y.object_count == x.object_count);
    for (size_t i = 0; i < y.object_count && i < x.object_count; i++)
        CHECK(y.objects[i].id == x.objects[i].id && y.objects[i].kind == x.objects[i].kind &&
              y.objects[i].national_list == x.objects[i].national_list &&
              y.objects[i].person_id == x.objects[i].person_id);
    CHECK(y.service.id == x.service.id && check_same_text(y.service.venue, x.service.venue));
    CHECK(y.list_count == x.list_count);
    for (size_t i = 0; i < y.list_count && i < x.list_count; i++)
        CHECK(y.list[i].id == x.list[i].id && check_same_text(y.list[i].until, x.list[i].until));
    /* aftercare */
    tx_begin(TX_READ);
    case_currency cc;
    CHECK(db->ops->currency_get(db, &a, dw.aftercare_case, &cc) == DB_ONE);
    db->ops->rollback(db);
    CHECK(copy->ops->begin(copy, TX_READ) >= 0);
    case_currency cy;
    CHECK(copy->ops->currency_get(copy, &a, dw.aftercare_case, &cy) == DB_ONE);
    copy->ops->rollback(copy);
    CHECK(check_same_text(cc.aftercare_on, "2027-01-05"));
    CHECK_STR(cy.aftercare_on, cc.aftercare_on);
    storage_close(copy);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
}

/* The second factor: a pending secret is enabled once, a step is accepted once (replay), and a
 * recovery code is used once; reset replaces the codes. */
static void the_second_factor_accepts_each_step_and_recovery_code_once(void)
{
    int64_t uid = user("totp.user", ROLE_ANALYST, "nctv");
    totp_state t = {0};
    tx_begin(TX_WRITE);
    CHECK(db->ops->totp_get(db, &a, uid, &t) == DB_ONE && !t.secret && !t.enabled);
    CHECK(db->ops->totp_enable(db, uid, 5) == DB_NONE); /* nothing pending */
    CHECK(db->ops->totp_set(db, uid, "sealed:v1:abc", false) == DB_ONE);
    CHECK(db->ops->totp_enable(db, uid, 5) == DB_ONE);
    CHECK(db->ops->totp_enable(db, uid, 6) == DB_NONE); /* enabled already */
    CHECK(db->ops->totp_get(db, &a, uid, &t) == DB_ONE);
    CHECK_STR(t.secret, "sealed:v1:abc");
    CHECK(t.enabled && t.last_step == 5);
    CHECK(db->ops->totp_accept(db, uid, 5) == DB_NONE); /* replay */
    CHECK(db->ops->totp_accept(db, uid, 4) == DB_NONE); /* older */
    CHECK(db->ops->totp_accept(db, uid, 7) == DB_ONE);
    CHECK(db->ops->totp_accept(db, uid, 7) == DB_NONE);
    CHECK(db->ops->totp_get(db, &a, 999999, &t) == DB_NONE);
    const char *codes[] = {"aa", "bb", "cc"};
    CHECK(db->ops->recovery_codes_replace(db, uid, codes, 3) == 3);
    CHECK(db->ops->recovery_code_use(db, uid, "bb", 100) == DB_ONE);
    CHECK(db->ops->recovery_code_use(db, uid, "bb", 101) == DB_NONE);
    CHECK(db->ops->recovery_code_use(db, uid, "zz", 101) == DB_NONE);
    CHECK(db->ops->recovery_code_use(db, uid + 1, "aa", 101) == DB_NONE); /* another user's */
    CHECK(db->ops->recovery_codes_replace(db, uid, codes + 2, 1) == 1);
    CHECK(db->ops->recovery_code_use(db, uid, "aa", 102) == DB_NONE); /* replaced */
    CHECK(db->ops->recovery_code_use(db, uid, "cc", 102) == DB_ONE);
    /* reset: a new pending secret starts its steps over */
    CHECK(db->ops->totp_set(db, uid, "sealed:v1:new", true) == DB_ONE);
    CHECK(db->ops->totp_get(db, &a, uid, &t) == DB_ONE && t.enabled && t.last_step == 0);
    tx_commit();
}

/* API tokens: found by hash while valid, with their user as viewer; expired, revoked or
 * unknown ones are not; revoking twice changes nothing; the list names user and scopes. */
static void api_tokens_are_found_only_while_valid(void)
{
    int64_t uid = user("token-kmar-1", ROLE_REFERRER, "kmar");
    api_token_row t = {.user_id = uid,
                       .label = "koppeling",
                       .scopes = "referral",
                       .created_at = 1000,
                       .expires_at = 2000};
    snprintf(t.token_hash, sizeof t.token_hash, "%064d", 1);
    api_token_row old = {.user_id = uid,
                         .label = "",
                         .scopes = "referral,signals",
                         .created_at = 10,
                         .expires_at = 20};
    snprintf(old.token_hash, sizeof old.token_hash, "%064d", 2);
    tx_begin(TX_WRITE);
    CHECK(db->ops->api_token_insert(db, &t) == DB_ONE && t.id > 0);
    CHECK(db->ops->api_token_insert(db, &old) == DB_ONE && old.id > t.id);
    tx_commit();
    api_token_row same = t;
    tx_begin(TX_WRITE);
    CHECK(db->ops->api_token_insert(db, &same) < 0); /* the hash is unique */
    db->ops->rollback(db);

    api_token_row got;
    viewer v;
    tx_begin(TX_READ);
    CHECK(db->ops->api_token_lookup(db, &a, t.token_hash, 1500, &got, &v) == DB_ONE);
    CHECK(got.id == t.id && v.user_id == uid && v.role == ROLE_REFERRER);
    CHECK_STR(v.org, "kmar");
    CHECK_STR(v.username, "token-kmar-1");
    CHECK_STR(got.scopes, "referral");
    CHECK(db->ops->api_token_lookup(db, &a, t.token_hash, 2000, &got, &v) == DB_NONE);
    CHECK(db->ops->api_token_lookup(db, &a, old.token_hash, 1500, &got, &v) == DB_NONE);
    char unknown[65];
    snprintf(unknown, sizeof unknown, "%064d", 3);
    CHECK(db->ops->api_token_lookup(db, &a, unknown, 1500, &got, &v) == DB_NONE);
    tx_commit();
    tx_begin(TX_WRITE);
    CHECK(db->ops->api_token_touch(db, t.id, 1600) == DB_ONE);
    CHECK(db->ops->api_token_revoke(db, t.id, 1700) == DB_ONE);
    CHECK(db->ops->api_token_revoke(db, t.id, 1800) == DB_NONE);
    CHECK(db->ops->api_token_revoke(db, 999999, 1800) == DB_NONE);
    CHECK(db->ops->api_token_lookup(db, &a, t.token_hash, 1500, &got, &v) == DB_NONE);
    api_token_row *rows = NULL;
    size_t n = 0;
    CHECK(db->ops->api_token_list(db, &a, &rows, &n) >= 2 && n >= 2);
    bool seen = false;
    for (size_t i = 0; i < n; i++)
        if (rows[i].id == t.id) {
            seen = true;
            CHECK(rows[i].revoked_at == 1700 && rows[i].last_used_at == 1600);
            CHECK(rows[i].expires_at == 2000 && rows[i].created_at == 1000);
            CHECK_STR(rows[i].username, "token-kmar-1");
            CHECK_STR(rows[i].label, "koppeling");
            CHECK_STR(rows[i].token_hash, t.token_hash);
        }
    CHECK(seen);
    tx_commit();
}

/* ---- encryption at rest and retention (docs/SECURITY.md) ---- */

static const table_desc *table_named(const char *name)
{
    for (size_t i = 0; i < SCHEMA_TABLE_COUNT; i++)
        if (strcmp(SCHEMA_TABLES[i].name, name) == 0)
            return &SCHEMA_TABLES[i];
    return NULL;
}

/* The text column of one signal as stored (signals: id first, text eleventh). */
typedef struct stored_text {
    int64_t id;
    char text[1024];
    bool found;
} stored_text;

static int keep_stored_text(void *arg, const copy_value *v)
{
    stored_text *t = arg;
    if (v[0].i != t->id)
        return 0;
    snprintf(t->text, sizeof t->text, "%.*s", (int)v[10].len, v[10].s);
    t->found = true;
    return 0;
}

static stored_text stored_signal_text(int64_t id)
{
    stored_text t = {.id = id};
    tx_begin(TX_READ);
    CHECK(db->ops->table_scan(db, table_named("signals"), keep_stored_text, &t) >= 0);
    db->ops->rollback(db);
    CHECK(t.found);
    return t;
}

static void sealed_texts_are_stored_sealed_and_read_in_the_clear(void)
{
    signal_spec spec = {w.case_a,
                        w.aivd,
                        "2026-11-12",
                        "aivd",
                        COMPARTMENT_INFORMANT,
                        HANDLING_H0,
                        "Bron noemt de vuurtorenwachter bij naam",
                        SOURCE_A,
                        INFO_1};
    int64_t sealed = daf_signal(&spec);
    spec = (signal_spec){w.case_a,
                         w.ams,
                         "2026-11-12",
                         "politie-amsterdam",
                         COMPARTMENT_POLICE,
                         HANDLING_H0,
                         "Agent ziet de vuurtorenwachter",
                         SOURCE_A,
                         INFO_1};
    int64_t plain = daf_signal(&spec);
    stored_text t = stored_signal_text(sealed);
    CHECK(strncmp(t.text, "sealed:v1:", 10) == 0 && !strstr(t.text, "vuurtoren"));
    CHECK_STR(stored_signal_text(plain).text, "Agent ziet de vuurtorenwachter");

    signal_record s, *list;
    size_t n;
    tx_begin(TX_READ);
    CHECK(db->ops->signal_get(db, &a, sealed, &s) == DB_ONE);
    CHECK_STR(s.text, "Bron noemt de vuurtorenwachter bij naam");
    CHECK(db->ops->signal_list(db, &a, w.case_a, &list, &n) > 0);
    bool listed = false;
    for (size_t i = 0; i < n; i++)
        listed |= list[i].id == sealed &&
                  check_same_text(list[i].text, "Bron noemt de vuurtorenwachter bij naam");
    CHECK(listed);
    db->ops->rollback(db);

    /* the index holds the police words only; a hit is never cut from sealed text */
    viewer aivd = as_viewer(w.aivd, "daf.aivd", ROLE_ANALYST, "aivd");
    search_hit *hits;
    CHECK(search_page(&aivd, words("vuurtorenwachter"), &hits, &n) == 1 && n == 1 &&
          hits[0].id == plain);

    /* another key: the sealed text is not shown (a hard error), the rest reads as before */
    unsigned char other[32];
    randombytes_buf(other, sizeof other);
    storage_set_field_key(db, other);
    tx_begin(TX_READ);
    CHECK(db->ops->signal_get(db, &a, sealed, &s) == DB_HARD_ERROR);
    db->ops->rollback(db);
    tx_begin(TX_READ);
    CHECK(db->ops->signal_get(db, &a, plain, &s) == DB_ONE);
    db->ops->rollback(db);
    tx_begin(TX_READ);
    CHECK(db->ops->signal_list(db, &a, w.case_a, &list, &n) == DB_HARD_ERROR);
    db->ops->rollback(db);
    /* no key: nothing sealed is written, rather than the text in the clear */
    db->field_key_set = false;
    signal_record sig = {.case_id = w.case_a,
                         .received_at = "2026-11-12",
                         .source_org = "aivd",
                         .source_grade = SOURCE_A,
                         .info_grade = INFO_1,
                         .handling = HANDLING_H0,
                         .handling_note = "",
                         .compartment = COMPARTMENT_INTELLIGENCE_SERVICE,
                         .text = "zonder sleutel",
                         .recorded_by = w.aivd,
                         .created_at = "2026-11-28T12:00:00.000Z"};
    tx_begin(TX_WRITE);
    CHECK(db->ops->signal_insert(db, &sig) == DB_HARD_ERROR);
    db->ops->rollback(db);
    storage_set_field_key(db, field_key);
}

static bool due_has(retention_item *items, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (items[i].id == id)
            return true;
    return false;
}

static db_status removed(db_status (*op)(storage *, int64_t), int64_t id)
{
    tx_begin(TX_WRITE);
    db_status st = op(db, id);
    tx_commit();
    return st;
}

static void retention_finds_and_removes_what_is_past_its_term(void)
{
    int64_t person, shared_person;
    int64_t old =
        daf_case("politie-amsterdam", w.ref, "2000-01-01T10:00:00.000Z", "Zeepaardjeszaak gesloten",
                 PHENOMENON_OTHER, NULL, STATUS_CLOSED, &person);
    int64_t young =
        daf_case("politie-amsterdam", w.ref, "2026-11-01T10:00:00.000Z", "Recent gesloten zaak",
                 PHENOMENON_OTHER, NULL, STATUS_CLOSED, &shared_person);
    tx_begin(TX_WRITE);
    /* the closing moment is the last closing event, not the last change */
    case_event ev = {.at = "2001-03-01T10:00:00.000Z",
                     .event = "protection_ended",
                     .actor_username = "daf.ref",
                     .actor_org = "politie-amsterdam",
                     .text = ""};
    CHECK(db->ops->case_event_add(db, old, &ev) == DB_ONE);
    CHECK(db->ops->case_link_person(db, old, shared_person) == DB_ONE);
    tx_commit();
    signal_spec spec = {old,
                        w.ams,
                        "2000-02-01",
                        "politie-amsterdam",
                        COMPARTMENT_POLICE,
                        HANDLING_H0,
                        "zeepaardjes gezien",
                        SOURCE_A,
                        INFO_1};
    int64_t sig = daf_signal(&spec);
    int64_t rel = daf_release(sig, w.nctv);

    retention_item *items;
    size_t n;
    tx_begin(TX_READ);
    CHECK(db->ops->retention_cases(db, &a, "2010-01-01", 0, &items, &n) >= 1 &&
          due_has(items, n, old) && !due_has(items, n, young) && !due_has(items, n, w.case_a));
    bool since_event = false;
    for (size_t i = 0; i < n; i++)
        since_event |= items[i].id == old && strncmp(items[i].since, "2001-03-01", 10) == 0;
    CHECK(since_event);
    CHECK(db->ops->retention_cases(db, &a, "2001-01-01", 0, &items, &n) >= 0 &&
          !due_has(items, n, old));
    CHECK(db->ops->retention_cases(db, &a, "2010-01-01", old, &items, &n) >= 0 &&
          !due_has(items, n, old)); /* after_id pages on */
    CHECK(db->ops->retention_signals(db, &a, COMPARTMENT_POLICE, "2026-11-29", sig - 1, &items,
                                     &n) >= 1 &&
          due_has(items, n, sig) && items[0].compartment == COMPARTMENT_POLICE);
    CHECK(db->ops->retention_signals(db, &a, COMPARTMENT_POLICE, "2026-11-28", sig - 1, &items,
                                     &n) >= 0 &&
          !due_has(items, n, sig));
    CHECK(db->ops->retention_signals(db, &a, COMPARTMENT_INFORMANT, "2026-11-29", sig - 1, &items,
                                     &n) >= 0 &&
          !due_has(items, n, sig));
    db->ops->rollback(db);

    /* an open case is never removed; the closed one goes with everything of its own */
    CHECK(removed(db->ops->retention_remove_case, w.case_a) == DB_NONE);
    CHECK(removed(db->ops->retention_remove_case, old) == DB_ONE);
    CHECK(removed(db->ops->retention_remove_case, old) == DB_NONE);
    case_record c;
    person_record p;
    signal_record s;
    release_record r;
    tx_begin(TX_READ);
    CHECK(db->ops->case_get(db, &a, old, &c) == DB_NONE);
    CHECK(db->ops->signal_get(db, &a, sig, &s) == DB_NONE);
    CHECK(db->ops->release_get(db, &a, rel, &r) == DB_NONE);
    CHECK(db->ops->person_get(db, &a, person, &p) == DB_NONE);
    CHECK(db->ops->person_get(db, &a, shared_person, &p) == DB_ONE); /* in another case */
    CHECK(db->ops->case_get(db, &a, young, &c) == DB_ONE && c.person_count == 1);
    db->ops->rollback(db);
    viewer ams = as_viewer(w.ams, "daf.ams", ROLE_ANALYST, "politie-amsterdam");
    viewer ref = as_viewer(w.ref, "daf.ref", ROLE_REFERRER, "politie-amsterdam");
    search_hit *hits;
    CHECK(search_page(&ams, words("zeepaardjes"), &hits, &n) == 0);
    CHECK(search_page(&ref, words("Zeepaardjeszaak"), &hits, &n) == 0);

    /* a signal alone: with its release requests and search entry */
    spec.case_id = w.case_a;
    spec.text = "kwallenplaag op het strand";
    int64_t lone = daf_signal(&spec);
    int64_t lone_rel = daf_release(lone, w.nctv);
    CHECK(search_page(&ams, words("kwallenplaag"), &hits, &n) == 1);
    CHECK(removed(db->ops->retention_remove_signal, lone) == DB_ONE);
    CHECK(removed(db->ops->retention_remove_signal, lone) == DB_NONE);
    tx_begin(TX_READ);
    CHECK(db->ops->signal_get(db, &a, lone, &s) == DB_NONE);
    CHECK(db->ops->release_get(db, &a, lone_rel, &r) == DB_NONE);
    CHECK(db->ops->case_get(db, &a, w.case_a, &c) == DB_ONE);
    db->ops->rollback(db);
    CHECK(search_page(&ams, words("kwallenplaag"), &hits, &n) == 0);
}
/* ---- oversight (docs/OVERSIGHT.md): the trail by object, action and date; approved releases;
 * gathering past the threshold; figures ---- */

static db_status append_entries(storage *s, void *arg)
{
    ctx *k = arg;
    return s->ops->audit_append(s, k->p, (size_t)k->id);
}

static audit_row *query_trail(const audit_filter *f, size_t *n, int64_t *total)
{
    audit_row *rows;
    tx_begin(TX_READ);
    CHECK(db->ops->audit_query(db, &a, f, &rows, n, total) >= 0);
    db->ops->rollback(db);
    return rows;
}

/* Entries in 2031 on ids no other test uses, so the filters see only these. */
static void oversight_trail(void)
{
#define OV(at, action, type, id, outcome)                                                          \
    {0, at, "ov.user", "nctv", "analyst", action, type, id, "", outcome, "n=1"}
    audit_entry e[] = {
        OV("2031-01-01T10:00:00.000Z", "ovtest.read", "person", "990001", "ok"),
        OV("2031-01-02T10:00:00.000Z", "ovtest.read", "case", "990002", "ok"),
        OV("2031-01-03T10:00:00.000Z", "ovtest.change", "case", "990003", "ok"),
        OV("2031-01-04T10:00:00.000Z", "ovtest.read", "case", "990004", "ok"),
        OV("2031-01-05T10:00:00.000Z", "ovtest.export", "", "", "ok"),
        OV("2031-01-06T10:00:00.000Z", "ovtest.export", "", "", "denied"),
    };
#undef OV
    CHECK(storage_transact(db, TX_WRITE, append_entries, &(ctx){e, 6}) >= 0);
}

static void the_trail_is_found_by_object_action_and_date(void)
{
    oversight_trail();
    int64_t cases[] = {990002, 990003};
    size_t n;
    int64_t total;
    audit_filter f = {.object_type = "person",
                      .object_id = "990001",
                      .case_ids = cases,
                      .case_count = 2,
                      .page = 1,
                      .per_page = 25};
    audit_row *rows = query_trail(&f, &n, &total);
    CHECK(total == 3 && n == 3);
    CHECK_STR(rows[0].entry.object_id, "990003"); /* newest first */
    CHECK_STR(rows[1].entry.object_id, "990002");
    CHECK_STR(rows[2].entry.object_type, "person");
    CHECK(rows[0].entry.seq == rows[1].entry.seq + 1 && rows[1].entry.seq == rows[2].entry.seq + 1);
    CHECK_STR(rows[0].entry.at, "2031-01-03T10:00:00.000Z");
    CHECK_STR(rows[0].entry.username, "ov.user");
    CHECK_STR(rows[0].entry.org, "nctv");
    CHECK_STR(rows[0].entry.role, "analyst");
    CHECK_STR(rows[0].entry.action, "ovtest.change");
    CHECK_STR(rows[0].entry.outcome, "ok");
    CHECK_STR(rows[0].entry.detail, "n=1");
    CHECK_STR(rows[0].prev_hash, rows[1].hash); /* consecutive entries chain */
    CHECK(strlen(rows[0].hash) == 64);

    f.page = 2, f.per_page = 2; /* the last page holds the oldest */
    rows = query_trail(&f, &n, &total);
    CHECK(total == 3 && n == 1);
    CHECK_STR(rows[0].entry.object_type, "person");
    f.page = 1, f.per_page = 25, f.from = "2031-01-02", f.to = "2031-01-02";
    rows = query_trail(&f, &n, &total);
    CHECK(total == 1 && n == 1);
    CHECK_STR(rows[0].entry.object_id, "990002");
    f.from = f.to = NULL, f.case_count = 0; /* the person alone */
    rows = query_trail(&f, &n, &total);
    CHECK(total == 1 && n == 1);
    f = (audit_filter){.object_type = "case", .object_id = "990004", .page = 1, .per_page = 25};
    rows = query_trail(&f, &n, &total);
    CHECK(total == 1 && n == 1);
    CHECK_STR(rows[0].entry.at, "2031-01-04T10:00:00.000Z");
    f.object_id = "990005"; /* nobody touched it */
    query_trail(&f, &n, &total);
    CHECK(total == 0 && n == 0);

    f = (audit_filter){.actions = {"ovtest.export"}, .outcome = "ok", .page = 1, .per_page = 25};
    rows = query_trail(&f, &n, &total);
    CHECK(total == 1 && n == 1);
    CHECK_STR(rows[0].entry.at, "2031-01-05T10:00:00.000Z");
    f = (audit_filter){.actions = {"ovtest.export", "ovtest.change"}, .page = 1, .per_page = 25};
    rows = query_trail(&f, &n, &total);
    CHECK(total == 3 && n == 3);
    CHECK_STR(rows[0].entry.outcome, "denied");
    CHECK_STR(rows[2].entry.action, "ovtest.change");
    f = (audit_filter){.action_prefix = "ovtest.", .from = "2031-01-01", .page = 1, .per_page = 4};
    rows = query_trail(&f, &n, &total);
    CHECK(total == 6 && n == 4);
    f.action_prefix = "ovtest.r";
    query_trail(&f, &n, &total);
    CHECK(total == 3);
    f = (audit_filter){.from = "2031-01-05", .to = "2031-01-06", .page = 1, .per_page = 25};
    query_trail(&f, &n, &total);
    CHECK(total == 2 && n == 2);

    f = (audit_filter){.page = 1, .per_page = 1}; /* the whole trail counts to its head */
    rows = query_trail(&f, &n, &total);
    int64_t head = 0;
    char hash[AUDIT_HASH_HEX];
    tx_begin(TX_READ);
    CHECK(db->ops->audit_head(db, &head, hash) == DB_ONE);
    db->ops->rollback(db);
    CHECK(n == 1 && total == head && rows[0].entry.seq == head);
    CHECK_STR(rows[0].hash, hash);
}

static void approved_releases_list_newest_decision_first(void)
{
    signal_spec spec = {w.case_a,    w.aivd,        "2026-11-07", "aivd", COMPARTMENT_INFORMANT,
                        HANDLING_H2, "Tweede bron", SOURCE_A,     INFO_1};
    int64_t first = daf_release(daf_signal(&spec), w.nctv);
    int64_t second = daf_release(daf_signal(&spec), w.ams);
    int64_t refused = daf_release(daf_signal(&spec), w.rdam);
    release_record r;
    const struct {
        int64_t id;
        release_status status;
        const char *at;
    } decisions[] = {{first, RELEASE_APPROVED, "2030-02-01T09:00:00.000Z"},
                     {second, RELEASE_APPROVED, "2030-02-03T09:00:00.000Z"},
                     {refused, RELEASE_REFUSED, "2030-02-02T09:00:00.000Z"}};
    for (size_t i = 0; i < 3; i++) {
        tx_begin(TX_WRITE);
        CHECK(db->ops->release_get(db, &a, decisions[i].id, &r) == DB_ONE);
        r.status = decisions[i].status;
        r.decided_by = w.aivd;
        r.decision_note = "Akkoord";
        r.decided_at = decisions[i].at;
        CHECK(db->ops->release_decide(db, &r) == DB_ONE);
        tx_commit();
    }
    release_record *list;
    size_t n;
    int64_t total;
    tx_begin(TX_READ);
    CHECK(db->ops->release_list_approved(db, &a, "2030-02-01", "2030-02-28", 0, 10, &list, &n,
                                         &total) >= 0);
    CHECK(total == 2 && n == 2);
    CHECK(list[0].id == second && list[1].id == first);
    CHECK(list[0].status == RELEASE_APPROVED && list[0].case_id == w.case_a);
    CHECK_STR(list[0].requested_by_username, "daf.ams");
    CHECK_STR(list[0].requested_by_org, "politie-amsterdam");
    CHECK_STR(list[0].decided_by_username, "daf.aivd");
    CHECK_STR(list[0].source_org, "aivd");
    CHECK_STR(list[0].reason, "Nodig voor de analyse");
    CHECK_STR(list[0].decided_at, "2030-02-03T09:00:00.000Z");
    CHECK(db->ops->release_list_approved(db, &a, "2030-02-01", "2030-02-28", 1, 10, &list, &n,
                                         &total) >= 0);
    CHECK(total == 2 && n == 1 && list[0].id == first);
    CHECK(db->ops->release_list_approved(db, &a, "2030-02-02", "2030-02-02", 0, 10, &list, &n,
                                         &total) >= 0);
    CHECK(total == 0 && n == 0); /* the refusal that day is no disclosure */
    CHECK(db->ops->release_list_approved(db, &a, NULL, NULL, 0, 1, &list, &n, &total) >= 0);
    CHECK(total >= 2 && n == 1 && list[0].id == second);
    db->ops->rollback(db);
}

static void gathering_past_the_threshold_comes_with_its_order(void)
{
    int64_t subject = w.person_b;
    int64_t order = order_until(SUBJECT_PERSON, subject, "2030-12-31");
    gather(SUBJECT_PERSON, subject, METHOD_OPEN_SOURCE_CHECK, 1, "2030-01-01", 0);
    int64_t act = gather(SUBJECT_PERSON, subject, METHOD_OBSERVATION, 40, "2030-01-02", order);
    gathering_past_row *rows;
    size_t n;
    int64_t total, before;
    tx_begin(TX_READ);
    CHECK(db->ops->gathering_past_threshold(db, &a, 1, 100, &rows, &n, &total) >= 0);
    CHECK(n >= 1 && (int64_t)n <= total);
    CHECK(rows[0].act.id == act); /* newest first */
    for (size_t i = 0; i < n; i++)
        CHECK(rows[i].act.order_id != 0 && rows[i].order.id == rows[i].act.order_id);
    CHECK(rows[0].act.subject_kind == SUBJECT_PERSON && rows[0].act.subject_id == subject);
    CHECK(rows[0].act.method == METHOD_OBSERVATION && rows[0].act.intrusion == 160);
    CHECK_STR(rows[0].act.recorded_by_username, "daf.nctv");
    CHECK_STR(rows[0].act.justification, "Dreiging vaststellen");
    CHECK(rows[0].order.id == order);
    CHECK_STR(rows[0].order.scope, "observatie");
    CHECK_STR(rows[0].order.until, "2030-12-31");
    CHECK_STR(rows[0].order.reasoning, "Ernstige dreiging");
    CHECK_STR(rows[0].order.recorded_by_username, "daf.om");
    CHECK_STR(rows[0].order.recorded_by_org, "om-amsterdam");
    before = total;
    CHECK(db->ops->gathering_past_threshold(db, &a, 2, 1, &rows, &n, &total) >= 0);
    CHECK(total == before && (total < 2 ? n == 0 : n == 1 && rows[0].act.id != act));
    db->ops->rollback(db);
}

static int64_t figure(const figure_list *l, const char *k1)
{
    int64_t n = 0;
    for (size_t i = 0; i < l->count; i++)
        if (strcmp(l->rows[i].k1, k1) == 0)
            n += l->rows[i].count;
    return n;
}

static oversight_figures figures_now(void)
{
    oversight_figures f;
    tx_begin(TX_READ);
    CHECK(db->ops->oversight_figures(db, &a, "2026-11-28", &f) == DB_ONE);
    db->ops->rollback(db);
    return f;
}

static void figures_count_what_is_stored(void)
{
    oversight_figures before = figures_now();
    signal_spec spec = {w.case_a,    w.aivd,          "2026-11-08", "aivd", COMPARTMENT_OPEN_SOURCE,
                        HANDLING_H0, "Openbare bron", SOURCE_A,     INFO_1};
    daf_signal(&spec);
    daf_release(daf_signal(&spec), w.rdam);
    int64_t order = order_until(SUBJECT_ACTOR, w.person_a, "2030-12-31");
    gather(SUBJECT_ACTOR, w.person_a, METHOD_CAMERA_REVIEW, 2, "2030-03-01", order);
    oversight_figures after = figures_now();
    CHECK(figure(&after.signals, "open_source") == figure(&before.signals, "open_source") + 2);
    CHECK(figure(&after.signals, "police") == figure(&before.signals, "police"));
    CHECK(figure(&after.releases, "pending") == figure(&before.releases, "pending") + 1);
    CHECK(after.gathering_past == before.gathering_past + 1);
    int64_t cases = 0;
    for (size_t i = 0; i < after.cases.count; i++) {
        CHECK(after.cases.rows[i].k3[0] != '\0'); /* every case has a subject */
        cases += after.cases.rows[i].count;
    }
    CHECK(cases > 0 && figure(&after.cases, "referred") > 0);
    CHECK(after.audit_entries > 0 && after.audit_entries == after.audit_head_seq);
    CHECK(after.assessments_expired >= 0 && after.decisions_in_force >= 0);
    for (size_t i = 0; i < after.break_glass.count; i++)
        CHECK(after.break_glass.rows[i].count > 0);
}

/* ---- break-glass (docs/OVERSIGHT.md) ---- */

typedef struct grant_ctx {
    break_glass_record g;
    int64_t now;
    break_glass_filter f;
    break_glass_record *items;
    size_t count;
    int64_t total;
} grant_ctx;

static db_status grant_insert(storage *s, void *arg)
{
    grant_ctx *k = arg;
    return s->ops->break_glass_insert(s, &k->g, k->now);
}

static db_status grant_get(storage *s, void *arg)
{
    grant_ctx *k = arg;
    return s->ops->break_glass_get(s, &a, k->g.id, &k->g);
}

static db_status grant_list(storage *s, void *arg)
{
    grant_ctx *k = arg;
    return s->ops->break_glass_list(s, &a, &k->f, &k->items, &k->count, &k->total);
}

static db_status grant_review(storage *s, void *arg)
{
    grant_ctx *k = arg;
    return s->ops->break_glass_review(s, &k->g);
}

/* Opens case_id for the viewer until expires_at; the insert's answer. */
static db_status open_grant(const viewer *v, int64_t case_id, int64_t now, int64_t expires_at,
                            int64_t *id)
{
    grant_ctx k = {.g = {.case_id = case_id,
                         .user_id = v->user_id,
                         .user_org = v->org,
                         .reason = "Spoedmelding: dreiging tegen de beschermde persoon",
                         .started_at = "2026-11-28T10:00:00.000Z",
                         .expires_at = expires_at},
                   .now = now};
    db_status st = storage_transact(db, TX_WRITE, grant_insert, &k);
    *id = k.g.id;
    if (st == DB_ONE)
        CHECK(k.g.id > 0 && k.g.version == 1);
    return st;
}

static bool listed_for(const viewer *v, int64_t case_id)
{
    list_ctx k = {.v = v};
    CHECK(storage_transact(db, TX_READ, list_all, &k) == DB_ONE);
    for (size_t i = 0; i < k.n; i++)
        if (k.ids[i] == case_id)
            return true;
    return false;
}

static bool visible_for(const viewer *v, int64_t case_id)
{
    case_record c;
    CHECK(storage_transact(db, TX_READ, get_case, &(ctx){&c, case_id}) == DB_ONE);
    bool visible = access_case_visible(v, &c);
    CHECK(visible == listed_for(v, case_id)); /* the list's SQL and the pure rule agree */
    return visible;
}

static void grants_list(grant_ctx *k, break_glass_filter f)
{
    k->f = f;
    CHECK(storage_transact(db, TX_READ, grant_list, k) >= 0);
}

static void break_glass_opens_a_case_until_it_ends(void)
{
    int64_t owner = user("bg.owner", ROLE_REFERRER, "politie-amsterdam");
    int64_t other = user("bg.other", ROLE_REFERRER, "politie-rotterdam");
    int64_t colleague = user("bg.colleague", ROLE_REFERRER, "politie-rotterdam");
    int64_t po = user("bg.po", ROLE_PRIVACY_OFFICER, "nctv");
    int64_t case_id = new_case("politie-amsterdam", owner, "2026-11-20T10:00:00.000Z");
    const int64_t t0 = 1795000000, end = t0 + 240 * 60;
    viewer v = as_viewer(other, "bg.other", ROLE_REFERRER, "politie-rotterdam");
    viewer peer = as_viewer(colleague, "bg.colleague", ROLE_REFERRER, "politie-rotterdam");
    v.now = peer.now = t0;
    CHECK(!visible_for(&v, case_id));

    int64_t first, again;
    CHECK(open_grant(&v, case_id, t0, end, &first) == DB_ONE);
    CHECK(open_grant(&v, case_id, t0 + 60, end + 60, &again) == DB_NONE); /* one live grant */
    case_record c;
    CHECK(storage_transact(db, TX_READ, get_case, &(ctx){&c, case_id}) == DB_ONE);
    const team_member *m = access_break_glass_basis(&v, &c);
    CHECK(m && m->expires_at == end && m->user_id == other);
    CHECK_STR(m ? m->membership : NULL, "break_glass");
    CHECK(visible_for(&v, case_id));
    CHECK(!visible_for(&peer, case_id)); /* personal: not the organisation */
    viewer own = as_viewer(owner, "bg.owner", ROLE_REFERRER, "politie-amsterdam");
    own.now = t0;
    CHECK(access_case_visible(&own, &c) && !access_break_glass_basis(&own, &c));

    /* the boundary: visible until the second before its end, not at its end */
    v.now = end - 1;
    CHECK(visible_for(&v, case_id));
    v.now = end;
    CHECK(!visible_for(&v, case_id));
    CHECK(storage_transact(db, TX_READ, get_case, &(ctx){&c, case_id}) == DB_ONE);
    CHECK(!access_break_glass_basis(&v, &c));

    /* after its end the same user may break the glass again: the team row is renewed */
    int64_t second;
    CHECK(open_grant(&v, case_id, end, end + 600, &second) == DB_ONE && second > first);
    v.now = end + 1;
    CHECK(visible_for(&v, case_id));

    grant_ctx k = {0};
    grants_list(&k, (break_glass_filter){.case_id = case_id, .page = 1, .per_page = 10});
    CHECK(k.total == 2 && k.count == 2);
    CHECK(k.count == 2 && k.items[0].id == second && k.items[1].id == first);
    grants_list(&k, (break_glass_filter){
                        .user_id = other, .active_at = end + 1, .page = 1, .per_page = 10});
    CHECK(k.total == 1 && k.count == 1 && k.items[0].id == second);
    CHECK_STR(k.count ? k.items[0].case_reference : NULL, c.reference);

    k.g = (break_glass_record){.id = first};
    CHECK(storage_transact(db, TX_READ, grant_get, &k) == DB_ONE);
    CHECK(k.g.case_id == case_id && k.g.user_id == other && k.g.expires_at == end);
    CHECK_STR(k.g.username, "bg.other");
    CHECK_STR(k.g.user_org, "politie-rotterdam");
    CHECK(k.g.user_role == ROLE_REFERRER);
    CHECK_STR(k.g.reason, "Spoedmelding: dreiging tegen de beschermde persoon");
    CHECK_STR(k.g.started_at, "2026-11-28T10:00:00.000Z");
    CHECK_STR(k.g.review, "pending");
    CHECK(k.g.reviewed_by == 0 && k.g.reviewed_by_username == NULL && k.g.version == 1);

    /* the review: version-checked, once */
    k.g.review = "justified";
    k.g.review_note = "Spoed was aangetoond.";
    k.g.reviewed_by = po;
    k.g.reviewed_at = "2026-11-29T09:00:00.000Z";
    k.g.version = 2;
    CHECK(storage_transact(db, TX_WRITE, grant_review, &k) == DB_NONE); /* stale */
    k.g.version = 1;
    CHECK(storage_transact(db, TX_WRITE, grant_review, &k) == DB_ONE && k.g.version == 2);
    k.g.review = "unjustified";
    CHECK(storage_transact(db, TX_WRITE, grant_review, &k) == DB_NONE); /* reviewed already */
    k.g = (break_glass_record){.id = first};
    CHECK(storage_transact(db, TX_READ, grant_get, &k) == DB_ONE);
    CHECK_STR(k.g.review, "justified");
    CHECK_STR(k.g.review_note, "Spoed was aangetoond.");
    CHECK_STR(k.g.reviewed_by_username, "bg.po");
    CHECK_STR(k.g.reviewed_at, "2026-11-29T09:00:00.000Z");
    CHECK(k.g.reviewed_by == po && k.g.version == 2);

    grants_list(&k,
                (break_glass_filter){
                    .status = BREAK_GLASS_PENDING, .case_id = case_id, .page = 1, .per_page = 10});
    CHECK(k.total == 1 && k.count == 1 && k.items[0].id == second);
    grants_list(&k,
                (break_glass_filter){
                    .status = BREAK_GLASS_REVIEWED, .case_id = case_id, .page = 1, .per_page = 10});
    CHECK(k.total == 1 && k.count == 1 && k.items[0].id == first);
    grants_list(&k, (break_glass_filter){.case_id = case_id, .page = 2, .per_page = 1});
    CHECK(k.total == 2 && k.count == 1 && k.items[0].id == first); /* pending first */
}
int main(void)
{

    if (!secret_init())
        return 1;
    const char *url = getenv("SCHILD_TEST_DB");
    char tmpl[] = "/tmp/schild-storage-XXXXXX", urlbuf[300];
    if (!url) {
        if (!mkdtemp(tmpl))
            return 1;
        snprintf(sqlite_path, sizeof sqlite_path, "%s/test.db", tmpl);
        snprintf(urlbuf, sizeof urlbuf, "sqlite:%s", sqlite_path);
        url = urlbuf;
    }
    db_url = url;
    db = cli_open_database(url);
    if (!db)
        return 1;
    randombytes_buf(field_key, sizeof field_key);
    storage_set_field_key(db, field_key);
    arena_init(&a, 64 << 20);
    RUN(migrations_are_idempotent);
    RUN(usernames_are_unique);
    RUN(a_stale_version_changes_nothing);
    RUN(lists_show_exactly_what_need_to_know_allows);
    RUN(break_glass_opens_a_case_until_it_ends);
    RUN(the_audit_trail_chains_and_refuses_change);
    RUN(checkpoints_cover_entries_of_the_trail_once_per_seq);
    RUN(the_checkpointer_signs_the_head_when_it_moved);
    RUN(sessions_expire_by_idle_time_and_lifetime);
    RUN(the_second_factor_accepts_each_step_and_recovery_code_once);
    RUN(api_tokens_are_found_only_while_valid);
    daf_world();
    RUN(signals_keep_their_subjects_and_link_named_actors);
    RUN(releases_are_asked_once_and_decided_once);
    RUN(actors_list_by_name_and_notify_other_cases);
    RUN(gathering_totals_count_the_window_and_orders_their_term);
    RUN(assessments_are_versioned_and_one_is_final);
    RUN(the_daf_queue_names_its_reasons_in_order);
    RUN(search_finds_dutch_word_forms);
    RUN(search_filters_narrow_and_pages_run_newest_first);
    RUN(search_totals_stop_past_the_cap);
    RUN(search_shows_only_what_the_viewer_may_read);
    RUN(search_agrees_with_the_readable_rule);
    RUN(the_trail_is_found_by_object_action_and_date);
    RUN(approved_releases_list_newest_decision_first);
    RUN(gathering_past_the_threshold_comes_with_its_order);
    RUN(figures_count_what_is_stored);
    decision_world();
    RUN(persons_carry_their_employer_and_cases_their_subject);
    RUN(users_are_found_by_id);
    RUN(decisions_are_versioned_and_one_is_in_force);
    RUN(measures_continue_end_and_reach_their_executors);
    RUN(currency_holds_the_facts_of_staying_current);
    RUN(the_limitative_list_keeps_category_i_in_force_until_its_date);
    RUN(objects_and_services_are_seen_through_their_case);
    RUN(a_copy_carries_decisions_objects_and_services);
    RUN(an_import_rebuilds_the_search_index);
    RUN(concurrent_servers_lose_no_update_and_keep_one_chain);
    RUN(a_refused_write_leaves_the_others_of_its_batch);
    RUN(sealed_texts_are_stored_sealed_and_read_in_the_clear);
    RUN(retention_finds_and_removes_what_is_past_its_term);
    arena_clear(&a);
    storage_close(db);
    if (sqlite_path[0]) {
        char cmd[400];
        snprintf(cmd, sizeof cmd, "rm -rf %s", tmpl);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", tmpl);
    }
    return check_summary();
}

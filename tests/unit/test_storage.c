/* Storage conformance: every storage operation behaves as storage.h promises. Runs against the
 * backend named by SCHILD_TEST_DB (default: a fresh SQLite file), so each backend passes the
 * same suite. Also proves that list queries and the pure need-to-know rule agree. */
#include "check.h"
#include "cli/cli.h"
#include "core/access.h"
#include "util/secret.h"

#include <libpq-fe.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

static storage *db;
static const char *db_url;
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
    person_record p = {0, "Jan", "van der", "Berg", "1971-03-14", "rechter", 0};
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
        {ref, "nk.ref", "", ROLE_REFERRER, "politie-amsterdam"},
        {2, "x", "", ROLE_REFERRER, "politie-rotterdam"},
        {3, "x", "", ROLE_AUTHORITY, "om-amsterdam"},
        {4, "x", "", ROLE_ANALYST, "nctv"},
        {tri, "nk.triage", "", ROLE_TRIAGE, "nctv"},
        {6, "x", "", ROLE_ADMIN, "nctv"},
        {7, "x", "", ROLE_INSPECTOR, "inspectie-jenv"},
        {8, "x", "", ROLE_CARE, "aivd"},
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
    for (int done = 0, attempts = 0; done < UPDATES_EACH && attempts < 1000; attempts++) {
        arena_clear(&w->a);
        if (storage_transact(w->db, TX_READ, read_for_update, w) != DB_ONE)
            break;
        db_status st = storage_transact(w->db, TX_WRITE, extend_and_audit, w);
        if (st >= 0 && storage_transact(w->db, TX_WRITE, append_audit, NULL) == 2)
            done++; /* the second transaction appends alone, as the audit writer does */
        else if (st != DB_REFUSED)
            break;
    }
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
    arena_init(&a, 64 << 20);
    RUN(migrations_are_idempotent);
    RUN(usernames_are_unique);
    RUN(a_stale_version_changes_nothing);
    RUN(lists_show_exactly_what_need_to_know_allows);
    RUN(the_audit_trail_chains_and_refuses_change);
    RUN(sessions_expire_by_idle_time_and_lifetime);
    RUN(concurrent_servers_lose_no_update_and_keep_one_chain);
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

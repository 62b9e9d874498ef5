/* schild-benchgen: builds a database at benchmark scale through the storage interface (so it
 * works on every backend): persons, cases with teams and timelines, some triaged, and a long
 * audit trail with a valid hash chain. Deterministic for a given seed. */
#include "cli/cli.h"
#include "core/triage.h"
#include "util/clock.h"
#include "util/secret.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BATCH = 5000 };

typedef struct gen {
    storage *db;
    arena a;
    uint64_t rng;
    int64_t persons, cases, audit;
    int64_t referrer_id, triage_id;
    int64_t done;
} gen;

static uint64_t next(gen *g)
{
    uint64_t z = (g->rng += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static const char *const given[] = {"Jan",     "Anouk", "Sjoerd", "Daniëlle", "Pieter", "Fatima",
                                    "Mohamed", "Lotte", "Bram",   "Zoë",      "Kees",   "Esther"};
static const char *const prefixes[] = {"", "", "", "van", "de", "van der", "van den", "ter"};
static const char *const surnames[] = {"Jansen", "Bakker", "Visser", "Smit",   "Meijer",   "Bos",
                                       "Mulder", "Dekker", "Vos",    "Peters", "Hendriks", "Dijk"};
static const char *const orgs[] = {"politie-amsterdam", "politie-rotterdam", "politie-den-haag",
                                   "politie-le",        "om-amsterdam",      "kmar"};

#define PICK(g, table) (table)[next(g) % (sizeof(table) / sizeof((table)[0]))]

typedef struct users_ctx {
    gen *g;
} users_ctx;

static db_status users_body(storage *s, void *arg)
{
    gen *g = arg;
    char hash[PASSWORD_HASH_SIZE];
    if (!password_hash("bench-password-2026", hash))
        return DB_HARD_ERROR;
    new_user ref = {"bench.ref", "Bench Referrer",           "politie-amsterdam",
                    hash,        "2026-01-01T00:00:00.000Z", ROLE_REFERRER};
    new_user tri = {"bench.triage", "Bench Triage", "nctv", hash, "2026-01-01T00:00:00.000Z",
                    ROLE_TRIAGE};
    db_status st = s->ops->user_insert(s, &ref, &g->referrer_id);
    if (st <= 0)
        return st < 0 ? st : DB_REFUSED;
    st = s->ops->user_insert(s, &tri, &g->triage_id);
    return st <= 0 ? (st < 0 ? st : DB_REFUSED) : DB_ONE;
}

static db_status insert_one_case(storage *s, gen *g, int64_t i)
{
    char at[CLOCK_RFC3339_SIZE];
    clock_rfc3339(1735689600000LL + i * 600000LL, at); /* from 2025-01-01, every 10 min */
    const char *org = PICK(g, orgs);
    case_record c = {.summary = "Dreiging na uitspraak; bedreigingen via sociale media en "
                                "verdachte personen bij de woning.",
                     .phenomenon = (phenomenon)(next(g) % PHENOMENON__COUNT),
                     .urgent = next(g) % 10 == 0,
                     .source_details = "Benchmarkgegevens",
                     .referring_org = org,
                     .referred_by = g->referrer_id,
                     .created_at = arena_strdup(&g->a, at)};
    db_status st = s->ops->case_insert(s, &g->a, &c);
    for (int p = 0; st >= 0 && p < 2; p++) {
        char dob[11];
        snprintf(dob, sizeof dob, "%04d-%02d-%02d", 1950 + (int)(next(g) % 60),
                 1 + (int)(next(g) % 12), 1 + (int)(next(g) % 28));
        person_record pr = {0, PICK(g, given), PICK(g, prefixes), PICK(g, surnames), dob, "rechter",
                            0};
        if ((st = s->ops->person_insert(s, &pr, c.created_at)) >= 0)
            st = s->ops->case_link_person(s, c.id, pr.id);
    }
    team_member m = {.org = org, .membership = "referrer"};
    case_event ev = {.at = c.created_at,
                     .event = "referred",
                     .actor_username = "bench.ref",
                     .actor_org = org,
                     .text = ""};
    if (st < 0 || (st = s->ops->case_team_add(s, c.id, &m)) < 0 ||
        (st = s->ops->case_event_add(s, c.id, &ev)) < 0)
        return st;
    if (next(g) % 3 == 0)
        return DB_ONE; /* stays in the triage queue */
    viewer tri = {g->triage_id, "bench.triage", "", ROLE_TRIAGE, "nctv"};
    triage_result res;
    if (triage_decide(&c, next(g) % 2 ? TRIAGE_NATIONAL : TRIAGE_LOCAL, "amsterdam", "Besluit",
                      c.created_at, &tri, &res) != ERR_OK)
        return DB_HARD_ERROR;
    if ((st = s->ops->case_update(s, &c)) <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    for (size_t k = 0; k < res.member_count; k++)
        if ((st = s->ops->case_team_add(s, c.id, &res.members[k])) < 0)
            return st;
    ev.event = res.event;
    ev.actor_username = "bench.triage";
    ev.actor_org = "nctv";
    return s->ops->case_event_add(s, c.id, &ev);
}

static db_status cases_body(storage *s, void *arg)
{
    gen *g = arg;
    int64_t end = g->done + BATCH < g->cases ? g->done + BATCH : g->cases;
    for (int64_t i = g->done; i < end; i++) {
        db_status st = insert_one_case(s, g, i);
        if (st < 0)
            return st;
    }
    return DB_ONE;
}

static db_status audit_body(storage *s, void *arg)
{
    gen *g = arg;
    enum { N = 10000 };
    static audit_entry e[N];
    static char ids[N][24], ats[N][CLOCK_RFC3339_SIZE];
    int64_t n = g->audit - g->done < N ? g->audit - g->done : N;
    for (int64_t i = 0; i < n; i++) {
        int64_t k = g->done + i;
        snprintf(ids[i], sizeof ids[i], "%lld", (long long)(1 + (k % (g->cases ? g->cases : 1))));
        clock_rfc3339(1735689600000LL + k * 3LL, ats[i]);
        e[i] = (audit_entry){0,      ats[i], "bench.triage", "nctv", "triage", "case.read", "case",
                             ids[i], "",     "ok",           ""};
    }
    return s->ops->audit_append(s, e, (size_t)n);
}

static int run(gen *g)
{
    if (storage_transact(g->db, TX_WRITE, users_body, g) < 0) {
        fprintf(stderr, "benchgen: users exist already (use a fresh database)\n");
        return 1;
    }
    for (g->done = 0; g->done < g->cases; g->done += BATCH) {
        if (storage_transact(g->db, TX_WRITE, cases_body, g) < 0)
            return fprintf(stderr, "benchgen: case batch failed\n"), 1;
        arena_clear(&g->a);
        fprintf(stderr, "\rcases %lld/%lld", (long long)g->done, (long long)g->cases);
    }
    for (g->done = 0; g->done < g->audit; g->done += 10000) {
        if (storage_transact(g->db, TX_WRITE, audit_body, g) < 0)
            return fprintf(stderr, "benchgen: audit batch failed\n"), 1;
        if (g->done % 500000 == 0)
            fprintf(stderr, "\raudit %lld/%lld   ", (long long)g->done, (long long)g->audit);
    }
    fprintf(stderr, "\rdone: %lld cases, %lld persons, %lld audit entries\n", (long long)g->cases,
            (long long)g->cases * 2, (long long)g->audit);
    return 0;
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"cases", required_argument, NULL, 'c'},
                                         {"audit", required_argument, NULL, 'a'},
                                         {NULL, 0, NULL, 0}};
    gen g = {.cases = 50000, .audit = 10000000, .rng = 20261128};
    const char *url = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            url = optarg;
        else if (c == 'c')
            g.cases = atoll(optarg);
        else if (c == 'a')
            g.audit = atoll(optarg);
        else
            return fputs("usage: schild-benchgen --db URL [--cases N] [--audit N]\n", stderr), 2;
    }
    if (!secret_init() || !(g.db = cli_open_database(url)))
        return 1;
    arena_init(&g.a, 256 << 20);
    int rc = run(&g);
    arena_clear(&g.a);
    storage_close(g.db);
    return rc;
}

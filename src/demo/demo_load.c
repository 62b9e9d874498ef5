/* demo_load: the demo world as real records. Each case is written in its own transaction in the
 * order it was referred, with timestamps relative to a fixed demo epoch so that every load is
 * identical. Users get real Argon2id hashes of the shared demo password. */
#include "demo/demo_load.h"

#include "core/triage.h"
#include "demo/demo_daf.h"
#include "demo/demo_world.h"
#include "util/clock.h"
#include "util/secret.h"

#include <stdlib.h>
#include <string.h>

/* 2026-11-20T09:00:00Z: "today" in the demo world. */
static const int64_t DEMO_EPOCH_MS = 1795165200000LL;
enum { DAY_MS = 86400000, HOUR_MS = 3600000 };

typedef struct loader {
    arena a;
    const demo_user *users;
    size_t user_count;
    int64_t *user_ids;
    const demo_person *persons;
    int64_t *person_ids; /* 0 until first inserted */
    int64_t *case_ids;   /* per demo case, once stored */
} loader;

static const char *stamp(loader *l, int64_t ms)
{
    char buf[CLOCK_RFC3339_SIZE];
    clock_rfc3339(ms, buf);
    return arena_strdup(&l->a, buf);
}

static const viewer *find_user(loader *l, const char *username, viewer *out)
{
    for (size_t i = 0; i < l->user_count; i++)
        if (strcmp(l->users[i].username, username) == 0) {
            *out = (viewer){l->user_ids[i],           l->users[i].username,
                            l->users[i].display_name, role_parse(l->users[i].role),
                            l->users[i].org,          0};
            return out;
        }
    return NULL;
}

typedef struct users_ctx {
    loader *l;
    const char *hash;
    const char *now;
} users_ctx;

static db_status users_body(storage *s, void *arg)
{
    users_ctx *k = arg;
    for (size_t i = 0; i < k->l->user_count; i++) {
        const demo_user *u = &k->l->users[i];
        new_user nu = {u->username, u->display_name, u->org, k->hash, k->now, role_parse(u->role)};
        db_status st = s->ops->user_insert(s, &nu, &k->l->user_ids[i]);
        if (st <= 0)
            return st < 0 ? st : DB_REFUSED;
    }
    return DB_ONE;
}

static audit_entry case_audit_entry(const viewer *v, const char *at, const char *action, int64_t id,
                                    char idbuf[24])
{
    snprintf(idbuf, 24, "%lld", (long long)id);
    return (audit_entry){.at = at,
                         .username = v->username,
                         .org = v->org,
                         .role = role_name(v->role),
                         .action = action,
                         .object_type = "case",
                         .object_id = idbuf,
                         .purpose = "",
                         .outcome = "ok",
                         .detail = "demo"};
}

typedef struct case_ctx {
    loader *l;
    const demo_case *dc;
    int64_t referred_ms;
    int64_t case_id;
} case_ctx;

static db_status add_event(storage *s, case_record *c, const viewer *v, const char *at,
                           const char *event, const char *text, const char *action)
{
    case_event ev = {
        .at = at, .event = event, .actor_username = v->username, .actor_org = v->org, .text = text};
    db_status st = s->ops->case_event_add(s, c->id, &ev);
    if (st < 0)
        return st;
    char idbuf[24];
    audit_entry e = case_audit_entry(v, at, action, c->id, idbuf);
    return s->ops->audit_append(s, &e, 1);
}

static db_status insert_case(storage *s, case_ctx *k, case_record *c, const viewer *ref)
{
    loader *l = k->l;
    *c = (case_record){.summary = k->dc->summary,
                       .phenomenon = phenomenon_parse(k->dc->phenomenon),
                       .urgent = k->dc->urgent,
                       .source_details = k->dc->source_details,
                       .referring_org = ref->org,
                       .referred_by = ref->user_id,
                       .created_at = stamp(l, k->referred_ms)};
    db_status st = s->ops->case_insert(s, &l->a, c);
    for (size_t i = 0; st >= 0 && i < k->dc->person_count; i++) {
        size_t p = k->dc->persons[i];
        if (!l->person_ids[p]) {
            const demo_person *dp = &l->persons[p];
            person_record rec = {.given_names = dp->given_names,
                                 .surname_prefix = dp->surname_prefix,
                                 .surname = dp->surname,
                                 .date_of_birth = dp->date_of_birth,
                                 .function = dp->function,
                                 .employer_org = ""};
            if ((st = s->ops->person_insert(s, &rec, c->created_at)) < 0)
                return st;
            l->person_ids[p] = rec.id;
        }
        st = s->ops->case_link_person(s, c->id, l->person_ids[p]);
    }
    team_member m = {.org = ref->org, .membership = "referrer"};
    if (st < 0 || (st = s->ops->case_team_add(s, c->id, &m)) < 0)
        return st;
    return add_event(s, c, ref, c->created_at, "referred", c->urgent ? "spoed" : "", "case.create");
}

/* Triage's question and, when the demo says so, the referrer's answer. */
static db_status ask_and_answer(storage *s, case_ctx *k, case_record *c, const viewer *ref,
                                const viewer *tri)
{
    triage_result res;
    const char *asked = stamp(k->l, k->referred_ms + DAY_MS);
    if (triage_decide(c, TRIAGE_MORE_INFORMATION, NULL, k->dc->triage_reasoning, asked, tri,
                      &res) != ERR_OK)
        return DB_HARD_ERROR;
    db_status st = s->ops->case_update(s, c);
    if (st <= 0 ||
        (st = add_event(s, c, tri, asked, res.event, k->dc->triage_reasoning, "case.triage")) < 0)
        return st < 0 ? st : DB_HARD_ERROR;
    if (!k->dc->answer)
        return DB_ONE;
    const char *answered = stamp(k->l, k->referred_ms + 2 * DAY_MS);
    if (triage_supply_information(c, answered) != ERR_OK)
        return DB_HARD_ERROR;
    if ((st = s->ops->case_update(s, c)) <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    return add_event(s, c, ref, answered, "information_supplied", k->dc->answer,
                     "case.information");
}

static db_status decide(storage *s, case_ctx *k, case_record *c, const viewer *tri)
{
    triage_outcome outcome = triage_outcome_parse(k->dc->triage_outcome);
    int64_t at_ms = k->referred_ms + (k->dc->days_ago > 2 ? 2 * DAY_MS : 3 * HOUR_MS);
    const char *at = stamp(k->l, at_ms);
    triage_result res;
    if (triage_decide(c, outcome, k->dc->district, k->dc->triage_reasoning, at, tri, &res) !=
        ERR_OK)
        return DB_HARD_ERROR;
    db_status st = s->ops->case_update(s, c);
    if (st <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    for (size_t i = 0; i < res.member_count; i++)
        if ((st = s->ops->case_team_add(s, c->id, &res.members[i])) < 0)
            return st;
    return add_event(s, c, tri, at, res.event, k->dc->triage_reasoning, "case.triage");
}

static db_status case_body(storage *s, void *arg)
{
    case_ctx *k = arg;
    viewer ref, tri;
    if (!find_user(k->l, k->dc->referrer, &ref))
        return DB_HARD_ERROR;
    case_record c;
    db_status st = insert_case(s, k, &c, &ref);
    k->case_id = c.id;
    if (st < 0 || !k->dc->triage_outcome)
        return st;
    if (!find_user(k->l, k->dc->triage_user, &tri))
        return DB_HARD_ERROR;
    if (strcmp(k->dc->triage_outcome, "more_information") == 0)
        return ask_and_answer(s, k, &c, &ref, &tri);
    return decide(s, k, &c, &tri);
}

static int load_cases(storage *db, loader *l)
{
    const demo_case *cases;
    size_t n = demo_world_cases(&cases);
    for (size_t i = 0; i < n; i++) {
        /* Spread referrals over the working day so that the queue order is visible. */
        int64_t ms =
            DEMO_EPOCH_MS - (int64_t)cases[i].days_ago * DAY_MS - (int64_t)((i * 37) % 480) * 60000;
        case_ctx k = {l, &cases[i], ms, 0};
        if (storage_transact(db, TX_WRITE, case_body, &k) < 0) {
            fprintf(stderr, "schild: demo case %zu could not be stored\n", i + 1);
            return -1;
        }
        l->case_ids[i] = k.case_id;
    }
    demo_daf_ctx daf = {db,    l->users,    l->user_ids, l->user_count,
                        cases, l->case_ids, n,           DEMO_EPOCH_MS};
    if (demo_load_daf(&daf) < 0 || demo_load_decisions(&daf) < 0)
        return -1;
    return (int)n;
}

int demo_load(storage *db, FILE *out)
{
    loader l;
    memset(&l, 0, sizeof l);
    arena_init(&l.a, 64 << 20);
    l.user_count = demo_world_users(&l.users);
    size_t person_count = demo_world_persons(&l.persons);
    l.user_ids = calloc(l.user_count, sizeof *l.user_ids);
    l.person_ids = calloc(person_count, sizeof *l.person_ids);
    const demo_case *cases;
    l.case_ids = calloc(demo_world_cases(&cases), sizeof *l.case_ids);
    char hash[PASSWORD_HASH_SIZE], now[CLOCK_RFC3339_SIZE];
    clock_rfc3339(DEMO_EPOCH_MS - 400LL * DAY_MS, now);
    int rc = -1;
    if (l.user_ids && l.person_ids && l.case_ids && password_hash(demo_world_password(), hash)) {
        users_ctx uk = {&l, hash, now};
        db_status st = storage_transact(db, TX_WRITE, users_body, &uk);
        if (st == DB_REFUSED)
            fprintf(stderr, "schild: this database already holds demo users\n");
        else if (st >= 0)
            rc = load_cases(db, &l) < 0 ? -1 : 0;
    }
    if (rc == 0) {
        fprintf(out, "Demo accounts (password for all: %s):\n", demo_world_password());
        for (size_t i = 0; i < l.user_count; i++)
            fprintf(out, "  %-22s %-16s %-26s %s\n", l.users[i].username, l.users[i].role,
                    l.users[i].org, l.users[i].display_name);
    }
    free(l.user_ids);
    free(l.person_ids);
    free(l.case_ids);
    arena_clear(&l.a);
    return rc;
}

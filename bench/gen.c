/* schild-benchgen: builds a database at benchmark scale through the storage interface (so it
 * works on every backend): persons, cases with teams and timelines, some triaged, threat actors,
 * signals (Dutch threat texts composed from phrase tables, with mixed compartments, grades,
 * handling codes and subjects) and a long audit trail with a valid hash chain. With
 * --import-file it also writes a JSON Lines file of further signals on the same cases for the
 * `schild signal import` scenario. Deterministic for a given seed. */
#include "cli/cli.h"
#include "core/triage.h"
#include "core/validate.h"
#include "util/clock.h"
#include "util/secret.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BATCH = 5000, SIGNAL_BATCH = 50000, TEXT_MAX = 1024 };

typedef struct gen {
    storage *db;
    arena a;
    uint64_t rng;
    int64_t persons, cases, audit, actors, signals, import_count;
    int64_t referrer_id, triage_id, analyst_id;
    int64_t done;
    int64_t *case_ids;   /* [cases] */
    int64_t *person_ids; /* [cases * 2]: the two persons of each case */
    int64_t *actor_ids;  /* [actors] */
    int64_t *case_days;  /* [cases]: the day each case was referred (days since 1970) */
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
static const char *const districts[] = {
    "amsterdam",        "den-haag",      "gelderland",          "limburg",
    "midden-nederland", "noord-holland", "noord-nederland",     "oost-brabant",
    "overijssel",       "rotterdam",     "zeeland-west-brabant"};

#define COUNT(table) (sizeof(table) / sizeof((table)[0]))
#define PICK(g, table) (table)[next(g) % COUNT(table)]

/* ---- Dutch threat texts ----
 * Sentences from templates over phrase tables. The inflections (bedreiging, bedreigingen,
 * bedreigd, bedreigde, bedreigen, dreigde, dreigementen) are there so that stemming matters. */

static const char *const channels[] = {"Via Instagram",
                                       "In een anoniem bericht op X",
                                       "Op een Telegramkanaal",
                                       "Tijdens een telefoongesprek",
                                       "In een brief aan de rechtbank",
                                       "Via WhatsApp",
                                       "Op een forum",
                                       "In een e-mail aan de gemeente",
                                       "Bij de voordeur van de woning",
                                       "Na afloop van de zitting",
                                       "Volgens een informant",
                                       "In een TikTok-video",
                                       "Op Facebook",
                                       "Tijdens een demonstratie"};
static const char *const targets[] = {"de rechter",
                                      "de officier van justitie",
                                      "de burgemeester",
                                      "de wethouder",
                                      "een journalist",
                                      "de advocaat",
                                      "het Kamerlid",
                                      "de minister",
                                      "de gedeputeerde",
                                      "een wijkagent",
                                      "de familie van de rechter",
                                      "de raadsvrouw",
                                      "de gevangenisdirecteur",
                                      "een getuige",
                                      "de griffier",
                                      "de columnist"};
static const char *const speakers[] = {"een onbekende man",
                                       "de verdachte",
                                       "een anonieme afzender",
                                       "een bekende van de politie",
                                       "leden van een motorclub",
                                       "een activist",
                                       "de ex-partner",
                                       "twee jongemannen",
                                       "een account met veel volgers",
                                       "een oud-cliënt",
                                       "een buurtbewoner",
                                       "een gedetineerde"};
static const char *const participles[] = {"bedreigd", "geïntimideerd",  "opgewacht",
                                          "gevolgd",  "gefotografeerd", "uitgescholden",
                                          "bedreigd", "lastiggevallen", "achtervolgd"};
static const char *const threats[] = {
    "bedreigingen",       "een doodsbedreiging", "dreigementen",          "een ernstige bedreiging",
    "intimiderende taal", "een bedreiging",      "verhulde bedreigingen", "een dreigbrief"};
static const char *const means[] = {"met een vuurwapen",
                                    "met een mes",
                                    "met brandstichting",
                                    "met een explosief",
                                    "met geweld",
                                    "met een aanslag",
                                    "met de dood",
                                    "met ontvoering van de kinderen",
                                    "met een molotovcocktail"};
static const char *const intents[] = {
    "te vermoorden",  "neer te schieten", "iets aan te doen", "de woning in brand te steken",
    "te ontvoeren",   "op te blazen",     "te liquideren",    "aan te vallen",
    "te laten boeten"};
static const char *const places[] = {"in Rotterdam-Zuid",
                                     "bij het gerechtsgebouw",
                                     "in de buurt van de woning",
                                     "bij het stadhuis",
                                     "op Schiphol",
                                     "in Amsterdam-Oost",
                                     "bij de Tweede Kamer",
                                     "in Den Haag",
                                     "op het werk",
                                     "bij de school van de kinderen",
                                     "in Utrecht",
                                     "op het station van Zwolle",
                                     "bij de sportschool",
                                     "in Maastricht"};
static const char *const motives[] = {"de uitspraak in het liquidatieproces",
                                      "een conflict over een uitkering",
                                      "de sluiting van een pand",
                                      "berichtgeving over een criminele organisatie",
                                      "een verloren voogdijzaak",
                                      "het coronabeleid",
                                      "de aanleg van een windpark",
                                      "een ontruiming",
                                      "een eerdere veroordeling"};
static const char *const remarks[] = {"De bron wordt als betrouwbaar beschouwd.",
                                      "Er zijn foto's van de woning gedeeld.",
                                      "Het kenteken van de auto is bekend bij de politie.",
                                      "Betrokkene heeft eerder geweld gebruikt.",
                                      "Er reed meerdere keren een auto langs de woning.",
                                      "Betrokkene heeft toegang tot vuurwapens.",
                                      "De bedreigingen nemen in ernst toe.",
                                      "Eerder dit jaar werd aangifte gedaan van bedreiging.",
                                      "Het bericht werd honderden keren gedeeld.",
                                      "Er is geen eerdere melding over deze persoon.",
                                      "Betrokkene is gefixeerd op het doelwit.",
                                      "De informatie is nog niet geverifieerd."};

typedef struct text_buf {
    char s[TEXT_MAX];
    size_t n;
} text_buf;

static void put(text_buf *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(text_buf *t, const char *fmt, ...)
{
    if (t->n >= sizeof t->s - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(t->s + t->n, sizeof t->s - t->n, fmt, ap);
    va_end(ap);
    if (w > 0)
        t->n = t->n + (size_t)w < sizeof t->s ? t->n + (size_t)w : sizeof t->s - 1;
}

/* The speaker with a capital, for the start of a sentence. */
static const char *capitalised(gen *g, char *buf, size_t size)
{
    snprintf(buf, size, "%s", PICK(g, speakers));
    buf[0] = (char)(buf[0] >= 'a' && buf[0] <= 'z' ? buf[0] - 32 : buf[0]);
    return buf;
}

static void threat_sentence(gen *g, text_buf *t)
{
    char who[64];
    switch (next(g) % 7) {
    case 0:
        put(t, "%s werd %s %s %s.", PICK(g, channels), PICK(g, targets), PICK(g, participles),
            PICK(g, means));
        break;
    case 1:
        put(t, "%s uitte %s %s aan het adres van %s.", PICK(g, channels), PICK(g, speakers),
            PICK(g, threats), PICK(g, targets));
        break;
    case 2:
        put(t, "%s dreigde %s %s.", capitalised(g, who, sizeof who), PICK(g, targets),
            PICK(g, intents));
        break;
    case 3:
        put(t, "%s heeft %s %s %s.", capitalised(g, who, sizeof who), PICK(g, targets),
            PICK(g, participles), PICK(g, places));
        break;
    case 4:
        put(t, "Er is sprake van %s %s, gericht tegen %s.", PICK(g, threats), PICK(g, places),
            PICK(g, targets));
        break;
    case 5:
        put(t, "%s bedreigde %s %s.", capitalised(g, who, sizeof who), PICK(g, targets),
            PICK(g, means));
        break;
    default:
        put(t, "Volgens de melding wil %s %s bedreigen %s.", PICK(g, speakers), PICK(g, targets),
            PICK(g, places));
    }
}

/* Two to five sentences, about 100 to 450 characters. */
static void compose_text(gen *g, text_buf *t)
{
    t->n = 0;
    t->s[0] = '\0';
    int sentences = 1 + (int)(next(g) % 3);
    for (int i = 0; i < sentences; i++) {
        put(t, "%s", i ? " " : "");
        threat_sentence(g, t);
    }
    if (next(g) % 2)
        put(t, " De dreiging lijkt verband te houden met %s.", PICK(g, motives));
    for (int i = (int)(next(g) % 3); i > 0; i--)
        put(t, " %s", PICK(g, remarks));
}

/* ---- the vocabulary mix of signals ---- */

typedef struct weighted {
    int value, weight;
} weighted;

static int pick_weighted(gen *g, const weighted *w, size_t n)
{
    int total = 0;
    for (size_t i = 0; i < n; i++)
        total += w[i].weight;
    int r = (int)(next(g) % (uint64_t)total);
    for (size_t i = 0; i < n; i++)
        if ((r -= w[i].weight) < 0)
            return w[i].value;
    return w[0].value;
}

static const weighted compartment_mix[] = {{COMPARTMENT_POLICE, 34},
                                           {COMPARTMENT_OPEN_SOURCE, 20},
                                           {COMPARTMENT_INVESTIGATION, 12},
                                           {COMPARTMENT_CRIME_INTEL, 12},
                                           {COMPARTMENT_INFORMANT, 8},
                                           {COMPARTMENT_PROTECTED_PERSON, 8},
                                           {COMPARTMENT_INTELLIGENCE_SERVICE, 6}};
static const weighted source_mix[] = {
    {SOURCE_A, 15}, {SOURCE_B, 45}, {SOURCE_C, 25}, {SOURCE_X, 15}};
static const weighted info_mix[] = {{INFO_1, 15}, {INFO_2, 35}, {INFO_3, 30}, {INFO_4, 20}};
static const weighted handling_mix[] = {
    {HANDLING_H0, 60}, {HANDLING_H1, 20}, {HANDLING_H2, 15}, {HANDLING_H3, 5}};
static const char *const sources[] = {"politie-amsterdam",
                                      "politie-rotterdam",
                                      "politie-den-haag",
                                      "politie-midden-nederland",
                                      "politie-oost-brabant",
                                      "politie-noord-holland",
                                      "politie-le",
                                      "politie-rotterdam",
                                      "politie-amsterdam",
                                      "kmar",
                                      "aivd",
                                      "mivd",
                                      "nctv",
                                      "om-amsterdam",
                                      "om-rotterdam"};
static const char *const handling_notes[] = {"Alleen voor de DAF", "Niet delen met de gemeente",
                                             "Bron beschermen: geen details naar buiten"};

/* Dates: signals arrive within 60 days after the case was referred; every case lies in 2025, so
 * no date is in the future whenever the bench runs. */
static int64_t case_day(int64_t i)
{
    return days_from_civil(2025, 1, 1) + (i * 600000LL) / 86400000LL; /* as created_at */
}

/* One generated signal (strings in g->a). for_import: only what the import user (triage, NCTV)
 * may record: no informant compartment, H2 only from the NCTV itself. */
static void make_signal(gen *g, bool for_import, signal_record *sig, text_buf *t)
{
    int64_t k = (int64_t)(next(g) % (uint64_t)g->cases);
    *sig = (signal_record){.case_id = g->case_ids[k]};
    char day[DATE_TEXT_SIZE];
    date_format(g->case_days[k] + (int64_t)(next(g) % 60), day);
    sig->received_at = arena_strdup(&g->a, day);
    sig->source_org = PICK(g, sources);
    sig->source_grade = (source_grade)pick_weighted(g, source_mix, COUNT(source_mix));
    sig->info_grade = (info_grade)pick_weighted(g, info_mix, COUNT(info_mix));
    sig->handling = (handling_code)pick_weighted(g, handling_mix, COUNT(handling_mix));
    sig->compartment = (compartment)pick_weighted(g, compartment_mix, COUNT(compartment_mix));
    if (for_import && sig->compartment == COMPARTMENT_INFORMANT)
        sig->compartment = COMPARTMENT_POLICE;
    if (for_import && sig->handling == HANDLING_H2)
        sig->source_org = "nctv";
    sig->handling_note = sig->handling == HANDLING_H3 ? PICK(g, handling_notes) : "";
    sig->concrete = next(g) % 3 == 0;
    compose_text(g, t);
    sig->text = t->s;
    signal_subject *subs = arena_alloc(&g->a, 3 * sizeof *subs);
    if (next(g) % 5 < 3) /* three in five name a person of the case */
        subs[sig->subject_count++] =
            (signal_subject){SUBJECT_PERSON, g->person_ids[k * 2 + (int64_t)(next(g) % 2)], NULL};
    if (g->actors && next(g) % 20 == 0) /* one in twenty names a threat actor */
        subs[sig->subject_count++] =
            (signal_subject){SUBJECT_ACTOR, g->actor_ids[next(g) % (uint64_t)g->actors], NULL};
    sig->subjects = subs;
}

/* ---- users, cases, actors, signals, audit ---- */

static db_status users_body(storage *s, void *arg)
{
    gen *g = arg;
    char hash[PASSWORD_HASH_SIZE];
    if (!password_hash("bench-password-2026", hash))
        return DB_HARD_ERROR;
    const char *at = "2026-01-01T00:00:00.000Z";
    new_user users[] = {
        {"bench.ref", "Bench Referrer", "politie-amsterdam", hash, at, ROLE_REFERRER},
        {"bench.triage", "Bench Triage", "nctv", hash, at, ROLE_TRIAGE},
        /* the search scenario's analyst: a regional unit, which sees a share of the cases */
        {"bench.analyst", "Bench Analyst", "politie-rotterdam", hash, at, ROLE_ANALYST},
    };
    int64_t *ids[] = {&g->referrer_id, &g->triage_id, &g->analyst_id};
    for (size_t i = 0; i < COUNT(users); i++) {
        db_status st = s->ops->user_insert(s, &users[i], ids[i]);
        if (st <= 0)
            return st < 0 ? st : DB_REFUSED;
    }
    return DB_ONE;
}

static void varied_summary(gen *g, text_buf *t)
{
    t->n = 0;
    put(t, "Dreiging na %s; ", PICK(g, motives));
    threat_sentence(g, t);
}

static db_status insert_one_case(storage *s, gen *g, int64_t i)
{
    char at[CLOCK_RFC3339_SIZE];
    clock_rfc3339(1735689600000LL + i * 600000LL, at); /* from 2025-01-01, every 10 min */
    const char *org = PICK(g, orgs);
    text_buf summary;
    varied_summary(g, &summary);
    case_record c = {.summary = arena_strdup(&g->a, summary.s),
                     .phenomenon = (phenomenon)(next(g) % PHENOMENON__COUNT),
                     .urgent = next(g) % 10 == 0,
                     .source_details = "Benchmarkgegevens",
                     .referring_org = org,
                     .referred_by = g->referrer_id,
                     .created_at = arena_strdup(&g->a, at)};
    db_status st = s->ops->case_insert(s, &g->a, &c);
    g->case_ids[i] = c.id;
    g->case_days[i] = case_day(i);
    for (int p = 0; st >= 0 && p < 2; p++) {
        char dob[11];
        snprintf(dob, sizeof dob, "%04d-%02d-%02d", 1950 + (int)(next(g) % 60),
                 1 + (int)(next(g) % 12), 1 + (int)(next(g) % 28));
        person_record pr = {
            0, PICK(g, given), PICK(g, prefixes), PICK(g, surnames), dob, "rechter", "", 0};
        if ((st = s->ops->person_insert(s, &pr, c.created_at)) >= 0)
            st = s->ops->case_link_person(s, c.id, pr.id);
        g->person_ids[i * 2 + p] = pr.id;
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
    viewer tri = {g->triage_id, "bench.triage", "", ROLE_TRIAGE, "nctv", 0};
    triage_result res;
    if (triage_decide(&c, next(g) % 2 ? TRIAGE_NATIONAL : TRIAGE_LOCAL, PICK(g, districts),
                      "Besluit", c.created_at, &tri, &res) != ERR_OK)
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

static const char *const actor_groups[] = {"Motorclub", "Actiegroep", "Netwerk",
                                           "Familie",   "Collectief", "Telegramgroep"};
static const char *const actor_places[] = {"Noord", "Zuid", "Oost", "West", "Rijnmond", "Delta"};

static db_status actors_body(storage *s, void *arg)
{
    gen *g = arg;
    for (int64_t i = 0; i < g->actors; i++) {
        actor_kind kind = (actor_kind)(next(g) % 3);
        const char *name = kind == ACTOR_PERSON
                               ? arena_printf(&g->a, "%s %s (%lld)", PICK(g, given),
                                              PICK(g, surnames), (long long)i)
                               : arena_printf(&g->a, "%s %s %lld", PICK(g, actor_groups),
                                              PICK(g, actor_places), (long long)i);
        actor_record act = {.kind = kind,
                            .name = name,
                            .description = "Bekend uit eerdere meldingen over intimidatie.",
                            .created_by_org = "politie-le",
                            .created_at = "2025-01-01T00:00:00.000Z"};
        db_status st = s->ops->actor_insert(s, &act);
        if (st < 0)
            return st;
        g->actor_ids[i] = act.id;
    }
    return DB_ONE;
}

static db_status signals_body(storage *s, void *arg)
{
    gen *g = arg;
    int64_t end = g->done + SIGNAL_BATCH < g->signals ? g->done + SIGNAL_BATCH : g->signals;
    text_buf t;
    for (int64_t i = g->done; i < end; i++) {
        signal_record sig;
        make_signal(g, false, &sig, &t);
        sig.recorded_by = g->triage_id;
        sig.recorded_by_org = "nctv";
        sig.created_at = arena_printf(&g->a, "%sT09:00:00.000Z", sig.received_at);
        db_status st = s->ops->signal_insert(s, &sig);
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

/* ---- the import file ---- */

static void put_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void write_import_line(FILE *f, const signal_record *sig)
{
    fprintf(f,
            "{\"case_id\":%lld,\"received_at\":\"%s\",\"source_org\":\"%s\","
            "\"source_grade\":\"%s\",\"info_grade\":\"%s\",\"handling\":\"%s\",",
            (long long)sig->case_id, sig->received_at, sig->source_org,
            source_grade_name(sig->source_grade), info_grade_name(sig->info_grade),
            handling_name(sig->handling));
    if (*sig->handling_note) {
        fputs("\"handling_note\":", f);
        put_json_string(f, sig->handling_note);
        fputc(',', f);
    }
    fprintf(f, "\"compartment\":\"%s\",\"concreteness\":\"%s\",\"text\":",
            compartment_name(sig->compartment), sig->concrete ? "concrete" : "conceivable");
    put_json_string(f, sig->text);
    fputs(",\"subjects\":[", f);
    for (size_t i = 0; i < sig->subject_count; i++)
        fprintf(f, "%s{\"kind\":\"%s\",\"id\":%lld}", i ? "," : "",
                subject_kind_name(sig->subjects[i].kind), (long long)sig->subjects[i].id);
    fputs("]}\n", f);
}

static int write_import_file(gen *g, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return perror(path), 1;
    text_buf t;
    for (int64_t i = 0; i < g->import_count; i++) {
        signal_record sig;
        make_signal(g, true, &sig, &t);
        write_import_line(f, &sig);
        if (i % 10000 == 9999)
            arena_clear(&g->a);
    }
    if (fclose(f) != 0)
        return perror(path), 1;
    return 0;
}

/* ---- driving it ---- */

static int batches(gen *g, const char *what, int64_t total, int64_t step, tx_body body)
{
    for (g->done = 0; g->done < total; g->done += step) {
        if (storage_transact(g->db, TX_WRITE, body, g) < 0)
            return fprintf(stderr, "\nbenchgen: %s batch failed\n", what), 1;
        arena_clear(&g->a);
        fprintf(stderr, "\r%s %lld/%lld   ", what, (long long)g->done, (long long)total);
    }
    return 0;
}

static int run(gen *g, const char *import_file)
{
    int64_t t0 = clock_now_ms();
    if (storage_transact(g->db, TX_WRITE, users_body, g) < 0) {
        fprintf(stderr, "benchgen: users exist already (use a fresh database)\n");
        return 1;
    }
    if (batches(g, "cases", g->cases, BATCH, cases_body) ||
        (g->actors && storage_transact(g->db, TX_WRITE, actors_body, g) < 0))
        return 1;
    int64_t t1 = clock_now_ms();
    if (batches(g, "signals", g->signals, SIGNAL_BATCH, signals_body))
        return 1;
    int64_t t2 = clock_now_ms();
    if (batches(g, "audit", g->audit, 10000, audit_body))
        return 1;
    int64_t t3 = clock_now_ms();
    fprintf(stderr,
            "\rdone: %lld cases, %lld persons, %lld actors, %lld signals (%.1f s, %.0f/s), "
            "%lld audit entries (%.1f s); cases %.1f s\n",
            (long long)g->cases, (long long)g->cases * 2, (long long)g->actors,
            (long long)g->signals, (double)(t2 - t1) / 1000,
            t2 > t1 ? (double)g->signals * 1000 / (double)(t2 - t1) : 0.0, (long long)g->audit,
            (double)(t3 - t2) / 1000, (double)(t1 - t0) / 1000);
    return import_file ? write_import_file(g, import_file) : 0;
}

static const char usage[] =
    "usage: schild-benchgen --db URL [--cases N] [--audit N] [--signals N] [--actors N]\n"
    "                       [--import-file FILE [--import-count N]]\n"
    "  Defaults: 50000 cases (two persons each), 10000000 audit entries, 1000000 signals,\n"
    "  2000 actors; --import-file writes N (default 200000) further signals on the same\n"
    "  cases as JSON Lines for `schild signal import --user bench.triage`.\n";

int main(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"cases", required_argument, NULL, 'c'},
                                         {"audit", required_argument, NULL, 'a'},
                                         {"signals", required_argument, NULL, 's'},
                                         {"actors", required_argument, NULL, 'A'},
                                         {"import-file", required_argument, NULL, 'f'},
                                         {"import-count", required_argument, NULL, 'n'},
                                         {NULL, 0, NULL, 0}};
    gen g = {.cases = 50000,
             .audit = 10000000,
             .signals = 1000000,
             .actors = 2000,
             .import_count = 200000,
             .rng = 20261128};
    const char *url = NULL, *import_file = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            url = optarg;
            break;
        case 'c':
            g.cases = atoll(optarg);
            break;
        case 'a':
            g.audit = atoll(optarg);
            break;
        case 's':
            g.signals = atoll(optarg);
            break;
        case 'A':
            g.actors = atoll(optarg);
            break;
        case 'f':
            import_file = optarg;
            break;
        case 'n':
            g.import_count = atoll(optarg);
            break;
        default:
            return fputs(usage, stderr), 2;
        }
    }
    if (g.cases < 1 || g.audit < 0 || g.signals < 0 || g.actors < 0 || g.import_count < 0)
        return fputs(usage, stderr), 2;
    g.case_ids = calloc((size_t)g.cases, sizeof *g.case_ids);
    g.case_days = calloc((size_t)g.cases, sizeof *g.case_days);
    g.person_ids = calloc((size_t)g.cases * 2, sizeof *g.person_ids);
    g.actor_ids = calloc((size_t)g.actors + 1, sizeof *g.actor_ids);
    if (!g.case_ids || !g.case_days || !g.person_ids || !g.actor_ids)
        return fputs("benchgen: out of memory\n", stderr), 1;
    if (!secret_init() || !(g.db = cli_open_database(url)))
        return 1;
    /* informant and intelligence-service texts are sealed with the field key (docs/SECURITY.md) */
    if (cli_create_keys(url, stderr) != 0 || cli_load_field_key(g.db, url, true) != 0)
        return storage_close(g.db), 1;
    arena_init(&g.a, 512 << 20);
    int rc = run(&g, import_file);
    arena_clear(&g.a);
    storage_close(g.db);
    free(g.case_ids);
    free(g.case_days);
    free(g.person_ids);
    free(g.actor_ids);
    return rc;
}

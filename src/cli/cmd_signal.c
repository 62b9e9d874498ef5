/* cmd_signal: `schild signal import` loads signals from a JSON Lines file, all or nothing. Every
 * line is parsed and checked first, against the same rules as POST /api/v1/cases/{id}/signals
 * (shape, vocabulary, the case, its team, the compartment, the subjects), inside read
 * transactions, and kept; only when every line passes are the kept signals stored, in write
 * transactions of --batch signals each carrying one audit entry. Each line is parsed once: the
 * file is read into memory for the checking pass and freed before the storing pass.
 *
 * Batches with a pause between them, rather than one transaction, keep a running server's writers
 * (with SQLite the audit writer, which every read waits for) from stalling behind a long import.
 * Measured at 1,000,000 signals (docs/PERFORMANCE.md): one transaction is about 30 % faster than
 * batches of 5,000, but a read on a running server then waits for the whole import; batches of
 * 5,000 hold the lock for well under a second, and without the pause a read still waited 6 s,
 * with it at most about one batch. */
#include "cli/cli.h"
#include "cli/signal_import.h"

#include "core/access.h"
#include "core/daf_config.h"
#include "core/validate.h"
#include "util/clock.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
    "usage: schild signal import --db URL --user USERNAME [--batch N] [--pause MS]\n"
    "                            [--config FILE] FILE\n"
    "  FILE holds JSON Lines, one signal per line: {\"case_id\": N, ...the fields of\n"
    "  POST /api/v1/cases/{id}/signals} (docs/DAF.md). USERNAME records them: an active user\n"
    "  who may record signals, sees each case and may read each signal's compartment.\n"
    "  Every line is checked first; if any is bad, the first problems are printed as\n"
    "  FILE:LINE: field: message and nothing is imported (exit 1). Otherwise the signals are\n"
    "  stored in transactions of N signals (default 5000), each with one audit entry\n"
    "  (signal.import), MS milliseconds apart (default 100), and the count and rate are\n"
    "  printed. The pause lets a running server's writes in between (SQLite has one writer at\n"
    "  a time, and its waiting writers look again at least every 100 ms); with the server\n"
    "  stopped, --pause 0 and larger batches import faster.\n"
    "  Limits: lines up to 64 KiB, files up to 256 MiB (split larger sets).\n"
    "  --config FILE: DAF settings as JSON (the compartment matrix), as for serve.\n";

enum {
    MAX_FILE_BYTES = 256 << 20, /* held twice at most: the file and its parsed signals */
    DEFAULT_BATCH = 5000,
    MAX_BATCH = 1000000,
    DEFAULT_PAUSE_MS = 100, /* SQLite's busy handler sleeps at most 100 ms between attempts */
    MAX_PAUSE_MS = 10000,
    MAX_PRINTED_PROBLEMS = 20,
};

/* ---- caches of facts looked up once per import ----
 * Cases, persons, actors and organisations are never deleted and teams only grow, so a fact
 * found in the checking pass still holds when the batches are written (a case closed in between
 * is the one exception; the window is the length of the import). */

typedef struct id_map {
    int64_t *keys; /* 0: empty slot (ids are positive) */
    void **vals;
    size_t cap, count;
} id_map;

static size_t id_slot(const id_map *m, int64_t key)
{
    size_t i = (size_t)(((uint64_t)key * 0x9E3779B97F4A7C15ULL) >> 20) & (m->cap - 1);
    while (m->keys[i] != 0 && m->keys[i] != key)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static void *id_map_get(const id_map *m, int64_t key)
{
    if (m->cap == 0)
        return NULL;
    size_t i = id_slot(m, key);
    return m->keys[i] == key ? m->vals[i] : NULL;
}

static bool id_map_grow(id_map *m)
{
    id_map bigger = {.cap = m->cap ? m->cap * 2 : 1024};
    bigger.keys = calloc(bigger.cap, sizeof *bigger.keys);
    bigger.vals = calloc(bigger.cap, sizeof *bigger.vals);
    if (!bigger.keys || !bigger.vals)
        return free(bigger.keys), free(bigger.vals), false;
    for (size_t i = 0; i < m->cap; i++) {
        if (m->keys[i] == 0)
            continue;
        size_t j = id_slot(&bigger, m->keys[i]);
        bigger.keys[j] = m->keys[i];
        bigger.vals[j] = m->vals[i];
    }
    bigger.count = m->count;
    free(m->keys);
    free(m->vals);
    *m = bigger;
    return true;
}

static bool id_map_put(id_map *m, int64_t key, void *val)
{
    if ((m->count + 1) * 2 > m->cap && !id_map_grow(m))
        return false;
    size_t i = id_slot(m, key);
    m->count += m->keys[i] == 0;
    m->keys[i] = key;
    m->vals[i] = val;
    return true;
}

static void id_map_clear(id_map *m)
{
    if (m->cap)
        memset(m->keys, 0, m->cap * sizeof *m->keys);
    m->count = 0;
}

static void id_map_free(id_map *m)
{
    free(m->keys);
    free(m->vals);
    *m = (id_map){0};
}

/* The cases an actor is linked to, as far as this transaction knows (see notify_other_cases). */
typedef struct actor_links {
    int64_t *case_ids; /* in importer.scratch */
    size_t count, cap;
} actor_links;

typedef struct case_fact {
    bool found, visible, closed;
    size_t person_count;
    int64_t *persons;
} case_fact;

typedef struct org_fact {
    const char *code;
    bool known;
} org_fact;

static const bool FACT_TRUE = true, FACT_FALSE = false;

/* ---- the import ---- */

typedef struct problem {
    int64_t line_no;
    const char *field, *message;
} problem;

typedef struct kept_signal {
    signal_record sig; /* strings in importer.kept */
    int64_t line_no;
} kept_signal;

typedef struct importer {
    storage *db;
    const char *path;
    viewer user;
    const daf_config *cfg;
    int64_t today;
    size_t batch;
    int64_t pause_ms;
    arena facts;   /* the caches' values: the whole import */
    arena kept;    /* the parsed signals: the whole import */
    arena scratch; /* one chunk of lines */
    arena lookup;  /* one storage lookup */
    kept_signal *signals_kept;
    size_t kept_count, kept_cap;
    id_map cases, actors;
    id_map links; /* actor -> actor_links, for one chunk */
    org_fact orgs[64];
    size_t org_count;

    /* the chunk being checked (lines) or stored (kept signals); a retried transaction restarts
     * it */
    jsonl_reader chunk_start, reader;
    size_t chunk_first_kept, next_kept;
    int64_t line_no;
    int64_t chunk_signals, chunk_bad_lines;
    problem chunk_problems[MAX_PRINTED_PROBLEMS];
    size_t chunk_problem_count;
    bool line_bad;
    int64_t chunk_first_id, chunk_last_id;
    const char *chunk_now;

    /* totals */
    int64_t signals, bad_lines, printed;
    int64_t imported, first_id, last_id, batches;
} importer;

static void note_problem(importer *im, const char *field, const char *message)
{
    if (!im->line_bad)
        im->chunk_bad_lines++;
    im->line_bad = true;
    if (im->printed + (int64_t)im->chunk_problem_count >= MAX_PRINTED_PROBLEMS)
        return;
    im->chunk_problems[im->chunk_problem_count++] = (problem){
        im->line_no, arena_strdup(&im->scratch, field), arena_strdup(&im->scratch, message)};
}

static void note_validation(importer *im, const validation *v)
{
    if (v->unknown_field)
        note_problem(im, v->unknown_field, "is not a known field");
    size_t i;
    json_t *e;
    json_array_foreach(v->errors, i, e)
    {
        note_problem(im, json_string_value(json_object_get(e, "field")),
                     json_string_value(json_object_get(e, "message")));
    }
}

static db_status lookup_case(storage *s, importer *im, int64_t id, const case_fact **out)
{
    if ((*out = id_map_get(&im->cases, id)))
        return DB_ONE;
    case_record c;
    arena_clear(&im->lookup);
    db_status st = s->ops->case_get(s, &im->lookup, id, &c);
    if (st < 0)
        return st;
    case_fact *f = arena_alloc(&im->facts, sizeof *f);
    if (!f)
        return DB_HARD_ERROR;
    f->found = st == DB_ONE;
    f->visible = f->found && access_case_visible(&im->user, &c);
    f->closed = f->found && c.status == STATUS_CLOSED;
    f->persons = f->found && c.person_count
                     ? arena_alloc(&im->facts, c.person_count * sizeof *f->persons)
                     : NULL;
    for (size_t i = 0; f->persons && i < c.person_count; i++)
        f->persons[f->person_count++] = c.persons[i].id;
    if (!id_map_put(&im->cases, id, f))
        return DB_HARD_ERROR;
    *out = f;
    return DB_ONE;
}

static db_status lookup_actor(storage *s, importer *im, int64_t id, bool *exists)
{
    const bool *known = id_map_get(&im->actors, id);
    if (known)
        return *exists = *known, DB_ONE;
    actor_record act;
    arena_clear(&im->lookup);
    db_status st = s->ops->actor_get(s, &im->lookup, id, &act);
    if (st < 0)
        return st;
    *exists = st == DB_ONE;
    return id_map_put(&im->actors, id, (void *)(*exists ? &FACT_TRUE : &FACT_FALSE))
               ? DB_ONE
               : DB_HARD_ERROR;
}

static db_status lookup_org(storage *s, importer *im, const char *code, bool *known)
{
    for (size_t i = 0; i < im->org_count; i++)
        if (strcmp(im->orgs[i].code, code) == 0)
            return *known = im->orgs[i].known, DB_ONE;
    org_row row;
    arena_clear(&im->lookup);
    db_status st = s->ops->org_get(s, &im->lookup, code, &row);
    if (st < 0)
        return st;
    *known = st == DB_ONE;
    if (im->org_count < sizeof im->orgs / sizeof im->orgs[0]) /* else: look it up every time */
        im->orgs[im->org_count++] = (org_fact){arena_strdup(&im->facts, code), *known};
    return DB_ONE;
}

static bool person_of_case(const case_fact *f, int64_t id)
{
    for (size_t i = 0; i < f->person_count; i++)
        if (f->persons[i] == id)
            return true;
    return false;
}

static db_status check_subjects(storage *s, importer *im, const case_fact *f,
                                const signal_record *sig)
{
    for (size_t i = 0; i < sig->subject_count; i++) {
        const signal_subject *sub = &sig->subjects[i];
        char path[32];
        snprintf(path, sizeof path, "subjects[%zu]", i);
        if (sub->kind == SUBJECT_PERSON) {
            if (!person_of_case(f, sub->id))
                note_problem(im, path, "is not a person of this case");
            continue;
        }
        bool exists;
        db_status st = lookup_actor(s, im, sub->id, &exists);
        if (st < 0)
            return st;
        if (!exists)
            note_problem(im, path, "is not a known actor");
    }
    return DB_ONE;
}

/* What storage must confirm about a parsed line; problems are noted, not returned. */
static db_status check_references(storage *s, importer *im, const signal_record *sig)
{
    const case_fact *f;
    bool org_known;
    db_status st = lookup_case(s, im, sig->case_id, &f);
    if (st < 0 || (st = lookup_org(s, im, sig->source_org, &org_known)) < 0)
        return st;
    if (!f->found)
        note_problem(im, "case_id", "is not a case");
    else if (!f->visible)
        note_problem(im, "case_id", "is a case the importing user cannot see (need-to-know)");
    else if (f->closed)
        note_problem(im, "case_id", "is a closed case");
    if (!org_known)
        note_problem(im, "source_org", "is not a known organisation");
    viewer user = im->user;
    if (!daf_signal_readable(im->cfg, &user, sig, false))
        note_problem(im, "compartment",
                     "the importing user may not read this compartment, handling and originator "
                     "combination, so they may not record it");
    return f->found ? check_subjects(s, im, f, sig) : DB_ONE;
}

/* The cases actor_id is linked to, read once per chunk: inside its write transaction only this
 * import links actors to cases, so the list stays exact when it adds the link each signal makes
 * (signal_insert links the actor to the signal's case). Saves a read of every linked case with
 * its team per signal that names an actor. */
static db_status actor_links_of(storage *s, importer *im, int64_t actor_id, int64_t case_id,
                                actor_links **out)
{
    actor_links *l = id_map_get(&im->links, actor_id);
    if (!l) {
        case_record *cases;
        size_t n;
        arena_clear(&im->lookup);
        db_status st = s->ops->actor_cases(s, &im->lookup, actor_id, &cases, &n);
        if (st < 0)
            return st;
        l = arena_alloc(&im->scratch, sizeof *l);
        size_t cap = n + 16;
        int64_t *ids = l ? arena_alloc(&im->scratch, cap * sizeof *ids) : NULL;
        if (!ids || !id_map_put(&im->links, actor_id, l))
            return DB_HARD_ERROR;
        for (size_t j = 0; j < n; j++)
            ids[j] = cases[j].id;
        *l = (actor_links){ids, n, cap};
    }
    for (size_t j = 0; j < l->count; j++)
        if (l->case_ids[j] == case_id)
            return *out = l, DB_ONE;
    if (l->count == l->cap) {
        size_t cap = l->cap * 2;
        int64_t *ids = arena_alloc(&im->scratch, cap * sizeof *ids);
        if (!ids)
            return DB_HARD_ERROR;
        memcpy(ids, l->case_ids, l->count * sizeof *ids);
        *l = (actor_links){ids, l->count, cap};
    }
    l->case_ids[l->count++] = case_id;
    return *out = l, DB_ONE;
}

/* Tells the teams of the other cases a named actor is linked to, as the API does; called after
 * the insert (which links the actor to this case), so this case is skipped. */
static db_status notify_other_cases(storage *s, importer *im, const signal_record *sig)
{
    for (size_t i = 0; i < sig->subject_count; i++) {
        if (sig->subjects[i].kind != SUBJECT_ACTOR)
            continue;
        actor_links *l = NULL;
        db_status st = actor_links_of(s, im, sig->subjects[i].id, sig->case_id, &l);
        for (size_t j = 0; st >= 0 && j < l->count; j++) {
            if (l->case_ids[j] == sig->case_id)
                continue;
            notification_record note = {.case_id = l->case_ids[j],
                                        .actor_id = sig->subjects[i].id,
                                        .signal_id = sig->id,
                                        .created_at = im->chunk_now};
            st = s->ops->notification_insert(s, &note);
        }
        if (st < 0)
            return st;
    }
    return DB_ONE;
}

static db_status store_signal(storage *s, importer *im, signal_record *sig)
{
    sig->recorded_by = im->user.user_id;
    sig->recorded_by_username = im->user.username;
    sig->recorded_by_org = im->user.org;
    sig->created_at = im->chunk_now;
    db_status st = s->ops->signal_insert(s, sig);
    if (st < 0 || (st = notify_other_cases(s, im, sig)) < 0)
        return st;
    if (!im->chunk_first_id)
        im->chunk_first_id = sig->id;
    im->chunk_last_id = sig->id;
    return DB_ONE;
}

static bool keep(importer *im, const signal_record *sig)
{
    if (im->kept_count == im->kept_cap) {
        size_t cap = im->kept_cap ? im->kept_cap * 2 : 4096;
        kept_signal *bigger = realloc(im->signals_kept, cap * sizeof *bigger);
        if (!bigger)
            return false;
        im->signals_kept = bigger;
        im->kept_cap = cap;
    }
    im->signals_kept[im->kept_count++] = (kept_signal){*sig, im->line_no};
    return true;
}

/* Parses one line (into the kept arena), checks it against storage and keeps it when it passes. */
static db_status check_line(storage *s, importer *im, const char *line, size_t len)
{
    validation v;
    validation_init(&v);
    int64_t case_id;
    signal_record sig;
    signal_import_parse(line, len, im->today, &im->kept, &case_id, &sig, &v);
    bool parsed = validation_result(&v) == ERR_OK;
    if (!parsed)
        note_validation(im, &v);
    validation_clear(&v);
    if (!parsed)
        return DB_NONE;
    db_status st = check_references(s, im, &sig);
    if (st < 0 || im->line_bad)
        return st;
    return keep(im, &sig) ? DB_ONE : DB_HARD_ERROR;
}

static db_status audit_batch(storage *s, importer *im)
{
    char detail[96];
    snprintf(detail, sizeof detail, "count=%lld first=%lld last=%lld", (long long)im->chunk_signals,
             (long long)im->chunk_first_id, (long long)im->chunk_last_id);
    audit_entry e = {.at = im->chunk_now,
                     .username = im->user.username,
                     .org = im->user.org,
                     .role = role_name(im->user.role),
                     .action = "signal.import",
                     .object_type = "signal",
                     .object_id = "",
                     .purpose = "",
                     .outcome = "ok",
                     .detail = detail};
    return s->ops->audit_append(s, &e, 1);
}

static void chunk_reset(importer *im)
{
    im->reader = im->chunk_start;
    im->next_kept = im->chunk_first_kept;
    arena_clear(&im->scratch);
    id_map_clear(&im->links); /* its lists live in scratch */
    im->chunk_signals = im->chunk_bad_lines = 0;
    im->chunk_problem_count = 0;
    im->chunk_first_id = im->chunk_last_id = 0;
    char now[CLOCK_RFC3339_SIZE];
    clock_rfc3339(clock_now_ms(), now);
    im->chunk_now = arena_strdup(&im->scratch, now);
}

/* Up to --batch lines from chunk_start, checked and kept (a read transaction). */
static db_status check_chunk(storage *s, void *arg)
{
    importer *im = arg;
    chunk_reset(im);
    im->kept_count = im->chunk_first_kept; /* what a failed attempt kept (its memory stays) */
    const char *line;
    size_t len;
    jsonl_kind kind;
    while ((size_t)im->chunk_signals < im->batch &&
           (kind = jsonl_next(&im->reader, &line, &len)) != JSONL_END) {
        if (kind == JSONL_BLANK)
            continue;
        im->chunk_signals++;
        im->line_no = im->reader.line_no;
        im->line_bad = false;
        db_status st = DB_NONE;
        if (kind == JSONL_TOO_LONG)
            note_problem(im, "line", "is longer than 65536 bytes");
        else
            st = check_line(s, im, line, len);
        if (st < 0)
            return st;
    }
    return DB_ONE;
}

/* Up to --batch kept signals from chunk_first_kept, checked again against the cached facts,
 * stored, and audited with one entry (a write transaction). A signal that no longer passes
 * refuses the whole batch. */
static db_status store_chunk(storage *s, void *arg)
{
    importer *im = arg;
    chunk_reset(im);
    size_t end = im->chunk_first_kept + im->batch;
    for (size_t i = im->chunk_first_kept; i < end && i < im->kept_count; i++) {
        kept_signal *k = &im->signals_kept[i];
        im->chunk_signals++;
        im->line_no = k->line_no;
        im->line_bad = false;
        db_status st = check_references(s, im, &k->sig);
        if (st < 0)
            return st;
        if (im->line_bad)
            return DB_REFUSED;
        if ((st = store_signal(s, im, &k->sig)) < 0)
            return st;
        im->next_kept = i + 1;
    }
    return im->chunk_signals > 0 ? audit_batch(s, im) : DB_ONE;
}

static void print_chunk_problems(importer *im)
{
    for (size_t i = 0; i < im->chunk_problem_count; i++) {
        const problem *p = &im->chunk_problems[i];
        fprintf(stderr, "%s:%lld: %s: %s\n", im->path, (long long)p->line_no, p->field, p->message);
    }
    im->printed += (int64_t)im->chunk_problem_count;
}

/* The checking pass: every line, in read transactions of --batch lines. */
static bool check_all(importer *im, const char *buf, size_t len)
{
    jsonl_init(&im->chunk_start, buf, len);
    do {
        if (storage_transact(im->db, TX_READ, check_chunk, im) < 0) {
            fprintf(stderr, "schild: could not read the database while checking %s\n", im->path);
            return false;
        }
        print_chunk_problems(im);
        im->signals += im->chunk_signals;
        im->bad_lines += im->chunk_bad_lines;
        im->chunk_start = im->reader;
        im->chunk_first_kept = im->kept_count;
    } while (im->chunk_signals > 0);
    if (im->bad_lines) {
        fprintf(stderr, "%s: %lld of %lld lines are bad; nothing imported\n", im->path,
                (long long)im->bad_lines, (long long)im->signals);
        return false;
    }
    if (im->signals == 0)
        return fprintf(stderr, "%s: no signals in the file; nothing imported\n", im->path), false;
    return true;
}

/* Leaves the database to other writers for a moment: without it the next batch takes the write
 * lock again at once and a running server's writers (with SQLite the audit writer, which every
 * read waits for) can starve for the whole import. */
static void pause_between_batches(const importer *im)
{
    struct timespec ts = {im->pause_ms / 1000, (im->pause_ms % 1000) * 1000000L};
    while (im->pause_ms > 0 && nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* The storing pass: one write transaction and audit entry per --batch signals. */
static bool store_all(importer *im)
{
    im->chunk_first_kept = 0;
    while (im->chunk_first_kept < im->kept_count) {
        if (im->batches > 0)
            pause_between_batches(im);
        db_status st = storage_transact(im->db, TX_WRITE, store_chunk, im);
        print_chunk_problems(im);
        if (st < 0) {
            fprintf(stderr,
                    "schild: storing %s failed after %lld signals in %lld transactions "
                    "(each audited as signal.import)%s\n",
                    im->path, (long long)im->imported, (long long)im->batches,
                    st == DB_REFUSED ? ": a signal no longer passes its checks" : "");
            return false;
        }
        if (!im->first_id)
            im->first_id = im->chunk_first_id;
        im->last_id = im->chunk_last_id;
        im->imported += im->chunk_signals;
        im->batches++;
        im->chunk_first_kept = im->next_kept;
    }
    return true;
}

typedef struct user_ctx {
    const char *username;
    arena *a;
    user_row row;
} user_ctx;

static db_status user_body(storage *s, void *arg)
{
    user_ctx *k = arg;
    return s->ops->user_by_username(s, k->a, k->username, &k->row);
}

/* The recording user: exists, is active and may record signals. */
static bool load_user(importer *im, const char *username, const daf_config *cfg)
{
    user_ctx k = {.username = username, .a = &im->facts};
    db_status st = storage_transact(im->db, TX_READ, user_body, &k);
    if (st < 0)
        return fputs("schild: could not read the users\n", stderr), false;
    if (st == DB_NONE)
        return fprintf(stderr, "schild: no user '%s'\n", username), false;
    if (!k.row.active)
        return fprintf(stderr, "schild: user '%s' is not active\n", username), false;
    im->user = (viewer){.user_id = k.row.id,
                        .username = k.row.username,
                        .display_name = k.row.display_name,
                        .role = k.row.role,
                        .org = k.row.org,
                        .now = clock_now_ms() / 1000}; /* break-glass grants count until now */
    if (!daf_may_record_signal(&im->user))
        return fprintf(stderr, "schild: user '%s' (%s) may not record signals\n", username,
                       role_name(k.row.role)),
               false;
    im->cfg = cfg;
    return true;
}

/* The whole file in memory for the checking pass (a bounded size, so no line can grow without
 * limit). */
static char *read_file(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        fprintf(stderr, "schild: cannot open %s: %s\n", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode) || st.st_size > MAX_FILE_BYTES) {
        fprintf(stderr, "schild: %s: not a regular file of at most 256 MiB\n", path);
        close(fd);
        return NULL;
    }
    char *buf = malloc((size_t)st.st_size + 1);
    size_t got = 0;
    while (buf && got < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    if (!buf || got != (size_t)st.st_size) {
        fprintf(stderr, "schild: cannot read %s\n", path);
        free(buf);
        return NULL;
    }
    *len = got;
    return buf;
}

static double seconds_since(int64_t start_ms)
{
    return (double)(clock_now_ms() - start_ms) / 1000.0;
}

static int run_import(importer *im, const char *username, const daf_config *cfg)
{
    size_t len;
    char *buf = read_file(im->path, &len);
    if (!buf || !load_user(im, username, cfg))
        return free(buf), 1;
    if (im->db->ops->bulk_mode)
        im->db->ops->bulk_mode(im->db);
    int64_t start = clock_now_ms();
    im->today = clock_today_days(start);
    bool ok = check_all(im, buf, len);
    free(buf);
    double checked = seconds_since(start);
    ok = ok && store_all(im);
    if (!ok)
        return 1;
    double total = seconds_since(start);
    printf("imported %lld signals (ids %lld..%lld) in %lld transactions: %.2f s, %.0f "
           "signals/s (checking %.2f s, storing %.2f s)\n",
           (long long)im->imported, (long long)im->first_id, (long long)im->last_id,
           (long long)im->batches, total, total > 0 ? (double)im->imported / total : 0.0, checked,
           total - checked);
    return 0;
}

static int signal_import(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"user", required_argument, NULL, 'u'},
                                         {"batch", required_argument, NULL, 'b'},
                                         {"pause", required_argument, NULL, 'p'},
                                         {"config", required_argument, NULL, 'c'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *url = NULL, *username = NULL;
    int64_t batch = DEFAULT_BATCH, pause_ms = DEFAULT_PAUSE_MS;
    daf_config cfg;
    daf_config_defaults(&cfg);
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            url = optarg;
            break;
        case 'u':
            username = optarg;
            break;
        case 'b':
            if (!int_parse(optarg, 1, MAX_BATCH, &batch))
                return fputs("schild: --batch must be 1..1000000\n", stderr), 2;
            break;
        case 'p':
            if (!int_parse(optarg, 0, MAX_PAUSE_MS, &pause_ms))
                return fputs("schild: --pause must be 0..10000 (milliseconds)\n", stderr), 2;
            break;
        case 'c':
            if (!cli_load_daf_config(optarg, &cfg))
                return 2;
            break;
        case 'h':
            return fputs(usage, stdout), 0;
        default:
            return fputs(usage, stderr), 2;
        }
    }
    if (!username || optind != argc - 1)
        return fputs("schild: --user and one FILE are required\n", stderr), fputs(usage, stderr), 2;
    importer im = {.path = argv[optind], .batch = (size_t)batch, .pause_ms = pause_ms};
    if (!(im.db = cli_open_database(url)))
        return 1;
    if (cli_load_field_key(im.db, url, false) != 0)
        return storage_close(im.db), 1;
    arena_init(&im.facts, (size_t)1 << 30);
    arena_init(&im.kept, (size_t)MAX_FILE_BYTES * 2 + ((size_t)64 << 20));
    arena_init(&im.scratch, (size_t)1 << 30);
    arena_init(&im.lookup, (size_t)256 << 20);
    int rc = run_import(&im, username, &cfg);
    id_map_free(&im.cases);
    id_map_free(&im.actors);
    id_map_free(&im.links);
    arena_clear(&im.facts);
    arena_clear(&im.kept);
    free(im.signals_kept);
    arena_clear(&im.scratch);
    arena_clear(&im.lookup);
    storage_close(im.db);
    return rc;
}

int cmd_signal(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "import") == 0)
        return signal_import(argc - 1, argv + 1);
    if (cli_wants_help(argc, argv))
        return fputs(usage, stdout), 0;
    fputs(usage, stderr);
    return 2;
}

/* retention: the run behind `schild retention run` and serve's daily thread (retention.h). What
 * is due is read in batches by id; each removal then commits on its own with its audit entry, so
 * a run that stops halfway has removed and recorded whole items only, and the next run goes on. */
#include "cli/retention.h"

#include "core/validate.h"
#include "util/clock.h"
#include "util/log.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct remove_ctx {
    const retention_item *item;
    int64_t age_days;
    const char *at;
} remove_ctx;

/* The removal and its audit entry, in one transaction. The entry names the kind, compartment or
 * state and age only: the removed content is gone, and the trail must not keep it. */
static db_status remove_body(storage *s, void *arg)
{
    remove_ctx *k = arg;
    const retention_item *it = k->item;
    bool signal = it->kind == RETENTION_SIGNAL;
    db_status st = signal ? s->ops->retention_remove_signal(s, it->id)
                          : s->ops->retention_remove_case(s, it->id);
    if (st <= 0)
        return st; /* gone meanwhile (or reopened): nothing to record */
    char id[24], detail[160];
    snprintf(id, sizeof id, "%lld", (long long)it->id);
    if (signal)
        snprintf(detail, sizeof detail, "kind=signal compartment=%s case=%lld age_days=%lld",
                 compartment_name(it->compartment), (long long)it->case_id, (long long)k->age_days);
    else
        snprintf(detail, sizeof detail, "kind=case state=closed age_days=%lld",
                 (long long)k->age_days);
    audit_entry e = {.at = k->at,
                     .username = "(retention)",
                     .org = "",
                     .role = "",
                     .action = "retention.remove",
                     .object_type = signal ? "signal" : "case",
                     .object_id = id,
                     .purpose = "retention term passed",
                     .outcome = "ok",
                     .detail = detail};
    st = s->ops->audit_append(s, &e, 1);
    return st < 0 ? st : DB_ONE;
}

/* Days from the date at the start of a stored timestamp to today; 0 when unreadable. */
static int64_t age_in_days(const char *since, int64_t today)
{
    char day[DATE_TEXT_SIZE];
    int64_t d;
    if (!since || strlen(since) < DATE_TEXT_SIZE - 1)
        return 0;
    memcpy(day, since, DATE_TEXT_SIZE - 1);
    day[DATE_TEXT_SIZE - 1] = '\0';
    return date_parse(day, &d) ? today - d : 0;
}

/* One run: its settings, its report, and (in a dry run) the cases it would remove, whose
 * signals would go with them rather than be counted again on their own. */
typedef struct run_ctx {
    storage *db;
    int64_t today;
    bool dry_run;
    const atomic_bool *stop;
    retention_report *out;
    int64_t *due_cases; /* malloc'ed, ascending (cases come by id) */
    size_t due_count, due_cap;
} run_ctx;

static bool note_due_case(run_ctx *r, int64_t id)
{
    if (r->due_count == r->due_cap) {
        size_t cap = r->due_cap ? r->due_cap * 2 : 64;
        int64_t *bigger = realloc(r->due_cases, cap * sizeof *bigger);
        if (!bigger)
            return false;
        r->due_cases = bigger;
        r->due_cap = cap;
    }
    r->due_cases[r->due_count++] = id;
    return true;
}

static int by_id(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

static bool case_is_due(const run_ctx *r, int64_t id)
{
    return r->due_count && bsearch(&id, r->due_cases, r->due_count, sizeof id, by_id);
}

/* Counts (dry run) or removes one item; failures are counted and left for the next run. */
static void handle_item(run_ctx *r, const retention_item *it)
{
    bool signal = it->kind == RETENTION_SIGNAL;
    int64_t *counter = signal ? &r->out->signals[it->compartment] : &r->out->cases;
    if (r->dry_run) {
        if (signal && case_is_due(r, it->case_id))
            return;
        if (!signal && !note_due_case(r, it->id))
            r->out->failed++;
        (*counter)++;
        return;
    }
    char at[CLOCK_RFC3339_SIZE];
    clock_rfc3339(clock_now_ms(), at);
    remove_ctx k = {.item = it, .age_days = age_in_days(it->since, r->today), .at = at};
    db_status st = storage_transact(r->db, TX_WRITE, remove_body, &k);
    if (st == DB_ONE)
        (*counter)++;
    else if (st < 0)
        r->out->failed++;
}

typedef struct due_ctx {
    arena *a;
    retention_kind kind;
    compartment comp;
    const char *before;
    int64_t after_id;
    retention_item *items;
    size_t count;
} due_ctx;

static db_status due_body(storage *s, void *arg)
{
    due_ctx *k = arg;
    return k->kind == RETENTION_SIGNAL
               ? s->ops->retention_signals(s, k->a, k->comp, k->before, k->after_id, &k->items,
                                           &k->count)
               : s->ops->retention_cases(s, k->a, k->before, k->after_id, &k->items, &k->count);
}

static bool stopped(const run_ctx *r)
{
    return r->stop && atomic_load(r->stop);
}

/* Every item of one kind (and compartment) older than its term, batch by batch. */
static bool run_kind(run_ctx *r, retention_kind kind, compartment comp, int term_days)
{
    char before[DATE_TEXT_SIZE];
    /* Recorded before this day: older than the term by at least one whole day. */
    date_format(r->today - term_days, before);
    arena a;
    arena_init(&a, (size_t)16 << 20);
    due_ctx k = {.a = &a, .kind = kind, .comp = comp, .before = before};
    bool ok = true;
    for (;;) {
        arena_clear(&a); /* reusable after clearing */
        if (storage_transact(r->db, TX_READ, due_body, &k) < 0) {
            ok = false;
            break;
        }
        for (size_t i = 0; i < k.count && !stopped(r); i++)
            handle_item(r, &k.items[i]);
        if (k.count < RETENTION_BATCH || stopped(r))
            break;
        k.after_id = k.items[k.count - 1].id;
    }
    arena_clear(&a);
    return ok;
}

bool retention_run(storage *db, const security_config *cfg, int64_t today, bool dry_run,
                   const atomic_bool *stop, retention_report *out)
{
    memset(out, 0, sizeof *out);
    run_ctx r = {.db = db, .today = today, .dry_run = dry_run, .stop = stop, .out = out};
    /* Closed cases first: their signals go with them, under the case's own entry. */
    bool ok = run_kind(&r, RETENTION_CASE, COMPARTMENT_NONE, cfg->retention_closed_days);
    for (int c = 0; c < COMPARTMENT__COUNT; c++)
        ok = run_kind(&r, RETENTION_SIGNAL, (compartment)c, cfg->retention_days[c]) && ok;
    free(r.due_cases);
    return ok;
}

void retention_report_print(const retention_report *r, bool dry_run, FILE *out)
{
    const char *verb = dry_run ? "would remove" : "removed";
    int64_t signals = 0;
    for (int c = 0; c < COMPARTMENT__COUNT; c++)
        signals += r->signals[c];
    fprintf(out, "retention%s: %s %lld closed case(s) and %lld signal(s)\n",
            dry_run ? " (dry run)" : "", verb, (long long)r->cases, (long long)signals);
    for (int c = 0; c < COMPARTMENT__COUNT; c++)
        if (r->signals[c])
            fprintf(out, "  signals %-22s %lld\n", compartment_name((compartment)c),
                    (long long)r->signals[c]);
    if (r->cases)
        fprintf(out, "  cases   %-22s %lld\n", "closed", (long long)r->cases);
    if (r->failed)
        fprintf(out, "  failed (left for the next run): %lld\n", (long long)r->failed);
}

/* ---- the daily run inside serve ---- */

/* The first run waits a little, so that a starting server answers its first requests first. */
enum { FIRST_RUN_SECONDS = 60, RUN_EVERY_SECONDS = 24 * 60 * 60 };

struct retention_daily {
    storage *db;
    const security_config *cfg;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stopping;      /* under lock: wakes the wait */
    atomic_bool cancel; /* read between removals: a run in progress stops early */
};

/* Waits until the deadline or stop; true when stopping. */
static bool wait_or_stop(retention_daily *d, int64_t seconds)
{
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += (time_t)seconds;
    pthread_mutex_lock(&d->lock);
    while (!d->stopping && pthread_cond_timedwait(&d->wake, &d->lock, &until) != ETIMEDOUT)
        ;
    bool stopping = d->stopping;
    pthread_mutex_unlock(&d->lock);
    return stopping;
}

static void *daily_main(void *arg)
{
    retention_daily *d = arg;
    const char *first = getenv("SCHILD_RETENTION_FIRST_RUN_SECONDS");
    int64_t delay = first && *first ? atoll(first) : FIRST_RUN_SECONDS;
    while (!wait_or_stop(d, delay)) {
        retention_report r;
        int64_t today = clock_today_days(clock_now_ms());
        bool ok = retention_run(d->db, d->cfg, today, false, &d->cancel, &r);
        int64_t signals = 0;
        for (int c = 0; c < COMPARTMENT__COUNT; c++)
            signals += r.signals[c];
        if (ok && !r.failed)
            log_info("retention: removed %lld closed case(s) and %lld signal(s)",
                     (long long)r.cases, (long long)signals);
        else
            log_warn("retention: removed %lld closed case(s) and %lld signal(s); %lld failed%s",
                     (long long)r.cases, (long long)signals, (long long)r.failed,
                     ok ? "" : ", the database could not be read");
        delay = RUN_EVERY_SECONDS;
    }
    return NULL;
}

retention_daily *retention_daily_start(storage *db, const security_config *cfg)
{
    retention_daily *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->db = db;
    d->cfg = cfg;
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&d->wake, &attr);
    pthread_condattr_destroy(&attr);
    pthread_mutex_init(&d->lock, NULL);
    if (pthread_create(&d->thread, NULL, daily_main, d) != 0) {
        pthread_cond_destroy(&d->wake);
        pthread_mutex_destroy(&d->lock);
        free(d);
        return NULL;
    }
    return d;
}

void retention_daily_stop(retention_daily *d)
{
    if (!d)
        return;
    pthread_mutex_lock(&d->lock);
    d->stopping = true;
    atomic_store(&d->cancel, true);
    pthread_cond_signal(&d->wake);
    pthread_mutex_unlock(&d->lock);
    /* a run in progress finishes the removal it is in (one transaction), then stops */
    pthread_join(d->thread, NULL);
    pthread_cond_destroy(&d->wake);
    pthread_mutex_destroy(&d->lock);
    free(d);
}

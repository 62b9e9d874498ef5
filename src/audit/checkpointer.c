/* checkpointer: one thread that sleeps on a condition variable (so stopping does not wait out
 * the interval) and signs the head when it moved. Several servers on one PostgreSQL database
 * may sign the same head: storage keeps the first checkpoint per seq. */
#include "audit/checkpointer.h"

#include "util/clock.h"
#include "util/keys.h"
#include "util/log.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

bool checkpoint_keys_load(const char *url, checkpoint_keys *k, char *err, size_t err_size)
{
    char dir[KEYS_PATH_SIZE];
    if (!keys_dir_for(url, dir, sizeof dir)) {
        snprintf(err, err_size, "the key directory's path is too long");
        return false;
    }
    if (!keys_load_audit(dir, k->pk, k->sk, err, err_size))
        return false;
    checkpoint_hex(k->pk, sizeof k->pk, k->pk_hex);
    return true;
}

void checkpoint_keys_wipe(checkpoint_keys *k)
{
    sodium_memzero(k, sizeof *k);
}

typedef struct sign_ctx {
    const checkpoint_keys *keys;
    int64_t seq;
} sign_ctx;

static db_status sign_head(storage *s, void *arg)
{
    sign_ctx *x = arg;
    char head[AUDIT_HASH_HEX];
    int64_t head_seq = 0;
    db_status st = s->ops->audit_head(s, &head_seq, head);
    if (st <= 0)
        return st;
    arena a;
    arena_init(&a, 4096);
    audit_checkpoint latest;
    st = s->ops->checkpoint_latest(s, &a, &latest);
    bool covered = st == DB_ONE && latest.seq >= head_seq;
    arena_clear(&a);
    if (st < 0 || covered)
        return st < 0 ? st : DB_NONE;
    char at[CLOCK_RFC3339_SIZE], signature[CHECKPOINT_SIGNATURE_HEX];
    clock_rfc3339(clock_now_ms(), at);
    if (!checkpoint_sign(x->keys->sk, head_seq, head, at, signature))
        return DB_HARD_ERROR;
    audit_checkpoint cp = {.seq = head_seq,
                           .hash = head,
                           .signed_at = at,
                           .public_key = x->keys->pk_hex,
                           .signature = signature};
    x->seq = head_seq;
    return s->ops->checkpoint_insert(s, &cp);
}

db_status checkpoint_now(storage *s, const checkpoint_keys *k, int64_t *seq)
{
    sign_ctx x = {.keys = k, .seq = 0};
    db_status st = storage_transact(s, TX_WRITE, sign_head, &x);
    if (seq)
        *seq = st == DB_ONE ? x.seq : 0;
    return st;
}

struct checkpointer {
    storage *db;
    checkpoint_keys keys;
    int seconds;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stopping;
};

static void *checkpointer_main(void *arg)
{
    checkpointer *c = arg;
    pthread_mutex_lock(&c->lock);
    while (!c->stopping) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += c->seconds;
        int rc = 0;
        while (!c->stopping && rc != ETIMEDOUT)
            rc = pthread_cond_timedwait(&c->wake, &c->lock, &until);
        if (c->stopping)
            break;
        pthread_mutex_unlock(&c->lock);
        if (checkpoint_now(c->db, &c->keys, NULL) < 0)
            log_error("audit: could not write a checkpoint (will retry)");
        pthread_mutex_lock(&c->lock);
    }
    pthread_mutex_unlock(&c->lock);
    return NULL;
}

checkpointer *checkpointer_start(storage *s, const checkpoint_keys *k, int seconds)
{
    checkpointer *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->db = s;
    c->keys = *k;
    c->seconds = seconds > 0 ? seconds : 1;
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->wake, NULL);
    /* The thread blocks every signal: SIGTERM belongs to the server's main loop, and a signal
     * landing in its timed wait would make the kernel restart that wait through restart_syscall,
     * which the seccomp allow-list (util/harden.c) need not grant. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(&c->thread, NULL, checkpointer_main, c);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) {
        checkpoint_keys_wipe(&c->keys);
        free(c);
        return NULL;
    }
    return c;
}

bool checkpointer_stop(checkpointer *c)
{
    if (!c)
        return true;
    pthread_mutex_lock(&c->lock);
    c->stopping = true;
    pthread_cond_signal(&c->wake);
    pthread_mutex_unlock(&c->lock);
    pthread_join(c->thread, NULL);
    int64_t seq = 0;
    db_status st = checkpoint_now(c->db, &c->keys, &seq);
    if (st < 0)
        log_error("audit: could not write the checkpoint at shutdown");
    else if (st == DB_ONE)
        log_info("audit: checkpoint at seq %lld", (long long)seq);
    pthread_mutex_destroy(&c->lock);
    pthread_cond_destroy(&c->wake);
    checkpoint_keys_wipe(&c->keys);
    free(c);
    return st >= 0;
}

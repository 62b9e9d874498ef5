/* audit_writer: a bounded queue and one writer thread. The writer takes the whole queue as one
 * batch, appends it to the chain in one write transaction and then tells each submitter the
 * batch's result through its callback (the server resumes the suspended connection there). */
#include "audit/audit_writer.h"

#include "util/log.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { QUEUE_CAP = 4096, BATCH_MAX = 512 };

typedef struct pending {
    audit_entry entry;
    audit_done_fn done;
    void *ctx;
    char *storage; /* one block holding the copied strings */
} pending;

struct audit_writer {
    storage *db;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake_writer;
    pthread_cond_t space;
    pending queue[QUEUE_CAP];
    size_t head, count;
    bool stopping;
};

typedef struct batch {
    pending items[BATCH_MAX];
    audit_entry entries[BATCH_MAX];
    size_t count;
} batch;

static db_status append_batch(storage *s, void *ctx)
{
    batch *b = ctx;
    return s->ops->audit_append(s, b->entries, b->count);
}

static void finish_batch(batch *b, schild_err result)
{
    for (size_t i = 0; i < b->count; i++) {
        free(b->items[i].storage);
        b->items[i].done(b->items[i].ctx, result);
    }
}

static void *writer_main(void *arg)
{
    audit_writer *w = arg;
    batch *b = malloc(sizeof *b);
    if (!b) {
        log_error("audit writer: out of memory");
        return NULL;
    }
    for (;;) {
        pthread_mutex_lock(&w->lock);
        while (w->count == 0 && !w->stopping)
            pthread_cond_wait(&w->wake_writer, &w->lock);
        if (w->count == 0 && w->stopping) {
            pthread_mutex_unlock(&w->lock);
            break;
        }
        b->count = 0;
        while (w->count > 0 && b->count < BATCH_MAX) {
            b->items[b->count] = w->queue[w->head];
            b->entries[b->count] = w->queue[w->head].entry;
            b->count++;
            w->head = (w->head + 1) % QUEUE_CAP;
            w->count--;
        }
        pthread_cond_broadcast(&w->space);
        pthread_mutex_unlock(&w->lock);

        db_status st = storage_transact(w->db, TX_WRITE, append_batch, b);
        if (st < 0)
            log_error("audit writer: could not commit %zu entries", b->count);
        finish_batch(b, st < 0 ? ERR_UNAVAILABLE : ERR_OK);
    }
    free(b);
    return NULL;
}

audit_writer *audit_writer_start(storage *s)
{
    audit_writer *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->db = s;
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake_writer, NULL);
    pthread_cond_init(&w->space, NULL);
    if (pthread_create(&w->thread, NULL, writer_main, w) != 0) {
        free(w);
        return NULL;
    }
    return w;
}

void audit_writer_stop(audit_writer *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->stopping = true;
    pthread_cond_signal(&w->wake_writer);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    pthread_mutex_destroy(&w->lock);
    pthread_cond_destroy(&w->wake_writer);
    pthread_cond_destroy(&w->space);
    free(w);
}

/* Copies the entry's strings into one heap block owned by the queue slot. */
static bool copy_entry(const audit_entry *src, pending *dst)
{
    const char *fields[] = {src->at,      src->username,    src->org,       src->role,
                            src->action,  src->object_type, src->object_id, src->purpose,
                            src->outcome, src->detail};
    enum { NFIELDS = sizeof fields / sizeof fields[0] };
    size_t total = 0;
    for (size_t i = 0; i < NFIELDS; i++)
        total += (fields[i] ? strlen(fields[i]) : 0) + 1;
    char *block = malloc(total), *p = block;
    if (!block)
        return false;
    const char *copies[NFIELDS];
    for (size_t i = 0; i < NFIELDS; i++) {
        size_t n = fields[i] ? strlen(fields[i]) : 0;
        memcpy(p, fields[i] ? fields[i] : "", n);
        p[n] = '\0';
        copies[i] = p;
        p += n + 1;
    }
    dst->entry = (audit_entry){.at = copies[0],
                               .username = copies[1],
                               .org = copies[2],
                               .role = copies[3],
                               .action = copies[4],
                               .object_type = copies[5],
                               .object_id = copies[6],
                               .purpose = copies[7],
                               .outcome = copies[8],
                               .detail = copies[9]};
    dst->storage = block;
    return true;
}

schild_err audit_writer_submit(audit_writer *w, const audit_entry *e, audit_done_fn done, void *ctx)
{
    pending slot = {.done = done, .ctx = ctx};
    if (!copy_entry(e, &slot))
        return ERR_UNAVAILABLE;
    pthread_mutex_lock(&w->lock);
    while (w->count == QUEUE_CAP && !w->stopping)
        pthread_cond_wait(&w->space, &w->lock);
    if (w->stopping) {
        pthread_mutex_unlock(&w->lock);
        free(slot.storage);
        return ERR_UNAVAILABLE;
    }
    w->queue[(w->head + w->count) % QUEUE_CAP] = slot;
    w->count++;
    pthread_cond_signal(&w->wake_writer);
    pthread_mutex_unlock(&w->lock);
    return ERR_OK;
}

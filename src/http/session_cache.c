/* session_cache: a direct-mapped table guarded by striped locks. A collision simply replaces
 * the older entry; a miss costs one database lookup, never a wrong answer, because the full
 * token hash is compared. */
#include "http/session_cache.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SLOTS = 4096, STRIPES = 64 };

typedef struct slot {
    unsigned char hash[32];
    int64_t cached_ms; /* 0: empty */
    int64_t user_id;
    role role;
    char username[MAX_USERNAME_LEN + 1];
    char display_name[4 * MAX_NAME_LEN + 1];
    char org[65];
} slot;

struct session_cache {
    pthread_mutex_t locks[STRIPES];
    slot slots[SLOTS];
};

session_cache *session_cache_new(void)
{
    session_cache *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    for (int i = 0; i < STRIPES; i++)
        pthread_mutex_init(&c->locks[i], NULL);
    return c;
}

void session_cache_free(session_cache *c)
{
    if (!c)
        return;
    for (int i = 0; i < STRIPES; i++)
        pthread_mutex_destroy(&c->locks[i]);
    free(c);
}

/* The token hash is uniformly random already: its first bytes pick the slot. */
static size_t slot_of(const unsigned char hash[32])
{
    return ((size_t)hash[0] | (size_t)hash[1] << 8) % SLOTS;
}

bool session_cache_get(session_cache *c, const unsigned char hash[32], int64_t now_ms, arena *a,
                       viewer *out)
{
    size_t i = slot_of(hash);
    pthread_mutex_t *lock = &c->locks[i % STRIPES];
    bool hit = false;
    pthread_mutex_lock(lock);
    slot *s = &c->slots[i];
    if (s->cached_ms && now_ms - s->cached_ms < SESSION_CACHE_TTL_MS &&
        memcmp(s->hash, hash, 32) == 0) {
        out->user_id = s->user_id;
        out->role = s->role;
        out->username = arena_strdup(a, s->username);
        out->display_name = arena_strdup(a, s->display_name);
        out->org = arena_strdup(a, s->org);
        hit = out->username && out->display_name && out->org;
    }
    pthread_mutex_unlock(lock);
    return hit;
}

static void copy_bounded(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src ? src : "");
}

void session_cache_put(session_cache *c, const unsigned char hash[32], int64_t now_ms,
                       const viewer *v)
{
    if (!v->username || strlen(v->username) > MAX_USERNAME_LEN || !v->org || strlen(v->org) > 64)
        return; /* never truncate an identity: just do not cache it */
    size_t i = slot_of(hash);
    pthread_mutex_t *lock = &c->locks[i % STRIPES];
    pthread_mutex_lock(lock);
    slot *s = &c->slots[i];
    memcpy(s->hash, hash, 32);
    s->cached_ms = now_ms;
    s->user_id = v->user_id;
    s->role = v->role;
    copy_bounded(s->username, sizeof s->username, v->username);
    copy_bounded(s->display_name, sizeof s->display_name, v->display_name);
    copy_bounded(s->org, sizeof s->org, v->org);
    pthread_mutex_unlock(lock);
}

void session_cache_forget(session_cache *c, const unsigned char hash[32])
{
    size_t i = slot_of(hash);
    pthread_mutex_t *lock = &c->locks[i % STRIPES];
    pthread_mutex_lock(lock);
    if (memcmp(c->slots[i].hash, hash, 32) == 0)
        c->slots[i].cached_ms = 0;
    pthread_mutex_unlock(lock);
}

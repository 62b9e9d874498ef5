/* session_cache: a small in-memory cache of resolved sessions, so that an authenticated request
 * needs no database transaction of its own. Entries live SESSION_CACHE_TTL_MS at most: a logout
 * on this server takes effect at once, a logout or deactivation on another server within that
 * time. */
#ifndef SCHILD_SESSION_CACHE_H
#define SCHILD_SESSION_CACHE_H

#include "core/arena.h"
#include "core/domain.h"

#include <stdbool.h>
#include <stdint.h>

enum { SESSION_CACHE_TTL_MS = 2000 };

typedef struct session_cache session_cache;

session_cache *session_cache_new(void);
void session_cache_free(session_cache *c);

/* The cached viewer for a token hash (strings copied into a), when cached within the TTL. */
bool session_cache_get(session_cache *c, const unsigned char hash[32], int64_t now_ms, arena *a,
                       viewer *out);
void session_cache_put(session_cache *c, const unsigned char hash[32], int64_t now_ms,
                       const viewer *v);
void session_cache_forget(session_cache *c, const unsigned char hash[32]);

#endif

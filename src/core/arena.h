/* arena: a bump allocator with a hard cap, one per request (or per CLI command). Everything a
 * request allocates lives until arena_clear, so handlers never free individual objects. */
#ifndef SCHILD_ARENA_H
#define SCHILD_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct arena_chunk arena_chunk;

typedef struct arena {
    arena_chunk *head;
    size_t used_total; /* bytes handed out plus chunk overhead */
    size_t cap;        /* allocation beyond this fails (returns NULL) */
} arena;

void arena_init(arena *a, size_t cap);
void arena_clear(arena *a);

/* Zeroed memory, aligned for any type; NULL when the cap is reached. */
void *arena_alloc(arena *a, size_t size);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif

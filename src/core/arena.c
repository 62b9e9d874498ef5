/* arena: chunked bump allocation. Chunks grow geometrically; the cap bounds what one request can
 * take, so a hostile request fails cleanly instead of exhausting memory. */
#include "core/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_chunk {
    arena_chunk *next;
    size_t size;
    size_t used;
    _Alignas(max_align_t) unsigned char data[];
};

enum { ARENA_MIN_CHUNK = 4096 };

void arena_init(arena *a, size_t cap)
{
    a->head = NULL;
    a->used_total = 0;
    a->cap = cap;
}

void arena_clear(arena *a)
{
    arena_chunk *c = a->head;
    while (c) {
        arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
    a->used_total = 0;
}

static size_t align_up(size_t n)
{
    const size_t al = _Alignof(max_align_t);
    return (n + al - 1) & ~(al - 1);
}

void *arena_alloc(arena *a, size_t size)
{
    if (size == 0)
        size = 1;
    if (size > a->cap)
        return NULL;
    size = align_up(size);
    arena_chunk *c = a->head;
    if (!c || c->size - c->used < size) {
        size_t want = c ? c->size * 2 : ARENA_MIN_CHUNK;
        if (want < size)
            want = size;
        if (a->used_total + want + sizeof(arena_chunk) > a->cap) {
            want = size; /* try the smallest chunk that fits before giving up */
            if (a->used_total + want + sizeof(arena_chunk) > a->cap)
                return NULL;
        }
        c = malloc(sizeof(arena_chunk) + want);
        if (!c)
            return NULL;
        c->next = a->head;
        c->size = want;
        c->used = 0;
        a->head = c;
        a->used_total += sizeof(arena_chunk) + want;
    }
    void *p = c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *p = arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = arena_alloc(a, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

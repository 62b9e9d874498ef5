/* snippet: see snippet.h. */
#include "storage/snippet.h"

#include <string.h>

#define ELLIPSIS "\xe2\x80\xa6"

/* Copies text[from, to) with the marker bytes of the data blanked, so that only ours mark. */
static char *put_text(char *out, const char *text, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        *out++ = text[i] == '\x02' || text[i] == '\x03' ? ' ' : text[i];
    return out;
}

static char *put_str(char *out, const char *s)
{
    size_t n = strlen(s);
    memcpy(out, s, n);
    return out + n;
}

const char *snippet_cut(arena *a, const char *text, const snippet_word *words, size_t count,
                        bool *matched)
{
    *matched = false;
    if (!text)
        return "";
    size_t len = strlen(text), first = 0;
    while (first < count && !words[first].match)
        first++;
    *matched = first < count;
    size_t from = *matched && first > SNIPPET_LEAD ? first - SNIPPET_LEAD : 0;
    size_t to = from + SNIPPET_WORDS < count ? from + SNIPPET_WORDS : count;
    size_t begin = from > 0 ? words[from].start : 0;
    size_t end = to < count || count == SNIPPET_WORDS_MAX ? words[to - 1].end : len;
    char *out = arena_alloc(a, (end - begin) + 2 * SNIPPET_WORDS + 16);
    if (!out)
        return NULL;
    char *p = out;
    if (begin > 0)
        p = put_str(p, ELLIPSIS " ");
    size_t at = begin;
    for (size_t i = from; i < to; i++) {
        if (!words[i].match)
            continue;
        p = put_text(p, text, at, words[i].start);
        *p++ = '\x02';
        p = put_text(p, text, words[i].start, words[i].end);
        *p++ = '\x03';
        at = words[i].end;
    }
    p = put_text(p, text, at, end);
    if (end < len)
        p = put_str(p, " " ELLIPSIS);
    *p = '\0';
    return out;
}

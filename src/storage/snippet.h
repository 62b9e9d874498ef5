/* snippet: cutting the snippet of a search hit, the same for both backends. Each backend finds
 * the words of the text and marks those whose analysed form is one of the query's; this cuts
 * about SNIPPET_WORDS words from a little before the first match, wraps every match in \x02 and
 * \x03 (the API turns them into segments) and blanks those bytes where the data has them. */
#ifndef SCHILD_SNIPPET_H
#define SCHILD_SNIPPET_H

#include "core/arena.h"

#include <stdbool.h>
#include <stddef.h>

enum {
    SNIPPET_WORDS = 24,       /* words shown */
    SNIPPET_LEAD = 6,         /* words shown before the first match */
    SNIPPET_WORDS_MAX = 4096, /* words of a text looked at; a match further on is not shown */
};

typedef struct snippet_word {
    size_t start, end; /* byte offsets in the text */
    bool match;
} snippet_word;

/* The snippet of text from its words (in order; count == SNIPPET_WORDS_MAX means the reading
 * stopped there). *matched says whether any word matched. NULL when out of memory. */
const char *snippet_cut(arena *a, const char *text, const snippet_word *words, size_t count,
                        bool *matched);

#endif

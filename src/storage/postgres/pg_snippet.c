/* pg_snippet: the snippets of search hits on PostgreSQL, cut exactly as the SQLite backend cuts
 * them (sqlite_search.c), so that both show the same words of the same text with the same words
 * marked. PostgreSQL finds the hits; this file then marks, in the text the viewer may read, every
 * word whose analysed form is one of the query's, with the SQLite backend's analysis: FTS5's
 * unicode61 word boundaries (runs of letters and digits), lowercase without diacritics, then
 * Snowball Dutch by libstemmer. A snippet is about 24 words from a little before the first match,
 * with an ellipsis where the text goes on.
 *
 * Pure string work on text already read: it never sees SQL and allocates only in the arena. */
#include "storage/postgres/pg_internal.h"
#include "storage/snippet.h"

#include <libstemmer.h>
#include <string.h>

enum {
    STEM_MAX_BYTES = 64, /* longer words are kept unstemmed (sqlite_fts.c) */
    FOLD_MAX_BYTES = 256 /* a folded word longer than this matches nothing */
};

struct pg_snippet_query {
    struct sb_stemmer *stemmer;
    char **terms; /* the query's words, analysed */
    size_t count;
};

/* ---- unicode61, as far as Dutch text needs it ---- */

/* Decodes one UTF-8 sequence at s (n bytes left); answers its length, 1 for a bad byte. */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
    size_t len = s[0] < 0x80 ? 1 : s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 1;
    if (len > n)
        len = 1;
    unsigned v = len == 1 ? s[0] : s[0] & (0x3f >> (len - 1));
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80) {
            *cp = s[0];
            return 1;
        }
        v = v << 6 | (s[i] & 0x3f);
    }
    *cp = v;
    return len;
}

/* Whether a code point belongs to a token: letters and digits (and everything unicode61 cannot
 * be told apart from them here); punctuation, symbols and spaces separate tokens. */
static bool token_char(unsigned cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (cp < 0xc0) /* Latin-1 punctuation and symbols; its few letters and digits */
        return cp == 0xaa || cp == 0xb2 || cp == 0xb3 || cp == 0xb5 || cp == 0xb9 || cp == 0xba ||
               (cp >= 0xbc && cp <= 0xbe);
    if (cp == 0xd7 || cp == 0xf7) /* multiplication and division signs */
        return false;
    return !((cp >= 0x2000 && cp <= 0x2bff) || (cp >= 0x3000 && cp <= 0x303f) ||
             (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff0f) ||
             (cp >= 0x1f000 && cp <= 0x1faff));
}

/* The base letter of U+00C0..U+00FF and of Latin Extended-A, U+0100..U+017F, where the
 * canonical decomposition has one ('-' where it has none: those are only lowercased). */
static const char latin1_base[] =
    "aaaaaa-ceeeeiiii-nooooo--uuuuy--aaaaaa-ceeeeiiii-nooooo--uuuuy-y";
static const char latin_a_base[] =
    "aaaaaaccccccccdd--eeeeeeeeeegggggggghh--iiiiiiiii---jjkk-llllll-"
    "---nnnnnn---oooooo--rrrrrrsssssssstttt--uuuuuuuuuuuuwwyyyzzzzzz-";

/* Lowercase without diacritics, as unicode61 with remove_diacritics 2 folds a letter. */
static unsigned fold_char(unsigned cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return cp + 32;
    if (cp >= 0xc0 && cp <= 0xff && latin1_base[cp - 0xc0] != '-')
        return (unsigned char)latin1_base[cp - 0xc0];
    if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7)
        return cp + 0x20; /* Æ Ð Ø Þ */
    if (cp >= 0x100 && cp <= 0x17f && latin_a_base[cp - 0x100] != '-')
        return (unsigned char)latin_a_base[cp - 0x100];
    bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17e);
    if (cp >= 0x100 && cp <= 0x177 && cp != 0x130 && cp != 0x131 && cp != 0x138 && cp != 0x149 &&
        (cp % 2 == 1) == odd_upper)
        return cp + 1; /* Đ Ħ Ĳ Ŀ Ł Ŋ Œ Ŧ */
    return cp;
}

static size_t utf8_encode(unsigned cp, char *out)
{
    if (cp < 0x80)
        return out[0] = (char)cp, 1;
    if (cp < 0x800)
        return out[0] = (char)(0xc0 | cp >> 6), out[1] = (char)(0x80 | (cp & 0x3f)), 2;
    if (cp < 0x10000) {
        out[0] = (char)(0xe0 | cp >> 12);
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | cp >> 18);
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
    out[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

/* The folded form of text[start, end) in out; its length, or 0 when it does not fit. */
static size_t fold_token(const char *text, size_t start, size_t end, char out[FOLD_MAX_BYTES])
{
    size_t used = 0;
    for (size_t i = start; i < end;) {
        unsigned cp;
        i += utf8_decode((const unsigned char *)text + i, end - i, &cp);
        if (used + 4 > FOLD_MAX_BYTES)
            return 0;
        used += utf8_encode(fold_char(cp), out + used);
    }
    return used;
}

/* Calls fn for every token of text in order; stops early when fn answers false. */
typedef bool (*token_fn)(void *ctx, const char *text, size_t start, size_t end);

static void tokenize(const char *text, token_fn fn, void *ctx)
{
    size_t n = strlen(text), i = 0;
    while (i < n) {
        unsigned cp;
        size_t len = utf8_decode((const unsigned char *)text + i, n - i, &cp);
        if (!token_char(cp)) {
            i += len;
            continue;
        }
        size_t start = i;
        while (i < n && (len = utf8_decode((const unsigned char *)text + i, n - i, &cp)) &&
               token_char(cp))
            i += len;
        if (!fn(ctx, text, start, i))
            return;
    }
}

/* The stem of the folded token (as sqlite_fts.c stems it) in the arena, or NULL. */
static char *stem_of(arena *a, struct sb_stemmer *stemmer, const char *text, size_t start,
                     size_t end)
{
    char folded[FOLD_MAX_BYTES];
    size_t n = fold_token(text, start, end, folded);
    if (n == 0)
        return NULL;
    if (n > STEM_MAX_BYTES)
        return arena_strndup(a, folded, n);
    const sb_symbol *stem = sb_stemmer_stem(stemmer, (const sb_symbol *)folded, (int)n);
    return stem ? arena_strndup(a, (const char *)stem, (size_t)sb_stemmer_length(stemmer)) : NULL;
}

/* ---- the query ---- */

typedef struct query_ctx {
    arena *a;
    pg_snippet_query *q;
    size_t cap;
    bool failed;
} query_ctx;

static bool add_query_word(void *arg, const char *text, size_t start, size_t end)
{
    query_ctx *k = arg;
    char *term = stem_of(k->a, k->q->stemmer, text, start, end);
    if (!term || !*term)
        return true; /* too long to fold, or stemmed to nothing: it can match nothing */
    if (k->q->count == k->cap) {
        size_t cap = k->cap ? 2 * k->cap : 8;
        char **bigger = arena_alloc(k->a, cap * sizeof *bigger);
        if (!bigger)
            return !(k->failed = true);
        if (k->q->count)
            memcpy(bigger, k->q->terms, k->q->count * sizeof *bigger);
        k->q->terms = bigger;
        k->cap = cap;
    }
    k->q->terms[k->q->count++] = term;
    return true;
}

pg_snippet_query *pg_snippet_query_new(arena *a, const char *text)
{
    pg_snippet_query *q = arena_alloc(a, sizeof *q);
    if (!q || !(q->stemmer = sb_stemmer_new("dutch", "UTF_8")))
        return NULL;
    query_ctx k = {a, q, 0, false};
    tokenize(text ? text : "", add_query_word, &k);
    if (k.failed) {
        pg_snippet_query_free(q);
        return NULL;
    }
    return q;
}

void pg_snippet_query_free(pg_snippet_query *q)
{
    if (q && q->stemmer)
        sb_stemmer_delete(q->stemmer);
}

/* ---- a text's words ---- */

typedef struct text_words {
    arena *a;
    const pg_snippet_query *q;
    snippet_word *items;
    size_t count, cap;
    bool failed;
} text_words;

static bool is_query_term(const pg_snippet_query *q, const char *term)
{
    for (size_t i = 0; term && i < q->count; i++)
        if (strcmp(term, q->terms[i]) == 0)
            return true;
    return false;
}

static bool add_word(void *arg, const char *text, size_t start, size_t end)
{
    text_words *t = arg;
    if (t->count == SNIPPET_WORDS_MAX)
        return false;
    char *term = stem_of(t->a, t->q->stemmer, text, start, end);
    if (term && !*term)
        return true; /* the SQLite backend drops a word that stems to nothing */
    if (t->count == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 64;
        snippet_word *bigger = arena_alloc(t->a, cap * sizeof *bigger);
        if (!bigger)
            return !(t->failed = true);
        if (t->count)
            memcpy(bigger, t->items, t->count * sizeof *bigger);
        t->items = bigger;
        t->cap = cap;
    }
    t->items[t->count++] = (snippet_word){start, end, is_query_term(t->q, term)};
    return true;
}

/* ---- cutting (storage/snippet.c, shared with the SQLite backend) ---- */

const char *pg_snippet_cut(arena *a, const pg_snippet_query *q, const char *text, bool *matched)
{
    *matched = false;
    if (!text)
        return "";
    text_words t = {.a = a, .q = q};
    tokenize(text, add_word, &t);
    return t.failed ? NULL : snippet_cut(a, text, t.items, t.count, matched);
}

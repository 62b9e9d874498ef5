/* sqlite_fts: the Dutch analyzer of the search index. Text is split, lowercased and stripped of
 * diacritics by FTS5's own unicode61 tokenizer (remove_diacritics 2, reached through the fts5_api
 * of the connection), then each word is stemmed with Snowball's Dutch stemmer (libstemmer), so
 * that "bedreigen", "bedreiging" and "bedreigingen" all become "bedreig".
 *
 * Why not an FTS5 tokenizer registered as "schild_dutch": a virtual table that names a custom
 * tokenizer cannot be opened by anything that lacks it, the stock sqlite3 shell included, and
 * operators (and the test suite) read every table of the database with that shell. So the index
 * stores the analysed terms and its FTS5 table uses a built-in tokenizer; the query is analysed
 * the same way here, and the snippets are cut here with the same word boundaries.
 *
 * A stemmer is not thread-safe; each connection (one thread) has its own analyzer. */
#include "storage/sqlite/sqlite_internal.h"

#include "util/log.h"

#include <libstemmer.h>
#include <string.h>

/* Tokens longer than this are kept as they are: no Dutch word needs stemming at that length, and
 * the stemmer's work grows with it. */
enum { STEM_MAX_BYTES = 64 };

struct sqlite_fts {
    fts5_tokenizer methods; /* unicode61's */
    Fts5Tokenizer *words;   /* with remove_diacritics 2 */
    struct sb_stemmer *stemmer;
};

static fts5_api *fts5_api_of(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    return api;
}

void sqlite_fts_close(sqlite_fts *f)
{
    if (!f)
        return;
    if (f->words)
        f->methods.xDelete(f->words);
    if (f->stemmer)
        sb_stemmer_delete(f->stemmer);
    sqlite3_free(f);
}

sqlite_fts *sqlite_fts_open(sqlite3 *db)
{
    fts5_api *api = fts5_api_of(db);
    if (!api) {
        log_error("sqlite: this SQLite has no FTS5 (the search index needs it)");
        return NULL;
    }
    sqlite_fts *f = sqlite3_malloc(sizeof *f);
    if (!f)
        return NULL;
    memset(f, 0, sizeof *f);
    void *ctx = NULL;
    static const char *args[] = {"remove_diacritics", "2"};
    if (api->xFindTokenizer(api, "unicode61", &ctx, &f->methods) != SQLITE_OK ||
        f->methods.xCreate(ctx, args, 2, &f->words) != SQLITE_OK) {
        log_error("sqlite: FTS5's unicode61 tokenizer is not available");
        sqlite_fts_close(f);
        return NULL;
    }
    if (!(f->stemmer = sb_stemmer_new("dutch", "UTF_8"))) {
        log_error("sqlite: libstemmer has no Dutch stemmer");
        sqlite_fts_close(f);
        return NULL;
    }
    return f;
}

typedef struct term_ctx {
    sqlite_fts *f;
    sqlite_fts_term_fn fn;
    void *ctx;
} term_ctx;

static int stem_word(void *arg, int flags, const char *word, int n, int start, int end)
{
    (void)flags;
    term_ctx *k = arg;
    if (n <= 0)
        return SQLITE_OK;
    const char *term = word;
    int len = n;
    if (n <= STEM_MAX_BYTES) {
        const sb_symbol *stem = sb_stemmer_stem(k->f->stemmer, (const sb_symbol *)word, n);
        if (!stem)
            return SQLITE_NOMEM; /* an unstemmed word would be unfindable */
        term = (const char *)stem;
        len = sb_stemmer_length(k->f->stemmer);
    }
    if (len <= 0)
        return SQLITE_OK;
    return k->fn(k->ctx, term, (size_t)len, (size_t)start, (size_t)end) == 0 ? SQLITE_OK
                                                                             : SQLITE_ABORT;
}

bool sqlite_fts_terms(sqlite_fts *f, const char *text, size_t len, sqlite_fts_term_fn fn, void *ctx)
{
    if (len > (size_t)INT32_MAX)
        return false;
    term_ctx k = {f, fn, ctx};
    return f->methods.xTokenize(f->words, &k, FTS5_TOKENIZE_DOCUMENT, text, (int)len, stem_word) ==
           SQLITE_OK;
}

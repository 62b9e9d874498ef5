/* sqlite_search: full-text search over signals, cases, persons and actors (docs/DAF.md, "Search")
 * through the FTS5 index that sqlite_search_index.c keeps. The user's words are analysed as the
 * documents were (sqlite_fts.c: folded, stemmed Dutch), and the snippets are cut here from the
 * readable text with the same analysis, so a marked word is exactly a word that matched.
 *
 * One query answers it, and need-to-know is part of it twice. The MATCH expression narrows on the
 * documents' access tokens: the cases whose team holds the viewer's organisation or the viewer
 * (or that wait in intake, for triage), less the signals the compartment matrix, originator
 * control and releases keep from the viewer. So FTS5 itself skips what the viewer may not read,
 * and the capped count does not grow with it. The SQL conditions then decide from the tables
 * themselves (case_team, signals, release_requests): a stale token could hide a row but never
 * show one. Newest first is rowid order (the rowid starts with the document's day), and a date
 * range is a rowid range. */
#include "storage/sqlite/sqlite_internal.h"

#include "core/validate.h"
#include "storage/snippet.h"
#include "util/seal.h"

#include <stdio.h>
#include <string.h>

enum {
    MATCH_MAX = 8192,
    DAY_SHIFT = 40,
    QUERY_TERMS_MAX = 128, /* 200 characters make at most 100 words */
};

/* ---- the MATCH expression ---- */

/* The analysed words of the query, for the MATCH expression and for marking snippets. */
typedef struct query_terms {
    const char *term[QUERY_TERMS_MAX];
    size_t len[QUERY_TERMS_MAX];
    size_t n;
    bool too_many;
    arena *a;
} query_terms;

static int add_query_term(void *ctx, const char *term, size_t n, size_t start, size_t end)
{
    (void)start;
    (void)end;
    query_terms *q = ctx;
    if (q->n == QUERY_TERMS_MAX) {
        q->too_many = true;
        return 1;
    }
    if (!(q->term[q->n] = arena_strndup(q->a, term, n)))
        return 1;
    q->len[q->n++] = n;
    return 0;
}

typedef struct match_buf {
    char text[MATCH_MAX];
    size_t len;
    bool overflow;
} match_buf;

static void put_n(match_buf *b, const char *s, size_t n)
{
    if (b->overflow || b->len + n >= sizeof b->text) {
        b->overflow = true;
        return;
    }
    memcpy(b->text + b->len, s, n);
    b->len += n;
    b->text[b->len] = '\0';
}

static void put(match_buf *b, const char *s)
{
    put_n(b, s, strlen(s));
}

/* A token as an FTS5 string: "prefix value", quotes doubled. */
static void put_token(match_buf *b, const char *prefix, const char *value, size_t n)
{
    put(b, "\"");
    put(b, prefix);
    for (size_t i = 0; i < n; i++)
        put_n(b, value[i] == '"' ? "\"\"" : value + i, value[i] == '"' ? 2 : 1);
    put(b, "\"");
}

static void put_word(match_buf *b, const char *prefix, const char *value)
{
    put_token(b, prefix, value, strlen(value));
}

enum {
    KIND_SIGNAL = 1 << SEARCH_SIGNAL,
    KIND_CASE = 1 << SEARCH_CASE,
    KIND_PERSON = 1 << SEARCH_PERSON,
    KIND_ACTOR = 1 << SEARCH_ACTOR
};

/* The kinds a query can find: the kind asked for, narrowed by the filters that only apply to
 * some kinds (compartment and grades to signals; phenomenon and dates to signals and cases). */
static unsigned query_kinds(const search_query *q)
{
    unsigned kinds = q->kind == SEARCH_ANY ? 0xf : 1u << q->kind;
    if (q->compartment != COMPARTMENT_NONE || q->source_grade != SOURCE_NONE ||
        q->info_grade != INFO_NONE)
        kinds &= KIND_SIGNAL;
    if (q->phenomenon != PHENOMENON_NONE || q->from || q->to)
        kinds &= KIND_SIGNAL | KIND_CASE;
    return kinds;
}

/* "c:a" OR "c:b" ... over the compartments of a mask (not empty). */
static void put_compartments(match_buf *b, unsigned mask)
{
    bool first = true;
    for (int c = 0; c < COMPARTMENT__COUNT; c++) {
        if (!(mask & (1u << c)))
            continue;
        put(b, first ? "" : " OR ");
        put_word(b, "c:", compartment_name((compartment)c));
        first = false;
    }
}

/* The signals the viewer may not read, as tokens (only signals carry c:, h:2, s: and r:): in a
 * compartment the role never reads, or H2 or in a compartment it reads only from its own
 * organisation and from another one; unless released to the viewer. The complement of
 * daf_signal_readable, written as exclusions because the unreadable compartments are few and FTS5
 * checks a NOT over a few small token lists far faster than an OR over the readable ones. */
static void put_unreadable(match_buf *b, const viewer *v, const signal_access *acc)
{
    const unsigned all = (1u << COMPARTMENT__COUNT) - 1;
    unsigned never = all & ~(acc->any_org | acc->own_org), own_only = acc->own_org & ~acc->any_org;
    char uid[24];
    snprintf(uid, sizeof uid, "%lld", (long long)v->user_id);
    put(b, "((");
    if (never) {
        put_compartments(b, never);
        put(b, " OR ");
    }
    put(b, "((");
    put_word(b, "h:", "2");
    if (own_only) {
        put(b, " OR ");
        put_compartments(b, own_only & all);
    }
    put(b, ") NOT ");
    put_word(b, "s:", v->org ? v->org : "");
    put(b, ")) NOT ");
    put_word(b, "r:", uid);
    put(b, ")");
}

/* What the viewer may find, as tokens: the documents of the viewer's cases (their team holds the
 * viewer's organisation or the viewer, or they wait in intake, for triage), every actor for
 * analysts, less the signals the viewer may not read; and one kind when only one is asked for
 * (signals need no token: they are most documents, and the SQL keeps to the kinds asked for).
 * False when the viewer can find nothing of these kinds. */
static bool put_visibility(match_buf *b, const viewer *v, access_scope scope,
                           const signal_access *acc, unsigned kinds)
{
    static const char *const kind_tokens[] = {NULL, "case", "person", "actor"};
    if (kinds == 0)
        return false;
    char uid[24];
    snprintf(uid, sizeof uid, "%lld", (long long)v->user_id);
    put(b, "((");
    put_word(b, "o:", v->org ? v->org : "");
    put(b, " OR ");
    put_word(b, "u:", uid);
    if (scope == SCOPE_TEAM_OR_REFERRED) {
        put(b, " OR ");
        put_word(b, "st:", "referred");
    }
    if (v->role == ROLE_ANALYST && (kinds & KIND_ACTOR)) {
        put(b, " OR ");
        put_word(b, "k:", "actor");
    }
    put(b, ") NOT ");
    put_unreadable(b, v, acc);
    put(b, ")");
    for (int k = SEARCH_CASE; k < SEARCH__COUNT; k++)
        if (kinds == 1u << k) {
            put(b, " AND ");
            put_word(b, "k:", kind_tokens[k]);
        }
    return true;
}

static void put_filters(match_buf *b, const search_query *q)
{
    if (q->compartment != COMPARTMENT_NONE) {
        put(b, " AND ");
        put_word(b, "c:", compartment_name(q->compartment));
    }
    if (q->source_grade != SOURCE_NONE) {
        put(b, " AND ");
        put_word(b, "g:", source_grade_name(q->source_grade));
    }
    if (q->info_grade != INFO_NONE) {
        put(b, " AND ");
        put_word(b, "i:", info_grade_name(q->info_grade));
    }
    if (q->phenomenon != PHENOMENON_NONE) {
        put(b, " AND ");
        put_word(b, "p:", phenomenon_name(q->phenomenon));
    }
}

/* The whole expression: every analysed word of the query, then the access tokens and filters.
 * No column filters are needed: a term never holds a ':' and an access token always does. False
 * when nothing can match (no words, or nothing the viewer may find). */
static bool build_match(match_buf *b, const query_terms *terms, const search_query *q,
                        const viewer *v, access_scope scope, const signal_access *acc)
{
    if (terms->n == 0)
        return false;
    put(b, "(");
    for (size_t i = 0; i < terms->n; i++) {
        put(b, i ? " AND " : "");
        put_token(b, "", terms->term[i], terms->len[i]);
    }
    put(b, ") AND (");
    if (!put_visibility(b, v, scope, acc, query_kinds(q)))
        return false;
    put_filters(b, q);
    put(b, ")");
    return !b->overflow;
}

/* ---- snippets ---- */

typedef struct span_list {
    snippet_word items[SNIPPET_WORDS_MAX];
    size_t n;
    const query_terms *terms;
} span_list;

static int add_span(void *ctx, const char *term, size_t n, size_t start, size_t end)
{
    span_list *l = ctx;
    if (l->n == SNIPPET_WORDS_MAX)
        return 1; /* a snippet needs the words up to the first match and a few more */
    bool match = false;
    for (size_t i = 0; i < l->terms->n && !match; i++)
        match = l->terms->len[i] == n && memcmp(l->terms->term[i], term, n) == 0;
    l->items[l->n++] = (snippet_word){start, end, match};
    return 0;
}

/* The words of text, analysed as the index analyses them, cut into a snippet (storage/snippet.c).
 */
static const char *cut_snippet(arena *a, sqlite_fts *f, span_list *l, const char *text,
                               bool *matched)
{
    l->n = 0;
    if (text)
        sqlite_fts_terms(f, text, strlen(text), add_span, l); /* stops early on very long texts */
    return snippet_cut(a, text, l->items, l->n, matched);
}

/* The snippet of a hit: from its body where a word matched there, else from its name. */
static bool snippet_of(arena *a, sqlite_fts *f, span_list *l, const char *body, const char *name,
                       search_hit *h)
{
    bool in_body, in_name;
    if (seal_is_sealed(body))
        body = ""; /* never cut from a sealed text (it is not indexed either: SIGNAL_SOURCE) */
    const char *from_body = cut_snippet(a, f, l, body, &in_body);
    if (!from_body)
        return false;
    if (in_body || !name) {
        h->snippet = from_body;
        return true;
    }
    const char *from_name = cut_snippet(a, f, l, name, &in_name);
    h->snippet = in_name || !*from_body ? from_name : from_body;
    return h->snippet != NULL;
}

/* ---- running it ---- */

typedef struct search_params {
    const char *match;
    const query_terms *terms;
    const viewer *v;
    access_scope scope;
    const signal_access *acc;
    int64_t low, high; /* rowid range */
    unsigned kinds;    /* bit 1 << search_kind */
} search_params;

static void bind_search(sqlite3_stmt *st, const search_params *p, int64_t limit, int64_t offset)
{
    bind_text(st, 1, p->match);
    bind_text(st, 2, p->v->org);
    bind_int(st, 3, p->v->user_id);
    bind_int(st, 4, p->acc->any_org);
    bind_int(st, 5, p->acc->own_org);
    bind_int(st, 6, p->scope == SCOPE_TEAM_OR_REFERRED);
    bind_int(st, 7, p->v->role == ROLE_ANALYST);
    bind_int(st, 8, p->low);
    bind_int(st, 9, p->high);
    bind_int(st, 10, limit);
    if (offset >= 0)
        bind_int(st, 11, offset);
    bind_int(st, 12, p->kinds);
}

static db_status count_hits(sqlite_conn *c, const search_params *p, int64_t *total)
{
    sqlite3_stmt *st = sqlite_stmt(c, STMT_SEARCH_COUNT);
    if (!st)
        return DB_HARD_ERROR;
    bind_search(st, p, SEARCH_COUNT_CAP + 1, -1);
    db_status r = step_row(c, st, "search count");
    *total = r == DB_ONE ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return r < 0 ? r : DB_NONE;
}

static const char *column_raw(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

/* Columns of STMT_SEARCH_PAGE: kind, object id, doc, case id, case reference, received_at,
 * source org, its name, compartment, source grade, info grade, given names, prefix, surname,
 * actor name, signal text, case summary, actor description. */
static bool read_hit(arena *a, sqlite_fts *f, span_list *l, sqlite3_stmt *st, search_hit *h)
{
    memset(h, 0, sizeof *h);
    h->kind = (search_kind)sqlite3_column_int(st, 0);
    h->id = sqlite3_column_int64(st, 1);
    h->case_id = sqlite3_column_int64(st, 3); /* NULL, so 0, for persons and actors */
    h->case_reference = column_text(a, st, 4);
    h->compartment = COMPARTMENT_NONE;
    h->source_grade = SOURCE_NONE;
    h->info_grade = INFO_NONE;
    char day[DATE_TEXT_SIZE];
    date_format(sqlite3_column_int64(st, 2) >> DAY_SHIFT, day);
    h->date = arena_strdup(a, day);
    const char *body = NULL;
    switch (h->kind) {
    case SEARCH_SIGNAL:
        h->date = column_text(a, st, 5);
        h->title = arena_printf(a, "%s %s", column_raw(st, 5),
                                column_raw(st, 7) ? column_raw(st, 7) : column_raw(st, 6));
        h->compartment = compartment_parse(column_raw(st, 8));
        h->source_grade = source_grade_parse(column_raw(st, 9));
        h->info_grade = info_grade_parse(column_raw(st, 10));
        return h->date && h->title && snippet_of(a, f, l, column_raw(st, 15), NULL, h);
    case SEARCH_CASE:
        h->title = h->case_reference;
        body = column_raw(st, 16);
        break;
    case SEARCH_PERSON: {
        const char *prefix = column_raw(st, 12);
        h->title = arena_printf(a, "%s%s%s %s", column_raw(st, 11), prefix && *prefix ? " " : "",
                                prefix ? prefix : "", column_raw(st, 13));
        break;
    }
    default:
        h->title = column_text(a, st, 14);
        body = column_raw(st, 17);
    }
    return h->date && h->title && snippet_of(a, f, l, body, h->title, h);
}

static db_status page_hits(sqlite_conn *c, arena *a, const search_params *p, int64_t limit,
                           int64_t offset, search_hit **out, size_t *count)
{
    sqlite3_stmt *st = sqlite_stmt(c, STMT_SEARCH_PAGE);
    search_hit *hits = arena_alloc(a, (size_t)limit * sizeof *hits);
    span_list *spans = arena_alloc(a, sizeof *spans);
    if (!st || !hits || !spans)
        return DB_HARD_ERROR;
    spans->terms = p->terms;
    bind_search(st, p, limit, offset);
    size_t n = 0;
    db_status r;
    while (n < (size_t)limit && (r = step_row(c, st, "search")) == DB_ONE)
        if (!read_hit(a, c->fts, spans, st, &hits[n++])) {
            sqlite3_reset(st);
            return DB_HARD_ERROR;
        }
    sqlite3_reset(st);
    if (r < 0)
        return r;
    *out = hits;
    *count = n;
    return (db_status)n;
}

db_status sqlite_search(storage *s, arena *a, const search_query *q, const viewer *v,
                        access_scope scope, const signal_access *acc, search_hit **out,
                        size_t *count, int64_t *total)
{
    *out = NULL;
    *count = 0;
    *total = 0;
    sqlite_conn *c = sqlite_conn_get(s);
    if (!c)
        return DB_HARD_ERROR;
    if (scope == SCOPE_NONE)
        return DB_NONE;
    int64_t from = 0, to = INT64_MAX >> DAY_SHIFT;
    if ((q->from && !date_parse(q->from, &from)) || (q->to && !date_parse(q->to, &to)) || to < 0)
        return DB_NONE; /* nothing is dated before 1970 */
    if (from < 0)
        from = 0;
    match_buf *b = arena_alloc(a, sizeof *b);
    query_terms *terms = arena_alloc(a, sizeof *terms);
    if (!b || !terms)
        return DB_HARD_ERROR;
    terms->a = a;
    if (q->text && !sqlite_fts_terms(c->fts, q->text, strlen(q->text), add_query_term, terms) &&
        !terms->too_many)
        return DB_HARD_ERROR;
    if (!build_match(b, terms, q, v, scope, acc))
        return b->overflow ? DB_HARD_ERROR : DB_NONE;
    int64_t high = to >= (INT64_MAX >> DAY_SHIFT) ? INT64_MAX : ((to + 1) << DAY_SHIFT) - 1;
    search_params p = {b->text, terms, v, scope, acc, from << DAY_SHIFT, high, query_kinds(q)};
    db_status r = count_hits(c, &p, total);
    int64_t per_page = q->per_page > 0 ? q->per_page : DEFAULT_PAGE_SIZE;
    int64_t offset = (q->page > 1 ? q->page - 1 : 0) * per_page;
    if (r < 0 || (offset >= *total && *total <= SEARCH_COUNT_CAP)) /* past the last hit */
        return r < 0 ? r : DB_NONE;
    return page_hits(c, a, &p, per_page, offset, out, count);
}

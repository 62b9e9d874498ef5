/* sqlite_search_index: keeps the search index (search_docs + search_fts, migration 3) in step
 * with the tables. Each document carries access tokens derived from its cases' teams and status
 * (and the filter values of signals and cases); a write marks the objects it changed, and the
 * commit brings their documents up to date once, however many writes touched them (a referral
 * inserts a case, links a person and adds a team member: one document each, not one per step).
 *
 * A document's terms are the analysed words of its texts (sqlite_fts.c), made once: signals, case
 * summaries, names and descriptions are never rewritten. Only the access tokens change, and then
 * FTS5 is told the stored old text to forget and the new text.
 *
 * New documents reach FTS5 in rowid order at the end of the flush: FTS5 writes out its pending
 * terms whenever a rowid is not larger than the one before, and a batch of imported signals is
 * in no particular date order. */
#include "storage/sqlite/sqlite_internal.h"

#include <stdlib.h>
#include <string.h>

static const stmt_id source_for[SEARCH__COUNT] = {
    [SEARCH_SIGNAL] = STMT_DOC_SOURCE_SIGNAL,
    [SEARCH_CASE] = STMT_DOC_SOURCE_CASE,
    [SEARCH_PERSON] = STMT_DOC_SOURCE_PERSON,
    [SEARCH_ACTOR] = STMT_DOC_SOURCE_ACTOR,
};
static const stmt_id stale_for[SEARCH__COUNT] = {
    [SEARCH_SIGNAL] = STMT_STALE_SIGNAL,
    [SEARCH_CASE] = STMT_STALE_CASE,
    [SEARCH_PERSON] = STMT_STALE_PERSON,
    [SEARCH_ACTOR] = STMT_STALE_ACTOR,
};

db_status sqlite_index_mark(sqlite_conn *c, int kind, int64_t id)
{
    if (c->pending_count > 0) {
        const index_mark *last = &c->pending[c->pending_count - 1];
        if (last->kind == kind && last->id == id)
            return DB_NONE;
    }
    if (c->pending_count == c->pending_cap) {
        size_t cap = c->pending_cap ? c->pending_cap * 2 : 64;
        index_mark *bigger = realloc(c->pending, cap * sizeof *bigger);
        if (!bigger)
            return DB_HARD_ERROR;
        c->pending = bigger;
        c->pending_cap = cap;
    }
    c->pending[c->pending_count++] = (index_mark){kind, id};
    /* outside a transaction each statement commits by itself: so does its index work */
    return c->in_tx ? DB_NONE : sqlite_index_flush(c);
}

void sqlite_index_discard(sqlite_conn *c)
{
    c->pending_count = 0;
}

/* ---- growable malloc'ed arrays of the flush (it runs at commit, outside any arena) ---- */

typedef struct doc_list {
    int64_t *docs;
    size_t n, cap;
} doc_list;

static bool doc_list_add(doc_list *l, int64_t doc)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        int64_t *bigger = realloc(l->docs, cap * sizeof *bigger);
        if (!bigger)
            return false;
        l->docs = bigger;
        l->cap = cap;
    }
    l->docs[l->n++] = doc;
    return true;
}

static bool doc_list_has(const doc_list *l, int64_t doc)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->docs[i] == doc)
            return true;
    return false;
}

/* A string of terms separated by spaces. */
typedef struct term_buf {
    char *text;
    size_t len, cap;
} term_buf;

static int add_term(void *ctx, const char *term, size_t n, size_t start, size_t end)
{
    (void)start;
    (void)end;
    term_buf *b = ctx;
    if (b->len + n + 2 > b->cap) {
        size_t cap = (b->cap ? b->cap * 2 : 256) + n;
        char *bigger = realloc(b->text, cap);
        if (!bigger)
            return 1;
        b->text = bigger;
        b->cap = cap;
    }
    if (b->len)
        b->text[b->len++] = ' ';
    memcpy(b->text + b->len, term, n);
    b->len += n;
    b->text[b->len] = '\0';
    return 0;
}

static bool terms_of(sqlite_fts *f, sqlite3_stmt *st, int column, term_buf *b)
{
    b->len = 0;
    if (b->text)
        b->text[0] = '\0';
    const char *text = (const char *)sqlite3_column_text(st, column);
    return !text ||
           sqlite_fts_terms(f, text, (size_t)sqlite3_column_bytes(st, column), add_term, b);
}

/* ---- documents ---- */

/* Stores the document of a row of a *_SOURCE statement (doc, kind, object, case, acl, name text,
 * body text) with the terms of its texts, and notes it for FTS5. */
static db_status store_doc(sqlite_conn *c, sqlite3_stmt *src, term_buf bufs[2], doc_list *added)
{
    if (!terms_of(c->fts, src, 5, &bufs[0]) || !terms_of(c->fts, src, 6, &bufs[1]))
        return DB_HARD_ERROR;
    sqlite3_stmt *st = sqlite_stmt(c, STMT_DOC_INSERT);
    if (!st)
        return DB_HARD_ERROR;
    for (int i = 0; i < 4; i++)
        bind_int(st, i + 1, sqlite3_column_int64(src, i));
    bind_text(st, 5, (const char *)sqlite3_column_text(src, 4));
    bind_text(st, 6, bufs[0].text ? bufs[0].text : "");
    bind_text(st, 7, bufs[1].text ? bufs[1].text : "");
    db_status r = step_done(c, st, "search doc insert");
    if (r < 0)
        return r;
    return doc_list_add(added, sqlite3_column_int64(src, 0)) ? DB_NONE : DB_HARD_ERROR;
}

/* Hands a stored document to FTS5: 'delete' with its stored text when removing. */
static db_status fts_write(sqlite_conn *c, stmt_id id, int64_t doc)
{
    sqlite3_stmt *get = sqlite_stmt(c, STMT_DOC_GET);
    if (!get)
        return DB_HARD_ERROR;
    bind_int(get, 1, doc);
    db_status r = step_row(c, get, "search doc get");
    if (r != DB_ONE)
        return r < 0 ? r : DB_HARD_ERROR;
    sqlite3_stmt *st = sqlite_stmt(c, id);
    if (!st) {
        sqlite3_reset(get);
        return DB_HARD_ERROR;
    }
    bind_int(st, 1, doc);
    for (int i = 0; i < 3; i++)
        sqlite3_bind_text(st, i + 2, (const char *)sqlite3_column_text(get, i),
                          sqlite3_column_bytes(get, i), SQLITE_STATIC);
    r = step_done(c, st, "search index write");
    sqlite3_clear_bindings(st);
    sqlite3_reset(get);
    return r < 0 ? r : DB_NONE;
}

/* Gives an indexed document new tokens. One added in this flush is not in FTS5 yet and only
 * needs the new tokens stored. */
static db_status retoken(sqlite_conn *c, int64_t doc, const char *acl, const doc_list *added)
{
    bool indexed = !doc_list_has(added, doc);
    db_status r = indexed ? fts_write(c, STMT_FTS_REMOVE, doc) : DB_NONE;
    sqlite3_stmt *st = r >= 0 ? sqlite_stmt(c, STMT_DOC_SET_ACL) : NULL;
    if (!st)
        return r < 0 ? r : DB_HARD_ERROR;
    bind_int(st, 1, doc);
    bind_text(st, 2, acl);
    if ((r = step_done(c, st, "search doc acl")) < 0)
        return r;
    return indexed ? fts_write(c, STMT_FTS_ADD, doc) : DB_NONE;
}

typedef struct stale_doc {
    int64_t doc;
    char *acl;
} stale_doc;

/* Runs a STALE statement (documents whose tokens changed) and retokens each. The rows are
 * collected first: the statement reads search_docs, which retoken writes. */
static db_status refresh(sqlite_conn *c, stmt_id id, int64_t key, const doc_list *added)
{
    sqlite3_stmt *st = sqlite_stmt(c, id);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, key);
    stale_doc *docs = NULL;
    size_t n = 0, cap = 0;
    db_status r;
    while ((r = step_row(c, st, "search index stale")) == DB_ONE) {
        if (n == cap) {
            size_t next = cap ? cap * 2 : 8;
            stale_doc *bigger = realloc(docs, next * sizeof *bigger);
            if (!bigger) {
                r = DB_HARD_ERROR;
                break;
            }
            docs = bigger;
            cap = next;
        }
        docs[n].doc = sqlite3_column_int64(st, 0);
        docs[n].acl = strdup((const char *)sqlite3_column_text(st, 1));
        if (!docs[n++].acl) {
            r = DB_HARD_ERROR;
            break;
        }
    }
    sqlite3_reset(st);
    for (size_t i = 0; i < n && r >= 0; i++)
        r = retoken(c, docs[i].doc, docs[i].acl, added);
    for (size_t i = 0; i < n; i++)
        free(docs[i].acl);
    free(docs);
    return r < 0 ? r : DB_NONE;
}

static db_status doc_of(sqlite_conn *c, int kind, int64_t id, int64_t *doc)
{
    sqlite3_stmt *st = sqlite_stmt(c, STMT_DOC_OF);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, kind);
    bind_int(st, 2, id);
    db_status r = step_row(c, st, "search doc");
    if (r == DB_ONE)
        *doc = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return r;
}

/* A new object gets its document; a known one has its tokens refreshed. */
static db_status index_object(sqlite_conn *c, int kind, int64_t id, term_buf bufs[2],
                              doc_list *added)
{
    int64_t doc;
    db_status r = doc_of(c, kind, id, &doc);
    if (r < 0)
        return r;
    if (r == DB_ONE)
        return refresh(c, stale_for[kind], id, added);
    sqlite3_stmt *src = sqlite_stmt(c, source_for[kind]);
    if (!src)
        return DB_HARD_ERROR;
    bind_int(src, 1, id);
    if ((r = step_row(c, src, "search doc source")) != DB_ONE)
        return r; /* DB_NONE: the object is gone (not in this schema's life) */
    r = store_doc(c, src, bufs, added);
    sqlite3_reset(src);
    return r;
}

/* Everything whose tokens come from the case: its own document, its signals, persons, actors. */
static db_status index_case_deep(sqlite_conn *c, int64_t case_id, term_buf bufs[2], doc_list *added)
{
    db_status r;
    if ((r = index_object(c, SEARCH_CASE, case_id, bufs, added)) < 0 ||
        (r = refresh(c, STMT_STALE_CASE_SIGNALS, case_id, added)) < 0 ||
        (r = refresh(c, STMT_STALE_CASE_PERSONS, case_id, added)) < 0)
        return r;
    return refresh(c, STMT_STALE_CASE_ACTORS, case_id, added);
}

static int by_doc(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

/* The new documents into FTS5, in rowid order. */
static db_status add_to_fts(sqlite_conn *c, doc_list *added)
{
    if (added->n == 0)
        return DB_NONE;
    qsort(added->docs, added->n, sizeof *added->docs, by_doc);
    db_status r = DB_NONE;
    for (size_t i = 0; i < added->n && r >= 0; i++)
        r = fts_write(c, STMT_FTS_ADD, added->docs[i]);
    return r;
}

db_status sqlite_index_flush(sqlite_conn *c)
{
    term_buf bufs[2] = {{0}, {0}};
    doc_list added = {0};
    db_status r = DB_NONE;
    for (size_t i = 0; i < c->pending_count && r >= 0; i++) {
        index_mark m = c->pending[i];
        r = m.kind == INDEX_CASE_DEEP ? index_case_deep(c, m.id, bufs, &added)
                                      : index_object(c, m.kind, m.id, bufs, &added);
    }
    c->pending_count = 0;
    if (r >= 0)
        r = add_to_fts(c, &added);
    free(bufs[0].text);
    free(bufs[1].text);
    free(added.docs);
    return r < 0 ? r : DB_NONE;
}

static db_status exec_sql(sqlite_conn *c, const char *sql)
{
    int rc = sqlite3_exec(c->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? DB_NONE : sqlite_status(c, rc, "search index rebuild");
}

/* Every document of one kind, from one scan of its table. */
static db_status store_all(sqlite_conn *c, const char *sql, term_buf bufs[2], doc_list *added)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(c->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return sqlite_status(c, rc, "search index rebuild");
    db_status r;
    while ((r = step_row(c, st, "search index rebuild")) == DB_ONE) {
        added->n = 0; /* 'rebuild' reads them all at the end */
        if ((r = store_doc(c, st, bufs, added)) < 0)
            break;
    }
    sqlite3_finalize(st);
    return r < 0 ? r : DB_NONE;
}

db_status sqlite_index_rebuild(sqlite_conn *c)
{
    c->pending_count = 0;
    term_buf bufs[2] = {{0}, {0}};
    doc_list added = {0};
    db_status r = exec_sql(c, "DELETE FROM search_docs");
    for (size_t i = 0; SQLITE_SEARCH_SOURCES[i] && r >= 0; i++)
        r = store_all(c, SQLITE_SEARCH_SOURCES[i], bufs, &added);
    free(bufs[0].text);
    free(bufs[1].text);
    free(added.docs);
    /* external content: FTS5 reads every stored document in rowid order */
    return r < 0 ? r : exec_sql(c, "INSERT INTO search_fts(search_fts) VALUES ('rebuild')");
}

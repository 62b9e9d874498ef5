/* sqlite_search_index: keeps the search index (search_docs + search_fts, migration 3) in step
 * with the tables. Each document carries access tokens derived from its case's team and status
 * (and for signals the compartment, source, handling and releases); a write marks the objects it
 * changed, and the commit brings their documents up to date once, however many writes touched
 * them (a referral inserts a case, links a person and adds a team member: one document each, not
 * one per step).
 *
 * A document's terms are the analysed words of its texts (sqlite_fts.c), made once: signals, case
 * summaries, names and descriptions are never rewritten. Only the access tokens change, and then
 * FTS5 is told the stored old text to forget and the new text. */
#include "storage/sqlite/sqlite_internal.h"

#include <stdlib.h>
#include <string.h>

static const stmt_id insert_for[SEARCH__COUNT] = {
    [SEARCH_SIGNAL] = STMT_DOC_INSERT_SIGNAL,
    [SEARCH_CASE] = STMT_DOC_INSERT_CASE,
    [SEARCH_PERSON] = STMT_DOC_INSERT_PERSON,
    [SEARCH_ACTOR] = STMT_DOC_INSERT_ACTOR,
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

static db_status run_doc(sqlite_conn *c, stmt_id id, int64_t doc, const char *acl)
{
    sqlite3_stmt *st = sqlite_stmt(c, id);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, doc);
    if (acl)
        bind_text(st, 2, acl);
    db_status r = step_done(c, st, "search index");
    return r < 0 ? r : DB_NONE;
}

/* Gives a document new tokens: out of FTS5 with the old text, in with the new. */
static db_status retoken(sqlite_conn *c, int64_t doc, const char *acl)
{
    db_status r;
    if ((r = run_doc(c, STMT_FTS_DELETE, doc, NULL)) < 0 ||
        (r = run_doc(c, STMT_DOC_SET_ACL, doc, acl)) < 0)
        return r;
    return run_doc(c, STMT_FTS_INSERT, doc, NULL);
}

typedef struct stale_doc {
    int64_t doc;
    char *acl;
} stale_doc;

/* Runs a STALE statement (documents whose tokens changed) and retokens each. The rows are
 * collected first: the statement reads search_docs, which retoken writes. */
static db_status refresh(sqlite_conn *c, stmt_id id, int64_t key)
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
        r = retoken(c, docs[i].doc, docs[i].acl);
    for (size_t i = 0; i < n; i++)
        free(docs[i].acl);
    free(docs);
    return r < 0 ? r : DB_NONE;
}

/* A growable, malloc'ed string of terms separated by spaces. */
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
    const char *text = (const char *)sqlite3_column_text(st, column);
    size_t len = (size_t)sqlite3_column_bytes(st, column);
    return !text || sqlite_fts_terms(f, text, len, add_term, b);
}

/* Analyses the texts of a document (from search_source) into its terms. */
static db_status fill_terms(sqlite_conn *c, int64_t doc)
{
    sqlite3_stmt *st = sqlite_stmt(c, STMT_DOC_SOURCE);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, doc);
    db_status r = step_row(c, st, "search doc source");
    if (r != DB_ONE)
        return r < 0 ? r : DB_HARD_ERROR;
    term_buf name = {0}, body = {0};
    bool ok = terms_of(c->fts, st, 0, &name) && terms_of(c->fts, st, 1, &body);
    sqlite3_reset(st);
    if (ok && (st = sqlite_stmt(c, STMT_DOC_SET_TERMS))) {
        bind_int(st, 1, doc);
        bind_text(st, 2, name.text ? name.text : "");
        bind_text(st, 3, body.text ? body.text : "");
        r = step_done(c, st, "search doc terms");
    } else {
        r = DB_HARD_ERROR;
    }
    free(name.text);
    free(body.text);
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
static db_status index_object(sqlite_conn *c, int kind, int64_t id)
{
    sqlite3_stmt *st = sqlite_stmt(c, insert_for[kind]);
    if (!st)
        return DB_HARD_ERROR;
    bind_int(st, 1, id);
    db_status r = step_done(c, st, "search doc insert");
    if (r < 0)
        return r;
    if (r == DB_NONE)
        return refresh(c, stale_for[kind], id);
    int64_t doc = 0;
    if ((r = doc_of(c, kind, id, &doc)) != DB_ONE)
        return r < 0 ? r : DB_HARD_ERROR;
    if ((r = fill_terms(c, doc)) < 0)
        return r;
    return run_doc(c, STMT_FTS_INSERT, doc, NULL);
}

/* Everything whose tokens come from the case: its own document, its signals, persons, actors. */
static db_status index_case_deep(sqlite_conn *c, int64_t case_id)
{
    db_status r;
    if ((r = index_object(c, SEARCH_CASE, case_id)) < 0 ||
        (r = refresh(c, STMT_STALE_CASE_SIGNALS, case_id)) < 0 ||
        (r = refresh(c, STMT_STALE_CASE_PERSONS, case_id)) < 0)
        return r;
    return refresh(c, STMT_STALE_CASE_ACTORS, case_id);
}

db_status sqlite_index_flush(sqlite_conn *c)
{
    db_status r = DB_NONE;
    /* indexing may mark nothing new, but keep the loop honest if it ever does */
    for (size_t i = 0; i < c->pending_count && r >= 0; i++) {
        index_mark m = c->pending[i];
        r = m.kind == INDEX_CASE_DEEP ? index_case_deep(c, m.id) : index_object(c, m.kind, m.id);
    }
    c->pending_count = 0;
    return r < 0 ? r : DB_NONE;
}

static db_status exec_sql(sqlite_conn *c, const char *sql)
{
    int rc = sqlite3_exec(c->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? DB_NONE : sqlite_status(c, rc, "search index rebuild");
}

/* The terms of every document, in batches of ids (the scan must not run over rows it writes). */
static db_status fill_all_terms(sqlite_conn *c)
{
    enum { BATCH = 256 };
    int64_t docs[BATCH], last = INT64_MIN;
    for (;;) {
        sqlite3_stmt *st = sqlite_stmt(c, STMT_DOC_AFTER);
        if (!st)
            return DB_HARD_ERROR;
        bind_int(st, 1, last);
        size_t n = 0;
        db_status r;
        while (n < BATCH && (r = step_row(c, st, "search docs")) == DB_ONE)
            docs[n++] = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        if (r < 0)
            return r;
        for (size_t i = 0; i < n; i++)
            if ((r = fill_terms(c, docs[i])) < 0)
                return r;
        if (n < BATCH)
            return DB_NONE;
        last = docs[n - 1];
    }
}

db_status sqlite_index_rebuild(sqlite_conn *c)
{
    c->pending_count = 0;
    db_status r = DB_NONE;
    for (size_t i = 0; SQLITE_SEARCH_REBUILD[i] && r >= 0; i++)
        r = exec_sql(c, SQLITE_SEARCH_REBUILD[i]);
    if (r >= 0)
        r = fill_all_terms(c);
    return r < 0 ? r : exec_sql(c, "INSERT INTO search_fts(search_fts) VALUES ('rebuild')");
}

/* pg_search: full-text search over signals, cases, persons and actors on PostgreSQL (docs/DAF.md,
 * "Search"), with the built-in "dutch" text search configuration's Snowball Dutch stemmer, the
 * algorithm libstemmer runs for SQLite, so "bedreigen" finds "bedreiging" and "bedreigingen".
 *
 * Need-to-know is part of the query itself: the case scope, the compartments the viewer's role
 * reads, originator control and approved releases are conditions on the rows, so the hits, their
 * snippets and the capped total only ever involve what the viewer may read. The results are
 * those of the SQLite backend: the user's stemmed words all present (no prefixes), the same
 * documents and filters, newest first (day, then object id, then kind, all descending), the same
 * titles, and snippets cut the same way (pg_snippet.c). The index is a table of stored tsvectors
 * per kind (migration 3, pg_internal.h). */
#include "storage/postgres/pg_internal.h"

#include "util/seal.h"

#include <stdio.h>
#include <string.h>

/* Parameters, the same in both statements of a scope (the page adds $14 limit, $15 offset):
 * $1 the user's words, $2 kind or NULL, $3 compartment, $4 source grade, $5 info grade, $6
 * phenomenon, $7 from, $8 to (each NULL when not filtered), $9 the viewer's organisation, $10
 * user id, $11 the compartments the role reads from any source, $12 those it reads only from
 * its own organisation (text arrays), $13 whether the viewer sees every actor (analysts). */
#define QUERY "plainto_tsquery(" PG_SEARCH_CONFIG ", " PG_SEARCH_FOLD("$1::text") ")"
#define KIND(name) "($2::text IS NULL OR $2::text = '" name "')"
/* Filters that only signals carry leave the other kinds out when set; so do phenomenon and the
 * dates for persons and actors, which have neither (as SQLite's query_kinds). */
#define ONLY_SIGNALS_UNFILTERED "$3::text IS NULL AND $4::text IS NULL AND $5::text IS NULL"
#define NOT_CASE_FILTERED "$6::text IS NULL AND $7::text IS NULL AND $8::text IS NULL"
#define PHENOMENON(c) "($6::text IS NULL OR " c ".phenomenon = $6::text)"
#define DAYS(day)                                                                                  \
    "($7::text IS NULL OR " day " >= $7::text) AND ($8::text IS NULL OR " day " <= $8::text)"
/* Permanent members only: a break-glass grant opens its case, not the search
 * (docs/OVERSIGHT.md). */
#define TEAM(c) PG_TEAM_MEMBER_SQL(c, "$9::text", "$10::bigint", "m.expires_at = 0")
/* The scopes of core/access.h; SCOPE_NONE finds nothing and is answered without a query. */
#define SCOPE_TEAM_SQL(c) TEAM(c)
#define SCOPE_TEAM_OR_REFERRED_SQL(c) "(" c ".status = 'referred' OR " TEAM(c) ")"

/* daf_signal_readable: an approved release to the viewer, or the compartment matrix and then
 * originator control (H2 only for the originating organisation). */
#define SIGNAL_READABLE                                                                            \
    "(EXISTS (SELECT 1 FROM release_requests r WHERE r.signal_id = s.id AND "                      \
    "r.requested_by = $10::bigint AND r.status = 'approved') OR "                                  \
    "((s.compartment = ANY ($11::text[]) OR (s.compartment = ANY ($12::text[]) AND "               \
    "s.source_org = $9::text)) AND (s.handling <> 'H2' OR s.source_org = $9::text)))"

/* Every readable hit of one scope, one arm per kind: kind, id, case id, case reference, day,
 * title, and the body and name its snippet is cut from (as the SQLite backend cuts them: a
 * signal's text; a case's summary, else its reference; a person's name; an actor's description,
 * else its name), and the signal's grades. */
/* clang-format off */
#define HIT_COLUMNS(kind, id, case_id, reference, day, title, body, name)                          \
    "SELECT " kind " AS kind, " id " AS id, " case_id " AS case_id, " reference " AS reference, "  \
    day " AS day, " title " AS title, " body " AS body, " name " AS name, "
#define NO_SIGNAL_COLUMNS "NULL::text, NULL::text, NULL::text"
#define PERSON_TITLE                                                                               \
    "p.given_names || CASE WHEN p.surname_prefix <> '' THEN ' ' || p.surname_prefix ELSE '' END "  \
    "|| ' ' || p.surname"
/* The object (table alias t) is indexed under the words (pg_internal.h). */
#define MATCHES(table, t)                                                                          \
    "EXISTS (SELECT 1 FROM " table " d WHERE d.id = " t ".id AND d.words @@ " QUERY ")"
#define SIGNAL_HITS(scope)                                                                         \
    HIT_COLUMNS("0", "s.id", "s.case_id", "c.reference", "s.received_at",                          \
                "s.received_at || ' ' || o.name", "s.text", "NULL::text")                          \
    "s.compartment, s.source_grade, s.info_grade "                                                 \
    "FROM signals s JOIN cases c ON c.id = s.case_id JOIN orgs o ON o.code = s.source_org "        \
    "WHERE " KIND("signal") " AND " MATCHES("search_signals", "s") " AND " scope("c")        \
    " AND " SIGNAL_READABLE " AND ($3::text IS NULL OR s.compartment = $3::text) "                 \
    "AND ($4::text IS NULL OR s.source_grade = $4::text) "                                         \
    "AND ($5::text IS NULL OR s.info_grade = $5::text) "                                           \
    "AND " PHENOMENON("c") " AND " DAYS("s.received_at")
#define CASE_HITS(scope)                                                                           \
    HIT_COLUMNS("1", "c.id", "c.id", "c.reference", "substr(c.created_at, 1, 10)", "c.reference",  \
                "c.summary", "c.reference") NO_SIGNAL_COLUMNS                                      \
    " FROM cases c WHERE " KIND("case") " AND " ONLY_SIGNALS_UNFILTERED                            \
    " AND " MATCHES("search_cases", "c") " AND " scope("c")                                  \
    " AND " PHENOMENON("c") " AND " DAYS("substr(c.created_at, 1, 10)")
#define PERSON_HITS(scope)                                                                         \
    HIT_COLUMNS("2", "p.id", "0", "NULL::text", "substr(p.created_at, 1, 10)", PERSON_TITLE,       \
                "NULL::text", PERSON_TITLE) NO_SIGNAL_COLUMNS                                      \
    " FROM persons p WHERE " KIND("person") " AND " ONLY_SIGNALS_UNFILTERED                        \
    " AND " NOT_CASE_FILTERED " AND " MATCHES("search_persons", "p")                         \
    " AND EXISTS (SELECT 1 FROM case_persons cp JOIN cases c ON c.id = cp.case_id "               \
    "WHERE cp.person_id = p.id AND " scope("c") ")"
#define ACTOR_HITS(scope)                                                                          \
    HIT_COLUMNS("3", "a.id", "0", "NULL::text", "substr(a.created_at, 1, 10)", "a.name",          \
                "a.description", "a.name") NO_SIGNAL_COLUMNS                                       \
    " FROM actors a WHERE " KIND("actor") " AND " ONLY_SIGNALS_UNFILTERED                          \
    " AND " NOT_CASE_FILTERED " AND " MATCHES("search_actors", "a")                          \
    " AND ($13::boolean OR EXISTS (SELECT 1 FROM case_actors ca JOIN cases c ON "                  \
    "c.id = ca.case_id WHERE ca.actor_id = a.id AND " scope("c") "))"
/* Each arm cut to its own first n rows (newest first for a page), so that each can stop early:
 * the signals of a common word are walked newest first until enough readable ones are found,
 * rather than all collected and sorted. The first n of the whole are among them. */
#define ARM(hits, order, n) "(" hits order " LIMIT " n ")"
#define HITS(scope, order, n)                                                                      \
    ARM(SIGNAL_HITS(scope), order, n) " UNION ALL " ARM(CASE_HITS(scope), order, n)                \
    " UNION ALL " ARM(PERSON_HITS(scope), order, n) " UNION ALL " ARM(ACTOR_HITS(scope), order, n)
/* clang-format on */

/* Counting stops one past the cap, so its cost does not grow with the number of matches. */
#define CAP_PLUS_ONE "201"
_Static_assert(SEARCH_COUNT_CAP + 1 == 201, "CAP_PLUS_ONE follows SEARCH_COUNT_CAP");
#define COUNT_SQL(scope)                                                                           \
    "SELECT count(*) FROM (SELECT 1 FROM (" HITS(scope, "",                                        \
                                                 CAP_PLUS_ONE) ") h LIMIT " CAP_PLUS_ONE ") n"

/* The page's rows with the body and the name their snippet is cut from (pg_snippet.c): newest
 * first, by day, then object id, then kind, as SQLite's document ids order them. */
#define PAGE_END "($14::bigint + $15::bigint)"
#define PAGE_SQL(scope)                                                                            \
    "SELECT h.kind, h.id, h.case_id, h.reference, h.day, h.title, h.body, h.name, h.compartment, " \
    "h.source_grade, h.info_grade FROM (" HITS(                                                    \
        scope, " ORDER BY day DESC, id DESC",                                                      \
        PAGE_END) ") h ORDER BY h.day DESC, h.id DESC, h.kind DESC LIMIT $14::bigint OFFSET "      \
                  "$15::bigint"

const char *const pg_search_sql[PG_STMT__COUNT] = {
    /* The best plan depends on the words (how many documents hold them) and on the viewer (how
     * many cases they see): walking the newest signals for a common word, the index for a rare
     * one. A cached generic plan knows neither, so search plans for its values every time. */
    [PG_SEARCH_CUSTOM_PLANS] = "SELECT set_config('plan_cache_mode', 'force_custom_plan', true)",
    [PG_SEARCH_COUNT + SCOPE_TEAM] = COUNT_SQL(SCOPE_TEAM_SQL),
    [PG_SEARCH_COUNT + SCOPE_TEAM_OR_REFERRED] = COUNT_SQL(SCOPE_TEAM_OR_REFERRED_SQL),
    [PG_SEARCH_PAGE + SCOPE_TEAM] = PAGE_SQL(SCOPE_TEAM_SQL),
    [PG_SEARCH_PAGE + SCOPE_TEAM_OR_REFERRED] = PAGE_SQL(SCOPE_TEAM_OR_REFERRED_SQL),
};

static const char *const kind_names[SEARCH__COUNT] = {"signal", "case", "person", "actor"};

/* A compartment bitmask as a PostgreSQL text array literal, "{police,open_source}". The names
 * come from the code, never from input. */
static const char *compartment_array(arena *a, unsigned mask)
{
    char buf[256];
    size_t used = (size_t)snprintf(buf, sizeof buf, "{");
    for (int c = 0; c < COMPARTMENT__COUNT; c++)
        if (mask & (1u << c))
            used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s", used > 1 ? "," : "",
                                     compartment_name((compartment)c));
    snprintf(buf + used, sizeof buf - used, "}");
    return arena_strdup(a, buf);
}

/* $1..$13 (see above); any_org and own_org are compartment arrays. */
static void search_params(pg_params *p, const search_query *q, const viewer *v, const char *any_org,
                          const char *own_org)
{
    pg_param_text(p, q->text ? q->text : "");
    pg_param_text(p, (unsigned)q->kind < SEARCH__COUNT ? kind_names[q->kind] : NULL);
    pg_param_text(p, q->compartment != COMPARTMENT_NONE ? compartment_name(q->compartment) : NULL);
    pg_param_text(p, q->source_grade != SOURCE_NONE ? source_grade_name(q->source_grade) : NULL);
    pg_param_text(p, q->info_grade != INFO_NONE ? info_grade_name(q->info_grade) : NULL);
    pg_param_text(p, q->phenomenon != PHENOMENON_NONE ? phenomenon_name(q->phenomenon) : NULL);
    pg_param_text(p, q->from);
    pg_param_text(p, q->to);
    pg_param_text(p, v->org ? v->org : "");
    pg_param_int(p, v->user_id);
    pg_param_text(p, any_org);
    pg_param_text(p, own_org);
    pg_param_bool(p, v->role == ROLE_ANALYST);
}

/* The snippet from the body where a word matched there, else from the name (when there is one
 * and a word matched there, or the body is empty). */
static const char *hit_snippet(arena *a, const pg_snippet_query *sq, const char *body,
                               const char *name)
{
    bool in_body, in_name;
    if (seal_is_sealed(body))
        body = ""; /* never cut from a sealed text (it is not indexed either: pg_internal.h) */
    const char *from_body = pg_snippet_cut(a, sq, body, &in_body);
    if (!from_body || in_body || !name)
        return from_body;
    const char *from_name = pg_snippet_cut(a, sq, name, &in_name);
    return in_name || !*from_body ? from_name : from_body;
}

static void read_hit(arena *a, const PGresult *res, int row, search_hit *h)
{
    memset(h, 0, sizeof *h);
    int64_t kind = pg_int(res, row, 0);
    h->kind = kind >= 0 && kind < SEARCH__COUNT ? (search_kind)kind : SEARCH_ANY;
    h->id = pg_int(res, row, 1);
    h->case_id = pg_int(res, row, 2);
    h->case_reference = pg_text(a, res, row, 3);
    h->date = pg_text(a, res, row, 4);
    h->title = pg_text(a, res, row, 5);
    const char *c = pg_raw(res, row, 8), *sg = pg_raw(res, row, 9), *ig = pg_raw(res, row, 10);
    h->compartment = c ? compartment_parse(c) : COMPARTMENT_NONE;
    h->source_grade = sg ? source_grade_parse(sg) : SOURCE_NONE;
    h->info_grade = ig ? info_grade_parse(ig) : INFO_NONE;
}

/* Reads the page, each hit with its snippet. */
static db_status read_page(arena *a, const PGresult *res, const search_query *q, search_hit **out,
                           size_t *count)
{
    int n = PQntuples(res);
    search_hit *hits = arena_alloc(a, (size_t)(n ? n : 1) * sizeof *hits);
    pg_snippet_query *sq = hits ? pg_snippet_query_new(a, q->text) : NULL;
    if (!sq)
        return DB_HARD_ERROR;
    db_status st = (db_status)n;
    for (int i = 0; i < n && st >= 0; i++) {
        read_hit(a, res, i, &hits[i]);
        hits[i].snippet = hit_snippet(a, sq, pg_raw(res, i, 6), pg_raw(res, i, 7));
        if (!hits[i].snippet || !hits[i].date || !hits[i].title)
            st = DB_HARD_ERROR;
    }
    pg_snippet_query_free(sq);
    *out = hits;
    *count = (size_t)n;
    return st;
}

/* The capped total and the page in one round trip, from one snapshot (TX_READ). */
db_status pg_search(storage *s, arena *a, const search_query *q, const viewer *v,
                    access_scope scope, const signal_access *acc, search_hit **out, size_t *count,
                    int64_t *total)
{
    *out = NULL;
    *count = 0;
    *total = 0;
    if (scope != SCOPE_TEAM && scope != SCOPE_TEAM_OR_REFERRED)
        return DB_NONE; /* no case content: nothing to find */
    const char *any_org = compartment_array(a, acc->any_org);
    const char *own_org = compartment_array(a, acc->own_org);
    if (!any_org || !own_org)
        return DB_HARD_ERROR;
    /* the plan setting, the count, the page (which adds its limit and offset) */
    pg_params ps[3] = {{0}, {0}, {0}};
    search_params(&ps[1], q, v, any_org, own_org);
    search_params(&ps[2], q, v, any_org, own_org);
    int64_t per_page = q->per_page > 0 ? q->per_page : DEFAULT_PAGE_SIZE;
    pg_param_int(&ps[2], per_page);
    pg_param_int(&ps[2], (q->page > 1 ? q->page - 1 : 0) * per_page);
    const pg_stmt ids[] = {PG_SEARCH_CUSTOM_PLANS, (pg_stmt)(PG_SEARCH_COUNT + scope),
                           (pg_stmt)(PG_SEARCH_PAGE + scope)};
    PGresult *res[3];
    db_status st = pg_run_many(s, ids, ps, 3, res, "search");
    if (st < 0)
        return st;
    *total = PQntuples(res[1]) > 0 ? pg_int(res[1], 0, 0) : 0;
    st = read_page(a, res[2], q, out, count);
    pg_clear_results(res, 3);
    return st;
}

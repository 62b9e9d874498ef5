/* pg_cases: persons, cases, their teams and timelines, and the need-to-know list on PostgreSQL.
 * Results are copied into the caller's arena and every PGresult is cleared before returning. */
#include "storage/postgres/pg_internal.h"

#include <stdio.h>
#include <string.h>

static void read_person(arena *a, const PGresult *res, int row, person_record *p)
{
    p->id = pg_int(res, row, 0);
    p->given_names = pg_text(a, res, row, 1);
    p->surname_prefix = pg_text(a, res, row, 2);
    p->surname = pg_text(a, res, row, 3);
    p->date_of_birth = pg_text(a, res, row, 4);
    p->function = pg_text(a, res, row, 5);
    p->version = pg_int(res, row, 6);
    p->employer_org = pg_text(a, res, row, 7);
}

case_subject pg_case_subject_parse(const char *name)
{
    for (int i = CASE_SUBJECT_OBJECT; name && i <= CASE_SUBJECT_SERVICE; i++)
        if (strcmp(name, case_subject_name((case_subject)i)) == 0)
            return (case_subject)i;
    return CASE_SUBJECT_PERSONS;
}

void pg_read_case_row(arena *a, const PGresult *res, int row, case_record *c)
{
    memset(c, 0, sizeof *c);
    c->id = pg_int(res, row, 0);
    c->reference = pg_text(a, res, row, 1);
    c->status = case_status_parse(pg_raw(res, row, 2));
    c->domain = case_domain_parse(pg_raw(res, row, 3));
    c->authority_org = pg_text(a, res, row, 4);
    c->authority_name = pg_text(a, res, row, 5);
    c->summary = pg_text(a, res, row, 6);
    c->phenomenon = phenomenon_parse(pg_raw(res, row, 7));
    c->urgent = pg_bool(res, row, 8);
    c->source_details = pg_text(a, res, row, 9);
    c->referring_org = pg_text(a, res, row, 10);
    c->referring_org_name = pg_text(a, res, row, 11);
    c->referred_by = pg_int(res, row, 12);
    c->awaiting_information = pg_bool(res, row, 13);
    c->information_request = pg_text(a, res, row, 14);
    c->triage = triage_outcome_parse(pg_raw(res, row, 15));
    c->triage_district = pg_text(a, res, row, 16);
    c->triage_reasoning = pg_text(a, res, row, 17);
    c->triage_at = pg_text(a, res, row, 18);
    c->triage_by_username = pg_text(a, res, row, 19);
    c->triage_by = pg_int(res, row, 20);
    c->created_at = pg_text(a, res, row, 21);
    c->updated_at = pg_text(a, res, row, 22);
    c->version = pg_int(res, row, 23);
    c->subject = pg_case_subject_parse(pg_raw(res, row, 24));
}

db_status pg_read_rows(arena *a, const PGresult *res, size_t size, pg_row_reader read, void **items,
                       size_t *count)
{
    int n = PQntuples(res);
    unsigned char *out = arena_alloc(a, (size_t)(n ? n : 1) * size);
    if (!out)
        return DB_HARD_ERROR;
    for (int i = 0; i < n; i++)
        read(a, res, i, out + (size_t)i * size);
    *items = out;
    *count = (size_t)n;
    return n;
}

db_status pg_load_rows(storage *s, arena *a, pg_stmt id, int64_t key, size_t size,
                       pg_row_reader read, void **items, size_t *count)
{
    pg_params p = {0};
    pg_param_int(&p, key);
    db_status st;
    PGresult *res = pg_run(s, id, &p, "load rows", &st);
    if (!res)
        return st;
    st = pg_read_rows(a, res, size, read, items, count);
    PQclear(res);
    return st;
}

/* Runs one statement per key in one round trip; out[i] holds key i's result (the caller clears
 * them). The parameter sets live in the arena: a list page can have a hundred. */
static db_status run_per_key(storage *s, arena *a, const pg_stmt *ids, const int64_t *keys, int n,
                             PGresult **out, const char *what)
{
    if (n == 0)
        return DB_NONE;
    pg_params *ps = arena_alloc(a, (size_t)n * sizeof *ps);
    if (!ps)
        return DB_HARD_ERROR;
    for (int i = 0; i < n; i++)
        pg_param_int(&ps[i], keys[i]);
    return pg_run_many(s, ids, ps, n, out, what);
}

void pg_clear_results(PGresult **res, int n)
{
    for (int i = 0; i < n; i++)
        PQclear(res[i]);
}

static void read_person_item(arena *a, const PGresult *res, int row, void *item)
{
    read_person(a, res, row, item);
}

static void read_team_item(arena *a, const PGresult *res, int row, void *item)
{
    team_member *m = item;
    m->org = pg_text(a, res, row, 0);
    m->org_name = pg_text(a, res, row, 1);
    m->user_id = pg_int(res, row, 2);
    m->expires_at = pg_int(res, row, 4);
    m->membership = pg_text(a, res, row, 3);
}

static void read_event_item(arena *a, const PGresult *res, int row, void *item)
{
    case_event *e = item;
    e->at = pg_text(a, res, row, 0);
    e->event = pg_text(a, res, row, 1);
    e->actor_username = pg_text(a, res, row, 2);
    e->actor_org = pg_text(a, res, row, 3);
    e->text = pg_text(a, res, row, 4);
    if (PQnfields(res) > 5) {
        e->case_id = pg_int(res, row, 5);
        e->case_reference = pg_text(a, res, row, 6);
    }
}

void pg_read_id_item(arena *a, const PGresult *res, int row, void *item)
{
    (void)a;
    *(int64_t *)item = pg_int(res, row, 0);
}

db_status pg_person_insert(storage *s, person_record *rec, const char *now)
{
    pg_params p = {0};
    pg_param_text(&p, rec->given_names);
    pg_param_text(&p, rec->surname_prefix ? rec->surname_prefix : "");
    pg_param_text(&p, rec->surname);
    pg_param_text(&p, rec->date_of_birth);
    pg_param_text(&p, rec->function ? rec->function : "");
    pg_param_text(&p, now);
    pg_param_text(&p, rec->employer_org ? rec->employer_org : "");
    db_status st;
    PGresult *res = pg_run(s, PG_PERSON_INSERT, &p, "person insert", &st);
    if (!res)
        return st;
    st = PQntuples(res) > 0 ? DB_ONE : DB_NONE;
    if (st == DB_ONE) {
        rec->id = pg_int(res, 0, 0);
        rec->version = 1;
    }
    PQclear(res);
    return st;
}

db_status pg_person_get(storage *s, arena *a, int64_t id, person_record *out)
{
    pg_params p = {0};
    pg_param_int(&p, id);
    db_status st;
    PGresult *res = pg_run(s, PG_PERSON_GET, &p, "person get", &st);
    if (!res)
        return st;
    st = PQntuples(res) > 0 ? DB_ONE : DB_NONE;
    if (st == DB_ONE)
        read_person(a, res, 0, out);
    PQclear(res);
    return st;
}

db_status pg_load_cases_with_teams(storage *s, arena *a, const int64_t *case_ids, int n,
                                   case_record *out)
{
    pg_stmt *ids = arena_alloc(a, (size_t)(2 * n + 1) * sizeof *ids);
    int64_t *keys = arena_alloc(a, (size_t)(2 * n + 1) * sizeof *keys);
    PGresult **res = arena_alloc(a, (size_t)(2 * n + 1) * sizeof *res);
    if (!ids || !keys || !res)
        return DB_HARD_ERROR;
    for (int i = 0; i < n; i++) {
        ids[2 * i] = PG_CASE_GET, ids[2 * i + 1] = PG_CASE_TEAM;
        keys[2 * i] = keys[2 * i + 1] = case_ids[i];
    }
    db_status st = run_per_key(s, a, ids, keys, 2 * n, res, "cases with teams");
    for (int i = 0; st >= 0 && i < n; i++) {
        if (PQntuples(res[2 * i]) > 0)
            pg_read_case_row(a, res[2 * i], 0, &out[i]);
        st = pg_read_rows(a, res[2 * i + 1], sizeof(team_member), read_team_item,
                          (void **)&out[i].team, &out[i].team_count);
    }
    pg_clear_results(res, 2 * n); /* NULLs where nothing ran */
    return st < 0 ? st : DB_NONE;
}

db_status pg_person_cases(storage *s, arena *a, int64_t person_id, case_record **cases,
                          size_t *count)
{
    int64_t *ids;
    size_t n;
    db_status st = pg_load_rows(s, a, PG_PERSON_CASE_IDS, person_id, sizeof *ids, pg_read_id_item,
                                (void **)&ids, &n);
    if (st < 0)
        return st;
    case_record *out = arena_alloc(a, (n ? n : 1) * sizeof *out);
    if (!out)
        return DB_HARD_ERROR;
    if ((st = pg_load_cases_with_teams(s, a, ids, (int)n, out)) < 0)
        return st;
    *cases = out;
    *count = n;
    return (db_status)n;
}

db_status pg_person_events(storage *s, arena *a, int64_t person_id, case_event **events,
                           size_t *count)
{
    return pg_load_rows(s, a, PG_PERSON_EVENTS, person_id, sizeof(case_event), read_event_item,
                        (void **)events, count);
}

/* The reference carries the referral year and the case id: unique and stable. */
static db_status set_reference(storage *s, arena *a, case_record *rec)
{
    char ref[32];
    snprintf(ref, sizeof ref, "SBP-%.4s-%06lld", rec->created_at, (long long)rec->id);
    pg_params p = {0};
    pg_param_int(&p, rec->id);
    pg_param_text(&p, ref);
    db_status st = pg_command(s, PG_CASE_SET_REFERENCE, &p, "case reference");
    if (st != DB_ONE)
        return st < 0 ? st : DB_HARD_ERROR;
    rec->reference = arena_strdup(a, ref);
    return rec->reference ? DB_ONE : DB_HARD_ERROR;
}

db_status pg_case_insert(storage *s, arena *a, case_record *rec)
{
    pg_params p = {0};
    pg_param_text(&p, rec->summary);
    pg_param_text(&p, phenomenon_name(rec->phenomenon));
    pg_param_bool(&p, rec->urgent);
    pg_param_text(&p, rec->source_details ? rec->source_details : "");
    pg_param_text(&p, rec->referring_org);
    pg_param_int(&p, rec->referred_by);
    pg_param_text(&p, rec->created_at);
    pg_param_text(&p, case_subject_name(rec->subject));
    db_status st;
    PGresult *res = pg_run(s, PG_CASE_INSERT, &p, "case insert", &st);
    if (!res)
        return st;
    bool inserted = PQntuples(res) > 0;
    if (inserted)
        rec->id = pg_int(res, 0, 0);
    PQclear(res);
    if (!inserted)
        return DB_HARD_ERROR;
    rec->version = 1;
    rec->status = STATUS_REFERRED;
    return set_reference(s, a, rec);
}

db_status pg_case_link_person(storage *s, int64_t case_id, int64_t person_id)
{
    pg_params p = {0};
    pg_param_int(&p, case_id);
    pg_param_int(&p, person_id);
    return pg_command(s, PG_CASE_LINK_PERSON, &p, "case link person");
}

db_status pg_case_team_add(storage *s, int64_t case_id, const team_member *m)
{
    pg_params p = {0};
    pg_param_int(&p, case_id);
    pg_param_text(&p, m->org);
    pg_param_int(&p, m->user_id);
    pg_param_text(&p, m->membership);
    pg_param_int(&p, m->expires_at);
    return pg_command(s, PG_CASE_TEAM_ADD, &p, "case team add");
}

db_status pg_case_event_add(storage *s, int64_t case_id, const case_event *e)
{
    pg_params p = {0};
    pg_param_int(&p, case_id);
    pg_param_text(&p, e->at);
    pg_param_text(&p, e->event);
    pg_param_text(&p, e->actor_username);
    pg_param_text(&p, e->actor_org);
    pg_param_text(&p, e->text ? e->text : "");
    return pg_command(s, PG_CASE_EVENT_ADD, &p, "case event add");
}

/* The whole case in one round trip: its row, persons, team and timeline are all keyed by id. */
db_status pg_case_get(storage *s, arena *a, int64_t id, case_record *out)
{
    static const pg_stmt ids[] = {PG_CASE_GET, PG_CASE_PERSONS, PG_CASE_TEAM, PG_CASE_EVENTS};
    const int64_t keys[] = {id, id, id, id};
    PGresult *res[4];
    db_status st = run_per_key(s, a, ids, keys, 4, res, "case get");
    if (st < 0)
        return st;
    st = PQntuples(res[0]) > 0 ? DB_ONE : DB_NONE;
    if (st == DB_ONE) {
        pg_read_case_row(a, res[0], 0, out);
        if (pg_read_rows(a, res[1], sizeof(person_record), read_person_item, (void **)&out->persons,
                         &out->person_count) < 0 ||
            pg_read_rows(a, res[2], sizeof(team_member), read_team_item, (void **)&out->team,
                         &out->team_count) < 0 ||
            pg_read_rows(a, res[3], sizeof(case_event), read_event_item, (void **)&out->events,
                         &out->event_count) < 0)
            st = DB_HARD_ERROR;
    }
    pg_clear_results(res, 4);
    return st;
}

db_status pg_case_update(storage *s, case_record *rec)
{
    pg_params p = {0};
    pg_param_int(&p, rec->id);
    pg_param_int(&p, rec->version);
    pg_param_text(&p, case_status_name(rec->status));
    pg_param_text(&p, case_domain_name(rec->domain));
    pg_param_text(&p, rec->authority_org);
    pg_param_bool(&p, rec->awaiting_information);
    pg_param_text(&p, rec->information_request);
    pg_param_text(&p, triage_outcome_name(rec->triage));
    pg_param_text(&p, rec->triage_district);
    pg_param_text(&p, rec->triage_reasoning);
    pg_param_text(&p, rec->triage_at);
    if (rec->triage_by)
        pg_param_int(&p, rec->triage_by);
    else
        pg_param_text(&p, NULL);
    pg_param_text(&p, rec->updated_at);
    /* Version-checked: under READ COMMITTED a concurrent update makes this wait, then re-check
     * the version on the committed row, so a stale writer changes nothing (DB_NONE). */
    db_status st = pg_command(s, PG_CASE_UPDATE, &p, "case update");
    if (st == DB_ONE)
        rec->version++;
    return st;
}

/* $1 status or NULL, $2 the viewer's organisation, $3 the viewer's user id, $4 the viewer's
 * now (break-glass members count until their end). */
static void list_params(pg_params *p, const case_query *q, const viewer *v)
{
    pg_param_text(p, q->status != STATUS_NONE ? case_status_name(q->status) : NULL);
    pg_param_text(p, v->org);
    pg_param_int(p, v->user_id);
    pg_param_int(p, v->now);
}

static db_status list_total(storage *s, const case_query *q, const viewer *v, access_scope scope,
                            int64_t *total)
{
    pg_params p = {0};
    list_params(&p, q, v);
    db_status st;
    PGresult *res = pg_run(s, (pg_stmt)(PG_CASE_COUNT + scope), &p, "list count", &st);
    if (!res)
        return st;
    *total = PQntuples(res) > 0 ? pg_int(res, 0, 0) : 0;
    PQclear(res);
    return DB_ONE;
}

static db_status list_page(storage *s, arena *a, const case_query *q, const viewer *v,
                           access_scope scope, case_record **cases, size_t *count)
{
    pg_params p = {0};
    list_params(&p, q, v);
    pg_param_int(&p, q->per_page);
    pg_param_int(&p, (q->page - 1) * q->per_page);
    /* As in the SQLite backend, an unknown sort falls back to the reference order. */
    int sort = (unsigned)q->sort < PG_SORTS ? (int)q->sort : SORT_REFERENCE;
    pg_stmt id = (pg_stmt)(PG_CASE_PAGE + scope * PG_SORTS + sort);
    db_status st;
    PGresult *res = pg_run(s, id, &p, "list", &st);
    if (!res)
        return st;
    int n = PQntuples(res);
    case_record *out = arena_alloc(a, (size_t)(n ? n : 1) * sizeof *out);
    for (int i = 0; out && i < n; i++)
        pg_read_case_row(a, res, i, &out[i]);
    PQclear(res);
    if (!out)
        return DB_HARD_ERROR;
    *cases = out;
    *count = (size_t)n;
    return n;
}

/* The persons of every case of a page, in one round trip. */
static db_status load_page_persons(storage *s, arena *a, case_record *cases, int n)
{
    pg_stmt *ids = arena_alloc(a, (size_t)(n + 1) * sizeof *ids);
    int64_t *keys = arena_alloc(a, (size_t)(n + 1) * sizeof *keys);
    PGresult **res = arena_alloc(a, (size_t)(n + 1) * sizeof *res);
    if (!ids || !keys || !res)
        return DB_HARD_ERROR;
    for (int i = 0; i < n; i++)
        ids[i] = PG_CASE_PERSONS, keys[i] = cases[i].id;
    db_status st = run_per_key(s, a, ids, keys, n, res, "list persons");
    for (int i = 0; st >= 0 && i < n; i++)
        st = pg_read_rows(a, res[i], sizeof(person_record), read_person_item,
                          (void **)&cases[i].persons, &cases[i].person_count);
    pg_clear_results(res, n); /* NULLs where nothing ran */
    return st < 0 ? st : DB_NONE;
}

db_status pg_case_list(storage *s, arena *a, const case_query *q, const viewer *v,
                       access_scope scope, case_record **cases, size_t *count, int64_t *total)
{
    if ((unsigned)scope >= PG_SCOPES)
        scope = SCOPE_NONE; /* an unknown scope sees nothing, as in the SQLite backend */
    db_status st = list_total(s, q, v, scope, total);
    if (st < 0 || (st = list_page(s, a, q, v, scope, cases, count)) < 0 ||
        (st = load_page_persons(s, a, *cases, (int)*count)) < 0)
        return st;
    return (db_status)*count;
}

/* pg_objects: protected objects (embassies, courts, a protected person's residence) and services
 * (events, functions) on PostgreSQL (docs/DECISIONS.md, "Objects and services"). Each belongs to
 * a case and is seen through it: the lists apply the case_list scope (pg_internal.h) to that
 * case. Strings are copied into the caller's arena; every PGresult is cleared before returning. */
#include "storage/postgres/pg_internal.h"

#include <string.h>

#define OBJECT_COLUMNS                                                                             \
    "o.id, o.kind, o.name, o.address, o.municipality, o.district, o.national_list, o.person_id, "  \
    "o.case_id, c.reference, o.created_at, o.version"
#define OBJECT_FROM " FROM objects o JOIN cases c ON c.id = o.case_id "

#define SERVICE_COLUMNS                                                                            \
    "v.id, v.name, v.venue, v.starts_on, v.ends_on, v.municipality, v.district, v.national_list, " \
    "v.case_id, c.reference, v.created_at, v.version"
#define SERVICE_FROM " FROM services v JOIN cases c ON c.id = v.case_id "

/* The lists of one scope over the case c: $1 the viewer's organisation, $2 user id, $3 now; the
 * page adds $4 limit and $5 offset. By name (bytewise, as SQLite compares), then id. */
#define TEAM_SCOPE PG_TEAM_SQL("c", "$1::text", "$2::bigint", "$3::bigint")
#define TEAM_OR_REFERRED_SCOPE PG_TEAM_OR_REFERRED_SQL("c", "$1::text", "$2::bigint", "$3::bigint")
#define COUNT_SQL(from, visible) "SELECT count(*)" from "WHERE " visible
#define PAGE_SQL(columns, from, t, visible)                                                        \
    "SELECT " columns from "WHERE " visible " ORDER BY " t ".name, " t ".id "                      \
    "LIMIT $4::bigint OFFSET $5::bigint"

const char *const pg_object_sql[PG_STMT__COUNT] = {
    [PG_OBJECT_INSERT] = "INSERT INTO objects(kind, name, address, municipality, district, "
                         "national_list, person_id, case_id, created_at) VALUES ($1, $2, $3, $4, "
                         "$5, $6, $7, $8, $9) RETURNING id",
    [PG_OBJECT_GET] = "SELECT " OBJECT_COLUMNS OBJECT_FROM "WHERE o.id = $1",
    [PG_OBJECT_LIST_CASE] =
        "SELECT " OBJECT_COLUMNS OBJECT_FROM "WHERE o.case_id = $1 ORDER BY o.id",
    [PG_OBJECT_COUNT + SCOPE_TEAM] = COUNT_SQL(OBJECT_FROM, TEAM_SCOPE),
    [PG_OBJECT_COUNT + SCOPE_TEAM_OR_REFERRED] = COUNT_SQL(OBJECT_FROM, TEAM_OR_REFERRED_SCOPE),
    [PG_OBJECT_PAGE + SCOPE_TEAM] = PAGE_SQL(OBJECT_COLUMNS, OBJECT_FROM, "o", TEAM_SCOPE),
    [PG_OBJECT_PAGE + SCOPE_TEAM_OR_REFERRED] =
        PAGE_SQL(OBJECT_COLUMNS, OBJECT_FROM, "o", TEAM_OR_REFERRED_SCOPE),
    [PG_SERVICE_INSERT] = "INSERT INTO services(name, venue, starts_on, ends_on, municipality, "
                          "district, national_list, case_id, created_at) VALUES ($1, $2, $3, $4, "
                          "$5, $6, $7, $8, $9) RETURNING id",
    [PG_SERVICE_GET] = "SELECT " SERVICE_COLUMNS SERVICE_FROM "WHERE v.id = $1",
    [PG_SERVICE_BY_CASE] =
        "SELECT " SERVICE_COLUMNS SERVICE_FROM "WHERE v.case_id = $1 ORDER BY v.id LIMIT 1",
    [PG_SERVICE_COUNT + SCOPE_TEAM] = COUNT_SQL(SERVICE_FROM, TEAM_SCOPE),
    [PG_SERVICE_COUNT + SCOPE_TEAM_OR_REFERRED] = COUNT_SQL(SERVICE_FROM, TEAM_OR_REFERRED_SCOPE),
    [PG_SERVICE_PAGE + SCOPE_TEAM] = PAGE_SQL(SERVICE_COLUMNS, SERVICE_FROM, "v", TEAM_SCOPE),
    [PG_SERVICE_PAGE + SCOPE_TEAM_OR_REFERRED] =
        PAGE_SQL(SERVICE_COLUMNS, SERVICE_FROM, "v", TEAM_OR_REFERRED_SCOPE),
};

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* What a scoped list reads: the statements of its scopes, and how to read one row. */
typedef struct scoped_list {
    pg_stmt count_base, page_base; /* + scope */
    size_t size;
    pg_row_reader read;
    const char *what;
} scoped_list;

/* A page of a scoped list: the total and the rows in one round trip. SCOPE_NONE sees no case and
 * so nothing, answered without a query. */
static db_status scoped_page(storage *s, arena *a, const scoped_list *l, const viewer *v,
                             access_scope scope, int64_t page, int64_t per_page, void **out,
                             size_t *count, int64_t *total)
{
    *out = NULL;
    *count = 0;
    *total = 0;
    if (scope != SCOPE_TEAM && scope != SCOPE_TEAM_OR_REFERRED)
        return DB_NONE;
    const pg_stmt ids[] = {(pg_stmt)(l->count_base + scope), (pg_stmt)(l->page_base + scope)};
    pg_params ps[2] = {{0}, {0}};
    for (int i = 0; i < 2; i++) {
        pg_param_text(&ps[i], v->org ? v->org : "");
        pg_param_int(&ps[i], v->user_id);
        pg_param_int(&ps[i], v->now);
    }
    pg_param_int(&ps[1], per_page);
    pg_param_int(&ps[1], (page > 1 ? page - 1 : 0) * per_page);
    PGresult *res[2];
    db_status st = pg_run_many(s, ids, ps, 2, res, l->what);
    if (st < 0)
        return st;
    *total = PQntuples(res[0]) > 0 ? pg_int(res[0], 0, 0) : 0;
    st = pg_read_rows(a, res[1], l->size, l->read, out, count);
    pg_clear_results(res, 2);
    return st;
}

/* ---- objects ---- */

static void read_object(arena *a, const PGresult *res, int row, void *item)
{
    object_record *o = item;
    memset(o, 0, sizeof *o);
    o->id = pg_int(res, row, 0);
    o->kind = object_kind_parse(pg_raw(res, row, 1));
    o->name = pg_text(a, res, row, 2);
    o->address = pg_text(a, res, row, 3);
    o->municipality = pg_text(a, res, row, 4);
    o->district = pg_text(a, res, row, 5);
    o->national_list = pg_bool(res, row, 6);
    o->person_id = pg_int(res, row, 7);
    o->case_id = pg_int(res, row, 8);
    o->case_reference = pg_text(a, res, row, 9);
    o->created_at = pg_text(a, res, row, 10);
    o->version = pg_int(res, row, 11);
}

db_status pg_object_insert(storage *s, object_record *o)
{
    pg_params p = {0};
    pg_param_text(&p, object_kind_name(o->kind));
    pg_param_text(&p, o->name);
    pg_param_text(&p, o->address);
    pg_param_text(&p, or_empty(o->municipality));
    pg_param_text(&p, or_empty(o->district));
    pg_param_bool(&p, o->national_list);
    pg_param_id_or_null(&p, o->person_id);
    pg_param_int(&p, o->case_id);
    pg_param_text(&p, o->created_at);
    int64_t id = 0;
    db_status st = pg_insert_id(s, PG_OBJECT_INSERT, &p, "object insert", &id);
    if (st != DB_ONE)
        return st < 0 ? st : DB_HARD_ERROR;
    o->id = id;
    o->version = 1;
    return DB_ONE;
}

db_status pg_object_get(storage *s, arena *a, int64_t id, object_record *out)
{
    return pg_load_one(s, a, PG_OBJECT_GET, id, read_object, out, "object get");
}

db_status pg_object_list(storage *s, arena *a, const viewer *v, access_scope scope, int64_t page,
                         int64_t per_page, object_record **out, size_t *count, int64_t *total)
{
    static const scoped_list l = {PG_OBJECT_COUNT, PG_OBJECT_PAGE, sizeof(object_record),
                                  read_object, "object list"};
    return scoped_page(s, a, &l, v, scope, page, per_page, (void **)out, count, total);
}

db_status pg_object_list_case(storage *s, arena *a, int64_t case_id, object_record **out,
                              size_t *count)
{
    return pg_load_rows(s, a, PG_OBJECT_LIST_CASE, case_id, sizeof(object_record), read_object,
                        (void **)out, count);
}

/* ---- services ---- */

static void read_service(arena *a, const PGresult *res, int row, void *item)
{
    service_record *sv = item;
    memset(sv, 0, sizeof *sv);
    sv->id = pg_int(res, row, 0);
    sv->name = pg_text(a, res, row, 1);
    sv->venue = pg_text(a, res, row, 2);
    sv->starts_at = pg_text(a, res, row, 3);
    sv->ends_at = pg_text(a, res, row, 4);
    sv->municipality = pg_text(a, res, row, 5);
    sv->district = pg_text(a, res, row, 6);
    sv->national_list = pg_bool(res, row, 7);
    sv->case_id = pg_int(res, row, 8);
    sv->case_reference = pg_text(a, res, row, 9);
    sv->created_at = pg_text(a, res, row, 10);
    sv->version = pg_int(res, row, 11);
}

db_status pg_service_insert(storage *s, service_record *sv)
{
    pg_params p = {0};
    pg_param_text(&p, sv->name);
    pg_param_text(&p, sv->venue);
    pg_param_text(&p, sv->starts_at);
    pg_param_text(&p, sv->ends_at);
    pg_param_text(&p, or_empty(sv->municipality));
    pg_param_text(&p, or_empty(sv->district));
    pg_param_bool(&p, sv->national_list);
    pg_param_int(&p, sv->case_id);
    pg_param_text(&p, sv->created_at);
    int64_t id = 0;
    db_status st = pg_insert_id(s, PG_SERVICE_INSERT, &p, "service insert", &id);
    if (st != DB_ONE)
        return st < 0 ? st : DB_HARD_ERROR;
    sv->id = id;
    sv->version = 1;
    return DB_ONE;
}

db_status pg_service_get(storage *s, arena *a, int64_t id, service_record *out)
{
    return pg_load_one(s, a, PG_SERVICE_GET, id, read_service, out, "service get");
}

db_status pg_service_list(storage *s, arena *a, const viewer *v, access_scope scope, int64_t page,
                          int64_t per_page, service_record **out, size_t *count, int64_t *total)
{
    static const scoped_list l = {PG_SERVICE_COUNT, PG_SERVICE_PAGE, sizeof(service_record),
                                  read_service, "service list"};
    return scoped_page(s, a, &l, v, scope, page, per_page, (void **)out, count, total);
}

db_status pg_service_by_case(storage *s, arena *a, int64_t case_id, service_record *out)
{
    return pg_load_one(s, a, PG_SERVICE_BY_CASE, case_id, read_service, out, "service by case");
}

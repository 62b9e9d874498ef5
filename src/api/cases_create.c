/* cases_create: POST /api/v1/cases, a partner refers a threatened person. The case, its persons,
 * the referring organisation's team membership, the first timeline event and the audit entry
 * are written in one transaction. */
#include "api/api.h"

#include "core/access.h"
#include "core/validate.h"

#include <stdio.h>

static const char *const phenomena[] = {"organised_crime",
                                        "state_threat",
                                        "terrorism_extremism",
                                        "lone_actor",
                                        "activism",
                                        "other",
                                        NULL};

static const field_spec case_fields[] = {
    {"summary", FIELD_TEXT_LONG, true, 1, MAX_SUMMARY_LEN, NULL},
    {"phenomenon", FIELD_ENUM, true, 0, 0, phenomena},
    {"urgent", FIELD_BOOL, true, 0, 0, NULL},
    {"source_details", FIELD_TEXT_LONG, false, 0, MAX_TEXT_LEN, NULL},
    {"persons", FIELD_ARRAY, true, 1, MAX_CASE_PERSONS, NULL},
};

static const field_spec new_person_fields[] = {
    {"person_id", FIELD_INT, false, 1, INT64_MAX, NULL},
    {"given_names", FIELD_TEXT, true, 1, MAX_NAME_LEN, NULL},
    {"surname_prefix", FIELD_TEXT, false, 0, MAX_PREFIX_LEN, NULL},
    {"surname", FIELD_TEXT, true, 1, MAX_NAME_LEN, NULL},
    {"date_of_birth", FIELD_DATE, true, 0, 0, NULL},
    {"function", FIELD_TEXT, false, 0, MAX_NAME_LEN, NULL},
    /* an organisation code of the register (checked against storage): conflicts of interest */
    {"employer_org", FIELD_TEXT, false, 2, 64, NULL},
};

static const field_spec linked_person_fields[] = {
    {"person_id", FIELD_INT, true, 1, INT64_MAX, NULL},
};

enum { EARLIEST_BIRTH_YEAR = 1900 };

/* A date of birth must lie between 1900-01-01 and today. */
static void check_birth_date(validation *v, const char *path, const char *dob, int64_t today)
{
    int64_t days;
    if (!date_parse(dob, &days))
        return; /* already reported by the field table */
    if (days > today)
        validation_add(v, path, "must not be in the future");
    else if (days < days_from_civil(EARLIEST_BIRTH_YEAR, 1, 1))
        validation_add(v, path, "must not be before 1900-01-01");
}

static void validate_persons(validation *v, json_t *persons, int64_t today)
{
    size_t i;
    json_t *p;
    json_array_foreach(persons, i, p)
    {
        char prefix[32], path[64];
        snprintf(prefix, sizeof prefix, "persons[%zu]", i);
        if (!json_is_object(p)) {
            validation_add(v, prefix, "must be an object");
            continue;
        }
        if (json_object_get(p, "person_id")) {
            validation_check(v, p, linked_person_fields, 1, prefix);
            continue;
        }
        validation_check(v, p, new_person_fields,
                         sizeof new_person_fields / sizeof new_person_fields[0], prefix);
        snprintf(path, sizeof path, "%s.date_of_birth", prefix);
        check_birth_date(v, path, json_text(p, "date_of_birth"), today);
    }
}

void cases_create_validate(json_t *body, int64_t today, validation *v)
{
    validation_check(v, body, case_fields, sizeof case_fields / sizeof case_fields[0], "");
    json_t *persons = json_object_get(body, "persons");
    if (json_is_array(persons))
        validate_persons(v, persons, today);
}

typedef struct create_ctx {
    request *r;
    json_t *body;
    case_record c;
    int64_t unknown_person;       /* a linked person the viewer may not see (or that is missing) */
    const char *unknown_employer; /* an employer_org that is not in the register */
    size_t unknown_employer_index;
} create_ctx;

/* Whether the viewer may see at least one case of an existing person. */
static db_status person_linkable(storage *s, create_ctx *k, int64_t person_id)
{
    case_record *cases;
    size_t n;
    db_status st = s->ops->person_cases(s, &k->r->arena, person_id, &cases, &n);
    if (st < 0)
        return st;
    for (size_t i = 0; i < n; i++)
        if (access_case_visible(&k->r->viewer, &cases[i]))
            return DB_ONE;
    return DB_NONE;
}

/* Whether an employer (when given) is an organisation of the register. */
static db_status employer_known(storage *s, create_ctx *k, const char *code)
{
    if (!code || !*code)
        return DB_ONE;
    org_row org;
    db_status st = s->ops->org_get(s, &k->r->arena, code, &org);
    if (st == DB_NONE)
        k->unknown_employer = code;
    return st;
}

static db_status add_person(storage *s, create_ctx *k, json_t *p)
{
    person_record rec = {0};
    json_t *id = json_object_get(p, "person_id");
    db_status st;
    if (id) {
        rec.id = json_integer_value(id);
        if ((st = person_linkable(s, k, rec.id)) <= 0) {
            k->unknown_person = rec.id;
            return st < 0 ? st : DB_REFUSED;
        }
    } else {
        rec.given_names = json_text(p, "given_names");
        rec.surname_prefix = json_text(p, "surname_prefix");
        rec.surname = json_text(p, "surname");
        rec.date_of_birth = json_text(p, "date_of_birth");
        rec.function = json_text(p, "function");
        rec.employer_org = json_text(p, "employer_org");
        if ((st = employer_known(s, k, rec.employer_org)) <= 0)
            return st < 0 ? st : DB_REFUSED;
        if ((st = s->ops->person_insert(s, &rec, k->r->now)) < 0)
            return st;
    }
    return s->ops->case_link_person(s, k->c.id, rec.id);
}

static db_status create_body(storage *s, void *arg)
{
    create_ctx *k = arg;
    request *r = k->r;
    k->c = (case_record){
        .summary = json_text(k->body, "summary"),
        .phenomenon = phenomenon_parse(json_text(k->body, "phenomenon")),
        .urgent = json_flag(k->body, "urgent"),
        .source_details = json_text(k->body, "source_details"),
        .referring_org = r->viewer.org,
        .referred_by = r->viewer.user_id,
        .created_at = r->now,
    };
    db_status st = s->ops->case_insert(s, &r->arena, &k->c);
    if (st < 0)
        return st;
    size_t i;
    json_t *p;
    k->unknown_employer = NULL;
    json_array_foreach(json_object_get(k->body, "persons"), i, p)
    {
        k->unknown_employer_index = i;
        if ((st = add_person(s, k, p)) < 0)
            return st;
    }
    team_member referrer = {.org = r->viewer.org, .membership = "referrer"};
    if ((st = s->ops->case_team_add(s, k->c.id, &referrer)) < 0)
        return st;
    case_event ev = {.at = r->now,
                     .event = "referred",
                     .actor_username = r->viewer.username,
                     .actor_org = r->viewer.org,
                     .text = k->c.urgent ? "spoed" : ""};
    if ((st = s->ops->case_event_add(s, k->c.id, &ev)) < 0)
        return st;
    /* Read back first, so the audit chain's lock (PostgreSQL) is held only until the commit. */
    int64_t id = k->c.id;
    if ((st = s->ops->case_get(s, &r->arena, id, &k->c)) <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    audit_entry e = api_audit_entry(r, "case.create", "case", id, "ok");
    return s->ops->audit_append(s, &e, 1);
}

void api_cases_create(request *r)
{
    if (!access_may_refer(r->viewer.role)) {
        api_deny_forbidden(r, "case.create", "case", 0, NULL);
        return;
    }
    json_t *body;
    if (!api_body(r, &body))
        return;
    validation v;
    validation_init(&v);
    cases_create_validate(body, clock_today_days(r->now_ms), &v);
    if (api_valid(r, &v)) {
        create_ctx k = {.r = r, .body = body};
        db_status st = storage_transact(r->app->db, TX_WRITE, create_body, &k);
        if (st == DB_REFUSED && k.unknown_employer) {
            char field[64];
            snprintf(field, sizeof field, "persons[%zu].employer_org", k.unknown_employer_index);
            json_t *errors = json_array();
            json_array_append_new(errors, json_pack("{s:s, s:s}", "field", field, "message",
                                                    "is not an organisation of the register"));
            reply_problem_errors(r, ERR_VALIDATION_FAILED, "Unknown employer", errors);
        } else if (st == DB_REFUSED) {
            json_t *errors = json_array();
            json_t *e = json_object();
            json_object_set_new(e, "field", json_string("persons"));
            json_object_set_new(e, "message", json_string("names a person that was not found"));
            json_array_append_new(errors, e);
            reply_problem_errors(r, ERR_VALIDATION_FAILED, "Unknown person", errors);
        } else if (st < 0) {
            reply_storage_failure(r, st);
        } else {
            reply_json(r, 201, case_to_json(&k.c, true));
        }
    }
    validation_clear(&v);
    json_decref(body);
}

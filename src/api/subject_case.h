/* subject_case: the own case of an object or service (docs/DECISIONS.md, "Objects and services").
 * It starts in status assessment, without a referral and triage of its own: registering the
 * object is that decision. Local: the mayor's municipality is the authority and the district's
 * police unit the threat analysis function; national list: the NCTV with the AIVD and the
 * Landelijke Eenheid. The registering organisation joins as referrer. Shared by objects.c,
 * services.c and the case read (cases_get.c). */
#ifndef SCHILD_SUBJECT_CASE_H
#define SCHILD_SUBJECT_CASE_H

#include "api/api.h"

/* Where an object or service lies: a municipality (organisation of kind municipality with a
 * district) or the national list. */
typedef struct subject_place {
    bool national_list;
    const char *municipality; /* org code; "" for the national list */
    const char *district;     /* the municipality's district; "" for the national list */
} subject_place;

/* Why a registration was refused inside its transaction (answered as 422). */
typedef struct subject_refusal {
    const char *field;
    const char *message;
} subject_refusal;

/* Who registers objects and services: referrers, triage and the authorities. */
bool subject_may_register(role r);

/* The place rules of a body: "municipality" (an organisation code) or "national_list": true,
 * exactly one; with optional (a person's residence or office) neither is needed. */
void subject_place_validate(json_t *body, bool optional, validation *v);

/* Checks the body's "municipality" (when given) against the organisation register and fills
 * *place. DB_REFUSED with *why when it is not a municipality with a district. */
db_status subject_place_load(storage *s, request *r, json_t *body, subject_place *place,
                             subject_refusal *why);

/* Creates the own case (subject object or service) in the current write transaction: case row,
 * status assessment with domain and authority, the team, and the timeline event (event, with
 * text). *out holds the new case's id and reference. */
db_status subject_case_create(storage *s, request *r, case_subject subject, const char *summary,
                              const subject_place *place, const char *event, const char *text,
                              case_record *out);

/* The newest case (not closed) of the person that the viewer sees, for a residence or office
 * linked to a protected person; DB_NONE when there is none. */
db_status subject_person_case(storage *s, request *r, int64_t person_id, case_record *out);

/* Answers the refusal as 422 with one field error. */
void subject_reply_refusal(request *r, const subject_refusal *why);

/* "ids=3,5,8": which records a list disclosed, for its audit entry. */
const char *subject_disclosed_ids(request *r, const int64_t *ids, size_t count);

/* "page" and "per_page" of a list; answers 400 itself and returns false when invalid. */
bool subject_page_query(request *r, int64_t *page, int64_t *per_page);

/* Adds "object" or "service" to the JSON of an object or service case (its own object or
 * service; a read transaction of its own). Persons cases are left as they are. Answers a
 * storage failure itself and returns false. */
bool subject_case_add_json(request *r, const case_record *c, json_t *out);

/* How one kind (object, service) is read: subject_read_one answers GET /<kind>s/{id}, visible
 * through its case, subject_read_page a page of those of visible cases; both audited. */
typedef struct subject_kind_api {
    const char *name;        /* audit object type: "object", "service" */
    const char *read_action; /* "object.read" */
    const char *list_action; /* "object.list" */
    size_t record_size;      /* of object_record / service_record */
    db_status (*get)(storage *s, request *r, int64_t id, void *rec);
    db_status (*list)(storage *s, request *r, int64_t page, int64_t per_page, void **items,
                      size_t *count, int64_t *total);
    int64_t (*case_of)(const void *rec);
    int64_t (*id_of)(const void *rec);
    json_t *(*to_json)(const void *rec);
} subject_kind_api;

void subject_read_one(request *r, const subject_kind_api *kind);
void subject_read_page(request *r, const subject_kind_api *kind);

/* The JSON of an object and of a service. */
json_t *object_to_json(const object_record *o);
json_t *service_to_json(const service_record *sv);

#endif

/* domain: Schild's vocabulary as types. Roles, statuses, domains, phenomena, districts and the
 * records that flow between storage, the pure rules and the HTTP layer. No I/O lives here. */
#ifndef SCHILD_DOMAIN_H
#define SCHILD_DOMAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum role {
    ROLE_NONE = -1,
    ROLE_REFERRER,
    ROLE_TRIAGE,
    ROLE_ANALYST,
    ROLE_AUTHORITY,
    ROLE_COORDINATOR,
    ROLE_UNIT_LEAD,
    ROLE_CARE,
    ROLE_PRIVACY_OFFICER,
    ROLE_INSPECTOR,
    ROLE_ADMIN,
    ROLE__COUNT
} role;

typedef enum case_status {
    STATUS_NONE = -1,
    STATUS_REFERRED,
    STATUS_ASSESSMENT,
    STATUS_DECISION,
    STATUS_PROTECTION,
    STATUS_CLOSED,
    STATUS__COUNT
} case_status;

typedef enum case_domain { DOMAIN_NONE = 0, DOMAIN_NATIONAL, DOMAIN_LOCAL } case_domain;

typedef enum phenomenon {
    PHENOMENON_NONE = -1,
    PHENOMENON_ORGANISED_CRIME,
    PHENOMENON_STATE_THREAT,
    PHENOMENON_TERRORISM_EXTREMISM,
    PHENOMENON_LONE_ACTOR,
    PHENOMENON_ACTIVISM,
    PHENOMENON_OTHER,
    PHENOMENON__COUNT
} phenomenon;

/* What a case protects: persons (a referral), an object, or a service (event, function). */
typedef enum case_subject {
    CASE_SUBJECT_PERSONS,
    CASE_SUBJECT_OBJECT,
    CASE_SUBJECT_SERVICE
} case_subject;

typedef enum triage_outcome {
    TRIAGE_NONE = -1,
    TRIAGE_NATIONAL,
    TRIAGE_LOCAL,
    TRIAGE_NO_MEASURES,
    TRIAGE_MORE_INFORMATION,
    TRIAGE__COUNT
} triage_outcome;

/* The index of s in names[0..count) (NULL-safe), -1 when absent: the parsers' one lookup. */
int vocab_index(const char *const *names, int count, const char *s);

/* Name <-> enum. Parsers answer the NONE value for an unknown name. */
const char *role_name(role r);
role role_parse(const char *s);
const char *role_label_nl(role r);
const char *case_status_name(case_status s);
case_status case_status_parse(const char *s);
const char *case_domain_name(case_domain d); /* NULL for DOMAIN_NONE */
case_domain case_domain_parse(const char *s);
const char *phenomenon_name(phenomenon p);
phenomenon phenomenon_parse(const char *s);
const char *triage_outcome_name(triage_outcome t);
triage_outcome triage_outcome_parse(const char *s);

/* The eleven OM districts ("amsterdam", ...), NULL-terminated so that validators use the list
 * as their enum values; DISTRICT_COUNT excludes the NULL. district_valid checks membership. */
extern const char *const DISTRICTS[];
extern const size_t DISTRICT_COUNT;
bool district_valid(const char *district);

/* Who is asking: the authenticated principal of a request. */
typedef struct viewer {
    int64_t user_id;
    const char *username;
    const char *display_name;
    role role;
    const char *org; /* organisation code */
    /* Unix seconds of the request: a time-limited team membership (break-glass) counts until
     * then. Set where a request's viewer is built; 0 for the CLI and demo, which only ever
     * create permanent members. */
    int64_t now;
} viewer;

typedef struct person_record {
    int64_t id;
    const char *given_names;
    const char *surname_prefix; /* "" when none */
    const char *surname;
    const char *date_of_birth; /* YYYY-MM-DD */
    const char *function;      /* "" when none */
    const char *employer_org;  /* organisation code of the employer, "" when none or unknown */
    int64_t version;
} person_record;

typedef struct team_member {
    const char *org; /* organisation code */
    const char *org_name;
    int64_t user_id;        /* 0 when the whole organisation is on the team */
    const char *membership; /* "referrer", "authority", ..., "break_glass" */
    int64_t expires_at;     /* unix seconds; 0: permanent (all but break-glass grants) */
} team_member;

typedef struct case_event {
    const char *at;
    const char *event;
    const char *actor_username;
    const char *actor_org;
    const char *text;
    int64_t case_id;
    const char *case_reference;
} case_event;

typedef struct case_record {
    int64_t id;
    const char *reference;
    case_status status;
    case_domain domain;
    const char *authority_org; /* NULL before triage */
    const char *authority_name;
    const char *summary;
    phenomenon phenomenon;
    bool urgent;
    const char *source_details;
    const char *referring_org;
    const char *referring_org_name;
    int64_t referred_by;
    bool awaiting_information;
    const char *information_request;
    triage_outcome triage;
    const char *triage_district;
    const char *triage_reasoning;
    const char *triage_at;
    const char *triage_by_username;
    int64_t triage_by;
    const char *created_at;
    const char *updated_at;
    case_subject subject; /* persons (default), object or service (docs/DECISIONS.md) */
    int64_t version;
    size_t person_count;
    person_record *persons;
    size_t team_count;
    team_member *team;
    size_t event_count;
    case_event *events;
} case_record;

enum {
    MAX_CASE_PERSONS = 20,
    MAX_SUMMARY_LEN = 2000,
    MAX_TEXT_LEN = 4000,
    MAX_NAME_LEN = 200,
    MAX_PREFIX_LEN = 40,
    MAX_USERNAME_LEN = 64,
    MAX_PASSWORD_LEN = 1024,
    MIN_PASSWORD_LEN = 12,
    MAX_PAGE_SIZE = 100,
    DEFAULT_PAGE_SIZE = 25,
};

#endif

/* decision: the vocabulary and pure rules of the authority's decisions (docs/DECISIONS.md). The
 * measures catalogue with its labels, executors and capacity; the packages per resistance level;
 * whether a decision may be taken (valid assessment, urgent provisional decisions, category I of
 * the limitative list, deviation from the proposal, the package, exclusivity); the execution
 * states of a measure; the "staying current" flags; conflicts of interest of the authority. No
 * I/O: settings arrive as a struct (decision_config) and every answer depends on the arguments. */
#ifndef SCHILD_DECISION_H
#define SCHILD_DECISION_H

#include "core/daf.h"
#include "core/domain.h"
#include "core/error.h"

#include <stdbool.h>
#include <stdint.h>

typedef enum measure_type {
    MEASURE_NONE = -1,
    /* person-oriented and general measures (domain.md Part 2 §3) */
    MEASURE_SECURITY_ADVICE,
    MEASURE_OBE_MEASURES,
    MEASURE_ALARM_PRIORITY_RESPONSE,
    MEASURE_DATA_SHIELDING,
    MEASURE_SURVEILLANCE_ATTENTION,
    MEASURE_CAMERA_MONITORING,
    MEASURE_STATIC_GUARDING,
    MEASURE_ESCORT,
    MEASURE_CLOSE_PROTECTION,
    MEASURE_HIGH_RISK_CLOSE_PROTECTION,
    MEASURE_RELOCATION,
    MEASURE_THREATENER_ACTION,
    /* minimum supervision standards for objects (circulaire 2013, Bijlage 4) */
    MEASURE_POLICE_ATTENTION,
    MEASURE_DYNAMIC_SUPERVISION,
    MEASURE_INTENSIFIED_MOBILE_SUPERVISION,
    MEASURE_COMBINED_SUPERVISION,
    MEASURE_PERMANENT_SUPERVISION_A,
    MEASURE_PERMANENT_SUPERVISION_B,
    MEASURE__COUNT
} measure_type;

typedef enum measure_status {
    MSTATUS_NONE = -1,
    MSTATUS_PLANNED,
    MSTATUS_ACTIVE,
    MSTATUS_SUSPENDED,
    MSTATUS_ENDED,
    MSTATUS__COUNT
} measure_status;

/* What a decision rests on. */
typedef enum decision_basis {
    BASIS_NONE = -1,
    BASIS_ASSESSMENT, /* a final, unexpired DI, DA or RA */
    BASIS_URGENT,     /* provisional: a final dreigingsmelding or IRD, to be confirmed */
    BASIS_CATEGORY_I, /* the standard package of category I of the limitative list */
    BASIS__COUNT
} decision_basis;

typedef enum decision_status {
    DSTATUS_NONE = -1,
    DSTATUS_IN_FORCE,
    DSTATUS_SUPERSEDED, /* a later decision replaced it */
    DSTATUS_ENDED,      /* protection ended */
    DSTATUS__COUNT
} decision_status;

typedef enum object_kind {
    OBJECT_KIND_NONE = -1,
    OBJECT_RESIDENCE,
    OBJECT_OFFICE,
    OBJECT_EMBASSY,
    OBJECT_COURT,
    OBJECT_GOVERNMENT_BUILDING,
    OBJECT_OTHER,
    OBJECT_KIND__COUNT
} object_kind;

const char *measure_type_name(measure_type t);
measure_type measure_type_parse(const char *s);
const char *measure_status_name(measure_status s);
measure_status measure_status_parse(const char *s);
const char *decision_basis_name(decision_basis b);
const char *decision_status_name(decision_status s);
decision_status decision_status_parse(const char *s);
const char *case_subject_name(case_subject s);
const char *object_kind_name(object_kind k);
object_kind object_kind_parse(const char *s);

/* ---- the catalogue ---- */

enum { MEASURE_MAX_EXECUTOR_KINDS = 4 };

typedef struct measure_info {
    measure_type type;
    const char *label_nl, *label_en;
    bool person_oriented; /* falls under exclusivity; not on object or service cases */
    bool object_standard; /* a minimum supervision standard (objects and services) */
    /* organisation kinds (orgs.h) whose units typically execute it, NULL-terminated; the
     * decision form proposes these, any police or kmar organisation may be chosen */
    const char *executor_kinds[MEASURE_MAX_EXECUTOR_KINDS];
    const char *typical_executor; /* e.g. "politie-le" (DKDB); "" when regional police */
    /* capacity demanded of the coordination centre */
    int posts;                 /* people on post at once (0: none continuous) */
    const char *qualification; /* e.g. "persoonsbeveiliger", "" when none */
    int hours_per_day;         /* 0..24 */
    const char *frequency;     /* object standards: "4x per jaar", "1x per uur", ... ; "" */
} measure_info;

/* The catalogue entry of t (NULL for MEASURE_NONE or out of range). */
const measure_info *measure_info_of(measure_type t);

/* ---- records ---- */

typedef struct measure_record {
    int64_t id;
    int64_t decision_id; /* the decision that ordered it (a later decision may continue it) */
    int64_t case_id;
    const char *case_reference;
    measure_type type;
    const char *executor_org;
    const char *executor_org_name;
    int64_t object_id; /* a residence or office of the protected person; 0 when none */
    const char *start; /* YYYY-MM-DD */
    const char *end;   /* YYYY-MM-DD or "" (until further notice) */
    const char *details;
    measure_status status;
    const char *planned_at; /* timestamps of the transitions; NULL when not (yet) */
    const char *activated_at;
    const char *suspended_at;
    const char *ended_at;
    const char *note; /* the latest execution note */
    const char *updated_by_username;
    int64_t version;
} measure_record;

typedef struct decision_record {
    int64_t id;
    int64_t case_id;
    const char *case_reference;
    const char *authority_org; /* the organisation that decided */
    int64_t decided_by;
    const char *decided_by_username;
    const char *decided_at; /* timestamp */
    decision_status status;
    decision_basis basis;
    int64_t assessment_id; /* 0 for category I */
    int threat_level;      /* 1..5 established by the authority; 0 for category I */
    int resistance_level;  /* 1..4 established by the authority */
    int proposed_threat_level, proposed_resistance_level; /* the assessment's, 0 when none */
    const char *deviation_reasoning;                      /* "" when adopting the proposal */
    const char *proportionality;
    const char *tbp_view;             /* "" when not heard */
    const char *tbp_not_heard_reason; /* "" when heard */
    const char *tbp_refusal;          /* refusal or partial cooperation, in writing; "" none */
    const char *legal_basis;
    const char *review_date;          /* YYYY-MM-DD */
    const char *below_package_reason; /* "" when the package is met */
    const char *confirm_by;           /* urgent: YYYY-MM-DD; "" otherwise */
    int64_t contact_user_id;          /* the protected person's contact person; 0 none */
    const char *contact_username;
    const char *contact_display_name;
    int64_t supersedes; /* the decision it replaced; 0 */
    size_t measure_count;
    measure_record *measures; /* filled by decision_get, not by decision_list */
    int64_t version;
} decision_record;

typedef struct limitative_entry {
    int64_t id;
    int64_t person_id;
    const char *person_name;
    int category;      /* 1 or 2 */
    const char *until; /* YYYY-MM-DD (temporary addition) or "" */
    const char *reasoning;
    int64_t added_by;
    const char *added_by_username;
    const char *added_at;
} limitative_entry;

typedef struct object_record {
    int64_t id;
    object_kind kind;
    const char *name;
    const char *address;
    const char *municipality; /* org code gemeente-<name>, "" for the national list */
    const char *district;
    bool national_list;
    int64_t person_id; /* the protected person it belongs to (residence, office); 0 */
    int64_t case_id;   /* its own case, or for a person's object that person's case */
    const char *case_reference;
    const char *created_at;
    int64_t version;
} object_record;

typedef struct service_record {
    int64_t id;
    const char *name;
    const char *venue;
    const char *starts_at; /* YYYY-MM-DD */
    const char *ends_at;   /* YYYY-MM-DD */
    const char *municipality;
    const char *district;
    bool national_list;
    int64_t case_id; /* its own case */
    const char *case_reference;
    const char *created_at;
    int64_t version;
} service_record;

/* What storage knows about a case for the "staying current" flags (one row per case). */
typedef struct case_currency {
    int64_t case_id;
    const char *reference;
    case_status status;
    case_domain domain;
    case_subject subject;
    const char *authority_org;
    bool urgent;
    int64_t assessment_id;              /* the final assessment; 0 when none */
    product assessment_product;         /* PRODUCT_NONE when none */
    const char *assessment_valid_until; /* YYYY-MM-DD; NULL when none */
    int64_t decision_id;                /* the decision in force; 0 when none */
    const char *decision_at;            /* timestamp */
    const char *decision_authority_org;
    const char *review_date; /* YYYY-MM-DD */
    decision_basis decision_basis;
    const char *confirm_by;     /* YYYY-MM-DD or "" */
    const char *last_signal_at; /* created_at of the newest signal when a decision is in force
                                   (only then does a flag need it); NULL otherwise */
    int64_t open_measures;      /* measures not ended */
    const char *aftercare_on;   /* YYYY-MM-DD of the scheduled aftercare contact; NULL */
} case_currency;

/* ---- settings ---- */

enum { DECISION_MAX_PACKAGE = 8, RESISTANCE_LEVELS = 4 };

typedef struct measure_package {
    size_t count;
    measure_type types[DECISION_MAX_PACKAGE];
} measure_package;

typedef struct decision_config {
    measure_package person_packages[RESISTANCE_LEVELS]; /* by resistance level 1..4 */
    measure_package object_packages[RESISTANCE_LEVELS]; /* objects and services */
    measure_package category_i_package;                 /* category I, whatever the threat */
    int urgent_confirm_days; /* an urgent decision is confirmed within this term (14) */
    int review_days_default; /* proposed review date: decision + this (90) */
    int aftercare_days;      /* aftercare contact after the end (30) */
} decision_config;

void decision_config_defaults(decision_config *cfg);

/* Overrides the settings named in the top-level key "decisions" of the `serve --config` JSON
 * document (docs/DECISIONS.md, "Configuration"); other top-level keys are the DAF's and ignored
 * here. Unknown keys, wrong types, unknown measure types, packages over DECISION_MAX_PACKAGE and
 * day terms outside 1..3650 are refused with a message in err; cfg is unchanged on failure. No
 * "decisions" key: success, cfg unchanged. */
bool decision_config_parse(decision_config *cfg, const char *json, size_t len, char *err,
                           size_t err_size);

/* ---- rules ---- */

/* What the rule check needs about a decision being taken (all in memory already). */
typedef struct decision_facts {
    const viewer *by;
    const case_record *c; /* the case, team loaded */
    case_subject subject;
    int64_t today;                   /* days since 1970-01-01 (Dutch date) */
    bool urgent;                     /* asked as urgent */
    const assessment_record *final;  /* the case's final assessment; NULL when none */
    bool category_i;                 /* a person of the case is on category I (in force) */
    bool national_case_elsewhere;    /* local case: a person is in an open national case */
    int threat_level;                /* asked; 0: adopt the proposal */
    int resistance_level;            /* asked; 0: adopt the proposal */
    const char *deviation_reasoning; /* "" none */
    const char *below_package_reason;
    size_t measure_count;
    const measure_type *measures; /* the types decided */
    const int64_t *measure_ends;  /* days; -1 none (unused by the rules, kept for symmetry) */
} decision_facts;

typedef struct decision_outcome {
    decision_basis basis;
    int threat_level, resistance_level;                   /* established */
    int proposed_threat_level, proposed_resistance_level; /* from the final assessment */
    int64_t confirm_by;                                   /* urgent: days; -1 otherwise */
    size_t missing_count;                                 /* below_package: which are missing */
    measure_type missing[DECISION_MAX_PACKAGE];
    const char *detail; /* a static English sentence for the problem detail */
} decision_outcome;

/* Whether the viewer may decide on this case: role authority and a user of the case's authority
 * organisation. */
bool decision_may_decide(const viewer *v, const case_record *c);

/* The rules of docs/DECISIONS.md in their order: basis (ERR_NO_VALID_ASSESSMENT), deviation
 * (ERR_VALIDATION_FAILED when the levels differ from the proposal without reasoning),
 * subject (ERR_VALIDATION_FAILED: person-oriented measures on an object or service case),
 * exclusivity (ERR_EXCLUSIVITY), package (ERR_BELOW_PACKAGE). ERR_OK fills *out. */
schild_err decision_check(const decision_config *cfg, const decision_facts *f,
                          decision_outcome *out);

/* The package required at a resistance level (1..4) for the case's subject; NULL out of range. */
const measure_package *decision_package(const decision_config *cfg, case_subject subject,
                                        int resistance_level);

/* Execution: the allowed moves planned -> active -> suspended -> active ... -> ended (and planned
 * -> ended). ERR_INVALID_TRANSITION otherwise. */
schild_err measure_transition_allowed(measure_status from, measure_status to);

/* Who moves a measure: a unit_lead of the executor organisation. */
bool measure_may_execute(const viewer *v, const measure_record *m);

/* Whether an organisation code may execute measures (kind police or kmar). */
bool measure_executor_kind_valid(const char *org_kind);

/* ---- staying current ---- */

enum {
    FLAG_ASSESSMENT_EXPIRED = 1u << 0,  /* the final assessment's validity has passed */
    FLAG_REVIEW_DUE = 1u << 1,          /* the decision's review date has passed */
    FLAG_NEW_INFORMATION = 1u << 2,     /* a signal recorded after the decision in force */
    FLAG_PROVISIONAL_OVERDUE = 1u << 3, /* urgent decision not confirmed within its term */
    FLAG_PREVIOUS_AUTHORITY = 1u << 4,  /* transferred: the decision in force is the former
                                           authority's, the new one has not decided yet */
    FLAG_AFTERCARE_DUE = 1u << 5,       /* closed case whose aftercare contact date has come */
};
enum { CASE_FLAG_COUNT = 6 };

/* The flags of a case as of today (days). Only cases in decision or protection carry the first
 * five; closed cases only aftercare_due. */
unsigned case_flags(const case_currency *cc, int64_t today);
/* The name of flag bit i (0..CASE_FLAG_COUNT-1): "assessment_expired", ... */
const char *case_flag_name(unsigned bit_index);

/* ---- authority without conflicts of interest ---- */

typedef struct authority_choice {
    const char *authority_org; /* the organisation that would become the authority */
    const char *nctv_advice;   /* recorded NCTV advice ("" none) */
} authority_choice;

typedef struct authority_conflict {
    int64_t person_id;
    const char *employer_org;
    const char *detail; /* static English sentence */
} authority_conflict;

/* ERR_AUTHORITY_CONFLICT when a person of the case works for the organisation that would become
 * the authority, or (local domain) works for a municipality or the police - a threatened mayor or
 * police chief - and no NCTV advice is recorded. employer_kind[i] is the organisation kind of
 * persons[i].employer_org ("" when none). */
schild_err decision_authority_check(const authority_choice *choice, const person_record *persons,
                                    const char *const *employer_kind, size_t person_count,
                                    authority_conflict *out);

#endif

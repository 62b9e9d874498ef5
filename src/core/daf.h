/* daf: the vocabulary and pure rules of threat information and the threat analysis function.
 * Signals with their 4x4 grades, handling codes and compartments; who may read a signal (the
 * compartment matrix, originator control and releases); threat actors; information gathering
 * and its intrusion budget; threat assessments, their double qualification (ernst x
 * waarschijnlijkheid), four eyes and expiry. No I/O: the configuration arrives as a struct
 * (core/daf_config.h) and every answer depends only on the arguments. */
#ifndef SCHILD_DAF_H
#define SCHILD_DAF_H

#include "core/domain.h"
#include "core/error.h"

#include <stdbool.h>
#include <stdint.h>

typedef enum source_grade { SOURCE_NONE = -1, SOURCE_A, SOURCE_B, SOURCE_C, SOURCE_X } source_grade;
typedef enum info_grade { INFO_NONE = -1, INFO_1, INFO_2, INFO_3, INFO_4 } info_grade;
typedef enum handling_code {
    HANDLING_NONE = -1,
    HANDLING_H0,
    HANDLING_H1,
    HANDLING_H2,
    HANDLING_H3
} handling_code;

typedef enum compartment {
    COMPARTMENT_NONE = -1,
    COMPARTMENT_POLICE,
    COMPARTMENT_INVESTIGATION,
    COMPARTMENT_CRIME_INTEL,
    COMPARTMENT_INFORMANT,
    COMPARTMENT_INTELLIGENCE_SERVICE,
    COMPARTMENT_OPEN_SOURCE,
    COMPARTMENT_PROTECTED_PERSON,
    COMPARTMENT__COUNT
} compartment;

typedef enum subject_kind { SUBJECT_NONE = -1, SUBJECT_PERSON, SUBJECT_ACTOR } subject_kind;
typedef enum actor_kind {
    ACTOR_KIND_NONE = -1,
    ACTOR_PERSON,
    ACTOR_GROUP,
    ACTOR_ORGANISATION
} actor_kind;

typedef enum gathering_method {
    METHOD_NONE = -1,
    METHOD_OPEN_SOURCE_CHECK,
    METHOD_POLICE_RECORDS_CHECK,
    METHOD_NEIGHBOURHOOD_INQUIRY,
    METHOD_CAMERA_REVIEW,
    METHOD_OBSERVATION,
    METHOD_SOCIAL_MEDIA_MONITORING,
    METHOD__COUNT
} gathering_method;

typedef enum product {
    PRODUCT_NONE = -1,
    PRODUCT_DREIGINGSMELDING,
    PRODUCT_IRD,
    PRODUCT_DI,
    PRODUCT_DA,
    PRODUCT_RA,
    PRODUCT__COUNT
} product;

typedef enum assessment_status {
    ASSESSMENT_NONE = -1,
    ASSESSMENT_DRAFT,
    ASSESSMENT_SUBMITTED,
    ASSESSMENT_FINAL,
    ASSESSMENT_REJECTED,
    ASSESSMENT_SUPERSEDED,
    ASSESSMENT__COUNT
} assessment_status;

typedef enum release_status {
    RELEASE_NONE = -1,
    RELEASE_PENDING,
    RELEASE_APPROVED,
    RELEASE_REFUSED
} release_status;

/* Name <-> enum; parsers answer the NONE value for unknown names (and NULL). */
const char *source_grade_name(source_grade g);
source_grade source_grade_parse(const char *s);
const char *info_grade_name(info_grade g);
info_grade info_grade_parse(const char *s);
const char *handling_name(handling_code h);
handling_code handling_parse(const char *s);
const char *compartment_name(compartment c);
compartment compartment_parse(const char *s);
const char *subject_kind_name(subject_kind k);
subject_kind subject_kind_parse(const char *s);
const char *actor_kind_name(actor_kind k);
actor_kind actor_kind_parse(const char *s);
const char *gathering_method_name(gathering_method m);
gathering_method gathering_method_parse(const char *s);
const char *product_name(product p);
product product_parse(const char *s);
const char *assessment_status_name(assessment_status s);
assessment_status assessment_status_parse(const char *s);
const char *release_status_name(release_status s);
release_status release_status_parse(const char *s);

/* The structured indicator set (template "warning-behaviour-v1": the eight warning behaviours
 * of Meloy et al. plus history of violence and access to weapons). Values "present", "absent",
 * "unknown". */
extern const char *const INDICATOR_TEMPLATE;
extern const char *const INDICATOR_KEYS[];
extern const size_t INDICATOR_COUNT;
bool indicator_key_valid(const char *key);
bool indicator_value_valid(const char *value);

/* A person or actor a signal names. label is filled by storage on reads. */
typedef struct signal_subject {
    subject_kind kind;
    int64_t id;
    const char *label;
} signal_subject;

typedef struct signal_record {
    int64_t id;
    int64_t case_id;
    const char *case_reference;
    const char *received_at; /* YYYY-MM-DD */
    const char *source_org;  /* the originator: who supplied it (organisation code) */
    const char *source_org_name;
    source_grade source_grade;
    info_grade info_grade;
    handling_code handling;
    const char *handling_note; /* the stated restriction of H3; "" otherwise */
    compartment compartment;
    bool concrete; /* concrete vs conceivable (voorstelbaar) */
    const char *text;
    int64_t recorded_by;
    const char *recorded_by_username;
    const char *recorded_by_org;
    const char *created_at;
    size_t subject_count;
    signal_subject *subjects;
    int64_t version;
} signal_record;

typedef struct release_record {
    int64_t id;
    int64_t signal_id;
    int64_t case_id;
    const char *source_org; /* the originator who decides */
    int64_t requested_by;
    const char *requested_by_username;
    const char *requested_by_org;
    const char *reason;
    const char *requested_at;
    release_status status;
    int64_t decided_by; /* 0 while pending */
    const char *decided_by_username;
    const char *decision_note;
    const char *decided_at;
    int64_t version;
} release_record;

typedef struct actor_record {
    int64_t id;
    actor_kind kind;
    const char *name;
    const char *description;
    const char *created_by_org;
    const char *created_at;
    int64_t version;
} actor_record;

/* "A new signal names an actor linked to your case" - without the signal's content. */
typedef struct notification_record {
    int64_t id;
    int64_t case_id; /* the case whose team is told */
    int64_t actor_id;
    const char *actor_name;
    int64_t signal_id; /* the new signal (in another case) */
    const char *source_org;
    const char *received_at;
    const char *created_at;
} notification_record;

typedef struct gathering_act {
    int64_t id;
    subject_kind subject_kind;
    int64_t subject_id;
    gathering_method method;
    const char *legal_basis;
    int64_t duration_days;
    const char *justification;
    int64_t intrusion; /* weight x duration_days, fixed when recorded */
    int64_t order_id;  /* the prosecutor's order it rests on; 0 when within the threshold */
    int64_t recorded_by;
    const char *recorded_by_username;
    const char *recorded_by_org;
    const char *recorded_at; /* timestamp */
    const char *recorded_on; /* YYYY-MM-DD: the window is counted in days */
} gathering_act;

typedef struct gathering_order {
    int64_t id;
    subject_kind subject_kind;
    int64_t subject_id;
    const char *scope;
    const char *until; /* YYYY-MM-DD, inclusive */
    const char *reasoning;
    int64_t recorded_by;
    const char *recorded_by_username;
    const char *recorded_by_org;
    const char *recorded_at;
} gathering_order;

typedef struct assessment_record {
    int64_t id;
    int64_t case_id;
    const char *case_reference;
    product product;
    assessment_status status;
    int seriousness, likelihood, intent, capability; /* 1..5; 0 when not given */
    int threat_level;                                /* 1..5; 0 when none */
    bool threat_level_derived;                       /* from the matrix, not given */
    int resistance_level;                            /* 1..4; 0 when none */
    const char *concreteness;                        /* "concrete", "conceivable" or "" */
    const char *reasoning;
    const char *vulnerabilities;
    const char *content; /* JSON: actors, signals, indicators, recommended_measures */
    int64_t author_id;
    const char *author_username;
    const char *author_org;
    const char *created_at;
    const char *submitted_at;
    int64_t reviewer_id;
    const char *reviewer_username;
    const char *review_comment;
    const char *reviewed_at;
    const char *valid_until; /* YYYY-MM-DD once final */
    int64_t supersedes;      /* the final assessment this one replaced */
    int64_t version;
} assessment_record;

/* ---- rules (daf.c) ---- */

typedef struct daf_config daf_config;

/* Whether v may read the content of signal s of a case v can see. released: the originator has
 * approved a release to v. The compartment matrix first, then originator control (H2). */
bool daf_signal_readable(const daf_config *cfg, const viewer *v, const signal_record *s,
                         bool released);

/* The compartments the viewer's role reads whatever the source (any_org) and those it reads
 * only when the viewer's organisation supplied the signal (own_org), as bitmasks over
 * compartment. Storage turns them into SQL for search; daf_signal_readable agrees. */
void daf_readable_compartments(const daf_config *cfg, role r, unsigned *any_org, unsigned *own_org);

/* Who may record a signal on a case they can see (team members of every role but inspector and
 * admin, and analysts). */
bool daf_may_record_signal(const viewer *v);

/* Who decides a release: a user of the originating organisation who may read the signal. */
bool daf_may_decide_release(const daf_config *cfg, const viewer *v, const signal_record *s);

/* The derived threat level (1..5) of ernst x waarschijnlijkheid through the configured matrix. */
int daf_threat_level(const daf_config *cfg, int seriousness, int likelihood);

/* Whether the product needs the double qualification (DI, DA, RA). */
bool daf_product_graded(product p);

/* Whether an analyst of org may author product p (configuration; default RA by AIVD only). */
bool daf_may_author(const daf_config *cfg, const viewer *v, product p);

/* The validity of a final assessment in days: by threat level, or the product's term for the
 * ungraded products (dreigingsmelding, IRD). */
int daf_validity_days(const daf_config *cfg, product p, int threat_level);

/* Four eyes: the reviewer must be an analyst who did not write it. ERR_FORBIDDEN otherwise. */
schild_err daf_review_allowed(const viewer *v, const assessment_record *a);

/* Intrusion of one act: the method's weight times its duration in days. */
int64_t daf_intrusion(const daf_config *cfg, gathering_method m, int64_t duration_days);

/* Whether recording an act of the given intrusion is allowed: running total within the window
 * plus this act must stay within the threshold, unless an order is in force.
 * ERR_OK or ERR_INTRUSION_THRESHOLD. */
schild_err daf_gathering_allowed(const daf_config *cfg, int64_t window_total, int64_t intrusion,
                                 bool order_in_force);

/* Who may record gathering acts (analyst, unit_lead) and orders (authority of an OM org). */
bool daf_may_gather(const viewer *v);
bool daf_may_order(const viewer *v, const char *org_kind);

#endif

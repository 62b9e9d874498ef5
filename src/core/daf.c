/* daf: the rules of threat information and assessments (docs/DAF.md). Deny by default: every
 * "may" answers false unless a rule below grants it. */
#include "core/daf.h"

#include "core/daf_config.h"

#include <string.h>

static const char *const source_grade_names[] = {"A", "B", "C", "X"};
static const char *const info_grade_names[] = {"1", "2", "3", "4"};
static const char *const handling_names[] = {"H0", "H1", "H2", "H3"};
static const char *const compartment_names[COMPARTMENT__COUNT] = {
    "police",      "investigation",    "crime_intel", "informant", "intelligence_service",
    "open_source", "protected_person",
};
static const char *const subject_kind_names[] = {"person", "actor"};
static const char *const actor_kind_names[] = {"person", "group", "organisation"};
static const char *const method_names[METHOD__COUNT] = {
    "open_source_check", "police_records_check", "neighbourhood_inquiry",
    "camera_review",     "observation",          "social_media_monitoring",
};
static const char *const product_names[PRODUCT__COUNT] = {"dreigingsmelding", "IRD", "DI", "DA",
                                                          "RA"};
static const char *const assessment_status_names[ASSESSMENT__COUNT] = {
    "draft", "submitted", "final", "rejected", "superseded"};
static const char *const release_status_names[] = {"pending", "approved", "refused"};

const char *const INDICATOR_TEMPLATE = "warning-behaviour-v1";
const char *const INDICATOR_KEYS[] = {
    "pathway",
    "fixation",
    "identification",
    "novel_aggression",
    "energy_burst",
    "leakage",
    "last_resort",
    "directly_communicated_threat",
    "history_of_violence",
    "access_to_weapons",
};
const size_t INDICATOR_COUNT = sizeof INDICATOR_KEYS / sizeof INDICATOR_KEYS[0];

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char *name_of(const char *const *names, int count, int i)
{
    return i >= 0 && i < count ? names[i] : "none";
}

/* clang-format off */
const char *source_grade_name(source_grade g) { return name_of(source_grade_names, COUNT(source_grade_names), g); }
source_grade source_grade_parse(const char *s) { return (source_grade)vocab_index(source_grade_names, COUNT(source_grade_names), s); }
const char *info_grade_name(info_grade g) { return name_of(info_grade_names, COUNT(info_grade_names), g); }
info_grade info_grade_parse(const char *s) { return (info_grade)vocab_index(info_grade_names, COUNT(info_grade_names), s); }
const char *handling_name(handling_code h) { return name_of(handling_names, COUNT(handling_names), h); }
handling_code handling_parse(const char *s) { return (handling_code)vocab_index(handling_names, COUNT(handling_names), s); }
const char *compartment_name(compartment c) { return name_of(compartment_names, COUNT(compartment_names), c); }
compartment compartment_parse(const char *s) { return (compartment)vocab_index(compartment_names, COUNT(compartment_names), s); }
const char *subject_kind_name(subject_kind k) { return name_of(subject_kind_names, COUNT(subject_kind_names), k); }
subject_kind subject_kind_parse(const char *s) { return (subject_kind)vocab_index(subject_kind_names, COUNT(subject_kind_names), s); }
const char *actor_kind_name(actor_kind k) { return name_of(actor_kind_names, COUNT(actor_kind_names), k); }
actor_kind actor_kind_parse(const char *s) { return (actor_kind)vocab_index(actor_kind_names, COUNT(actor_kind_names), s); }
const char *gathering_method_name(gathering_method m) { return name_of(method_names, COUNT(method_names), m); }
gathering_method gathering_method_parse(const char *s) { return (gathering_method)vocab_index(method_names, COUNT(method_names), s); }
const char *product_name(product p) { return name_of(product_names, COUNT(product_names), p); }
product product_parse(const char *s) { return (product)vocab_index(product_names, COUNT(product_names), s); }
const char *assessment_status_name(assessment_status s) { return name_of(assessment_status_names, COUNT(assessment_status_names), s); }
assessment_status assessment_status_parse(const char *s) { return (assessment_status)vocab_index(assessment_status_names, COUNT(assessment_status_names), s); }
const char *release_status_name(release_status s) { return name_of(release_status_names, COUNT(release_status_names), s); }
release_status release_status_parse(const char *s) { return (release_status)vocab_index(release_status_names, COUNT(release_status_names), s); }
/* clang-format on */

bool indicator_key_valid(const char *key)
{
    return vocab_index(INDICATOR_KEYS, (int)INDICATOR_COUNT, key) >= 0;
}

bool indicator_value_valid(const char *value)
{
    static const char *const values[] = {"present", "absent", "unknown"};
    return vocab_index(values, COUNT(values), value) >= 0;
}

void daf_readable_compartments(const daf_config *cfg, role r, unsigned *any_org, unsigned *own_org)
{
    *any_org = 0;
    *own_org = 0;
    if (r < 0 || r >= ROLE__COUNT)
        return;
    for (int c = 0; c < COMPARTMENT__COUNT; c++) {
        const compartment_rule *rule = &cfg->compartments[c];
        if (!(rule->roles & (1u << r)))
            continue;
        if (rule->own_org_only)
            *own_org |= 1u << c;
        else
            *any_org |= 1u << c;
    }
}

static bool is_originator(const viewer *v, const signal_record *s)
{
    return v->org && s->source_org && strcmp(v->org, s->source_org) == 0;
}

/* The matrix alone (no release, no originator control). */
static bool matrix_allows(const daf_config *cfg, const viewer *v, const signal_record *s)
{
    if (s->compartment < 0 || s->compartment >= COMPARTMENT__COUNT)
        return false;
    unsigned any_org, own_org;
    daf_readable_compartments(cfg, v->role, &any_org, &own_org);
    unsigned bit = 1u << s->compartment;
    return (any_org & bit) || ((own_org & bit) && is_originator(v, s));
}

bool daf_signal_readable(const daf_config *cfg, const viewer *v, const signal_record *s,
                         bool released)
{
    if (released)
        return true;
    if (!matrix_allows(cfg, v, s))
        return false;
    return s->handling != HANDLING_H2 || is_originator(v, s);
}

bool daf_may_record_signal(const viewer *v)
{
    switch (v->role) {
    case ROLE_REFERRER:
    case ROLE_TRIAGE:
    case ROLE_ANALYST:
    case ROLE_AUTHORITY:
    case ROLE_COORDINATOR:
    case ROLE_UNIT_LEAD:
    case ROLE_CARE:
        return true;
    default:
        return false;
    }
}

bool daf_may_decide_release(const daf_config *cfg, const viewer *v, const signal_record *s)
{
    return is_originator(v, s) && daf_signal_readable(cfg, v, s, false);
}

int daf_threat_level(const daf_config *cfg, int seriousness, int likelihood)
{
    if (seriousness < 1 || seriousness > 5 || likelihood < 1 || likelihood > 5)
        return 0;
    return cfg->threat_matrix[seriousness - 1][likelihood - 1];
}

bool daf_product_graded(product p)
{
    return p == PRODUCT_DI || p == PRODUCT_DA || p == PRODUCT_RA;
}

bool daf_may_author(const daf_config *cfg, const viewer *v, product p)
{
    if (v->role != ROLE_ANALYST || p < 0 || p >= PRODUCT__COUNT)
        return false;
    const product_rule *rule = &cfg->products[p];
    if (rule->org_count == 0)
        return true;
    for (size_t i = 0; i < rule->org_count; i++)
        if (v->org && strcmp(rule->orgs[i], v->org) == 0)
            return true;
    return false;
}

int daf_validity_days(const daf_config *cfg, product p, int threat_level)
{
    if (p >= 0 && p < PRODUCT__COUNT && cfg->products[p].validity_days > 0)
        return cfg->products[p].validity_days;
    if (threat_level >= 1 && threat_level <= 5)
        return cfg->validity_by_level[threat_level - 1];
    return cfg->validity_by_level[0];
}

schild_err daf_review_allowed(const viewer *v, const assessment_record *a)
{
    if (v->role != ROLE_ANALYST || v->user_id == a->author_id)
        return ERR_FORBIDDEN;
    return ERR_OK;
}

int64_t daf_intrusion(const daf_config *cfg, gathering_method m, int64_t duration_days)
{
    if (m < 0 || m >= METHOD__COUNT || duration_days < 1)
        return 0;
    return (int64_t)cfg->intrusion_weight[m] * duration_days;
}

schild_err daf_gathering_allowed(const daf_config *cfg, int64_t window_total, int64_t intrusion,
                                 bool order_in_force)
{
    if (order_in_force)
        return ERR_OK;
    return window_total + intrusion > cfg->intrusion_threshold ? ERR_INTRUSION_THRESHOLD : ERR_OK;
}

bool daf_may_gather(const viewer *v)
{
    return v->role == ROLE_ANALYST || v->role == ROLE_UNIT_LEAD;
}

bool daf_may_order(const viewer *v, const char *org_kind)
{
    return v->role == ROLE_AUTHORITY && org_kind && strcmp(org_kind, "om") == 0;
}

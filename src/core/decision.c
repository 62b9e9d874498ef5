/* decision: the rules of the authority's decisions (docs/DECISIONS.md). Deny by default: every
 * "may" answers false unless a rule below grants it; every check refuses unless its facts hold. */
#include "core/decision.h"

#include "core/validate.h"

#include <string.h>

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char *const measure_type_names[MEASURE__COUNT] = {
    "security_advice",
    "obe_measures",
    "alarm_priority_response",
    "data_shielding",
    "surveillance_attention",
    "camera_monitoring",
    "static_guarding",
    "escort",
    "close_protection",
    "high_risk_close_protection",
    "relocation",
    "threatener_action",
    "police_attention",
    "dynamic_supervision",
    "intensified_mobile_supervision",
    "combined_supervision",
    "permanent_supervision_a",
    "permanent_supervision_b",
};
static const char *const measure_status_names[MSTATUS__COUNT] = {"planned", "active", "suspended",
                                                                 "ended"};
static const char *const basis_names[BASIS__COUNT] = {"assessment", "urgent", "category_i"};
static const char *const decision_status_names[DSTATUS__COUNT] = {"in_force", "superseded",
                                                                  "ended"};
static const char *const subject_names[] = {"persons", "object", "service"};
static const char *const object_kind_names[OBJECT_KIND__COUNT] = {
    "residence", "office", "embassy", "court", "government_building", "other"};
static const char *const flag_names[CASE_FLAG_COUNT] = {
    "assessment_expired",  "review_due",         "new_information",
    "provisional_overdue", "previous_authority", "aftercare_due",
};

static const char *name_of(const char *const *names, int count, int i)
{
    return i >= 0 && i < count ? names[i] : "none";
}

/* clang-format off */
const char *measure_type_name(measure_type t) { return name_of(measure_type_names, COUNT(measure_type_names), t); }
measure_type measure_type_parse(const char *s) { return (measure_type)vocab_index(measure_type_names, COUNT(measure_type_names), s); }
const char *measure_status_name(measure_status s) { return name_of(measure_status_names, COUNT(measure_status_names), s); }
measure_status measure_status_parse(const char *s) { return (measure_status)vocab_index(measure_status_names, COUNT(measure_status_names), s); }
const char *decision_basis_name(decision_basis b) { return name_of(basis_names, COUNT(basis_names), b); }
const char *decision_status_name(decision_status s) { return name_of(decision_status_names, COUNT(decision_status_names), s); }
decision_status decision_status_parse(const char *s) { return (decision_status)vocab_index(decision_status_names, COUNT(decision_status_names), s); }
const char *case_subject_name(case_subject s) { return name_of(subject_names, COUNT(subject_names), (int)s); }
const char *object_kind_name(object_kind k) { return name_of(object_kind_names, COUNT(object_kind_names), k); }
object_kind object_kind_parse(const char *s) { return (object_kind)vocab_index(object_kind_names, COUNT(object_kind_names), s); }
/* clang-format on */

/* ---- the catalogue ----
 *
 * Capacity is what the coordination centre has to find, per day, for one protected person or
 * object; the figures are realistic Dutch practice and the owner may refine them:
 * - advice, OBE (organisational, structural, electronic) measures, data shielding, relocation and
 *   the approach of the threatener are work done once, not posts: 0 posts, 0 hours.
 * - priority alarm response and surveillance attention ride on the regional unit's ordinary
 *   patrols (the address is marked in the control room and driven past): no dedicated post.
 * - camera monitoring runs around the clock but is watched from the regional control room when an
 *   alarm comes in: no post on site, 24 hours.
 * - static guarding, permanent supervision A and B: a two-person post around the clock (one
 *   officer is never left alone at an object); B is armed, the KMar's Bewaken en Beveiligen
 *   typically executes it at embassies and government buildings.
 * - escort: two persoonsbegeleiders for the day (12 hours), close protection a team of four
 *   persoonsbeveiligers around the clock (two shifts of two), high-risk close protection six, both
 *   typically by the DKDB of the Landelijke Eenheid.
 * - the object standards follow circulaire 2013, Bijlage 4: police attention 4 times a year,
 *   dynamic supervision once an hour within the regular patrol (no dedicated post), intensified
 *   mobile supervision twice an hour in an armoured vehicle (a crew of two around the clock),
 *   combined supervision twice an hour plus ten minutes static (a crew of two). */

#define POLICE_KMAR                                                                                \
    {                                                                                              \
        "police", "kmar", NULL                                                                     \
    }

static const measure_info catalogue[MEASURE__COUNT] = {
    {MEASURE_SECURITY_ADVICE, "Beveiligingsadvies", "Security advice", true, false, POLICE_KMAR, "",
     0, "beveiligingsadviseur", 0, ""},
    {MEASURE_OBE_MEASURES, "OBE-maatregelen (organisatorisch, bouwkundig, elektronisch)",
     "OBE measures (organisational, structural, electronic)", true, false, POLICE_KMAR, "", 0,
     "beveiligingsadviseur", 0, ""},
    {MEASURE_ALARM_PRIORITY_RESPONSE, "Alarmopvolging met voorrang", "Priority alarm response",
     true, false, POLICE_KMAR, "", 0, "", 0, ""},
    {MEASURE_DATA_SHIELDING, "Afscherming van persoonsgegevens", "Shielding of personal data", true,
     false, POLICE_KMAR, "", 0, "", 0, ""},
    {MEASURE_SURVEILLANCE_ATTENTION, "Surveillance en bijzondere aandacht",
     "Surveillance attention", true, false, POLICE_KMAR, "", 0, "", 0, ""},
    {MEASURE_CAMERA_MONITORING, "Cameratoezicht", "Camera monitoring", false, false, POLICE_KMAR,
     "", 0, "", 24, ""},
    {MEASURE_STATIC_GUARDING, "Statische bewaking", "Static guarding", false, false, POLICE_KMAR,
     "", 2, "bewaker", 24, ""},
    {MEASURE_ESCORT, "Persoonsbegeleiding", "Escort", true, false, POLICE_KMAR, "politie-le", 2,
     "persoonsbegeleider", 12, ""},
    {MEASURE_CLOSE_PROTECTION, "Persoonsbeveiliging", "Close protection", true, false, POLICE_KMAR,
     "politie-le", 4, "persoonsbeveiliger", 24, ""},
    {MEASURE_HIGH_RISK_CLOSE_PROTECTION, "Persoonsbeveiliging hoog risico",
     "High-risk close protection", true, false, POLICE_KMAR, "politie-le", 6,
     "persoonsbeveiliger hoog risico", 24, ""},
    {MEASURE_RELOCATION, "Verhuizing naar een veilige locatie", "Relocation", true, false,
     POLICE_KMAR, "", 0, "", 0, ""},
    {MEASURE_THREATENER_ACTION, "Aanpak van de dreiger", "Action against the threatener", false,
     false, POLICE_KMAR, "", 0, "", 0, ""},
    {MEASURE_POLICE_ATTENTION, "Politieaandacht", "Police attention", false, true, POLICE_KMAR, "",
     0, "", 0, "4x per jaar"},
    {MEASURE_DYNAMIC_SUPERVISION, "Dynamisch toezicht", "Dynamic supervision", false, true,
     POLICE_KMAR, "", 0, "", 24, "1x per uur"},
    {MEASURE_INTENSIFIED_MOBILE_SUPERVISION, "Verscherpt mobiel toezicht",
     "Intensified mobile supervision", false, true, POLICE_KMAR, "", 2, "", 24,
     "2x per uur, gepantserd voertuig"},
    {MEASURE_COMBINED_SUPERVISION, "Gecombineerd toezicht", "Combined supervision", false, true,
     POLICE_KMAR, "", 2, "", 24, "2x per uur + 10 minuten statisch"},
    {MEASURE_PERMANENT_SUPERVISION_A, "Permanent toezicht A", "Permanent supervision A", false,
     true, POLICE_KMAR, "", 2, "bewaker", 24, "permanent"},
    {MEASURE_PERMANENT_SUPERVISION_B, "Permanent toezicht B (bewapend)",
     "Permanent supervision B (armed)", false, true, POLICE_KMAR, "kmar", 2, "bewaker (bewapend)",
     24, "permanent, bewapend"},
};

const measure_info *measure_info_of(measure_type t)
{
    return (t >= 0 && t < MEASURE__COUNT) ? &catalogue[t] : NULL;
}

static bool person_oriented(measure_type t)
{
    const measure_info *mi = measure_info_of(t);
    return mi && mi->person_oriented;
}

/* ---- settings ---- */

static void set_package(measure_package *p, const measure_type *types, size_t n)
{
    p->count = n;
    memcpy(p->types, types, n * sizeof types[0]);
}

void decision_config_defaults(decision_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    /* persons: each level adds to the one below (docs/DECISIONS.md, "Packages") */
    static const measure_type persons[] = {
        MEASURE_SECURITY_ADVICE, MEASURE_OBE_MEASURES,           MEASURE_ALARM_PRIORITY_RESPONSE,
        MEASURE_DATA_SHIELDING,  MEASURE_SURVEILLANCE_ATTENTION, MEASURE_CLOSE_PROTECTION,
    };
    static const size_t person_count[RESISTANCE_LEVELS] = {1, 3, 5, 6};
    for (int l = 0; l < RESISTANCE_LEVELS; l++)
        set_package(&cfg->person_packages[l], persons, person_count[l]);
    /* objects and services: one supervision standard per level */
    set_package(&cfg->object_packages[0], (const measure_type[]){MEASURE_POLICE_ATTENTION}, 1);
    set_package(&cfg->object_packages[1], (const measure_type[]){MEASURE_DYNAMIC_SUPERVISION}, 1);
    set_package(
        &cfg->object_packages[2],
        (const measure_type[]){MEASURE_INTENSIFIED_MOBILE_SUPERVISION, MEASURE_CAMERA_MONITORING},
        2);
    set_package(&cfg->object_packages[3], (const measure_type[]){MEASURE_PERMANENT_SUPERVISION_B},
                1);
    set_package(&cfg->category_i_package,
                (const measure_type[]){MEASURE_SECURITY_ADVICE, MEASURE_OBE_MEASURES,
                                       MEASURE_ALARM_PRIORITY_RESPONSE,
                                       MEASURE_SURVEILLANCE_ATTENTION},
                4);
    cfg->urgent_confirm_days = 14;
    cfg->review_days_default = 90;
    cfg->aftercare_days = 30;
}

const measure_package *decision_package(const decision_config *cfg, case_subject subject,
                                        int resistance_level)
{
    if (resistance_level < 1 || resistance_level > RESISTANCE_LEVELS)
        return NULL;
    if (subject == CASE_SUBJECT_PERSONS)
        return &cfg->person_packages[resistance_level - 1];
    if (subject == CASE_SUBJECT_OBJECT || subject == CASE_SUBJECT_SERVICE)
        return &cfg->object_packages[resistance_level - 1];
    return NULL;
}

/* ---- who may ---- */

static bool same_text(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static bool empty(const char *s)
{
    return !s || !s[0];
}

bool decision_may_decide(const viewer *v, const case_record *c)
{
    return v && c && v->role == ROLE_AUTHORITY && same_text(v->org, c->authority_org);
}

bool measure_may_execute(const viewer *v, const measure_record *m)
{
    return v && m && v->role == ROLE_UNIT_LEAD && same_text(v->org, m->executor_org);
}

bool measure_executor_kind_valid(const char *org_kind)
{
    return same_text(org_kind, "police") || same_text(org_kind, "kmar");
}

schild_err measure_transition_allowed(measure_status from, measure_status to)
{
    switch (from) {
    case MSTATUS_PLANNED:
        return (to == MSTATUS_ACTIVE || to == MSTATUS_ENDED) ? ERR_OK : ERR_INVALID_TRANSITION;
    case MSTATUS_ACTIVE:
        return (to == MSTATUS_SUSPENDED || to == MSTATUS_ENDED) ? ERR_OK : ERR_INVALID_TRANSITION;
    case MSTATUS_SUSPENDED:
        return (to == MSTATUS_ACTIVE || to == MSTATUS_ENDED) ? ERR_OK : ERR_INVALID_TRANSITION;
    default:
        return ERR_INVALID_TRANSITION; /* ended is final */
    }
}

/* ---- the rule check ---- */

/* A final assessment still in force today. */
static bool assessment_valid(const assessment_record *a, int64_t today)
{
    int64_t until;
    return a && a->status == ASSESSMENT_FINAL && date_parse(a->valid_until, &until) &&
           today <= until;
}

static schild_err refuse(decision_outcome *out, schild_err err, const char *detail)
{
    out->detail = detail;
    return err;
}

/* Rule 1. Category I stands on its own: the standard package applies whatever the threat, so it
 * is the basis whenever nothing better is there (also when only an ungraded product is final and
 * the decision is not asked as urgent). */
static schild_err check_basis(const decision_config *cfg, const decision_facts *f,
                              decision_outcome *out)
{
    bool valid = assessment_valid(f->final, f->today);
    if (valid && daf_product_graded(f->final->product)) {
        out->basis = BASIS_ASSESSMENT;
    } else if (valid && f->urgent) {
        out->basis = BASIS_URGENT;
        out->confirm_by = f->today + cfg->urgent_confirm_days;
    } else if (f->category_i) {
        out->basis = BASIS_CATEGORY_I;
        return ERR_OK; /* no assessment to propose levels */
    } else if (valid) {
        return refuse(out, ERR_NO_VALID_ASSESSMENT,
                      "A dreigingsmelding or IRD supports only an urgent, provisional decision; "
                      "a decision on measures needs a final DI, DA or RA.");
    } else {
        return refuse(out, ERR_NO_VALID_ASSESSMENT,
                      "The case has no final threat assessment that is still valid.");
    }
    out->proposed_threat_level = f->final->threat_level;
    out->proposed_resistance_level = f->final->resistance_level;
    return ERR_OK;
}

/* Whether an asked level departs from a proposal (0 = not asked or nothing proposed). */
static bool deviates(int asked, int proposed)
{
    return asked != 0 && proposed != 0 && asked != proposed;
}

/* Rule 2. */
static schild_err check_levels(const decision_facts *f, decision_outcome *out)
{
    if ((deviates(f->threat_level, out->proposed_threat_level) ||
         deviates(f->resistance_level, out->proposed_resistance_level)) &&
        empty(f->deviation_reasoning))
        return refuse(out, ERR_VALIDATION_FAILED,
                      "The levels differ from the assessment's proposal: deviation_reasoning is "
                      "required.");
    out->threat_level = f->threat_level ? f->threat_level : out->proposed_threat_level;
    out->resistance_level =
        f->resistance_level ? f->resistance_level : out->proposed_resistance_level;
    int min_threat = out->basis == BASIS_ASSESSMENT ? 1 : 0;
    if (out->threat_level < min_threat || out->threat_level > 5)
        return refuse(out, ERR_VALIDATION_FAILED, "The threat level must be 1 to 5.");
    if (out->resistance_level < 1 || out->resistance_level > RESISTANCE_LEVELS)
        return refuse(out, ERR_VALIDATION_FAILED,
                      "The resistance level must be 1 to 4: give one, or have it proposed by the "
                      "assessment.");
    return ERR_OK;
}

static bool any_person_oriented(const decision_facts *f)
{
    for (size_t i = 0; i < f->measure_count; i++)
        if (person_oriented(f->measures[i]))
            return true;
    return false;
}

static bool decided(const decision_facts *f, measure_type t)
{
    for (size_t i = 0; i < f->measure_count; i++)
        if (f->measures[i] == t)
            return true;
    return false;
}

/* Rule 5: lists what of the package is missing; refuses unless the shortfall is reasoned. */
static schild_err check_package(const decision_config *cfg, const decision_facts *f,
                                decision_outcome *out)
{
    const measure_package *pkg = out->basis == BASIS_CATEGORY_I
                                     ? &cfg->category_i_package
                                     : decision_package(cfg, f->subject, out->resistance_level);
    for (size_t i = 0; pkg && i < pkg->count && i < DECISION_MAX_PACKAGE; i++)
        if (!decided(f, pkg->types[i]))
            out->missing[out->missing_count++] = pkg->types[i];
    if (out->missing_count > 0 && empty(f->below_package_reason))
        return refuse(out, ERR_BELOW_PACKAGE,
                      "The measures do not include the whole package of the established "
                      "resistance level: add the missing ones or give below_package_reason.");
    return ERR_OK;
}

schild_err decision_check(const decision_config *cfg, const decision_facts *f,
                          decision_outcome *out)
{
    memset(out, 0, sizeof *out);
    out->basis = BASIS_NONE;
    out->confirm_by = -1;
    schild_err err = check_basis(cfg, f, out);
    if (err == ERR_OK)
        err = check_levels(f, out);
    if (err != ERR_OK)
        return err;
    if (f->subject != CASE_SUBJECT_PERSONS && any_person_oriented(f))
        return refuse(out, ERR_VALIDATION_FAILED,
                      "Object and service cases take no person-oriented measures.");
    if (f->c && f->c->domain == DOMAIN_LOCAL && f->national_case_elsewhere &&
        any_person_oriented(f))
        return refuse(out, ERR_EXCLUSIVITY,
                      "A person of the case is in an open national case: person-oriented "
                      "measures are the national authority's.");
    return check_package(cfg, f, out);
}

/* ---- staying current ---- */

/* today is past the date (strictly): a term that ends on a date still holds on that date. */
static bool date_passed(const char *date, int64_t today)
{
    int64_t d;
    return date_parse(date, &d) && today > d;
}

static bool date_reached(const char *date, int64_t today)
{
    int64_t d;
    return date_parse(date, &d) && today >= d;
}

/* The five flags of a case in decision or protection. Timestamps share one format, so they
 * compare as strings. */
static unsigned open_case_flags(const case_currency *cc, int64_t today)
{
    unsigned flags = 0;
    if (cc->assessment_id && date_passed(cc->assessment_valid_until, today))
        flags |= FLAG_ASSESSMENT_EXPIRED;
    if (!cc->decision_id)
        return flags;
    if (date_passed(cc->review_date, today))
        flags |= FLAG_REVIEW_DUE;
    if (cc->last_signal_at && cc->decision_at && strcmp(cc->last_signal_at, cc->decision_at) > 0)
        flags |= FLAG_NEW_INFORMATION;
    if (cc->decision_basis == BASIS_URGENT && date_passed(cc->confirm_by, today))
        flags |= FLAG_PROVISIONAL_OVERDUE;
    if (!empty(cc->decision_authority_org) && !empty(cc->authority_org) &&
        strcmp(cc->decision_authority_org, cc->authority_org) != 0)
        flags |= FLAG_PREVIOUS_AUTHORITY;
    return flags;
}

unsigned case_flags(const case_currency *cc, int64_t today)
{
    if (cc->status == STATUS_DECISION || cc->status == STATUS_PROTECTION)
        return open_case_flags(cc, today);
    if (cc->status == STATUS_CLOSED && date_reached(cc->aftercare_on, today))
        return FLAG_AFTERCARE_DUE;
    return 0;
}

const char *case_flag_name(unsigned bit_index)
{
    return bit_index < CASE_FLAG_COUNT ? flag_names[bit_index] : "unknown";
}

/* ---- authority without conflicts of interest ---- */

static bool starts_with(const char *s, const char *prefix)
{
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The conflict detail for one person, or NULL when the person poses none. */
static const char *person_conflict(const authority_choice *choice, const person_record *p,
                                   const char *kind)
{
    if (!empty(p->employer_org) && same_text(p->employer_org, choice->authority_org))
        return "A person of the case works for the organisation that would become the authority: "
               "another authority must decide (authority_district).";
    /* a threatened mayor or police chief: the HOvJ decides, but only after hearing the NCTV */
    if (starts_with(choice->authority_org, "om-") &&
        (same_text(kind, "municipality") || same_text(kind, "police")) &&
        empty(choice->nctv_advice))
        return "A person of the case works for a municipality or the police: the authority "
               "decides after hearing the NCTV; record its advice (nctv_advice).";
    return NULL;
}

schild_err decision_authority_check(const authority_choice *choice, const person_record *persons,
                                    const char *const *employer_kind, size_t person_count,
                                    authority_conflict *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < person_count; i++) {
        const char *detail =
            person_conflict(choice, &persons[i], employer_kind ? employer_kind[i] : NULL);
        if (detail) {
            *out = (authority_conflict){persons[i].id, persons[i].employer_org, detail};
            return ERR_AUTHORITY_CONFLICT;
        }
    }
    return ERR_OK;
}

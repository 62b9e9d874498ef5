/* The pure rules of the authority's decisions (docs/DECISIONS.md): the catalogue and packages,
 * each rule of decision_check and each of its refusals, measure execution, the "staying current"
 * flags at their boundary days, conflicts of interest, the settings file, and the authority a
 * triage assigns. Expected values are written from the document, not from src/core/decision.c. */
#include "check.h"
#include "core/daf_config.h"
#include "core/decision.h"
#include "core/triage.h"
#include "core/validate.h"

static int64_t day(int y, unsigned m, unsigned d)
{
    return days_from_civil(y, m, d);
}

static decision_config defaults(void)
{
    decision_config cfg;
    decision_config_defaults(&cfg);
    return cfg;
}

static bool same_package(const measure_package *a, const measure_package *b)
{
    return a->count == b->count && memcmp(a->types, b->types, a->count * sizeof a->types[0]) == 0;
}

/* Field by field: memcmp would also compare padding. */
static bool same_config(const decision_config *a, const decision_config *b)
{
    for (int l = 0; l < RESISTANCE_LEVELS; l++)
        if (!same_package(&a->person_packages[l], &b->person_packages[l]) ||
            !same_package(&a->object_packages[l], &b->object_packages[l]))
            return false;
    return same_package(&a->category_i_package, &b->category_i_package) &&
           a->urgent_confirm_days == b->urgent_confirm_days &&
           a->review_days_default == b->review_days_default &&
           a->aftercare_days == b->aftercare_days;
}

static bool package_is(const measure_package *p, const measure_type *types, size_t n)
{
    if (!p || p->count != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (p->types[i] != types[i])
            return false;
    return true;
}

/* ---- a decision being taken: a person case, a final DI valid until 2027-01-31 ---- */

static const viewer authority_user = {
    .user_id = 7, .username = "authority.a", .role = ROLE_AUTHORITY, .org = "om-amsterdam"};

typedef struct scenario {
    case_record c;
    assessment_record final;
    decision_facts f;
    measure_type measures[DECISION_MAX_PACKAGE + 4];
} scenario;

static const measure_type level3[] = {MEASURE_SECURITY_ADVICE, MEASURE_OBE_MEASURES,
                                      MEASURE_ALARM_PRIORITY_RESPONSE, MEASURE_DATA_SHIELDING,
                                      MEASURE_SURVEILLANCE_ATTENTION};

static void set_measures(scenario *s, const measure_type *types, size_t n)
{
    memcpy(s->measures, types, n * sizeof types[0]);
    s->f.measures = s->measures;
    s->f.measure_count = n;
}

/* Taken on 2027-01-31, the DI's last valid day, adopting its levels 4/3 with the level-3 package.
 */
static void scenario_init(scenario *s)
{
    memset(s, 0, sizeof *s);
    s->c = (case_record){.id = 1,
                         .status = STATUS_DECISION,
                         .domain = DOMAIN_LOCAL,
                         .authority_org = "om-amsterdam",
                         .subject = CASE_SUBJECT_PERSONS};
    s->final = (assessment_record){.id = 5,
                                   .product = PRODUCT_DI,
                                   .status = ASSESSMENT_FINAL,
                                   .threat_level = 4,
                                   .resistance_level = 3,
                                   .valid_until = "2027-01-31"};
    s->f = (decision_facts){.by = &authority_user,
                            .c = &s->c,
                            .subject = CASE_SUBJECT_PERSONS,
                            .today = day(2027, 1, 31),
                            .final = &s->final,
                            .deviation_reasoning = "",
                            .below_package_reason = ""};
    set_measures(s, level3, sizeof level3 / sizeof level3[0]);
}

static schild_err check(scenario *s, decision_outcome *out)
{
    decision_config cfg = defaults();
    return decision_check(&cfg, &s->f, out);
}

/* ---- vocabulary and catalogue ---- */

static void every_name_parses_back(void)
{
    for (int t = 0; t < MEASURE__COUNT; t++)
        CHECK(measure_type_parse(measure_type_name((measure_type)t)) == t);
    for (int st = 0; st < MSTATUS__COUNT; st++)
        CHECK(measure_status_parse(measure_status_name((measure_status)st)) == st);
    for (int st = 0; st < DSTATUS__COUNT; st++)
        CHECK(decision_status_parse(decision_status_name((decision_status)st)) == st);
    for (int k = 0; k < OBJECT_KIND__COUNT; k++)
        CHECK(object_kind_parse(object_kind_name((object_kind)k)) == k);
    CHECK(measure_type_parse("bodyguard") == MEASURE_NONE);
    CHECK(measure_type_parse(NULL) == MEASURE_NONE);
    CHECK(measure_status_parse("paused") == MSTATUS_NONE);
    CHECK(object_kind_parse("castle") == OBJECT_KIND_NONE);
    CHECK_STR(measure_type_name(MEASURE_HIGH_RISK_CLOSE_PROTECTION), "high_risk_close_protection");
    CHECK_STR(measure_type_name(MEASURE_PERMANENT_SUPERVISION_B), "permanent_supervision_b");
    CHECK_STR(decision_basis_name(BASIS_CATEGORY_I), "category_i");
    CHECK_STR(decision_status_name(DSTATUS_IN_FORCE), "in_force");
    CHECK_STR(case_subject_name(CASE_SUBJECT_PERSONS), "persons");
    CHECK_STR(case_subject_name(CASE_SUBJECT_SERVICE), "service");
    CHECK_STR(object_kind_name(OBJECT_GOVERNMENT_BUILDING), "government_building");
}

static bool in(measure_type t, const measure_type *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == t)
            return true;
    return false;
}

static void catalogue_marks_person_oriented_and_object_standards_as_documented(void)
{
    const measure_type person[] = {MEASURE_SECURITY_ADVICE,
                                   MEASURE_OBE_MEASURES,
                                   MEASURE_ALARM_PRIORITY_RESPONSE,
                                   MEASURE_DATA_SHIELDING,
                                   MEASURE_SURVEILLANCE_ATTENTION,
                                   MEASURE_ESCORT,
                                   MEASURE_CLOSE_PROTECTION,
                                   MEASURE_HIGH_RISK_CLOSE_PROTECTION,
                                   MEASURE_RELOCATION};
    for (int t = 0; t < MEASURE__COUNT; t++) {
        const measure_info *mi = measure_info_of((measure_type)t);
        CHECK(mi && mi->type == t);
        if (!mi)
            continue;
        CHECK(mi->person_oriented == in((measure_type)t, person, sizeof person / sizeof *person));
        CHECK(mi->object_standard == (t >= MEASURE_POLICE_ATTENTION));
        CHECK(mi->label_nl[0] && mi->label_en[0]);
        CHECK_STR(mi->executor_kinds[0], "police");
        CHECK_STR(mi->executor_kinds[1], "kmar");
        CHECK(mi->executor_kinds[2] == NULL);
        CHECK(mi->hours_per_day >= 0 && mi->hours_per_day <= 24 && mi->posts >= 0);
        CHECK(mi->object_standard == (mi->frequency[0] != '\0'));
    }
    CHECK(measure_info_of(MEASURE_NONE) == NULL);
    CHECK(measure_info_of(MEASURE__COUNT) == NULL);
    const measure_info *escort = measure_info_of(MEASURE_ESCORT);
    CHECK_STR(escort->label_nl, "Persoonsbegeleiding");
    CHECK_STR(escort->typical_executor, "politie-le");
    CHECK(escort->posts == 2 && escort->hours_per_day == 12);
    CHECK_STR(escort->qualification, "persoonsbegeleider");
    CHECK_STR(measure_info_of(MEASURE_POLICE_ATTENTION)->frequency, "4x per jaar");
    CHECK_STR(measure_info_of(MEASURE_DYNAMIC_SUPERVISION)->frequency, "1x per uur");
}

static void default_packages_are_the_documented_table(void)
{
    decision_config cfg = defaults();
    const measure_type p4[] = {MEASURE_SECURITY_ADVICE,         MEASURE_OBE_MEASURES,
                               MEASURE_ALARM_PRIORITY_RESPONSE, MEASURE_DATA_SHIELDING,
                               MEASURE_SURVEILLANCE_ATTENTION,  MEASURE_CLOSE_PROTECTION};
    CHECK(package_is(decision_package(&cfg, CASE_SUBJECT_PERSONS, 1), p4, 1));
    CHECK(package_is(decision_package(&cfg, CASE_SUBJECT_PERSONS, 2), p4, 3));
    CHECK(package_is(decision_package(&cfg, CASE_SUBJECT_PERSONS, 3), p4, 5));
    CHECK(package_is(decision_package(&cfg, CASE_SUBJECT_PERSONS, 4), p4, 6));
    const measure_type o1[] = {MEASURE_POLICE_ATTENTION};
    const measure_type o2[] = {MEASURE_DYNAMIC_SUPERVISION};
    const measure_type o3[] = {MEASURE_INTENSIFIED_MOBILE_SUPERVISION, MEASURE_CAMERA_MONITORING};
    const measure_type o4[] = {MEASURE_PERMANENT_SUPERVISION_B};
    CHECK(package_is(decision_package(&cfg, CASE_SUBJECT_OBJECT, 1), o1, 1));
    CHECK(package_is(decision_package(&cfg, CASE_SUBJECT_OBJECT, 2), o2, 1));
    CHECK(package_is(decision_package(&cfg, CASE_SUBJECT_SERVICE, 3), o3, 2));
    CHECK(package_is(decision_package(&cfg, CASE_SUBJECT_SERVICE, 4), o4, 1));
    const measure_type cat1[] = {MEASURE_SECURITY_ADVICE, MEASURE_OBE_MEASURES,
                                 MEASURE_ALARM_PRIORITY_RESPONSE, MEASURE_SURVEILLANCE_ATTENTION};
    CHECK(package_is(&cfg.category_i_package, cat1, 4));
    CHECK(decision_package(&cfg, CASE_SUBJECT_PERSONS, 0) == NULL);
    CHECK(decision_package(&cfg, CASE_SUBJECT_OBJECT, 5) == NULL);
    CHECK(cfg.urgent_confirm_days == 14 && cfg.review_days_default == 90 &&
          cfg.aftercare_days == 30);
}

/* ---- who decides ---- */

static void only_the_cases_authority_decides(void)
{
    case_record c = {.authority_org = "om-amsterdam"};
    CHECK(decision_may_decide(&authority_user, &c));
    viewer other_org = authority_user;
    other_org.org = "om-rotterdam";
    CHECK(!decision_may_decide(&other_org, &c));
    for (int r = 0; r < ROLE__COUNT; r++) {
        viewer v = authority_user;
        v.role = (role)r;
        CHECK(decision_may_decide(&v, &c) == (r == ROLE_AUTHORITY));
    }
    case_record untriaged = {.authority_org = NULL};
    CHECK(!decision_may_decide(&authority_user, &untriaged));
}

/* ---- rule 1: basis ---- */

static void a_valid_graded_assessment_is_the_basis_through_its_last_day(void)
{
    const product graded[] = {PRODUCT_DI, PRODUCT_DA, PRODUCT_RA};
    for (size_t i = 0; i < 3; i++) {
        scenario s;
        scenario_init(&s);
        s.final.product = graded[i];
        decision_outcome out;
        CHECK(check(&s, &out) == ERR_OK);
        CHECK(out.basis == BASIS_ASSESSMENT);
        CHECK(out.confirm_by == -1);
        CHECK(out.threat_level == 4 && out.resistance_level == 3);
        CHECK(out.proposed_threat_level == 4 && out.proposed_resistance_level == 3);
        CHECK(out.missing_count == 0);
    }
}

static void an_expired_or_unfinished_assessment_is_no_basis(void)
{
    scenario s;
    scenario_init(&s);
    s.f.today = day(2027, 2, 1);
    decision_outcome out;
    CHECK(check(&s, &out) == ERR_NO_VALID_ASSESSMENT);
    CHECK(out.detail && out.detail[0]);
    scenario_init(&s);
    s.final.status = ASSESSMENT_SUBMITTED;
    CHECK(check(&s, &out) == ERR_NO_VALID_ASSESSMENT);
    scenario_init(&s);
    s.f.final = NULL;
    CHECK(check(&s, &out) == ERR_NO_VALID_ASSESSMENT);
    scenario_init(&s);
    s.final.valid_until = "2027-02-30"; /* not a date */
    CHECK(check(&s, &out) == ERR_NO_VALID_ASSESSMENT);
}

static void an_ungraded_product_supports_only_an_urgent_decision(void)
{
    const product ungraded[] = {PRODUCT_DREIGINGSMELDING, PRODUCT_IRD};
    for (size_t i = 0; i < 2; i++) {
        scenario s;
        scenario_init(&s);
        s.final.product = ungraded[i];
        decision_outcome out;
        CHECK(check(&s, &out) == ERR_NO_VALID_ASSESSMENT);
        CHECK(out.detail && strstr(out.detail, "urgent") && strstr(out.detail, "IRD"));
        s.f.urgent = true;
        CHECK(check(&s, &out) == ERR_OK);
        CHECK(out.basis == BASIS_URGENT);
        CHECK(out.confirm_by == day(2027, 1, 31) + 14);
        /* urgent or not, an expired product is no basis */
        s.f.today = day(2027, 2, 1);
        CHECK(check(&s, &out) == ERR_NO_VALID_ASSESSMENT);
    }
}

static void urgent_confirm_days_come_from_the_settings(void)
{
    scenario s;
    scenario_init(&s);
    s.final.product = PRODUCT_IRD;
    s.f.urgent = true;
    decision_config cfg = defaults();
    cfg.urgent_confirm_days = 3;
    decision_outcome out;
    CHECK(decision_check(&cfg, &s.f, &out) == ERR_OK);
    CHECK(out.confirm_by == s.f.today + 3);
}

static void an_urgent_request_on_a_graded_assessment_is_not_provisional(void)
{
    scenario s;
    scenario_init(&s);
    s.f.urgent = true;
    decision_outcome out;
    CHECK(check(&s, &out) == ERR_OK);
    CHECK(out.basis == BASIS_ASSESSMENT && out.confirm_by == -1);
}

static const measure_type cat1[] = {MEASURE_SECURITY_ADVICE, MEASURE_OBE_MEASURES,
                                    MEASURE_ALARM_PRIORITY_RESPONSE,
                                    MEASURE_SURVEILLANCE_ATTENTION};

static void category_i_decides_without_an_assessment_with_its_own_package(void)
{
    scenario s;
    scenario_init(&s);
    s.c.status = STATUS_ASSESSMENT;
    s.f.final = NULL;
    s.f.category_i = true;
    s.f.resistance_level = 2;
    set_measures(&s, cat1, 4);
    decision_outcome out;
    CHECK(check(&s, &out) == ERR_OK);
    CHECK(out.basis == BASIS_CATEGORY_I);
    CHECK(out.threat_level == 0 && out.resistance_level == 2);
    CHECK(out.proposed_threat_level == 0 && out.proposed_resistance_level == 0);
    /* the category I package, not the level-2 persons package, is required */
    set_measures(&s, cat1, 3);
    CHECK(check(&s, &out) == ERR_BELOW_PACKAGE);
    CHECK(out.missing_count == 1 && out.missing[0] == MEASURE_SURVEILLANCE_ATTENTION);
    /* an expired assessment proposes nothing: the resistance level must be given */
    set_measures(&s, cat1, 4);
    s.f.resistance_level = 0;
    s.f.final = &s.final;
    s.f.today = day(2027, 6, 1);
    CHECK(check(&s, &out) == ERR_VALIDATION_FAILED);
    s.f.resistance_level = 1;
    CHECK(check(&s, &out) == ERR_OK);
    CHECK(out.basis == BASIS_CATEGORY_I);
}

static void a_valid_assessment_takes_precedence_over_category_i(void)
{
    scenario s;
    scenario_init(&s);
    s.f.category_i = true;
    decision_outcome out;
    CHECK(check(&s, &out) == ERR_OK);
    CHECK(out.basis == BASIS_ASSESSMENT);
}

/* ---- rule 2: levels ---- */

static void deviating_from_the_proposal_needs_reasoning(void)
{
    scenario s;
    scenario_init(&s);
    s.f.threat_level = 5;
    decision_outcome out;
    CHECK(check(&s, &out) == ERR_VALIDATION_FAILED);
    CHECK(out.detail && strstr(out.detail, "deviation_reasoning"));
    scenario_init(&s);
    s.f.resistance_level = 2;
    CHECK(check(&s, &out) == ERR_VALIDATION_FAILED);
    s.f.deviation_reasoning = "The person moved to a shielded address.";
    CHECK(check(&s, &out) == ERR_OK);
    CHECK(out.resistance_level == 2 && out.proposed_resistance_level == 3);
    /* asking the proposed levels is no deviation */
    scenario_init(&s);
    s.f.threat_level = 4;
    s.f.resistance_level = 3;
    CHECK(check(&s, &out) == ERR_OK);
}

static void established_levels_must_be_in_range(void)
{
    scenario s;
    scenario_init(&s);
    s.final.resistance_level = 0; /* nothing proposed, nothing given */
    decision_outcome out;
    CHECK(check(&s, &out) == ERR_VALIDATION_FAILED);
    s.f.resistance_level = 5;
    CHECK(check(&s, &out) == ERR_VALIDATION_FAILED);
    s.f.resistance_level = 3;
    CHECK(check(&s, &out) == ERR_OK);
    scenario_init(&s);
    s.final.threat_level = 0; /* an assessment basis needs a threat level 1..5 */
    CHECK(check(&s, &out) == ERR_VALIDATION_FAILED);
    s.f.threat_level = 6;
    CHECK(check(&s, &out) == ERR_VALIDATION_FAILED);
    s.f.threat_level = 1;
    CHECK(check(&s, &out) == ERR_OK);
    /* an urgent decision on a dreigingsmelding without a threat level */
    scenario_init(&s);
    s.final.product = PRODUCT_DREIGINGSMELDING;
    s.final.threat_level = 0;
    s.f.urgent = true;
    CHECK(check(&s, &out) == ERR_OK);
    CHECK(out.threat_level == 0 && out.basis == BASIS_URGENT);
}

/* ---- rule 3: subject; rule 4: exclusivity ---- */

static void object_cases_take_no_person_oriented_measures(void)
{
    scenario s;
    scenario_init(&s);
    s.c.subject = s.f.subject = CASE_SUBJECT_OBJECT;
    s.final.resistance_level = 3;
    const measure_type objects[] = {MEASURE_INTENSIFIED_MOBILE_SUPERVISION,
                                    MEASURE_CAMERA_MONITORING};
    set_measures(&s, objects, 2);
    decision_outcome out;
    CHECK(check(&s, &out) == ERR_OK);
    const measure_type with_escort[] = {MEASURE_INTENSIFIED_MOBILE_SUPERVISION,
                                        MEASURE_CAMERA_MONITORING, MEASURE_ESCORT};
    set_measures(&s, with_escort, 3);
    CHECK(check(&s, &out) == ERR_VALIDATION_FAILED);
    s.c.subject = s.f.subject = CASE_SUBJECT_SERVICE;
    CHECK(check(&s, &out) == ERR_VALIDATION_FAILED);
    /* the person package is not asked of an object */
    set_measures(&s, objects, 1);
    CHECK(check(&s, &out) == ERR_BELOW_PACKAGE);
    CHECK(out.missing_count == 1 && out.missing[0] == MEASURE_CAMERA_MONITORING);
}

static void a_local_case_yields_person_oriented_measures_to_a_national_case(void)
{
    scenario s;
    scenario_init(&s);
    s.f.national_case_elsewhere = true;
    decision_outcome out;
    CHECK(check(&s, &out) == ERR_EXCLUSIVITY);
    CHECK(out.detail && out.detail[0]);
    /* a national case is not bound */
    s.c.domain = DOMAIN_NATIONAL;
    CHECK(check(&s, &out) == ERR_OK);
    /* measures that are not person-oriented stay possible locally */
    s.c.domain = DOMAIN_LOCAL;
    const measure_type not_person[] = {MEASURE_STATIC_GUARDING, MEASURE_THREATENER_ACTION};
    set_measures(&s, not_person, 2);
    s.f.below_package_reason = "The national authority protects the person.";
    CHECK(check(&s, &out) == ERR_OK);
    /* no national case: no exclusivity */
    scenario_init(&s);
    CHECK(check(&s, &out) == ERR_OK);
}

/* ---- rule 5: package ---- */

static void below_the_package_lists_what_is_missing_unless_reasoned(void)
{
    scenario s;
    scenario_init(&s);
    const measure_type some[] = {MEASURE_SECURITY_ADVICE, MEASURE_DATA_SHIELDING, MEASURE_ESCORT};
    set_measures(&s, some, 3);
    decision_outcome out;
    CHECK(check(&s, &out) == ERR_BELOW_PACKAGE);
    CHECK(out.missing_count == 3);
    CHECK(out.missing[0] == MEASURE_OBE_MEASURES);
    CHECK(out.missing[1] == MEASURE_ALARM_PRIORITY_RESPONSE);
    CHECK(out.missing[2] == MEASURE_SURVEILLANCE_ATTENTION);
    s.f.below_package_reason = "The person refuses OBE measures and surveillance in writing.";
    CHECK(check(&s, &out) == ERR_OK);
    CHECK(out.missing_count == 3);
    /* more than the package is fine */
    scenario_init(&s);
    const measure_type more[] = {MEASURE_SECURITY_ADVICE,         MEASURE_OBE_MEASURES,
                                 MEASURE_ALARM_PRIORITY_RESPONSE, MEASURE_DATA_SHIELDING,
                                 MEASURE_SURVEILLANCE_ATTENTION,  MEASURE_ESCORT};
    set_measures(&s, more, 6);
    CHECK(check(&s, &out) == ERR_OK && out.missing_count == 0);
    /* a decision without measures is below every package */
    set_measures(&s, more, 0);
    CHECK(check(&s, &out) == ERR_BELOW_PACKAGE && out.missing_count == 5);
}

static void the_package_follows_the_established_level(void)
{
    scenario s;
    scenario_init(&s);
    s.f.resistance_level = 4;
    s.f.deviation_reasoning = "Recent attack in the same network.";
    decision_outcome out;
    CHECK(check(&s, &out) == ERR_BELOW_PACKAGE);
    CHECK(out.missing_count == 1 && out.missing[0] == MEASURE_CLOSE_PROTECTION);
    s.f.resistance_level = 1;
    CHECK(check(&s, &out) == ERR_OK);
}

static void rules_refuse_in_their_documented_order(void)
{
    /* everything wrong at once: the basis speaks first */
    scenario s;
    scenario_init(&s);
    s.f.final = NULL;
    s.f.threat_level = 5;
    s.c.subject = s.f.subject = CASE_SUBJECT_OBJECT;
    s.f.national_case_elsewhere = true;
    set_measures(&s, (const measure_type[]){MEASURE_ESCORT}, 1);
    decision_outcome out;
    CHECK(check(&s, &out) == ERR_NO_VALID_ASSESSMENT);
    s.f.final = &s.final; /* then the deviation */
    CHECK(check(&s, &out) == ERR_VALIDATION_FAILED);
    CHECK(out.detail && strstr(out.detail, "deviation_reasoning"));
    s.f.threat_level = 0; /* then the subject (also 422, another detail) */
    CHECK(check(&s, &out) == ERR_VALIDATION_FAILED);
    CHECK(out.detail && strstr(out.detail, "person-oriented"));
    s.c.subject = s.f.subject = CASE_SUBJECT_PERSONS; /* then exclusivity */
    CHECK(check(&s, &out) == ERR_EXCLUSIVITY);
    s.f.national_case_elsewhere = false; /* then the package */
    CHECK(check(&s, &out) == ERR_BELOW_PACKAGE);
}

/* ---- execution ---- */

static void measures_move_only_as_documented(void)
{
    const int allowed[MSTATUS__COUNT][MSTATUS__COUNT] = {
        [MSTATUS_PLANNED] = {[MSTATUS_ACTIVE] = 1, [MSTATUS_ENDED] = 1},
        [MSTATUS_ACTIVE] = {[MSTATUS_SUSPENDED] = 1, [MSTATUS_ENDED] = 1},
        [MSTATUS_SUSPENDED] = {[MSTATUS_ACTIVE] = 1, [MSTATUS_ENDED] = 1},
    };
    for (int from = 0; from < MSTATUS__COUNT; from++)
        for (int to = 0; to < MSTATUS__COUNT; to++)
            CHECK(measure_transition_allowed((measure_status)from, (measure_status)to) ==
                  (allowed[from][to] ? ERR_OK : ERR_INVALID_TRANSITION));
    CHECK(measure_transition_allowed(MSTATUS_NONE, MSTATUS_ACTIVE) == ERR_INVALID_TRANSITION);
    CHECK(measure_transition_allowed(MSTATUS_PLANNED, MSTATUS_NONE) == ERR_INVALID_TRANSITION);
}

static void only_a_unit_lead_of_the_executor_moves_a_measure(void)
{
    measure_record m = {.executor_org = "politie-le"};
    viewer lead = {.role = ROLE_UNIT_LEAD, .org = "politie-le"};
    CHECK(measure_may_execute(&lead, &m));
    for (int r = 0; r < ROLE__COUNT; r++) {
        viewer v = lead;
        v.role = (role)r;
        CHECK(measure_may_execute(&v, &m) == (r == ROLE_UNIT_LEAD));
    }
    lead.org = "kmar";
    CHECK(!measure_may_execute(&lead, &m));
    CHECK(measure_executor_kind_valid("police"));
    CHECK(measure_executor_kind_valid("kmar"));
    CHECK(!measure_executor_kind_valid("om"));
    CHECK(!measure_executor_kind_valid("municipality"));
    CHECK(!measure_executor_kind_valid(NULL));
}

/* ---- staying current ---- */

/* In protection since a decision of 2027-01-10 by om-amsterdam; nothing is due on 2027-02-01. */
static case_currency currency(void)
{
    return (case_currency){.case_id = 1,
                           .status = STATUS_PROTECTION,
                           .domain = DOMAIN_LOCAL,
                           .authority_org = "om-amsterdam",
                           .assessment_id = 5,
                           .assessment_product = PRODUCT_DI,
                           .assessment_valid_until = "2027-02-01",
                           .decision_id = 3,
                           .decision_at = "2027-01-10T09:00:00Z",
                           .decision_authority_org = "om-amsterdam",
                           .review_date = "2027-02-01",
                           .decision_basis = BASIS_ASSESSMENT,
                           .confirm_by = "",
                           .last_signal_at = "2027-01-10T09:00:00Z",
                           .open_measures = 2};
}

static void a_quiet_case_has_no_flags(void)
{
    case_currency cc = currency();
    CHECK(case_flags(&cc, day(2027, 2, 1)) == 0);
}

static void the_assessment_expires_the_day_after_valid_until(void)
{
    case_currency cc = currency();
    CHECK(!(case_flags(&cc, day(2027, 2, 1)) & FLAG_ASSESSMENT_EXPIRED));
    CHECK(case_flags(&cc, day(2027, 2, 2)) & FLAG_ASSESSMENT_EXPIRED);
    cc.assessment_id = 0; /* category I: nothing to expire */
    cc.assessment_valid_until = NULL;
    CHECK(!(case_flags(&cc, day(2027, 2, 2)) & FLAG_ASSESSMENT_EXPIRED));
}

static void the_review_is_due_once_its_date_has_passed(void)
{
    case_currency cc = currency();
    cc.assessment_valid_until = "2030-01-01";
    CHECK(case_flags(&cc, day(2027, 2, 1)) == 0);
    CHECK(case_flags(&cc, day(2027, 2, 2)) == FLAG_REVIEW_DUE);
}

static void a_signal_after_the_decision_is_new_information(void)
{
    case_currency cc = currency();
    CHECK(!(case_flags(&cc, day(2027, 2, 1)) & FLAG_NEW_INFORMATION)); /* same second */
    cc.last_signal_at = "2027-01-10T09:00:01Z";
    CHECK(case_flags(&cc, day(2027, 2, 1)) == FLAG_NEW_INFORMATION);
    cc.last_signal_at = NULL;
    CHECK(case_flags(&cc, day(2027, 2, 1)) == 0);
    cc.last_signal_at = "2027-01-11T00:00:00Z";
    cc.decision_id = 0; /* no decision yet: nothing to be new against */
    cc.decision_at = NULL;
    CHECK(!(case_flags(&cc, day(2027, 2, 1)) & FLAG_NEW_INFORMATION));
}

static void an_urgent_decision_is_overdue_after_confirm_by(void)
{
    case_currency cc = currency();
    cc.decision_basis = BASIS_URGENT;
    cc.confirm_by = "2027-01-24";
    CHECK(case_flags(&cc, day(2027, 1, 24)) == 0);
    CHECK(case_flags(&cc, day(2027, 1, 25)) == FLAG_PROVISIONAL_OVERDUE);
    cc.decision_basis = BASIS_ASSESSMENT; /* confirmed by a later decision */
    CHECK(case_flags(&cc, day(2027, 1, 25)) == 0);
}

static void a_transferred_case_shows_the_previous_authority_until_the_new_one_decides(void)
{
    case_currency cc = currency();
    cc.authority_org = "nctv";
    CHECK(case_flags(&cc, day(2027, 2, 1)) == FLAG_PREVIOUS_AUTHORITY);
    cc.decision_authority_org = "nctv";
    CHECK(case_flags(&cc, day(2027, 2, 1)) == 0);
}

static void closed_cases_carry_only_aftercare_from_its_date(void)
{
    case_currency cc = currency();
    cc.status = STATUS_CLOSED;
    cc.authority_org = "nctv";
    cc.last_signal_at = "2028-01-01T00:00:00Z";
    cc.aftercare_on = "2027-03-01";
    CHECK(case_flags(&cc, day(2027, 2, 28)) == 0);
    CHECK(case_flags(&cc, day(2027, 3, 1)) == FLAG_AFTERCARE_DUE);
    CHECK(case_flags(&cc, day(2029, 1, 1)) == FLAG_AFTERCARE_DUE);
    cc.aftercare_on = NULL;
    CHECK(case_flags(&cc, day(2029, 1, 1)) == 0);
    /* an open case has no aftercare flag, a case in assessment none at all */
    cc = currency();
    cc.aftercare_on = "2027-01-01";
    CHECK(!(case_flags(&cc, day(2027, 2, 1)) & FLAG_AFTERCARE_DUE));
    cc.status = STATUS_ASSESSMENT;
    CHECK(case_flags(&cc, day(2030, 1, 1)) == 0);
}

static void flag_names_are_the_documented_ones(void)
{
    const char *names[] = {"assessment_expired",  "review_due",         "new_information",
                           "provisional_overdue", "previous_authority", "aftercare_due"};
    CHECK(CASE_FLAG_COUNT == 6);
    for (unsigned i = 0; i < CASE_FLAG_COUNT; i++)
        CHECK_STR(case_flag_name(i), names[i]);
    CHECK(FLAG_AFTERCARE_DUE == 1u << 5);
}

/* ---- authority without conflicts of interest ---- */

static void a_person_working_for_the_authority_is_a_conflict(void)
{
    person_record persons[] = {{.id = 1, .employer_org = ""},
                               {.id = 2, .employer_org = "om-amsterdam"}};
    const char *kinds[] = {"", "om"};
    authority_choice choice = {"om-amsterdam", ""};
    authority_conflict out;
    CHECK(decision_authority_check(&choice, persons, kinds, 2, &out) == ERR_AUTHORITY_CONFLICT);
    CHECK(out.person_id == 2);
    CHECK_STR(out.employer_org, "om-amsterdam");
    CHECK(out.detail && out.detail[0]);
    /* NCTV advice does not cure it: another authority must decide */
    choice.nctv_advice = "Heard.";
    CHECK(decision_authority_check(&choice, persons, kinds, 2, &out) == ERR_AUTHORITY_CONFLICT);
    choice.authority_org = "om-den-haag";
    CHECK(decision_authority_check(&choice, persons, kinds, 2, &out) == ERR_OK);
    /* national: an NCTV employee */
    persons[1].employer_org = "nctv";
    kinds[1] = "coordinator";
    choice = (authority_choice){"nctv", ""};
    CHECK(decision_authority_check(&choice, persons, kinds, 2, &out) == ERR_AUTHORITY_CONFLICT);
    CHECK(out.person_id == 2);
}

static void a_threatened_mayor_or_police_chief_needs_the_nctvs_advice(void)
{
    person_record persons[] = {{.id = 4, .employer_org = "gemeente-rotterdam"},
                               {.id = 5, .employer_org = "politie-rotterdam"}};
    const char *kinds[] = {"municipality", "police"};
    authority_choice choice = {"om-rotterdam", ""};
    authority_conflict out;
    CHECK(decision_authority_check(&choice, persons, kinds, 2, &out) == ERR_AUTHORITY_CONFLICT);
    CHECK(out.person_id == 4); /* the first one */
    CHECK(out.detail && strstr(out.detail, "NCTV"));
    CHECK(decision_authority_check(&choice, persons + 1, kinds + 1, 1, &out) ==
          ERR_AUTHORITY_CONFLICT);
    CHECK(out.person_id == 5);
    choice.nctv_advice = "The NCTV advises close protection by the DKDB.";
    CHECK(decision_authority_check(&choice, persons, kinds, 2, &out) == ERR_OK);
    /* national: the NCTV itself decides, no advice to hear */
    choice = (authority_choice){"nctv", ""};
    CHECK(decision_authority_check(&choice, persons, kinds, 2, &out) == ERR_OK);
    /* nobody employed: nothing to check */
    CHECK(decision_authority_check(&choice, persons, kinds, 0, &out) == ERR_OK);
}

/* ---- settings ---- */

static bool parse(decision_config *cfg, const char *json)
{
    char err[256] = "";
    return decision_config_parse(cfg, json, strlen(json), err, sizeof err);
}

static void settings_override_packages_and_terms(void)
{
    decision_config cfg = defaults();
    CHECK(parse(&cfg, "{\"decisions\": {\"packages\": {\"persons\": {\"2\": [\"security_advice\", "
                      "\"escort\"]}, \"objects\": {\"1\": []}, \"category_i\": "
                      "[\"close_protection\"]}, \"urgent_confirm_days\": 7, "
                      "\"review_days_default\": 60, \"aftercare_days\": 3650}, "
                      "\"reassessment_warning_days\": 10}"));
    const measure_type p2[] = {MEASURE_SECURITY_ADVICE, MEASURE_ESCORT};
    CHECK(package_is(&cfg.person_packages[1], p2, 2));
    CHECK(cfg.object_packages[0].count == 0);
    CHECK(cfg.category_i_package.count == 1 &&
          cfg.category_i_package.types[0] == MEASURE_CLOSE_PROTECTION);
    CHECK(cfg.urgent_confirm_days == 7 && cfg.review_days_default == 60 &&
          cfg.aftercare_days == 3650);
    decision_config d = defaults(); /* untouched levels keep their defaults */
    CHECK(same_package(&cfg.person_packages[3], &d.person_packages[3]));
}

static void settings_without_decisions_change_nothing(void)
{
    decision_config cfg = defaults(), before = defaults();
    CHECK(parse(&cfg, "{\"threat_matrix\": 1}"));
    CHECK(parse(&cfg, "{}"));
    CHECK(same_config(&cfg, &before));
}

static void bad_settings_are_refused_and_change_nothing(void)
{
    const char *bad[] = {
        "{\"decisions\": {\"colour\": 1}}",
        "{\"decisions\": []}",
        "{\"decisions\": {\"urgent_confirm_days\": \"14\"}}",
        "{\"decisions\": {\"urgent_confirm_days\": 0}}",
        "{\"decisions\": {\"review_days_default\": 3651}}",
        "{\"decisions\": {\"aftercare_days\": 1.5}}",
        "{\"decisions\": {\"packages\": {\"persons\": {\"1\": [\"bodyguard\"]}}}}",
        "{\"decisions\": {\"packages\": {\"persons\": {\"1\": [7]}}}}",
        "{\"decisions\": {\"packages\": {\"persons\": {\"5\": []}}}}",
        "{\"decisions\": {\"packages\": {\"persons\": {\"0\": []}}}}",
        "{\"decisions\": {\"packages\": {\"persons\": {\"12\": []}}}}",
        "{\"decisions\": {\"packages\": {\"persons\": [[]]}}}",
        "{\"decisions\": {\"packages\": {\"vehicles\": {}}}}",
        "{\"decisions\": {\"packages\": {\"category_i\": \"escort\"}}}",
        "{\"decisions\": {\"packages\": {\"category_i\": [\"escort\", \"escort\"]}}}",
        "{\"decisions\": {\"packages\": {\"objects\": {\"1\": [\"escort\"]}}}}",
        "{\"decisions\": {\"packages\": {\"category_i\": [\"security_advice\", \"obe_measures\", "
        "\"alarm_priority_response\", \"data_shielding\", \"surveillance_attention\", "
        "\"camera_monitoring\", \"static_guarding\", \"escort\", \"close_protection\"]}}}",
        "{\"decisions\": {\"aftercare_days\": 5, \"aftercare_days\": 6}}",
        "[\"decisions\"]",
        "not json",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        decision_config cfg = defaults(), before = defaults();
        char err[256] = "";
        bool ok = decision_config_parse(&cfg, bad[i], strlen(bad[i]), err, sizeof err);
        CHECK(!ok);
        CHECK(err[0] != '\0');
        CHECK(same_config(&cfg, &before));
        if (ok)
            fprintf(stderr, "accepted: %s\n", bad[i]);
    }
    /* valid settings before the bad one do not stick either */
    decision_config cfg = defaults(), before = defaults();
    CHECK(!parse(&cfg, "{\"decisions\": {\"urgent_confirm_days\": 3, \"packages\": "
                       "{\"persons\": {\"1\": [\"escort\"]}}, \"aftercare_days\": -1}}"));
    CHECK(same_config(&cfg, &before));
}

static void the_daf_settings_accept_a_decisions_key(void)
{
    daf_config cfg;
    daf_config_defaults(&cfg);
    const char *doc =
        "{\"reassessment_warning_days\": 12, \"decisions\": {\"urgent_confirm_days\": 7}}";
    char err[256] = "";
    CHECK(daf_config_parse(&cfg, doc, strlen(doc), err, sizeof err));
    CHECK(cfg.reassessment_warning_days == 12);
    const char *unknown = "{\"decision\": {}}";
    CHECK(!daf_config_parse(&cfg, unknown, strlen(unknown), err, sizeof err));
}

/* ---- the authority a triage assigns ---- */

static void triage_assigns_the_authority_and_analysis_function_of_the_domain(void)
{
    triage_result r;
    CHECK(triage_authority_for(DOMAIN_NATIONAL, NULL, NULL, &r) == ERR_OK);
    CHECK_STR(r.authority, "nctv");
    CHECK(r.member_count == 3);
    CHECK_STR(r.members[0].org, "nctv");
    CHECK_STR(r.members[0].membership, "authority");
    CHECK_STR(r.members[1].org, "aivd");
    CHECK_STR(r.members[2].org, "politie-le");
    CHECK_STR(r.members[2].membership, "daf");
    CHECK(triage_authority_for(DOMAIN_LOCAL, "gelderland", NULL, &r) == ERR_OK);
    CHECK_STR(r.authority, "om-gelderland");
    CHECK(r.member_count == 2);
    CHECK_STR(r.members[1].org, "politie-oost-nederland");
    /* another district's HOvJ; the DAF stays the district's */
    CHECK(triage_authority_for(DOMAIN_LOCAL, "rotterdam", "den-haag", &r) == ERR_OK);
    CHECK_STR(r.authority, "om-den-haag");
    CHECK_STR(r.members[0].org, "om-den-haag");
    CHECK_STR(r.members[1].org, "politie-rotterdam");
    CHECK(triage_authority_for(DOMAIN_LOCAL, "rotterdam", "atlantis", &r) == ERR_VALIDATION_FAILED);
    CHECK(triage_authority_for(DOMAIN_LOCAL, NULL, NULL, &r) == ERR_VALIDATION_FAILED);
    CHECK(triage_authority_for(DOMAIN_NONE, "rotterdam", NULL, &r) == ERR_VALIDATION_FAILED);
}

static void triage_with_another_districts_authority(void)
{
    viewer tri = {.user_id = 9, .username = "triage.a", .role = ROLE_TRIAGE, .org = "nctv"};
    case_record c = {.status = STATUS_REFERRED};
    triage_result r;
    CHECK(triage_decide_with(&c, TRIAGE_LOCAL, "rotterdam", "den-haag", "why", "now", &tri, &r) ==
          ERR_OK);
    CHECK(c.status == STATUS_ASSESSMENT && c.domain == DOMAIN_LOCAL);
    CHECK_STR(c.authority_org, "om-den-haag");
    CHECK_STR(c.triage_district, "rotterdam");
    CHECK(r.member_count == 3);
    CHECK_STR(r.members[2].membership, "triage");
    CHECK_STR(r.event, "triaged_local");
    /* the plain triage: the district's own OM, unchanged */
    case_record d = {.status = STATUS_REFERRED};
    CHECK(triage_decide(&d, TRIAGE_LOCAL, "rotterdam", "why", "now", &tri, &r) == ERR_OK);
    CHECK_STR(d.authority_org, "om-rotterdam");
    /* a refused triage leaves the case untouched */
    case_record e = {.status = STATUS_REFERRED};
    CHECK(triage_decide_with(&e, TRIAGE_LOCAL, "rotterdam", "nowhere", "why", "now", &tri, &r) ==
          ERR_VALIDATION_FAILED);
    CHECK(e.status == STATUS_REFERRED && e.domain == DOMAIN_NONE && e.authority_org == NULL);
    case_record closed = {.status = STATUS_CLOSED};
    CHECK(triage_decide(&closed, TRIAGE_NATIONAL, NULL, "why", "now", &tri, &r) ==
          ERR_INVALID_TRANSITION);
    CHECK(closed.domain == DOMAIN_NONE && closed.authority_org == NULL);
    case_record none = {.status = STATUS_REFERRED};
    CHECK(triage_decide(&none, TRIAGE_NO_MEASURES, NULL, "why", "now", &tri, &r) == ERR_OK);
    CHECK(none.status == STATUS_CLOSED && none.authority_org == NULL && r.member_count == 1);
}

/* An object's own case: the mayor (or the NCTV for the national list) with the analysis
 * function, status assessment, the registration as its triage. */
static void an_object_case_gets_the_mayor_or_the_nctv(void)
{
    viewer by = {.user_id = 7, .username = "mayor", .role = ROLE_AUTHORITY, .org = "gemeente-x"};
    case_record c = {.status = STATUS_REFERRED};
    triage_result team;
    CHECK(triage_subject_case(&c, "gemeente-den-haag", "den-haag", "Ambassade",
                              "2026-11-29T10:00:00Z", &by, &team) == ERR_OK);
    CHECK(c.status == STATUS_ASSESSMENT && c.domain == DOMAIN_LOCAL && c.triage == TRIAGE_LOCAL);
    CHECK_STR(c.authority_org, "gemeente-den-haag");
    CHECK_STR(team.members[0].org, "gemeente-den-haag");
    CHECK_STR(team.members[0].membership, "authority");
    CHECK_STR(team.members[1].org, "politie-den-haag");
    CHECK_STR(c.triage_district, "den-haag");
    CHECK(c.triage_by == 7);
    CHECK_STR(c.updated_at, "2026-11-29T10:00:00Z");
    case_record n = {.status = STATUS_REFERRED};
    CHECK(triage_subject_case(&n, NULL, NULL, "Lijst", "2026-11-29T10:00:00Z", &by, &team) ==
          ERR_OK);
    CHECK(n.domain == DOMAIN_NATIONAL && !n.triage_district);
    CHECK_STR(n.authority_org, "nctv");
    CHECK(team.member_count == 3);
    case_record bad = {.status = STATUS_REFERRED};
    CHECK(triage_subject_case(&bad, "gemeente-x", "atlantis", "x", "t", &by, &team) ==
          ERR_VALIDATION_FAILED);
    CHECK(bad.status == STATUS_REFERRED && !bad.authority_org);
}

int main(void)
{
    RUN(every_name_parses_back);
    RUN(catalogue_marks_person_oriented_and_object_standards_as_documented);
    RUN(default_packages_are_the_documented_table);
    RUN(only_the_cases_authority_decides);
    RUN(a_valid_graded_assessment_is_the_basis_through_its_last_day);
    RUN(an_expired_or_unfinished_assessment_is_no_basis);
    RUN(an_ungraded_product_supports_only_an_urgent_decision);
    RUN(urgent_confirm_days_come_from_the_settings);
    RUN(an_urgent_request_on_a_graded_assessment_is_not_provisional);
    RUN(category_i_decides_without_an_assessment_with_its_own_package);
    RUN(a_valid_assessment_takes_precedence_over_category_i);
    RUN(deviating_from_the_proposal_needs_reasoning);
    RUN(established_levels_must_be_in_range);
    RUN(object_cases_take_no_person_oriented_measures);
    RUN(a_local_case_yields_person_oriented_measures_to_a_national_case);
    RUN(below_the_package_lists_what_is_missing_unless_reasoned);
    RUN(the_package_follows_the_established_level);
    RUN(rules_refuse_in_their_documented_order);
    RUN(measures_move_only_as_documented);
    RUN(only_a_unit_lead_of_the_executor_moves_a_measure);
    RUN(a_quiet_case_has_no_flags);
    RUN(the_assessment_expires_the_day_after_valid_until);
    RUN(the_review_is_due_once_its_date_has_passed);
    RUN(a_signal_after_the_decision_is_new_information);
    RUN(an_urgent_decision_is_overdue_after_confirm_by);
    RUN(a_transferred_case_shows_the_previous_authority_until_the_new_one_decides);
    RUN(closed_cases_carry_only_aftercare_from_its_date);
    RUN(flag_names_are_the_documented_ones);
    RUN(a_person_working_for_the_authority_is_a_conflict);
    RUN(a_threatened_mayor_or_police_chief_needs_the_nctvs_advice);
    RUN(settings_override_packages_and_terms);
    RUN(settings_without_decisions_change_nothing);
    RUN(bad_settings_are_refused_and_change_nothing);
    RUN(the_daf_settings_accept_a_decisions_key);
    RUN(triage_assigns_the_authority_and_analysis_function_of_the_domain);
    RUN(triage_with_another_districts_authority);
    RUN(an_object_case_gets_the_mayor_or_the_nctv);
    return check_summary();
}

/* demo_decisions: the authority's part of the demo world (see demo_daf.h). Most cases the DAF
 * part left in status decision get a decision by their authority with the package of the
 * assessment's resistance level, executed by the national or the district's police unit (some
 * measures active, some still planned); some decisions are old enough that their review date has
 * passed; the rest wait on the authority's work list. An embassy on the national list, a court
 * under the mayor of Den Haag and a debate evening in Amsterdam get their own cases; one
 * national-case person is on category I of the limitative list. Deterministic. */
#include "demo/demo_daf.h"

#include "core/daf_config.h"
#include "core/decision.h"
#include "core/lifecycle.h"
#include "core/orgs.h"
#include "core/triage.h"
#include "core/validate.h"

#include <stdio.h>
#include <string.h>

/* The demo authority, executor lead and contact person per authority organisation. */
typedef struct authority_cast {
    const char *org, *authority, *contact;
} authority_cast;

static const authority_cast cast[] = {
    {"nctv", "authority.dijkstra", "care.timmermans"},
    {"om-amsterdam", "authority.vanleeuwen", "care.vanwijk"},
    {"om-rotterdam", "authority.hofstra", "care.mertens"},
    {"om-den-haag", "authority.koster", NULL},
    {"om-midden-nederland", "authority.postma", NULL},
};

static const authority_cast *cast_for(const char *org)
{
    for (size_t i = 0; org && i < sizeof cast / sizeof cast[0]; i++)
        if (strcmp(cast[i].org, org) == 0)
            return &cast[i];
    return NULL;
}

/* The unit lead who reports on an executor's measures, when the demo has one. */
static const char *unit_lead_of(const char *org)
{
    static const char *const leads[][2] = {{"politie-le", "unit.prins"},
                                           {"kmar", "unit.wolters"},
                                           {"politie-amsterdam", "unit.dekker"},
                                           {"politie-rotterdam", "unit.visser"},
                                           {"politie-den-haag", "unit.vos"}};
    for (size_t i = 0; i < sizeof leads / sizeof leads[0]; i++)
        if (strcmp(leads[i][0], org) == 0)
            return leads[i][1];
    return NULL;
}

typedef struct decide_ctx {
    const demo_daf_ctx *ctx;
    arena *a;
    decision_config cfg;
    daf_config daf;
    size_t n;
    int64_t case_id;
} decide_ctx;

static const char *const proportionality[] = {
    "De dreiging is ernstig en voorstelbaar; de maatregelen sluiten aan op het weerstandsniveau en "
    "beperken de persoonlijke levenssfeer niet verder dan nodig.",
    "Gelet op de concrete aanwijzingen en de kwetsbaarheid van de woonsituatie zijn deze "
    "maatregelen noodzakelijk; lichtere maatregelen bieden onvoldoende weerstand.",
    "De maatregelen zijn in overleg met de beveiligde persoon gekozen en worden bij de "
    "herbeoordeling opnieuw gewogen.",
};

static db_status add_measure(storage *s, decide_ctx *k, const decision_record *d, measure_type type,
                             const char *executor, bool active, int64_t at_ms, const viewer *by)
{
    measure_record m = {.decision_id = d->id,
                        .case_id = d->case_id,
                        .type = type,
                        .executor_org = executor,
                        .start = demo_day(k->a, at_ms + DEMO_DAY_MS),
                        .end = "",
                        .details = "",
                        .status = active ? MSTATUS_ACTIVE : MSTATUS_PLANNED,
                        .planned_at = d->decided_at,
                        .activated_at = active ? demo_stamp(k->a, at_ms + DEMO_DAY_MS) : NULL,
                        .note = active ? "Opdracht belegd en gestart." : ""};
    viewer lead;
    const char *lead_name = unit_lead_of(executor);
    int64_t by_id = active && lead_name && demo_find_user(k->ctx, lead_name, &lead) ? lead.user_id
                                                                                    : by->user_id;
    db_status st = s->ops->measure_insert(s, &m, by_id);
    if (st < 0 ||
        (st = demo_audit(s, k->a, by, d->decided_at, "measure.create", "measure", m.id)) < 0)
        return st;
    if (!active)
        return DB_ONE;
    case_event ev = {.at = m.activated_at,
                     .event = "measure_active",
                     .actor_username = lead_name ? lead_name : by->username,
                     .actor_org = executor,
                     .text = arena_printf(k->a, "%s: %s", measure_info_of(type)->label_nl, m.note)};
    return s->ops->case_event_add(s, d->case_id, &ev);
}

/* The measures of the package (and escort from level 3 nationally), executed by the national
 * unit or the district's police. */
static db_status add_measures(storage *s, decide_ctx *k, const case_record *c,
                              const decision_record *d, int64_t at_ms, const viewer *by)
{
    const measure_package *pkg =
        decision_package(&k->cfg, CASE_SUBJECT_PERSONS, d->resistance_level);
    const char *executor =
        c->domain == DOMAIN_NATIONAL ? "politie-le" : org_police_for_district(c->triage_district);
    if (!pkg || !executor)
        return DB_HARD_ERROR;
    team_member member = {.org = executor, .membership = "executor"};
    db_status st = s->ops->case_team_add(s, c->id, &member);
    for (size_t i = 0; st >= 0 && i < pkg->count; i++)
        st = add_measure(s, k, d, pkg->types[i], executor, (i + k->n) % 3 != 0, at_ms, by);
    if (st >= 0 && c->domain == DOMAIN_NATIONAL && d->resistance_level >= 3)
        st = add_measure(s, k, d, MEASURE_ESCORT, "politie-le", k->n % 2 == 0, at_ms, by);
    return st;
}

static db_status move_to_protection(storage *s, decide_ctx *k, case_record *c,
                                    const decision_record *d, const viewer *by)
{
    case_state state = {c->status, c->awaiting_information};
    if (lifecycle_apply(&state, EVENT_DECIDE_MEASURES) != ERR_OK)
        return DB_HARD_ERROR;
    c->status = state.status;
    c->updated_at = d->decided_at;
    db_status st = s->ops->case_update(s, c);
    if (st <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    case_event ev = {.at = d->decided_at,
                     .event = lifecycle_event_name(EVENT_DECIDE_MEASURES),
                     .actor_username = by->username,
                     .actor_org = by->org,
                     .text = arena_printf(k->a, "Besluit #%lld: weerstandsniveau %d",
                                          (long long)d->id, d->resistance_level)};
    return s->ops->case_event_add(s, c->id, &ev);
}

static db_status decide_body(storage *s, void *arg)
{
    decide_ctx *k = arg;
    case_record c;
    assessment_record final;
    db_status st = s->ops->case_get(s, k->a, k->case_id, &c);
    if (st <= 0 || c.status != STATUS_DECISION)
        return st < 0 ? st : DB_ONE;
    const authority_cast *who = cast_for(c.authority_org);
    viewer by, contact = {0};
    if (!who || !demo_find_user(k->ctx, who->authority, &by))
        return DB_ONE; /* no demo authority there: the case waits */
    if ((st = s->ops->assessment_final(s, k->a, c.id, &final)) <= 0)
        return st < 0 ? st : DB_ONE;
    if (who->contact && !demo_find_user(k->ctx, who->contact, &contact))
        return DB_HARD_ERROR;
    int64_t reviewed_ms = k->ctx->epoch_ms - 2 * DEMO_DAY_MS;
    int64_t days;
    if (date_parse(final.valid_until, &days)) /* decided three days after the approval */
        reviewed_ms =
            (days - daf_validity_days(&k->daf, final.product, final.threat_level)) * DEMO_DAY_MS;
    int64_t at_ms = reviewed_ms + 3 * DEMO_DAY_MS;
    if (at_ms > k->ctx->epoch_ms)
        at_ms = k->ctx->epoch_ms - 2 * DEMO_HOUR_MS;
    /* Every fifth decision was given a short review term, which has passed: review_due. */
    int review_days = k->n % 5 == 0 ? 21 : 90;
    decision_record d = {
        .case_id = c.id,
        .authority_org = c.authority_org,
        .decided_by = by.user_id,
        .decided_at = demo_stamp(k->a, at_ms),
        .status = DSTATUS_IN_FORCE,
        .basis = BASIS_ASSESSMENT,
        .assessment_id = final.id,
        .threat_level = final.threat_level,
        .resistance_level = final.resistance_level,
        .proposed_threat_level = final.threat_level,
        .proposed_resistance_level = final.resistance_level,
        .deviation_reasoning = "",
        .proportionality = proportionality[k->n % 3],
        .tbp_view = "Betrokkene is gehoord en stemt in met de maatregelen; vraagt om zo min "
                    "mogelijk zichtbare beveiliging bij de kinderen.",
        .tbp_not_heard_reason = "",
        .tbp_refusal = k->n % 7 == 2 ? "Betrokkene weigert cameratoezicht aan de woning; "
                                       "schriftelijk vastgelegd na gesprek."
                                     : "",
        .legal_basis = c.domain == DOMAIN_NATIONAL
                           ? "Circulaire bewaken en beveiligen; gezag minister (mandaat NCTV)"
                           : "Art. 12 Politiewet 2012; gezag hoofdofficier van justitie",
        .review_date = demo_day(k->a, at_ms + (int64_t)review_days * DEMO_DAY_MS),
        .below_package_reason = "",
        .confirm_by = "",
        .contact_user_id = contact.user_id,
    };
    if ((st = s->ops->decision_insert(s, &d)) <= 0 ||
        (st = demo_audit(s, k->a, &by, d.decided_at, "decision.create", "decision", d.id)) < 0 ||
        (st = add_measures(s, k, &c, &d, at_ms, &by)) < 0)
        return st < 0 ? st : DB_HARD_ERROR;
    return move_to_protection(s, k, &c, &d, &by);
}

/* ---- objects, a service and the limitative list ---- */

typedef struct place_ctx {
    const demo_daf_ctx *ctx;
    arena *a;
} place_ctx;

/* The own case of an object or service: as the API creates it (api/subject_case.c). */
static db_status subject_case(storage *s, place_ctx *k, const viewer *by, case_subject subject,
                              const char *municipality, const char *district, const char *summary,
                              int64_t at_ms, case_record *out)
{
    triage_result team;
    const char *at = demo_stamp(k->a, at_ms);
    *out = (case_record){.summary = summary,
                         .phenomenon = PHENOMENON_OTHER,
                         .source_details = "",
                         .referring_org = by->org,
                         .referred_by = by->user_id,
                         .created_at = at,
                         .subject = subject};
    db_status st = s->ops->case_insert(s, k->a, out);
    if (st <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    if (triage_subject_case(out, municipality, district, summary, at, by, &team) != ERR_OK)
        return DB_HARD_ERROR;
    out->authority_org = arena_strdup(k->a, team.authority); /* outlives team */
    if ((st = s->ops->case_update(s, out)) <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    team_member referrer = {.org = by->org, .membership = "referrer"};
    if ((st = s->ops->case_team_add(s, out->id, &referrer)) < 0)
        return st;
    for (size_t i = 0; i < team.member_count; i++)
        if ((st = s->ops->case_team_add(s, out->id, &team.members[i])) < 0)
            return st;
    case_event ev = {.at = at,
                     .event = subject == CASE_SUBJECT_OBJECT ? "object_registered"
                                                             : "service_registered",
                     .actor_username = by->username,
                     .actor_org = by->org,
                     .text = summary};
    if ((st = s->ops->case_event_add(s, out->id, &ev)) < 0)
        return st;
    return demo_audit(s, k->a, by, at, "case.create", "case", out->id);
}

static db_status add_object(storage *s, place_ctx *k, const char *creator, object_kind kind,
                            const char *name, const char *address, const char *municipality,
                            const char *district, int days_ago)
{
    viewer by;
    if (!demo_find_user(k->ctx, creator, &by))
        return DB_HARD_ERROR;
    int64_t at_ms = k->ctx->epoch_ms - (int64_t)days_ago * DEMO_DAY_MS;
    case_record c;
    db_status st = subject_case(s, k, &by, CASE_SUBJECT_OBJECT, municipality, district,
                                arena_printf(k->a, "Object: %s, %s", name, address), at_ms, &c);
    if (st < 0)
        return st;
    object_record o = {.kind = kind,
                       .name = name,
                       .address = address,
                       .municipality = municipality ? municipality : "",
                       .district = district ? district : "",
                       .national_list = municipality == NULL,
                       .case_id = c.id,
                       .created_at = c.created_at};
    if ((st = s->ops->object_insert(s, &o)) <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    return demo_audit(s, k->a, &by, o.created_at, "object.create", "object", o.id);
}

static db_status add_service(storage *s, place_ctx *k)
{
    viewer by;
    if (!demo_find_user(k->ctx, "mayor.bakker", &by))
        return DB_HARD_ERROR;
    int64_t at_ms = k->ctx->epoch_ms - 12LL * DEMO_DAY_MS;
    case_record c;
    const char *name = "Debatavond 'Democratie onder druk'";
    db_status st = subject_case(s, k, &by, CASE_SUBJECT_SERVICE, "gemeente-amsterdam", "amsterdam",
                                "Dienst: debatavond met bedreigde sprekers (journalist, "
                                "raadslid) in De Balie",
                                at_ms, &c);
    if (st < 0)
        return st;
    service_record sv = {.name = name,
                         .venue = "De Balie, Kleine-Gartmanplantsoen 10, Amsterdam",
                         .starts_at = demo_day(k->a, k->ctx->epoch_ms + 9LL * DEMO_DAY_MS),
                         .ends_at = demo_day(k->a, k->ctx->epoch_ms + 9LL * DEMO_DAY_MS),
                         .municipality = "gemeente-amsterdam",
                         .district = "amsterdam",
                         .case_id = c.id,
                         .created_at = c.created_at};
    if ((st = s->ops->service_insert(s, &sv)) <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    return demo_audit(s, k->a, &by, sv.created_at, "service.create", "service", sv.id);
}

/* The first person of the first national case is on category I (a minister's function). */
static db_status add_limitative(storage *s, place_ctx *k)
{
    viewer by;
    if (!demo_find_user(k->ctx, "authority.dijkstra", &by))
        return DB_HARD_ERROR;
    for (size_t i = 0; i < k->ctx->case_count; i++) {
        const demo_case *dc = &k->ctx->cases[i];
        if (!dc->triage_outcome || strcmp(dc->triage_outcome, "national") != 0)
            continue;
        case_record c;
        db_status st = s->ops->case_get(s, k->a, k->ctx->case_ids[i], &c);
        if (st <= 0 || c.person_count == 0)
            return st < 0 ? st : DB_HARD_ERROR;
        limitative_entry e = {.person_id = c.persons[0].id,
                              .category = 1,
                              .until = "",
                              .reasoning = "Bijzondere democratische functie; standaardpakket "
                                           "ongeacht de actuele dreiging.",
                              .added_by = by.user_id,
                              .added_at = demo_stamp(k->a, k->ctx->epoch_ms - 200LL * DEMO_DAY_MS)};
        if ((st = s->ops->limitative_insert(s, &e)) <= 0)
            return st < 0 ? st : DB_HARD_ERROR;
        return demo_audit(s, k->a, &by, e.added_at, "limitative.create", "limitative", e.id);
    }
    return DB_ONE;
}

static db_status places_body(storage *s, void *arg)
{
    place_ctx *k = arg;
    db_status st = add_object(s, k, "authority.dijkstra", OBJECT_EMBASSY, "Ambassade van staat X",
                              "Lange Voorhout 1, Den Haag", NULL, NULL, 40);
    if (st >= 0)
        st = add_object(s, k, "mayor.vermeulen", OBJECT_COURT, "Rechtbank Den Haag",
                        "Prins Clauslaan 60, Den Haag", "gemeente-den-haag", "den-haag", 25);
    if (st >= 0)
        st = add_service(s, k);
    if (st >= 0)
        st = add_limitative(s, k);
    return st;
}

int demo_load_decisions(const demo_daf_ctx *ctx)
{
    arena a;
    arena_init(&a, 1 << 20);
    decide_ctx k = {.ctx = ctx, .a = &a};
    decision_config_defaults(&k.cfg);
    daf_config_defaults(&k.daf);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < ctx->case_count; i++) {
        if (i % 3 == 2) /* a third waits on the authority's work list */
            continue;
        k.n = i;
        k.case_id = ctx->case_ids[i];
        if (storage_transact(ctx->db, TX_WRITE, decide_body, &k) < 0) {
            fprintf(stderr, "schild: demo decision for case %zu could not be stored\n", i + 1);
            rc = -1;
        }
        arena_clear(&a);
    }
    place_ctx p = {ctx, &a};
    if (rc == 0 && storage_transact(ctx->db, TX_WRITE, places_body, &p) < 0) {
        fprintf(stderr, "schild: demo objects and services could not be stored\n");
        rc = -1;
    }
    arena_clear(&a);
    return rc;
}

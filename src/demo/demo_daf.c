/* demo_daf: deterministic threat information for the demo (see demo_daf.h). Texts are composed
 * from Dutch phrase tables indexed by the case number, so every load is identical. */
#include "demo/demo_daf.h"

#include "core/daf.h"
#include "core/lifecycle.h"
#include "core/orgs.h"
#include "core/validate.h"
#include "util/clock.h"

#include <stdio.h>
#include <string.h>

enum { DAY_MS = 86400000, HOUR_MS = 3600000, MAX_ACTORS = 16 };

typedef struct demo_actor {
    const char *kind, *name, *description;
} demo_actor;

static const demo_actor actors[] = {
    {"group", "Netwerk Zuidas-Oost", "Criminele groep rond cocaïne-invoer via de haven"},
    {"person", "R. 'de Kapper' Verhoef", "Vermoedelijke opdrachtgever van intimidaties"},
    {"group", "Groep Zwartwater", "Lokale groep die schutters en verkenners rekruteert"},
    {"organisation", "Inlichtingendienst staat X",
     "Statelijke actor die diaspora en critici volgt"},
    {"person", "M. el B.", "Alleenhandelende dader met fixatie op publieke personen"},
    {"group", "Actiegroep Dierenvrijheid",
     "Radicale activisten; eerdere bedreigingen van onderzoekers"},
    {"person", "J. de W.", "Ex-partner met eerdere geweldsincidenten"},
    {"group", "Chatgroep 'Vrij Nederland Nu'",
     "Online groep die oproept tot geweld tegen politici"},
};
enum { ACTOR_COUNT = sizeof actors / sizeof actors[0] };

/* Signal texts: an opening, a finding with inflected forms of "bedreigen" and related words,
 * and an assessment remark. Combined by case and signal number. */
static const char *const openings[] = {
    "Uit de tap van een lopend onderzoek blijkt dat",
    "Een buurtbewoner meldt dat",
    "Op sociale media is zichtbaar dat",
    "Een informant verklaart dat",
    "Camerabeelden bij de woning tonen dat",
    "De beschermde persoon meldt zelf dat",
    "Een partnerdienst deelt dat",
    "Bij een verkeerscontrole bleek dat",
};
static const char *const findings[] = {
    "er bedreigingen zijn geuit aan het adres van de beschermde persoon",
    "twee mannen de woning meermaals hebben verkend",
    "er in een chatgroep wordt opgeroepen de betrokkene te bedreigen",
    "een bekende verdachte naar het woonadres heeft gevraagd",
    "er een foto van de auto van de betrokkene is gedeeld met de tekst 'binnenkort'",
    "de betrokkene is gevolgd vanaf het werk naar huis",
    "er geld is aangeboden voor informatie over de dagelijkse routine",
    "een eerder bedreigd familielid opnieuw is benaderd",
};
static const char *const remarks[] = {
    "Betrouwbaarheid nog niet bevestigd.",
    "Past in het eerder waargenomen patroon van intimidatie.",
    "Concrete aanwijzingen voor voorbereidingshandelingen.",
    "Nog geen aanwijzingen voor een concreet plan.",
};

typedef struct loader {
    const demo_daf_ctx *ctx;
    arena a;
    int64_t actor_ids[ACTOR_COUNT];
} loader;

static db_status actors_body(storage *s, void *arg)
{
    loader *l = arg;
    viewer v;
    if (!demo_find_user(l->ctx, "analyst.vandenberg", &v))
        return DB_HARD_ERROR;
    const char *at = demo_stamp(&l->a, l->ctx->epoch_ms - 300LL * DAY_MS);
    for (size_t i = 0; i < ACTOR_COUNT; i++) {
        actor_record a = {.kind = actor_kind_parse(actors[i].kind),
                          .name = actors[i].name,
                          .description = actors[i].description,
                          .created_by_org = v.org,
                          .created_at = at};
        db_status st = s->ops->actor_insert(s, &a);
        if (st <= 0 || (st = demo_audit(s, &l->a, &v, at, "actor.create", "actor", a.id)) < 0)
            return st < 0 ? st : DB_HARD_ERROR;
        l->actor_ids[i] = a.id;
    }
    return DB_ONE;
}

/* The analyst who works a case: the regional unit's for local cases, NCTV/AIVD/LE nationally. */
static const char *case_analyst(const demo_case *dc, size_t n)
{
    if (strcmp(dc->triage_outcome, "national") == 0) {
        static const char *const national[] = {"analyst.vandenberg", "analyst.kuipers",
                                               "analyst.hendriks", "analyst.bos"};
        return national[n % 4];
    }
    static const struct {
        const char *district, *analyst;
    } local[] = {{"amsterdam", "analyst.devries"},
                 {"rotterdam", "analyst.ouali"},
                 {"den-haag", "analyst.smits"},
                 {"midden-nederland", "analyst.vandijk"}};
    for (size_t i = 0; i < sizeof local / sizeof local[0]; i++)
        if (dc->district && strcmp(dc->district, local[i].district) == 0)
            return local[i].analyst;
    return NULL; /* no demo analyst in that unit: the case keeps waiting for one */
}

typedef struct case_ctx {
    loader *l;
    size_t n; /* demo case index */
    const demo_case *dc;
    int64_t case_id;
    int64_t signal_ids[6];
    size_t signal_count;
} case_ctx;

/* One signal; variant picks the compartment and handling pattern. */
static db_status add_signal(storage *s, case_ctx *k, const viewer *by, size_t variant,
                            int64_t at_ms)
{
    loader *l = k->l;
    size_t n = k->n;
    signal_record sig = {
        .case_id = k->case_id,
        .received_at = demo_day(&l->a, at_ms - DAY_MS),
        .source_org = by->org,
        .source_grade = (source_grade)((n + variant) % 3),
        .info_grade = (info_grade)((n * 3 + variant) % 4),
        .handling = HANDLING_H0,
        .handling_note = "",
        .compartment = COMPARTMENT_POLICE,
        .concrete = (n + variant) % 3 == 0,
        .text = arena_printf(&l->a, "%s %s. %s", openings[(n + variant) % 8],
                             findings[(n * 5 + variant * 3) % 8], remarks[(n + variant) % 4]),
        .recorded_by = by->user_id,
        .recorded_by_org = by->org,
        .created_at = demo_stamp(&l->a, at_ms),
    };
    signal_subject subjects[2];
    size_t actor = (n * 7 + variant) % ACTOR_COUNT;
    if (variant == 1 || (variant == 0 && n % 3 == 0)) {
        subjects[sig.subject_count++] = (signal_subject){SUBJECT_ACTOR, l->actor_ids[actor], NULL};
        sig.subjects = subjects;
    }
    if (variant == 2) { /* informant information: only analysts of the supplying unit read it */
        sig.compartment = COMPARTMENT_INFORMANT;
        sig.handling = HANDLING_H1;
    } else if (variant == 3 && strcmp(by->org, "aivd") == 0) {
        sig.compartment = COMPARTMENT_INTELLIGENCE_SERVICE;
        sig.handling = HANDLING_H2;
    } else if (variant == 3) {
        sig.compartment = COMPARTMENT_OPEN_SOURCE;
    }
    db_status st = s->ops->signal_insert(s, &sig);
    if (st < 0 ||
        (st = demo_audit(s, &l->a, by, sig.created_at, "signal.create", "signal", sig.id)) < 0)
        return st;
    if (k->signal_count < sizeof k->signal_ids / sizeof k->signal_ids[0])
        k->signal_ids[k->signal_count++] = sig.id;
    return DB_ONE;
}

static const char *const reasonings[] = {
    "Ernstige bedreigingen uit de criminele omgeving; intentie is bekend, capaciteit wordt "
    "verwacht gezien eerdere geweldsincidenten van de groep.",
    "Dreiging is voorstelbaar maar er zijn geen concrete aanwijzingen voor voorbereiding. "
    "Herbeoordeling bij nieuwe informatie.",
    "Concrete aanwijzingen: verkenning van de woning en vragen naar de dagelijkse routine.",
};

/* A DI by the case's analyst; stage 0 draft, 1 submitted, 2 final (approved by a colleague). */
static db_status add_assessment(storage *s, case_ctx *k, const viewer *author, int stage,
                                int64_t at_ms, case_record *c)
{
    loader *l = k->l;
    size_t n = k->n;
    int seriousness = 2 + (int)(n % 3), likelihood = 1 + (int)((n * 7) % 4);
    assessment_record a = {
        .case_id = k->case_id,
        .product = PRODUCT_DI,
        .status = ASSESSMENT_DRAFT,
        .seriousness = seriousness,
        .likelihood = likelihood,
        .intent = 2 + (int)(n % 4),
        .capability = 1 + (int)(n % 5),
        .resistance_level = 1 + (int)(n % 4),
        .threat_level_derived = true,
        .concreteness = likelihood >= 4 ? "concrete" : "conceivable",
        .reasoning = reasonings[n % 3],
        .vulnerabilities = "Vast woon-werkpatroon; adres vindbaar via het handelsregister.",
        .content = arena_printf(&l->a,
                                "{\"actors\":[],\"signals\":[%lld],\"indicators\":{\"fixation\":"
                                "\"present\",\"leakage\":\"%s\",\"history_of_violence\":"
                                "\"unknown\"},\"indicator_template\":\"warning-behaviour-v1\","
                                "\"recommended_measures\":[\"security_advice\"]}",
                                (long long)k->signal_ids[0], n % 2 ? "present" : "absent"),
        .author_id = author->user_id,
        .created_at = demo_stamp(&l->a, at_ms),
    };
    static const int matrix[5][5] = {
        {1, 1, 1, 1, 2}, {1, 1, 2, 2, 2}, {1, 2, 2, 3, 3}, {1, 2, 3, 4, 4}, {2, 2, 3, 4, 5}};
    a.threat_level = matrix[seriousness - 1][likelihood - 1];
    if (stage >= 1)
        a.submitted_at = demo_stamp(&l->a, at_ms + HOUR_MS);
    a.status = stage == 0 ? ASSESSMENT_DRAFT : stage == 1 ? ASSESSMENT_SUBMITTED : ASSESSMENT_FINAL;
    viewer reviewer = {0};
    if (stage == 2) {
        if (!demo_find_user(l->ctx,
                            strcmp(author->username, "analyst.bos") == 0 ? "analyst.vandenberg"
                                                                         : "analyst.bos",
                            &reviewer))
            return DB_HARD_ERROR;
        int validity = a.threat_level >= 3 ? 90 : 180;
        a.reviewer_id = reviewer.user_id;
        a.review_comment = "Akkoord.";
        a.reviewed_at = demo_stamp(&l->a, at_ms + 2 * HOUR_MS);
        a.valid_until = demo_day(&l->a, at_ms + (int64_t)validity * DAY_MS);
    }
    db_status st = s->ops->assessment_insert(s, &a);
    if (st < 0 || (st = demo_audit(s, &l->a, author, a.created_at, "assessment.create",
                                   "assessment", a.id)) < 0)
        return st;
    if (stage < 2)
        return DB_ONE;
    if ((st = demo_audit(s, &l->a, &reviewer, a.reviewed_at, "assessment.approve", "assessment",
                         a.id)) < 0)
        return st;
    case_state state = {c->status, c->awaiting_information};
    if (lifecycle_apply(&state, EVENT_ASSESSMENT_FINAL) != ERR_OK)
        return DB_ONE; /* the case is past assessment already */
    c->status = state.status;
    c->updated_at = a.reviewed_at;
    if ((st = s->ops->case_update(s, c)) <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    case_event ev = {.at = a.reviewed_at,
                     .event = lifecycle_event_name(EVENT_ASSESSMENT_FINAL),
                     .actor_username = reviewer.username,
                     .actor_org = reviewer.org,
                     .text = "Dreigingsinschatting (DI) vastgesteld na vier-ogen-toets."};
    return s->ops->case_event_add(s, c->id, &ev);
}

static db_status case_body(storage *s, void *arg)
{
    case_ctx *k = arg;
    loader *l = k->l;
    k->signal_count = 0;
    const char *analyst = case_analyst(k->dc, k->n);
    viewer by;
    if (!analyst || !demo_find_user(l->ctx, analyst, &by))
        return DB_ONE;
    case_record c;
    db_status st = s->ops->case_get(s, &l->a, k->case_id, &c);
    if (st <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    int64_t referred = l->ctx->epoch_ms - (int64_t)k->dc->days_ago * DAY_MS;
    /* National cases get an AIVD item under originator control (H2) as their last signal. */
    bool national = strcmp(k->dc->triage_outcome, "national") == 0;
    viewer aivd;
    if (national && !demo_find_user(l->ctx, "analyst.kuipers", &aivd))
        return DB_HARD_ERROR;
    size_t signals = 2 + k->n % 3 + (national ? 1 : 0);
    for (size_t v = 0; v < signals; v++) {
        int64_t at = referred + (int64_t)(3 + v * 9) * DAY_MS;
        if (at > l->ctx->epoch_ms)
            at = l->ctx->epoch_ms - (int64_t)(signals - v) * HOUR_MS;
        bool intelligence = national && v == signals - 1;
        if ((st = add_signal(s, k, intelligence ? &aivd : &by, intelligence ? 3 : v % 3, at)) < 0)
            return st;
    }
    if (c.status != STATUS_ASSESSMENT)
        return DB_ONE;
    /* Most cases have a final DI; some wait for review or are drafts; the rest wait for one. */
    int stage = k->n % 6 == 1 ? 1 : k->n % 6 == 2 ? 0 : k->n % 6 == 3 ? -1 : 2;
    if (stage < 0)
        return DB_ONE;
    int64_t at = referred + 20LL * DAY_MS;
    if (at > l->ctx->epoch_ms)
        at = l->ctx->epoch_ms - 5LL * HOUR_MS;
    /* Older cases were re-assessed since, so their assessment is in date; every fifth kept its
     * first one, which has expired (the red flag of the work lists). */
    if (l->ctx->epoch_ms - at > 75LL * DAY_MS && k->n % 5 != 4)
        at = l->ctx->epoch_ms - (int64_t)(10 + (k->n * 13) % 60) * DAY_MS;
    return add_assessment(s, k, &by, stage, at, &c);
}

int demo_load_daf(const demo_daf_ctx *ctx)
{
    loader l = {.ctx = ctx};
    arena_init(&l.a, 1 << 20);
    int rc = storage_transact(ctx->db, TX_WRITE, actors_body, &l) < 0 ? -1 : 0;
    for (size_t i = 0; rc == 0 && i < ctx->case_count; i++) {
        const demo_case *dc = &ctx->cases[i];
        if (!dc->triage_outcome || (strcmp(dc->triage_outcome, "national") != 0 &&
                                    strcmp(dc->triage_outcome, "local") != 0))
            continue;
        case_ctx k = {.l = &l, .n = i, .dc = dc, .case_id = ctx->case_ids[i]};
        if (storage_transact(ctx->db, TX_WRITE, case_body, &k) < 0) {
            fprintf(stderr, "schild: demo threat information for case %zu could not be stored\n",
                    i + 1);
            rc = -1;
        }
        arena_clear(&l.a); /* reusable: only the per-case strings go */
    }
    arena_clear(&l.a);
    return rc;
}

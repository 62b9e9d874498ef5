/* The case lifecycle table, exhaustively: every (status, event, awaiting) either does exactly
 * what the domain model says or is refused and leaves the state untouched. */
#include "check.h"
#include "core/lifecycle.h"

typedef struct expected {
    case_status from;
    lifecycle_event event;
    int awaiting; /* -1: either */
    case_status to;
    int awaiting_after; /* -1: unchanged */
} expected;

/* The domain model (docs/LIFECYCLE.md), written independently of src/core/lifecycle.c. */
static const expected allowed[] = {
    {STATUS_REFERRED, EVENT_TRIAGE_NATIONAL, -1, STATUS_ASSESSMENT, 0},
    {STATUS_REFERRED, EVENT_TRIAGE_LOCAL, -1, STATUS_ASSESSMENT, 0},
    {STATUS_REFERRED, EVENT_TRIAGE_NO_MEASURES, -1, STATUS_CLOSED, 0},
    {STATUS_REFERRED, EVENT_REQUEST_INFORMATION, 0, STATUS_REFERRED, 1},
    {STATUS_REFERRED, EVENT_SUPPLY_INFORMATION, 1, STATUS_REFERRED, 0},
    {STATUS_ASSESSMENT, EVENT_ASSESSMENT_FINAL, -1, STATUS_DECISION, -1},
    {STATUS_ASSESSMENT, EVENT_DECIDE_MEASURES, -1, STATUS_PROTECTION, -1}, /* category I */
    {STATUS_DECISION, EVENT_DECIDE_MEASURES, -1, STATUS_PROTECTION, -1},
    {STATUS_DECISION, EVENT_DECIDE_NO_MEASURES, -1, STATUS_CLOSED, -1},
    {STATUS_DECISION, EVENT_END_PROTECTION, -1, STATUS_CLOSED, -1},
    {STATUS_PROTECTION, EVENT_DECIDE_MEASURES, -1, STATUS_PROTECTION, -1},
    {STATUS_PROTECTION, EVENT_END_PROTECTION, -1, STATUS_CLOSED, -1},
};

static const expected *find(case_status s, lifecycle_event ev, bool awaiting)
{
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
        if (allowed[i].from == s && allowed[i].event == ev &&
            (allowed[i].awaiting < 0 || allowed[i].awaiting == (int)awaiting))
            return &allowed[i];
    return NULL;
}

static void every_transition_matches_the_domain_model(void)
{
    for (int s = 0; s < STATUS__COUNT; s++)
        for (int ev = 0; ev < EVENT__COUNT; ev++)
            for (int aw = 0; aw < 2; aw++) {
                case_state st = {(case_status)s, aw == 1};
                const expected *e = find((case_status)s, (lifecycle_event)ev, aw == 1);
                schild_err err = lifecycle_apply(&st, (lifecycle_event)ev);
                if (e) {
                    CHECK(err == ERR_OK);
                    CHECK(st.status == e->to);
                    CHECK(st.awaiting_information ==
                          (e->awaiting_after < 0 ? aw == 1 : e->awaiting_after == 1));
                } else {
                    CHECK(err == ERR_INVALID_TRANSITION);
                    CHECK(st.status == (case_status)s && st.awaiting_information == (aw == 1));
                }
            }
}

static void closed_is_final(void)
{
    for (int ev = 0; ev < EVENT__COUNT; ev++) {
        case_state st = {STATUS_CLOSED, false};
        CHECK(lifecycle_apply(&st, (lifecycle_event)ev) == ERR_INVALID_TRANSITION);
    }
}

static void only_triage_officers_triage(void)
{
    for (int r = 0; r < ROLE__COUNT; r++) {
        CHECK(lifecycle_role_may((role)r, EVENT_TRIAGE_NATIONAL) == (r == ROLE_TRIAGE));
        CHECK(lifecycle_role_may((role)r, EVENT_TRIAGE_LOCAL) == (r == ROLE_TRIAGE));
        CHECK(lifecycle_role_may((role)r, EVENT_REQUEST_INFORMATION) == (r == ROLE_TRIAGE));
    }
    CHECK(!lifecycle_role_may(ROLE_ADMIN, EVENT_SUPPLY_INFORMATION));
    CHECK(lifecycle_role_may(ROLE_REFERRER, EVENT_SUPPLY_INFORMATION));
    CHECK(!lifecycle_role_may(ROLE_NONE, EVENT_TRIAGE_NATIONAL));
}

static void only_the_authority_decides_and_ends(void)
{
    const lifecycle_event events[] = {EVENT_DECIDE_MEASURES, EVENT_DECIDE_NO_MEASURES,
                                      EVENT_END_PROTECTION};
    for (size_t i = 0; i < sizeof events / sizeof events[0]; i++)
        for (int r = 0; r < ROLE__COUNT; r++)
            CHECK(lifecycle_role_may((role)r, events[i]) == (r == ROLE_AUTHORITY));
}

int main(void)
{
    RUN(every_transition_matches_the_domain_model);
    RUN(closed_is_final);
    RUN(only_triage_officers_triage);
    RUN(only_the_authority_decides_and_ends);
    return check_summary();
}

/* lifecycle: the transition table. Anything not in the table is refused; that is the point. */
#include "core/lifecycle.h"

typedef enum guard { GUARD_NONE, GUARD_NOT_AWAITING, GUARD_AWAITING } guard;

typedef struct transition {
    case_status from;
    lifecycle_event event;
    case_status to;
    guard guard;
    /* effect on the awaiting-information flag: -1 clear, 0 keep, 1 set */
    int awaiting_effect;
} transition;

static const transition table[] = {
    {STATUS_REFERRED, EVENT_TRIAGE_NATIONAL, STATUS_ASSESSMENT, GUARD_NONE, -1},
    {STATUS_REFERRED, EVENT_TRIAGE_LOCAL, STATUS_ASSESSMENT, GUARD_NONE, -1},
    {STATUS_REFERRED, EVENT_TRIAGE_NO_MEASURES, STATUS_CLOSED, GUARD_NONE, -1},
    {STATUS_REFERRED, EVENT_REQUEST_INFORMATION, STATUS_REFERRED, GUARD_NOT_AWAITING, 1},
    {STATUS_REFERRED, EVENT_SUPPLY_INFORMATION, STATUS_REFERRED, GUARD_AWAITING, -1},
    {STATUS_ASSESSMENT, EVENT_ASSESSMENT_FINAL, STATUS_DECISION, GUARD_NONE, 0},
    /* Only reachable with category I of the limitative list: its standard package needs no
     * assessment. The table cannot see the list; decision_check (core/decision.c) guards it,
     * refusing no_valid_assessment without a final assessment or category I. */
    {STATUS_ASSESSMENT, EVENT_DECIDE_MEASURES, STATUS_PROTECTION, GUARD_NONE, 0},
    {STATUS_DECISION, EVENT_DECIDE_MEASURES, STATUS_PROTECTION, GUARD_NONE, 0},
    {STATUS_DECISION, EVENT_DECIDE_NO_MEASURES, STATUS_CLOSED, GUARD_NONE, 0},
    {STATUS_DECISION, EVENT_END_PROTECTION, STATUS_CLOSED, GUARD_NONE, 0},
    {STATUS_PROTECTION, EVENT_DECIDE_MEASURES, STATUS_PROTECTION, GUARD_NONE, 0},
    {STATUS_PROTECTION, EVENT_END_PROTECTION, STATUS_CLOSED, GUARD_NONE, 0},
};

static const char *const event_names[EVENT__COUNT] = {
    "triaged_national",      "triaged_local",        "triaged_no_measures",
    "information_requested", "information_supplied", "assessment_final",
    "decided_measures",      "decided_no_measures",  "protection_ended",
};

/* Which roles may cause each event; need-to-know on the case is a separate check. */
static bool event_role(lifecycle_event ev, role r)
{
    switch (ev) {
    case EVENT_TRIAGE_NATIONAL:
    case EVENT_TRIAGE_LOCAL:
    case EVENT_TRIAGE_NO_MEASURES:
    case EVENT_REQUEST_INFORMATION:
        return r == ROLE_TRIAGE;
    case EVENT_SUPPLY_INFORMATION:
        return r == ROLE_REFERRER || r == ROLE_TRIAGE;
    case EVENT_ASSESSMENT_FINAL:
        return r == ROLE_ANALYST;
    case EVENT_DECIDE_MEASURES:
    case EVENT_DECIDE_NO_MEASURES:
    case EVENT_END_PROTECTION:
        return r == ROLE_AUTHORITY;
    default:
        return false;
    }
}

const char *lifecycle_event_name(lifecycle_event ev)
{
    return (ev >= 0 && ev < EVENT__COUNT) ? event_names[ev] : "unknown";
}

static bool guard_holds(guard g, const case_state *s)
{
    switch (g) {
    case GUARD_NOT_AWAITING:
        return !s->awaiting_information;
    case GUARD_AWAITING:
        return s->awaiting_information;
    default:
        return true;
    }
}

schild_err lifecycle_apply(case_state *state, lifecycle_event ev)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        const transition *t = &table[i];
        if (t->from != state->status || t->event != ev)
            continue;
        if (!guard_holds(t->guard, state))
            return ERR_INVALID_TRANSITION;
        state->status = t->to;
        if (t->awaiting_effect != 0)
            state->awaiting_information = t->awaiting_effect > 0;
        return ERR_OK;
    }
    return ERR_INVALID_TRANSITION;
}

bool lifecycle_role_may(role r, lifecycle_event ev)
{
    return ev >= 0 && ev < EVENT__COUNT && event_role(ev, r);
}

lifecycle_event lifecycle_event_for_triage(triage_outcome outcome)
{
    switch (outcome) {
    case TRIAGE_NATIONAL:
        return EVENT_TRIAGE_NATIONAL;
    case TRIAGE_LOCAL:
        return EVENT_TRIAGE_LOCAL;
    case TRIAGE_NO_MEASURES:
        return EVENT_TRIAGE_NO_MEASURES;
    default:
        return EVENT_REQUEST_INFORMATION;
    }
}

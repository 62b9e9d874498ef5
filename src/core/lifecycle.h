/* lifecycle: the case state machine in one place. A table of (status, event) -> status with a
 * guard and the roles that may cause the event; docs/LIFECYCLE.md draws the same table. Pure. */
#ifndef SCHILD_LIFECYCLE_H
#define SCHILD_LIFECYCLE_H

#include "core/domain.h"
#include "core/error.h"

typedef enum lifecycle_event {
    EVENT_TRIAGE_NATIONAL,
    EVENT_TRIAGE_LOCAL,
    EVENT_TRIAGE_NO_MEASURES,
    EVENT_REQUEST_INFORMATION,
    EVENT_SUPPLY_INFORMATION,
    EVENT_ASSESSMENT_FINAL,
    EVENT_DECIDE_MEASURES,
    EVENT_DECIDE_NO_MEASURES,
    EVENT_END_PROTECTION,
    EVENT__COUNT
} lifecycle_event;

/* The part of a case the state machine looks at. */
typedef struct case_state {
    case_status status;
    bool awaiting_information;
} case_state;

const char *lifecycle_event_name(lifecycle_event ev);

/* Applies ev to *state when the table allows it: ERR_OK and *state updated, or
 * ERR_INVALID_TRANSITION and *state untouched. */
schild_err lifecycle_apply(case_state *state, lifecycle_event ev);

/* Whether a role may cause the event at all (need-to-know is checked separately). */
bool lifecycle_role_may(role r, lifecycle_event ev);

/* The event a triage outcome stands for. */
lifecycle_event lifecycle_event_for_triage(triage_outcome outcome);

#endif

/* access: need-to-know decisions, deny by default. Pure functions over the viewer and the facts
 * of a case; the storage backends translate the same scope into SQL for lists, and a test keeps
 * the two in agreement. */
#ifndef SCHILD_ACCESS_H
#define SCHILD_ACCESS_H

#include "core/domain.h"

typedef enum access_scope {
    SCOPE_NONE,             /* sees no case content at all (admin, inspector, unknown role) */
    SCOPE_TEAM,             /* cases whose team holds the viewer or the viewer's organisation */
    SCOPE_TEAM_OR_REFERRED, /* the team rule, plus every case waiting in intake (triage) */
} access_scope;

access_scope access_case_scope(const viewer *v);

/* Whether v may see case c (its team must be loaded). */
bool access_case_visible(const viewer *v, const case_record *c);

/* Whether a team membership counts at unix time now: permanent (expires_at 0) or not yet ended
 * (a break-glass grant, docs/OVERSIGHT.md). */
bool access_member_live(const team_member *m, int64_t now);

/* Whether a role may open a case it does not see by break-glass: the roles that work on cases;
 * not the privacy officer (who reviews the grants), the inspector or the admin. */
bool access_may_break_glass(role r);

/* The viewer's live break-glass grant on c when their access rests on it (they would not see the
 * case without it), else NULL. */
const team_member *access_break_glass_basis(const viewer *v, const case_record *c);

/* Whether a role may refer new cases. */
bool access_may_refer(role r);

/* Whether the viewer may answer the triage question on this case: triage, or a referrer of the
 * referring organisation. */
bool access_may_supply_information(const viewer *v, const case_record *c);

#endif

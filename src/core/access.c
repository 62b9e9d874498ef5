/* access: the need-to-know rules of docs/API.md, in one place. Every answer not explicitly
 * granted here is "no". */
#include "core/access.h"

#include <string.h>

access_scope access_case_scope(const viewer *v)
{
    switch (v->role) {
    case ROLE_TRIAGE:
        return SCOPE_TEAM_OR_REFERRED;
    case ROLE_REFERRER:
    case ROLE_ANALYST:
    case ROLE_AUTHORITY:
    case ROLE_COORDINATOR:
    case ROLE_UNIT_LEAD:
    case ROLE_CARE:
    case ROLE_PRIVACY_OFFICER:
        return SCOPE_TEAM;
    default:
        return SCOPE_NONE;
    }
}

static bool on_team(const viewer *v, const case_record *c)
{
    for (size_t i = 0; i < c->team_count; i++) {
        const team_member *m = &c->team[i];
        if (m->user_id != 0 ? m->user_id == v->user_id : strcmp(m->org, v->org) == 0)
            return true;
    }
    return false;
}

bool access_case_visible(const viewer *v, const case_record *c)
{
    switch (access_case_scope(v)) {
    case SCOPE_TEAM_OR_REFERRED:
        return c->status == STATUS_REFERRED || on_team(v, c);
    case SCOPE_TEAM:
        return on_team(v, c);
    default:
        return false;
    }
}

bool access_may_refer(role r)
{
    return r == ROLE_REFERRER || r == ROLE_TRIAGE;
}

bool access_may_supply_information(const viewer *v, const case_record *c)
{
    if (v->role == ROLE_TRIAGE)
        return true;
    return v->role == ROLE_REFERRER && c->referring_org && strcmp(v->org, c->referring_org) == 0;
}

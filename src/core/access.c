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

/* A time-limited membership (a break-glass grant) counts until its end, the request's time
 * deciding; permanent members have expires_at 0. The storage scopes say the same in SQL. */
bool access_member_live(const team_member *m, int64_t now)
{
    return m->expires_at == 0 || m->expires_at > now;
}

static bool is_break_glass(const team_member *m)
{
    return m->membership && strcmp(m->membership, "break_glass") == 0;
}

static bool holds_viewer(const viewer *v, const team_member *m)
{
    return m->user_id != 0 ? m->user_id == v->user_id : strcmp(m->org, v->org) == 0;
}

/* with_grants: whether break-glass grants count (they always do for access; not when asking
 * whether access rests on one). */
static bool on_team(const viewer *v, const case_record *c, bool with_grants)
{
    for (size_t i = 0; i < c->team_count; i++) {
        const team_member *m = &c->team[i];
        if (!access_member_live(m, v->now) || (!with_grants && is_break_glass(m)))
            continue;
        if (holds_viewer(v, m))
            return true;
    }
    return false;
}

static bool visible(const viewer *v, const case_record *c, bool with_grants)
{
    switch (access_case_scope(v)) {
    case SCOPE_TEAM_OR_REFERRED:
        return c->status == STATUS_REFERRED || on_team(v, c, with_grants);
    case SCOPE_TEAM:
        return on_team(v, c, with_grants);
    default:
        return false;
    }
}

bool access_case_visible(const viewer *v, const case_record *c)
{
    return visible(v, c, true);
}

bool access_may_break_glass(role r)
{
    switch (r) {
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

const team_member *access_break_glass_basis(const viewer *v, const case_record *c)
{
    if (visible(v, c, false))
        return NULL;
    for (size_t i = 0; i < c->team_count; i++) {
        const team_member *m = &c->team[i];
        if (is_break_glass(m) && access_member_live(m, v->now) && holds_viewer(v, m))
            return m;
    }
    return NULL;
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

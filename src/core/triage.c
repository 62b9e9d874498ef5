/* triage: the effects of triage outcomes. The state change itself is the lifecycle table's;
 * this file only fills in what the outcome means for domain, authority and team. */
#include "core/triage.h"

#include "core/lifecycle.h"
#include "core/orgs.h"

#include <string.h>

/* The threat analysis function joins the team so that its analysts can see the case, record
 * signals and write its assessments (docs/DAF.md). */
static void add_analysis_function(case_domain d, const char *district, triage_result *out)
{
    if (d == DOMAIN_NATIONAL) {
        out->members[out->member_count++] = (team_member){.org = "aivd", .membership = "daf"};
        out->members[out->member_count++] = (team_member){.org = "politie-le", .membership = "daf"};
    } else if (d == DOMAIN_LOCAL) {
        const char *unit = org_police_for_district(district);
        if (unit)
            out->members[out->member_count++] = (team_member){.org = unit, .membership = "daf"};
    }
}

schild_err triage_authority_for(case_domain d, const char *district, const char *authority_district,
                                triage_result *out)
{
    memset(out, 0, sizeof *out);
    if (d == DOMAIN_NATIONAL) {
        strcpy(out->authority, "nctv");
    } else if (d == DOMAIN_LOCAL) {
        const char *deciding = authority_district ? authority_district : district;
        if (!district_valid(district) || !district_valid(deciding) ||
            !org_code_for_district(deciding, out->authority, sizeof out->authority))
            return ERR_VALIDATION_FAILED;
    } else {
        return ERR_VALIDATION_FAILED;
    }
    out->members[out->member_count++] =
        (team_member){.org = out->authority, .membership = "authority"};
    add_analysis_function(d, district, out);
    return ERR_OK;
}

static case_domain domain_of(triage_outcome outcome)
{
    if (outcome == TRIAGE_NATIONAL)
        return DOMAIN_NATIONAL;
    return outcome == TRIAGE_LOCAL ? DOMAIN_LOCAL : DOMAIN_NONE;
}

schild_err triage_decide(case_record *c, triage_outcome outcome, const char *district,
                         const char *reasoning, const char *now, const viewer *by,
                         triage_result *out)
{
    return triage_decide_with(c, outcome, district, NULL, reasoning, now, by, out);
}

schild_err triage_decide_with(case_record *c, triage_outcome outcome, const char *district,
                              const char *authority_district, const char *reasoning,
                              const char *now, const viewer *by, triage_result *out)
{
    memset(out, 0, sizeof *out);
    if (outcome == TRIAGE_NONE)
        return ERR_VALIDATION_FAILED;
    /* the team first: a refusal leaves the case untouched */
    case_domain domain = domain_of(outcome);
    schild_err err = domain == DOMAIN_NONE
                         ? ERR_OK
                         : triage_authority_for(domain, district, authority_district, out);
    if (err != ERR_OK)
        return err;
    lifecycle_event ev = lifecycle_event_for_triage(outcome);
    case_state state = {c->status, c->awaiting_information};
    err = lifecycle_apply(&state, ev);
    if (err != ERR_OK) {
        memset(out, 0, sizeof *out);
        return err;
    }
    c->status = state.status;
    c->awaiting_information = state.awaiting_information;
    c->updated_at = now;
    out->event = lifecycle_event_name(ev);
    if (outcome == TRIAGE_MORE_INFORMATION) {
        c->information_request = reasoning;
        return ERR_OK;
    }
    c->triage = outcome;
    c->triage_reasoning = reasoning;
    c->triage_at = now;
    c->triage_by = by->user_id;
    c->triage_by_username = by->username;
    c->triage_district = domain == DOMAIN_LOCAL ? district : NULL;
    c->information_request = NULL;
    if (domain != DOMAIN_NONE) {
        c->domain = domain;
        c->authority_org = out->authority;
    }
    out->members[out->member_count++] =
        (team_member){.org = by->org, .user_id = by->user_id, .membership = "triage"};
    return ERR_OK;
}

schild_err triage_supply_information(case_record *c, const char *now)
{
    case_state state = {c->status, c->awaiting_information};
    schild_err err = lifecycle_apply(&state, EVENT_SUPPLY_INFORMATION);
    if (err != ERR_OK)
        return err;
    c->status = state.status;
    c->awaiting_information = state.awaiting_information;
    c->updated_at = now;
    return ERR_OK;
}

schild_err triage_subject_case(case_record *c, const char *municipality, const char *district,
                               const char *reasoning, const char *now, const viewer *by,
                               triage_result *team)
{
    bool national = municipality == NULL;
    schild_err err =
        triage_authority_for(national ? DOMAIN_NATIONAL : DOMAIN_LOCAL, district, NULL, team);
    if (err != ERR_OK)
        return err;
    /* locally the mayor decides on objects and services instead of the district's HOvJ */
    if (!national && strlen(municipality) >= sizeof team->authority)
        return ERR_VALIDATION_FAILED;
    if (!national)
        strcpy(team->authority, municipality); /* members[0].org points here */
    c->status = STATUS_ASSESSMENT;
    c->domain = national ? DOMAIN_NATIONAL : DOMAIN_LOCAL;
    c->authority_org = team->authority;
    c->triage = national ? TRIAGE_NATIONAL : TRIAGE_LOCAL;
    c->triage_district = national ? NULL : district;
    c->triage_reasoning = reasoning;
    c->triage_at = now;
    c->triage_by = by->user_id;
    c->updated_at = now;
    return ERR_OK;
}

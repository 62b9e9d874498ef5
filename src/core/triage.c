/* triage: the effects of triage outcomes. The state change itself is the lifecycle table's;
 * this file only fills in what the outcome means for domain, authority and team. */
#include "core/triage.h"

#include "core/lifecycle.h"
#include "core/orgs.h"

#include <string.h>

/* The threat analysis function joins the team so that its analysts can see the case, record
 * signals and write its assessments (docs/DAF.md). */
static void add_analysis_function(const case_record *c, const char *district, triage_result *out)
{
    if (c->domain == DOMAIN_NATIONAL) {
        out->members[out->member_count++] = (team_member){.org = "aivd", .membership = "daf"};
        out->members[out->member_count++] = (team_member){.org = "politie-le", .membership = "daf"};
    } else if (c->domain == DOMAIN_LOCAL) {
        const char *unit = org_police_for_district(district);
        if (unit)
            out->members[out->member_count++] = (team_member){.org = unit, .membership = "daf"};
    }
}

schild_err triage_decide(case_record *c, triage_outcome outcome, const char *district,
                         const char *reasoning, const char *now, const viewer *by,
                         triage_result *out)
{
    memset(out, 0, sizeof *out);
    if (outcome == TRIAGE_NONE)
        return ERR_VALIDATION_FAILED;
    if (outcome == TRIAGE_LOCAL && !district_valid(district))
        return ERR_VALIDATION_FAILED;
    lifecycle_event ev = lifecycle_event_for_triage(outcome);
    case_state state = {c->status, c->awaiting_information};
    schild_err err = lifecycle_apply(&state, ev);
    if (err != ERR_OK)
        return err;
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
    c->triage_district = NULL;
    c->information_request = NULL;
    if (outcome == TRIAGE_NATIONAL) {
        c->domain = DOMAIN_NATIONAL;
        strcpy(out->authority, "nctv");
    } else if (outcome == TRIAGE_LOCAL) {
        c->domain = DOMAIN_LOCAL;
        c->triage_district = district;
        org_code_for_district(district, out->authority, sizeof out->authority);
    }
    if (out->authority[0]) {
        c->authority_org = out->authority;
        out->members[out->member_count++] =
            (team_member){.org = out->authority, .membership = "authority"};
    }
    add_analysis_function(c, district, out);
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

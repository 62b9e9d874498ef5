/* triage: what a triage outcome does to a case, as a pure function: the status change through
 * the lifecycle table, the domain, the one authority, and who joins the case team: the
 * authority's organisation, the threat analysis function (national: AIVD and the Landelijke
 * Eenheid; local: the district's regional police unit) and the deciding triage officer. Used by the
 * API handler and the demo loader alike. */
#ifndef SCHILD_TRIAGE_H
#define SCHILD_TRIAGE_H

#include "core/domain.h"
#include "core/error.h"

enum { TRIAGE_AUTHORITY_SIZE = 80, TRIAGE_MAX_MEMBERS = 4 };

typedef struct triage_result {
    char authority[TRIAGE_AUTHORITY_SIZE]; /* storage for c->authority_org */
    team_member members[TRIAGE_MAX_MEMBERS];
    size_t member_count;
    const char *event; /* timeline event name */
} triage_result;

/* Applies outcome to *c (status, domain, authority, triage fields, awaiting flag, updated_at).
 * ERR_INVALID_TRANSITION when the case's state does not allow it, ERR_VALIDATION_FAILED for a
 * local outcome without a valid district. c->authority_org may point into *out afterwards. */
schild_err triage_decide(case_record *c, triage_outcome outcome, const char *district,
                         const char *reasoning, const char *now, const viewer *by,
                         triage_result *out);

/* Triage with the authority of another district (authority_district; NULL: the district's own):
 * a local case whose person works for the district's own OM gets another district's HOvJ, as the
 * College van procureurs-generaal assigns (docs/DECISIONS.md). The DAF stays the district's.
 * ERR_VALIDATION_FAILED also for an authority_district that is not a district (local only). */
schild_err triage_decide_with(case_record *c, triage_outcome outcome, const char *district,
                              const char *authority_district, const char *reasoning,
                              const char *now, const viewer *by, triage_result *out);

/* The authority and the team members (membership "authority" and "daf") a case gets in domain
 * d, as at triage: national the NCTV with AIVD and the Landelijke Eenheid; local
 * om-<authority_district or district> with the district's regional police unit. Fills out afresh
 * (event NULL); transfers use it too. ERR_VALIDATION_FAILED for DOMAIN_NONE or, local, a district
 * or authority_district that is not a district. */
schild_err triage_authority_for(case_domain d, const char *district, const char *authority_district,
                                triage_result *out);

/* The own case of an object or service (docs/DECISIONS.md): registering it is its triage. The
 * case goes to status assessment in the local domain of the municipality's district with the
 * municipality (the mayor) as authority, or, when municipality is NULL (the national list), in
 * the national domain with the NCTV; the analysis function joins as at triage. Fills the triage
 * fields of *c (by, now, reasoning) and *team (c->authority_org points into it).
 * ERR_VALIDATION_FAILED for a local place without a valid district or a municipality code that
 * does not fit. */
schild_err triage_subject_case(case_record *c, const char *municipality, const char *district,
                               const char *reasoning, const char *now, const viewer *by,
                               triage_result *team);

/* The referrer's answer to triage's question: clears the waiting flag. */
schild_err triage_supply_information(case_record *c, const char *now);

#endif

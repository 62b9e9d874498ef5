/* domain: the name tables behind the vocabulary enums. The names are the API's identifiers and
 * never change once published. */
#include "core/domain.h"

#include <string.h>

static const char *const role_names[ROLE__COUNT] = {
    "referrer",  "triage", "analyst",         "authority", "coordinator",
    "unit_lead", "care",   "privacy_officer", "inspector", "admin",
};

static const char *const role_labels_nl[ROLE__COUNT] = {
    "Aanmelder",           "Triagist",
    "Analist (DAF)",       "Gezag",
    "Coördinator (LCC)",   "Leidinggevende eenheid",
    "Contactpersoon/zorg", "Privacy officer",
    "Inspecteur",          "Beheerder",
};

static const char *const status_names[STATUS__COUNT] = {
    "referred", "assessment", "decision", "protection", "closed",
};

static const char *const phenomenon_names[PHENOMENON__COUNT] = {
    "organised_crime", "state_threat", "terrorism_extremism", "lone_actor", "activism", "other",
};

static const char *const triage_names[TRIAGE__COUNT] = {
    "national",
    "local",
    "no_measures",
    "more_information",
};

const char *const DISTRICTS[] = {
    "amsterdam",        "den-haag",      "gelderland",           "limburg",
    "midden-nederland", "noord-holland", "noord-nederland",      "oost-brabant",
    "overijssel",       "rotterdam",     "zeeland-west-brabant", NULL,
};
const size_t DISTRICT_COUNT = sizeof DISTRICTS / sizeof DISTRICTS[0] - 1;

int vocab_index(const char *const *names, int count, const char *s)
{
    if (!s)
        return -1;
    for (int i = 0; i < count; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

const char *role_name(role r)
{
    return (r >= 0 && r < ROLE__COUNT) ? role_names[r] : "none";
}

role role_parse(const char *s)
{
    return (role)vocab_index(role_names, ROLE__COUNT, s);
}

const char *role_label_nl(role r)
{
    return (r >= 0 && r < ROLE__COUNT) ? role_labels_nl[r] : "";
}

const char *case_status_name(case_status s)
{
    return (s >= 0 && s < STATUS__COUNT) ? status_names[s] : "none";
}

case_status case_status_parse(const char *s)
{
    return (case_status)vocab_index(status_names, STATUS__COUNT, s);
}

const char *case_domain_name(case_domain d)
{
    switch (d) {
    case DOMAIN_NATIONAL:
        return "national";
    case DOMAIN_LOCAL:
        return "local";
    default:
        return NULL;
    }
}

case_domain case_domain_parse(const char *s)
{
    if (s && strcmp(s, "national") == 0)
        return DOMAIN_NATIONAL;
    if (s && strcmp(s, "local") == 0)
        return DOMAIN_LOCAL;
    return DOMAIN_NONE;
}

const char *phenomenon_name(phenomenon p)
{
    return (p >= 0 && p < PHENOMENON__COUNT) ? phenomenon_names[p] : "none";
}

phenomenon phenomenon_parse(const char *s)
{
    return (phenomenon)vocab_index(phenomenon_names, PHENOMENON__COUNT, s);
}

const char *triage_outcome_name(triage_outcome t)
{
    return (t >= 0 && t < TRIAGE__COUNT) ? triage_names[t] : NULL;
}

triage_outcome triage_outcome_parse(const char *s)
{
    return (triage_outcome)vocab_index(triage_names, TRIAGE__COUNT, s);
}

bool district_valid(const char *district)
{
    return vocab_index(DISTRICTS, (int)DISTRICT_COUNT, district) >= 0;
}

/* orgs: the register of real partner organisations that `schild init` seeds, with stable codes.
 * Municipalities are added later as gemeente-<name>. */
#ifndef SCHILD_ORGS_H
#define SCHILD_ORGS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct org_seed {
    const char *code;
    const char *name;
    const char *kind; /* coordinator, om, police, kmar, intelligence, inspectorate, municipality */
    const char *district; /* OM district served ("" when none) */
} org_seed;

size_t org_seeds(const org_seed **out);

/* The authority organisation for a local-domain case in a district: "om-<district>". */
bool org_code_for_district(const char *district, char *out, size_t out_size);

/* The regional police unit serving a district (its DRIO analyses local cases), or NULL. */
const char *org_police_for_district(const char *district);

/* Syntax of an organisation code: 2..64 of [a-z0-9-], starting with a letter. */
bool org_code_valid(const char *code);

#endif

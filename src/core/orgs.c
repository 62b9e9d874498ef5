/* orgs: the seeded register. Names are the organisations' own Dutch names. */
#include "core/orgs.h"

#include <stdio.h>
#include <string.h>

static const org_seed seeds[] = {
    {"nctv", "Nationaal Coördinator Terrorismebestrijding en Veiligheid", "coordinator", ""},
    {"om-amsterdam", "OM Arrondissementsparket Amsterdam", "om", "amsterdam"},
    {"om-den-haag", "OM Arrondissementsparket Den Haag", "om", "den-haag"},
    {"om-gelderland", "OM Arrondissementsparket Gelderland", "om", "gelderland"},
    {"om-limburg", "OM Arrondissementsparket Limburg", "om", "limburg"},
    {"om-midden-nederland", "OM Arrondissementsparket Midden-Nederland", "om", "midden-nederland"},
    {"om-noord-holland", "OM Arrondissementsparket Noord-Holland", "om", "noord-holland"},
    {"om-noord-nederland", "OM Arrondissementsparket Noord-Nederland", "om", "noord-nederland"},
    {"om-oost-brabant", "OM Arrondissementsparket Oost-Brabant", "om", "oost-brabant"},
    {"om-overijssel", "OM Arrondissementsparket Overijssel", "om", "overijssel"},
    {"om-rotterdam", "OM Arrondissementsparket Rotterdam", "om", "rotterdam"},
    {"om-zeeland-west-brabant", "OM Arrondissementsparket Zeeland-West-Brabant", "om",
     "zeeland-west-brabant"},
    {"politie-le", "Politie Landelijke Eenheid (incl. DKDB)", "police", ""},
    {"politie-amsterdam", "Politie Eenheid Amsterdam", "police", "amsterdam"},
    {"politie-den-haag", "Politie Eenheid Den Haag", "police", "den-haag"},
    {"politie-rotterdam", "Politie Eenheid Rotterdam", "police", "rotterdam"},
    {"politie-midden-nederland", "Politie Eenheid Midden-Nederland", "police", "midden-nederland"},
    {"politie-noord-holland", "Politie Eenheid Noord-Holland", "police", "noord-holland"},
    {"politie-noord-nederland", "Politie Eenheid Noord-Nederland", "police", "noord-nederland"},
    {"politie-oost-nederland", "Politie Eenheid Oost-Nederland", "police", ""},
    {"politie-oost-brabant", "Politie Eenheid Oost-Brabant", "police", "oost-brabant"},
    {"politie-limburg", "Politie Eenheid Limburg", "police", "limburg"},
    {"politie-zeeland-west-brabant", "Politie Eenheid Zeeland-West-Brabant", "police",
     "zeeland-west-brabant"},
    {"kmar", "Koninklijke Marechaussee", "kmar", ""},
    {"aivd", "Algemene Inlichtingen- en Veiligheidsdienst", "intelligence", ""},
    {"mivd", "Militaire Inlichtingen- en Veiligheidsdienst", "intelligence", ""},
    {"inspectie-jenv", "Inspectie Justitie en Veiligheid", "inspectorate", ""},
    /* The mayors of the four largest municipalities: authority for objects and services in the
     * local domain (docs/DECISIONS.md). Others are added with `schild org add`. */
    {"gemeente-amsterdam", "Gemeente Amsterdam (burgemeester)", "municipality", "amsterdam"},
    {"gemeente-rotterdam", "Gemeente Rotterdam (burgemeester)", "municipality", "rotterdam"},
    {"gemeente-den-haag", "Gemeente Den Haag (burgemeester)", "municipality", "den-haag"},
    {"gemeente-utrecht", "Gemeente Utrecht (burgemeester)", "municipality", "midden-nederland"},
};

size_t org_seeds(const org_seed **out)
{
    *out = seeds;
    return sizeof seeds / sizeof seeds[0];
}

bool org_code_for_district(const char *district, char *out, size_t out_size)
{
    int n = snprintf(out, out_size, "om-%s", district);
    return n > 0 && (size_t)n < out_size;
}

const char *org_police_for_district(const char *district)
{
    /* Gelderland and Overijssel are served by one regional unit, Oost-Nederland. */
    if (district && (strcmp(district, "gelderland") == 0 || strcmp(district, "overijssel") == 0))
        return "politie-oost-nederland";
    for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++)
        if (district && strcmp(seeds[i].kind, "police") == 0 &&
            strcmp(seeds[i].district, district) == 0)
            return seeds[i].code;
    return NULL;
}

bool org_code_valid(const char *code)
{
    size_t n = code ? strlen(code) : 0;
    if (n < 2 || n > 64 || code[0] < 'a' || code[0] > 'z')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = code[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return false;
    }
    return true;
}

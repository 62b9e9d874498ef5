/* daf_config: the DAF settings the controller owns: the compartment matrix, the intrusion
 * weights, window and threshold, the threat-level matrix, validity terms and who may author
 * which product. Defaults are compiled in (daf_config_defaults); `serve --config FILE` may
 * override them from a JSON file (daf_config_parse, fuzzed). */
#ifndef SCHILD_DAF_CONFIG_H
#define SCHILD_DAF_CONFIG_H

#include "core/daf.h"

#include <stddef.h>

enum { DAF_MAX_AUTHOR_ORGS = 8, DAF_ORG_CODE_MAX = 65 };

typedef struct compartment_rule {
    unsigned roles;    /* bit (1u << role): roles that read this compartment */
    bool own_org_only; /* only users of the organisation that supplied the signal */
} compartment_rule;

typedef struct product_rule {
    size_t org_count; /* 0: analysts of any organisation */
    char orgs[DAF_MAX_AUTHOR_ORGS][DAF_ORG_CODE_MAX];
    int validity_days; /* for ungraded products; graded ones use validity_by_level */
} product_rule;

struct daf_config {
    compartment_rule compartments[COMPARTMENT__COUNT];
    int intrusion_weight[METHOD__COUNT]; /* per day of the act */
    int intrusion_window_days;
    int intrusion_threshold;
    int threat_matrix[5][5];  /* [seriousness-1][likelihood-1] -> threat level 1..5 */
    int validity_by_level[5]; /* days, by threat level 1..5 */
    product_rule products[PRODUCT__COUNT];
    int reassessment_warning_days; /* DAF queue: validity ending within this many days */
};

void daf_config_defaults(daf_config *cfg);

/* Overrides the settings named in a JSON document (see docs/DAF.md, "Configuration"); unknown
 * keys and out-of-range values are refused with a message in err. cfg is unchanged on failure. */
bool daf_config_parse(daf_config *cfg, const char *json, size_t len, char *err, size_t err_size);

#endif

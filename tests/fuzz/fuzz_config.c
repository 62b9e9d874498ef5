/* Fuzz target: the settings file of `serve --config`: the DAF settings (core/daf_config.c), its
 * "decisions" object (core/decision_config.c) and its "security" object
 * (core/security_config.c). Any document must either be refused with a message or leave
 * configurations whose every value is in range. */
#include "core/daf_config.h"
#include "core/decision.h"
#include "core/security_config.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_ranges(const daf_config *cfg)
{
    for (int s = 0; s < 5; s++)
        for (int l = 0; l < 5; l++)
            if (cfg->threat_matrix[s][l] < 1 || cfg->threat_matrix[s][l] > 5)
                abort();
    for (int i = 0; i < 5; i++)
        if (cfg->validity_by_level[i] < 1)
            abort();
    if (cfg->intrusion_threshold < 1 || cfg->intrusion_window_days < 1)
        abort();
    for (int p = 0; p < PRODUCT__COUNT; p++)
        if (cfg->products[p].org_count > DAF_MAX_AUTHOR_ORGS)
            abort();
}

static void check_package(const measure_package *p)
{
    if (p->count > DECISION_MAX_PACKAGE)
        abort();
    for (size_t i = 0; i < p->count; i++)
        if (!measure_info_of(p->types[i]))
            abort();
}

static void check_decision_ranges(const decision_config *cfg)
{
    for (int l = 0; l < RESISTANCE_LEVELS; l++) {
        check_package(&cfg->person_packages[l]);
        check_package(&cfg->object_packages[l]);
    }
    check_package(&cfg->category_i_package);
    if (cfg->urgent_confirm_days < 1 || cfg->review_days_default < 1 || cfg->aftercare_days < 1 ||
        cfg->urgent_confirm_days > 3650 || cfg->review_days_default > 3650 ||
        cfg->aftercare_days > 3650)
        abort();
}

static void check_security_ranges(const security_config *cfg)
{
    if (cfg->break_glass_minutes < 1 || cfg->checkpoint_seconds < 1 ||
        cfg->retention_closed_days < 1 || cfg->totp_roles >= (1u << ROLE__COUNT))
        abort();
    for (int c = 0; c < COMPARTMENT__COUNT; c++)
        if (cfg->retention_days[c] < 1)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    daf_config cfg;
    daf_config_defaults(&cfg);
    char err[256];
    (void)daf_config_parse(&cfg, (const char *)data, size, err, sizeof err);
    check_ranges(&cfg);
    decision_config dcfg;
    decision_config_defaults(&dcfg);
    (void)decision_config_parse(&dcfg, (const char *)data, size, err, sizeof err);
    check_decision_ranges(&dcfg);
    security_config scfg;
    security_config_defaults(&scfg, size % 2 == 0);
    (void)security_config_parse(&scfg, (const char *)data, size, err, sizeof err);
    check_security_ranges(&scfg);
    return 0;
}

/* Fuzz target: the DAF settings file of `serve --config` (core/daf_config.c). Any document must
 * either be refused with a message or leave a configuration whose every value is in range. */
#include "core/daf_config.h"

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    daf_config cfg;
    daf_config_defaults(&cfg);
    char err[256];
    (void)daf_config_parse(&cfg, (const char *)data, size, err, sizeof err);
    check_ranges(&cfg);
    return 0;
}

/* daf_settings: GET /api/v1/daf/settings. The DAF configuration in force (docs/DAF.md,
 * "Configuration"), so that the UI shows the matrix-derived threat level while an analyst types
 * and every user can see the rules that decide what they read. No personal data: not audited. */
#include "api/daf_common.h"

#include "core/daf_config.h"

static json_t *compartments_json(const daf_config *cfg)
{
    json_t *o = json_object();
    for (int c = 0; c < COMPARTMENT__COUNT; c++) {
        json_t *roles = json_array();
        for (int r = 0; r < ROLE__COUNT; r++)
            if (cfg->compartments[c].roles & (1u << r))
                json_array_append_new(roles, json_string(role_name((role)r)));
        json_object_set_new(o, compartment_name((compartment)c),
                            json_pack("{s:o, s:b}", "roles", roles, "own_org_only",
                                      cfg->compartments[c].own_org_only));
    }
    return o;
}

static json_t *intrusion_json(const daf_config *cfg)
{
    json_t *weights = json_object();
    for (int m = 0; m < METHOD__COUNT; m++)
        json_object_set_new(weights, gathering_method_name((gathering_method)m),
                            json_integer(cfg->intrusion_weight[m]));
    return json_pack("{s:o, s:i, s:i}", "weights", weights, "window_days",
                     cfg->intrusion_window_days, "threshold", cfg->intrusion_threshold);
}

static json_t *products_json(const daf_config *cfg)
{
    json_t *o = json_object();
    for (int p = 0; p < PRODUCT__COUNT; p++) {
        const product_rule *rule = &cfg->products[p];
        json_t *orgs = json_array();
        for (size_t i = 0; i < rule->org_count; i++)
            json_array_append_new(orgs, json_string(rule->orgs[i]));
        json_object_set_new(
            o, product_name((product)p),
            json_pack("{s:o, s:b, s:o}", "orgs", orgs, "graded", daf_product_graded((product)p),
                      "validity_days",
                      rule->validity_days ? json_integer(rule->validity_days) : json_null()));
    }
    return o;
}

static json_t *settings_json(const daf_config *cfg)
{
    json_t *matrix = json_array(), *validity = json_array(), *keys = json_array();
    for (int s = 0; s < 5; s++) {
        json_t *row = json_array();
        for (int l = 0; l < 5; l++)
            json_array_append_new(row, json_integer(cfg->threat_matrix[s][l]));
        json_array_append_new(matrix, row);
        json_array_append_new(validity, json_integer(cfg->validity_by_level[s]));
    }
    for (size_t i = 0; i < INDICATOR_COUNT; i++)
        json_array_append_new(keys, json_string(INDICATOR_KEYS[i]));
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:i}", "threat_matrix", matrix,
                     "validity_days", validity, "products", products_json(cfg), "compartments",
                     compartments_json(cfg), "intrusion", intrusion_json(cfg), "indicator_template",
                     INDICATOR_TEMPLATE, "indicator_keys", keys, "reassessment_warning_days",
                     cfg->reassessment_warning_days);
}

void api_daf_settings(request *r)
{
    reply_json(r, 200, settings_json(&r->app->daf));
}

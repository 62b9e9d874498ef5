/* daf_config: the compiled-in defaults of docs/DAF.md and the JSON overrides of
 * `serve --config`. The parser works on a copy and only replaces cfg when the whole document
 * is valid. */
#include "core/daf_config.h"

#include "core/config_parse.h"
#include "core/orgs.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

enum { MAX_WEIGHT = 1000, MAX_WINDOW_DAYS = 3650, MAX_THRESHOLD = 1000000, MAX_VALIDITY = 3650 };

static const int default_matrix[5][5] = {
    {1, 1, 1, 1, 2}, {1, 1, 2, 2, 2}, {1, 2, 2, 3, 3}, {1, 2, 3, 4, 4}, {2, 2, 3, 4, 5},
};

/* Every role that can be on a case team. */
static unsigned team_roles(void)
{
    unsigned all = 0;
    const role team[] = {ROLE_REFERRER,    ROLE_TRIAGE,    ROLE_ANALYST, ROLE_AUTHORITY,
                         ROLE_COORDINATOR, ROLE_UNIT_LEAD, ROLE_CARE,    ROLE_PRIVACY_OFFICER};
    for (size_t i = 0; i < sizeof team / sizeof team[0]; i++)
        all |= 1u << team[i];
    return all;
}

void daf_config_defaults(daf_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    for (int c = 0; c < COMPARTMENT__COUNT; c++)
        cfg->compartments[c] = (compartment_rule){team_roles(), false};
    cfg->compartments[COMPARTMENT_INFORMANT] = (compartment_rule){1u << ROLE_ANALYST, true};
    const int weights[METHOD__COUNT] = {
        [METHOD_OPEN_SOURCE_CHECK] = 1,     [METHOD_POLICE_RECORDS_CHECK] = 1,
        [METHOD_NEIGHBOURHOOD_INQUIRY] = 2, [METHOD_CAMERA_REVIEW] = 2,
        [METHOD_OBSERVATION] = 4,           [METHOD_SOCIAL_MEDIA_MONITORING] = 3,
    };
    memcpy(cfg->intrusion_weight, weights, sizeof weights);
    cfg->intrusion_window_days = 90;
    cfg->intrusion_threshold = 100;
    memcpy(cfg->threat_matrix, default_matrix, sizeof default_matrix);
    const int validity[5] = {180, 180, 90, 90, 90};
    memcpy(cfg->validity_by_level, validity, sizeof validity);
    cfg->products[PRODUCT_DREIGINGSMELDING].validity_days = 30;
    cfg->products[PRODUCT_IRD].validity_days = 30;
    cfg->products[PRODUCT_RA].org_count = 1;
    strcpy(cfg->products[PRODUCT_RA].orgs[0], "aivd");
    cfg->reassessment_warning_days = 30;
}

static bool parse_compartments(config_err *p, json_t *obj, daf_config *cfg)
{
    if (!json_is_object(obj))
        return config_fail(p, "compartments: must be an object");
    const char *key;
    json_t *rule;
    json_object_foreach(obj, key, rule)
    {
        compartment c = compartment_parse(key);
        if (c == COMPARTMENT_NONE)
            return config_fail(p, "compartments: unknown compartment \"%.64s\"", key);
        if (!json_is_object(rule) || json_object_size(rule) > 2)
            return config_fail(
                p, "compartments.%s: must be {\"roles\": [...], \"own_org_only\": bool}", key);
        json_t *roles = json_object_get(rule, "roles");
        json_t *own = json_object_get(rule, "own_org_only");
        if (!json_is_array(roles) || (own && !json_is_boolean(own)) ||
            json_object_size(rule) != (size_t)(1 + (own != NULL)))
            return config_fail(
                p, "compartments.%s: must be {\"roles\": [...], \"own_org_only\": bool}", key);
        unsigned mask = 0;
        size_t i;
        json_t *r;
        json_array_foreach(roles, i, r)
        {
            role ro = role_parse(json_string_value(r));
            if (ro == ROLE_NONE || ro == ROLE_INSPECTOR || ro == ROLE_ADMIN)
                return config_fail(
                    p, "compartments.%s.roles[%zu]: not a role that may read signals", key, i);
            mask |= 1u << ro;
        }
        cfg->compartments[c] = (compartment_rule){mask, own && json_is_true(own)};
    }
    return true;
}

static bool parse_intrusion(config_err *p, json_t *obj, daf_config *cfg)
{
    if (!json_is_object(obj))
        return config_fail(p, "intrusion: must be an object");
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        if (strcmp(key, "window_days") == 0) {
            if (!config_int_in(p, v, "intrusion.window_days", 1, MAX_WINDOW_DAYS,
                               &cfg->intrusion_window_days))
                return false;
        } else if (strcmp(key, "threshold") == 0) {
            if (!config_int_in(p, v, "intrusion.threshold", 1, MAX_THRESHOLD,
                               &cfg->intrusion_threshold))
                return false;
        } else if (strcmp(key, "weights") == 0 && json_is_object(v)) {
            const char *m;
            json_t *w;
            json_object_foreach(v, m, w)
            {
                gathering_method gm = gathering_method_parse(m);
                if (gm == METHOD_NONE)
                    return config_fail(p, "intrusion.weights: unknown method \"%.64s\"", m);
                if (!config_int_in(p, w, "intrusion.weights", 0, MAX_WEIGHT,
                                   &cfg->intrusion_weight[gm]))
                    return false;
            }
        } else {
            return config_fail(p, "intrusion.%.64s: unknown setting or wrong type", key);
        }
    }
    return true;
}

static bool parse_matrix(config_err *p, json_t *rows, daf_config *cfg)
{
    if (!json_is_array(rows) || json_array_size(rows) != 5)
        return config_fail(p, "threat_matrix: must be 5 rows (seriousness 1..5) of 5 levels");
    for (size_t s = 0; s < 5; s++) {
        json_t *row = json_array_get(rows, s);
        if (!json_is_array(row) || json_array_size(row) != 5)
            return config_fail(p, "threat_matrix[%zu]: must be 5 levels (likelihood 1..5)", s);
        for (size_t l = 0; l < 5; l++)
            if (!config_int_in(p, json_array_get(row, l), "threat_matrix", 1, 5,
                               &cfg->threat_matrix[s][l]))
                return false;
    }
    return true;
}

static bool parse_validity(config_err *p, json_t *days, daf_config *cfg)
{
    if (!json_is_array(days) || json_array_size(days) != 5)
        return config_fail(p, "validity_days: must be 5 terms in days (threat level 1..5)");
    for (size_t i = 0; i < 5; i++)
        if (!config_int_in(p, json_array_get(days, i), "validity_days", 1, MAX_VALIDITY,
                           &cfg->validity_by_level[i]))
            return false;
    return true;
}

static bool parse_product(config_err *p, const char *name, json_t *obj, product_rule *rule)
{
    if (!json_is_object(obj))
        return config_fail(p, "products.%s: must be an object", name);
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        if (strcmp(key, "validity_days") == 0) {
            if (!config_int_in(p, v, "products.validity_days", 0, MAX_VALIDITY,
                               &rule->validity_days))
                return false;
        } else if (strcmp(key, "orgs") == 0 && json_is_array(v) &&
                   json_array_size(v) <= DAF_MAX_AUTHOR_ORGS) {
            rule->org_count = 0;
            size_t i;
            json_t *o;
            json_array_foreach(v, i, o)
            {
                const char *code = json_string_value(o);
                if (!code || !org_code_valid(code))
                    return config_fail(p, "products.%s.orgs[%zu]: not an organisation code", name,
                                       i);
                snprintf(rule->orgs[rule->org_count++], DAF_ORG_CODE_MAX, "%s", code);
            }
        } else {
            return config_fail(p, "products.%s.%.64s: unknown setting or wrong type", name, key);
        }
    }
    return true;
}

static bool parse_products(config_err *p, json_t *obj, daf_config *cfg)
{
    if (!json_is_object(obj))
        return config_fail(p, "products: must be an object");
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        product pr = product_parse(key);
        if (pr == PRODUCT_NONE)
            return config_fail(p, "products: unknown product \"%.64s\"", key);
        if (!parse_product(p, key, v, &cfg->products[pr]))
            return false;
    }
    return true;
}

static bool parse_setting(config_err *p, const char *key, json_t *v, daf_config *cfg)
{
    if (strcmp(key, "compartments") == 0)
        return parse_compartments(p, v, cfg);
    if (strcmp(key, "intrusion") == 0)
        return parse_intrusion(p, v, cfg);
    if (strcmp(key, "threat_matrix") == 0)
        return parse_matrix(p, v, cfg);
    if (strcmp(key, "validity_days") == 0)
        return parse_validity(p, v, cfg);
    if (strcmp(key, "products") == 0)
        return parse_products(p, v, cfg);
    if (strcmp(key, "reassessment_warning_days") == 0)
        return config_int_in(p, v, key, 0, MAX_VALIDITY, &cfg->reassessment_warning_days);
    /* the decision and security settings share the file; decision_config_parse and
     * security_config_parse read and check them */
    if (strcmp(key, "decisions") == 0 || strcmp(key, "security") == 0)
        return true;
    return config_fail(p, "unknown setting \"%.64s\"", key);
}

static bool setting_of(config_err *e, const char *key, json_t *v, void *cfg)
{
    return parse_setting(e, key, v, cfg);
}

bool daf_config_parse(daf_config *cfg, const char *json, size_t len, char *err, size_t err_size)
{
    return config_parse_section(json, len, NULL, setting_of, cfg, sizeof *cfg, err, err_size);
}

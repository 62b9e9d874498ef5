/* decision_config: the "decisions" part of the `serve --config` JSON document (the DAF settings
 * share the file; core/daf_config.c reads the rest and ignores this key). Like daf_config, the
 * parser works on a copy and only replaces cfg when the whole object is valid. */
#include "core/config_parse.h"
#include "core/decision.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

enum { MAX_DAYS = 3650 };

static bool in_package(const measure_package *pkg, measure_type t)
{
    for (size_t i = 0; i < pkg->count; i++)
        if (pkg->types[i] == t)
            return true;
    return false;
}

/* A list of distinct measure types. objects: an object or service package, which may hold no
 * person-oriented measure (such cases cannot take them, so the package could never be met). */
static bool parse_package(config_err *p, json_t *arr, const char *path, bool objects,
                          measure_package *out)
{
    if (!json_is_array(arr) || json_array_size(arr) > DECISION_MAX_PACKAGE)
        return config_fail(p, "decisions.packages.%s: must be a list of at most %d measure types",
                           path, DECISION_MAX_PACKAGE);
    measure_package pkg = {0};
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v)
    {
        measure_type t = measure_type_parse(json_string_value(v));
        if (t == MEASURE_NONE)
            return config_fail(p, "decisions.packages.%s[%zu]: unknown measure type", path, i);
        if (in_package(&pkg, t))
            return config_fail(p, "decisions.packages.%s[%zu]: listed twice", path, i);
        if (objects && measure_info_of(t)->person_oriented)
            return config_fail(p, "decisions.packages.%s[%zu]: person-oriented, not for objects",
                               path, i);
        pkg.types[pkg.count++] = t;
    }
    *out = pkg;
    return true;
}

/* {"1": [...], ..., "4": [...]}: the packages by resistance level, each key optional. */
static bool parse_levels(config_err *p, json_t *obj, const char *name, bool objects,
                         measure_package *levels)
{
    if (!json_is_object(obj))
        return config_fail(p, "decisions.packages.%s: must be an object keyed \"1\" to \"4\"",
                           name);
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        if (strlen(key) != 1 || key[0] < '1' || key[0] > '0' + RESISTANCE_LEVELS)
            return config_fail(p, "decisions.packages.%s: unknown resistance level \"%.64s\"", name,
                               key);
        char path[32];
        snprintf(path, sizeof path, "%s.%s", name, key);
        if (!parse_package(p, v, path, objects, &levels[key[0] - '1']))
            return false;
    }
    return true;
}

static bool parse_packages(config_err *p, json_t *obj, decision_config *cfg)
{
    if (!json_is_object(obj))
        return config_fail(p, "decisions.packages: must be an object");
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        bool ok;
        if (strcmp(key, "persons") == 0)
            ok = parse_levels(p, v, "persons", false, cfg->person_packages);
        else if (strcmp(key, "objects") == 0)
            ok = parse_levels(p, v, "objects", true, cfg->object_packages);
        else if (strcmp(key, "category_i") == 0)
            ok = parse_package(p, v, "category_i", false, &cfg->category_i_package);
        else
            ok = config_fail(p, "decisions.packages: unknown key \"%.64s\"", key);
        if (!ok)
            return false;
    }
    return true;
}

static bool parse_days(config_err *p, json_t *v, const char *key, int *out)
{
    char path[64];
    snprintf(path, sizeof path, "decisions.%s", key);
    return config_int_in(p, v, path, 1, MAX_DAYS, out);
}

static bool parse_setting(config_err *p, const char *key, json_t *v, decision_config *cfg)
{
    if (strcmp(key, "packages") == 0)
        return parse_packages(p, v, cfg);
    if (strcmp(key, "urgent_confirm_days") == 0)
        return parse_days(p, v, key, &cfg->urgent_confirm_days);
    if (strcmp(key, "review_days_default") == 0)
        return parse_days(p, v, key, &cfg->review_days_default);
    if (strcmp(key, "aftercare_days") == 0)
        return parse_days(p, v, key, &cfg->aftercare_days);
    return config_fail(p, "decisions: unknown setting \"%.64s\"", key);
}

static bool setting_of(config_err *e, const char *key, json_t *v, void *cfg)
{
    return parse_setting(e, key, v, cfg);
}

bool decision_config_parse(decision_config *cfg, const char *json, size_t len, char *err,
                           size_t err_size)
{
    return config_parse_section(json, len, "decisions", setting_of, cfg, sizeof *cfg, err,
                                err_size);
}

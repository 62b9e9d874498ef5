/* decision_config: the "decisions" part of the `serve --config` JSON document (the DAF settings
 * share the file; core/daf_config.c reads the rest and ignores this key). Like daf_config, the
 * parser works on a copy and only replaces cfg when the whole object is valid. */
#include "core/decision.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum { MAX_DAYS = 3650 };

typedef struct parse_ctx {
    char *err;
    size_t err_size;
} parse_ctx;

__attribute__((format(printf, 2, 3))) static bool fail(parse_ctx *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err, p->err_size, fmt, ap);
    va_end(ap);
    return false;
}

static bool in_package(const measure_package *pkg, measure_type t)
{
    for (size_t i = 0; i < pkg->count; i++)
        if (pkg->types[i] == t)
            return true;
    return false;
}

/* A list of distinct measure types. objects: an object or service package, which may hold no
 * person-oriented measure (such cases cannot take them, so the package could never be met). */
static bool parse_package(parse_ctx *p, json_t *arr, const char *path, bool objects,
                          measure_package *out)
{
    if (!json_is_array(arr) || json_array_size(arr) > DECISION_MAX_PACKAGE)
        return fail(p, "decisions.packages.%s: must be a list of at most %d measure types", path,
                    DECISION_MAX_PACKAGE);
    measure_package pkg = {0};
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v)
    {
        measure_type t = measure_type_parse(json_string_value(v));
        if (t == MEASURE_NONE)
            return fail(p, "decisions.packages.%s[%zu]: unknown measure type", path, i);
        if (in_package(&pkg, t))
            return fail(p, "decisions.packages.%s[%zu]: listed twice", path, i);
        if (objects && measure_info_of(t)->person_oriented)
            return fail(p, "decisions.packages.%s[%zu]: person-oriented, not for objects", path, i);
        pkg.types[pkg.count++] = t;
    }
    *out = pkg;
    return true;
}

/* {"1": [...], ..., "4": [...]}: the packages by resistance level, each key optional. */
static bool parse_levels(parse_ctx *p, json_t *obj, const char *name, bool objects,
                         measure_package *levels)
{
    if (!json_is_object(obj))
        return fail(p, "decisions.packages.%s: must be an object keyed \"1\" to \"4\"", name);
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        if (strlen(key) != 1 || key[0] < '1' || key[0] > '0' + RESISTANCE_LEVELS)
            return fail(p, "decisions.packages.%s: unknown resistance level \"%.64s\"", name, key);
        char path[32];
        snprintf(path, sizeof path, "%s.%s", name, key);
        if (!parse_package(p, v, path, objects, &levels[key[0] - '1']))
            return false;
    }
    return true;
}

static bool parse_packages(parse_ctx *p, json_t *obj, decision_config *cfg)
{
    if (!json_is_object(obj))
        return fail(p, "decisions.packages: must be an object");
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
            ok = fail(p, "decisions.packages: unknown key \"%.64s\"", key);
        if (!ok)
            return false;
    }
    return true;
}

static bool parse_days(parse_ctx *p, json_t *v, const char *key, int *out)
{
    if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > MAX_DAYS)
        return fail(p, "decisions.%s: must be an integer from 1 to %d", key, MAX_DAYS);
    *out = (int)json_integer_value(v);
    return true;
}

static bool parse_setting(parse_ctx *p, const char *key, json_t *v, decision_config *cfg)
{
    if (strcmp(key, "packages") == 0)
        return parse_packages(p, v, cfg);
    if (strcmp(key, "urgent_confirm_days") == 0)
        return parse_days(p, v, key, &cfg->urgent_confirm_days);
    if (strcmp(key, "review_days_default") == 0)
        return parse_days(p, v, key, &cfg->review_days_default);
    if (strcmp(key, "aftercare_days") == 0)
        return parse_days(p, v, key, &cfg->aftercare_days);
    return fail(p, "decisions: unknown setting \"%.64s\"", key);
}

static bool parse_decisions(parse_ctx *p, json_t *obj, decision_config *cfg)
{
    if (!json_is_object(obj))
        return fail(p, "decisions: must be an object");
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        if (!parse_setting(p, key, v, cfg))
            return false;
    }
    return true;
}

bool decision_config_parse(decision_config *cfg, const char *json, size_t len, char *err,
                           size_t err_size)
{
    parse_ctx p = {err, err_size};
    json_error_t jerr;
    json_t *doc = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!doc)
        return fail(&p, "line %d: %s", jerr.line, jerr.text);
    decision_config next = *cfg;
    bool ok = json_is_object(doc) || fail(&p, "the configuration must be a JSON object");
    json_t *decisions = ok ? json_object_get(doc, "decisions") : NULL;
    if (decisions)
        ok = parse_decisions(&p, decisions, &next);
    json_decref(doc);
    if (ok)
        *cfg = next;
    return ok;
}

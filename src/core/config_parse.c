/* config_parse: see config_parse.h. */
#include "core/config_parse.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool config_fail(config_err *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->text, e->size, fmt, ap);
    va_end(ap);
    return false;
}

bool config_int_in(config_err *e, json_t *v, const char *path, int min, int max, int *out)
{
    if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)
        return config_fail(e, "%s: must be an integer from %d to %d", path, min, max);
    *out = (int)json_integer_value(v);
    return true;
}

static bool parse_object(config_err *e, json_t *obj, const char *section, config_setting_fn setting,
                         void *next)
{
    if (!json_is_object(obj))
        return section ? config_fail(e, "%s: must be an object", section)
                       : config_fail(e, "the configuration must be a JSON object");
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        if (!setting(e, key, v, next))
            return false;
    }
    return true;
}

bool config_parse_section(const char *json, size_t len, const char *section,
                          config_setting_fn setting, void *cfg, size_t cfg_size, char *err,
                          size_t err_size)
{
    config_err e = {err, err_size};
    json_error_t jerr;
    json_t *doc = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!doc)
        return config_fail(&e, "line %d: %s", jerr.line, jerr.text);
    void *next = malloc(cfg_size);
    bool ok = next != NULL || config_fail(&e, "out of memory");
    if (ok && section && !json_is_object(doc))
        ok = config_fail(&e, "the configuration must be a JSON object");
    json_t *obj = !ok ? NULL : section ? json_object_get(doc, section) : doc;
    if (obj) {
        memcpy(next, cfg, cfg_size);
        if ((ok = parse_object(&e, obj, section, setting, next)))
            memcpy(cfg, next, cfg_size);
    }
    free(next);
    json_decref(doc);
    return ok;
}

/* security_config: defaults and the parser of the "security" settings (see security_config.h and
 * docs/SECURITY.md). The retention defaults follow the Police Data Act's terms (domain.md, Part 1
 * "Audit, retention, oversight"): art. 8 data at the latest 5 years after recording, informant
 * data (art. 12) at the latest 10 years; the Act's "half a year after no longer needed" (art. 9)
 * and "5 years after the last processing that showed necessity" (art. 10) need a judgement
 * Schild cannot make, so their outer term of 5 years applies. Closed cases go 5 years after
 * closing. */
#include "core/security_config.h"
#include "core/config_parse.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

enum {
    DEFAULT_BREAK_GLASS_MINUTES = 240,
    DEFAULT_CHECKPOINT_SECONDS = 300,
    FIVE_YEARS = 1826,
    TEN_YEARS = 3653,
    MAX_MINUTES = 7 * 24 * 60,
    MAX_CHECKPOINT_SECONDS = 24 * 3600,
    MAX_RETENTION_DAYS = 36525,
};

void security_config_defaults(security_config *cfg, bool demo)
{
    *cfg = (security_config){.break_glass_minutes = DEFAULT_BREAK_GLASS_MINUTES,
                             .totp_roles = demo ? 0u : (1u << ROLE__COUNT) - 1u,
                             .checkpoint_seconds = DEFAULT_CHECKPOINT_SECONDS,
                             .retention_closed_days = FIVE_YEARS};
    for (int c = 0; c < COMPARTMENT__COUNT; c++)
        cfg->retention_days[c] = FIVE_YEARS;
    cfg->retention_days[COMPARTMENT_INFORMANT] = TEN_YEARS;
}

/* An integer in [min,max] of the "security" object; path below it. */
static bool int_in(config_err *p, json_t *v, const char *path, int min, int max, int *out)
{
    char full[128];
    snprintf(full, sizeof full, "security.%s", path);
    return config_int_in(p, v, full, min, max, out);
}

static bool parse_roles(config_err *p, json_t *v, security_config *cfg)
{
    if (!json_is_array(v))
        return config_fail(p, "security.totp_roles: must be a list of role names");
    unsigned roles = 0;
    size_t i;
    json_t *item;
    json_array_foreach(v, i, item)
    {
        role r = role_parse(json_string_value(item));
        if (r == ROLE_NONE)
            return config_fail(p, "security.totp_roles[%zu]: unknown role", i);
        roles |= 1u << r;
    }
    cfg->totp_roles = roles;
    cfg->totp_roles_set = true;
    return true;
}

static bool parse_signal_terms(config_err *p, json_t *obj, security_config *cfg)
{
    if (!json_is_object(obj))
        return config_fail(p, "security.retention.signals: must be an object keyed by compartment");
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        compartment c = compartment_parse(key);
        char path[96];
        snprintf(path, sizeof path, "retention.signals.%.64s", key);
        if (c == COMPARTMENT_NONE)
            return config_fail(p, "security.%s: unknown compartment", path);
        if (!int_in(p, v, path, 1, MAX_RETENTION_DAYS, &cfg->retention_days[c]))
            return false;
    }
    return true;
}

static bool parse_retention(config_err *p, json_t *obj, security_config *cfg)
{
    if (!json_is_object(obj))
        return config_fail(p, "security.retention: must be an object");
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        bool ok;
        if (strcmp(key, "signals") == 0)
            ok = parse_signal_terms(p, v, cfg);
        else if (strcmp(key, "closed_cases") == 0)
            ok = int_in(p, v, "retention.closed_cases", 1, MAX_RETENTION_DAYS,
                        &cfg->retention_closed_days);
        else
            ok = config_fail(p, "security.retention: unknown setting \"%.64s\"", key);
        if (!ok)
            return false;
    }
    return true;
}

static bool parse_setting(config_err *p, const char *key, json_t *v, security_config *cfg)
{
    if (strcmp(key, "break_glass_minutes") == 0)
        return int_in(p, v, key, 1, MAX_MINUTES, &cfg->break_glass_minutes);
    if (strcmp(key, "totp_roles") == 0)
        return parse_roles(p, v, cfg);
    if (strcmp(key, "checkpoint_seconds") == 0)
        return int_in(p, v, key, 1, MAX_CHECKPOINT_SECONDS, &cfg->checkpoint_seconds);
    if (strcmp(key, "retention") == 0)
        return parse_retention(p, v, cfg);
    return config_fail(p, "security: unknown setting \"%.64s\"", key);
}

static bool setting_of(config_err *e, const char *key, json_t *v, void *cfg)
{
    return parse_setting(e, key, v, cfg);
}

bool security_config_parse(security_config *cfg, const char *json, size_t len, char *err,
                           size_t err_size)
{
    return config_parse_section(json, len, "security", setting_of, cfg, sizeof *cfg, err, err_size);
}

bool security_totp_required(const security_config *cfg, role r)
{
    return r >= 0 && r < ROLE__COUNT && (cfg->totp_roles & (1u << r)) != 0;
}

/* The "security" settings: defaults (demo mode changes only the second-factor default), the
 * parser's refusals, and that a refused document changes nothing. */
#include "check.h"

#include "core/daf_config.h"
#include "core/security_config.h"

static bool parse(security_config *cfg, const char *json)
{
    char err[256];
    return security_config_parse(cfg, json, strlen(json), err, sizeof err);
}

static void defaults_require_a_second_factor_for_every_role_outside_demo_mode(void)
{
    security_config cfg, demo;
    security_config_defaults(&cfg, false);
    security_config_defaults(&demo, true);
    for (role r = 0; r < ROLE__COUNT; r++) {
        CHECK(security_totp_required(&cfg, r));
        CHECK(!security_totp_required(&demo, r));
    }
    CHECK(!security_totp_required(&cfg, ROLE_NONE));
    CHECK(cfg.break_glass_minutes == 240 && cfg.checkpoint_seconds == 300);
    CHECK(cfg.retention_days[COMPARTMENT_INFORMANT] == 3653);
    CHECK(cfg.retention_days[COMPARTMENT_POLICE] == 1826 && cfg.retention_closed_days == 1826);
}

static void settings_are_read_from_the_security_object(void)
{
    security_config cfg;
    security_config_defaults(&cfg, true);
    CHECK(parse(&cfg, "{\"threat_matrix\": 1, \"security\": {\"break_glass_minutes\": 60, "
                      "\"totp_roles\": [\"authority\"], \"checkpoint_seconds\": 10, "
                      "\"retention\": {\"signals\": {\"open_source\": 365}, "
                      "\"closed_cases\": 400}}}"));
    CHECK(cfg.break_glass_minutes == 60 && cfg.checkpoint_seconds == 10);
    CHECK(security_totp_required(&cfg, ROLE_AUTHORITY) &&
          !security_totp_required(&cfg, ROLE_ADMIN));
    CHECK(cfg.totp_roles_set);
    CHECK(cfg.retention_days[COMPARTMENT_OPEN_SOURCE] == 365 && cfg.retention_closed_days == 400);
    CHECK(cfg.retention_days[COMPARTMENT_POLICE] == 1826);
}

static void absent_section_changes_nothing(void)
{
    security_config cfg, before;
    security_config_defaults(&cfg, false);
    before = cfg;
    CHECK(parse(&cfg, "{\"decisions\": {}}"));
    CHECK(memcmp(&cfg, &before, sizeof cfg) == 0);
}

static void bad_documents_are_refused_and_change_nothing(void)
{
    const char *bad[] = {
        "{\"security\": 3}",
        "{\"security\": {\"break_glass_minutes\": 0}}",
        "{\"security\": {\"break_glass_minutes\": \"4h\"}}",
        "{\"security\": {\"totp_roles\": [\"wizard\"]}}",
        "{\"security\": {\"totp_roles\": \"authority\"}}",
        "{\"security\": {\"checkpoint_seconds\": 86401}}",
        "{\"security\": {\"retention\": {\"signals\": {\"secret\": 5}}}}",
        "{\"security\": {\"retention\": {\"signals\": {\"police\": 0}}}}",
        "{\"security\": {\"retention\": {\"forever\": true}}}",
        "{\"security\": {\"unknown\": 1}}",
        "{\"security\": {\"break_glass_minutes\": 60, \"break_glass_minutes\": 61}}",
        "[]",
        "{",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        security_config cfg, before;
        security_config_defaults(&cfg, false);
        before = cfg;
        char err[256] = "";
        CHECK(!security_config_parse(&cfg, bad[i], strlen(bad[i]), err, sizeof err));
        CHECK(err[0] != '\0');
        CHECK(memcmp(&cfg, &before, sizeof cfg) == 0);
    }
}

static void the_daf_parser_leaves_the_security_object_alone(void)
{
    daf_config cfg;
    daf_config_defaults(&cfg);
    const char *doc = "{\"security\": {\"break_glass_minutes\": 60}}";
    char err[256];
    CHECK(daf_config_parse(&cfg, doc, strlen(doc), err, sizeof err));
}

int main(void)
{
    RUN(defaults_require_a_second_factor_for_every_role_outside_demo_mode);
    RUN(settings_are_read_from_the_security_object);
    RUN(absent_section_changes_nothing);
    RUN(bad_documents_are_refused_and_change_nothing);
    RUN(the_daf_parser_leaves_the_security_object_alone);
    return check_summary();
}

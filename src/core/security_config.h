/* security_config: the "security" part of the `serve --config` JSON document (the DAF and
 * decision settings share the file): break-glass duration, which roles must log in with a second
 * factor, how often the audit trail is signed, and the retention terms. Defaults are compiled in;
 * the parser works on a copy and replaces cfg only when the whole object is valid. Pure. */
#ifndef SCHILD_SECURITY_CONFIG_H
#define SCHILD_SECURITY_CONFIG_H

#include "core/daf.h"
#include "core/domain.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct security_config {
    int break_glass_minutes; /* how long break-glass access lasts (240) */
    /* roles that must log in with TOTP (bit 1u << role). Default: every role, except in demo
     * mode (`serve --demo`), where the default is none. Set explicitly, it holds in both. */
    unsigned totp_roles;
    bool totp_roles_set;    /* the configuration named them */
    int checkpoint_seconds; /* a signed audit checkpoint at least this often (300) */
    int retention_days[COMPARTMENT__COUNT]; /* signals, by compartment, from recording */
    int retention_closed_days;              /* closed cases, from closing */
} security_config;

/* demo: whether serve runs in demo mode (only changes the TOTP default). */
void security_config_defaults(security_config *cfg, bool demo);

/* Reads only the top-level key "security" of the document; absent: success, unchanged. Unknown
 * keys, bad types and out-of-range values are refused with a message in err; cfg is unchanged on
 * failure. */
bool security_config_parse(security_config *cfg, const char *json, size_t len, char *err,
                           size_t err_size);

/* Whether a role must log in with a second factor under this configuration. */
bool security_totp_required(const security_config *cfg, role r);

#endif

/* demo_common: the small helpers every demo loader uses (see demo_daf.h). */
#include "demo/demo_daf.h"

#include "core/validate.h"
#include "util/clock.h"

#include <string.h>

const char *demo_stamp(arena *a, int64_t ms)
{
    char buf[CLOCK_RFC3339_SIZE];
    clock_rfc3339(ms, buf);
    return arena_strdup(a, buf);
}

const char *demo_day(arena *a, int64_t ms)
{
    char buf[DATE_TEXT_SIZE];
    date_format(clock_today_days(ms), buf);
    return arena_strdup(a, buf);
}

bool demo_find_user(const demo_daf_ctx *ctx, const char *username, viewer *out)
{
    for (size_t i = 0; i < ctx->user_count; i++)
        if (strcmp(ctx->users[i].username, username) == 0) {
            const demo_user *u = &ctx->users[i];
            *out = (viewer){ctx->user_ids[i],    u->username, u->display_name,
                            role_parse(u->role), u->org,      0};
            return true;
        }
    return false;
}

db_status demo_audit(storage *s, arena *a, const viewer *v, const char *at, const char *action,
                     const char *type, int64_t id)
{
    audit_entry e = {.at = at,
                     .username = v->username,
                     .org = v->org,
                     .role = role_name(v->role),
                     .action = action,
                     .object_type = type,
                     .object_id = arena_printf(a, "%lld", (long long)id),
                     .purpose = "",
                     .outcome = "ok",
                     .detail = "demo"};
    return s->ops->audit_append(s, &e, 1);
}

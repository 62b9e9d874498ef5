/* demo_daf: the demo world's threat information: actors, signals over every triaged case (some
 * restricted: informant, H2 intelligence), and threat assessments in every state of the
 * four-eyes cycle, some expiring so that the DAF work queue is realistic. Deterministic. */
#ifndef SCHILD_DEMO_DAF_H
#define SCHILD_DEMO_DAF_H

#include "demo/demo_world.h"
#include "storage/storage.h"

typedef struct demo_daf_ctx {
    storage *db;
    const demo_user *users;
    const int64_t *user_ids;
    size_t user_count;
    const demo_case *cases;
    const int64_t *case_ids; /* per demo case */
    size_t case_count;
    int64_t epoch_ms; /* "today" of the demo world */
} demo_daf_ctx;

/* Writes actors, signals and assessments. 0 on success. */
int demo_load_daf(const demo_daf_ctx *ctx);

/* Decisions and measures on the cases the DAF part left in status decision, objects and a
 * service with their own cases, an entry on the limitative list (demo_decisions.c). */
int demo_load_decisions(const demo_daf_ctx *ctx);

/* What the demo loaders share (demo_common.c): timestamps and Dutch dates of a moment, a demo
 * user as a viewer, and an audit entry as the API would write it (detail "demo"). */
enum { DEMO_DAY_MS = 86400000, DEMO_HOUR_MS = 3600000 };
const char *demo_stamp(arena *a, int64_t ms);
const char *demo_day(arena *a, int64_t ms);
bool demo_find_user(const demo_daf_ctx *ctx, const char *username, viewer *out);
db_status demo_audit(storage *s, arena *a, const viewer *v, const char *at, const char *action,
                     const char *type, int64_t id);

#endif

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

#endif

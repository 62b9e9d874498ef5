/* daf_common: what the DAF handlers share: JSON of signals, stubs, actors and releases, the
 * viewer's read rights on one signal, subject visibility and dates. */
#ifndef SCHILD_DAF_COMMON_H
#define SCHILD_DAF_COMMON_H

#include "api/api.h"
#include "core/daf.h"
#include "core/validate.h"

/* Today (UTC) of the request as days and as YYYY-MM-DD (in the request's arena). */
int64_t daf_today(const request *r);
const char *daf_today_text(request *r);
/* YYYY-MM-DD of today + offset days (arena). */
const char *daf_day_text(request *r, int64_t offset);

/* The full signal. */
json_t *signal_to_json(const signal_record *s);
/* What a user who may not read it sees: originator, date, compartment, grades, handling. */
json_t *signal_stub_to_json(const signal_record *s);
json_t *actor_to_json(const actor_record *a);
json_t *release_to_json(const release_record *r);
json_t *notification_to_json(const notification_record *n);
/* {"username", "org"} */
json_t *who_to_json(const char *username, const char *org);

/* Whether id is in ids[0..count). */
bool daf_id_in(const int64_t *ids, size_t count, int64_t id);

/* Whether the viewer may see an actor: analysts always; others when one of its linked cases
 * (teams loaded) is visible to them. */
bool daf_actor_visible(const viewer *v, const case_record *cases, size_t count);

#endif

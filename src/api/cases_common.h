/* cases_common: the steps every action on an existing case shares: load it, check need-to-know
 * (404, audited as denied), check the version (409) and the role (403), in that order. */
#ifndef SCHILD_CASES_COMMON_H
#define SCHILD_CASES_COMMON_H

#include "api/api.h"
#include "core/lifecycle.h"

/* Loads case r->id for an action by the viewer. Answers the problem itself and returns false
 * when the case is not visible, the body's "version" is stale, or the role may not cause ev. */
bool case_load_for_action(request *r, json_t *body, const char *action, lifecycle_event ev,
                          case_record *out);

/* Loads case r->id for reading; answers 404 (audited) itself when not visible. */
bool case_load_visible(request *r, const char *action, case_record *out);

/* More facts of the case read in the same read transaction as the case itself (on SQLite every
 * read transaction after an audit commit starts with a cold page cache: one transaction, not two,
 * per request). Runs before the visibility check; its results are used only when visible. */
typedef db_status (*case_load_extra)(storage *s, request *r, const case_record *c, void *ctx);
bool case_load_visible_with(request *r, const char *action, case_record *out, case_load_extra extra,
                            void *extra_ctx);

/* Writes the updated case (version-checked), its timeline event, optional team members and the
 * audit entry in one transaction, then reads the case back into *c. Answers problems itself. */
bool case_commit_action(request *r, case_record *c, const char *action, const case_event *event,
                        const team_member *members, size_t member_count, const char *detail);

#endif

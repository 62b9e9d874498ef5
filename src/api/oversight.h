/* oversight: what the privacy officer's and the inspector's views share (oversight.c,
 * oversight_figures.c): who may call them, the audited refusal, query parameters, JSON of audit
 * entries. docs/OVERSIGHT.md describes the views and their shapes. */
#ifndef SCHILD_OVERSIGHT_H
#define SCHILD_OVERSIGHT_H

#include "api/api.h"
#include "storage/storage.h"

/* Whether the viewer may use a view; otherwise answers 403 (audited as action) and false. The
 * privacy officer may use every view, the inspector only those marked inspector_too. */
bool oversight_allowed(request *r, const char *action, bool inspector_too);

/* Refuses unknown or repeated parameters with 400 (not audited: nothing was read). */
bool oversight_query_only(request *r, const char *const *allowed);

/* page (1..max_page) and per_page (1..MAX_PAGE_SIZE, default DEFAULT_PAGE_SIZE). */
void oversight_page(request *r, validation *v, int64_t max_page, int64_t *page, int64_t *per_page);
/* from and to (YYYY-MM-DD, optional, from <= to). */
void oversight_dates(request *r, validation *v, const char **from, const char **to);

/* {seq, at, username, org, role, action, object_type, object_id, purpose, outcome, detail},
 * with prev_hash and hash when with_hashes. */
json_t *oversight_entry_json(const audit_row *row, bool with_hashes);

/* {"items", "total", "page", "per_page"} (steals items). */
json_t *oversight_page_json(json_t *items, int64_t total, int64_t page, int64_t per_page);

#endif

/* audit_export_write: the export file of docs/AUDIT.md from one read snapshot. Every line is a
 * JSON object written by jansson with its keys in a fixed order (the order is documentation for
 * people; the verifier does not depend on it). */
#include "audit/audit_export.h"

#include <jansson.h>
#include <string.h>
#include <unistd.h>

typedef struct export_ctx {
    FILE *out;
    const char *public_key_hex, *exported_at;
    int64_t limit; /* the newest checkpoint's seq: nothing after it is exported */
    int64_t entries, checkpoints;
    bool bad_text; /* a field that is not UTF-8 (cannot be JSON text) */
    bool write_failed;
} export_ctx;

/* Writes one object as a line; frees it. */
static bool write_line(export_ctx *x, json_t *o)
{
    if (!o) {
        x->bad_text = true;
        return false;
    }
    bool ok = json_dumpf(o, x->out, JSON_COMPACT | JSON_PRESERVE_ORDER) == 0 &&
              fputc('\n', x->out) != EOF;
    json_decref(o);
    if (!ok)
        x->write_failed = true;
    return ok;
}

/* json_string of a possibly NULL value; NULL (caught by write_line) when not UTF-8. */
static json_t *text(const char *s)
{
    return json_string(s ? s : "");
}

static json_t *entry_object(const audit_row *r)
{
    const audit_entry *e = &r->entry;
    const char *names[] = {"at",          "username",  "org",     "role",    "action",
                           "object_type", "object_id", "purpose", "outcome", "detail"};
    const char *values[] = {e->at,          e->username,  e->org,     e->role,    e->action,
                            e->object_type, e->object_id, e->purpose, e->outcome, e->detail};
    json_t *o = json_object();
    json_object_set_new(o, "type", json_string("entry"));
    json_object_set_new(o, "seq", json_integer(e->seq));
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        json_t *v = text(values[i]);
        if (!v)
            return json_decref(o), NULL;
        json_object_set_new(o, names[i], v);
    }
    json_object_set_new(o, "prev_hash", text(r->prev_hash));
    json_object_set_new(o, "hash", text(r->hash));
    return o;
}

static json_t *checkpoint_object(const audit_checkpoint *cp)
{
    json_t *o = json_object();
    json_object_set_new(o, "type", json_string("checkpoint"));
    json_object_set_new(o, "seq", json_integer(cp->seq));
    json_object_set_new(o, "hash", text(cp->hash));
    json_object_set_new(o, "signed_at", text(cp->signed_at));
    json_object_set_new(o, "public_key", text(cp->public_key));
    json_object_set_new(o, "signature", text(cp->signature));
    return o;
}

static int count_entry(void *ctx, const audit_row *r)
{
    export_ctx *x = ctx;
    if (r->entry.seq > x->limit)
        return 1;
    x->entries++;
    return 0;
}

static int count_checkpoint(void *ctx, const audit_checkpoint *cp)
{
    export_ctx *x = ctx;
    if (cp->seq > x->limit)
        return 1;
    x->checkpoints++;
    return 0;
}

static int write_entry(void *ctx, const audit_row *r)
{
    export_ctx *x = ctx;
    if (r->entry.seq > x->limit)
        return 1;
    return write_line(x, entry_object(r)) ? 0 : 1;
}

static int write_checkpoint(void *ctx, const audit_checkpoint *cp)
{
    export_ctx *x = ctx;
    if (cp->seq > x->limit)
        return 1;
    return write_line(x, checkpoint_object(cp)) ? 0 : 1;
}

static bool write_header(export_ctx *x)
{
    json_t *o = json_object();
    json_object_set_new(o, "format", json_string(AUDIT_EXPORT_FORMAT));
    json_object_set_new(o, "public_key", text(x->public_key_hex));
    json_object_set_new(o, "exported_at", text(x->exported_at));
    json_object_set_new(o, "entries", json_integer(x->entries));
    json_object_set_new(o, "checkpoints", json_integer(x->checkpoints));
    return write_line(x, o);
}

/* Counts first (the header announces the counts), then writes, in the same snapshot. */
static db_status export_body(storage *s, void *ctx)
{
    export_ctx *x = ctx;
    x->entries = x->checkpoints = 0;
    x->bad_text = x->write_failed = false;
    rewind(x->out);
    if (ftruncate(fileno(x->out), 0) != 0)
        return DB_HARD_ERROR;
    arena a;
    arena_init(&a, 4096);
    audit_checkpoint latest;
    db_status st = s->ops->checkpoint_latest(s, &a, &latest);
    x->limit = st == DB_ONE ? latest.seq : 0;
    arena_clear(&a);
    if (st < 0 || (st = s->ops->audit_scan(s, count_entry, x)) < 0 ||
        (st = s->ops->checkpoint_scan(s, count_checkpoint, x)) < 0)
        return st;
    if (write_header(x) && (st = s->ops->audit_scan(s, write_entry, x)) >= 0 && !x->bad_text &&
        !x->write_failed)
        st = s->ops->checkpoint_scan(s, write_checkpoint, x);
    if (st < 0)
        return st;
    if (x->write_failed)
        return DB_HARD_ERROR;
    return x->bad_text ? DB_REFUSED : DB_ONE;
}

db_status audit_export_write(storage *s, FILE *out, const char *public_key_hex,
                             const char *exported_at, audit_export_summary *summary)
{
    export_ctx x = {.out = out, .public_key_hex = public_key_hex, .exported_at = exported_at};
    db_status st = storage_transact(s, TX_READ, export_body, &x);
    if (st == DB_ONE && fflush(out) != 0)
        st = DB_HARD_ERROR;
    if (summary) {
        memset(summary, 0, sizeof *summary);
        summary->entries = x.entries;
        summary->checkpoints = x.checkpoints;
        summary->last_checkpoint_seq = x.limit;
    }
    return st;
}

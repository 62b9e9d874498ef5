/* audit_export_verify: the offline verifier of an export (docs/AUDIT.md, "Verifying an export").
 * The file is outside input: every line is parsed strictly (known keys only, each of its type,
 * no duplicates), and the verifier stops at the first problem and names it. It needs only the
 * public key: the entries' hashes are recomputed from their fields (core/audit_chain.c), every
 * checkpoint's signature is checked and its hash compared with the chain's at its seq, and the
 * last checkpoint must cover the last entry. */
#include "audit/audit_export.h"

#include "core/audit_checkpoint.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_LINE = 1 << 20 };

typedef enum part { PART_HEADER, PART_ENTRIES, PART_CHECKPOINTS } part;

struct export_verifier {
    unsigned char pk[32];
    char pk_hex[CHECKPOINT_PUBLIC_HEX];
    part at;
    int64_t line;
    int64_t announced_entries, announced_checkpoints;
    audit_verifier chain;
    unsigned char (*hashes)[AUDIT_HASH_BYTES]; /* the chain's hash at seq i + 1 */
    size_t hash_cap;
    int64_t checkpoints, last_checkpoint_seq;
    char last_signed_at[48];
    bool failed;
    char problem[320];
};

export_verifier *export_verifier_new(const unsigned char public_key[32])
{
    export_verifier *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    memcpy(v->pk, public_key, sizeof v->pk);
    checkpoint_hex(public_key, 32, v->pk_hex);
    audit_verifier_init(&v->chain);
    return v;
}

void export_verifier_free(export_verifier *v)
{
    if (v)
        free(v->hashes);
    free(v);
}

const char *export_verifier_problem(const export_verifier *v)
{
    return v->problem;
}

static bool fail(export_verifier *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool fail(export_verifier *v, const char *fmt, ...)
{
    if (v->failed)
        return false;
    va_list ap;
    va_start(ap, fmt);
    /* A line's problem names the line; the checks on the whole file run with line 0. */
    int n = v->line > 0 ? snprintf(v->problem, sizeof v->problem, "line %lld: ", (long long)v->line)
                        : 0;
    vsnprintf(v->problem + n, sizeof v->problem - (size_t)n, fmt, ap);
    va_end(ap);
    v->failed = true;
    return false;
}

/* The object's members must be exactly the names given (jansson already refused duplicates). */
static bool has_exactly(json_t *o, const char *const *names, size_t n)
{
    if (!json_is_object(o) || json_object_size(o) != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!json_object_get(o, names[i]))
            return false;
    return true;
}

static const char *string_member(json_t *o, const char *name)
{
    return json_string_value(json_object_get(o, name));
}

/* A non-negative JSON integer member, or -1. */
static int64_t count_member(json_t *o, const char *name)
{
    json_t *n = json_object_get(o, name);
    return json_is_integer(n) && json_integer_value(n) >= 0 ? (int64_t)json_integer_value(n) : -1;
}

static bool check_header(export_verifier *v, json_t *o)
{
    static const char *const names[] = {"format", "public_key", "exported_at", "entries",
                                        "checkpoints"};
    const char *format = string_member(o, "format");
    if (!has_exactly(o, names, 5) || !format || strcmp(format, AUDIT_EXPORT_FORMAT) != 0 ||
        !string_member(o, "exported_at") || !string_member(o, "public_key") ||
        count_member(o, "entries") < 0 || count_member(o, "checkpoints") < 0)
        return fail(v, "not the header of a %s file", AUDIT_EXPORT_FORMAT);
    if (strcmp(string_member(o, "public_key"), v->pk_hex) != 0)
        return fail(v, "the export names another public key than the one given (wrong key)");
    v->announced_entries = count_member(o, "entries");
    v->announced_checkpoints = count_member(o, "checkpoints");
    v->at = PART_ENTRIES;
    return true;
}

static bool remember_hash(export_verifier *v)
{
    size_t n = (size_t)v->chain.count;
    if (n > v->hash_cap) {
        size_t cap = v->hash_cap ? v->hash_cap * 2 : 1024;
        void *grown = realloc(v->hashes, cap * sizeof *v->hashes);
        if (!grown)
            return fail(v, "out of memory");
        v->hashes = grown;
        v->hash_cap = cap;
    }
    memcpy(v->hashes[n - 1], v->chain.prev, AUDIT_HASH_BYTES);
    return true;
}

static bool check_entry(export_verifier *v, json_t *o)
{
    static const char *const names[] = {"type",    "seq",    "at",          "username",  "org",
                                        "role",    "action", "object_type", "object_id", "purpose",
                                        "outcome", "detail", "prev_hash",   "hash"};
    if (!has_exactly(o, names, sizeof names / sizeof names[0]) ||
        !json_is_integer(json_object_get(o, "seq")))
        return fail(v, "not an entry of the trail (fields missing, unknown or of the wrong type)");
    for (size_t i = 2; i < sizeof names / sizeof names[0]; i++)
        if (!string_member(o, names[i]))
            return fail(v, "entry field \"%s\" is not text", names[i]);
    audit_entry e = {.seq = (int64_t)json_integer_value(json_object_get(o, "seq")),
                     .at = string_member(o, "at"),
                     .username = string_member(o, "username"),
                     .org = string_member(o, "org"),
                     .role = string_member(o, "role"),
                     .action = string_member(o, "action"),
                     .object_type = string_member(o, "object_type"),
                     .object_id = string_member(o, "object_id"),
                     .purpose = string_member(o, "purpose"),
                     .outcome = string_member(o, "outcome"),
                     .detail = string_member(o, "detail")};
    if (!audit_verifier_step(&v->chain, &e, string_member(o, "prev_hash"),
                             string_member(o, "hash")))
        return fail(v, "entry %lld: %s", (long long)v->chain.bad_seq, v->chain.problem);
    return remember_hash(v);
}

static bool check_checkpoint(export_verifier *v, json_t *o)
{
    static const char *const names[] = {"type",      "seq",        "hash",
                                        "signed_at", "public_key", "signature"};
    const char *hash = string_member(o, "hash"), *signed_at = string_member(o, "signed_at"),
               *key = string_member(o, "public_key"), *sig = string_member(o, "signature");
    json_t *seq_value = json_object_get(o, "seq");
    if (!has_exactly(o, names, 6) || !json_is_integer(seq_value) || !hash || !signed_at || !key ||
        !sig)
        return fail(v, "not a checkpoint (fields missing, unknown or of the wrong type)");
    long long seq = json_integer_value(seq_value);
    if (strcmp(key, v->pk_hex) != 0)
        return fail(v, "checkpoint at seq %lld: signed by another key (wrong key)", seq);
    if (!checkpoint_verify(v->pk, seq, hash, signed_at, sig))
        return fail(v, "checkpoint at seq %lld: bad signature", seq);
    if (seq <= v->last_checkpoint_seq)
        return fail(v, "checkpoint at seq %lld: not after the one before it (inserted)", seq);
    if (seq > v->chain.count)
        return fail(v,
                    "checkpoint at seq %lld: beyond the last entry, seq %lld (entries after it "
                    "were removed: truncated)",
                    seq, (long long)v->chain.count);
    char chain_hex[AUDIT_HASH_HEX];
    audit_hex(v->hashes[seq - 1], chain_hex);
    if (strcmp(chain_hex, hash) != 0)
        return fail(v, "checkpoint at seq %lld: the chain's hash there differs (altered)", seq);
    v->checkpoints++;
    v->last_checkpoint_seq = seq;
    snprintf(v->last_signed_at, sizeof v->last_signed_at, "%s", signed_at);
    return true;
}

static bool check_line(export_verifier *v, json_t *o)
{
    if (v->at == PART_HEADER)
        return check_header(v, o);
    const char *type = string_member(o, "type");
    if (!type)
        return fail(v, "a line without a \"type\"");
    if (strcmp(type, "entry") == 0) {
        if (v->at == PART_CHECKPOINTS)
            return fail(v, "an entry after the checkpoints (inserted)");
        return check_entry(v, o);
    }
    if (strcmp(type, "checkpoint") == 0) {
        v->at = PART_CHECKPOINTS;
        return check_checkpoint(v, o);
    }
    return fail(v, "unknown line type");
}

bool export_verifier_line(export_verifier *v, const char *line, size_t len)
{
    if (v->failed)
        return false;
    v->line++;
    if (len > MAX_LINE)
        return fail(v, "longer than %d bytes", MAX_LINE);
    if (len == 0)
        return fail(v, "empty line");
    json_error_t err;
    json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &err);
    if (!json_is_object(o)) {
        json_decref(o);
        return fail(v, "not a JSON object (invalid JSON, or a key given twice)");
    }
    bool ok = check_line(v, o);
    json_decref(o);
    return ok;
}

bool export_verifier_finish(export_verifier *v, audit_export_summary *summary)
{
    if (summary) {
        memset(summary, 0, sizeof *summary);
        summary->entries = v->chain.count;
        summary->checkpoints = v->checkpoints;
        summary->last_checkpoint_seq = v->last_checkpoint_seq;
        snprintf(summary->last_signed_at, sizeof summary->last_signed_at, "%s", v->last_signed_at);
    }
    if (v->failed)
        return false;
    v->line = 0;
    if (v->at == PART_HEADER)
        return fail(v, "the file is empty: no header");
    bool ok = true;
    if (v->last_checkpoint_seq < v->chain.count)
        ok = v->last_checkpoint_seq == 0
                 ? fail(v, "no checkpoint covers the %lld entries (unsigned)",
                        (long long)v->chain.count)
                 : fail(v,
                        "entries %lld to %lld come after the last checkpoint (seq %lld): added "
                        "after signing, or the trail was cut back and entries added",
                        (long long)v->last_checkpoint_seq + 1, (long long)v->chain.count,
                        (long long)v->last_checkpoint_seq);
    else if (v->chain.count != v->announced_entries || v->checkpoints != v->announced_checkpoints)
        ok = fail(v,
                  "the header announces %lld entries and %lld checkpoints, the file holds %lld "
                  "and %lld (lines removed or added)",
                  (long long)v->announced_entries, (long long)v->announced_checkpoints,
                  (long long)v->chain.count, (long long)v->checkpoints);
    return ok;
}

static bool finish_into(export_verifier *v, audit_export_summary *summary, char *problem,
                        size_t problem_size)
{
    bool ok = export_verifier_finish(v, summary);
    snprintf(problem, problem_size, "%s", export_verifier_problem(v));
    export_verifier_free(v);
    return ok;
}

bool audit_export_verify_buffer(const unsigned char public_key[32], const char *data, size_t len,
                                audit_export_summary *summary, char *problem, size_t problem_size)
{
    export_verifier *v = export_verifier_new(public_key);
    if (!v) {
        snprintf(problem, problem_size, "out of memory");
        return false;
    }
    size_t start = 0;
    while (start < len) {
        const char *nl = memchr(data + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - data) : len;
        if (!export_verifier_line(v, data + start, end - start))
            break;
        start = end + 1;
    }
    return finish_into(v, summary, problem, problem_size);
}

bool audit_export_verify_file(const unsigned char public_key[32], FILE *f,
                              audit_export_summary *summary, char *problem, size_t problem_size)
{
    export_verifier *v = export_verifier_new(public_key);
    if (!v) {
        snprintf(problem, problem_size, "out of memory");
        return false;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) >= 0) {
        size_t len = (size_t)n;
        if (len > 0 && line[len - 1] == '\n')
            len--;
        if (!export_verifier_line(v, line, len))
            break;
    }
    free(line);
    if (ferror(f) && !export_verifier_problem(v)[0]) {
        export_verifier_free(v);
        snprintf(problem, problem_size, "cannot read the export");
        return false;
    }
    return finish_into(v, summary, problem, problem_size);
}

/* signal_import: JSON Lines reading and the per-line parse of `schild signal import`. */
#include "cli/signal_import.h"

#include "api/api.h"

#include <stdio.h>
#include <string.h>

void jsonl_init(jsonl_reader *r, const char *buf, size_t len)
{
    *r = (jsonl_reader){.buf = buf, .len = len};
}

static bool only_blanks(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return false;
    return true;
}

jsonl_kind jsonl_next(jsonl_reader *r, const char **line, size_t *len)
{
    if (r->pos >= r->len)
        return JSONL_END;
    const char *start = r->buf + r->pos;
    size_t rest = r->len - r->pos;
    const char *nl = memchr(start, '\n', rest);
    size_t n = nl ? (size_t)(nl - start) : rest;
    r->pos += nl ? n + 1 : n;
    r->line_no++;
    if (n > 0 && start[n - 1] == '\r')
        n--;
    if (n > SIGNAL_IMPORT_MAX_LINE)
        return JSONL_TOO_LONG;
    if (only_blanks(start, n))
        return JSONL_BLANK;
    *line = start;
    *len = n;
    return JSONL_LINE;
}

/* Decodes the line as one JSON object, as request bodies are decoded (depth limit, no NUL, no
 * duplicate keys), but with messages that point into the line. */
static json_t *decode_line(const char *line, size_t len, validation *v)
{
    if (memchr(line, '\0', len)) {
        validation_add(v, "line", "contains a NUL byte");
        return NULL;
    }
    if (json_too_deep(line, len, JSON_MAX_DEPTH)) {
        validation_add(v, "line", "nests too deeply");
        return NULL;
    }
    json_error_t jerr;
    json_t *obj = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!obj) {
        char msg[sizeof jerr.text + 64];
        snprintf(msg, sizeof msg, "is not valid JSON (column %d: %s)", jerr.column, jerr.text);
        validation_add(v, "line", msg);
        return NULL;
    }
    if (!json_is_object(obj)) {
        json_decref(obj);
        validation_add(v, "line", "must be a JSON object");
        return NULL;
    }
    return obj;
}

/* Takes "case_id" out of the object (the rest is the body the API takes). */
static int64_t take_case_id(json_t *obj, validation *v)
{
    json_t *id = json_object_get(obj, "case_id");
    int64_t value = json_is_integer(id) ? json_integer_value(id) : 0;
    if (!id || json_is_null(id))
        validation_add(v, "case_id", "is required");
    else if (value <= 0)
        validation_add(v, "case_id", "must be a positive integer");
    json_object_del(obj, "case_id");
    return value;
}

void signal_import_parse(const char *line, size_t len, int64_t today, arena *a, int64_t *case_id,
                         signal_record *out, validation *v)
{
    memset(out, 0, sizeof *out);
    *case_id = 0;
    json_t *obj = decode_line(line, len, v);
    if (!obj)
        return;
    int64_t id = take_case_id(obj, v);
    signal_validate(obj, today, v);
    if (validation_result(v) == ERR_OK) {
        *case_id = id;
        signal_from_json(obj, a, out);
        out->case_id = id;
    }
    json_decref(obj);
}

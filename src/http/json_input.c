/* json_input: decoding and declarative validation of request bodies. */
#include "http/json_input.h"

#include "core/validate.h"

#include <stdio.h>
#include <string.h>

bool json_too_deep(const char *buf, size_t len, int max)
{
    int depth = 0;
    bool in_string = false;
    for (size_t i = 0; i < len; i++) {
        char c = buf[i];
        if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"')
            in_string = true;
        else if (c == '[' || c == '{') {
            if (++depth > max)
                return true;
        } else if (c == ']' || c == '}')
            depth--;
    }
    return false;
}

schild_err json_parse_object(const char *buf, size_t len, json_t **out, const char **detail)
{
    *out = NULL;
    if (len == 0) {
        *detail = "The request body is empty.";
        return ERR_MALFORMED_JSON;
    }
    if (memchr(buf, '\0', len)) {
        *detail = "The request body contains a NUL byte.";
        return ERR_MALFORMED_JSON;
    }
    if (json_too_deep(buf, len, JSON_MAX_DEPTH)) {
        *detail = "The JSON nests too deeply.";
        return ERR_MALFORMED_JSON;
    }
    json_error_t jerr;
    json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        *detail = "The request body is not valid JSON (UTF-8).";
        return ERR_MALFORMED_JSON;
    }
    if (!json_is_object(root)) {
        json_decref(root);
        *detail = "The request body must be a JSON object.";
        return ERR_MALFORMED_JSON;
    }
    *out = root;
    return ERR_OK;
}

void validation_init(validation *v)
{
    v->errors = json_array();
    v->unknown_field = NULL;
    v->unknown_path[0] = '\0';
}

void validation_clear(validation *v)
{
    json_decref(v->errors);
    v->errors = NULL;
}

void validation_add(validation *v, const char *field, const char *message)
{
    json_t *e = json_object();
    json_object_set_new(e, "field", json_string(field));
    json_object_set_new(e, "message", json_string(message));
    json_array_append_new(v->errors, e);
}

static void path_of(char *out, size_t size, const char *prefix, const char *name)
{
    if (prefix && *prefix)
        snprintf(out, size, "%s.%s", prefix, name);
    else
        snprintf(out, size, "%s", name);
}

static bool enum_has(const char *const *values, const char *s)
{
    for (; values && *values; values++)
        if (strcmp(*values, s) == 0)
            return true;
    return false;
}

static void check_text(validation *v, const char *path, json_t *val, const field_spec *f)
{
    const char *s = json_string_value(val);
    /* A string holding U+0000 is refused even though the decoder was told to refuse it. */
    if (strlen(s) != json_string_length(val)) {
        validation_add(v, path, "must not contain NUL characters");
        return;
    }
    if (!text_valid(s, 0, (size_t)f->max, f->type == FIELD_TEXT_LONG)) {
        char msg[96];
        snprintf(msg, sizeof msg,
                 f->type == FIELD_TEXT ? "must be at most %lld characters on one line"
                                       : "must be at most %lld characters",
                 (long long)f->max);
        validation_add(v, path, msg);
    } else if (!text_valid(s, (size_t)f->min, (size_t)f->max, true)) {
        validation_add(v, path, f->min <= 1 ? "must not be empty" : "is too short");
    } else if (f->min > 0) {
        /* Required text must hold more than whitespace. */
        bool blank = true;
        for (const char *p = s; *p; p++)
            if (!strchr(" \t\r\n", *p))
                blank = false;
        if (blank)
            validation_add(v, path, "must not be blank");
    }
}

static void check_field(validation *v, const char *path, json_t *val, const field_spec *f)
{
    char msg[160];
    switch (f->type) {
    case FIELD_TEXT:
    case FIELD_TEXT_LONG:
        if (!json_is_string(val))
            validation_add(v, path, "must be a string");
        else
            check_text(v, path, val, f);
        break;
    case FIELD_ENUM:
        if (!json_is_string(val) || !enum_has(f->values, json_string_value(val))) {
            size_t n = (size_t)snprintf(msg, sizeof msg, "must be one of");
            for (const char *const *p = f->values; p && *p && n < sizeof msg; p++)
                n += (size_t)snprintf(msg + n, sizeof msg - n, "%s %s", p == f->values ? "" : ",",
                                      *p);
            validation_add(v, path, msg);
        }
        break;
    case FIELD_DATE:
        if (!json_is_string(val) || !date_parse(json_string_value(val), NULL))
            validation_add(v, path, "must be a real date written YYYY-MM-DD");
        break;
    case FIELD_BOOL:
        if (!json_is_boolean(val))
            validation_add(v, path, "must be true or false");
        break;
    case FIELD_INT:
        if (!json_is_integer(val) || json_integer_value(val) < f->min ||
            json_integer_value(val) > f->max) {
            snprintf(msg, sizeof msg, "must be an integer from %lld to %lld", (long long)f->min,
                     (long long)f->max);
            validation_add(v, path, msg);
        }
        break;
    case FIELD_ARRAY:
        if (!json_is_array(val) || (int64_t)json_array_size(val) < f->min ||
            (int64_t)json_array_size(val) > f->max) {
            snprintf(msg, sizeof msg, "must be a list of %lld to %lld entries", (long long)f->min,
                     (long long)f->max);
            validation_add(v, path, msg);
        }
        break;
    }
}

void validation_check(validation *v, json_t *obj, const field_spec *spec, size_t count,
                      const char *prefix)
{
    char path[128];
    const char *key;
    json_t *val;
    json_object_foreach(obj, key, val)
    {
        bool known = false;
        for (size_t i = 0; i < count && !known; i++)
            known = strcmp(spec[i].name, key) == 0;
        if (!known && !v->unknown_field) {
            path_of(v->unknown_path, sizeof v->unknown_path, prefix, key);
            v->unknown_field = v->unknown_path;
        }
    }
    for (size_t i = 0; i < count; i++) {
        path_of(path, sizeof path, prefix, spec[i].name);
        val = json_object_get(obj, spec[i].name);
        if (!val || json_is_null(val)) {
            if (spec[i].required)
                validation_add(v, path, "is required");
            continue;
        }
        check_field(v, path, val, &spec[i]);
    }
}

schild_err validation_result(const validation *v)
{
    if (v->unknown_field)
        return ERR_UNKNOWN_FIELD;
    return json_array_size(v->errors) ? ERR_VALIDATION_FAILED : ERR_OK;
}

const char *json_text(json_t *obj, const char *name)
{
    const char *s = json_string_value(json_object_get(obj, name));
    return s ? s : "";
}

bool json_flag(json_t *obj, const char *name)
{
    return json_is_true(json_object_get(obj, name));
}

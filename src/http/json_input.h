/* json_input: turning a request body into a validated JSON object. Bodies are decoded with a
 * depth limit, duplicate keys refused, and then checked against a declared field table: unknown
 * fields, wrong types, lengths and enum values become one list of per-field errors. */
#ifndef SCHILD_JSON_INPUT_H
#define SCHILD_JSON_INPUT_H

#include "core/error.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { JSON_MAX_DEPTH = 16 };

typedef enum field_type {
    FIELD_TEXT,      /* string; min/max in code points; single line */
    FIELD_TEXT_LONG, /* string; newlines and tabs allowed */
    FIELD_ENUM,      /* string from values[] */
    FIELD_DATE,      /* "YYYY-MM-DD", a real date */
    FIELD_BOOL,
    FIELD_INT,   /* integer in [min,max] */
    FIELD_ARRAY, /* array with min..max elements; elements checked by the caller */
} field_type;

typedef struct field_spec {
    const char *name;
    field_type type;
    bool required;
    int64_t min, max;
    const char *const *values; /* FIELD_ENUM: NULL-terminated */
} field_spec;

/* Collected problems of one body. */
typedef struct validation {
    json_t *errors;            /* [{field, message}] */
    const char *unknown_field; /* first unknown field (its path), if any */
    char unknown_path[128];
} validation;

/* Parses buf (not NUL-terminated) into an object. On failure answers the error and a detail. */
schild_err json_parse_object(const char *buf, size_t len, json_t **out, const char **detail);

/* Whether the JSON text nests deeper than max (cheap pre-scan before the decoder). */
bool json_too_deep(const char *buf, size_t len, int max);

void validation_init(validation *v);
void validation_clear(validation *v);
void validation_add(validation *v, const char *field, const char *message);
/* Checks obj against spec; prefix ("" or e.g. "persons[0]") is put in front of field paths. */
void validation_check(validation *v, json_t *obj, const field_spec *spec, size_t count,
                      const char *prefix);
/* ERR_OK, ERR_UNKNOWN_FIELD or ERR_VALIDATION_FAILED. */
schild_err validation_result(const validation *v);

/* Accessors that assume the value was validated: "" / false / 0 when absent. */
const char *json_text(json_t *obj, const char *name);
bool json_flag(json_t *obj, const char *name);

#endif

/* config_parse: what the readers of the `serve --config` document share (daf_config.c,
 * decision_config.c, security_config.c): one error convention, integer ranges, and reading the
 * document - or one top-level object of it - key by key over a copy of the settings, which
 * replaces them only when every key was valid. */
#ifndef SCHILD_CONFIG_PARSE_H
#define SCHILD_CONFIG_PARSE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct config_err {
    char *text;
    size_t size;
} config_err;

/* Writes the message and answers false, so a check reads `return config_fail(e, ...)`. */
__attribute__((format(printf, 2, 3))) bool config_fail(config_err *e, const char *fmt, ...);

/* An integer in [min,max]; path names it in the message. */
bool config_int_in(config_err *e, json_t *v, const char *path, int min, int max, int *out);

/* One setting of the object being read; cfg is the copy being filled. */
typedef bool (*config_setting_fn)(config_err *e, const char *key, json_t *v, void *cfg);

/* Reads the JSON document: with section NULL every top-level key, else only the object under
 * that key (absent: success, nothing changes). cfg (cfg_size bytes) is changed only when every
 * key was accepted; otherwise err says why. */
bool config_parse_section(const char *json, size_t len, const char *section,
                          config_setting_fn setting, void *cfg, size_t cfg_size, char *err,
                          size_t err_size);

#endif

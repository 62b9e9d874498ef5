/* validate: bounded checks of values that came from outside. Pure; each answers true/false and
 * never reads past the given length. */
#ifndef SCHILD_VALIDATE_H
#define SCHILD_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A real calendar date written exactly as YYYY-MM-DD. *days receives days since 1970-01-01. */
bool date_parse(const char *s, int64_t *days);

enum { DATE_TEXT_SIZE = 11 };

/* days since 1970-01-01 as YYYY-MM-DD (years 0..9999). */
void date_format(int64_t days, char out[DATE_TEXT_SIZE]);

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);

/* Text checks: valid UTF-8 (callers' JSON decoder guarantees it, this checks again), length in
 * code points within [min,max], no control characters except (when multiline) \n, \r and \t. */
bool text_valid(const char *s, size_t min_chars, size_t max_chars, bool multiline);

/* A username: 3..64 of [a-z0-9._-], starting with a letter or digit. */
bool username_valid(const char *s);

/* A positive decimal id without sign, leading zeros or trailing garbage, at most 18 digits. */
bool id_parse(const char *s, size_t len, int64_t *out);

/* Strictly decimal integer in [min,max]. */
bool int_parse(const char *s, int64_t min, int64_t max, int64_t *out);

#endif

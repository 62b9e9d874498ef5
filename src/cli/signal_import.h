/* signal_import: the outside-input half of `schild signal import`: splitting a JSON Lines buffer
 * into bounded lines, and turning one line into a validated signal. Pure (no storage, no I/O), so
 * that a fuzz target (tests/fuzz/fuzz_signal_import.c) reaches all of it. */
#ifndef SCHILD_SIGNAL_IMPORT_H
#define SCHILD_SIGNAL_IMPORT_H

#include "core/arena.h"
#include "core/daf.h"
#include "http/json_input.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A signal's text is at most 4,000 characters (16 KiB of UTF-8, more with \u escapes); with the
 * other fields and twenty subjects a real line stays far below this. */
enum { SIGNAL_IMPORT_MAX_LINE = 64 * 1024 };

typedef enum jsonl_kind {
    JSONL_END,      /* no more lines */
    JSONL_LINE,     /* a line to parse */
    JSONL_BLANK,    /* only spaces or tabs: skipped */
    JSONL_TOO_LONG, /* longer than SIGNAL_IMPORT_MAX_LINE: an error, the reader skips it */
} jsonl_kind;

typedef struct jsonl_reader {
    const char *buf;
    size_t len, pos;
    int64_t line_no; /* 1-based number of the line last returned */
} jsonl_reader;

void jsonl_init(jsonl_reader *r, const char *buf, size_t len);
/* The next line without its line ending (\n or \r\n); *line and *len are set for JSONL_LINE. */
jsonl_kind jsonl_next(jsonl_reader *r, const char **line, size_t *len);

/* Parses one line: a JSON object holding "case_id" (a positive integer) and the fields of
 * POST /api/v1/cases/{id}/signals, checked by signal_validate (today: days since 1970). Problems
 * are added to v with the field paths the API uses ("line" for the line as a whole). When
 * validation_result(v) is ERR_OK afterwards, *case_id and *out (strings in a) are set; what
 * storage must confirm (the case, the subjects, the originator) is left to the caller. */
void signal_import_parse(const char *line, size_t len, int64_t today, arena *a, int64_t *case_id,
                         signal_record *out, validation *v);

#endif

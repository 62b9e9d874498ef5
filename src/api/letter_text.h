/* letter_text: text for a PDF letter set in a standard (base-14) font. Those fonts use
 * WinAnsiEncoding, i.e. Windows-1252, so UTF-8 is converted first (Dutch accents survive, what
 * the encoding lacks becomes '?'); lines are then wrapped greedily at spaces to a width measured
 * by the caller's font. Pure functions: the unit test measures in characters. */
#ifndef SCHILD_LETTER_TEXT_H
#define SCHILD_LETTER_TEXT_H

#include <stddef.h>

/* Converts UTF-8 to Windows-1252 into out (always NUL-terminated when out_size > 0, truncated
 * to fit). Characters outside Windows-1252 and invalid UTF-8 become '?'; a tab becomes a space,
 * a carriage return is dropped, other control characters but the newline become a space.
 * Answers the length written (without the NUL). */
size_t letter_to_cp1252(const char *utf8, char *out, size_t out_size);

/* The width of text[0..len) in the caller's unit (points of a font, or characters). */
typedef double (*letter_width_fn)(void *ctx, const char *text, size_t len);

typedef struct letter_line {
    size_t start, len; /* a slice of the wrapped text */
} letter_line;

/* Wraps single-byte text into lines no wider than max_width: breaks at spaces, at every newline
 * (an empty paragraph gives an empty line), and inside a word only when the word alone is too
 * wide. Spaces at the start and end of a line are left out. Writes at most max_lines lines and
 * answers how many the text needs (so a larger array can be tried). */
size_t letter_wrap(const char *text, double max_width, letter_width_fn width, void *ctx,
                   letter_line *lines, size_t max_lines);

#endif

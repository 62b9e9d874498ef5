/* letter_text: UTF-8 to Windows-1252 and line wrapping for the decision letter. */
#include "api/letter_text.h"

#include <stdint.h>
#include <string.h>

/* The code points of Windows-1252 bytes 0x80..0x9F (0 where the byte is unassigned); every
 * other byte is the code point of the same value (ASCII and Latin-1). */
static const uint16_t CP1252_HIGH[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

static unsigned char cp1252_of(uint32_t cp)
{
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF))
        return (unsigned char)cp;
    for (unsigned i = 0; i < 32; i++)
        if (CP1252_HIGH[i] && CP1252_HIGH[i] == cp)
            return (unsigned char)(0x80 + i);
    return '?';
}

/* Decodes one UTF-8 sequence at s; answers its length (1 for an invalid byte, with *cp set to
 * U+FFFD, which has no Windows-1252 byte). Overlong forms and surrogates are invalid. */
static size_t utf8_next(const unsigned char *s, uint32_t *cp)
{
    static const uint32_t min_of_len[5] = {0, 0, 0x80, 0x800, 0x10000};
    size_t len = s[0] < 0x80             ? 1
                 : (s[0] & 0xE0) == 0xC0 ? 2
                 : (s[0] & 0xF0) == 0xE0 ? 3
                 : (s[0] & 0xF8) == 0xF0 ? 4
                                         : 0;
    *cp = 0xFFFD;
    if (len == 0)
        return 1;
    uint32_t v = len == 1 ? s[0] : s[0] & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 1;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min_of_len[len] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 1;
    *cp = v;
    return len;
}

size_t letter_to_cp1252(const char *utf8, char *out, size_t out_size)
{
    if (out_size == 0)
        return 0;
    const unsigned char *s = (const unsigned char *)(utf8 ? utf8 : "");
    size_t n = 0;
    while (*s && n + 1 < out_size) {
        uint32_t cp;
        s += utf8_next(s, &cp);
        if (cp == '\r')
            continue;
        if (cp < 0x20 && cp != '\n')
            cp = ' ';
        out[n++] = (char)cp1252_of(cp);
    }
    out[n] = '\0';
    return n;
}

static void emit(letter_line *lines, size_t max_lines, size_t *count, size_t start, size_t len)
{
    if (*count < max_lines)
        lines[*count] = (letter_line){start, len};
    (*count)++;
}

/* The longest prefix (at least one character) of text[start..end) that fits. */
static size_t fitting_prefix(const char *text, size_t start, size_t end, double max_width,
                             letter_width_fn width, void *ctx)
{
    size_t k = start + 1;
    while (k < end && width(ctx, text + start, k + 1 - start) <= max_width)
        k++;
    return k;
}

/* Wraps the paragraph text[start..end) (no newline inside). */
static void wrap_paragraph(const char *text, size_t start, size_t end, double max_width,
                           letter_width_fn width, void *ctx, letter_line *lines, size_t max_lines,
                           size_t *count)
{
    size_t before = *count, i = start;
    for (;;) {
        while (i < end && text[i] == ' ')
            i++;
        if (i >= end)
            break;
        size_t line_start = i, fit_end = i, j = i, first_word_end = 0;
        for (;;) {
            size_t ws = j, we;
            while (ws < end && text[ws] == ' ')
                ws++;
            if (ws >= end)
                break;
            for (we = ws; we < end && text[we] != ' ';)
                we++;
            if (!first_word_end)
                first_word_end = we;
            if (width(ctx, text + line_start, we - line_start) > max_width)
                break;
            fit_end = j = we;
        }
        if (fit_end == line_start) /* one word wider than the line: break inside it */
            fit_end = fitting_prefix(text, line_start, first_word_end, max_width, width, ctx);
        emit(lines, max_lines, count, line_start, fit_end - line_start);
        i = fit_end;
    }
    if (*count == before)
        emit(lines, max_lines, count, start, 0);
}

size_t letter_wrap(const char *text, double max_width, letter_width_fn width, void *ctx,
                   letter_line *lines, size_t max_lines)
{
    size_t count = 0, pos = 0, total = strlen(text);
    for (;;) {
        const char *nl = memchr(text + pos, '\n', total - pos);
        size_t end = nl ? (size_t)(nl - text) : total;
        wrap_paragraph(text, pos, end, max_width, width, ctx, lines, max_lines, &count);
        if (!nl)
            return count;
        pos = end + 1;
    }
}

/* The decision letter's text helpers: UTF-8 to Windows-1252 for the standard PDF fonts, and the
 * line wrapper (measured here in characters). */
#include "api/letter_text.h"
#include "check.h"

static char out[256];

static const char *cp1252(const char *utf8)
{
    letter_to_cp1252(utf8, out, sizeof out);
    return out;
}

static void ascii_passes_unchanged(void)
{
    CHECK_STR(cp1252("Wat is besloten"), "Wat is besloten");
    CHECK_STR(cp1252(""), "");
    CHECK_STR(cp1252(NULL), "");
}

static void dutch_accents_become_their_latin1_bytes(void)
{
    CHECK_STR(cp1252("Coördinator"), "Co\xF6rdinator");
    CHECK_STR(cp1252("één"), "\xE9\xE9n");
    CHECK_STR(cp1252("België, ruïne"), "Belgi\xEB, ru\xEFne");
    CHECK_STR(cp1252("Ĳ? no: ü"), "?? no: \xFC"); /* U+0132 has no Windows-1252 byte */
}

static void punctuation_of_0x80_to_0x9f_is_mapped(void)
{
    CHECK_STR(cp1252("Schild — stelsel"), "Schild \x97 stelsel");
    CHECK_STR(cp1252("€ 5 – ‘a’ “b” …"), "\x80 5 \x96 \x91"
                                         "a\x92 \x93"
                                         "b\x94 \x85");
}

static void what_the_encoding_lacks_becomes_a_question_mark(void)
{
    CHECK_STR(cp1252("Ω"), "?");
    CHECK_STR(cp1252("😀x"), "?x");
    CHECK_STR(cp1252("\xC3"), "?");           /* truncated sequence */
    CHECK_STR(cp1252("\xC0\xAFz"), "??z");    /* overlong '/' */
    CHECK_STR(cp1252("\xED\xA0\x80"), "???"); /* a surrogate */
    CHECK_STR(cp1252("\xFF"), "?");
}

static void control_characters_become_spaces_newlines_stay(void)
{
    CHECK_STR(cp1252("a\tb\r\nc\x01"), "a b\nc ");
}

static void conversion_truncates_to_the_buffer(void)
{
    char small[4];
    CHECK(letter_to_cp1252("één twee", small, sizeof small) == 3);
    CHECK_STR(small, "\xE9\xE9n");
    CHECK(letter_to_cp1252("x", small, 0) == 0);
}

static double chars(void *ctx, const char *text, size_t len)
{
    (void)ctx;
    (void)text;
    return (double)len;
}

static char line_buf[8][64];
static size_t wrap(const char *text, double width)
{
    letter_line lines[8];
    size_t n = letter_wrap(text, width, chars, NULL, lines, 8);
    for (size_t i = 0; i < n && i < 8; i++) {
        memcpy(line_buf[i], text + lines[i].start, lines[i].len);
        line_buf[i][lines[i].len] = '\0';
    }
    return n;
}

static void short_text_is_one_line(void)
{
    CHECK(wrap("Bezwaar maken", 40) == 1);
    CHECK_STR(line_buf[0], "Bezwaar maken");
}

static void lines_break_at_spaces_within_the_width(void)
{
    CHECK(wrap("wij beschermen u tegen dreiging", 12) == 4);
    CHECK_STR(line_buf[0], "wij");
    CHECK_STR(line_buf[1], "beschermen u");
    CHECK_STR(line_buf[2], "tegen");
    CHECK_STR(line_buf[3], "dreiging");
    /* the last fits exactly */
    CHECK(wrap("aaa bbb", 7) == 1);
    CHECK(wrap("aaa bbb ccc", 7) == 2);
    CHECK_STR(line_buf[1], "ccc");
}

static void newlines_start_new_lines_and_empty_paragraphs_stay(void)
{
    CHECK(wrap("een\n\ntwee  ", 20) == 3);
    CHECK_STR(line_buf[0], "een");
    CHECK_STR(line_buf[1], "");
    CHECK_STR(line_buf[2], "twee");
    CHECK(wrap("", 20) == 1);
    CHECK_STR(line_buf[0], "");
}

static void a_word_wider_than_the_line_is_cut(void)
{
    CHECK(wrap("ab persoonsbeveiliging", 6) == 5);
    CHECK_STR(line_buf[0], "ab");
    CHECK_STR(line_buf[1], "persoo");
    CHECK_STR(line_buf[2], "nsbeve");
    CHECK_STR(line_buf[3], "iligin");
    CHECK_STR(line_buf[4], "g");
}

static void wrap_counts_lines_beyond_the_array(void)
{
    letter_line lines[2];
    CHECK(letter_wrap("a b c d e", 1, chars, NULL, lines, 2) == 5);
    CHECK(lines[1].start == 2 && lines[1].len == 1);
}

int main(void)
{
    RUN(ascii_passes_unchanged);
    RUN(dutch_accents_become_their_latin1_bytes);
    RUN(punctuation_of_0x80_to_0x9f_is_mapped);
    RUN(what_the_encoding_lacks_becomes_a_question_mark);
    RUN(control_characters_become_spaces_newlines_stay);
    RUN(conversion_truncates_to_the_buffer);
    RUN(short_text_is_one_line);
    RUN(lines_break_at_spaces_within_the_width);
    RUN(newlines_start_new_lines_and_empty_paragraphs_stay);
    RUN(a_word_wider_than_the_line_is_cut);
    RUN(wrap_counts_lines_beyond_the_array);
    return check_summary();
}

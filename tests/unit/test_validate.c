/* Input validation building blocks: dates, text, ids, usernames. */
#include "check.h"
#include "core/validate.h"
#include "util/clock.h"

static void real_dates_parse_and_impossible_ones_do_not(void)
{
    int64_t d;
    CHECK(date_parse("1970-01-01", &d) && d == 0);
    CHECK(date_parse("2024-02-29", &d));
    CHECK(date_parse("2000-02-29", &d));
    CHECK(!date_parse("1900-02-29", &d));
    CHECK(!date_parse("2026-02-30", &d));
    CHECK(!date_parse("2025-13-01", &d));
    CHECK(!date_parse("2025-00-10", &d));
    CHECK(!date_parse("2025-04-31", &d));
    CHECK(!date_parse("14-03-1971", &d));
    CHECK(!date_parse("1971-3-14", &d));
    CHECK(!date_parse("1971-03-14T00:00", &d));
    CHECK(!date_parse("", &d));
    CHECK(!date_parse("+971-03-14", &d));
    CHECK(date_parse("1971-03-14", &d) && d == days_from_civil(1971, 3, 14));
}

static void text_is_bounded_in_characters_and_refuses_controls(void)
{
    CHECK(text_valid("Zoë", 1, 3, false));
    CHECK(!text_valid("Zoëx", 1, 3, false));
    CHECK(!text_valid("", 1, 10, false));
    CHECK(!text_valid("a\nb", 0, 10, false));
    CHECK(text_valid("a\nb\tc", 0, 10, true));
    CHECK(!text_valid("a\x01", 0, 10, true));
    CHECK(!text_valid("\xc0\xaf", 0, 10, true));         /* overlong '/' */
    CHECK(!text_valid("\xed\xa0\x80", 0, 10, true));     /* surrogate */
    CHECK(!text_valid("\xf4\x90\x80\x80", 0, 10, true)); /* above U+10FFFF */
    CHECK(!text_valid("\xe2\x82", 0, 10, true));         /* truncated */
    CHECK(text_valid("<script>alert(1)</script>'; DROP TABLE cases; --", 1, 100, false));
}

static void ids_are_plain_positive_decimals(void)
{
    int64_t v;
    CHECK(id_parse("1", 1, &v) && v == 1);
    CHECK(id_parse("123456789012345678", 18, &v));
    CHECK(!id_parse("1234567890123456789", 19, &v));
    CHECK(!id_parse("0", 1, &v));
    CHECK(!id_parse("01", 2, &v));
    CHECK(!id_parse("-1", 2, &v));
    CHECK(!id_parse("1a", 2, &v));
    CHECK(!id_parse("", 0, &v));
    CHECK(int_parse("0", 0, 5, &v) && v == 0);
    CHECK(!int_parse("6", 0, 5, &v));
    CHECK(!int_parse("1 OR 1=1", 0, 5, &v));
}

static void usernames_are_simple(void)
{
    CHECK(username_valid("triage.jansen"));
    CHECK(username_valid("ref-ams"));
    CHECK(!username_valid("ab"));
    CHECK(!username_valid(".abc"));
    CHECK(!username_valid("Abc"));
    CHECK(!username_valid("a b c"));
    CHECK(!username_valid("abc'--"));
}

/* days since 1970 of a date text, for readable expectations */
static int64_t day_of(const char *text)
{
    int64_t d = -1;
    date_parse(text, &d);
    return d;
}

static void dates_format_back_to_what_they_parse_from(void)
{
    char buf[DATE_TEXT_SIZE];
    const char *samples[] = {"1970-01-01", "2000-02-29", "2026-11-28", "2099-12-31", "1900-03-01"};
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        date_format(day_of(samples[i]), buf);
        CHECK_STR(buf, samples[i]);
    }
}

static void today_is_the_dutch_calendar_date(void)
{
    /* ms of a UTC date and time */
    const int64_t day = 86400000, hour = 3600000;
    /* Winter (CET, UTC+1): 23:30 UTC on 31 December is already New Year in Amsterdam. */
    CHECK(clock_today_days(day_of("2026-12-31") * day + 23 * hour + hour / 2) ==
          day_of("2027-01-01"));
    CHECK(clock_today_days(day_of("2026-12-31") * day + 22 * hour + hour / 2) ==
          day_of("2026-12-31"));
    /* Summer (CEST, UTC+2): 22:30 UTC on 30 June is 1 July. */
    CHECK(clock_today_days(day_of("2026-06-30") * day + 22 * hour + hour / 2) ==
          day_of("2026-07-01"));
    CHECK(clock_today_days(day_of("2026-06-30") * day + 21 * hour + hour / 2) ==
          day_of("2026-06-30"));
    /* Summer time ends on the last Sunday of October (25 Oct 2026) at 01:00 UTC. */
    CHECK(clock_today_days(day_of("2026-10-24") * day + 22 * hour) == day_of("2026-10-25"));
    CHECK(clock_today_days(day_of("2026-10-25") * day + 22 * hour + hour / 2) ==
          day_of("2026-10-25"));
}

int main(void)
{
    RUN(dates_format_back_to_what_they_parse_from);
    RUN(today_is_the_dutch_calendar_date);
    RUN(real_dates_parse_and_impossible_ones_do_not);
    RUN(text_is_bounded_in_characters_and_refuses_controls);
    RUN(ids_are_plain_positive_decimals);
    RUN(usernames_are_simple);
    return check_summary();
}

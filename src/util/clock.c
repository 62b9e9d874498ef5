/* clock: timestamps are UTC; the one place local time enters is "today", which is the Dutch
 * calendar date (a signal received this morning in The Hague is received today, also between
 * midnight and 02:00 UTC). */
#include "util/clock.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int64_t clock_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void clock_rfc3339(int64_t unix_ms, char out[CLOCK_RFC3339_SIZE])
{
    time_t secs = (time_t)(unix_ms / 1000);
    struct tm tm;
    gmtime_r(&secs, &tm);
    /* The wide scratch buffer keeps the compiler's truncation analysis quiet for any int. */
    char wide[128];
    snprintf(wide, sizeof wide, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(unix_ms % 1000));
    size_t n = strnlen(wide, CLOCK_RFC3339_SIZE - 1);
    memcpy(out, wide, n);
    out[n] = '\0';
}

/* The last Sunday of a month (0-based) of a year, at 01:00 UTC: when EU summer time starts
 * (March) and ends (October). */
static time_t last_sunday_0100_utc(int year, int month)
{
    struct tm tm = {.tm_year = year - 1900, .tm_mon = month, .tm_mday = 31, .tm_hour = 1};
    time_t t = timegm(&tm);
    struct tm check;
    gmtime_r(&t, &check);
    return t - (time_t)check.tm_wday * 86400;
}

/* Central European Time: UTC+1, and UTC+2 in summer time. */
static int64_t dutch_offset_seconds(time_t secs)
{
    struct tm tm;
    gmtime_r(&secs, &tm);
    int year = tm.tm_year + 1900;
    bool summer = secs >= last_sunday_0100_utc(year, 2) && secs < last_sunday_0100_utc(year, 9);
    return summer ? 7200 : 3600;
}

int64_t clock_today_days(int64_t unix_ms)
{
    time_t secs = (time_t)(unix_ms / 1000);
    int64_t local = (int64_t)secs + dutch_offset_seconds(secs);
    return (local >= 0 ? local : local - 86399) / 86400;
}

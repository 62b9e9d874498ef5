/* clock: UTC only; local time never enters the data. */
#include "util/clock.h"

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

int64_t clock_today_days(int64_t unix_ms)
{
    return unix_ms / 86400000;
}

/* log: timestamped lines to stderr; one fprintf per line so threads do not interleave. */
#include "util/log.h"

#include "util/clock.h"

#include <stdarg.h>
#include <stdio.h>

static int quiet;

void log_quiet(int q)
{
    quiet = q;
}

__attribute__((format(printf, 2, 0))) static void emit(const char *level, const char *fmt,
                                                       va_list ap)
{
    char msg[1024], now[CLOCK_RFC3339_SIZE];
    vsnprintf(msg, sizeof msg, fmt, ap);
    clock_rfc3339(clock_now_ms(), now);
    fprintf(stderr, "%s %s %s\n", now, level, msg);
}

void log_info(const char *fmt, ...)
{
    if (quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    emit("info", fmt, ap);
    va_end(ap);
}

void log_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit("warn", fmt, ap);
    va_end(ap);
}

void log_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit("error", fmt, ap);
    va_end(ap);
}

/* clock: the wall clock, read in one place so that the pure core receives time as a value. */
#ifndef SCHILD_CLOCK_H
#define SCHILD_CLOCK_H

#include <stdint.h>

enum { CLOCK_RFC3339_SIZE = 32 };

int64_t clock_now_ms(void);
/* "2026-11-28T18:31:34.123Z" */
void clock_rfc3339(int64_t unix_ms, char out[CLOCK_RFC3339_SIZE]);
/* Today's date in the Netherlands (CET/CEST) as days since 1970-01-01. */
int64_t clock_today_days(int64_t unix_ms);

#endif

/* check: the smallest test harness that reads well. Each test is a function named for the
 * behaviour it specifies; CHECK records a failure with its line and goes on. */
#ifndef SCHILD_CHECK_H
#define SCHILD_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures, check_count;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        check_count++;                                                                             \
        if (!(cond)) {                                                                             \
            check_failures++;                                                                      \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);               \
        }                                                                                          \
    } while (0)

#define CHECK_STR(a, b) CHECK(check_same_text((a), (b)))

/* NULL-safe string equality (a function, so array arguments need no special care). */
static inline int check_same_text(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

#define RUN(test)                                                                                  \
    do {                                                                                           \
        int before = check_failures;                                                               \
        test();                                                                                    \
        printf("%s %s\n", check_failures == before ? "ok  " : "FAIL", #test);                      \
    } while (0)

static int check_summary(void)
{
    printf("%d checks, %d failed\n", check_count, check_failures);
    return check_failures ? 1 : 0;
}

#endif

/* fuzz_input: what every fuzz target does first: the input bytes as a NUL-terminated string
 * (embedded NULs stay; the string just ends at the first one). Free with free(). */
#ifndef SCHILD_FUZZ_INPUT_H
#define SCHILD_FUZZ_INPUT_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline char *fuzz_cstring(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (s) {
        memcpy(s, data, size);
        s[size] = '\0';
    }
    return s;
}

#endif

/* Fuzz target: the scalar parsers (dates, ids, integers, text, usernames). */
#include "core/validate.h"

#include "fuzz_input.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstring(data, size);
    if (!s)
        return 0;
    int64_t v;
    if (date_parse(s, &v) && strlen(s) != 10)
        abort();
    if (id_parse(s, strlen(s), &v) && v <= 0)
        abort();
    (void)int_parse(s, 0, 1000, &v);
    (void)text_valid(s, 0, 100, true);
    (void)text_valid(s, 1, 5, false);
    (void)username_valid(s);
    free(s);
    return 0;
}

/* Fuzz target: percent-decoding. The result is never longer than the input, stays
 * NUL-terminated, and never contains a NUL byte before its end. The decoded value then goes
 * through the query-value checks that are not scalar parsers of fuzz_text (the audit view's
 * action filter). */
#include "api/api.h"
#include "http/url.h"

#include "fuzz_input.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstring(data, size);
    if (!s)
        return 0;
    size_t before = strlen(s);
    size_t after = url_unescape(s);
    if (after > before || strlen(s) != after)
        abort();
    if (oversight_action_valid(s) && (after == 0 || after > 64 || strpbrk(s, "%/ &=")))
        abort();
    free(s);
    return 0;
}

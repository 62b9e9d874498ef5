/* url: a bounded in-place decoder; the output is never longer than the input. */
#include "http/url.h"

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

size_t url_unescape(char *s)
{
    char *out = s;
    for (const char *in = s; *in;) {
        if (in[0] == '%' && in[1] && in[2]) {
            int hi = hex_value(in[1]), lo = hex_value(in[2]);
            if (hi >= 0 && lo >= 0 && (hi | lo) != 0) {
                *out++ = (char)(hi * 16 + lo);
                in += 3;
                continue;
            }
        }
        *out++ = *in++;
    }
    *out = '\0';
    return (size_t)(out - s);
}

/* url: percent-decoding of request paths and query arguments. */
#ifndef SCHILD_URL_H
#define SCHILD_URL_H

#include <stddef.h>

/* Decodes %HH in place and returns the new length. "%00" and malformed escapes are left as they
 * are, so a NUL can never cut a path or value short ("/cases/1%00x" stays unmatched). */
size_t url_unescape(char *s);

#endif

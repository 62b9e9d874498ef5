/* Fuzz target: the Authorization header of API tokens (outside input: any client sends it) and
 * the scope lists of `schild token create`. The parsed token fits its buffer, is what followed
 * "Bearer " and holds no space; only a token of the exact shape gets a hash; a scope list maps to
 * known bits only. */
#include "http/auth.h"
#include "http/router.h"
#include "util/second_factor.h"

#include "fuzz_input.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstring(data, size);
    if (!s)
        return 0;
    char token[API_TOKEN_TEXT_SIZE + 1], hex[HASH_HEX_SIZE];
    if (auth_bearer_token(s, token, sizeof token)) {
        if (strncasecmp(s, "Bearer ", 7) != 0 || strcmp(token, s + 7) != 0 || strchr(token, ' ') ||
            strlen(token) > API_TOKEN_TEXT_SIZE)
            abort();
        if (api_token_hash(token, hex) &&
            (strlen(token) != API_TOKEN_TEXT_SIZE - 1 || strncmp(token, "schild_", 7) != 0 ||
             strlen(hex) != HASH_HEX_SIZE - 1))
            abort();
    }
    unsigned scopes = auth_token_scopes(s);
    if (scopes & ~(unsigned)(AUTH_TOKEN_REFERRAL | AUTH_TOKEN_SIGNALS))
        abort();
    if (scopes && !strstr(s, "referral") && !strstr(s, "signals"))
        abort();
    free(s);
    return 0;
}

/* cli_keys: the key directory of util/keys.h for the subcommands that make or need keys. */
#include "cli/cli.h"

#include "util/keys.h"

int cli_create_keys(const char *url, FILE *out)
{
    char dir[KEYS_PATH_SIZE], err[512];
    if (!keys_dir_for(url, dir, sizeof dir)) {
        fprintf(stderr, "schild: the key directory's path is too long\n");
        return 1;
    }
    if (!keys_create(dir, err, sizeof err)) {
        fprintf(stderr, "schild: keys: %s\n", err);
        return 1;
    }
    fprintf(out, "keys in %s (audit.pub is the public key for `schild audit verify`)\n", dir);
    return 0;
}

/* cli_field_key: the field key of the key directory (util/keys.h) for the commands that store or
 * show signals: serve, demo, signal import (docs/SECURITY.md, "Encryption at rest"). */
#include "cli/cli.h"

#include "util/keys.h"
#include "util/log.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <sys/stat.h>

int cli_load_field_key(storage *db, const char *url, bool required)
{
    char dir[KEYS_PATH_SIZE], path[KEYS_PATH_SIZE + 16], err[512];
    if (!keys_dir_for(url, dir, sizeof dir)) {
        fprintf(stderr, "schild: the key directory's path is too long\n");
        return 1;
    }
    snprintf(path, sizeof path, "%s/field.key", dir);
    struct stat st;
    /* A database without a key directory (a restore on another machine before the keys came
     * along) still serves everything but the sealed fields, which then fail closed. */
    if (!required && lstat(path, &st) != 0 && errno == ENOENT) {
        log_warn("no field key in %s: informant and intelligence-service signals can be neither "
                 "recorded nor read (docs/SECURITY.md)",
                 dir);
        return 0;
    }
    unsigned char key[KEYS_FIELD_BYTES];
    if (!keys_load_field(dir, key, err, sizeof err)) {
        fprintf(stderr, "schild: field key: %s\n", err);
        return 1;
    }
    storage_set_field_key(db, key);
    sodium_memzero(key, sizeof key);
    return 0;
}

/* cli_common: what the subcommands share: opening and migrating the database and seeding the
 * organisation register. */
#include "cli/cli.h"

#include "core/orgs.h"

#include <stdio.h>
#include <string.h>

static db_status seed_body(storage *s, void *ctx)
{
    (void)ctx;
    const org_seed *orgs;
    size_t n = org_seeds(&orgs);
    for (size_t i = 0; i < n; i++) {
        db_status st = s->ops->org_upsert(s, &orgs[i]);
        if (st < 0)
            return st;
    }
    return (db_status)n;
}

int cli_seed_orgs(storage *db)
{
    return storage_transact(db, TX_WRITE, seed_body, NULL) < 0 ? -1 : 0;
}

storage *cli_open_database(const char *url)
{
    char err[256];
    if (!url) {
        fprintf(stderr, "schild: --db is required (e.g. --db sqlite:var/schild.db)\n");
        return NULL;
    }
    storage *db = storage_open(url, err, sizeof err);
    if (!db) {
        fprintf(stderr, "schild: %s\n", err);
        return NULL;
    }
    if (db->ops->migrate(db, err, sizeof err) < 0) {
        fprintf(stderr, "schild: migration failed: %s\n", err);
        storage_close(db);
        return NULL;
    }
    if (cli_seed_orgs(db) != 0) {
        fprintf(stderr, "schild: could not seed the organisation register\n");
        storage_close(db);
        return NULL;
    }
    return db;
}

int cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return 1;
    return 0;
}

/* cli_common: what the subcommands share: opening and migrating the database, seeding the
 * organisation register and reading the DAF settings. */
#include "cli/cli.h"

#include "core/daf_config.h"
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

enum { MAX_CONFIG_BYTES = 1 << 20 };

bool cli_load_config(const char *path, daf_config *daf, decision_config *decisions,
                     security_config *security)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "schild: cannot open --config %s\n", path);
        return false;
    }
    static char buf[MAX_CONFIG_BYTES + 1];
    size_t n = fread(buf, 1, sizeof buf, f);
    bool read_error = ferror(f);
    fclose(f);
    if (read_error || n > MAX_CONFIG_BYTES) {
        fprintf(stderr, "schild: --config %s: unreadable or larger than 1 MiB\n", path);
        return false;
    }
    char err[256];
    /* One file, three readers: the DAF settings, the "decisions" and the "security" object. */
    if (!daf_config_parse(daf, buf, n, err, sizeof err) ||
        (decisions && !decision_config_parse(decisions, buf, n, err, sizeof err)) ||
        (security && !security_config_parse(security, buf, n, err, sizeof err))) {
        fprintf(stderr, "schild: --config %s: %s\n", path, err);
        return false;
    }
    return true;
}

bool cli_load_daf_config(const char *path, daf_config *cfg)
{
    return cli_load_config(path, cfg, NULL, NULL);
}

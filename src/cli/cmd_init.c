/* cmd_init: `schild init --db URL` creates or migrates the database and seeds the register of
 * partner organisations. Safe to run again. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>

static const char usage[] = "usage: schild init --db URL [--keys DIR]\n"
                            "  Creates or migrates the database and seeds the organisations;\n"
                            "  creates the audit key pair and the field key in the key directory\n"
                            "  (default: keys/ beside the SQLite file, ./keys for PostgreSQL)\n"
                            "  unless they exist.\n"
                            "  URL: sqlite:PATH or postgresql://USER@HOST:PORT/DBNAME\n";

int cmd_init(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    const char *url = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            url = optarg;
        else if (c == 'h')
            return fputs(usage, stdout), 0;
        else
            return fputs(usage, stderr), 2;
    }
    storage *db = cli_open_database(url);
    if (!db)
        return 1;
    storage_close(db);
    /* The URL is not echoed: a PostgreSQL URL may carry a password. */
    printf("database ready\n");
    return cli_create_keys(url, stdout);
}

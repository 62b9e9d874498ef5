/* cmd_demo: `schild demo --db URL` creates the database if needed and loads the fictitious demo
 * world, then prints the demo accounts. */
#include "cli/cli.h"

#include "demo/demo_load.h"

#include <getopt.h>
#include <stdio.h>

static const char usage[] = "usage: schild demo --db URL [--keys DIR]\n"
                            "  Creates the database and loads the deterministic demo world\n"
                            "  (about a hundred cases); prints the demo accounts.\n";

int cmd_demo(int argc, char **argv)
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
    if (cli_create_keys(url, stdout) != 0 || cli_load_field_key(db, url, true) != 0)
        return storage_close(db), 1;
    int rc = demo_load(db, stdout);
    storage_close(db);
    return rc == 0 ? 0 : 1;
}

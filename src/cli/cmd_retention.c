/* cmd_retention: `schild retention run` removes what is past its retention term now, as serve's
 * daily run does (docs/SECURITY.md, "Retention"), and prints what it removed; --dry-run only
 * says what it would remove. */
#include "cli/cli.h"

#include "cli/retention.h"
#include "core/validate.h"
#include "util/clock.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: schild retention run --db URL [--config FILE] [--dry-run] [--today YYYY-MM-DD]\n"
    "  Removes the signals past their compartment's term (from recording) and the closed\n"
    "  cases past theirs (from closing), each with everything that belongs to it, and records\n"
    "  each removal in the audit trail; prints the counts per kind and compartment.\n"
    "  --config FILE: the \"security\" settings with the terms (docs/SECURITY.md).\n"
    "  --dry-run: removes nothing; says what would be removed.\n"
    "  --today: the day to count ages to (default: today in the Netherlands).\n";

int cmd_retention(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'}, {"config", required_argument, NULL, 'c'},
        {"dry-run", no_argument, NULL, 'n'},  {"today", required_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},     {NULL, 0, NULL, 0}};
    if (argc < 2 || strcmp(argv[1], "run") != 0)
        return cli_wants_help(argc, argv) ? (fputs(usage, stdout), 0) : (fputs(usage, stderr), 2);
    argc--;
    argv++;
    const char *url = NULL, *config = NULL;
    bool dry_run = false;
    int64_t today = clock_today_days(clock_now_ms());
    daf_config daf;
    daf_config_defaults(&daf);
    security_config security;
    security_config_defaults(&security, false);
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            url = optarg;
            break;
        case 'c':
            config = optarg;
            break;
        case 'n':
            dry_run = true;
            break;
        case 't':
            if (!date_parse(optarg, &today))
                return fputs("schild: --today must be a date YYYY-MM-DD\n", stderr), 2;
            break;
        case 'h':
            return fputs(usage, stdout), 0;
        default:
            return fputs(usage, stderr), 2;
        }
    }
    if (config && !cli_load_config(config, &daf, NULL, &security))
        return 2;
    storage *db = cli_open_database(url);
    if (!db)
        return 1;
    retention_report r;
    bool ok = retention_run(db, &security, today, dry_run, NULL, &r);
    storage_close(db);
    retention_report_print(&r, dry_run, stdout);
    if (!ok)
        fputs("schild: retention: the database could not be read; run again\n", stderr);
    return ok && !r.failed ? 0 : 1;
}

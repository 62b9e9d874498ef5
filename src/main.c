/* main: the one binary. Dispatches to a subcommand; everything else lives in the layers below
 * (cli -> api -> http/storage/audit -> core). */
#include "cli/cli.h"
#include "schild_version.h"
#include "util/keys.h"
#include "util/log.h"
#include "util/secret.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: schild <command> [options]\n"
    "\n"
    "commands:\n"
    "  init     --db URL                      create or migrate the database\n"
    "  demo     --db URL                      load the demo world\n"
    "  serve    --db URL --listen HOST:PORT   run the server\n"
    "  user add --db URL --username NAME --role ROLE --org ORG   (password on stdin)\n"
    "  user reset-totp --db URL --username NAME   a new second factor and recovery codes\n"
    "  token create --db URL --org ORG --scope referral[,signals]   an API token (shown once)\n"
    "  token list --db URL | token revoke --db URL --id N\n"
    "  org list --db URL                      the organisation register\n"
    "  org add  --db URL --code CODE --name NAME\n"
    "  audit verify --db URL                  verify the audit trail's hash chain\n"
    "  signal import --db URL --user NAME FILE   signals from JSON Lines, all or nothing\n"
    "  backup   --db URL --out FILE           a consistent copy into a new SQLite file\n"
    "  restore  --in FILE --db URL            a backup into an empty database\n"
    "  migrate-data --from URL --to URL       move everything to another (empty) database\n"
    "  retention run --db URL [--dry-run]     remove what is past its retention term\n"
    "  routes                                 the API route table as JSON Lines\n"
    "\n"
    "  --keys DIR (any command): the key directory (default $SCHILD_KEYS, else keys/ beside\n"
    "  the SQLite file, ./keys for PostgreSQL)\n"
    "  --version, --help; `schild <command> --help` for details.\n"
    "  URL: sqlite:PATH or postgresql://USER@HOST:PORT/DBNAME\n";

/* Takes `--keys DIR` / `--keys=DIR` (the key directory, util/keys.h) out of argv, for every
 * subcommand, so that none of them has to know the option. Answers the new argc, or -1 when
 * --keys lacks its directory. */
static int take_keys_option(int argc, char **argv)
{
    int out = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--keys") == 0) {
            if (i + 1 >= argc || !argv[i + 1][0])
                return -1;
            keys_set_dir(argv[++i]);
        } else if (strncmp(argv[i], "--keys=", 7) == 0) {
            if (!argv[i][7])
                return -1;
            keys_set_dir(argv[i] + 7);
        } else {
            argv[out++] = argv[i];
        }
    }
    argv[out] = NULL;
    return out;
}

typedef int (*command_fn)(int argc, char **argv);

static const struct {
    const char *name;
    command_fn run;
} commands[] = {
    {"init", cmd_init},           {"demo", cmd_demo},
    {"serve", cmd_serve},         {"user", cmd_user},
    {"token", cmd_token},         {"org", cmd_org},
    {"audit", cmd_audit},         {"backup", cmd_backup},
    {"restore", cmd_restore},     {"migrate-data", cmd_migrate_data},
    {"signal", cmd_signal},       {"routes", cmd_routes},
    {"retention", cmd_retention},
};

int main(int argc, char **argv)
{
    if ((argc = take_keys_option(argc, argv)) < 0)
        return fputs("schild: --keys needs a directory\n", stderr), 2;
    if (argc < 2)
        return fputs(usage, stderr), 2;
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0)
        return printf("schild %s\n", SCHILD_VERSION), 0;
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0)
        return fputs(usage, stdout), 0;
    if (!secret_init())
        return fputs("schild: libsodium could not be initialised\n", stderr), 1;
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "schild: unknown command '%s'\n%s", argv[1], usage);
    return 2;
}

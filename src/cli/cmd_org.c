/* cmd_org: `schild org list` prints the register; `schild org add` adds a municipality
 * (gemeente-<name>) or another partner as needed. */
#include "cli/cli.h"

#include "core/orgs.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: schild org list --db URL\n"
    "       schild org add --db URL --code CODE --name NAME [--kind KIND]\n"
    "  KIND: municipality (default), coordinator, om, police, kmar, intelligence, inspectorate\n";

typedef struct list_ctx {
    arena a;
    org_row *rows;
    size_t count;
} list_ctx;

static db_status list_body(storage *s, void *ctx)
{
    list_ctx *k = ctx;
    return s->ops->org_list(s, &k->a, &k->rows, &k->count);
}

static int parse(int argc, char **argv, const char **url, const char **code, const char **name,
                 const char **kind)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},   {"code", required_argument, NULL, 'c'},
        {"name", required_argument, NULL, 'n'}, {"kind", required_argument, NULL, 'k'},
        {"help", no_argument, NULL, 'h'},       {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            *url = optarg;
            break;
        case 'c':
            *code = optarg;
            break;
        case 'n':
            *name = optarg;
            break;
        case 'k':
            *kind = optarg;
            break;
        case 'h':
            fputs(usage, stdout);
            return 0;
        default:
            fputs(usage, stderr);
            return 2;
        }
    }
    return -1;
}

static int org_list(int argc, char **argv)
{
    const char *url = NULL, *code = NULL, *name = NULL, *kind = NULL;
    int rc = parse(argc, argv, &url, &code, &name, &kind);
    if (rc >= 0)
        return rc;
    storage *db = cli_open_database(url);
    if (!db)
        return 1;
    list_ctx k;
    arena_init(&k.a, 1 << 20);
    db_status st = storage_transact(db, TX_READ, list_body, &k);
    for (size_t i = 0; st >= 0 && i < k.count; i++)
        printf("%s\t%s\t%s\n", k.rows[i].code, k.rows[i].kind, k.rows[i].name);
    arena_clear(&k.a);
    storage_close(db);
    return st < 0 ? 1 : 0;
}

static db_status add_body(storage *s, void *ctx)
{
    return s->ops->org_upsert(s, ctx);
}

static int org_add(int argc, char **argv)
{
    const char *url = NULL, *code = NULL, *name = NULL, *kind = "municipality";
    int rc = parse(argc, argv, &url, &code, &name, &kind);
    if (rc >= 0)
        return rc;
    static const char *const kinds[] = {"municipality", "coordinator",  "om",          "police",
                                        "kmar",         "intelligence", "inspectorate"};
    bool kind_ok = false;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        kind_ok = kind_ok || strcmp(kind, kinds[i]) == 0;
    if (!code || !org_code_valid(code) || !name || !*name || strlen(name) > 200 || !kind_ok) {
        fprintf(stderr, "schild: --code (lowercase letters, digits, '-'), --name (1..200) and "
                        "a known --kind are required\n");
        return 2;
    }
    if (strcmp(kind, "municipality") == 0 && strncmp(code, "gemeente-", 9) != 0) {
        fprintf(stderr, "schild: municipality codes look like gemeente-<name>\n");
        return 2;
    }
    storage *db = cli_open_database(url);
    if (!db)
        return 1;
    org_seed org = {code, name, kind, ""};
    db_status st = storage_transact(db, TX_WRITE, add_body, &org);
    storage_close(db);
    if (st < 0)
        return fprintf(stderr, "schild: could not add the organisation\n"), 1;
    printf("organisation %s ready\n", code);
    return 0;
}

int cmd_org(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "list") == 0)
        return org_list(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "add") == 0)
        return org_add(argc - 1, argv + 1);
    if (cli_wants_help(argc, argv))
        return fputs(usage, stdout), 0;
    fputs(usage, stderr);
    return 2;
}

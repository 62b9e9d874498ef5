/* cmd_backup: backup, restore and moving between backends. A backup is always a SQLite file:
 * SQLite's own online backup where the source is SQLite, otherwise a copy of a consistent
 * snapshot into a new SQLite file. Restore and migrate-data copy everything into an empty
 * database; ids, versions and the audit trail's hashes travel unchanged, and every command ends
 * by verifying the audit trail of what it wrote. */
#include "cli/cli.h"

#include "storage/copy.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char backup_usage[] = "usage: schild backup --db URL --out FILE\n"
                                   "  Writes a consistent copy of the database to FILE (a new\n"
                                   "  SQLite file) while the server may keep running.\n";
static const char restore_usage[] = "usage: schild restore --in FILE --db URL\n"
                                    "  Copies a backup into an empty (new) database.\n";
static const char migrate_usage[] =
    "usage: schild migrate-data --from URL --to URL\n"
    "  Moves a deployment to another database (e.g. sqlite: to postgresql://), which must be\n"
    "  empty; the source is left as it was.\n";

/* Parses two required --NAME VALUE options. */
static int two_options(int argc, char **argv, const char *name_a, const char **a,
                       const char *name_b, const char **b, const char *usage)
{
    const struct option opts[] = {{name_a, required_argument, NULL, 'a'},
                                  {name_b, required_argument, NULL, 'b'},
                                  {"help", no_argument, NULL, 'h'},
                                  {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'a')
            *a = optarg;
        else if (c == 'b')
            *b = optarg;
        else if (c == 'h')
            return fputs(usage, stdout), 0;
        else
            return fputs(usage, stderr), 2;
    }
    if (!*a || !*b)
        return fputs(usage, stderr), 2;
    return -1;
}

/* Copies everything from src_url into the empty dst_url and verifies the result. */
static int copy_database(const char *src_url, const char *dst_url)
{
    storage *src = cli_open_database(src_url);
    if (!src)
        return 1;
    storage *dst = cli_open_database(dst_url);
    if (!dst) {
        storage_close(src);
        return 1;
    }
    char err[256] = "";
    db_status st = storage_copy(src, dst, stdout, err, sizeof err);
    storage_close(src);
    int rc = 1;
    if (st < 0)
        fprintf(stderr, "schild: %s; the target was left unchanged\n", err);
    else
        rc = cli_verify_audit(dst, stdout);
    storage_close(dst);
    return rc;
}

int cmd_backup(int argc, char **argv)
{
    const char *url = NULL, *out = NULL;
    int rc = two_options(argc, argv, "db", &url, "out", &out, backup_usage);
    if (rc >= 0)
        return rc;
    if (access(out, F_OK) == 0)
        return fprintf(stderr, "schild: %s exists; a backup never overwrites\n", out), 1;
    char out_url[4096];
    snprintf(out_url, sizeof out_url, "sqlite:%s", out);
    storage *db = cli_open_database(url);
    if (!db)
        return 1;
    if (!db->ops->backup_to) {
        storage_close(db);
        return copy_database(url, out_url);
    }
    db_status st = db->ops->backup_to(db, out);
    storage_close(db);
    if (st < 0)
        return fprintf(stderr, "schild: the backup failed\n"), 1;
    storage *copy = cli_open_database(out_url);
    if (!copy)
        return 1;
    rc = cli_verify_audit(copy, stdout);
    storage_close(copy);
    if (rc == 0)
        printf("backup written to %s\n", out);
    return rc;
}

int cmd_restore(int argc, char **argv)
{
    const char *in = NULL, *url = NULL;
    int rc = two_options(argc, argv, "in", &in, "db", &url, restore_usage);
    if (rc >= 0)
        return rc;
    if (access(in, R_OK) != 0)
        return fprintf(stderr, "schild: cannot read %s\n", in), 1;
    char in_url[4096];
    snprintf(in_url, sizeof in_url, "sqlite:%s", in);
    return copy_database(in_url, url);
}

int cmd_migrate_data(int argc, char **argv)
{
    const char *from = NULL, *to = NULL;
    int rc = two_options(argc, argv, "from", &from, "to", &to, migrate_usage);
    if (rc >= 0)
        return rc;
    if (strcmp(from, to) == 0)
        return fputs("schild: --from and --to name the same database\n", stderr), 2;
    return copy_database(from, to);
}

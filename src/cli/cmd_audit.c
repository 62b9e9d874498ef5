/* cmd_audit: `schild audit verify --db URL` walks the whole hash chain and names the first entry
 * that was altered, removed or inserted. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char usage[] = "usage: schild audit verify --db URL\n"
                            "  Verifies the hash chain of the audit trail. Exit 0 when intact;\n"
                            "  otherwise non-zero, naming the first bad entry.\n";

static int verify_row(void *ctx, const audit_row *row)
{
    return audit_verifier_step(ctx, &row->entry, row->prev_hash, row->hash) ? 0 : 1;
}

static db_status scan_body(storage *s, void *ctx)
{
    audit_verifier *v = ctx;
    audit_verifier_init(v);
    db_status st = s->ops->audit_scan(s, verify_row, v);
    if (st < 0 || v->bad_seq)
        return st;
    int64_t head_seq = 0;
    char head[AUDIT_HASH_HEX] = "";
    if ((st = s->ops->audit_head(s, &head_seq, head)) < 0)
        return st;
    audit_verifier_finish(v, head_seq, head);
    return DB_ONE;
}

static int audit_verify(int argc, char **argv)
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
    int rc = cli_verify_audit(db, stdout);
    storage_close(db);
    return rc;
}

int cli_verify_audit(storage *db, FILE *out)
{
    audit_verifier v;
    audit_verifier_init(&v);
    db_status st = storage_transact(db, TX_READ, scan_body, &v);
    if (st < 0) {
        fprintf(stderr, "schild: could not read the audit trail\n");
        return 1;
    }
    if (v.bad_seq) {
        fprintf(out, "audit trail BROKEN at entry %lld: %s\n", (long long)v.bad_seq, v.problem);
        return 3;
    }
    fprintf(out, "audit trail intact: %lld entries\n", (long long)v.count);
    return 0;
}

int cmd_audit(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "verify") == 0)
        return audit_verify(argc - 1, argv + 1);
    if (cli_wants_help(argc, argv))
        return fputs(usage, stdout), 0;
    fputs(usage, stderr);
    return 2;
}

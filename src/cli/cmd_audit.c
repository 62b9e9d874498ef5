/* cmd_audit: `schild audit verify --db URL` walks the whole hash chain and names the first entry
 * that was altered, removed or inserted; `schild audit export` writes the trail with its signed
 * checkpoints to a file, and `schild audit verify --export FILE --pubkey FILE` checks such a file
 * offline (docs/AUDIT.md). */
#include "cli/cli.h"

#include "audit/audit_export.h"
#include "audit/checkpointer.h"
#include "util/clock.h"
#include "util/keys.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "usage: schild audit verify --db URL\n"
    "       schild audit verify --export FILE --pubkey FILE\n"
    "       schild audit export --db URL --out FILE [--keys DIR]\n"
    "  verify --db: verifies the hash chain of the audit trail in the database.\n"
    "  verify --export: verifies an export offline with the public key (audit.pub): every\n"
    "    hash, every checkpoint's signature, and that the last checkpoint covers the last\n"
    "    entry. Exit 0 when intact; otherwise non-zero, naming the first problem.\n"
    "  export: signs a checkpoint over the newest entry (with the audit key of the key\n"
    "    directory) and writes the trail with its checkpoints to FILE (JSON Lines, never\n"
    "    over an existing file). The format is in docs/AUDIT.md.\n";

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

/* Offline: the export file and the public key only, never the database or the secret keys. */
static int verify_export(const char *path, const char *pubkey_path)
{
    unsigned char pk[KEYS_AUDIT_PUBLIC_BYTES];
    char err[512];
    if (!keys_load_public(pubkey_path, pk, err, sizeof err))
        return fprintf(stderr, "schild: --pubkey: %s\n", err), 1;
    FILE *f = fopen(path, "rb");
    if (!f)
        return fprintf(stderr, "schild: cannot open %s: %s\n", path, strerror(errno)), 1;
    audit_export_summary sum;
    char problem[512];
    bool ok = audit_export_verify_file(pk, f, &sum, problem, sizeof problem);
    fclose(f);
    if (!ok) {
        printf("audit export REJECTED: %s\n", problem);
        return 1;
    }
    printf("audit export verified: %lld entries, %lld checkpoints, last checkpoint at seq %lld"
           "%s%s%s\n",
           (long long)sum.entries, (long long)sum.checkpoints, (long long)sum.last_checkpoint_seq,
           sum.last_signed_at[0] ? " (signed " : "", sum.last_signed_at,
           sum.last_signed_at[0] ? ")" : "");
    return 0;
}

static int audit_verify(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"export", required_argument, NULL, 'e'},
                                         {"pubkey", required_argument, NULL, 'p'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *url = NULL, *export_path = NULL, *pubkey = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            url = optarg;
        else if (c == 'e')
            export_path = optarg;
        else if (c == 'p')
            pubkey = optarg;
        else if (c == 'h')
            return fputs(usage, stdout), 0;
        else
            return fputs(usage, stderr), 2;
    }
    if (export_path || pubkey) {
        if (!export_path || !pubkey || url)
            return fputs("schild: audit verify takes --export FILE --pubkey FILE, or --db URL\n",
                         stderr),
                   2;
        return verify_export(export_path, pubkey);
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

static db_status audit_export_entry(storage *s, void *ctx)
{
    audit_entry *e = ctx;
    return s->ops->audit_append(s, e, 1);
}

/* The export itself is audited, then signed over, so the file ends with its own entry covered. */
static int write_export(storage *db, const char *out_path, const checkpoint_keys *keys)
{
    char now[CLOCK_RFC3339_SIZE];
    clock_rfc3339(clock_now_ms(), now);
    audit_entry e = {.at = now,
                     .username = "(cli)",
                     .org = "",
                     .role = "admin",
                     .action = "audit.export",
                     .object_type = "",
                     .object_id = "",
                     .purpose = "",
                     .outcome = "ok",
                     .detail = ""};
    if (storage_transact(db, TX_WRITE, audit_export_entry, &e) < 0 ||
        checkpoint_now(db, keys, NULL) < 0)
        return fputs("schild: could not sign a checkpoint for the export\n", stderr), 1;
    /* O_EXCL: an export is never written over an existing file; 0600: it names who read what. */
    int fd = open(out_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!out) {
        fprintf(stderr, "schild: cannot create %s: %s\n", out_path, strerror(errno));
        return fd >= 0 ? close(fd), 1 : 1;
    }
    audit_export_summary sum;
    db_status st = audit_export_write(db, out, keys->pk_hex, now, &sum);
    bool closed = fclose(out) == 0;
    if (st != DB_ONE || !closed) {
        unlink(out_path);
        fprintf(stderr, "schild: %s\n",
                st == DB_REFUSED ? "an audit entry holds text that is not UTF-8; not exported"
                                 : "could not write the export");
        return 1;
    }
    printf("exported %lld entries and %lld checkpoints (last at seq %lld) to %s\n",
           (long long)sum.entries, (long long)sum.checkpoints, (long long)sum.last_checkpoint_seq,
           out_path);
    return 0;
}

static int audit_export(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"out", required_argument, NULL, 'o'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *url = NULL, *out_path = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            url = optarg;
        else if (c == 'o')
            out_path = optarg;
        else if (c == 'h')
            return fputs(usage, stdout), 0;
        else
            return fputs(usage, stderr), 2;
    }
    if (!url || !out_path)
        return fputs("schild: audit export needs --db URL and --out FILE\n", stderr), 2;
    if (access(out_path, F_OK) == 0)
        return fprintf(stderr, "schild: %s exists; an export never overwrites\n", out_path), 1;
    checkpoint_keys keys;
    char err[512];
    if (!checkpoint_keys_load(url, &keys, err, sizeof err))
        return fprintf(stderr, "schild: the export needs the audit key: %s\n", err), 1;
    storage *db = cli_open_database(url);
    int rc = db ? write_export(db, out_path, &keys) : 1;
    checkpoint_keys_wipe(&keys);
    storage_close(db);
    return rc;
}

int cmd_audit(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "verify") == 0)
        return audit_verify(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "export") == 0)
        return audit_export(argc - 1, argv + 1);
    if (cli_wants_help(argc, argv))
        return fputs(usage, stdout), 0;
    fputs(usage, stderr);
    return 2;
}

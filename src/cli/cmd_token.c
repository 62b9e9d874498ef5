/* cmd_token: API tokens for partner systems (docs/SECURITY.md, "API tokens for partner systems").
 * `create` makes a service user (role referrer in the organisation, no usable password) and its
 * token, printed once and stored only as a hash; `list` and `revoke` manage them. Audited. */
#include "cli/cli.h"

#include "core/validate.h"
#include "http/auth.h"
#include "util/clock.h"
#include "util/second_factor.h"

#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: schild token create --db URL --org ORG --scope referral[,signals] [--label TEXT]\n"
    "                           [--days N]\n"
    "       schild token list --db URL\n"
    "       schild token revoke --db URL --id N\n"
    "  create prints the token once (schild_...); it expires after N days (default 365).\n"
    "  Scopes: referral (refer cases, read them, the organisations, the session), signals\n"
    "  (record signals on visible cases).\n";

enum { DEFAULT_DAYS = 365, MAX_DAYS = 3650, MAX_TOKEN_USERS = 1000 };

/* No Argon2id hash has this form, so no password ever verifies against it. */
#define NO_PASSWORD "!api-token"

static audit_entry cli_audit(const char *at, const char *action, const char *id, const char *detail)
{
    return (audit_entry){.at = at,
                         .username = "(cli)",
                         .org = "",
                         .role = "admin",
                         .action = action,
                         .object_type = "api_token",
                         .object_id = id,
                         .purpose = "",
                         .outcome = "ok",
                         .detail = detail};
}

typedef struct create_ctx {
    const char *org, *now;
    api_token_row token;
    const char *username;
    bool org_missing;
    arena a;
} create_ctx;

/* The service user token-<org>-<n> with the first free n. */
static db_status add_service_user(storage *s, create_ctx *k)
{
    for (int n = 1; n <= MAX_TOKEN_USERS; n++) {
        k->username = arena_printf(&k->a, "token-%s-%d", k->org, n);
        new_user u = {k->username, arena_printf(&k->a, "API token %s", k->org),
                      k->org,      NO_PASSWORD,
                      k->now,      ROLE_REFERRER};
        db_status st = s->ops->user_insert(s, &u, &k->token.user_id);
        if (st != DB_NONE)
            return st;
    }
    return DB_REFUSED;
}

static db_status create_body(storage *s, void *arg)
{
    create_ctx *k = arg;
    org_row org;
    db_status st = s->ops->org_get(s, &k->a, k->org, &org);
    if (st <= 0) {
        k->org_missing = st == DB_NONE;
        return st < 0 ? st : DB_REFUSED;
    }
    if ((st = add_service_user(s, k)) < 0 || (st = s->ops->api_token_insert(s, &k->token)) < 0)
        return st;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)k->token.id);
    const char *detail = arena_printf(&k->a, "%s %s", k->username, k->token.scopes);
    audit_entry e = cli_audit(k->now, "token.create", id, detail);
    return s->ops->audit_append(s, &e, 1);
}

static bool parse_days(const char *text, long *days)
{
    char *end;
    *days = strtol(text, &end, 10);
    return *text && !*end && *days >= 1 && *days <= MAX_DAYS;
}

static int token_create(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"org", required_argument, NULL, 'o'},
                                         {"scope", required_argument, NULL, 's'},
                                         {"label", required_argument, NULL, 'l'},
                                         {"days", required_argument, NULL, 'n'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *url = NULL, *org = NULL, *scope = NULL, *label = "";
    long days = DEFAULT_DAYS;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            url = optarg;
        else if (c == 'o')
            org = optarg;
        else if (c == 's')
            scope = optarg;
        else if (c == 'l')
            label = optarg;
        else if (c == 'n' && parse_days(optarg, &days))
            continue;
        else if (c == 'h')
            return fputs(usage, stdout), 0;
        else
            return fputs(usage, stderr), 2;
    }
    if (!org || !org_code_valid(org))
        return fputs("schild: --org must be an organisation code\n", stderr), 2;
    if (!scope || auth_token_scopes(scope) == 0)
        return fputs("schild: --scope must be referral, signals or both (comma-separated)\n",
                     stderr),
               2;
    if (!text_valid(label, 0, MAX_NAME_LEN, false))
        return fputs("schild: --label must be at most 200 characters\n", stderr), 2;
    storage *db = cli_open_database(url);
    if (!db)
        return 1;
    char now[CLOCK_RFC3339_SIZE], token[API_TOKEN_TEXT_SIZE];
    int64_t now_ms = clock_now_ms();
    clock_rfc3339(now_ms, now);
    create_ctx k = {.org = org, .now = now};
    k.token = (api_token_row){.label = label,
                              .scopes = scope,
                              .created_at = now_ms / 1000,
                              .expires_at = now_ms / 1000 + days * 86400};
    api_token_new(token, k.token.token_hash);
    arena_init(&k.a, 1 << 16);
    db_status st = storage_transact(db, TX_WRITE, create_body, &k);
    storage_close(db);
    int rc = st < 0 ? 1 : 0;
    if (st == DB_REFUSED && k.org_missing)
        fprintf(stderr, "schild: unknown organisation '%s'\n", org);
    else if (st < 0)
        fputs("schild: could not store the token\n", stderr);
    else
        printf("token %lld for %s (scopes %s, expires in %ld days); shown once:\n%s\n",
               (long long)k.token.id, k.username, scope, days, token);
    sodium_memzero(token, sizeof token);
    arena_clear(&k.a);
    return rc;
}

typedef struct list_ctx {
    api_token_row *rows;
    size_t count;
    arena a;
} list_ctx;

static db_status list_body(storage *s, void *arg)
{
    list_ctx *k = arg;
    return s->ops->api_token_list(s, &k->a, &k->rows, &k->count);
}

static void print_time(int64_t t)
{
    char buf[CLOCK_RFC3339_SIZE];
    if (t == 0) {
        printf("\t-");
        return;
    }
    clock_rfc3339(t * 1000, buf);
    printf("\t%s", buf);
}

/* Reads --db only (list); answers the URL or NULL after printing usage. */
static const char *db_option(int argc, char **argv, int *rc)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    const char *url = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            url = optarg;
        else {
            *rc = c == 'h' ? 0 : 2;
            fputs(usage, c == 'h' ? stdout : stderr);
            return NULL;
        }
    }
    return url;
}

static int token_list(int argc, char **argv)
{
    int rc = 0;
    const char *url = db_option(argc, argv, &rc);
    if (rc)
        return rc;
    storage *db = cli_open_database(url);
    if (!db)
        return 1;
    list_ctx k = {0};
    arena_init(&k.a, 1 << 20);
    db_status st = storage_transact(db, TX_READ, list_body, &k);
    storage_close(db);
    if (st < 0) {
        arena_clear(&k.a);
        return fputs("schild: could not read the tokens\n", stderr), 1;
    }
    printf("id\tuser\tlabel\tscopes\tcreated\texpires\trevoked\tlast used\n");
    for (size_t i = 0; i < k.count; i++) {
        const api_token_row *t = &k.rows[i];
        printf("%lld\t%s\t%s\t%s", (long long)t->id, t->username, t->label, t->scopes);
        print_time(t->created_at);
        print_time(t->expires_at);
        print_time(t->revoked_at);
        print_time(t->last_used_at);
        printf("\n");
    }
    arena_clear(&k.a);
    return 0;
}

typedef struct revoke_ctx {
    int64_t id;
    const char *now;
    int64_t now_s;
} revoke_ctx;

static db_status revoke_body(storage *s, void *arg)
{
    revoke_ctx *k = arg;
    db_status st = s->ops->api_token_revoke(s, k->id, k->now_s);
    if (st <= 0)
        return st < 0 ? st : DB_REFUSED;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)k->id);
    audit_entry e = cli_audit(k->now, "token.revoke", id, "");
    return s->ops->audit_append(s, &e, 1);
}

static int token_revoke(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"id", required_argument, NULL, 'i'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *url = NULL;
    long long id = 0;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            url = optarg;
        else if (c == 'i')
            id = strtoll(optarg, NULL, 10);
        else if (c == 'h')
            return fputs(usage, stdout), 0;
        else
            return fputs(usage, stderr), 2;
    }
    if (id <= 0)
        return fputs("schild: --id must be a token id (see `schild token list`)\n", stderr), 2;
    storage *db = cli_open_database(url);
    if (!db)
        return 1;
    char now[CLOCK_RFC3339_SIZE];
    int64_t now_ms = clock_now_ms();
    clock_rfc3339(now_ms, now);
    revoke_ctx k = {id, now, now_ms / 1000};
    db_status st = storage_transact(db, TX_WRITE, revoke_body, &k);
    storage_close(db);
    if (st == DB_REFUSED)
        return fprintf(stderr, "schild: no token %lld that is not revoked already\n", id), 1;
    if (st < 0)
        return fputs("schild: could not revoke the token\n", stderr), 1;
    printf("token %lld revoked\n", id);
    return 0;
}

int cmd_token(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "create") == 0)
        return token_create(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "list") == 0)
        return token_list(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "revoke") == 0)
        return token_revoke(argc - 1, argv + 1);
    if (cli_wants_help(argc, argv))
        return fputs(usage, stdout), 0;
    fputs(usage, stderr);
    return 2;
}

/* cmd_user: `schild user add` creates an account; the password comes from standard input so it
 * never appears in the process list or shell history. */
#include "cli/cli.h"

#include "core/validate.h"
#include "util/clock.h"
#include "util/secret.h"

#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: schild user add --db URL --username NAME --role ROLE --org ORG\n"
    "                       [--display-name TEXT]\n"
    "  The password is read from standard input (first line, at least 12 characters).\n"
    "  ROLE: referrer, triage, analyst, authority, coordinator, unit_lead, care,\n"
    "        privacy_officer, inspector, admin\n";

typedef struct add_ctx {
    new_user user;
    int64_t id;
    bool org_missing;
    arena a;
} add_ctx;

static db_status add_body(storage *s, void *arg)
{
    add_ctx *k = arg;
    org_row org;
    db_status st = s->ops->org_get(s, &k->a, k->user.org, &org);
    if (st <= 0) {
        k->org_missing = st == DB_NONE;
        return st < 0 ? st : DB_REFUSED;
    }
    if ((st = s->ops->user_insert(s, &k->user, &k->id)) <= 0)
        return st < 0 ? st : DB_REFUSED;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)k->id);
    audit_entry e = {.at = k->user.created_at,
                     .username = "(cli)",
                     .org = "",
                     .role = "admin",
                     .action = "user.create",
                     .object_type = "user",
                     .object_id = id,
                     .purpose = "",
                     .outcome = "ok",
                     .detail = role_name(k->user.role)};
    return s->ops->audit_append(s, &e, 1);
}

/* Reads the first line of stdin into buf without the line ending. */
static bool read_password(char *buf, size_t size)
{
    if (!fgets(buf, (int)size, stdin))
        return false;
    buf[strcspn(buf, "\r\n")] = '\0';
    return true;
}

static int user_add(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"username", required_argument, NULL, 'u'},
                                         {"role", required_argument, NULL, 'r'},
                                         {"org", required_argument, NULL, 'o'},
                                         {"display-name", required_argument, NULL, 'n'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *url = NULL, *username = NULL, *role_text = NULL, *org = NULL, *display = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            url = optarg;
            break;
        case 'u':
            username = optarg;
            break;
        case 'r':
            role_text = optarg;
            break;
        case 'o':
            org = optarg;
            break;
        case 'n':
            display = optarg;
            break;
        case 'h':
            return fputs(usage, stdout), 0;
        default:
            return fputs(usage, stderr), 2;
        }
    }
    role user_role = role_parse(role_text);
    if (!username || !username_valid(username))
        return fputs("schild: --username must be 3..64 of a-z 0-9 . _ -\n", stderr), 2;
    if (user_role == ROLE_NONE)
        return fprintf(stderr, "schild: unknown role '%s'\n%s", role_text ? role_text : "", usage),
               2;
    if (!org || !org_code_valid(org))
        return fputs("schild: --org must be an organisation code (see `schild org list`)\n",
                     stderr),
               2;
    if (display && !text_valid(display, 1, MAX_NAME_LEN, false))
        return fputs("schild: --display-name must be 1..200 characters\n", stderr), 2;
    char *password = sodium_malloc(MAX_PASSWORD_LEN + 2);
    if (!password || !read_password(password, MAX_PASSWORD_LEN + 2) ||
        strlen(password) < MIN_PASSWORD_LEN || strlen(password) > MAX_PASSWORD_LEN) {
        fputs("schild: give a password of 12..1024 characters on standard input\n", stderr);
        sodium_free(password);
        return 2;
    }
    char hash[PASSWORD_HASH_SIZE], now[CLOCK_RFC3339_SIZE];
    bool hashed = password_hash(password, hash);
    sodium_free(password);
    if (!hashed)
        return fputs("schild: out of memory while hashing the password\n", stderr), 1;
    storage *db = cli_open_database(url);
    if (!db)
        return 1;
    clock_rfc3339(clock_now_ms(), now);
    add_ctx k = {.user = {username, display ? display : username, org, hash, now, user_role}};
    arena_init(&k.a, 1 << 16);
    db_status st = storage_transact(db, TX_WRITE, add_body, &k);
    arena_clear(&k.a);
    storage_close(db);
    if (st == DB_REFUSED && k.org_missing)
        return fprintf(stderr, "schild: unknown organisation '%s'\n", org), 1;
    if (st == DB_REFUSED)
        return fprintf(stderr, "schild: username '%s' is taken\n", username), 1;
    if (st < 0)
        return fputs("schild: could not store the user\n", stderr), 1;
    printf("user %s added (role %s, organisation %s)\n", username, role_name(user_role), org);
    return 0;
}

int cmd_user(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "add") == 0)
        return user_add(argc - 1, argv + 1);
    if (cli_wants_help(argc, argv))
        return fputs(usage, stdout), 0;
    fputs(usage, stderr);
    return 2;
}

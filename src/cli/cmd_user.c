/* cmd_user: `schild user add` creates an account; the password comes from standard input so it
 * never appears in the process list or shell history. Roles that must log in with a second factor
 * (every role by default) are enrolled at once: the otpauth URI and ten recovery codes are
 * printed, never stored in the clear. `schild user reset-totp` makes new ones. */
#include "cli/cli.h"

#include "core/validate.h"
#include "util/clock.h"
#include "util/keys.h"
#include "util/second_factor.h"
#include "util/secret.h"

#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: schild user add --db URL --username NAME --role ROLE --org ORG\n"
    "                       [--display-name TEXT] [--no-totp]\n"
    "       schild user reset-totp --db URL --username NAME\n"
    "  The password is read from standard input (first line, at least 12 characters).\n"
    "  add enrols the second factor (TOTP) unless --no-totp and prints its otpauth:// URI and\n"
    "  ten recovery codes; reset-totp makes a new secret and new codes (the old stop working).\n"
    "  Both read the field key from the key directory (--keys DIR, SCHILD_KEYS, or beside the\n"
    "  database).\n"
    "  ROLE: referrer, triage, analyst, authority, coordinator, unit_lead, care,\n"
    "        privacy_officer, inspector, admin\n";

/* A second factor to store with a user: the sealed secret and the recovery codes' hashes. */
typedef struct enrolment {
    bool wanted;
    totp_secret secret;
    char codes[RECOVERY_CODES][RECOVERY_CODE_SIZE];
    const char *hashes[RECOVERY_CODES];
} enrolment;

typedef struct add_ctx {
    new_user user;
    int64_t id;
    bool org_missing;
    arena a;
    enrolment totp;
} add_ctx;

static db_status store_enrolment(storage *s, int64_t user_id, const enrolment *e)
{
    db_status st = s->ops->totp_set(s, user_id, e->secret.sealed, true);
    if (st <= 0)
        return st < 0 ? st : DB_REFUSED;
    return s->ops->recovery_codes_replace(s, user_id, e->hashes, RECOVERY_CODES);
}

/* Loads the field key of the database's key directory; says why on failure. */
static bool load_field_key(const char *url, unsigned char key[KEYS_FIELD_BYTES])
{
    char dir[KEYS_PATH_SIZE], err[512];
    if (!keys_dir_for(url, dir, sizeof dir) || !keys_load_field(dir, key, err, sizeof err)) {
        fprintf(stderr,
                "schild: the second factor needs the field key: %s\n"
                "schild: pass --keys DIR (or set SCHILD_KEYS), or use --no-totp\n",
                err);
        return false;
    }
    return true;
}

/* A fresh secret and codes for username, sealed under the database's field key. */
static bool make_enrolment(const char *url, const char *username, arena *a, enrolment *e)
{
    unsigned char key[KEYS_FIELD_BYTES];
    if (!load_field_key(url, key))
        return false;
    bool ok = totp_secret_new(key, username, a, &e->secret);
    sodium_memzero(key, sizeof key);
    if (!ok)
        return fputs("schild: could not seal the second factor's secret\n", stderr), false;
    recovery_codes_new(e->codes, e->hashes, a);
    e->wanted = true;
    return true;
}

static void print_enrolment(const enrolment *e)
{
    printf("%s\n", e->secret.uri);
    for (int i = 0; i < RECOVERY_CODES; i++)
        printf("recovery code: %s\n", e->codes[i]);
}

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
    if (k->totp.wanted && (st = store_enrolment(s, k->id, &k->totp)) < 0)
        return st;
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
                                         {"no-totp", no_argument, NULL, 'T'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *url = NULL, *username = NULL, *role_text = NULL, *org = NULL, *display = NULL;
    bool no_totp = false;
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
        case 'T':
            no_totp = true;
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
    /* Outside demo mode every role needs the second factor unless the configuration says
     * otherwise (core/security_config.c); enrolling here means the user can log in at once. */
    security_config defaults;
    security_config_defaults(&defaults, false);
    if (!no_totp && security_totp_required(&defaults, user_role) &&
        !make_enrolment(url, username, &k.a, &k.totp)) {
        arena_clear(&k.a);
        storage_close(db);
        return 1;
    }
    db_status st = storage_transact(db, TX_WRITE, add_body, &k);
    storage_close(db);
    int rc = st < 0 ? 1 : 0;
    if (st == DB_REFUSED && k.org_missing)
        fprintf(stderr, "schild: unknown organisation '%s'\n", org);
    else if (st == DB_REFUSED)
        fprintf(stderr, "schild: username '%s' is taken\n", username);
    else if (st < 0)
        fputs("schild: could not store the user\n", stderr);
    else {
        printf("user %s added (role %s, organisation %s)\n", username, role_name(user_role), org);
        if (k.totp.wanted)
            print_enrolment(&k.totp);
    }
    sodium_memzero(&k.totp, sizeof k.totp);
    arena_clear(&k.a);
    return rc;
}

typedef struct reset_ctx {
    const char *username, *now;
    user_row user;
    enrolment totp;
    arena a;
} reset_ctx;

static db_status reset_body(storage *s, void *arg)
{
    reset_ctx *k = arg;
    db_status st = s->ops->user_by_username(s, &k->a, k->username, &k->user);
    if (st <= 0)
        return st < 0 ? st : DB_REFUSED;
    if ((st = store_enrolment(s, k->user.id, &k->totp)) < 0)
        return st;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)k->user.id);
    audit_entry e = {.at = k->now,
                     .username = "(cli)",
                     .org = "",
                     .role = "admin",
                     .action = "user.totp_reset",
                     .object_type = "user",
                     .object_id = id,
                     .purpose = "",
                     .outcome = "ok",
                     .detail = k->username};
    return s->ops->audit_append(s, &e, 1);
}

static int user_reset_totp(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"username", required_argument, NULL, 'u'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *url = NULL, *username = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            url = optarg;
        else if (c == 'u')
            username = optarg;
        else if (c == 'h')
            return fputs(usage, stdout), 0;
        else
            return fputs(usage, stderr), 2;
    }
    if (!username || !username_valid(username))
        return fputs("schild: --username must be 3..64 of a-z 0-9 . _ -\n", stderr), 2;
    storage *db = cli_open_database(url);
    if (!db)
        return 1;
    char now[CLOCK_RFC3339_SIZE];
    clock_rfc3339(clock_now_ms(), now);
    reset_ctx k = {.username = username, .now = now};
    arena_init(&k.a, 1 << 16);
    int rc = 1;
    if (make_enrolment(url, username, &k.a, &k.totp)) {
        db_status st = storage_transact(db, TX_WRITE, reset_body, &k);
        if (st == DB_REFUSED)
            fprintf(stderr, "schild: no user '%s'\n", username);
        else if (st < 0)
            fputs("schild: could not store the new second factor\n", stderr);
        else {
            printf("second factor of %s reset; the old codes no longer work\n", username);
            print_enrolment(&k.totp);
            rc = 0;
        }
    }
    storage_close(db);
    sodium_memzero(&k.totp, sizeof k.totp);
    arena_clear(&k.a);
    return rc;
}

int cmd_user(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "add") == 0)
        return user_add(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "reset-totp") == 0)
        return user_reset_totp(argc - 1, argv + 1);
    if (cli_wants_help(argc, argv))
        return fputs(usage, stdout), 0;
    fputs(usage, stderr);
    return 2;
}

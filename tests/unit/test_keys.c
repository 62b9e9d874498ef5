/* The key directory (util/keys.h): where it is, what init creates (modes, hex), that nothing is
 * overwritten, and the refusals of the loaders. In a temporary directory. */
#include "check.h"

#include "util/keys.h"

#include <sodium.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char base[] = "/tmp/schild-test-keys-XXXXXX";

static void path_in(char *out, size_t n, const char *dir, const char *name)
{
    snprintf(out, n, "%s/%s", dir, name);
}

static mode_t mode_of(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? st.st_mode & 0777 : (mode_t)-1;
}

static size_t read_text(const char *path, char *buf, size_t n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t got = fread(buf, 1, n - 1, f);
    fclose(f);
    buf[got] = '\0';
    return got;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void dir_follows_option_then_environment_then_database(void)
{
    char out[KEYS_PATH_SIZE];
    unsetenv("SCHILD_KEYS");
    keys_set_dir(NULL);
    CHECK(keys_dir_for("sqlite:/var/lib/schild/schild.db", out, sizeof out));
    CHECK_STR(out, "/var/lib/schild/keys");
    CHECK(keys_dir_for("sqlite:schild.db", out, sizeof out));
    CHECK_STR(out, "keys");
    CHECK(keys_dir_for("sqlite:var/x.db", out, sizeof out));
    CHECK_STR(out, "var/keys");
    CHECK(keys_dir_for("postgresql://u@h:5432/db", out, sizeof out));
    CHECK_STR(out, "keys");
    setenv("SCHILD_KEYS", "/etc/schild/keys", 1);
    CHECK(keys_dir_for("sqlite:/var/lib/schild/schild.db", out, sizeof out));
    CHECK_STR(out, "/etc/schild/keys");
    keys_set_dir("/opt/k");
    CHECK(keys_dir_for("postgresql://u@h:5432/db", out, sizeof out));
    CHECK_STR(out, "/opt/k");
    keys_set_dir(NULL);
    unsetenv("SCHILD_KEYS");
    char small[4];
    CHECK(!keys_dir_for("sqlite:/var/lib/schild/schild.db", small, sizeof small));
}

static void create_makes_a_private_directory_of_hex_keys(void)
{
    char dir[256], p[512], text[300], err[512];
    path_in(dir, sizeof dir, base, "a/keys");
    CHECK(keys_create(dir, err, sizeof err));
    CHECK(mode_of(dir) == 0700);
    path_in(p, sizeof p, dir, "audit.key");
    CHECK(mode_of(p) == 0600);
    CHECK(read_text(p, text, sizeof text) == 129 && text[128] == '\n');
    for (int i = 0; i < 128; i++)
        CHECK((text[i] >= '0' && text[i] <= '9') || (text[i] >= 'a' && text[i] <= 'f'));
    path_in(p, sizeof p, dir, "field.key");
    CHECK(mode_of(p) == 0600);
    CHECK(read_text(p, text, sizeof text) == 65);
    path_in(p, sizeof p, dir, "audit.pub");
    CHECK(read_text(p, text, sizeof text) == 65);
    CHECK((mode_of(p) & 077) != 0 || mode_of(p) == 0644);
}

static void loaded_pair_signs_what_the_public_key_verifies(void)
{
    char dir[256], p[512], err[512];
    path_in(dir, sizeof dir, base, "a/keys");
    unsigned char pk[KEYS_AUDIT_PUBLIC_BYTES], sk[KEYS_AUDIT_SECRET_BYTES], pub[32];
    CHECK(keys_load_audit(dir, pk, sk, err, sizeof err));
    path_in(p, sizeof p, dir, "audit.pub");
    CHECK(keys_load_public(p, pub, err, sizeof err));
    CHECK(memcmp(pk, pub, sizeof pub) == 0);
    unsigned char sig[crypto_sign_BYTES];
    const unsigned char msg[] = "schild";
    crypto_sign_detached(sig, NULL, msg, sizeof msg, sk);
    CHECK(crypto_sign_verify_detached(sig, msg, sizeof msg, pub) == 0);
    unsigned char field[KEYS_FIELD_BYTES], zero[KEYS_FIELD_BYTES] = {0};
    CHECK(keys_load_field(dir, field, err, sizeof err));
    CHECK(memcmp(field, zero, sizeof zero) != 0);
}

static void create_never_overwrites_existing_keys(void)
{
    char dir[256], err[512];
    path_in(dir, sizeof dir, base, "a/keys");
    unsigned char pk1[32], sk1[64], pk2[32], sk2[64], f1[32], f2[32];
    CHECK(keys_load_audit(dir, pk1, sk1, err, sizeof err));
    CHECK(keys_load_field(dir, f1, err, sizeof err));
    CHECK(keys_create(dir, err, sizeof err));
    CHECK(keys_load_audit(dir, pk2, sk2, err, sizeof err));
    CHECK(keys_load_field(dir, f2, err, sizeof err));
    CHECK(memcmp(pk1, pk2, 32) == 0 && memcmp(sk1, sk2, 64) == 0 && memcmp(f1, f2, 32) == 0);
}

static void lost_public_key_is_derived_again_and_lone_public_key_is_refused(void)
{
    char dir[256], p[512], err[512];
    path_in(dir, sizeof dir, base, "a/keys");
    unsigned char pk1[32], sk[64], pk2[32];
    CHECK(keys_load_audit(dir, pk1, sk, err, sizeof err));
    path_in(p, sizeof p, dir, "audit.pub");
    unlink(p);
    CHECK(!keys_load_audit(dir, pk2, sk, err, sizeof err));
    CHECK(keys_create(dir, err, sizeof err));
    CHECK(keys_load_audit(dir, pk2, sk, err, sizeof err));
    CHECK(memcmp(pk1, pk2, 32) == 0);

    char other[256], q[512];
    path_in(other, sizeof other, base, "lone");
    CHECK(keys_create(other, err, sizeof err));
    path_in(q, sizeof q, other, "audit.key");
    unlink(q);
    CHECK(!keys_create(other, err, sizeof err));
    CHECK(strstr(err, "audit.pub") != NULL);
}

static void secret_keys_readable_by_others_are_refused(void)
{
    char dir[256], p[512], err[512];
    path_in(dir, sizeof dir, base, "a/keys");
    unsigned char pk[32], sk[64], field[32];
    path_in(p, sizeof p, dir, "audit.key");
    chmod(p, 0640);
    CHECK(!keys_load_audit(dir, pk, sk, err, sizeof err));
    CHECK(strstr(err, "audit.key") != NULL && strstr(err, "group or others") != NULL);
    chmod(p, 0600);
    CHECK(keys_load_audit(dir, pk, sk, err, sizeof err));
    path_in(p, sizeof p, dir, "field.key");
    chmod(p, 0604);
    CHECK(!keys_load_field(dir, field, err, sizeof err));
    chmod(p, 0600);
    CHECK(keys_load_field(dir, field, err, sizeof err));
}

static void malformed_or_missing_keys_are_refused(void)
{
    char dir[256], p[512], err[512];
    unsigned char pk[32], sk[64], field[32];
    path_in(dir, sizeof dir, base, "bad");
    CHECK(!keys_load_audit(dir, pk, sk, err, sizeof err));
    CHECK(strstr(err, "audit.key") != NULL);
    CHECK(!keys_load_field(dir, field, err, sizeof err));
    mkdir(dir, 0700);
    path_in(p, sizeof p, dir, "short.pub");
    write_text(p, "abcd\n");
    CHECK(!keys_load_public(p, pk, err, sizeof err));
    write_text(p, "zz000000000000000000000000000000000000000000000000000000000000zz\n");
    CHECK(!keys_load_public(p, pk, err, sizeof err));
    write_text(p, "00000000000000000000000000000000000000000000000000000000000000ff\n\n");
    CHECK(!keys_load_public(p, pk, err, sizeof err));
    write_text(p, "00000000000000000000000000000000000000000000000000000000000000ff\n");
    CHECK(keys_load_public(p, pk, err, sizeof err) && pk[31] == 0xff && pk[0] == 0);
    path_in(p, sizeof p, dir, "field.key");
    write_text(p, "00000000000000000000000000000000000000000000000000000000000000ff\n");
    chmod(p, 0600);
    CHECK(keys_load_field(dir, field, err, sizeof err));
    /* An audit.pub that does not belong to the audit.key is refused. */
    char good[256], q[512];
    path_in(good, sizeof good, base, "a/keys");
    path_in(q, sizeof q, good, "audit.pub");
    write_text(q, "00000000000000000000000000000000000000000000000000000000000000ff\n");
    CHECK(!keys_load_audit(good, pk, sk, err, sizeof err));
    CHECK(strstr(err, "does not belong") != NULL);
}

int main(void)
{
    if (sodium_init() < 0 || !mkdtemp(base))
        return 1;
    RUN(dir_follows_option_then_environment_then_database);
    RUN(create_makes_a_private_directory_of_hex_keys);
    RUN(loaded_pair_signs_what_the_public_key_verifies);
    RUN(create_never_overwrites_existing_keys);
    RUN(lost_public_key_is_derived_again_and_lone_public_key_is_refused);
    RUN(secret_keys_readable_by_others_are_refused);
    RUN(malformed_or_missing_keys_are_refused);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", base);
    return check_summary();
}

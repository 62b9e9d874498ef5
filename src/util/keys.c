/* keys: the key directory outside the database (util/keys.h). Key files are written through a
 * temporary file and link(2), so a key appears whole or not at all and an existing key is never
 * replaced: replacing audit.key would orphan every checkpoint signed so far, replacing field.key
 * would make every sealed field unreadable. */
#include "util/keys.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char chosen_dir[KEYS_PATH_SIZE];

enum { KEY_FILE_MAX = 256 };

void keys_set_dir(const char *dir)
{
    if (!dir || !*dir || strlen(dir) >= sizeof chosen_dir)
        chosen_dir[0] = '\0';
    else
        memcpy(chosen_dir, dir, strlen(dir) + 1);
}

static bool copy_text(const char *s, char *out, size_t out_size)
{
    size_t n = strlen(s);
    if (n >= out_size)
        return false;
    memcpy(out, s, n + 1);
    return true;
}

/* "keys" beside the SQLite file: the directory part of its path, or the working directory. */
static bool dir_beside(const char *path, char *out, size_t out_size)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return copy_text("keys", out, out_size);
    int n = snprintf(out, out_size, "%.*s/keys", (int)(slash - path), path);
    return n > 0 && (size_t)n < out_size;
}

bool keys_dir_for(const char *db_url, char *out, size_t out_size)
{
    if (chosen_dir[0])
        return copy_text(chosen_dir, out, out_size);
    const char *env = getenv("SCHILD_KEYS");
    if (env && *env)
        return copy_text(env, out, out_size);
    if (db_url && strncmp(db_url, "sqlite:", 7) == 0 && db_url[7] != '\0')
        return dir_beside(db_url + 7, out, out_size);
    return copy_text("keys", out, out_size);
}

static bool key_path(const char *dir, const char *name, char *out, size_t out_size, char *err,
                     size_t err_size)
{
    int n = snprintf(out, out_size, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= out_size) {
        snprintf(err, err_size, "key directory path too long: %s", dir);
        return false;
    }
    return true;
}

/* mkdir -p, the last component 0700 (parents too: they are created only when missing). */
static bool make_dir(const char *dir, char *err, size_t err_size)
{
    char path[KEYS_PATH_SIZE];
    if (!copy_text(dir, path, sizeof path)) {
        snprintf(err, err_size, "key directory path too long");
        return false;
    }
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, 0700) != 0 && errno != EEXIST) {
            snprintf(err, err_size, "cannot create %s: %s", path, strerror(errno));
            return false;
        }
        *p = '/';
    }
    if (mkdir(path, 0700) != 0 && errno != EEXIST) {
        snprintf(err, err_size, "cannot create key directory %s: %s", dir, strerror(errno));
        return false;
    }
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(err, err_size, "key directory %s is not a directory", dir);
        return false;
    }
    return true;
}

static bool file_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

static bool write_all(int fd, const char *text, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, text, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        text += w;
        n -= (size_t)w;
    }
    return true;
}

/* Writes bytes as lowercase hex and a newline to dir/name with mode, never over an existing
 * file: a temporary file made whole first, then link(2), which fails when the name exists. */
static bool write_key_file(const char *dir, const char *name, const unsigned char *bytes, size_t n,
                           mode_t mode, char *err, size_t err_size)
{
    char path[KEYS_PATH_SIZE], tmp[KEYS_PATH_SIZE];
    if (!key_path(dir, name, path, sizeof path, err, err_size))
        return false;
    int len = snprintf(tmp, sizeof tmp, "%s.tmpXXXXXX", path);
    if (len < 0 || (size_t)len >= sizeof tmp) {
        snprintf(err, err_size, "key directory path too long: %s", dir);
        return false;
    }
    char hex[2 * KEYS_AUDIT_SECRET_BYTES + 2];
    sodium_bin2hex(hex, sizeof hex - 1, bytes, n);
    size_t hex_len = 2 * n;
    hex[hex_len] = '\n';
    int fd = mkstemp(tmp); /* 0600 */
    if (fd < 0) {
        snprintf(err, err_size, "cannot write in %s: %s", dir, strerror(errno));
        return false;
    }
    bool ok = fchmod(fd, mode) == 0 && write_all(fd, hex, hex_len + 1) && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    sodium_memzero(hex, sizeof hex);
    if (ok && link(tmp, path) != 0) {
        snprintf(err, err_size, "cannot create %s: %s", path, strerror(errno));
        unlink(tmp);
        return false;
    }
    unlink(tmp);
    if (!ok)
        snprintf(err, err_size, "cannot write %s", path);
    return ok;
}

static bool read_key_file(const char *path, bool secret, unsigned char *out, size_t n, char *err,
                          size_t err_size);

static bool create_audit_pair(const char *dir, char *err, size_t err_size)
{
    char key_file[KEYS_PATH_SIZE], pub_file[KEYS_PATH_SIZE];
    if (!key_path(dir, "audit.key", key_file, sizeof key_file, err, err_size) ||
        !key_path(dir, "audit.pub", pub_file, sizeof pub_file, err, err_size))
        return false;
    bool have_key = file_exists(key_file), have_pub = file_exists(pub_file);
    if (have_key && have_pub)
        return true;
    if (have_pub) {
        /* A public key without its secret key: making a new pair would leave audit.pub naming
         * a key that signs nothing, so refuse and let a person decide. */
        snprintf(err, err_size, "%s exists without audit.key; not creating a new pair", pub_file);
        return false;
    }
    unsigned char pk[KEYS_AUDIT_PUBLIC_BYTES], sk[KEYS_AUDIT_SECRET_BYTES];
    bool ok;
    if (have_key) { /* the public key is lost: derive it again from the secret key */
        ok = read_key_file(key_file, true, sk, sizeof sk, err, err_size);
        if (ok)
            crypto_sign_ed25519_sk_to_pk(pk, sk);
    } else {
        ok = crypto_sign_keypair(pk, sk) == 0 &&
             write_key_file(dir, "audit.key", sk, sizeof sk, 0600, err, err_size);
    }
    sodium_memzero(sk, sizeof sk);
    return ok && write_key_file(dir, "audit.pub", pk, sizeof pk, 0644, err, err_size);
}

static bool create_field_key(const char *dir, char *err, size_t err_size)
{
    char path[KEYS_PATH_SIZE];
    if (!key_path(dir, "field.key", path, sizeof path, err, err_size))
        return false;
    if (file_exists(path))
        return true;
    unsigned char key[KEYS_FIELD_BYTES];
    randombytes_buf(key, sizeof key);
    bool ok = write_key_file(dir, "field.key", key, sizeof key, 0600, err, err_size);
    sodium_memzero(key, sizeof key);
    return ok;
}

bool keys_create(const char *dir, char *err, size_t err_size)
{
    if (sodium_init() < 0) {
        snprintf(err, err_size, "libsodium could not be initialised");
        return false;
    }
    return make_dir(dir, err, err_size) && create_audit_pair(dir, err, err_size) &&
           create_field_key(dir, err, err_size);
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Exactly 2n hex digits, then at most one newline (with an optional carriage return). */
static bool parse_hex(const char *text, size_t len, unsigned char *out, size_t n)
{
    if (len >= 1 && text[len - 1] == '\n')
        len--;
    if (len >= 1 && text[len - 1] == '\r')
        len--;
    if (len != 2 * n)
        return false;
    for (size_t i = 0; i < n; i++) {
        int hi = hex_digit(text[2 * i]), lo = hex_digit(text[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[i] = (unsigned char)(hi << 4 | lo);
    }
    return true;
}

/* Reads a key file of n bytes; a secret one must not be readable or writable by group/others. */
static bool read_key_file(const char *path, bool secret, unsigned char *out, size_t n, char *err,
                          size_t err_size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        snprintf(err, err_size, "cannot read %s: %s", path, strerror(errno));
        return false;
    }
    struct stat st;
    char text[KEY_FILE_MAX + 1];
    ssize_t len = -1;
    bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    if (!ok)
        snprintf(err, err_size, "%s is not a regular file", path);
    else if (secret && (st.st_mode & 077)) {
        snprintf(err, err_size, "%s is accessible to group or others (mode %03o); chmod 600 it",
                 path, (unsigned)(st.st_mode & 0777));
        ok = false;
    } else if ((len = read(fd, text, KEY_FILE_MAX)) < 0 || len >= KEY_FILE_MAX ||
               !parse_hex(text, (size_t)len, out, n)) {
        snprintf(err, err_size, "%s does not hold a key of %zu bytes in hex", path, n);
        ok = false;
    }
    close(fd);
    sodium_memzero(text, sizeof text);
    return ok;
}

bool keys_load_audit(const char *dir, unsigned char pk[KEYS_AUDIT_PUBLIC_BYTES],
                     unsigned char sk[KEYS_AUDIT_SECRET_BYTES], char *err, size_t err_size)
{
    char key_file[KEYS_PATH_SIZE], pub_file[KEYS_PATH_SIZE];
    if (!key_path(dir, "audit.key", key_file, sizeof key_file, err, err_size) ||
        !key_path(dir, "audit.pub", pub_file, sizeof pub_file, err, err_size) ||
        !read_key_file(key_file, true, sk, KEYS_AUDIT_SECRET_BYTES, err, err_size))
        return false;
    unsigned char derived[KEYS_AUDIT_PUBLIC_BYTES];
    crypto_sign_ed25519_sk_to_pk(derived, sk);
    if (!keys_load_public(pub_file, pk, err, err_size))
        return false;
    if (sodium_memcmp(derived, pk, sizeof derived) != 0) {
        snprintf(err, err_size, "%s does not belong to %s", pub_file, key_file);
        return false;
    }
    return true;
}

bool keys_load_field(const char *dir, unsigned char key[KEYS_FIELD_BYTES], char *err,
                     size_t err_size)
{
    char path[KEYS_PATH_SIZE];
    return key_path(dir, "field.key", path, sizeof path, err, err_size) &&
           read_key_file(path, true, key, KEYS_FIELD_BYTES, err, err_size);
}

bool keys_load_public(const char *path, unsigned char pk[KEYS_AUDIT_PUBLIC_BYTES], char *err,
                      size_t err_size)
{
    return read_key_file(path, false, pk, KEYS_AUDIT_PUBLIC_BYTES, err, err_size);
}

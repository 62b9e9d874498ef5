/* harden: no new privileges, an unprivileged user, no capabilities, a seccomp allow-list (see
 * harden.h; the allow-list and why each group is on it: docs/SECURITY.md, Process hardening). */
#include "util/harden.h"

#include <cap-ng.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <sched.h>
#include <seccomp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef SCHILD_SANITIZED
#if defined(__SANITIZE_ADDRESS__)
#define SCHILD_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SCHILD_SANITIZED 1
#endif
#endif
#endif

__attribute__((format(printf, 3, 4))) static bool fail(char *err, size_t err_size, const char *fmt,
                                                       ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, err_size, fmt, ap);
    va_end(ap);
    return false;
}

void harden_early(void)
{
    /* Both are per thread and inherited by the threads created after this. Failing here is not
     * fatal: harden_apply sets no-new-privileges again (and TSYNC spreads it), and without
     * CAP_SETPCAP (not root) there is nothing in the bounding set we could use anyway. */
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    if (geteuid() != 0)
        return;
    /* Up to the kernel's last capability, which may be newer than our headers. */
    for (int cap = 0; prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0; cap++)
        prctl(PR_CAPBSET_DROP, cap, 0, 0, 0);
}

/* ---- the user ---------------------------------------------------------------------------- */

const char *harden_target_user(const harden_options *o)
{
    if (o->user)
        return o->user;
    return getpwnam("schild") ? "schild" : "nobody";
}

/* After the switch: the database file (and its WAL and shared-memory files, when they exist)
 * must be readable and writable, its directory writable (SQLite creates and removes the WAL
 * there), or every new connection would fail later, one request at a time. access() asks with
 * the real user, which is now the target. */
static bool database_reachable(const char *path, const char *user, char *err, size_t err_size)
{
    if (!path)
        return true;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    if (access(dir, W_OK | X_OK) != 0)
        return fail(err, err_size,
                    "the database directory %s is not writable by user %s: give the data "
                    "directory to that user (chown -R %s: %s) or choose another with --user",
                    dir, user, user, dir);
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        char file[4200];
        snprintf(file, sizeof file, "%s%s", path, suffixes[i]);
        if (i > 0 && access(file, F_OK) != 0)
            continue;
        if (access(file, R_OK | W_OK) != 0)
            return fail(err, err_size,
                        "the database file %s is not readable and writable by user %s: give "
                        "the data directory to that user (chown -R %s: %s)",
                        file, user, user, dir);
    }
    return true;
}

static bool switch_user(const harden_options *o, char *err, size_t err_size)
{
    const char *name = harden_target_user(o);
    errno = 0;
    struct passwd *pw = getpwnam(name);
    if (!pw)
        return fail(err, err_size, "started as root, but user %s does not exist (--user NAME)",
                    name);
    if (pw->pw_uid == 0)
        return fail(err, err_size, "--user %s is root: choose an unprivileged user", name);
    uid_t uid = pw->pw_uid;
    gid_t gid = pw->pw_gid;
    /* Groups first, the user last: after setuid we could no longer change groups. glibc applies
     * each call to every thread of the process. */
    if (setgroups(1, &gid) != 0 || setgid(gid) != 0 || setuid(uid) != 0)
        return fail(err, err_size, "cannot switch to user %s: %s", name, strerror(errno));
    if (getuid() != uid || geteuid() != uid || getgid() != gid || getegid() != gid ||
        setuid(0) == 0)
        return fail(err, err_size, "switching to user %s did not take effect", name);
    return database_reachable(o->sqlite_path, name, err, err_size);
}

/* ---- capabilities ------------------------------------------------------------------------ */

static bool drop_capabilities(char *err, size_t err_size)
{
    /* After a switch away from root the kernel has already cleared the permitted and effective
     * sets of every thread; this also covers a start as a non-root user that was given
     * capabilities (file capabilities, ambient ones from a service manager). */
    capng_get_caps_process();
    if (capng_have_capabilities(CAPNG_SELECT_CAPS) != CAPNG_NONE) {
        /* Only when there is something to drop: a service manager may refuse capset itself
         * (systemd's SystemCallFilter=~@privileged, dist/schild.service). */
        capng_clear(CAPNG_SELECT_BOTH);
        if (capng_apply(CAPNG_SELECT_CAPS) != 0)
            return fail(err, err_size, "cannot drop capabilities");
    }
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL)
        return fail(err, err_size, "cannot clear ambient capabilities: %s", strerror(errno));
    if (capng_have_capabilities(CAPNG_SELECT_CAPS) != CAPNG_NONE)
        return fail(err, err_size, "capabilities remain after dropping them");
    return true;
}

/* ---- seccomp ----------------------------------------------------------------------------- */

/* What serving makes, found by running every API, stress and browser test on both backends
 * under `strace -f -c` (docs/SECURITY.md lists the groups). Names the architecture lacks are
 * skipped. */
static const char *const allowed[] = {
    /* files: SQLite (database, WAL, shared memory, journal, temporary files), reading /etc for
     * libpq's name lookups */
    "read",
    "write",
    "readv",
    "writev",
    "pread64",
    "pwrite64",
    "preadv",
    "pwritev",
    "lseek",
    "openat",
    "open",
    "close",
    "fstat",
    "newfstatat",
    "stat",
    "lstat",
    "statx",
    "fcntl",
    "flock",
    "fsync",
    "fdatasync",
    "ftruncate",
    "fallocate",
    "unlink",
    "unlinkat",
    "access",
    "faccessat",
    "faccessat2",
    "readlink",
    "readlinkat",
    "getcwd",
    "ioctl",
    "getdents64", /* libpq's GSSAPI library lists /etc/gss/mech.d when it connects */
    /* memory: malloc, thread stacks, SQLite's shared memory map, sanitizer shadow */
    "mmap",
    "munmap",
    "mprotect",
    "madvise",
    "brk",
    "mremap",
    /* network: accepting and answering (libmicrohttpd), PostgreSQL connections (libpq) */
    "accept4",
    "accept",
    "recvfrom",
    "recvmsg",
    "sendto",
    "sendmsg",
    "recv",
    "send",
    "shutdown",
    "connect",
    "getsockopt",
    "setsockopt",
    "getsockname",
    "getpeername",
    "poll",
    "ppoll",
    "select",
    "pselect6",
    "epoll_wait",
    "epoll_pwait",
    "epoll_ctl",
    /* threads, time, signals (sigwait for SIGTERM), randomness (libsodium, TLS) */
    "futex",
    "clock_gettime",
    "gettimeofday",
    "time",
    "clock_nanosleep",
    "nanosleep",
    "sched_yield",
    "sched_getaffinity",
    "getpid",
    "gettid",
    "getuid",
    "geteuid",
    "getgid",
    "getegid",
    "rt_sigprocmask",
    "rt_sigreturn",
    "rt_sigtimedwait",
    "rt_sigaction",
    "restart_syscall", /* a timed wait (the SQLite checkpointer's) interrupted by SIGTERM */
    "set_robust_list",
    "rseq",
    "getrandom",
    "exit",
    "exit_group",
    "uname",
    "prlimit64",
    "getrlimit",
    "sysinfo",
#ifdef SCHILD_SANITIZED
    /* the sanitizers: LeakSanitizer stops the threads at exit from a traced helper task
     * (clone without CLONE_THREAD, ptrace, wait4, prctl PR_SET_DUMPABLE/PR_SET_PTRACER) and
     * reads /proc/self/task; reports go through sigaltstack'd handlers */
    "ptrace",
    "wait4",
    "prctl",
    "getdents", /* LeakSanitizer lists /proc/self/task with the old call */
    "sigaltstack",
    "getppid",
    "kill",
    "tkill",
    "pipe",
    "pipe2",
    "dup",
    "dup2",
    "dup3",
    "personality",
    "arch_prctl",
#endif
};

static int add_rule(scmp_filter_ctx ctx, uint32_t action, const char *name, unsigned n,
                    const struct scmp_arg_cmp *args)
{
    int nr = seccomp_syscall_resolve_name(name);
    if (nr == __NR_SCMP_ERROR)
        return 0; /* not a system call on this architecture */
    return seccomp_rule_add_array(ctx, action, nr, n, args);
}

/* A condition on the first argument (libseccomp's SCMP_A0 leaves datum_b out for one-datum
 * comparisons, which clang refuses under -Wextra). */
static struct scmp_arg_cmp first_arg(enum scmp_compare op, scmp_datum_t a, scmp_datum_t b)
{
    return (struct scmp_arg_cmp){.arg = 0, .op = op, .datum_a = a, .datum_b = b};
}

static int add_narrow_rules(scmp_filter_ctx ctx)
{
    int rc = 0;
    /* New threads only (a later pthread_create): clone with CLONE_THREAD, never a new process.
     * clone3 passes its flags in memory the filter cannot read, so it answers ENOSYS and glibc
     * falls back to clone. */
    struct scmp_arg_cmp thread = first_arg(SCMP_CMP_MASKED_EQ, CLONE_THREAD, CLONE_THREAD);
    rc |= add_rule(ctx, SCMP_ACT_ALLOW, "clone", 1, &thread);
    rc |= add_rule(ctx, SCMP_ACT_ERRNO(ENOSYS), "clone3", 0, NULL);
    /* Sockets of the families serving uses (TCP for PostgreSQL, its Unix socket); netlink (name
     * lookups ask for interface addresses) is told no instead of killing the process. */
    static const int families[] = {AF_INET, AF_INET6, AF_UNIX};
    for (size_t i = 0; i < sizeof families / sizeof families[0]; i++) {
        struct scmp_arg_cmp family = first_arg(SCMP_CMP_EQ, (scmp_datum_t)families[i], 0);
        rc |= add_rule(ctx, SCMP_ACT_ALLOW, "socket", 1, &family);
    }
    struct scmp_arg_cmp netlink = first_arg(SCMP_CMP_EQ, AF_NETLINK, 0);
    rc |= add_rule(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), "socket", 1, &netlink);
    /* Threads naming themselves (prctl PR_SET_NAME, what pthread_setname_np does for the calling
     * thread): libmicrohttpd's workers do it as they start, which can be after the filter is in
     * place; killed for it, the server died right after start now and then under load (the
     * kernel's audit log showed prctl, syscall 157). Nothing else of prctl is allowed. */
#ifndef SCHILD_SANITIZED /* there the sanitizers need prctl whole (allowed above) */
    struct scmp_arg_cmp set_name = first_arg(SCMP_CMP_EQ, PR_SET_NAME, 0);
    rc |= add_rule(ctx, SCMP_ACT_ALLOW, "prctl", 1, &set_name);
#endif
    /* Signals to ourselves only (abort() after a failed assertion raises SIGABRT). */
    struct scmp_arg_cmp self = first_arg(SCMP_CMP_EQ, (scmp_datum_t)getpid(), 0);
    rc |= add_rule(ctx, SCMP_ACT_ALLOW, "tgkill", 1, &self);
#ifdef SCHILD_SANITIZED
    struct scmp_arg_cmp process = first_arg(SCMP_CMP_MASKED_EQ, CLONE_THREAD, 0);
    rc |= add_rule(ctx, SCMP_ACT_ALLOW, "clone", 1, &process);
#endif
    return rc;
}

static bool install_seccomp(char *err, size_t err_size)
{
    /* Kill the whole process, not one thread: a thread killed alone would leave the server
     * half alive (a worker gone, its connections hanging); the service manager restarts it. */
#ifdef SCHILD_SECCOMP_LOG
    /* A build to find what the allow-list lacks: such calls run and the kernel logs them
     * (dmesg: audit type=1326). Never for production. */
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_LOG);
#else
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_KILL_PROCESS);
#endif
    if (!ctx)
        return fail(err, err_size, "cannot create the seccomp filter");
    int rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1);
    rc |= seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 1);
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
        rc |= add_rule(ctx, SCMP_ACT_ALLOW, allowed[i], 0, NULL);
    rc |= add_narrow_rules(ctx);
    if (rc == 0)
        rc = seccomp_load(ctx);
    seccomp_release(ctx);
    if (rc != 0)
        return fail(err, err_size, "cannot install the seccomp filter: %s", strerror(-rc));
    return true;
}

bool harden_apply(const harden_options *o, char *err, size_t err_size)
{
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        return fail(err, err_size, "cannot set no-new-privileges: %s", strerror(errno));
    if (geteuid() == 0 || getuid() == 0) {
        if (!switch_user(o, err, err_size))
            return false;
    }
    if (!drop_capabilities(err, err_size))
        return false;
    return install_seccomp(err, err_size);
}

/* harden: what `schild serve` gives up once it is listening (docs/SECURITY.md, Process
 * hardening). A process that is taken over through a bug in request handling then cannot gain
 * privileges (no new privileges, no capabilities, not root), cannot start programs and cannot
 * make system calls that serving never makes (a seccomp allow-list; anything else kills the
 * process).
 *
 * Two steps, because capabilities' bounding set and "no new privileges" are per thread and only
 * inherited by threads created later: harden_early before the first thread is started, then
 * harden_apply once the socket is bound, the database open, the keys loaded and every thread
 * running. The seccomp filter is synchronised onto all threads (TSYNC) and changing the user
 * goes through glibc, which applies it to every thread. */
#ifndef SCHILD_HARDEN_H
#define SCHILD_HARDEN_H

#include <stdbool.h>
#include <stddef.h>

typedef struct harden_options {
    const char *user;        /* when started as root; NULL: "schild" if it exists, else "nobody" */
    const char *sqlite_path; /* the SQLite database file (NULL for PostgreSQL): checked to stay
                                readable and writable by that user */
} harden_options;

/* Before any thread exists: no new privileges; the capability bounding set emptied when we
 * hold CAP_SETPCAP (as root). The current capabilities stay, so binding and opening still
 * work. */
void harden_early(void);

/* No new privileges, root -> the unprivileged user (refused when the database would become
 * unreachable), no capabilities, the seccomp allow-list on every thread. False with the reason
 * in err: the caller must then stop, the process is half hardened. */
bool harden_apply(const harden_options *o, char *err, size_t err_size);

/* The user harden_apply switches to when started as root (o->user, else the default). */
const char *harden_target_user(const harden_options *o);

#endif

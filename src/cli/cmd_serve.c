/* cmd_serve: `schild serve` runs the HTTP server until SIGTERM, then drains in-flight requests,
 * commits the queued audit entries and closes the database. */
#include "cli/cli.h"

#include "api/api.h"
#include "audit/checkpointer.h"
#include "cli/retention.h"
#include "http/server.h"
#include "util/harden.h"
#include "util/log.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: schild serve --db URL [--listen HOST:PORT] [--threads N] [--secure-cookies]\n"
    "                    [--config FILE] [--demo]\n"
    "                    [--tls-cert FILE --tls-key FILE] [--user NAME] [--no-harden]\n"
    "  Serves the API and web UI (default 127.0.0.1:8080) until SIGTERM or SIGINT.\n"
    "  --tls-cert, --tls-key: PEM certificate (chain) and private key: HTTPS only, and\n"
    "                 session cookies are Secure.\n"
    "  Once listening the process is hardened (docs/SECURITY.md, Process hardening): no new\n"
    "  privileges, no capabilities, a seccomp allow-list, and when started as root it becomes\n"
    "  --user NAME (default: schild if that user exists, else nobody), which must be able to\n"
    "  write the database's directory. --no-harden: none of this (debugging only).\n"
    "  --config FILE: DAF settings as JSON (docs/DAF.md, Configuration), the \"decisions\"\n"
    "                 settings (docs/DECISIONS.md) and the \"security\" settings\n"
    "                 (docs/SECURITY.md).\n"
    "  --demo: demo mode: no role needs a second factor unless --config says so.\n";

static bool parse_listen(const char *s, server_config *c)
{
    const char *colon = strrchr(s, ':');
    if (!colon || colon == s || (size_t)(colon - s) >= sizeof c->listen_host)
        return false;
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end != '\0' || port < 0 || port > 65535 || colon[1] == '\0')
        return false;
    memcpy(c->listen_host, s, (size_t)(colon - s));
    c->listen_host[colon - s] = '\0';
    c->port = (uint16_t)port;
    return true;
}

/* The audit key pair signs the checkpoints (docs/AUDIT.md); without it the trail could not be
 * verified offline, so the server does not start. */
static bool load_audit_keys(const char *url, checkpoint_keys *keys)
{
    char err[512];
    if (checkpoint_keys_load(url, keys, err, sizeof err))
        return true;
    fprintf(stderr,
            "schild: cannot load the audit key pair: %s\n"
            "schild: run `schild init --db URL` to create the keys, or pass --keys DIR (or set "
            "SCHILD_KEYS) to name the key directory\n",
            err);
    return false;
}

int cmd_serve(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},       {"listen", required_argument, NULL, 'l'},
        {"threads", required_argument, NULL, 't'},  {"secure-cookies", no_argument, NULL, 's'},
        {"config", required_argument, NULL, 'c'},   {"demo", no_argument, NULL, 'D'},
        {"tls-cert", required_argument, NULL, 'C'}, {"tls-key", required_argument, NULL, 'K'},
        {"user", required_argument, NULL, 'u'},     {"no-harden", no_argument, NULL, 'H'},
        {"help", no_argument, NULL, 'h'},           {NULL, 0, NULL, 0}};
    app a;
    memset(&a, 0, sizeof a);
    server_config_defaults(&a.config);
    daf_config_defaults(&a.daf);
    decision_config_defaults(&a.decisions);
    const char *url = NULL, *config = NULL;
    bool demo = false;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            url = optarg;
            break;
        case 'l':
            if (!parse_listen(optarg, &a.config))
                return fputs("schild: --listen must be HOST:PORT (IPv4)\n", stderr), 2;
            break;
        case 't':
            a.config.threads = (unsigned)atoi(optarg);
            if (a.config.threads < 1 || a.config.threads > 256)
                return fputs("schild: --threads must be 1..256\n", stderr), 2;
            break;
        case 's':
            a.config.secure_cookies = true;
            break;
        case 'c':
            config = optarg;
            break;
        case 'D':
            demo = true;
            break;
        case 'C':
            a.config.tls_cert_file = optarg;
            break;
        case 'K':
            a.config.tls_key_file = optarg;
            break;
        case 'u':
            a.config.run_user = optarg;
            break;
        case 'H':
            a.config.harden = false;
            break;
        case 'h':
            return fputs(usage, stdout), 0;
        default:
            return fputs(usage, stderr), 2;
        }
    }
    /* The security defaults depend on demo mode; the file may override them. */
    security_config_defaults(&a.security, demo);
    if (config && !cli_load_config(config, &a.daf, &a.decisions, &a.security))
        return 2;
    /* Behind our own TLS the session cookie is Secure without being asked. */
    if (a.config.tls_cert_file)
        a.config.secure_cookies = true;
    /* Before the first thread (the database's checkpointer, the audit writer): what is per
     * thread must be set while there is one. */
    if (a.config.harden)
        harden_early();
    if (url && strncmp(url, "sqlite:", 7) == 0)
        a.config.sqlite_path = url + 7;
    a.db = cli_open_database(url);
    if (!a.db)
        return 1;
    if (cli_load_field_key(a.db, url, false) != 0)
        return storage_close(a.db), 1;
    checkpoint_keys keys;
    if (!load_audit_keys(url, &keys))
        return storage_close(a.db), 1;
    a.audit = audit_writer_start(a.db);
    if (!a.audit) {
        storage_close(a.db);
        return fputs("schild: cannot start the audit writer\n", stderr), 1;
    }
    checkpointer *checkpoints = checkpointer_start(a.db, &keys, a.security.checkpoint_seconds);
    checkpoint_keys_wipe(&keys);
    if (!checkpoints) {
        audit_writer_stop(a.audit);
        storage_close(a.db);
        return fputs("schild: cannot start the audit checkpointer\n", stderr), 1;
    }
    sem_init(&a.password_slots, 0, 2);
    a.sessions = session_cache_new();
    if (!a.sessions) {
        audit_writer_stop(a.audit);
        checkpointer_stop(checkpoints);
        storage_close(a.db);
        return fputs("schild: out of memory\n", stderr), 1;
    }
    a.routes = API_ROUTES;
    a.route_count = API_ROUTE_COUNT;
    /* The daily retention run (docs/SECURITY.md): shortly after start, then every 24 hours. */
    retention_daily *retention = retention_daily_start(a.db, &a.security);
    if (!retention)
        log_error("retention: the daily run could not start; run `schild retention run` daily");
    int rc = server_run(&a);
    retention_daily_stop(retention);
    audit_writer_stop(a.audit);
    /* After the writer drained: the final checkpoint covers the last entry. */
    if (!checkpointer_stop(checkpoints) && rc == 0)
        rc = 1;
    sem_destroy(&a.password_slots);
    session_cache_free(a.sessions);
    storage_close(a.db);
    if (rc == 0)
        log_info("stopped cleanly");
    return rc;
}

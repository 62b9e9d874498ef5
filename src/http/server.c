/* server: libmicrohttpd glue. The order of checks for every request is fixed here: framing and
 * size limits, then routing, then authentication and CSRF, then the handler. */
#include "http/server.h"

#include "http/assets.h"
#include "http/auth.h"
#include "http/reply.h"
#include "http/url.h"
#include "util/harden.h"
#include "util/log.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

enum {
    REQUEST_ARENA_CAP = 16 * 1024 * 1024,
    /* A body must arrive within this time however it trickles (the idle timeout alone lets a
     * client that sends a byte every few seconds hold a connection forever). */
    BODY_DEADLINE_MS = 30 * 1000,
};

void server_config_defaults(server_config *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->listen_host, sizeof c->listen_host, "127.0.0.1");
    c->port = 8080;
    c->threads = 8; /* reads wait for the audit commit suspended, not in a thread */
    c->connection_limit = 1000;
    c->timeout_seconds = 15;
    c->body_limit = 64 * 1024;
    c->header_limit = 32 * 1024;
    c->session_idle_seconds = 30 * 60;
    c->session_max_seconds = 12 * 60 * 60;
    c->harden = true;
}

static request *request_new(app *a, struct MHD_Connection *conn, const char *url,
                            const char *method)
{
    request *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    arena_init(&r->arena, REQUEST_ARENA_CAP);
    r->app = a;
    r->conn = conn;
    r->method = arena_strdup(&r->arena, method);
    r->path = arena_strdup(&r->arena, url);
    r->now_ms = clock_now_ms();
    clock_rfc3339(r->now_ms, r->now);
    if (!r->method || !r->path) {
        arena_clear(&r->arena);
        free(r);
        return NULL;
    }
    return r;
}

static void request_free(request *r)
{
    if (r->audit_submitted)
        atomic_fetch_sub(&r->app->suspended, 1);
    if (r->response)
        MHD_destroy_response(r->response);
    free(r->body);
    memset(r->session_token, 0, sizeof r->session_token);
    arena_clear(&r->arena);
    free(r);
}

typedef struct framing {
    int content_length;
    int transfer_encoding;
    const char *length_value;
    const char *encoding_value;
    bool bad_name; /* a header name with whitespace in it (RFC 9112 5.1: must be refused) */
} framing;

static enum MHD_Result count_framing(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *value)
{
    (void)kind;
    framing *f = cls;
    if (key[strcspn(key, " \t")] != '\0')
        f->bad_name = true;
    if (strcasecmp(key, "Content-Length") == 0) {
        f->content_length++;
        f->length_value = value;
    } else if (strcasecmp(key, "Transfer-Encoding") == 0) {
        f->transfer_encoding++;
        f->encoding_value = value;
    }
    return MHD_YES;
}

/* Refuses ambiguous framing (request smuggling) and bodies announced over the limit before a
 * byte of body is read. */
static schild_err check_framing(request *r, const char **detail)
{
    framing f = {0};
    MHD_get_connection_values(r->conn, MHD_HEADER_KIND, count_framing, &f);
    if (f.bad_name) {
        /* "Transfer-Encoding : chunked" is a different header to us and the real one to a
         * proxy that trims: the classic smuggling gap. */
        *detail = "A header name contains whitespace.";
        return ERR_BAD_REQUEST;
    }
    if (f.transfer_encoding && strcasecmp(f.encoding_value, "chunked") != 0) {
        *detail = "The only Transfer-Encoding accepted is chunked.";
        return ERR_BAD_REQUEST;
    }
    if (f.content_length && f.transfer_encoding) {
        *detail = "Content-Length and Transfer-Encoding must not both be present.";
        return ERR_BAD_REQUEST;
    }
    if (f.content_length > 1 || f.transfer_encoding > 1) {
        *detail = "Framing headers must not repeat.";
        return ERR_BAD_REQUEST;
    }
    if (f.content_length) {
        const char *v = f.length_value;
        size_t n = strspn(v, "0123456789");
        if (n == 0 || v[n] != '\0' || n > 12) {
            *detail = "Content-Length is not a number.";
            return ERR_BAD_REQUEST;
        }
        if (strtoull(v, NULL, 10) > r->app->config.body_limit) {
            *detail = "The request body is larger than allowed.";
            return ERR_BODY_TOO_LARGE;
        }
    }
    return ERR_OK;
}

static bool is_write(const char *method)
{
    return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;
}

static void serve_asset(request *r)
{
    if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0) {
        reply_problem(r, ERR_METHOD_NOT_ALLOWED, NULL);
        reply_header(r, "Allow", "GET, HEAD");
        return;
    }
    const asset *as = assets_find(strcmp(r->path, "/") == 0 ? "/index.html" : r->path);
    if (!as || strncmp(as->path, "/api/", 5) == 0) {
        reply_problem(r, ERR_NOT_FOUND, NULL);
        return;
    }
    reply_static(r, 200, as->content_type, as->data, as->len);
}

static void dispatch(request *r)
{
    if (strncmp(r->path, "/api/", 5) != 0) {
        serve_asset(r);
        return;
    }
    const route *rt = NULL;
    char allow[64];
    switch (router_match(r->app->routes, r->app->route_count, r->method, r->path, &rt, &r->id,
                         allow, sizeof allow)) {
    case ROUTE_NONE:
        reply_problem(r, ERR_NOT_FOUND, NULL);
        return;
    case ROUTE_WRONG_METHOD:
        reply_problem(r, ERR_METHOD_NOT_ALLOWED, NULL);
        reply_header(r, "Allow", allow);
        return;
    case ROUTE_FOUND:
        break;
    }
    if (rt->auth & AUTH_REQUIRED) {
        schild_err err = auth_authenticate(r);
        if (err == ERR_OK && is_write(r->method))
            err = auth_check_csrf(r);
        if (err == ERR_OK && r->via_token && !(rt->auth & r->token_scopes)) {
            reply_problem(r, ERR_FORBIDDEN, "Not allowed with an API token.");
            return;
        }
        if (err != ERR_OK) {
            reply_problem(r, err, NULL);
            return;
        }
    }
    rt->handler(r);
    if (!r->response)
        reply_problem(r, ERR_INTERNAL, NULL);
}

static enum MHD_Result send_reply(request *r)
{
    if (!r->response)
        return MHD_NO;
    enum MHD_Result ok = MHD_queue_response(r->conn, r->status, r->response);
    MHD_destroy_response(r->response);
    r->response = NULL;
    return ok;
}

/* Runs on the audit writer's thread: the entry is durable (or failed); let the reply go. */
static void audit_done(void *ctx, schild_err result)
{
    request *r = ctx;
    r->audit_result = result;
    MHD_resume_connection(r->conn);
}

/* Suspends the connection and hands the request's audit entry to the writer; the reply leaves
 * when audit_done resumes us. Suspending first means the callback can never run before it. */
static enum MHD_Result send_after_audit(request *r)
{
    r->audit_submitted = true;
    atomic_fetch_add(&r->app->suspended, 1);
    MHD_suspend_connection(r->conn);
    if (audit_writer_submit(r->app->audit, &r->audit, audit_done, r) != ERR_OK) {
        r->audit_result = ERR_UNAVAILABLE;
        MHD_resume_connection(r->conn);
    }
    return MHD_YES;
}

/* Second call after the resume: disclose only what the trail now records. */
static enum MHD_Result send_audited(request *r)
{
    if (r->audit_result != ERR_OK)
        reply_problem(r, ERR_UNAVAILABLE, "The audit trail cannot be written; nothing disclosed.");
    return send_reply(r);
}

/* The gate: libmicrohttpd accepts as soon as it starts, but no request may be handled before
 * the process is hardened (harden_apply runs right after the start). Requests of that moment
 * wait here; if hardening fails they are dropped. One server per process. */
static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_changed = PTHREAD_COND_INITIALIZER;
static atomic_int gate_state; /* 0 closed, 1 open, -1 failed */

static void gate_set(int state)
{
    pthread_mutex_lock(&gate_lock);
    atomic_store(&gate_state, state);
    pthread_cond_broadcast(&gate_changed);
    pthread_mutex_unlock(&gate_lock);
}

static bool gate_pass(void)
{
    if (atomic_load(&gate_state) == 1)
        return true;
    pthread_mutex_lock(&gate_lock);
    while (atomic_load(&gate_state) == 0)
        pthread_cond_wait(&gate_changed, &gate_lock);
    pthread_mutex_unlock(&gate_lock);
    return atomic_load(&gate_state) == 1;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
    (void)version;
    app *a = cls;
    request *r = *con_cls;
    if (!r) {
        if (!gate_pass())
            return MHD_NO;
        r = request_new(a, conn, url, method);
        if (!r)
            return MHD_NO;
        *con_cls = r;
        const char *detail = NULL;
        schild_err err = check_framing(r, &detail);
        if (err != ERR_OK) {
            reply_problem(r, err, detail);
            reply_header(r, "Connection", "close");
            return send_reply(r);
        }
        return MHD_YES;
    }
    if (r->audit_submitted)
        return send_audited(r);
    if (*upload_size) {
        size_t n = *upload_size;
        if (clock_now_ms() - r->now_ms > BODY_DEADLINE_MS)
            return MHD_NO; /* too slow: drop the connection */
        if (r->body_len + n > a->config.body_limit || r->body_discarded) {
            /* A chunked body past the limit: read and drop a bounded amount more so that the
             * client gets a 413, then give up on the connection. */
            r->body_discarded += n;
            *upload_size = 0;
            return r->body_discarded > 4 * a->config.body_limit ? MHD_NO : MHD_YES;
        }
        if (r->body_len + n > r->body_cap) {
            size_t cap = r->body_cap ? r->body_cap : 1024;
            while (cap < r->body_len + n)
                cap *= 2;
            if (cap > a->config.body_limit)
                cap = a->config.body_limit;
            char *grown = realloc(r->body, cap);
            if (!grown)
                return MHD_NO;
            r->body = grown;
            r->body_cap = cap;
        }
        memcpy(r->body + r->body_len, upload, n);
        r->body_len += n;
        *upload_size = 0;
        return MHD_YES;
    }
    if (r->body_discarded)
        reply_problem(r, ERR_BODY_TOO_LARGE, "The request body is larger than allowed.");
    else
        dispatch(r);
    if (r->audit_pending && r->response)
        return send_after_audit(r);
    return send_reply(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)conn;
    (void)toe;
    request *r = *con_cls;
    if (r)
        request_free(r);
    *con_cls = NULL;
}

static size_t unescape(void *cls, struct MHD_Connection *conn, char *s)
{
    (void)cls;
    (void)conn;
    return url_unescape(s);
}

/* libmicrohttpd's own messages, passed through our logger (its format strings are its own). */
__attribute__((format(printf, 2, 0))) static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    msg[strcspn(msg, "\n")] = '\0';
    log_warn("http: %s", msg);
}

/* Stops accepting, then gives requests waiting for their audit entry up to 10 s to finish, so
 * that no connection is still suspended when the daemon stops. Answers the listening socket, to
 * be closed after MHD_stop_daemon: the worker threads take it out of their epoll sets after
 * quiescing returns, and closed earlier its number could go to a new connection first (found by
 * ThreadSanitizer). */
static MHD_socket drain(struct MHD_Daemon *d, app *a)
{
    MHD_socket listener = MHD_quiesce_daemon(d);
    for (int i = 0; i < 10000 && atomic_load(&a->suspended) > 0; i++) {
        struct timespec ms = {0, 1000000};
        nanosleep(&ms, NULL);
    }
    return listener;
}

/* ---- TLS: the certificate and key are read once, before anything is served ---------------- */

typedef struct tls_files {
    char *cert;
    char *key;
} tls_files;

enum { PEM_MAX_BYTES = 1024 * 1024 };

/* The whole file as a NUL-terminated string (what MHD_OPTION_HTTPS_MEM_* take), NULL with the
 * reason logged when it cannot be read or is not PEM with the expected label. */
static char *read_pem(const char *path, const char *what, const char *label)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        log_error("cannot read the TLS %s %s: %s", what, path, strerror(errno));
        return NULL;
    }
    char *buf = malloc(PEM_MAX_BYTES + 1);
    size_t n = buf ? fread(buf, 1, PEM_MAX_BYTES + 1, f) : 0;
    bool failed = ferror(f) != 0;
    fclose(f);
    if (!buf || failed || n == 0 || n > PEM_MAX_BYTES) {
        log_error("cannot read the TLS %s %s: %s", what, path,
                  !buf                ? "out of memory"
                  : n > PEM_MAX_BYTES ? "larger than 1 MiB"
                                      : "empty");
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    if (!strstr(buf, "-----BEGIN ") || !strstr(buf, label)) {
        log_error("the TLS %s %s is not PEM (expected a \"-----BEGIN ...%s\" block)", what, path,
                  label);
        explicit_bzero(buf, n);
        free(buf);
        return NULL;
    }
    return buf;
}

static void tls_free(tls_files *t)
{
    if (t->key)
        explicit_bzero(t->key, strlen(t->key));
    free(t->key);
    free(t->cert);
    t->key = t->cert = NULL;
}

/* Both files or neither; true when there is nothing to do or both were read. */
static bool tls_load(const server_config *c, tls_files *t)
{
    memset(t, 0, sizeof *t);
    if (!c->tls_cert_file && !c->tls_key_file)
        return true;
    if (!c->tls_cert_file || !c->tls_key_file) {
        log_error("--tls-cert and --tls-key go together: give both (HTTPS) or neither (HTTP)");
        return false;
    }
    if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
        log_error("this libmicrohttpd was built without TLS: --tls-cert cannot be used");
        return false;
    }
    t->cert = read_pem(c->tls_cert_file, "certificate", "CERTIFICATE-----");
    t->key = t->cert ? read_pem(c->tls_key_file, "key", "PRIVATE KEY-----") : NULL;
    if (!t->key) {
        tls_free(t);
        return false;
    }
    return true;
}

/* Once listening, with the database open and every thread started (util/harden.h). */
static bool harden_server(const server_config *c)
{
    harden_options o = {.user = c->run_user, .sqlite_path = c->sqlite_path};
    char err[512];
    bool root = geteuid() == 0;
    if (!harden_apply(&o, err, sizeof err)) {
        log_error("cannot harden the process: %s", err);
        return false;
    }
    log_info("hardened: %s%s, no new privileges, no capabilities, seccomp allow-list",
             root ? "running as user " : "running as the starting user",
             root ? harden_target_user(&o) : "");
    return true;
}

int server_run(app *a)
{
    const server_config *c = &a->config;
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(c->port);
    if (inet_pton(AF_INET, c->listen_host, &addr.sin_addr) != 1) {
        log_error("cannot listen on %s: not an IPv4 address", c->listen_host);
        return 1;
    }
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    tls_files tls;
    if (!tls_load(c, &tls))
        return 1;
    atomic_store(&gate_state, 0);
    struct MHD_OptionItem tls_options[] = {
        {tls.key ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, 0, tls.key},
        {MHD_OPTION_HTTPS_MEM_CERT, 0, tls.cert},
        {MHD_OPTION_END, 0, NULL},
    };
    unsigned tls_flag = tls.key ? MHD_USE_TLS : 0;

    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME | tls_flag,
        c->port, NULL, NULL, on_request, a,
        /* the logger must come first so that option errors reach it too */
        MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)c->threads, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)c->connection_limit, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)c->timeout_seconds,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)c->header_limit, MHD_OPTION_NOTIFY_COMPLETED,
        on_completed, a, MHD_OPTION_STRICT_FOR_CLIENT, (int)1, MHD_OPTION_LISTENING_ADDRESS_REUSE,
        (unsigned)1, MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_ARRAY, tls_options,
        MHD_OPTION_END);
    if (!d) {
        if (tls.key)
            log_error("cannot start HTTPS on %s:%u: is the port free, and are %s and %s a "
                      "certificate and its matching private key? (libmicrohttpd's reason above)",
                      c->listen_host, (unsigned)c->port, c->tls_cert_file, c->tls_key_file);
        else
            log_error("cannot listen on %s:%u", c->listen_host, (unsigned)c->port);
        tls_free(&tls);
        return 1;
    }
    if (c->harden && !harden_server(c)) {
        gate_set(-1);
        MHD_stop_daemon(d);
        tls_free(&tls);
        return 1;
    }
    gate_set(1);
    log_info("listening on %s://%s:%u", tls.key ? "https" : "http", c->listen_host,
             (unsigned)c->port);
    int sig = 0;
    sigwait(&stop, &sig);
    log_info("signal %d: stopping", sig);
    MHD_socket listener = drain(d, a);
    MHD_stop_daemon(d);
    if (listener != MHD_INVALID_SOCKET)
        close(listener);
    tls_free(&tls);
    return 0;
}

/* log: one line per event on stderr, with a level. Never pass secrets (passwords, tokens,
 * session cookies) or personal data to these functions. */
#ifndef SCHILD_LOG_H
#define SCHILD_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Silences info lines (CLI commands whose stdout is the product). */
void log_quiet(int quiet);

#endif

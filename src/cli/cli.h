/* cli: the subcommands of the one binary. Each returns the process exit status. */
#ifndef SCHILD_CLI_H
#define SCHILD_CLI_H

#include "core/daf_config.h"
#include "core/decision.h"
#include "core/security_config.h"
#include "storage/storage.h"

#include <stdio.h>

int cmd_init(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_token(int argc, char **argv);
int cmd_org(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_migrate_data(int argc, char **argv);
int cmd_signal(int argc, char **argv);
int cmd_retention(int argc, char **argv);
int cmd_routes(int argc, char **argv);

/* Verifies the audit trail of db; prints the verdict to out. 0 intact, 3 broken, 1 unreadable. */
int cli_verify_audit(storage *db, FILE *out);

/* Opens the database named by url and brings its schema up to date (seeding the organisation
 * register); prints why on failure and returns NULL. */
storage *cli_open_database(const char *url);

/* Seeds the register of partner organisations (idempotent). */
int cli_seed_orgs(storage *db);

/* Reads the DAF settings of docs/DAF.md (Configuration) from a JSON file of at most 1 MiB over
 * the values in cfg; says why and answers false when it cannot be read or is not valid. */
bool cli_load_daf_config(const char *path, daf_config *cfg);
/* As cli_load_daf_config, and the "decisions" settings of docs/DECISIONS.md and the "security"
 * settings of docs/SECURITY.md from the same file (decisions and security may be NULL). */
bool cli_load_config(const char *path, daf_config *daf, decision_config *decisions,
                     security_config *security);

/* Creates the key directory of util/keys.h for the database url (keys never overwritten) and
 * says where it is on out; 0, or 1 after saying why on stderr. */
int cli_create_keys(const char *url, FILE *out);

/* Loads the field key (util/keys.h) for the database url into db (storage_set_field_key), for
 * the commands that write or read signals. A key file that exists but cannot be read or is
 * malformed always fails; a missing one fails only when required, else the command runs on and
 * says that signals of the sealed compartments can be neither recorded nor read. 0, or 1 after
 * saying why on stderr. */
int cli_load_field_key(storage *db, const char *url, bool required);

/* Prints usage to stdout and returns 0 when argv asks for --help / -h. */
int cli_wants_help(int argc, char **argv);

#endif

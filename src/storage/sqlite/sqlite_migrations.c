/* sqlite_migrations: the numbered schema migrations, embedded in the binary. Each applied
 * migration's BLAKE2b checksum is recorded; a changed migration is refused rather than run, so a
 * database never silently drifts from the code that reads it. */
#include "storage/sqlite/sqlite_internal.h"

#include "core/audit_chain.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

typedef struct migration {
    int version;
    const char *name;
    const char *sql;
} migration;

static const migration migrations[] = {
    {1, "foundation",
     "CREATE TABLE orgs (\n"
     "  code TEXT PRIMARY KEY,\n"
     "  name TEXT NOT NULL,\n"
     "  kind TEXT NOT NULL,\n"
     "  district TEXT NOT NULL DEFAULT ''\n"
     ") STRICT;\n"
     "CREATE TABLE users (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  username TEXT NOT NULL UNIQUE,\n"
     "  display_name TEXT NOT NULL,\n"
     "  role TEXT NOT NULL,\n"
     "  org TEXT NOT NULL REFERENCES orgs(code),\n"
     "  password_hash TEXT NOT NULL,\n"
     "  active INTEGER NOT NULL DEFAULT 1,\n"
     "  created_at TEXT NOT NULL,\n"
     "  version INTEGER NOT NULL DEFAULT 1\n"
     ") STRICT;\n"
     "CREATE TABLE login_throttle (\n"
     "  username TEXT PRIMARY KEY,\n"
     "  failures INTEGER NOT NULL,\n"
     "  window_start INTEGER NOT NULL,\n"
     "  locked_until INTEGER NOT NULL\n"
     ") STRICT;\n"
     "CREATE TABLE sessions (\n"
     "  token_hash BLOB PRIMARY KEY,\n"
     "  user_id INTEGER NOT NULL REFERENCES users(id),\n"
     "  created_at INTEGER NOT NULL,\n"
     "  last_seen INTEGER NOT NULL,\n"
     "  expires_at INTEGER NOT NULL\n"
     ") STRICT;\n"
     "CREATE TABLE persons (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  given_names TEXT NOT NULL,\n"
     "  surname_prefix TEXT NOT NULL DEFAULT '',\n"
     "  surname TEXT NOT NULL,\n"
     "  date_of_birth TEXT NOT NULL,\n"
     "  function TEXT NOT NULL DEFAULT '',\n"
     "  created_at TEXT NOT NULL,\n"
     "  version INTEGER NOT NULL DEFAULT 1\n"
     ") STRICT;\n"
     "CREATE TABLE cases (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  reference TEXT UNIQUE,\n"
     "  status TEXT NOT NULL CHECK (status IN "
     "('referred','assessment','decision','protection','closed')),\n"
     "  domain TEXT CHECK (domain IN ('national','local')),\n"
     "  authority_org TEXT REFERENCES orgs(code),\n"
     "  summary TEXT NOT NULL,\n"
     "  phenomenon TEXT NOT NULL,\n"
     "  urgent INTEGER NOT NULL,\n"
     "  source_details TEXT NOT NULL DEFAULT '',\n"
     "  referring_org TEXT NOT NULL REFERENCES orgs(code),\n"
     "  referred_by INTEGER NOT NULL REFERENCES users(id),\n"
     "  awaiting_information INTEGER NOT NULL DEFAULT 0,\n"
     "  information_request TEXT,\n"
     "  triage_outcome TEXT,\n"
     "  triage_district TEXT,\n"
     "  triage_reasoning TEXT,\n"
     "  triage_at TEXT,\n"
     "  triage_by INTEGER REFERENCES users(id),\n"
     "  created_at TEXT NOT NULL,\n"
     "  updated_at TEXT NOT NULL,\n"
     "  version INTEGER NOT NULL DEFAULT 1\n"
     ") STRICT;\n"
     "CREATE INDEX cases_status ON cases(status, urgent, created_at);\n"
     "CREATE TABLE case_persons (\n"
     "  case_id INTEGER NOT NULL REFERENCES cases(id),\n"
     "  person_id INTEGER NOT NULL REFERENCES persons(id),\n"
     "  PRIMARY KEY (case_id, person_id)\n"
     ") STRICT, WITHOUT ROWID;\n"
     "CREATE INDEX case_persons_person ON case_persons(person_id);\n"
     "CREATE TABLE case_team (\n"
     "  case_id INTEGER NOT NULL REFERENCES cases(id),\n"
     "  org TEXT NOT NULL REFERENCES orgs(code),\n"
     "  user_id INTEGER NOT NULL DEFAULT 0,\n"
     "  membership TEXT NOT NULL,\n"
     "  PRIMARY KEY (case_id, org, user_id, membership)\n"
     ") STRICT, WITHOUT ROWID;\n"
     "CREATE INDEX case_team_org ON case_team(org, case_id);\n"
     "CREATE INDEX case_team_user ON case_team(user_id, case_id);\n"
     "CREATE TABLE case_events (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  case_id INTEGER NOT NULL REFERENCES cases(id),\n"
     "  at TEXT NOT NULL,\n"
     "  event TEXT NOT NULL,\n"
     "  actor_username TEXT NOT NULL,\n"
     "  actor_org TEXT NOT NULL,\n"
     "  text TEXT NOT NULL DEFAULT ''\n"
     ") STRICT;\n"
     "CREATE INDEX case_events_case ON case_events(case_id, id);\n"
     "CREATE TABLE audit_log (\n"
     "  seq INTEGER PRIMARY KEY,\n"
     "  at TEXT NOT NULL,\n"
     "  username TEXT NOT NULL,\n"
     "  org TEXT NOT NULL,\n"
     "  role TEXT NOT NULL,\n"
     "  action TEXT NOT NULL,\n"
     "  object_type TEXT NOT NULL,\n"
     "  object_id TEXT NOT NULL,\n"
     "  purpose TEXT NOT NULL,\n"
     "  outcome TEXT NOT NULL,\n"
     "  detail TEXT NOT NULL,\n"
     "  prev_hash TEXT NOT NULL,\n"
     "  hash TEXT NOT NULL\n"
     ") STRICT;\n"
     "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log\n"
     "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;\n"
     "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log\n"
     "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;\n"},
    /* The chain head kept apart from the trail, so that removing the newest entries is noticed
     * (signed checkpoints make this verifiable offline; this catches it online). */
    {2, "audit_head",
     "CREATE TABLE audit_head (\n"
     "  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
     "  seq INTEGER NOT NULL,\n"
     "  hash TEXT NOT NULL\n"
     ") STRICT;\n"
     "INSERT INTO audit_head(id, seq, hash)\n"
     "  SELECT 1, seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1;\n"
     "CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head WHEN NEW.seq <= OLD.seq\n"
     "BEGIN SELECT RAISE(ABORT, 'audit_head only moves forward'); END;\n"
     "CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head\n"
     "BEGIN SELECT RAISE(ABORT, 'audit_head is permanent'); END;\n"},
    /* Threat information and the threat analysis function (docs/DAF.md). */
    {3, "daf",
     "CREATE TABLE actors (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  kind TEXT NOT NULL CHECK (kind IN ('person','group','organisation')),\n"
     "  name TEXT NOT NULL,\n"
     "  description TEXT NOT NULL DEFAULT '',\n"
     "  created_by_org TEXT NOT NULL REFERENCES orgs(code),\n"
     "  created_at TEXT NOT NULL,\n"
     "  version INTEGER NOT NULL DEFAULT 1\n"
     ") STRICT;\n"
     "CREATE INDEX actors_name ON actors(name COLLATE NOCASE);\n"
     "CREATE TABLE signals (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  case_id INTEGER NOT NULL REFERENCES cases(id),\n"
     "  received_at TEXT NOT NULL,\n"
     "  source_org TEXT NOT NULL REFERENCES orgs(code),\n"
     "  source_grade TEXT NOT NULL CHECK (source_grade IN ('A','B','C','X')),\n"
     "  info_grade TEXT NOT NULL CHECK (info_grade IN ('1','2','3','4')),\n"
     "  handling TEXT NOT NULL CHECK (handling IN ('H0','H1','H2','H3')),\n"
     "  handling_note TEXT NOT NULL DEFAULT '',\n"
     "  compartment TEXT NOT NULL CHECK (compartment IN ('police','investigation',"
     "'crime_intel','informant','intelligence_service','open_source','protected_person')),\n"
     "  concrete INTEGER NOT NULL,\n"
     "  text TEXT NOT NULL,\n"
     "  recorded_by INTEGER NOT NULL REFERENCES users(id),\n"
     "  recorded_by_org TEXT NOT NULL REFERENCES orgs(code),\n"
     "  created_at TEXT NOT NULL,\n"
     "  version INTEGER NOT NULL DEFAULT 1\n"
     ") STRICT;\n"
     "CREATE INDEX signals_case ON signals(case_id, received_at, id);\n"
     "CREATE TABLE signal_subjects (\n"
     "  signal_id INTEGER NOT NULL REFERENCES signals(id),\n"
     "  kind TEXT NOT NULL CHECK (kind IN ('person','actor')),\n"
     "  subject_id INTEGER NOT NULL,\n"
     "  PRIMARY KEY (signal_id, kind, subject_id)\n"
     ") STRICT, WITHOUT ROWID;\n"
     "CREATE INDEX signal_subjects_subject ON signal_subjects(kind, subject_id);\n"
     "CREATE TABLE case_actors (\n"
     "  case_id INTEGER NOT NULL REFERENCES cases(id),\n"
     "  actor_id INTEGER NOT NULL REFERENCES actors(id),\n"
     "  PRIMARY KEY (case_id, actor_id)\n"
     ") STRICT, WITHOUT ROWID;\n"
     "CREATE INDEX case_actors_actor ON case_actors(actor_id, case_id);\n"
     "CREATE TABLE release_requests (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  signal_id INTEGER NOT NULL REFERENCES signals(id),\n"
     "  requested_by INTEGER NOT NULL REFERENCES users(id),\n"
     "  reason TEXT NOT NULL,\n"
     "  requested_at TEXT NOT NULL,\n"
     "  status TEXT NOT NULL CHECK (status IN ('pending','approved','refused')),\n"
     "  decided_by INTEGER REFERENCES users(id),\n"
     "  decision_note TEXT NOT NULL DEFAULT '',\n"
     "  decided_at TEXT,\n"
     "  version INTEGER NOT NULL DEFAULT 1\n"
     ") STRICT;\n"
     "CREATE INDEX release_requests_signal ON release_requests(signal_id, requested_by);\n"
     "CREATE INDEX release_requests_pending ON release_requests(status, signal_id);\n"
     "CREATE UNIQUE INDEX release_requests_one_pending ON release_requests(signal_id, "
     "requested_by) WHERE status = 'pending';\n"
     "CREATE TABLE notifications (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  case_id INTEGER NOT NULL REFERENCES cases(id),\n"
     "  actor_id INTEGER NOT NULL REFERENCES actors(id),\n"
     "  signal_id INTEGER NOT NULL REFERENCES signals(id),\n"
     "  created_at TEXT NOT NULL\n"
     ") STRICT;\n"
     "CREATE INDEX notifications_case ON notifications(case_id, id);\n"
     "CREATE TABLE gathering_orders (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('person','actor')),\n"
     "  subject_id INTEGER NOT NULL,\n"
     "  scope TEXT NOT NULL,\n"
     "  until TEXT NOT NULL,\n"
     "  reasoning TEXT NOT NULL,\n"
     "  recorded_by INTEGER NOT NULL REFERENCES users(id),\n"
     "  recorded_at TEXT NOT NULL\n"
     ") STRICT;\n"
     "CREATE INDEX gathering_orders_subject ON gathering_orders(subject_kind, subject_id, until);\n"
     "CREATE TABLE gathering_acts (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('person','actor')),\n"
     "  subject_id INTEGER NOT NULL,\n"
     "  method TEXT NOT NULL,\n"
     "  legal_basis TEXT NOT NULL,\n"
     "  duration_days INTEGER NOT NULL,\n"
     "  justification TEXT NOT NULL,\n"
     "  intrusion INTEGER NOT NULL,\n"
     "  order_id INTEGER REFERENCES gathering_orders(id),\n"
     "  recorded_by INTEGER NOT NULL REFERENCES users(id),\n"
     "  recorded_at TEXT NOT NULL,\n"
     "  recorded_on TEXT NOT NULL\n"
     ") STRICT;\n"
     "CREATE INDEX gathering_acts_subject ON gathering_acts(subject_kind, subject_id, "
     "recorded_on);\n"
     "CREATE TABLE assessments (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  case_id INTEGER NOT NULL REFERENCES cases(id),\n"
     "  product TEXT NOT NULL CHECK (product IN ('dreigingsmelding','IRD','DI','DA','RA')),\n"
     "  status TEXT NOT NULL CHECK (status IN "
     "('draft','submitted','final','rejected','superseded')),\n"
     "  seriousness INTEGER NOT NULL DEFAULT 0,\n"
     "  likelihood INTEGER NOT NULL DEFAULT 0,\n"
     "  intent INTEGER NOT NULL DEFAULT 0,\n"
     "  capability INTEGER NOT NULL DEFAULT 0,\n"
     "  threat_level INTEGER NOT NULL DEFAULT 0,\n"
     "  threat_level_derived INTEGER NOT NULL DEFAULT 0,\n"
     "  resistance_level INTEGER NOT NULL DEFAULT 0,\n"
     "  concreteness TEXT NOT NULL DEFAULT '',\n"
     "  reasoning TEXT NOT NULL,\n"
     "  vulnerabilities TEXT NOT NULL DEFAULT '',\n"
     "  content TEXT NOT NULL,\n"
     "  author_id INTEGER NOT NULL REFERENCES users(id),\n"
     "  created_at TEXT NOT NULL,\n"
     "  submitted_at TEXT,\n"
     "  reviewer_id INTEGER REFERENCES users(id),\n"
     "  review_comment TEXT NOT NULL DEFAULT '',\n"
     "  reviewed_at TEXT,\n"
     "  valid_until TEXT,\n"
     "  supersedes INTEGER REFERENCES assessments(id),\n"
     "  version INTEGER NOT NULL DEFAULT 1\n"
     ") STRICT;\n"
     "CREATE INDEX assessments_case ON assessments(case_id, status, id);\n"
     "CREATE INDEX assessments_status ON assessments(status, valid_until);\n"
     /* The search index (derived: rebuilt after an import, not copied). One document per signal,
      * case, person and actor. doc packs the document's day, object id and kind, so that newest
      * first is rowid order and a date range a rowid range. name and body hold the analysed
      * terms (stemmed Dutch, sqlite_fts.c) of the object's texts; acl the access tokens the query
      * narrows on (sqlite_search_index.c). search_fts indexes these three with a built-in
      * tokenizer, so that any sqlite3 shell can open it, and without positions (detail=none):
      * every query is words and tokens joined by AND, OR and NOT, and the snippets are cut
      * from the texts themselves. An access token always holds a ':', a term never does. */
     "CREATE TABLE search_docs (\n"
     "  doc INTEGER PRIMARY KEY,\n"
     "  kind INTEGER NOT NULL,\n"
     "  object_id INTEGER NOT NULL,\n"
     "  case_id INTEGER NOT NULL,\n"
     "  acl TEXT NOT NULL,\n"
     "  name TEXT NOT NULL DEFAULT '',\n"
     "  body TEXT NOT NULL DEFAULT ''\n"
     ") STRICT;\n"
     "CREATE UNIQUE INDEX search_docs_object ON search_docs(kind, object_id);\n"
     "CREATE VIRTUAL TABLE search_fts USING fts5(name, body, acl, content='search_docs',\n"
     "  content_rowid='doc', detail=none,\n"
     "  tokenize='unicode61 remove_diacritics 2 tokenchars '':-_''');\n"},
    /* Decisions, measures, objects and services (docs/DECISIONS.md, "Schema"). At most one
     * decision per case is in force: a partial unique index, so that two decisions taken at
     * once cannot both stand. */
    {4, "decisions",
     "ALTER TABLE persons ADD COLUMN employer_org TEXT NOT NULL DEFAULT '';\n"
     "ALTER TABLE cases ADD COLUMN subject TEXT NOT NULL DEFAULT 'persons'\n"
     "  CHECK (subject IN ('persons','object','service'));\n"
     "CREATE TABLE decisions (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  case_id INTEGER NOT NULL REFERENCES cases(id),\n"
     "  authority_org TEXT NOT NULL REFERENCES orgs(code),\n"
     "  decided_by INTEGER NOT NULL REFERENCES users(id),\n"
     "  decided_at TEXT NOT NULL,\n"
     "  status TEXT NOT NULL CHECK (status IN ('in_force','superseded','ended')),\n"
     "  basis TEXT NOT NULL CHECK (basis IN ('assessment','urgent','category_i')),\n"
     "  assessment_id INTEGER REFERENCES assessments(id),\n"
     "  threat_level INTEGER NOT NULL,\n"
     "  resistance_level INTEGER NOT NULL,\n"
     "  proposed_threat_level INTEGER NOT NULL DEFAULT 0,\n"
     "  proposed_resistance_level INTEGER NOT NULL DEFAULT 0,\n"
     "  deviation_reasoning TEXT NOT NULL DEFAULT '',\n"
     "  proportionality TEXT NOT NULL,\n"
     "  tbp_view TEXT NOT NULL DEFAULT '',\n"
     "  tbp_not_heard_reason TEXT NOT NULL DEFAULT '',\n"
     "  tbp_refusal TEXT NOT NULL DEFAULT '',\n"
     "  legal_basis TEXT NOT NULL,\n"
     "  review_date TEXT NOT NULL,\n"
     "  below_package_reason TEXT NOT NULL DEFAULT '',\n"
     "  confirm_by TEXT NOT NULL DEFAULT '',\n"
     "  contact_user_id INTEGER REFERENCES users(id),\n"
     "  supersedes INTEGER REFERENCES decisions(id),\n"
     "  version INTEGER NOT NULL DEFAULT 1\n"
     ") STRICT;\n"
     "CREATE INDEX decisions_case ON decisions(case_id, status, id);\n"
     "CREATE UNIQUE INDEX decisions_one_in_force ON decisions(case_id)\n"
     "  WHERE status = 'in_force';\n"
     "CREATE TABLE objects (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  kind TEXT NOT NULL CHECK (kind IN ('residence','office','embassy','court',\n"
     "                                     'government_building','other')),\n"
     "  name TEXT NOT NULL,\n"
     "  address TEXT NOT NULL,\n"
     "  municipality TEXT NOT NULL DEFAULT '',\n"
     "  district TEXT NOT NULL DEFAULT '',\n"
     "  national_list INTEGER NOT NULL DEFAULT 0,\n"
     "  person_id INTEGER REFERENCES persons(id),\n"
     "  case_id INTEGER NOT NULL REFERENCES cases(id),\n"
     "  created_at TEXT NOT NULL,\n"
     "  version INTEGER NOT NULL DEFAULT 1\n"
     ") STRICT;\n"
     "CREATE INDEX objects_case ON objects(case_id);\n"
     "CREATE TABLE services (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  name TEXT NOT NULL,\n"
     "  venue TEXT NOT NULL,\n"
     "  starts_on TEXT NOT NULL,\n"
     "  ends_on TEXT NOT NULL,\n"
     "  municipality TEXT NOT NULL DEFAULT '',\n"
     "  district TEXT NOT NULL DEFAULT '',\n"
     "  national_list INTEGER NOT NULL DEFAULT 0,\n"
     "  case_id INTEGER NOT NULL REFERENCES cases(id),\n"
     "  created_at TEXT NOT NULL,\n"
     "  version INTEGER NOT NULL DEFAULT 1\n"
     ") STRICT;\n"
     "CREATE INDEX services_case ON services(case_id);\n"
     "CREATE TABLE measures (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  decision_id INTEGER NOT NULL REFERENCES decisions(id),\n"
     "  case_id INTEGER NOT NULL REFERENCES cases(id),\n"
     "  type TEXT NOT NULL,\n"
     "  executor_org TEXT NOT NULL REFERENCES orgs(code),\n"
     "  object_id INTEGER REFERENCES objects(id),\n"
     "  start_on TEXT NOT NULL,\n"
     "  end_on TEXT NOT NULL DEFAULT '',\n"
     "  details TEXT NOT NULL DEFAULT '',\n"
     "  status TEXT NOT NULL CHECK (status IN ('planned','active','suspended','ended')),\n"
     "  planned_at TEXT NOT NULL,\n"
     "  activated_at TEXT,\n"
     "  suspended_at TEXT,\n"
     "  ended_at TEXT,\n"
     "  note TEXT NOT NULL DEFAULT '',\n"
     "  updated_by INTEGER NOT NULL REFERENCES users(id),\n"
     "  version INTEGER NOT NULL DEFAULT 1\n"
     ") STRICT;\n"
     "CREATE INDEX measures_case ON measures(case_id, id);\n"
     "CREATE INDEX measures_decision ON measures(decision_id, id);\n"
     "CREATE INDEX measures_executor ON measures(executor_org, status, start_on);\n"
     "CREATE TABLE aftercare (\n"
     "  case_id INTEGER PRIMARY KEY REFERENCES cases(id),\n"
     "  due_on TEXT NOT NULL,\n"
     "  created_at TEXT NOT NULL\n"
     ") STRICT;\n"
     "CREATE TABLE limitative_list (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  person_id INTEGER NOT NULL REFERENCES persons(id),\n"
     "  category INTEGER NOT NULL CHECK (category IN (1,2)),\n"
     "  until TEXT NOT NULL DEFAULT '',\n"
     "  reasoning TEXT NOT NULL,\n"
     "  added_by INTEGER NOT NULL REFERENCES users(id),\n"
     "  added_at TEXT NOT NULL\n"
     ") STRICT;\n"
     "CREATE INDEX limitative_person ON limitative_list(person_id);\n"},
    /* Break-glass (docs/OVERSIGHT.md): a grant is a case_team row that ends (expires_at, unix
     * seconds; 0 for every permanent member) plus its record for the privacy officer's review. */
    {5, "break_glass",
     "ALTER TABLE case_team ADD COLUMN expires_at INTEGER NOT NULL DEFAULT 0;\n"
     "CREATE TABLE break_glass (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  case_id INTEGER NOT NULL REFERENCES cases(id),\n"
     "  user_id INTEGER NOT NULL REFERENCES users(id),\n"
     "  reason TEXT NOT NULL,\n"
     "  started_at TEXT NOT NULL,\n"
     "  expires_at INTEGER NOT NULL,\n"
     "  review TEXT NOT NULL DEFAULT 'pending' CHECK (review IN "
     "('pending','justified','unjustified')),\n"
     "  review_note TEXT NOT NULL DEFAULT '',\n"
     "  reviewed_by INTEGER REFERENCES users(id),\n"
     "  reviewed_at TEXT,\n"
     "  version INTEGER NOT NULL DEFAULT 1\n"
     ") STRICT;\n"
     "CREATE INDEX break_glass_queue ON break_glass(review, id);\n"
     "CREATE INDEX break_glass_user ON break_glass(user_id, case_id, expires_at);\n"},
    /* Signed checkpoints over the audit chain (docs/AUDIT.md), append-only like the trail. One
     * per seq: servers that sign the same head keep the first. (Listed here, apart from the
     * other issue-7 migrations; versions are applied by number, not by position.) */
    {7, "audit_checkpoints",
     "CREATE TABLE audit_checkpoints (\n"
     "  seq INTEGER PRIMARY KEY,\n"
     "  hash TEXT NOT NULL,\n"
     "  signed_at TEXT NOT NULL,\n"
     "  public_key TEXT NOT NULL,\n"
     "  signature TEXT NOT NULL\n"
     ") STRICT;\n"
     "CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints\n"
     "BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;\n"
     "CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints\n"
     "BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;\n"},
    /* The second factor and API tokens (docs/SECURITY.md). totp_secret is sealed text
     * (util/seal.h); hashes are lowercase hex of BLAKE2b-256 (TEXT, so that backups and moves
     * between backends carry them like every other column). */
    {6, "second_factor_and_tokens",
     "ALTER TABLE users ADD COLUMN totp_secret TEXT;\n"
     "ALTER TABLE users ADD COLUMN totp_enabled INTEGER NOT NULL DEFAULT 0;\n"
     "ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;\n"
     "CREATE TABLE recovery_codes (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  user_id INTEGER NOT NULL REFERENCES users(id),\n"
     "  code_hash TEXT NOT NULL,\n"
     "  used_at INTEGER\n"
     ") STRICT;\n"
     "CREATE UNIQUE INDEX recovery_codes_user_hash ON recovery_codes(user_id, code_hash);\n"
     "CREATE TABLE api_tokens (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  user_id INTEGER NOT NULL REFERENCES users(id),\n"
     "  label TEXT NOT NULL DEFAULT '',\n"
     "  scopes TEXT NOT NULL,\n"
     "  token_hash TEXT NOT NULL UNIQUE,\n"
     "  created_at INTEGER NOT NULL,\n"
     "  expires_at INTEGER NOT NULL,\n"
     "  revoked_at INTEGER,\n"
     "  last_used_at INTEGER\n"
     ") STRICT;\n"},
    /* The oversight views (docs/OVERSIGHT.md) read the trail by object (who read this case or
     * person) and by action (disclosures, refused gathering); at ten million entries neither may
     * scan the table. */
    {9, "oversight_indexes",
     "CREATE INDEX audit_log_object ON audit_log(object_type, object_id, seq);\n"
     "CREATE INDEX audit_log_action ON audit_log(action, seq);\n"},
    /* Measured at ten million entries (docs/PERFORMANCE.md): the object index put a random leaf
     * of a ten-million-row B-tree into every audit commit, and the audited GET's p99 went from
     * about 30 ms to 200-250 ms. The access log by object now reads the window of the trail its
     * dates name (a primary-key range, sqlite_oversight.c): the privacy officer's query pays,
     * not every read. */
    {10, "audit_object_index_off", "DROP INDEX audit_log_object;\n"},
};

static void checksum_hex(const char *sql, char out[AUDIT_HASH_HEX])
{
    unsigned char h[AUDIT_HASH_BYTES];
    crypto_generichash(h, sizeof h, (const unsigned char *)sql, strlen(sql), NULL, 0);
    audit_hex(h, out);
}

static int exec(sqlite3 *db, const char *sql, char *err, size_t err_size)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        snprintf(err, err_size, "%s", msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
    }
    return rc;
}

/* The checksum recorded for a version, "" when not applied. */
static int applied_checksum(sqlite3 *db, int version, char out[AUDIT_HASH_HEX])
{
    sqlite3_stmt *st;
    out[0] = '\0';
    int rc = sqlite3_prepare_v2(db, "SELECT checksum FROM schema_migrations WHERE version = ?", -1,
                                &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_int(st, 1, version);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        snprintf(out, AUDIT_HASH_HEX, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int record_migration(sqlite3 *db, const migration *m, const char *sum)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db,
                                "INSERT INTO schema_migrations(version, name, checksum, "
                                "applied_at) VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ'))",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_int(st, 1, m->version);
    sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, sum, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static db_status apply_one(sqlite3 *db, const migration *m, char *err, size_t err_size)
{
    char sum[AUDIT_HASH_HEX], have[AUDIT_HASH_HEX];
    checksum_hex(m->sql, sum);
    if (exec(db, "BEGIN IMMEDIATE", err, err_size) != SQLITE_OK)
        return DB_HARD_ERROR;
    int rc = applied_checksum(db, m->version, have);
    if (rc == SQLITE_OK && have[0] != '\0') {
        exec(db, "ROLLBACK", err, err_size);
        if (strcmp(have, sum) != 0) {
            snprintf(err, err_size, "migration %d (%s) differs from the one applied (checksum)",
                     m->version, m->name);
            return DB_HARD_ERROR;
        }
        return DB_NONE;
    }
    if (rc != SQLITE_OK || exec(db, m->sql, err, err_size) != SQLITE_OK ||
        record_migration(db, m, sum) != SQLITE_OK ||
        exec(db, "COMMIT", err, err_size) != SQLITE_OK) {
        char ignored[8];
        if (err[0] == '\0')
            snprintf(err, err_size, "migration %d: %s", m->version, sqlite3_errmsg(db));
        exec(db, "ROLLBACK", ignored, sizeof ignored);
        return DB_HARD_ERROR;
    }
    return DB_ONE;
}

db_status sqlite_migrate(storage *s, char *err, size_t err_size)
{
    sqlite_conn *c = sqlite_conn_get(s);
    err[0] = '\0';
    if (!c) {
        snprintf(err, err_size, "cannot open the database");
        return DB_HARD_ERROR;
    }
    if (exec(c->db,
             "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
             "name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT",
             err, err_size) != SQLITE_OK)
        return DB_HARD_ERROR;
    int applied = 0;
    for (size_t i = 0; i < sizeof migrations / sizeof migrations[0]; i++) {
        db_status st = apply_one(c->db, &migrations[i], err, err_size);
        if (st < 0)
            return st;
        applied += st;
    }
    if (applied > 0 && sqlite_durable(s) < 0) {
        snprintf(err, err_size, "cannot flush the migrations to disk");
        return DB_HARD_ERROR;
    }
    return applied;
}

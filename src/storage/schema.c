/* schema: the copyable tables. Changing a migration that adds or renames a column means
 * changing the description here too; the round-trip tests fail otherwise. */
#include "storage/schema.h"

#define COLUMNS(array) array, sizeof array / sizeof array[0]

static const column_desc orgs[] = {
    {"code", COL_TEXT}, {"name", COL_TEXT}, {"kind", COL_TEXT}, {"district", COL_TEXT}};
static const column_desc users[] = {{"id", COL_INT},
                                    {"username", COL_TEXT},
                                    {"display_name", COL_TEXT},
                                    {"role", COL_TEXT},
                                    {"org", COL_TEXT},
                                    {"password_hash", COL_TEXT},
                                    {"active", COL_BOOL},
                                    {"created_at", COL_TEXT},
                                    {"version", COL_INT},
                                    /* the second factor (migration 6) */
                                    {"totp_secret", COL_TEXT},
                                    {"totp_enabled", COL_BOOL},
                                    {"totp_last_step", COL_INT}};
/* the second factor's recovery codes and API tokens (migration 6); hashes are hex text */
static const column_desc recovery_codes[] = {
    {"id", COL_INT}, {"user_id", COL_INT}, {"code_hash", COL_TEXT}, {"used_at", COL_INT}};
static const column_desc api_tokens[] = {
    {"id", COL_INT},         {"user_id", COL_INT},     {"label", COL_TEXT},
    {"scopes", COL_TEXT},    {"token_hash", COL_TEXT}, {"created_at", COL_INT},
    {"expires_at", COL_INT}, {"revoked_at", COL_INT},  {"last_used_at", COL_INT}};
static const column_desc login_throttle[] = {{"username", COL_TEXT},
                                             {"failures", COL_INT},
                                             {"window_start", COL_INT},
                                             {"locked_until", COL_INT}};
static const column_desc persons[] = {
    {"id", COL_INT},          {"given_names", COL_TEXT},   {"surname_prefix", COL_TEXT},
    {"surname", COL_TEXT},    {"date_of_birth", COL_TEXT}, {"function", COL_TEXT},
    {"created_at", COL_TEXT}, {"version", COL_INT},        {"employer_org", COL_TEXT}};
static const column_desc cases[] = {{"id", COL_INT},
                                    {"reference", COL_TEXT},
                                    {"status", COL_TEXT},
                                    {"domain", COL_TEXT},
                                    {"authority_org", COL_TEXT},
                                    {"summary", COL_TEXT},
                                    {"phenomenon", COL_TEXT},
                                    {"urgent", COL_BOOL},
                                    {"source_details", COL_TEXT},
                                    {"referring_org", COL_TEXT},
                                    {"referred_by", COL_INT},
                                    {"awaiting_information", COL_BOOL},
                                    {"information_request", COL_TEXT},
                                    {"triage_outcome", COL_TEXT},
                                    {"triage_district", COL_TEXT},
                                    {"triage_reasoning", COL_TEXT},
                                    {"triage_at", COL_TEXT},
                                    {"triage_by", COL_INT},
                                    {"created_at", COL_TEXT},
                                    {"updated_at", COL_TEXT},
                                    {"version", COL_INT},
                                    {"subject", COL_TEXT}};
static const column_desc case_persons[] = {{"case_id", COL_INT}, {"person_id", COL_INT}};
static const column_desc case_team[] = {{"case_id", COL_INT},
                                        {"org", COL_TEXT},
                                        {"user_id", COL_INT},
                                        {"membership", COL_TEXT},
                                        {"expires_at", COL_INT}};
static const column_desc case_events[] = {
    {"id", COL_INT},     {"case_id", COL_INT},         {"at", COL_TEXT},
    {"event", COL_TEXT}, {"actor_username", COL_TEXT}, {"actor_org", COL_TEXT},
    {"text", COL_TEXT}};
static const column_desc audit_log[] = {
    {"seq", COL_INT},          {"at", COL_TEXT},        {"username", COL_TEXT},
    {"org", COL_TEXT},         {"role", COL_TEXT},      {"action", COL_TEXT},
    {"object_type", COL_TEXT}, {"object_id", COL_TEXT}, {"purpose", COL_TEXT},
    {"outcome", COL_TEXT},     {"detail", COL_TEXT},    {"prev_hash", COL_TEXT},
    {"hash", COL_TEXT}};
static const column_desc audit_head[] = {{"id", COL_INT}, {"seq", COL_INT}, {"hash", COL_TEXT}};
static const column_desc audit_checkpoints[] = {{"seq", COL_INT},
                                                {"hash", COL_TEXT},
                                                {"signed_at", COL_TEXT},
                                                {"public_key", COL_TEXT},
                                                {"signature", COL_TEXT}};
static const column_desc actors[] = {
    {"id", COL_INT},           {"kind", COL_TEXT},           {"name", COL_TEXT},
    {"description", COL_TEXT}, {"created_by_org", COL_TEXT}, {"created_at", COL_TEXT},
    {"version", COL_INT}};
static const column_desc signals[] = {{"id", COL_INT},
                                      {"case_id", COL_INT},
                                      {"received_at", COL_TEXT},
                                      {"source_org", COL_TEXT},
                                      {"source_grade", COL_TEXT},
                                      {"info_grade", COL_TEXT},
                                      {"handling", COL_TEXT},
                                      {"handling_note", COL_TEXT},
                                      {"compartment", COL_TEXT},
                                      {"concrete", COL_BOOL},
                                      {"text", COL_TEXT},
                                      {"recorded_by", COL_INT},
                                      {"recorded_by_org", COL_TEXT},
                                      {"created_at", COL_TEXT},
                                      {"version", COL_INT}};
static const column_desc signal_subjects[] = {
    {"signal_id", COL_INT}, {"kind", COL_TEXT}, {"subject_id", COL_INT}};
static const column_desc case_actors[] = {{"case_id", COL_INT}, {"actor_id", COL_INT}};
static const column_desc release_requests[] = {
    {"id", COL_INT},         {"signal_id", COL_INT},      {"requested_by", COL_INT},
    {"reason", COL_TEXT},    {"requested_at", COL_TEXT},  {"status", COL_TEXT},
    {"decided_by", COL_INT}, {"decision_note", COL_TEXT}, {"decided_at", COL_TEXT},
    {"version", COL_INT}};
static const column_desc notifications[] = {{"id", COL_INT},
                                            {"case_id", COL_INT},
                                            {"actor_id", COL_INT},
                                            {"signal_id", COL_INT},
                                            {"created_at", COL_TEXT}};
static const column_desc gathering_orders[] = {{"id", COL_INT},          {"subject_kind", COL_TEXT},
                                               {"subject_id", COL_INT},  {"scope", COL_TEXT},
                                               {"until", COL_TEXT},      {"reasoning", COL_TEXT},
                                               {"recorded_by", COL_INT}, {"recorded_at", COL_TEXT}};
static const column_desc gathering_acts[] = {{"id", COL_INT},
                                             {"subject_kind", COL_TEXT},
                                             {"subject_id", COL_INT},
                                             {"method", COL_TEXT},
                                             {"legal_basis", COL_TEXT},
                                             {"duration_days", COL_INT},
                                             {"justification", COL_TEXT},
                                             {"intrusion", COL_INT},
                                             {"order_id", COL_INT},
                                             {"recorded_by", COL_INT},
                                             {"recorded_at", COL_TEXT},
                                             {"recorded_on", COL_TEXT}};
static const column_desc assessments[] = {{"id", COL_INT},
                                          {"case_id", COL_INT},
                                          {"product", COL_TEXT},
                                          {"status", COL_TEXT},
                                          {"seriousness", COL_INT},
                                          {"likelihood", COL_INT},
                                          {"intent", COL_INT},
                                          {"capability", COL_INT},
                                          {"threat_level", COL_INT},
                                          {"threat_level_derived", COL_BOOL},
                                          {"resistance_level", COL_INT},
                                          {"concreteness", COL_TEXT},
                                          {"reasoning", COL_TEXT},
                                          {"vulnerabilities", COL_TEXT},
                                          {"content", COL_TEXT},
                                          {"author_id", COL_INT},
                                          {"created_at", COL_TEXT},
                                          {"submitted_at", COL_TEXT},
                                          {"reviewer_id", COL_INT},
                                          {"review_comment", COL_TEXT},
                                          {"reviewed_at", COL_TEXT},
                                          {"valid_until", COL_TEXT},
                                          {"supersedes", COL_INT},
                                          {"version", COL_INT}};
/* decisions, measures, objects and services (migration 4) */
static const column_desc decisions[] = {{"id", COL_INT},
                                        {"case_id", COL_INT},
                                        {"authority_org", COL_TEXT},
                                        {"decided_by", COL_INT},
                                        {"decided_at", COL_TEXT},
                                        {"status", COL_TEXT},
                                        {"basis", COL_TEXT},
                                        {"assessment_id", COL_INT},
                                        {"threat_level", COL_INT},
                                        {"resistance_level", COL_INT},
                                        {"proposed_threat_level", COL_INT},
                                        {"proposed_resistance_level", COL_INT},
                                        {"deviation_reasoning", COL_TEXT},
                                        {"proportionality", COL_TEXT},
                                        {"tbp_view", COL_TEXT},
                                        {"tbp_not_heard_reason", COL_TEXT},
                                        {"tbp_refusal", COL_TEXT},
                                        {"legal_basis", COL_TEXT},
                                        {"review_date", COL_TEXT},
                                        {"below_package_reason", COL_TEXT},
                                        {"confirm_by", COL_TEXT},
                                        {"contact_user_id", COL_INT},
                                        {"supersedes", COL_INT},
                                        {"version", COL_INT}};
static const column_desc objects[] = {{"id", COL_INT},
                                      {"kind", COL_TEXT},
                                      {"name", COL_TEXT},
                                      {"address", COL_TEXT},
                                      {"municipality", COL_TEXT},
                                      {"district", COL_TEXT},
                                      {"national_list", COL_BOOL},
                                      {"person_id", COL_INT},
                                      {"case_id", COL_INT},
                                      {"created_at", COL_TEXT},
                                      {"version", COL_INT}};
static const column_desc services[] = {
    {"id", COL_INT},          {"name", COL_TEXT},          {"venue", COL_TEXT},
    {"starts_on", COL_TEXT},  {"ends_on", COL_TEXT},       {"municipality", COL_TEXT},
    {"district", COL_TEXT},   {"national_list", COL_BOOL}, {"case_id", COL_INT},
    {"created_at", COL_TEXT}, {"version", COL_INT}};
static const column_desc measures[] = {{"id", COL_INT},
                                       {"decision_id", COL_INT},
                                       {"case_id", COL_INT},
                                       {"type", COL_TEXT},
                                       {"executor_org", COL_TEXT},
                                       {"object_id", COL_INT},
                                       {"start_on", COL_TEXT},
                                       {"end_on", COL_TEXT},
                                       {"details", COL_TEXT},
                                       {"status", COL_TEXT},
                                       {"planned_at", COL_TEXT},
                                       {"activated_at", COL_TEXT},
                                       {"suspended_at", COL_TEXT},
                                       {"ended_at", COL_TEXT},
                                       {"note", COL_TEXT},
                                       {"updated_by", COL_INT},
                                       {"version", COL_INT}};
static const column_desc aftercare[] = {
    {"case_id", COL_INT}, {"due_on", COL_TEXT}, {"created_at", COL_TEXT}};
static const column_desc limitative_list[] = {
    {"id", COL_INT},         {"person_id", COL_INT}, {"category", COL_INT}, {"until", COL_TEXT},
    {"reasoning", COL_TEXT}, {"added_by", COL_INT},  {"added_at", COL_TEXT}};

static const column_desc break_glass[] = {
    {"id", COL_INT},           {"case_id", COL_INT},      {"user_id", COL_INT},
    {"reason", COL_TEXT},      {"started_at", COL_TEXT},  {"expires_at", COL_INT},
    {"review", COL_TEXT},      {"review_note", COL_TEXT}, {"reviewed_by", COL_INT},
    {"reviewed_at", COL_TEXT}, {"version", COL_INT}};

const table_desc SCHEMA_TABLES[] = {
    {"orgs", "code", COLUMNS(orgs), 1},
    {"users", "id", COLUMNS(users), 0},
    {"login_throttle", "username", COLUMNS(login_throttle), 0},
    {"recovery_codes", "id", COLUMNS(recovery_codes), 0},
    {"api_tokens", "id", COLUMNS(api_tokens), 0},
    {"persons", "id", COLUMNS(persons), 0},
    {"cases", "id", COLUMNS(cases), 0},
    {"case_persons", "case_id, person_id", COLUMNS(case_persons), 0},
    {"case_team", "case_id, org, user_id, membership", COLUMNS(case_team), 0},
    {"case_events", "id", COLUMNS(case_events), 0},
    {"audit_log", "seq", COLUMNS(audit_log), 0},
    {"audit_head", "id", COLUMNS(audit_head), 0},
    /* signed checkpoints over the audit chain (migration 7) */
    {"audit_checkpoints", "seq", COLUMNS(audit_checkpoints), 0},
    /* threat information (migration 3); the search index is derived, not copied */
    {"actors", "id", COLUMNS(actors), 0},
    {"signals", "id", COLUMNS(signals), 0},
    {"signal_subjects", "signal_id, kind, subject_id", COLUMNS(signal_subjects), 0},
    {"case_actors", "case_id, actor_id", COLUMNS(case_actors), 0},
    {"release_requests", "id", COLUMNS(release_requests), 0},
    {"notifications", "id", COLUMNS(notifications), 0},
    {"gathering_orders", "id", COLUMNS(gathering_orders), 0},
    {"gathering_acts", "id", COLUMNS(gathering_acts), 0},
    {"assessments", "id", COLUMNS(assessments), 0},
    /* decisions (migration 4): decisions refer to earlier decisions (supersedes), which come
     * first in id order; measures refer to decisions and objects */
    {"decisions", "id", COLUMNS(decisions), 0},
    {"objects", "id", COLUMNS(objects), 0},
    {"services", "id", COLUMNS(services), 0},
    {"measures", "id", COLUMNS(measures), 0},
    {"aftercare", "case_id", COLUMNS(aftercare), 0},
    {"limitative_list", "id", COLUMNS(limitative_list), 0},
    /* break-glass grants (migration 5); their team rows are in case_team */
    {"break_glass", "id", COLUMNS(break_glass), 0},
};

const size_t SCHEMA_TABLE_COUNT = sizeof SCHEMA_TABLES / sizeof SCHEMA_TABLES[0];

/* sqlite_daf_sql: the SQL of the threat-information statements, in one place as sqlite_backend.c
 * keeps the rest. Every value is a bound parameter; the only text assembled here is fixed. The
 * search index's access tokens are defined once (the *_ACL macros) and used both to index one
 * object and to rebuild the whole index, so the two can never disagree. */
#include "storage/sqlite/sqlite_internal.h"

#define SIGNAL_COLUMNS                                                                             \
    "s.id, s.case_id, c.reference, s.received_at, s.source_org, o.name, s.source_grade, "          \
    "s.info_grade, s.handling, s.handling_note, s.compartment, s.concrete, s.text, "               \
    "s.recorded_by, u.username, s.recorded_by_org, s.created_at, s.version"
#define SIGNAL_FROM                                                                                \
    " FROM signals s JOIN cases c ON c.id = s.case_id JOIN orgs o ON o.code = s.source_org "       \
    "JOIN users u ON u.id = s.recorded_by "
#define SUBJECT_COLUMNS                                                                            \
    "ss.signal_id, ss.kind, ss.subject_id, coalesce(p.given_names || CASE WHEN "                   \
    "p.surname_prefix <> '' THEN ' ' || p.surname_prefix ELSE '' END || ' ' || p.surname, "        \
    "a.name, '')"
#define SUBJECT_JOINS                                                                              \
    " LEFT JOIN persons p ON ss.kind = 'person' AND p.id = ss.subject_id "                         \
    "LEFT JOIN actors a ON ss.kind = 'actor' AND a.id = ss.subject_id "
#define RELEASE_COLUMNS                                                                            \
    "r.id, r.signal_id, s.case_id, s.source_org, r.requested_by, q.username, q.org, r.reason, "    \
    "r.requested_at, r.status, coalesce(r.decided_by, 0), d.username, r.decision_note, "           \
    "r.decided_at, r.version"
#define RELEASE_FROM                                                                               \
    " FROM release_requests r JOIN signals s ON s.id = r.signal_id "                               \
    "JOIN users q ON q.id = r.requested_by LEFT JOIN users d ON d.id = r.decided_by "
#define ACTOR_COLUMNS                                                                              \
    "a.id, a.kind, a.name, a.description, a.created_by_org, a.created_at, a.version"
#define GATHERING_COLUMNS                                                                          \
    "g.id, g.subject_kind, g.subject_id, g.method, g.legal_basis, g.duration_days, "               \
    "g.justification, g.intrusion, coalesce(g.order_id, 0), g.recorded_by, u.username, u.org, "    \
    "g.recorded_at, g.recorded_on"
#define ORDER_COLUMNS                                                                              \
    "g.id, g.subject_kind, g.subject_id, g.scope, g.until, g.reasoning, g.recorded_by, "           \
    "u.username, u.org, g.recorded_at"
#define ASSESSMENT_COLUMNS                                                                         \
    "x.id, x.case_id, c.reference, x.product, x.status, x.seriousness, x.likelihood, x.intent, "   \
    "x.capability, x.threat_level, x.threat_level_derived, x.resistance_level, x.concreteness, "   \
    "x.reasoning, x.vulnerabilities, x.content, x.author_id, au.username, au.org, x.created_at, "  \
    "x.submitted_at, coalesce(x.reviewer_id, 0), rv.username, x.review_comment, x.reviewed_at, "   \
    "x.valid_until, coalesce(x.supersedes, 0), x.version"
#define ASSESSMENT_FROM                                                                            \
    " FROM assessments x JOIN cases c ON c.id = x.case_id JOIN users au ON au.id = x.author_id "   \
    "LEFT JOIN users rv ON rv.id = x.reviewer_id "

/* Need-to-know for the queue: ?1 org, ?2 user id, ?3 whether referred cases are visible (the
 * triage scope), ?6 the viewer's now (break-glass members count until their end). The same rule
 * as case_list. */
#define QUEUE_VISIBLE                                                                              \
    "(EXISTS (SELECT 1 FROM case_team m WHERE m.case_id = c.id AND ((m.user_id = 0 AND "           \
    "m.org = ?1) OR (m.user_id <> 0 AND m.user_id = ?2)) AND (m.expires_at = 0 OR "                \
    "m.expires_at > ?6)) OR (?3 AND c.status = 'referred'))"
#define QUEUE_CASE "c.id, c.reference, c.urgent, c.phenomenon"

/* ---- search index documents ---- */

/* doc = day << 40 | object id << 2 | kind: newest first is rowid order, a date range a rowid
 * range. Days count from 1970-01-01; an unreadable date files the document under day 0. */
#define DOC_ID(day, id, kind)                                                                      \
    "((max(coalesce(CAST(julianday(substr(" day ", 1, 10)) - 2440587.5 AS INTEGER), 0), 0) << 40)" \
    " | ((" id ") << 2) | " kind ")"

/* The access tokens of one case: its team (o:ORG for an organisation, u:ID for a person) and
 * st:referred while it waits in intake, which the triage scope sees. */
#define TEAM_TOKENS(case_id, status)                                                               \
    "coalesce((SELECT group_concat(iif(m.user_id = 0, ' o:' || m.org, ' u:' || m.user_id), '') "   \
    "FROM case_team m WHERE m.case_id = " case_id "), '') || iif(" status                          \
    " = 'referred', ' st:referred', '')"

/* Per document: the case tokens, the kind (k:) of the documents that are not signals, the
 * facts that decide who reads a signal (c: compartment, s: source, h:2 for H2, r: users it is
 * released to) and the filters a search narrows on (g:, i: grades, p: phenomenon of the case).
 * The index's tokenizer keeps ':', '-' and '_' inside a token, and the analysed terms beside them
 * never contain those. */
#define SIGNAL_ACL                                                                                 \
    "'c:' || s.compartment || ' g:' || s.source_grade || ' i:' || s.info_grade || ' s:' || "       \
    "s.source_org || ' p:' || c.phenomenon || iif(s.handling = 'H2', ' h:2', '') || " TEAM_TOKENS( \
        "s.case_id", "c.status") " || coalesce((SELECT group_concat(' r:' || r.requested_by, '') " \
                                 "FROM release_requests r WHERE r.signal_id = s.id AND r.status "  \
                                 "= 'approved'), '')"
#define CASE_ACL "'k:case p:' || c.phenomenon || " TEAM_TOKENS("c.id", "c.status")
#define PERSON_ACL                                                                                 \
    "'k:person' || coalesce((SELECT group_concat(" TEAM_TOKENS(                                    \
        "c.id", "c.status") ", '') FROM case_persons cp JOIN cases c ON c.id = cp.case_id WHERE "  \
                            "cp.person_id = p.id), '')"
#define ACTOR_ACL                                                                                  \
    "'k:actor' || coalesce((SELECT group_concat(" TEAM_TOKENS(                                     \
        "c.id", "c.status") ", '') FROM case_actors ca JOIN cases c ON c.id = ca.case_id WHERE "   \
                            "ca.actor_id = a.id), '')"

/* A new document of one object: doc, kind, object id, case id, access tokens, then the texts
 * the analyzer makes its terms of (name, body). A sealed signal text (storage/sealed.c) is left
 * out: the document keeps only the signal's access tokens and filters, never its words. */
#define SIGNAL_BODY "iif(substr(s.text, 1, 10) = 'sealed:v1:', '', s.text)"
#define SIGNAL_SOURCE                                                                              \
    "SELECT " DOC_ID("s.received_at", "s.id", "0") ", 0, s.id, s.case_id, " SIGNAL_ACL             \
                                                   ", '', " SIGNAL_BODY " FROM signals s JOIN "    \
                                                   "cases c ON c.id = s.case_id"
#define CASE_SOURCE                                                                                \
    "SELECT " DOC_ID("c.created_at", "c.id", "1") ", 1, c.id, c.id, " CASE_ACL                     \
                                                  ", c.reference, c.summary FROM cases c"
#define PERSON_SOURCE                                                                              \
    "SELECT " DOC_ID("p.created_at", "p.id", "2") ", 2, p.id, 0, " PERSON_ACL                      \
                                                  ", p.given_names || ' ' || p.surname_prefix || " \
                                                  "' ' || p.surname, '' FROM persons p"
#define ACTOR_SOURCE                                                                               \
    "SELECT " DOC_ID("a.created_at", "a.id", "3") ", 3, a.id, 0, " ACTOR_ACL                       \
                                                  ", a.name, a.description FROM actors a"

/* Documents whose stored tokens differ from what the tables say now: (doc, new acl). CROSS JOIN
 * keeps the order as written (the objects of one case first, then their documents): left to
 * itself the planner may walk every document of a kind. */
#define STALE(acl, from, kind, alias, where)                                                       \
    "SELECT doc, acl FROM (SELECT d.doc AS doc, d.acl AS old, " acl " AS acl FROM " from           \
    " CROSS JOIN search_docs d ON d.kind = " kind " AND d.object_id = " alias ".id WHERE " where   \
    ") WHERE old IS NOT acl"

/* ---- search ---- */

/* Whether the viewer sees case X: ?2 org, ?3 user id, ?6 referred cases visible (triage). Each
 * test is one index lookup: the team's primary key, case_team_user, the case. Permanent members
 * only: a break-glass grant opens its case, not the search (docs/OVERSIGHT.md). */
#define SEARCH_CASE_VISIBLE(x)                                                                     \
    "(EXISTS (SELECT 1 FROM case_team m WHERE m.case_id = " x " AND m.org = ?2 AND "               \
    "m.user_id = 0) OR EXISTS (SELECT 1 FROM case_team m WHERE m.user_id = ?3 AND m.case_id = " x  \
    " AND ?3 <> 0 AND m.expires_at = 0) OR (?6 AND EXISTS (SELECT 1 FROM cases vc WHERE vc.id "    \
    "= " x " AND vc.status = 'referred')))"
/* The bit of a compartment in signal_access's masks (enum compartment in core/daf.h). */
#define COMPARTMENT_BIT                                                                            \
    "(1 << CASE s.compartment WHEN 'police' THEN 0 WHEN 'investigation' THEN 1 WHEN "              \
    "'crime_intel' THEN 2 WHEN 'informant' THEN 3 WHEN 'intelligence_service' THEN 4 WHEN "        \
    "'open_source' THEN 5 WHEN 'protected_person' THEN 6 ELSE 62 END)"
/* daf_signal_readable in SQL: ?4 any_org mask, ?5 own_org mask. Readable when the matrix allows
 * it for any source and it is not H2, or the viewer's organisation is the source and the matrix
 * allows it for either, or it was released to the viewer. */
#define SEARCH_SIGNAL_READABLE                                                                     \
    "((?4 & " COMPARTMENT_BIT ") <> 0 AND s.handling <> 'H2') OR (s.source_org = ?2 AND "          \
    "((?4 | ?5) & " COMPARTMENT_BIT ") <> 0) OR EXISTS (SELECT 1 FROM release_requests r WHERE "   \
    "r.signal_id = s.id AND r.requested_by = ?3 AND r.status = 'approved')"
/* The document's kind and object, from its rowid (doc, see DOC_ID). */
#define HIT_KIND "(search_fts.rowid & 3)"
#define HIT_OBJECT "((search_fts.rowid >> 2) & 274877906943)"
/* The index narrows to what the viewer may read (acl tokens in ?1); these conditions decide, each
 * kind apart (in a WHERE clause OR and AND stop at the first answer). ?7: the viewer sees every
 * actor (analysts). ?8..?9: the rowid range of the dates asked for. ?12: the kinds asked for (bit 1
 * << kind). */
#define SEARCH_FROM                                                                                \
    " FROM search_fts LEFT JOIN signals s ON " HIT_KIND " = 0 AND s.id = " HIT_OBJECT " "
#define SEARCH_WHERE                                                                               \
    " WHERE search_fts MATCH ?1 AND search_fts.rowid BETWEEN ?8 AND ?9 AND (?12 >> " HIT_KIND      \
    ") & 1 AND ((" HIT_KIND " = 0 AND " SEARCH_CASE_VISIBLE(                                       \
        "s.case_id") " AND (" SEARCH_SIGNAL_READABLE "))"                                          \
                     " OR (" HIT_KIND " = 1 AND " SEARCH_CASE_VISIBLE(                             \
                         HIT_OBJECT) ")"                                                           \
                                     " OR (" HIT_KIND                                              \
                                     " = 2 AND EXISTS (SELECT 1 FROM case_persons cp WHERE "       \
                                     "cp.person_id = " HIT_OBJECT " AND " SEARCH_CASE_VISIBLE(     \
                                         "cp.case_id") "))"                                        \
                                                       " OR (" HIT_KIND                            \
                                                       " = 3 AND (?7 OR EXISTS (SELECT 1 FROM "    \
                                                       "case_actors ca WHERE ca.actor_id "         \
                                                       "= " HIT_OBJECT                             \
                                                       " AND " SEARCH_CASE_VISIBLE(                \
                                                           "ca.case_id") "))))"

static const char *const daf_sql[STMT__COUNT - STMT_DAF_FIRST] = {
#define AT(id) [(id)-STMT_DAF_FIRST]
    AT(STMT_SIGNAL_INSERT) =
        "INSERT INTO signals(case_id, received_at, source_org, source_grade, info_grade, "
        "handling, handling_note, compartment, concrete, text, recorded_by, recorded_by_org, "
        "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
        "coalesce(?12, (SELECT org FROM users WHERE id = ?11)), ?13)",
    AT(STMT_SIGNAL_SUBJECT_ADD) = "INSERT INTO signal_subjects(signal_id, kind, subject_id) "
                                  "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
    AT(STMT_SIGNAL_GET) = "SELECT " SIGNAL_COLUMNS SIGNAL_FROM "WHERE s.id = ?1",
    AT(STMT_SIGNAL_LIST) = "SELECT " SIGNAL_COLUMNS SIGNAL_FROM
                           "WHERE s.case_id = ?1 ORDER BY s.received_at DESC, s.id DESC",
    AT(STMT_SIGNAL_SUBJECTS) = "SELECT " SUBJECT_COLUMNS " FROM signal_subjects ss" SUBJECT_JOINS
                               "WHERE ss.signal_id = ?1 ORDER BY ss.kind DESC, ss.subject_id",
    AT(STMT_CASE_SIGNAL_SUBJECTS) =
        "SELECT " SUBJECT_COLUMNS
        " FROM signals s JOIN signal_subjects ss ON ss.signal_id = s.id" SUBJECT_JOINS
        "WHERE s.case_id = ?1 ORDER BY ss.signal_id, ss.kind DESC, ss.subject_id",
    AT(STMT_SIGNAL_COUNT_SINCE) = "SELECT count(*) FROM signals WHERE case_id = ?1 AND "
                                  "created_at > ?2",
    AT(STMT_RELEASE_INSERT) =
        "INSERT INTO release_requests(signal_id, requested_by, reason, requested_at, status) "
        "SELECT ?1, ?2, ?3, ?4, 'pending' WHERE NOT EXISTS (SELECT 1 FROM release_requests "
        "WHERE signal_id = ?1 AND requested_by = ?2 AND status = 'pending')",
    AT(STMT_RELEASE_GET) = "SELECT " RELEASE_COLUMNS RELEASE_FROM "WHERE r.id = ?1",
    AT(STMT_RELEASE_DECIDE) =
        "UPDATE release_requests SET status = ?3, decided_by = ?4, decision_note = ?5, "
        "decided_at = ?6, version = version + 1 WHERE id = ?1 AND version = ?2 AND "
        "status = 'pending' AND ?3 IN ('approved', 'refused') RETURNING signal_id",
    AT(STMT_RELEASE_LIST_CASE) =
        "SELECT " RELEASE_COLUMNS RELEASE_FROM "WHERE s.case_id = ?1 ORDER BY r.id",
    AT(STMT_RELEASE_LIST_PENDING) =
        "SELECT " RELEASE_COLUMNS RELEASE_FROM "WHERE r.status = 'pending' AND s.source_org = ?1 "
        "ORDER BY r.id",
    AT(STMT_RELEASE_GRANTED) =
        "SELECT DISTINCT r.signal_id FROM signals s JOIN release_requests r ON r.signal_id = "
        "s.id WHERE s.case_id = ?1 AND r.requested_by = ?2 AND r.status = 'approved' "
        "ORDER BY r.signal_id",
    AT(STMT_ACTOR_INSERT) = "INSERT INTO actors(kind, name, description, created_by_org, "
                            "created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    AT(STMT_ACTOR_GET) = "SELECT " ACTOR_COLUMNS " FROM actors a WHERE a.id = ?1",
    AT(STMT_ACTOR_LIST) = "SELECT " ACTOR_COLUMNS " FROM actors a WHERE a.name LIKE ?1 ESCAPE "
                          "'\\' ORDER BY a.name COLLATE NOCASE, a.id LIMIT ?2 OFFSET ?3",
    AT(STMT_ACTOR_COUNT) = "SELECT count(*) FROM actors WHERE name LIKE ?1 ESCAPE '\\'",
    AT(STMT_ACTOR_CASE_IDS) = "SELECT case_id FROM case_actors WHERE actor_id = ?1 "
                              "ORDER BY case_id",
    AT(STMT_CASE_ACTORS) = "SELECT " ACTOR_COLUMNS " FROM case_actors ca JOIN actors a ON a.id = "
                           "ca.actor_id WHERE ca.case_id = ?1 ORDER BY a.id",
    AT(STMT_CASE_ACTOR_LINK) = "INSERT INTO case_actors(case_id, actor_id) VALUES (?1, ?2) "
                               "ON CONFLICT DO NOTHING",
    AT(STMT_NOTIFICATION_INSERT) = "INSERT INTO notifications(case_id, actor_id, signal_id, "
                                   "created_at) VALUES (?1, ?2, ?3, ?4)",
    AT(STMT_NOTIFICATION_LIST_CASE) =
        "SELECT n.id, n.case_id, n.actor_id, a.name, n.signal_id, s.source_org, s.received_at, "
        "n.created_at FROM notifications n JOIN actors a ON a.id = n.actor_id "
        "JOIN signals s ON s.id = n.signal_id WHERE n.case_id = ?1 ORDER BY n.id DESC",
    AT(STMT_GATHERING_INSERT) =
        "INSERT INTO gathering_acts(subject_kind, subject_id, method, legal_basis, "
        "duration_days, justification, intrusion, order_id, recorded_by, recorded_at, "
        "recorded_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, nullif(?8, 0), ?9, ?10, "
        "coalesce(?11, substr(?10, 1, 10)))",
    AT(STMT_GATHERING_LIST) = "SELECT " GATHERING_COLUMNS " FROM gathering_acts g JOIN users u "
                              "ON u.id = g.recorded_by WHERE g.subject_kind = ?1 AND "
                              "g.subject_id = ?2 ORDER BY g.id DESC",
    AT(STMT_GATHERING_TOTAL) = "SELECT coalesce(sum(intrusion), 0) FROM gathering_acts WHERE "
                               "subject_kind = ?1 AND subject_id = ?2 AND recorded_on >= ?3",
    AT(STMT_ORDER_INSERT) = "INSERT INTO gathering_orders(subject_kind, subject_id, scope, until, "
                            "reasoning, recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, "
                            "?6, ?7)",
    AT(STMT_ORDER_LIST) = "SELECT " ORDER_COLUMNS " FROM gathering_orders g JOIN users u ON u.id "
                          "= g.recorded_by WHERE g.subject_kind = ?1 AND g.subject_id = ?2 "
                          "ORDER BY g.id DESC",
    AT(STMT_ORDER_IN_FORCE) = "SELECT id FROM gathering_orders WHERE subject_kind = ?1 AND "
                              "subject_id = ?2 AND until >= ?3 ORDER BY until DESC, id DESC "
                              "LIMIT 1",
    AT(STMT_ASSESSMENT_INSERT) =
        "INSERT INTO assessments(case_id, product, status, seriousness, likelihood, intent, "
        "capability, threat_level, threat_level_derived, resistance_level, concreteness, "
        "reasoning, vulnerabilities, content, author_id, created_at, submitted_at, reviewer_id, "
        "review_comment, reviewed_at, valid_until, supersedes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
        "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, nullif(?18, 0), ?19, ?20, ?21, "
        "nullif(?22, 0))",
    AT(STMT_ASSESSMENT_GET) = "SELECT " ASSESSMENT_COLUMNS ASSESSMENT_FROM "WHERE x.id = ?1",
    AT(STMT_ASSESSMENT_UPDATE) =
        "UPDATE assessments SET product = ?3, status = ?4, seriousness = ?5, likelihood = ?6, "
        "intent = ?7, capability = ?8, threat_level = ?9, threat_level_derived = ?10, "
        "resistance_level = ?11, concreteness = ?12, reasoning = ?13, vulnerabilities = ?14, "
        "content = ?15, submitted_at = ?16, reviewer_id = nullif(?17, 0), review_comment = ?18, "
        "reviewed_at = ?19, valid_until = ?20, supersedes = nullif(?21, 0), "
        "version = version + 1 WHERE id = ?1 AND version = ?2",
    AT(STMT_ASSESSMENT_LIST) =
        "SELECT " ASSESSMENT_COLUMNS ASSESSMENT_FROM "WHERE x.case_id = ?1 ORDER BY x.id DESC",
    AT(STMT_ASSESSMENT_FINAL) =
        "SELECT " ASSESSMENT_COLUMNS ASSESSMENT_FROM "WHERE x.case_id = ?1 AND x.status = 'final' "
        "ORDER BY x.id DESC LIMIT 1",
    /* grp: 0 review, 1 validity ending, 2 new signals, 3 first assessment. ?4 today, ?5 the
     * warning term in days. */
    AT(STMT_DAF_QUEUE) =
        "SELECT grp, id, reference, urgent, phenomenon, assessment_id, since, valid_until, n "
        "FROM (SELECT 0 AS grp, " QUEUE_CASE ", x.id AS assessment_id, x.submitted_at AS since, "
        "NULL AS valid_until, 0 AS n FROM assessments x JOIN cases c ON c.id = x.case_id "
        "WHERE x.status = 'submitted' AND " QUEUE_VISIBLE " UNION ALL "
        "SELECT 1, " QUEUE_CASE ", x.id, x.valid_until, x.valid_until, 0 FROM assessments x "
        "JOIN cases c ON c.id = x.case_id WHERE x.status = 'final' AND x.valid_until <= "
        "date(?4, '+' || ?5 || ' days') AND " QUEUE_VISIBLE " UNION ALL "
        "SELECT 2, " QUEUE_CASE ", x.id, min(s.created_at), NULL, count(*) FROM assessments x "
        "JOIN cases c ON c.id = x.case_id JOIN signals s ON s.case_id = x.case_id AND "
        "s.created_at > x.reviewed_at WHERE x.status = 'final' AND " QUEUE_VISIBLE
        " GROUP BY x.id UNION ALL "
        "SELECT 3, " QUEUE_CASE ", 0, c.updated_at, NULL, 0 FROM cases c "
        "WHERE c.status = 'assessment' AND NOT EXISTS (SELECT 1 FROM assessments x WHERE "
        "x.case_id = c.id AND x.status = 'final') AND " QUEUE_VISIBLE ") "
        "ORDER BY grp, urgent DESC, since, id, assessment_id",

    AT(STMT_DOC_SOURCE_SIGNAL) = SIGNAL_SOURCE " WHERE s.id = ?1",
    AT(STMT_DOC_SOURCE_CASE) = CASE_SOURCE " WHERE c.id = ?1",
    AT(STMT_DOC_SOURCE_PERSON) = PERSON_SOURCE " WHERE p.id = ?1",
    AT(STMT_DOC_SOURCE_ACTOR) = ACTOR_SOURCE " WHERE a.id = ?1",
    AT(STMT_STALE_SIGNAL) = STALE(SIGNAL_ACL, "signals s CROSS JOIN cases c ON c.id = s.case_id",
                                  "0", "s", "s.id = ?1"),
    AT(STMT_STALE_CASE) = STALE(CASE_ACL, "cases c", "1", "c", "c.id = ?1"),
    AT(STMT_STALE_PERSON) = STALE(PERSON_ACL, "persons p", "2", "p", "p.id = ?1"),
    AT(STMT_STALE_ACTOR) = STALE(ACTOR_ACL, "actors a", "3", "a", "a.id = ?1"),
    AT(STMT_STALE_CASE_SIGNALS) = STALE(
        SIGNAL_ACL, "signals s CROSS JOIN cases c ON c.id = s.case_id", "0", "s", "s.case_id = ?1"),
    AT(STMT_STALE_CASE_PERSONS) =
        STALE(PERSON_ACL, "case_persons x CROSS JOIN persons p ON p.id = x.person_id", "2", "p",
              "x.case_id = ?1"),
    AT(STMT_STALE_CASE_ACTORS) =
        STALE(ACTOR_ACL, "case_actors x CROSS JOIN actors a ON a.id = x.actor_id", "3", "a",
              "x.case_id = ?1"),
    AT(STMT_DOC_OF) = "SELECT doc FROM search_docs WHERE kind = ?1 AND object_id = ?2",
    AT(STMT_DOC_INSERT) = "INSERT INTO search_docs(doc, kind, object_id, case_id, acl, name, "
                          "body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    AT(STMT_DOC_GET) = "SELECT name, body, acl FROM search_docs WHERE doc = ?1",
    AT(STMT_DOC_SET_ACL) = "UPDATE search_docs SET acl = ?2 WHERE doc = ?1",
    /* Values are bound rather than selected: FTS5 takes INSERT ... SELECT several times slower.
     * External content: FTS5 forgets a document only when told its indexed text again. */
    AT(STMT_FTS_ADD) = "INSERT INTO search_fts(rowid, name, body, acl) VALUES (?1, ?2, ?3, ?4)",
    AT(STMT_FTS_REMOVE) = "INSERT INTO search_fts(search_fts, rowid, name, body, acl) "
                          "VALUES ('delete', ?1, ?2, ?3, ?4)",

    AT(STMT_SEARCH_COUNT) = "SELECT count(*) FROM (SELECT 1" SEARCH_FROM SEARCH_WHERE " LIMIT ?10)",
    AT(STMT_SEARCH_PAGE) =
        "SELECT " HIT_KIND ", " HIT_OBJECT ", search_fts.rowid, cs.id, cs.reference, "
        "s.received_at, s.source_org, o.name, s.compartment, s.source_grade, s.info_grade, "
        "p.given_names, p.surname_prefix, p.surname, a.name, s.text, cs.summary, "
        "a.description" SEARCH_FROM "LEFT JOIN cases cs ON cs.id = CASE " HIT_KIND
        " WHEN 0 THEN s.case_id WHEN 1 THEN " HIT_OBJECT " END "
        "LEFT JOIN orgs o ON o.code = s.source_org "
        "LEFT JOIN persons p ON " HIT_KIND " = 2 AND p.id = " HIT_OBJECT " "
        "LEFT JOIN actors a ON " HIT_KIND " = 3 AND a.id = " HIT_OBJECT SEARCH_WHERE
        " ORDER BY search_fts.rowid DESC LIMIT ?10 OFFSET ?11",
#undef AT
};

const char *sqlite_daf_sql(stmt_id id)
{
    if (id < STMT_DAF_FIRST || id >= STMT__COUNT)
        return NULL;
    return daf_sql[id - STMT_DAF_FIRST];
}

const char *const SQLITE_SEARCH_SOURCES[] = {SIGNAL_SOURCE, CASE_SOURCE, PERSON_SOURCE,
                                             ACTOR_SOURCE, NULL};

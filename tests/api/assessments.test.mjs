// Threat assessments and the DAF work queue (docs/DAF.md): drafting with validation against the
// indicator template, the case's signals and the product rules, four eyes (submit, approve,
// reject), validity, superseding, the review diff, the queue, and need-to-know on every route.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, sampleCase, USERS, isPostgres } from '../lib/server.mjs';
import { assertProblem, dbQuery, isoDay } from './util.mjs';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

// Beyond the standard cast: a second NCTV analyst (the reviewer), an AIVD analyst (on national
// cases by triage, and the only organisation that writes an RA), and an analyst of a regional
// unit that is not on the team of a national case referred from Amsterdam, and one of the
// referring organisation (on the team from the referral on).
const EXTRA_USERS = [
  ['analyst-nctv2', 'analyst', 'nctv'],
  ['analyst-aivd', 'analyst', 'aivd'],
  ['analyst-rdam', 'analyst', 'politie-rotterdam'],
  ['analyst-ams', 'analyst', 'politie-amsterdam'],
];

const ASSESSMENT_FIELDS = ['id', 'case_id', 'case_reference', 'product', 'status', 'seriousness',
  'likelihood', 'intent', 'capability', 'threat_level', 'threat_level_derived', 'matrix_threat_level',
  'resistance_level', 'concreteness', 'reasoning', 'vulnerabilities', 'actors', 'signals', 'indicators',
  'indicator_template', 'recommended_measures', 'author', 'created_at', 'submitted_at', 'reviewer',
  'review_comment', 'reviewed_at', 'valid_until', 'expired', 'supersedes', 'version'];

// The reasons of the queue in the order docs/DAF.md gives them (most urgent first).
const QUEUE_ORDER = ['review', 'validity_ending', 'new_signals', 'first_assessment'];

describe('threat assessments', () => {
  let server, ref, triage, analyst, reviewer, aivd, outsider, amsterdam, authority, inspector, admin;

  const ok = (r, status, what) => assert.equal(r.status, status, `${what}: ${r.status} ${JSON.stringify(r.body)}`);

  // A national case in status assessment: the NCTV (authority), the AIVD and the Landelijke
  // Eenheid (threat analysis function) are on its team.
  async function caseInAssessment(overrides = {}) {
    const created = await ref.post('/api/v1/cases', sampleCase(overrides));
    ok(created, 201, 'refer');
    const t = await triage.post(`/api/v1/cases/${created.body.id}/triage`,
      { outcome: 'national', reasoning: 'Landelijk belang', version: created.body.version });
    ok(t, 200, 'triage');
    assert.equal(t.body.status, 'assessment');
    return t.body;
  }

  async function signal(client, caseId, overrides = {}) {
    const r = await client.post(`/api/v1/cases/${caseId}/signals`, {
      received_at: isoDay(-1), source_org: 'nctv', source_grade: 'B', info_grade: '2',
      handling: 'H0', compartment: 'police', concreteness: 'concrete',
      text: 'Dreigende berichten via sociale media na de uitspraak', ...overrides });
    ok(r, 201, 'signal');
    return r.body;
  }

  const body = (overrides = {}) => ({
    product: 'DI', seriousness: 4, likelihood: 3, intent: 4, capability: 2, resistance_level: 2,
    concreteness: 'conceivable', reasoning: 'Aanhoudende fixatie op de rechter; geen wapenbezit bekend.',
    vulnerabilities: 'Vaste route naar de rechtbank', indicators: { fixation: 'present', leakage: 'unknown' },
    recommended_measures: ['security_advice'], ...overrides });

  const createRaw = (client, caseId, overrides) => client.post(`/api/v1/cases/${caseId}/assessments`, body(overrides));
  async function draft(client, caseId, overrides) {
    const r = await createRaw(client, caseId, overrides);
    ok(r, 201, 'draft');
    return r.body;
  }
  async function get(client, id) {
    const r = await client.get(`/api/v1/assessments/${id}`);
    ok(r, 200, `get assessment ${id}`);
    return r.body;
  }
  async function list(client, caseId) {
    const r = await client.get(`/api/v1/cases/${caseId}/assessments`);
    ok(r, 200, 'list');
    return r.body.items;
  }
  async function act(client, a, verb, extra = {}) {
    const r = await client.post(`/api/v1/assessments/${a.id}/${verb}`, { version: a.version, ...extra });
    ok(r, 200, verb);
    return r.body;
  }
  // A final assessment on the case: drafted by analyst-nctv, approved by analyst-nctv2.
  async function approved(caseId, overrides) {
    const a = await act(analyst, await draft(analyst, caseId, overrides), 'submit');
    return act(reviewer, a, 'approve', { comment: 'Akkoord' });
  }
  async function queue(client) {
    const r = await client.get('/api/v1/daf/queue');
    ok(r, 200, 'queue');
    return r.body.items;
  }
  async function caseOf(client, id) {
    const r = await client.get(`/api/v1/cases/${id}`);
    ok(r, 200, 'case');
    return r.body;
  }
  // Moves a final assessment's end of validity (there is no API for that: time passes).
  function setValidUntil(id, day) {
    const sql = `UPDATE assessments SET valid_until = '${day}' WHERE id = ${id};`;
    dbQuery(server.db, isPostgres(server.db) ? sql : `.timeout 5000\n${sql}`);
  }
  function auditRows(action, objectType, objectId) {
    return dbQuery(server.db, `SELECT username || '|' || outcome FROM audit_log WHERE action = '${action}' AND object_type = '${objectType}' AND object_id = '${objectId}' ORDER BY seq;`)
      .trim().split('\n').filter(Boolean);
  }

  before(async () => {
    server = await startServer({ users: [...USERS, ...EXTRA_USERS] });
    [ref, triage, analyst, reviewer, aivd, outsider, amsterdam, authority, inspector, admin] = await Promise.all(
      ['ref-ams', 'triage1', 'analyst-nctv', 'analyst-nctv2', 'analyst-aivd', 'analyst-rdam', 'analyst-ams',
        'cbb', 'inspector1', 'admin1'].map((u) => loggedIn(server, u)));
  });
  after(async () => { await server?.stop(); });

  test('an analyst on the case drafts a DI: 201 with the Assessment shape and the derived threat level', async () => {
    const c = await caseInAssessment();
    const s = await signal(analyst, c.id);
    const actor = await analyst.post('/api/v1/actors', { kind: 'person', name: 'Onbekende afzender', description: 'Schrijft anoniem' });
    ok(actor, 201, 'actor');
    const a = await draft(analyst, c.id, { signals: [s.id], actors: [actor.body.id] });
    assert.deepEqual(Object.keys(a).sort(), [...ASSESSMENT_FIELDS].sort());
    assert.ok(Number.isInteger(a.id) && a.id > 0);
    assert.equal(a.case_id, c.id);
    assert.equal(a.case_reference, c.reference);
    assert.equal(a.product, 'DI');
    assert.equal(a.status, 'draft');
    assert.equal(a.seriousness, 4);
    assert.equal(a.likelihood, 3);
    assert.equal(a.intent, 4);
    assert.equal(a.capability, 2);
    // Default matrix: seriousness 4 x likelihood 3 -> 3.
    assert.equal(a.threat_level, 3);
    assert.equal(a.threat_level_derived, true);
    assert.equal(a.matrix_threat_level, 3);
    assert.equal(a.resistance_level, 2);
    assert.equal(a.concreteness, 'conceivable');
    assert.equal(a.reasoning, body().reasoning);
    assert.equal(a.vulnerabilities, body().vulnerabilities);
    assert.deepEqual(a.signals, [s.id]);
    assert.deepEqual(a.actors, [actor.body.id]);
    assert.deepEqual(a.indicators, { fixation: 'present', leakage: 'unknown' });
    assert.equal(a.indicator_template, 'warning-behaviour-v1');
    assert.deepEqual(a.recommended_measures, ['security_advice']);
    assert.deepEqual(a.author, { username: 'analyst-nctv', org: 'nctv' });
    assert.match(a.created_at, TIMESTAMP);
    assert.equal(a.submitted_at, null);
    assert.equal(a.reviewer, null);
    assert.equal(a.review_comment, null);
    assert.equal(a.reviewed_at, null);
    assert.equal(a.valid_until, null);
    assert.equal(a.expired, false);
    assert.equal(a.supersedes, null);
    assert.ok(Number.isInteger(a.version));

    const one = await get(analyst, a.id);
    assert.equal(one.diff_against, null, 'no final assessment to compare with');
    assert.deepEqual(one.diff, []);
    const { diff, diff_against, ...rest } = one;
    assert.deepEqual(rest, a, 'GET answers what POST answered');
    assert.deepEqual(await list(analyst, c.id), [a]);
    assert.deepEqual(auditRows('assessment.create', 'assessment', a.id), ['analyst-nctv|ok']);
    assert.deepEqual(auditRows('assessment.read', 'assessment', a.id), ['analyst-nctv|ok']);
    // Drafting changes nothing about the case.
    assert.equal((await caseOf(analyst, c.id)).status, 'assessment');
  });

  test('a proposed threat level other than the matrix value is kept and marked not derived', async () => {
    const c = await caseInAssessment();
    const a = await draft(analyst, c.id, { threat_level: 5 });
    assert.equal(a.threat_level, 5);
    assert.equal(a.threat_level_derived, false);
    assert.equal(a.matrix_threat_level, 3);
    // An ungraded product without grades has no level at all.
    const m = await draft(analyst, c.id, { product: 'dreigingsmelding', seriousness: undefined, likelihood: undefined });
    assert.equal(m.threat_level, null);
    assert.equal(m.matrix_threat_level, null);
    assert.equal(m.threat_level_derived, false);
  });

  test('bad input is 422 on the offending field and stores nothing', async () => {
    const c = await caseInAssessment();
    const other = await caseInAssessment();
    const foreign = await signal(analyst, other.id);
    const cases = [
      [{ product: 'VERSLAG' }, 'product'],
      [{ reasoning: undefined }, 'reasoning'],
      [{ reasoning: '   ' }, 'reasoning'],
      [{ seriousness: undefined }, 'seriousness'],
      [{ product: 'DA', likelihood: undefined }, 'likelihood'],
      [{ seriousness: 6 }, 'seriousness'],
      [{ likelihood: 0 }, 'likelihood'],
      [{ intent: 9 }, 'intent'],
      [{ capability: 2.5 }, 'capability'],
      [{ threat_level: 6 }, 'threat_level'],
      [{ resistance_level: 5 }, 'resistance_level'],
      [{ concreteness: 'likely' }, 'concreteness'],
      [{ indicators: { nope: 'present' } }, 'indicators.nope'],
      [{ indicators: { fixation: 'maybe' } }, 'indicators.fixation'],
      [{ indicators: ['fixation'] }, 'indicators'],
      [{ signals: ['x'] }, 'signals[0]'],
      [{ signals: [foreign.id] }, 'signals[0]'],
      [{ signals: [987654321] }, 'signals[0]'],
      [{ actors: [987654321] }, 'actors[0]'],
      [{ actors: [1, 1] }, 'actors[1]'],
      [{ recommended_measures: ['Security Advice!'] }, 'recommended_measures[0]'],
    ];
    for (const [overrides, field] of cases) {
      const r = await createRaw(analyst, c.id, overrides);
      assertProblem(r, 422, 'validation_failed', JSON.stringify(overrides));
      assert.ok(r.body.errors.some((e) => e.field === field), `${JSON.stringify(overrides)}: ${JSON.stringify(r.body.errors)}`);
    }
    assertProblem(await createRaw(analyst, c.id, { colour: 'red' }), 400, 'unknown_field');
    assertProblem(await createRaw(analyst, c.id, { version: 1 }), 400, 'unknown_field', 'version is not part of a new draft');
    assert.deepEqual(await list(analyst, c.id), []);
    assert.equal(dbQuery(server.db, `SELECT count(*) FROM assessments WHERE case_id = ${c.id};`).trim(), '0');
  });

  test('an RA is written only by the AIVD: 403 with the reason for others', async () => {
    const c = await caseInAssessment();
    const r = await createRaw(analyst, c.id, { product: 'RA' });
    assertProblem(r, 403, 'forbidden');
    assert.match(r.body.detail, /RA/);
    assert.match(r.body.detail, /aivd/);
    const a = await draft(aivd, c.id, { product: 'RA' });
    assert.equal(a.product, 'RA');
    assert.deepEqual(a.author, { username: 'analyst-aivd', org: 'aivd' });
    // Nor may an NCTV analyst turn another product into an RA.
    const d = await draft(analyst, c.id);
    assertProblem(await analyst.put(`/api/v1/assessments/${d.id}`, body({ product: 'RA', version: d.version })), 403, 'forbidden');
    // The RA is reviewed by the AIVD too: another organisation's analyst may not approve it.
    const submitted = await act(aivd, a, 'submit');
    assertProblem(await reviewer.post(`/api/v1/assessments/${a.id}/approve`, { version: submitted.version }), 403, 'forbidden');
    assert.deepEqual(await list(analyst, c.id).then((items) => items.map((x) => x.status).sort()), ['draft', 'submitted']);
  });

  test('only signals of this case the author may read can be named', async () => {
    const c = await caseInAssessment();
    // Informant information is read only by analysts of the organisation that supplied it.
    const informant = await signal(aivd, c.id, { source_org: 'aivd', compartment: 'informant', source_grade: 'A', info_grade: '1' });
    const r = await createRaw(analyst, c.id, { signals: [informant.id] });
    assertProblem(r, 422, 'validation_failed');
    assert.ok(r.body.errors.some((e) => e.field === 'signals[0]'), JSON.stringify(r.body.errors));
    const a = await draft(aivd, c.id, { signals: [informant.id] });
    assert.deepEqual(a.signals, [informant.id]);
  });

  test('who may do what: non-analysts on the team 403 on writes, analysts off the team 404 everywhere', async () => {
    const c = await caseInAssessment();
    const a = await draft(analyst, c.id);
    // The NCTV authority sees the case: reads, but writes nothing.
    assertProblem(await createRaw(authority, c.id), 403, 'forbidden', 'authority creates');
    assertProblem(await authority.put(`/api/v1/assessments/${a.id}`, body({ version: a.version })), 403, 'forbidden');
    for (const verb of ['submit', 'approve', 'reject'])
      assertProblem(await authority.post(`/api/v1/assessments/${a.id}/${verb}`, { version: a.version, comment: 'x' }), 403, 'forbidden', verb);
    // A draft is the analysts' work in progress: the authority neither lists nor reads it.
    assert.equal((await list(authority, c.id)).length, 0);
    assertProblem(await authority.get(`/api/v1/assessments/${a.id}`), 403, 'forbidden', 'authority reads a draft');
    assert.equal((await list(analyst, c.id)).length, 1);
    // The referrer sees the case too; the referrer role writes no assessment.
    assertProblem(await createRaw(ref, c.id), 403, 'forbidden', 'referrer creates');
    // An analyst whose organisation is not on the team: 404, exactly as for a missing case.
    assertProblem(await createRaw(outsider, c.id), 404, 'not_found', 'outsider creates');
    assertProblem(await outsider.get(`/api/v1/cases/${c.id}/assessments`), 404, 'not_found');
    assertProblem(await outsider.get(`/api/v1/assessments/${a.id}`), 404, 'not_found');
    assertProblem(await outsider.put(`/api/v1/assessments/${a.id}`, body({ version: a.version })), 404, 'not_found');
    for (const verb of ['submit', 'approve', 'reject'])
      assertProblem(await outsider.post(`/api/v1/assessments/${a.id}/${verb}`, { version: a.version, comment: 'x' }), 404, 'not_found', verb);
    for (const client of [inspector, admin]) {
      assertProblem(await client.get(`/api/v1/assessments/${a.id}`), 404, 'not_found');
      assertProblem(await createRaw(client, c.id), 404, 'not_found');
    }
    assertProblem(await analyst.get('/api/v1/assessments/987654321'), 404, 'not_found');
    assertProblem(await analyst.get('/api/v1/cases/987654321/assessments'), 404, 'not_found');
    assert.equal((await get(analyst, a.id)).version, a.version, 'nothing changed');
    assert.ok(auditRows('assessment.read', 'assessment', a.id).includes('analyst-rdam|denied'), 'the denied read is audited');
    assert.ok(auditRows('assessment.update', 'assessment', a.id).includes('cbb|denied'), 'the refused write is audited');
  });

  test('assessments are written for cases past triage and not closed: intake and closed cases are 409', async () => {
    // The referring organisation is on the team from the start, so its analyst sees the case
    // while it waits for triage and after it is closed.
    const created = await ref.post('/api/v1/cases', sampleCase());
    ok(created, 201, 'refer');
    assertProblem(await createRaw(amsterdam, created.body.id), 409, 'invalid_transition', 'in intake');
    assertProblem(await createRaw(analyst, created.body.id), 404, 'not_found', 'the NCTV analyst is not on the team yet');
    const closed = await triage.post(`/api/v1/cases/${created.body.id}/triage`,
      { outcome: 'no_measures', reasoning: 'Geen overheidsmaatregelen nodig', version: created.body.version });
    ok(closed, 200, 'triage');
    assert.equal(closed.body.status, 'closed');
    assertProblem(await createRaw(amsterdam, created.body.id), 409, 'invalid_transition', 'closed');
    assert.deepEqual(await list(amsterdam, created.body.id), []);
  });

  test('four eyes: the author submits, the author may not approve, a second analyst approves', async () => {
    const c = await caseInAssessment();
    const a = await draft(analyst, c.id);
    assertProblem(await reviewer.post(`/api/v1/assessments/${a.id}/submit`, { version: a.version }), 403, 'forbidden', 'submit by another');
    assertProblem(await reviewer.post(`/api/v1/assessments/${a.id}/approve`, { version: a.version }), 409, 'invalid_transition', 'approve a draft');
    assertProblem(await analyst.post(`/api/v1/assessments/${a.id}/submit`, {}), 422, 'validation_failed', 'submit without version');
    const s = await act(analyst, a, 'submit');
    assert.equal(s.status, 'submitted');
    assert.match(s.submitted_at, TIMESTAMP);
    assert.ok(s.version > a.version);
    assertProblem(await analyst.put(`/api/v1/assessments/${a.id}`, body({ version: s.version })), 409, 'invalid_transition', 'edit while submitted');
    assertProblem(await analyst.post(`/api/v1/assessments/${a.id}/submit`, { version: s.version }), 409, 'invalid_transition', 'submit twice');

    const self = await analyst.post(`/api/v1/assessments/${a.id}/approve`, { version: s.version });
    assertProblem(self, 403, 'forbidden', 'approval by the author');
    assert.ok(auditRows('assessment.approve', 'assessment', a.id).includes('analyst-nctv|denied'));
    assert.equal((await get(analyst, a.id)).status, 'submitted');

    const f = await act(reviewer, s, 'approve', { comment: 'Goed onderbouwd' });
    assert.equal(f.status, 'final');
    assert.deepEqual(f.reviewer, { username: 'analyst-nctv2' });
    assert.equal(f.review_comment, 'Goed onderbouwd');
    assert.match(f.reviewed_at, TIMESTAMP);
    assert.equal(f.valid_until, isoDay(90), 'threat level 3: 90 days');
    assert.equal(f.expired, false);
    assert.equal(f.supersedes, null);
    assert.deepEqual(auditRows('assessment.approve', 'assessment', a.id), ['analyst-nctv|denied', 'analyst-nctv2|ok']);

    const after = await caseOf(analyst, c.id);
    assert.equal(after.status, 'decision');
    assert.equal(after.timeline.at(-1).event, 'assessment_final');
    assert.equal(after.timeline.at(-1).actor.username, 'analyst-nctv2');
    assertProblem(await reviewer.post(`/api/v1/assessments/${a.id}/approve`, { version: f.version }), 409, 'invalid_transition', 'approve twice');
    assertProblem(await reviewer.post(`/api/v1/assessments/${a.id}/reject`, { version: f.version, comment: 'x' }), 409, 'invalid_transition', 'reject a final one');
  });

  test('validity follows the threat level, and 30 days for a dreigingsmelding', async () => {
    const c = await caseInAssessment();
    assert.equal((await approved(c.id, { seriousness: 2, likelihood: 2 })).valid_until, isoDay(180), 'level 1: 180 days');
    assert.equal((await approved(c.id, { product: 'dreigingsmelding', seriousness: 5, likelihood: 5 })).valid_until, isoDay(30));
  });

  test('reject needs a comment; the author edits the rejected assessment and submits it again', async () => {
    const c = await caseInAssessment();
    const s = await act(analyst, await draft(analyst, c.id), 'submit');
    assertProblem(await reviewer.post(`/api/v1/assessments/${s.id}/reject`, { version: s.version }), 422, 'validation_failed', 'no comment');
    assertProblem(await reviewer.post(`/api/v1/assessments/${s.id}/reject`, { version: s.version, comment: ' ' }), 422, 'validation_failed', 'blank comment');
    assertProblem(await analyst.post(`/api/v1/assessments/${s.id}/reject`, { version: s.version, comment: 'Zelf' }), 403, 'forbidden', 'the author rejects');
    const rj = await act(reviewer, s, 'reject', { comment: 'Onderbouw de waarschijnlijkheid' });
    assert.equal(rj.status, 'rejected');
    assert.equal(rj.review_comment, 'Onderbouw de waarschijnlijkheid');
    assert.deepEqual(rj.reviewer, { username: 'analyst-nctv2' });
    assert.equal(rj.valid_until, null);
    assert.equal((await caseOf(analyst, c.id)).status, 'assessment', 'a rejection moves nothing');

    assertProblem(await reviewer.put(`/api/v1/assessments/${s.id}`, body({ version: rj.version })), 403, 'forbidden', 'edit by another');
    const edited = await analyst.put(`/api/v1/assessments/${s.id}`,
      body({ version: rj.version, likelihood: 4, reasoning: 'Nieuwe berichten bevestigen de dreiging.', indicators: { fixation: 'present', leakage: 'present' } }));
    ok(edited, 200, 'edit');
    assert.equal(edited.body.status, 'draft');
    assert.equal(edited.body.likelihood, 4);
    assert.equal(edited.body.threat_level, 4, 'derived again: 4 x 4 -> 4');
    assert.equal(edited.body.reasoning, 'Nieuwe berichten bevestigen de dreiging.');
    assert.deepEqual(edited.body.indicators, { fixation: 'present', leakage: 'present' });
    assert.ok(edited.body.version > rj.version);
    assert.deepEqual(await get(analyst, s.id).then(({ diff, diff_against, ...x }) => x), edited.body, 'the edit is stored');

    const again = await act(analyst, edited.body, 'submit');
    assert.equal(again.status, 'submitted');
    const f = await act(reviewer, again, 'approve');
    assert.equal(f.status, 'final');
    assert.equal(f.review_comment, '', 'approval without a comment');
    assert.equal((await caseOf(analyst, c.id)).status, 'decision');
  });

  test('a stale version is 409 version_conflict and changes nothing', async () => {
    const c = await caseInAssessment();
    const a = await draft(analyst, c.id);
    const e = await analyst.put(`/api/v1/assessments/${a.id}`, body({ version: a.version, reasoning: 'Eerste bewerking' }));
    ok(e, 200, 'edit');
    assertProblem(await analyst.put(`/api/v1/assessments/${a.id}`, body({ version: a.version, reasoning: 'Verouderd' })), 409, 'version_conflict');
    assertProblem(await analyst.post(`/api/v1/assessments/${a.id}/submit`, { version: a.version }), 409, 'version_conflict');
    const now = await get(analyst, a.id);
    assert.equal(now.reasoning, 'Eerste bewerking');
    assert.equal(now.status, 'draft');
    assert.equal(now.version, e.body.version);
    const s = await act(analyst, now, 'submit');
    assertProblem(await reviewer.post(`/api/v1/assessments/${a.id}/approve`, { version: now.version }), 409, 'version_conflict');
    assert.equal((await get(analyst, a.id)).status, 'submitted');
    assert.equal((await caseOf(analyst, c.id)).status, 'assessment');
    assert.equal((await act(reviewer, s, 'approve')).status, 'final');
  });

  test('approval supersedes the previous final assessment, and the review view diffs against it', async () => {
    const c = await caseInAssessment();
    const first = await approved(c.id);
    const next = await draft(analyst, c.id, {
      seriousness: 5, reasoning: 'Dreiging geëscaleerd', indicators: { fixation: 'absent', pathway: 'present', leakage: 'unknown' },
      recommended_measures: ['security_advice', 'residence_security'] });
    const view = await get(reviewer, next.id);
    assert.equal(view.diff_against, first.id);
    const byField = Object.fromEntries(view.diff.map((d) => [d.field, d]));
    assert.deepEqual(byField.seriousness, { field: 'seriousness', before: 4, after: 5 });
    assert.deepEqual(byField.reasoning, { field: 'reasoning', before: body().reasoning, after: 'Dreiging geëscaleerd' });
    assert.equal(byField.threat_level, undefined, '5 x 3 is level 3 as 4 x 3 was');
    assert.deepEqual(byField['indicators.fixation'], { field: 'indicators.fixation', before: 'present', after: 'absent' });
    assert.deepEqual(byField['indicators.pathway'], { field: 'indicators.pathway', before: null, after: 'present' });
    assert.deepEqual(byField.recommended_measures.after, ['security_advice', 'residence_security']);
    for (const same of ['product', 'likelihood', 'intent', 'indicators.leakage', 'vulnerabilities'])
      assert.equal(byField[same], undefined, `${same} did not change`);

    const f = await act(reviewer, await act(analyst, next, 'submit'), 'approve');
    assert.equal(f.status, 'final');
    assert.equal(f.supersedes, first.id);
    const old = await get(analyst, first.id);
    assert.equal(old.status, 'superseded');
    assert.equal(old.diff_against, f.id, 'an older assessment compares with the current final one');
    const mine = await get(analyst, f.id);
    assert.equal(mine.diff_against, null, 'the final one is not compared with itself');
    assert.deepEqual(mine.diff, []);
    const items = await list(analyst, c.id);
    assert.deepEqual(items.map((x) => [x.id, x.status]), [[f.id, 'final'], [first.id, 'superseded']], 'newest first');
    const kase = await caseOf(analyst, c.id);
    assert.equal(kase.status, 'decision', 'stays in decision');
    assert.equal(kase.timeline.filter((e) => e.event === 'assessment_final').length, 1, 'one status change');
  });

  test('two approvals on one case at once leave exactly one final assessment', async () => {
    const c = await caseInAssessment();
    const a = await act(analyst, await draft(analyst, c.id), 'submit');
    const b = await act(analyst, await draft(analyst, c.id, { likelihood: 5 }), 'submit');
    const answers = await Promise.all([a, b].map((x) =>
      reviewer.post(`/api/v1/assessments/${x.id}/approve`, { version: x.version })));
    for (const r of answers) assert.ok([200, 409].includes(r.status), `${r.status} ${JSON.stringify(r.body)}`);
    assert.ok(answers.some((r) => r.status === 200));
    const items = await list(analyst, c.id);
    assert.equal(items.filter((x) => x.status === 'final').length, 1, JSON.stringify(items.map((x) => [x.id, x.status, x.supersedes])));
    if (answers.every((r) => r.status === 200)) {
      // One after the other: the later approval superseded the earlier one.
      const later = items.find((x) => x.status === 'final');
      assert.equal(items.find((x) => x.id === later.supersedes)?.status, 'superseded');
    }
    const kase = await caseOf(analyst, c.id);
    assert.equal(kase.status, 'decision');
    assert.equal(kase.timeline.filter((e) => e.event === 'assessment_final').length, 1);
  });

  test('expired: valid_until before today', async () => {
    const c = await caseInAssessment();
    const f = await approved(c.id);
    setValidUntil(f.id, isoDay(-1));
    const a = await get(analyst, f.id);
    assert.equal(a.valid_until, isoDay(-1));
    assert.equal(a.expired, true);
    setValidUntil(f.id, isoDay(0));
    assert.equal((await get(analyst, f.id)).expired, false, 'valid through its last day');
  });

  test('the DAF queue: first assessment, review, new signals after approval, validity ending', async () => {
    const item = (items, caseId, reason) => items.find((i) => i.case_id === caseId && i.reason === reason);
    const c = await caseInAssessment({ urgent: true, phenomenon: 'lone_actor' });

    let q = await queue(analyst);
    const first = item(q, c.id, 'first_assessment');
    assert.ok(first, JSON.stringify(q));
    assert.equal(first.case_reference, c.reference);
    assert.equal(first.urgent, true);
    assert.equal(first.phenomenon, 'lone_actor');
    assert.equal(first.assessment_id, null);
    assert.equal(typeof first.since, 'string');
    assert.ok(!(await queue(outsider)).some((i) => i.case_id === c.id), 'not on the team: not in the queue');
    assert.ok(item(await queue(aivd), c.id, 'first_assessment'), 'the AIVD is on the team of a national case');

    const s = await act(analyst, await draft(analyst, c.id), 'submit');
    q = await queue(reviewer);
    const review = item(q, c.id, 'review');
    assert.ok(review, JSON.stringify(q));
    assert.equal(review.assessment_id, s.id);

    const f = await act(reviewer, s, 'approve');
    q = await queue(analyst);
    assert.equal(item(q, c.id, 'review'), undefined, 'reviewed');
    assert.equal(item(q, c.id, 'first_assessment'), undefined, 'assessed');
    assert.equal(item(q, c.id, 'new_signals'), undefined, 'nothing new yet');

    await signal(analyst, c.id, { text: 'Nieuwe dreigbrief ontvangen' });
    q = await queue(analyst);
    const fresh = item(q, c.id, 'new_signals');
    assert.ok(fresh, JSON.stringify(q));
    assert.equal(fresh.new_signals, 1);
    assert.equal(fresh.assessment_id, f.id);

    setValidUntil(f.id, isoDay(10));
    q = await queue(analyst);
    const ending = item(q, c.id, 'validity_ending');
    assert.ok(ending, JSON.stringify(q));
    assert.equal(ending.valid_until, isoDay(10));
    assert.equal(ending.assessment_id, f.id);

    // Most urgent first: the reasons come in the documented order.
    const ranks = q.map((i) => QUEUE_ORDER.indexOf(i.reason));
    assert.ok(ranks.every((r) => r >= 0), JSON.stringify(q));
    assert.deepEqual(ranks, [...ranks].sort((x, y) => x - y), JSON.stringify(q.map((i) => i.reason)));
    assert.ok(auditRows('daf.queue', 'daf_queue', '').some((r) => r === 'analyst-nctv|ok'), 'the queue read is audited');

    // Only analysts have a queue.
    for (const client of [authority, ref, triage, inspector, admin])
      assertProblem(await client.get('/api/v1/daf/queue'), 403, 'forbidden');
    assertProblem(await analyst.get('/api/v1/daf/queue?page=2'), 400, 'bad_request');
  });
});

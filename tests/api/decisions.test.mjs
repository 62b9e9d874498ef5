// Decisions, measures, execution, work lists, transfers, ending and the limitative list
// (docs/DECISIONS.md), against the real server: the whole chain from referral to aftercare, and
// every refusal, each checked to have stored nothing.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, sampleCase, USERS, isPostgres } from '../lib/server.mjs';
import { assertProblem, dbQuery, isoDay } from './util.mjs';

const EXTRA_USERS = [
  ['analyst-nctv2', 'analyst', 'nctv'],
  ['analyst-ams', 'analyst', 'politie-amsterdam'],
  ['analyst-ams2', 'analyst', 'politie-amsterdam'],
  ['lead-le', 'unit_lead', 'politie-le'],
  ['lead-ams', 'unit_lead', 'politie-amsterdam'],
  ['lead-rdam', 'unit_lead', 'politie-rotterdam'],
  ['coord-le', 'coordinator', 'politie-le'],
  ['om-dh', 'authority', 'om-den-haag'],
  ['privacy1', 'privacy_officer', 'nctv'],
];

const DECISION_FIELDS = ['id', 'case_id', 'case_reference', 'authority_org', 'decided_by', 'decided_at', 'status',
  'basis', 'provisional', 'confirm_by', 'assessment_id', 'threat_level', 'resistance_level', 'proposed_threat_level',
  'proposed_resistance_level', 'deviation_reasoning', 'proportionality', 'tbp_view', 'tbp_not_heard_reason',
  'tbp_refusal', 'legal_basis', 'review_date', 'below_package_reason', 'contact_person', 'supersedes', 'version'];
const MEASURE_FIELDS = ['id', 'decision_id', 'case_id', 'case_reference', 'type', 'label_nl', 'label_en',
  'person_oriented', 'executor_org', 'executor_org_name', 'object_id', 'start', 'end', 'details', 'status',
  'planned_at', 'activated_at', 'suspended_at', 'ended_at', 'note', 'updated_by', 'version'];
const PACKAGE_2 = ['security_advice', 'obe_measures', 'alarm_priority_response'];
const CATEGORY_I = ['security_advice', 'obe_measures', 'alarm_priority_response', 'surveillance_attention'];

describe('decisions and measures', () => {
  let server, u;

  const ok = (r, status, what) => assert.equal(r.status, status, `${what}: ${r.status} ${JSON.stringify(r.body)}`);
  const sql = (text) => dbQuery(server.db, isPostgres(server.db) ? text : `.timeout 5000\n${text}`).trim();
  const count = (table, caseId) => Number(sql(`SELECT count(*) FROM ${table} WHERE case_id = ${caseId};`));
  const measure = (type, executor = 'politie-le', extra = {}) => ({ type, executor_org: executor, start: isoDay(1), ...extra });
  const measures = (types, executor) => types.map((t) => measure(t, executor));

  async function caseOf(client, id) {
    const r = await client.get(`/api/v1/cases/${id}`);
    ok(r, 200, 'case');
    return r.body;
  }
  async function refer(overrides = {}) {
    const r = await u.ref.post('/api/v1/cases', sampleCase(overrides));
    ok(r, 201, 'refer');
    return r.body;
  }
  async function triaged(c, body) {
    const r = await u.triage.post(`/api/v1/cases/${c.id}/triage`, { reasoning: 'Triage', version: c.version, ...body });
    ok(r, 200, 'triage');
    return r.body;
  }
  async function assessed(caseId, authors, overrides = {}) {
    const [author, reviewer] = authors;
    const d = await author.post(`/api/v1/cases/${caseId}/assessments`, {
      product: 'DI', seriousness: 4, likelihood: 3, resistance_level: 2,
      reasoning: 'Aanhoudende dreiging', ...overrides });
    ok(d, 201, 'draft');
    const s = await author.post(`/api/v1/assessments/${d.body.id}/submit`, { version: d.body.version });
    ok(s, 200, 'submit');
    const a = await reviewer.post(`/api/v1/assessments/${d.body.id}/approve`, { version: s.body.version, comment: 'Akkoord' });
    ok(a, 200, 'approve');
    return a.body;
  }
  // A national case with a final DI (threat level 3, resistance level 2 proposed): status decision.
  async function nationalInDecision(overrides = {}, assessment = {}) {
    const c = await triaged(await refer(overrides), { outcome: 'national' });
    await assessed(c.id, [u.analyst, u.analyst2], assessment);
    const now = await caseOf(u.cbb, c.id);
    assert.equal(now.status, 'decision');
    return now;
  }
  async function localInDecision(overrides = {}) {
    const c = await triaged(await refer(overrides), { outcome: 'local', district: 'amsterdam' });
    await assessed(c.id, [u.analystAms, u.analystAms2]);
    return caseOf(u.omAms, c.id);
  }
  const decisionBody = (c, overrides = {}) => ({
    measures: measures(PACKAGE_2), proportionality: 'Noodzakelijk en evenredig gezien de dreiging',
    tbp_view: 'Betrokkene stemt in', legal_basis: 'Artikel 12 Politiewet 2012', version: c.version, ...overrides });
  async function decide(client, c, overrides) {
    const r = await client.post(`/api/v1/cases/${c.id}/decisions`, decisionBody(c, overrides));
    ok(r, 201, 'decide');
    return r.body;
  }
  // A refused decision stores nothing: no decision, no measure, the case as it was.
  async function refusedDecision(client, c, overrides, status, code, what) {
    const before = { decisions: count('decisions', c.id), measures: count('measures', c.id) };
    const r = await client.post(`/api/v1/cases/${c.id}/decisions`, decisionBody(c, overrides));
    assertProblem(r, status, code, what);
    assert.deepEqual({ decisions: count('decisions', c.id), measures: count('measures', c.id) }, before, `${what}: nothing stored`);
    assert.equal(Number(sql(`SELECT version FROM cases WHERE id = ${c.id};`)), c.version, `${what}: case unchanged`);
    return r;
  }
  async function patch(client, m, status, extra = {}) {
    return client.patch(`/api/v1/measures/${m.id}`, { status, version: m.version, ...extra });
  }
  async function worklist(client) {
    const r = await client.get('/api/v1/worklist');
    ok(r, 200, 'worklist');
    return r.body;
  }

  before(async () => {
    server = await startServer({ users: [...USERS, ...EXTRA_USERS] });
    const names = { ref: 'ref-ams', triage: 'triage1', analyst: 'analyst-nctv', analyst2: 'analyst-nctv2',
      analystAms: 'analyst-ams', analystAms2: 'analyst-ams2', cbb: 'cbb', omAms: 'om-ams', omRdam: 'om-rdam',
      omDh: 'om-dh', leadLe: 'lead-le', leadAms: 'lead-ams', leadRdam: 'lead-rdam', coordLe: 'coord-le',
      care: 'care-ams', privacy: 'privacy1', admin: 'admin1', inspector: 'inspector1' };
    const clients = await Promise.all(Object.values(names).map((n) => loggedIn(server, n)));
    u = Object.fromEntries(Object.keys(names).map((k, i) => [k, clients[i]]));
  });
  after(async () => { await server?.stop(); });

  test('the catalogue answers the measures, the packages and the terms', async () => {
    const r = await u.ref.get('/api/v1/measures/catalogue');
    ok(r, 200, 'catalogue');
    const escort = r.body.measures.find((m) => m.type === 'escort');
    assert.equal(escort.person_oriented, true);
    assert.deepEqual(escort.executor_kinds.sort(), ['kmar', 'police']);
    assert.equal(r.body.measures.find((m) => m.type === 'permanent_supervision_b').object_standard, true);
    assert.deepEqual(r.body.packages.persons['2'], PACKAGE_2);
    assert.deepEqual(r.body.packages.category_i, CATEGORY_I);
    assert.deepEqual([r.body.urgent_confirm_days, r.body.review_days_default, r.body.aftercare_days], [14, 90, 30]);
  });

  test('the whole chain: decision, orders, execution, new information, scaling down, end and aftercare', async () => {
    const c = await nationalInDecision();
    assert.deepEqual(c.flags, []);
    assert.equal(c.subject, 'persons');
    const auth = await worklist(u.cbb);
    assert.ok(auth.items.some((i) => i.reasons.includes('decision_due') && i.case_id === c.id), 'decision due for the NCTV');

    const d = await decide(u.cbb, c, { measures: [...measures(PACKAGE_2), measure('escort', 'politie-le', { end: isoDay(60), details: '2 personen' })], contact_person: 'care-ams' });
    assert.deepEqual(Object.keys(d).filter((k) => k !== 'measures').sort(), [...DECISION_FIELDS].sort());
    assert.equal(d.status, 'in_force');
    assert.equal(d.basis, 'assessment');
    assert.equal(d.provisional, false);
    assert.equal(d.authority_org, 'nctv');
    assert.deepEqual(d.decided_by, { username: 'cbb', org: 'nctv' });
    assert.deepEqual([d.threat_level, d.resistance_level, d.proposed_threat_level, d.proposed_resistance_level], [3, 2, 3, 2]);
    assert.equal(d.review_date, isoDay(90));
    assert.equal(d.contact_person.username, 'care-ams');
    assert.equal(d.supersedes, null);
    assert.equal(d.measures.length, 4);
    assert.deepEqual(Object.keys(d.measures[0]).sort(), [...MEASURE_FIELDS].sort());
    assert.ok(d.measures.every((m) => m.status === 'planned' && m.decision_id === d.id && m.executor_org === 'politie-le'));
    let escort = d.measures.find((m) => m.type === 'escort');
    assert.equal(escort.end, isoDay(60));
    const afterDecision = await caseOf(u.cbb, c.id);
    assert.equal(afterDecision.status, 'protection');
    assert.ok(afterDecision.team.some((t) => t.org === 'politie-le' && t.membership === 'executor'));
    assert.equal(afterDecision.timeline.at(-1).event, 'decision');
    assert.equal(sql(`SELECT count(*) FROM audit_log WHERE action = 'decision.create' AND object_id = '${d.id}';`), '1');

    // Reads: list without measures, one with.
    const list = await u.ref.get(`/api/v1/cases/${c.id}/decisions`);
    ok(list, 200, 'list');
    assert.equal(list.body.items.length, 1);
    assert.equal(list.body.items[0].measures, undefined);
    const one = await u.ref.get(`/api/v1/decisions/${d.id}`);
    ok(one, 200, 'get');
    assert.deepEqual(one.body, d);
    assertProblem(await u.omRdam.get(`/api/v1/decisions/${d.id}`), 404, 'not_found', 'decision of an invisible case');
    assertProblem(await u.omRdam.get(`/api/v1/cases/${c.id}/measures`), 404, 'not_found', 'measures of an invisible case');

    // Work orders of the executor, for its unit lead and coordinator.
    for (const client of [u.leadLe, u.coordLe]) {
      const w = await worklist(client);
      assert.deepEqual(w.items, []);
      assert.deepEqual(d.measures.map((m) => m.id).every((id) => w.orders.some((o) => o.id === id)), true);
    }

    // Execution: planned -> active -> suspended -> active, with refusals that change nothing.
    assertProblem(await patch(u.leadAms, escort, 'active'), 403, 'forbidden', 'unit lead of another organisation on the team');
    assertProblem(await patch(u.leadRdam, escort, 'active'), 404, 'not_found', 'not visible');
    assertProblem(await patch(u.cbb, escort, 'active'), 403, 'forbidden', 'the authority does not execute');
    assertProblem(await patch(u.leadLe, escort, 'suspended'), 409, 'invalid_transition', 'planned -> suspended');
    assertProblem(await patch(u.leadLe, { ...escort, version: escort.version + 5 }, 'active'), 409, 'version_conflict', 'stale');
    assertProblem(await patch(u.leadLe, escort, 'paused'), 422, 'validation_failed', 'unknown status');
    let r = await patch(u.leadLe, escort, 'active', { note: 'Team ingezet' });
    ok(r, 200, 'activate');
    assert.equal(r.body.status, 'active');
    assert.ok(r.body.activated_at);
    assert.equal(r.body.note, 'Team ingezet');
    assert.equal(r.body.updated_by, 'lead-le');
    escort = r.body;
    assertProblem(await patch(u.leadLe, escort, 'planned'), 409, 'invalid_transition', 'active -> planned');
    r = await patch(u.leadLe, escort, 'suspended');
    ok(r, 200, 'suspend');
    assert.ok(r.body.suspended_at);
    r = await patch(u.leadLe, r.body, 'active');
    ok(r, 200, 'resume');
    escort = r.body;
    const events = (await caseOf(u.cbb, c.id)).timeline.map((e) => e.event);
    assert.deepEqual(events.slice(-3), ['measure_active', 'measure_suspended', 'measure_active']);
    const caseMeasures = await u.cbb.get(`/api/v1/cases/${c.id}/measures`);
    ok(caseMeasures, 200, 'case measures');
    assert.equal(caseMeasures.body.items.find((m) => m.id === escort.id).status, 'active');

    // New information: a signal after the decision flags the case for the authority and the analyst.
    const sig = await u.analyst.post(`/api/v1/cases/${c.id}/signals`, {
      received_at: isoDay(0), source_org: 'nctv', source_grade: 'B', info_grade: '2', handling: 'H0',
      compartment: 'police', concreteness: 'concrete', text: 'Nieuwe dreiging na de beslissing' });
    ok(sig, 201, 'signal');
    let now = await caseOf(u.cbb, c.id);
    assert.deepEqual(now.flags, ['new_information']);
    assert.ok((await worklist(u.cbb)).items.some((i) => i.reasons.includes('new_information') && i.case_id === c.id));
    assert.ok((await worklist(u.analyst)).items.some((i) => i.reasons.includes('new_information') && i.case_id === c.id));
    const listed = (await u.cbb.get('/api/v1/cases?per_page=100')).body.items.find((i) => i.id === c.id);
    assert.deepEqual(listed.flags, ['new_information']);

    // Re-assessment (resistance level 1 now) and a scaling-down decision: escort ends, the rest continues.
    await assessed(c.id, [u.analyst, u.analyst2], { resistance_level: 1, seriousness: 2, likelihood: 2 });
    now = await caseOf(u.cbb, c.id);
    assert.equal(now.status, 'protection');
    const d2 = await decide(u.cbb, now, { measures: measures(PACKAGE_2) });
    assert.equal(d2.supersedes, d.id);
    assert.equal(d2.resistance_level, 1);
    assert.deepEqual(d2.measures.map((m) => m.id).sort(), d.measures.filter((m) => m.type !== 'escort').map((m) => m.id).sort(), 'continued, same measures');
    assert.ok(d2.measures.every((m) => m.decision_id === d2.id && m.status === 'planned'));
    assert.equal((await u.cbb.get(`/api/v1/decisions/${d.id}`)).body.status, 'superseded');
    const ended = (await u.cbb.get(`/api/v1/cases/${c.id}/measures`)).body.items.find((m) => m.id === escort.id);
    assert.equal(ended.status, 'ended');
    assert.ok(ended.ended_at);
    assert.match(ended.note, new RegExp(`decision ${d2.id}`));
    now = await caseOf(u.cbb, c.id);
    assert.deepEqual(now.flags, [], 'the new decision took the new information into account');
    assert.ok(now.timeline.some((e) => e.event === 'measure_ended'));
    assert.ok(!(await worklist(u.leadLe)).orders.some((o) => o.id === escort.id), 'ended orders leave the list');

    // The end: measures end, the decision ends, the case closes, aftercare is due today.
    assertProblem(await u.analyst.post(`/api/v1/cases/${c.id}/end`, { reasoning: 'x', version: now.version }), 403, 'forbidden', 'analyst ends');
    assertProblem(await u.cbb.post(`/api/v1/cases/${c.id}/end`, { reasoning: 'x', aftercare_date: isoDay(-1), version: now.version }), 422, 'validation_failed', 'aftercare in the past');
    assertProblem(await u.cbb.post(`/api/v1/cases/${c.id}/end`, { reasoning: 'x', version: now.version - 1 }), 409, 'version_conflict', 'stale end');
    assert.equal((await caseOf(u.cbb, c.id)).status, 'protection', 'refused ends changed nothing');
    r = await u.cbb.post(`/api/v1/cases/${c.id}/end`, { reasoning: 'Dreiging is weggenomen', aftercare_date: isoDay(0), version: now.version });
    ok(r, 200, 'end');
    assert.equal(r.body.status, 'closed');
    assert.deepEqual(r.body.flags, ['aftercare_due']);
    assert.equal((await u.cbb.get(`/api/v1/decisions/${d2.id}`)).body.status, 'ended');
    const all = (await u.cbb.get(`/api/v1/cases/${c.id}/measures`)).body.items;
    assert.ok(all.every((m) => m.status === 'ended'));
    assert.equal(sql(`SELECT due_on FROM aftercare WHERE case_id = ${c.id};`), isoDay(0));
    assert.ok((await worklist(u.care)).items.some((i) => i.reasons.includes('aftercare_due') && i.case_id === c.id));
    assertProblem(await u.cbb.post(`/api/v1/cases/${c.id}/decisions`, decisionBody(r.body)), 409, 'invalid_transition', 'decision on a closed case');

    // The person page: decisions, measures, contact person and flags across visible cases.
    const p = await u.ref.get(`/api/v1/persons/${c.persons[0].id}`);
    ok(p, 200, 'person');
    assert.deepEqual(p.body.decisions.map((x) => x.id).sort(), [d.id, d2.id].sort());
    assert.equal(p.body.measures.length, 4);
    assert.deepEqual(p.body.cases[0].flags, ['aftercare_due']);
    assert.equal(p.body.employer_org, null);
    assert.deepEqual(p.body.household, []);
    assert.deepEqual(p.body.refusals, []);
  });

  test('who may decide: the case authority only (others who see it 403, others 404)', async () => {
    const c = await nationalInDecision();
    await refusedDecision(u.analyst, c, {}, 403, 'forbidden', 'analyst on the team');
    await refusedDecision(u.ref, c, {}, 403, 'forbidden', 'referrer on the team');
    await refusedDecision(u.omRdam, c, {}, 404, 'not_found', 'authority not on the team');
    await refusedDecision(u.cbb, c, { version: c.version + 1 }, 409, 'version_conflict', 'stale');
    assert.equal(sql(`SELECT count(*) FROM audit_log WHERE action = 'decision.create' AND outcome = 'denied' AND object_id = '${c.id}';`), '3');
  });

  test('two decisions at once on the same version: one is stored, the other gets 409', async () => {
    const c = await nationalInDecision();
    const results = await Promise.all([0, 1].map(() => u.cbb.post(`/api/v1/cases/${c.id}/decisions`, decisionBody(c))));
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 409], JSON.stringify(results.map((r) => r.body)));
    assert.equal(count('decisions', c.id), 1);
    assert.equal(count('measures', c.id), 3);
  });

  test('validation: 422 on the field at fault, nothing stored', async () => {
    const c = await nationalInDecision();
    const cases = [
      [{ proportionality: undefined }, 'proportionality'],
      [{ legal_basis: '' }, 'legal_basis'],
      [{ tbp_view: undefined }, 'tbp_view'],
      [{ tbp_not_heard_reason: 'Niet bereikbaar' }, 'tbp_view'],
      [{ measures: [measure('bodyguard')] }, 'measures[0].type'],
      [{ measures: [...measures(PACKAGE_2), measure('escort', 'nope-org')] }, 'measures[3].executor_org'],
      [{ measures: [...measures(PACKAGE_2), measure('escort', 'om-amsterdam')] }, 'measures[3].executor_org'],
      [{ measures: [measure('security_advice', 'politie-le', { end: isoDay(0) })] }, 'measures[0].end'],
      [{ measures: [measure('security_advice', 'politie-le', { start: isoDay(-40) })] }, 'measures[0].start'],
      [{ measures: [measure('security_advice'), measure('security_advice')] }, 'measures[1]'],
      [{ measures: [measure('security_advice', 'politie-le', { object_id: 999999 })] }, 'measures[0].object_id'],
      [{ review_date: isoDay(0) }, 'review_date'],
      [{ contact_person: 'cbb' }, 'contact_person'],
      [{ threat_level: 5 }, 'deviation_reasoning'],
      [{ resistance_level: 3, measures: measures([...PACKAGE_2, 'data_shielding', 'surveillance_attention']) }, 'deviation_reasoning'],
    ];
    for (const [overrides, field] of cases) {
      const r = await refusedDecision(u.cbb, c, overrides, 422, 'validation_failed', field);
      assert.ok(r.body.errors.some((e) => e.field === field), `${field}: ${JSON.stringify(r.body.errors)}`);
    }
    assertProblem(await u.cbb.post(`/api/v1/cases/${c.id}/decisions`, { ...decisionBody(c), extra: 1 }), 400, 'unknown_field', 'unknown field');
    // With reasoning the deviation is accepted.
    const d = await decide(u.cbb, c, { threat_level: 5, deviation_reasoning: 'Recente escalatie' });
    assert.deepEqual([d.threat_level, d.proposed_threat_level, d.deviation_reasoning], [5, 3, 'Recente escalatie']);
  });

  test('the package: below it 409 below_package with what is missing, then accepted with a reason', async () => {
    const c = await nationalInDecision();
    const r = await refusedDecision(u.cbb, c, { measures: [measure('security_advice')] }, 409, 'below_package', 'below package');
    assert.deepEqual(r.body.missing, ['obe_measures', 'alarm_priority_response']);
    const d = await decide(u.cbb, c, { measures: [measure('security_advice')], below_package_reason: 'Betrokkene weigert de overige maatregelen', tbp_refusal: 'Schriftelijk geweigerd' });
    assert.equal(d.below_package_reason, 'Betrokkene weigert de overige maatregelen');
    const p = await u.ref.get(`/api/v1/persons/${c.persons[0].id}`);
    assert.deepEqual(p.body.refusals.map((x) => x.id), [d.id]);
  });

  test('the basis: no valid assessment, an expired one, IRD only as urgent, category I of the limitative list', async () => {
    // No final assessment: 409 no_valid_assessment.
    const bare = await triaged(await refer(), { outcome: 'national' });
    await refusedDecision(u.cbb, bare, {}, 409, 'no_valid_assessment', 'no assessment');

    // An expired one: the same, and the case is flagged.
    const c = await nationalInDecision();
    sql(`UPDATE assessments SET valid_until = '${isoDay(-1)}' WHERE case_id = ${c.id} AND status = 'final';`);
    await refusedDecision(u.cbb, c, {}, 409, 'no_valid_assessment', 'expired assessment');
    assert.deepEqual((await caseOf(u.cbb, c.id)).flags, ['assessment_expired']);
    assert.ok((await worklist(u.analyst)).items.some((i) => i.reasons.includes('assessment_expired') && i.case_id === c.id));

    // A final IRD: only an urgent, provisional decision with a term to confirm it.
    const i = await triaged(await refer({ urgent: true }), { outcome: 'national' });
    await assessed(i.id, [u.analyst, u.analyst2], { product: 'IRD', seriousness: undefined, likelihood: undefined });
    const ird = await caseOf(u.cbb, i.id);
    await refusedDecision(u.cbb, ird, {}, 409, 'no_valid_assessment', 'IRD without urgent');
    const urgent = await decide(u.cbb, ird, { urgent: true });
    assert.equal(urgent.basis, 'urgent');
    assert.equal(urgent.provisional, true);
    assert.equal(urgent.confirm_by, isoDay(14));
    assert.equal(urgent.threat_level, null);
    sql(`UPDATE decisions SET confirm_by = '${isoDay(-1)}' WHERE id = ${urgent.id};`);
    assert.deepEqual((await caseOf(u.cbb, i.id)).flags, ['provisional_overdue'], 'an unconfirmed urgent decision is flagged');

    // Category I: the NCTV's list; others may not read or write it.
    const k = await triaged(await refer(), { outcome: 'national' });
    await refusedDecision(u.cbb, k, { measures: measures(CATEGORY_I), resistance_level: 1 }, 409, 'no_valid_assessment', 'not on the list yet');
    const entry = { person_id: k.persons[0].id, category: 1, reasoning: 'Minister' };
    assertProblem(await u.omAms.get('/api/v1/limitative-list'), 403, 'forbidden', 'GET by om');
    assertProblem(await u.ref.get('/api/v1/limitative-list'), 403, 'forbidden', 'GET by referrer');
    assertProblem(await u.admin.get('/api/v1/limitative-list'), 403, 'forbidden', 'GET by the NCTV admin');
    assertProblem(await u.analyst.post('/api/v1/limitative-list', entry), 403, 'forbidden', 'POST by an NCTV analyst');
    assertProblem(await u.omAms.post('/api/v1/limitative-list', entry), 403, 'forbidden', 'POST by om');
    assertProblem(await u.cbb.post('/api/v1/limitative-list', { ...entry, person_id: 99999999 }), 422, 'validation_failed', 'unknown person');
    assertProblem(await u.cbb.post('/api/v1/limitative-list', { ...entry, category: 3 }), 422, 'validation_failed', 'category 3');
    assert.equal(Number(sql(`SELECT count(*) FROM limitative_list WHERE person_id = ${k.persons[0].id};`)), 0);
    const added = await u.cbb.post('/api/v1/limitative-list', entry);
    ok(added, 201, 'add to list');
    assert.equal(added.body.category, 1);
    const listed = await u.analyst.get('/api/v1/limitative-list');
    ok(listed, 200, 'NCTV analyst reads the list');
    assert.ok(listed.body.items.some((e) => e.id === added.body.id));
    await refusedDecision(u.cbb, k, { measures: [measure('security_advice')], resistance_level: 1 }, 409, 'below_package', 'category I package');
    const d = await decide(u.cbb, k, { measures: measures(CATEGORY_I), resistance_level: 1 });
    assert.equal(d.basis, 'category_i');
    assert.equal(d.assessment_id, null);
    assert.equal((await caseOf(u.cbb, k.id)).status, 'protection');
  });

  test('exclusivity: no person-oriented measures locally while the person is in an open national case', async () => {
    const national = await nationalInDecision();
    const local = await localInDecision({ persons: [{ person_id: national.persons[0].id }] });
    const body = { measures: [...measures(PACKAGE_2, 'politie-amsterdam'), measure('escort', 'politie-amsterdam')] };
    await refusedDecision(u.omAms, local, body, 409, 'exclusivity', 'person-oriented locally');
    const d = await decide(u.omAms, local, { measures: [measure('camera_monitoring', 'politie-amsterdam')], below_package_reason: 'Persoonsgerichte maatregelen landelijk' });
    assert.equal(d.measures[0].type, 'camera_monitoring');
    const household = await u.ref.get(`/api/v1/persons/${national.persons[0].id}`);
    assert.equal(household.body.cases.length, 2);
  });

  test('authority conflicts at triage: own district, a mayor, and unknown employers', async () => {
    assertProblem(await u.ref.post('/api/v1/cases', sampleCase({ persons: [{ ...sampleCase().persons[0], employer_org: 'nope-org' }] })), 422, 'validation_failed', 'unknown employer');
    const prosecutor = await refer({ persons: [{ ...sampleCase().persons[0], function: 'officier van justitie', employer_org: 'om-amsterdam' }] });
    assert.equal(prosecutor.persons[0].employer_org, 'om-amsterdam');
    let r = await u.triage.post(`/api/v1/cases/${prosecutor.id}/triage`, { outcome: 'local', district: 'amsterdam', reasoning: 'Lokaal', version: prosecutor.version });
    assertProblem(r, 409, 'authority_conflict', 'prosecutor in their own district');
    assert.deepEqual(r.body.conflicts, [{ person_id: prosecutor.persons[0].id, employer_org: 'om-amsterdam' }]);
    const still = await caseOf(u.triage, prosecutor.id);
    assert.equal(still.status, 'referred');
    assert.equal(still.version, prosecutor.version);
    const t = await triaged(prosecutor, { outcome: 'local', district: 'amsterdam', authority_district: 'den-haag' });
    assert.equal(t.authority.org, 'om-den-haag');
    assert.ok(t.team.some((m) => m.org === 'politie-amsterdam' && m.membership === 'daf'), 'the DAF stays the district\'s');
    assertProblem(await u.triage.post(`/api/v1/cases/${prosecutor.id}/triage`, { outcome: 'national', authority_district: 'den-haag', reasoning: 'x', version: t.version }), 422, 'validation_failed', 'authority_district with national');

    const mayor = await refer({ persons: [{ ...sampleCase().persons[0], function: 'burgemeester', employer_org: 'gemeente-amsterdam' }] });
    r = await u.triage.post(`/api/v1/cases/${mayor.id}/triage`, { outcome: 'local', district: 'amsterdam', reasoning: 'Lokaal', version: mayor.version });
    assertProblem(r, 409, 'authority_conflict', 'mayor without NCTV advice');
    const m = await triaged(mayor, { outcome: 'local', district: 'amsterdam', nctv_advice: 'NCTV adviseert lokale aanpak' });
    assert.equal(m.authority.org, 'om-amsterdam');
    assert.match(m.timeline.at(-1).text, /NCTV adviseert lokale aanpak/);
  });

  test('transfer local -> national: the authority changes, measures continue, the new authority decides', async () => {
    const c = await localInDecision();
    const d = await decide(u.omAms, c, { measures: measures(PACKAGE_2, 'politie-amsterdam') });
    let now = await caseOf(u.omAms, c.id);
    assertProblem(await u.leadAms.post(`/api/v1/cases/${c.id}/transfer`, { to: 'national', reasoning: 'x', version: now.version }), 403, 'forbidden', 'unit lead transfers');
    assertProblem(await u.omRdam.post(`/api/v1/cases/${c.id}/transfer`, { to: 'national', reasoning: 'x', version: now.version }), 404, 'not_found', 'not visible');
    assertProblem(await u.triage.post(`/api/v1/cases/${c.id}/transfer`, { to: 'local', district: 'rotterdam', reasoning: 'x', version: now.version }), 409, 'invalid_transition', 'same domain');
    assertProblem(await u.triage.post(`/api/v1/cases/${c.id}/transfer`, { to: 'national', reasoning: 'x', version: now.version - 1 }), 409, 'version_conflict', 'stale');
    assertProblem(await u.triage.post(`/api/v1/cases/${c.id}/transfer`, { to: 'local', reasoning: 'x', version: now.version }), 422, 'validation_failed', 'local without district');
    assert.equal((await caseOf(u.omAms, c.id)).version, now.version, 'refusals changed nothing');

    const r = await u.triage.post(`/api/v1/cases/${c.id}/transfer`, { to: 'national', reasoning: 'Landelijk belang gebleken', version: now.version });
    ok(r, 200, 'transfer');
    assert.equal(r.body.domain, 'national');
    assert.equal(r.body.authority.org, 'nctv');
    assert.deepEqual(r.body.flags, ['previous_authority']);
    assert.ok(r.body.team.some((m) => m.org === 'om-amsterdam'), 'the former authority stays on the team');
    assert.ok(r.body.team.some((m) => m.org === 'aivd' && m.membership === 'daf'));
    assert.match(r.body.timeline.at(-1).text, /from local \(om-amsterdam\) to national \(nctv\)/);
    const still = (await u.cbb.get(`/api/v1/cases/${c.id}/measures`)).body.items;
    assert.deepEqual(still.map((m) => m.status), ['planned', 'planned', 'planned']);
    assert.ok((await worklist(u.cbb)).items.some((i) => i.reasons.includes('previous_authority') && i.case_id === c.id));

    now = await caseOf(u.cbb, c.id);
    await refusedDecision(u.omAms, now, { measures: measures(PACKAGE_2, 'politie-amsterdam') }, 403, 'forbidden', 'the former authority');
    const d2 = await decide(u.cbb, now, { measures: measures(PACKAGE_2, 'politie-amsterdam') });
    assert.equal(d2.authority_org, 'nctv');
    assert.deepEqual(d2.measures.map((m) => m.id).sort(), d.measures.map((m) => m.id).sort(), 'measures continue');
    assert.deepEqual((await caseOf(u.cbb, c.id)).flags, []);
  });

  test('a decision without measures closes a case in decision; protection is ended with /end', async () => {
    const c = await nationalInDecision({}, { resistance_level: undefined });
    const d = await decide(u.cbb, c, { measures: [], resistance_level: 1, below_package_reason: 'Geen maatregelen nodig' });
    assert.equal(d.measures.length, 0);
    assert.equal((await caseOf(u.cbb, c.id)).status, 'closed');
  });

  test('work lists per role; roles without one get 403', async () => {
    assert.equal((await worklist(u.cbb)).role, 'authority');
    assert.equal((await worklist(u.analyst)).role, 'analyst');
    assert.equal((await worklist(u.care)).role, 'care');
    const orders = await worklist(u.leadLe);
    assert.ok(orders.orders.every((m, i, a) => i === 0 || a[i - 1].start <= m.start), 'oldest start first');
    for (const client of [u.ref, u.triage, u.privacy, u.admin, u.inspector]) {
      assertProblem(await client.get('/api/v1/worklist'), 403, 'forbidden', 'no work list');
    }
    const omList = await worklist(u.omRdam);
    assert.ok(omList.items.every((i) => i.case_reference), 'only its own cases');
  });
});

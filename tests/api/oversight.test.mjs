// Oversight (docs/OVERSIGHT.md): the privacy officer's views (who read or changed a case or person,
// disclosures, gathering past the intrusion threshold) and the inspector's (figures, the audit
// trail). A small world where several users read, a release is approved, one gathering act rests
// on a prosecutor's order and one was refused; each view must answer what happened and nothing
// else, refuse every other role (audited), and check its query string.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, sampleCase, USERS } from '../lib/server.mjs';
import { assertProblem, dbQuery, isoDay } from './util.mjs';

const CAST = [
  ...USERS,
  ['po1', 'privacy_officer', 'nctv'],
  ['analyst-aivd', 'analyst', 'aivd'],
  ['analyst-ams', 'analyst', 'politie-amsterdam'],
];

const VIEWS = ['/api/v1/oversight/access?object_type=case&object_id=1', '/api/v1/oversight/disclosures',
  '/api/v1/oversight/gathering', '/api/v1/oversight/figures', '/api/v1/oversight/audit'];
const PO_ONLY = VIEWS.slice(0, 3);

describe('oversight', () => {
  let server, u, A, B, person, release, order, act;
  const count = (sql) => Number(dbQuery(server.db, sql).trim());

  async function call(who, method, path, body, status) {
    const r = method === 'GET' ? await u[who].get(path) : await u[who].post(path, body);
    assert.equal(r.status, status, `${who} ${method} ${path}: ${JSON.stringify(r.body)}`);
    return r.body;
  }
  const get = (who, path, status = 200) => call(who, 'GET', path, undefined, status);
  const post = (who, path, body, status = 201) => call(who, 'POST', path, body, status);

  before(async () => {
    server = await startServer({ users: CAST });
    u = {};
    for (const [name] of CAST) u[name] = await loggedIn(server, name);
    A = await post('ref-ams', '/api/v1/cases', sampleCase({ summary: 'Rechter in Amsterdam bedreigd' }));
    B = await post('ref-ams', '/api/v1/cases', sampleCase({ summary: 'Landelijke zaak',
      persons: [{ given_names: 'Sanne', surname: 'Andere', date_of_birth: '1980-01-01' }] }));
    A = await post('triage1', `/api/v1/cases/${A.id}/triage`,
      { outcome: 'local', district: 'amsterdam', reasoning: 'lokaal', version: A.version }, 200);
    B = await post('triage1', `/api/v1/cases/${B.id}/triage`,
      { outcome: 'national', reasoning: 'rijksdomein', version: B.version }, 200);
    person = A.persons[0].id;
    // Reads by several users, and one attempt by somebody outside the team.
    await get('ref-ams', `/api/v1/cases/${A.id}`);
    await get('om-ams', `/api/v1/cases/${A.id}`);
    await get('analyst-ams', `/api/v1/persons/${person}`);
    await get('ref-rdam', `/api/v1/cases/${A.id}`, 404);
    await get('cbb', `/api/v1/cases/${B.id}`);
    // A release approved by the originator.
    const h2 = await post('analyst-aivd', `/api/v1/cases/${B.id}/signals`, {
      received_at: isoDay(-1), source_org: 'aivd', source_grade: 'B', info_grade: '2', handling: 'H2',
      compartment: 'intelligence_service', concreteness: 'concrete', text: 'Dienstinformatie kroonjuweel' });
    const req = await post('analyst-nctv', `/api/v1/signals/${h2.id}/release-requests`, { reason: 'Nodig voor de DI' });
    release = await post('analyst-aivd', `/api/v1/release-requests/${req.id}/decision`,
      { decision: 'approve', note: 'Akkoord', version: req.version }, 200);
    // Gathering: up to the threshold, one refused, then an order and an act resting on it.
    const path = `/api/v1/subjects/person/${person}/gathering`;
    const observe = (days) => ({ method: 'observation', legal_basis: 'art. 3 Politiewet', duration_days: days, justification: 'Rond de woning' });
    await post('analyst-ams', path, observe(25));
    assertProblem(await u['analyst-ams'].post(path, observe(1)), 409, 'intrusion_threshold');
    order = await post('om-ams', `/api/v1/subjects/person/${person}/orders`,
      { scope: 'Stelselmatige observatie', until: isoDay(30), reasoning: 'Art. 126g Sv' });
    act = (await post('analyst-ams', path, observe(2))).act;
  });
  after(async () => { await server?.stop(); });

  test('who read or changed a case: its entries only, newest first, with who, when and the outcome', async () => {
    const view = await get('po1', `/api/v1/oversight/access?object_type=case&object_id=${A.id}&per_page=100`);
    assert.deepEqual(view.object, { type: 'case', id: A.id });
    assert.equal(view.total, view.items.length);
    for (const e of view.items) {
      assert.equal(e.object_type, 'case');
      assert.equal(e.object_id, String(A.id));
      for (const k of ['seq', 'at', 'username', 'org', 'role', 'action', 'purpose', 'outcome', 'detail']) assert.ok(k in e, k);
      assert.ok(!('hash' in e), 'hashes are the inspector\'s trail view');
    }
    for (let i = 1; i < view.items.length; i++) assert.ok(view.items[i - 1].seq > view.items[i].seq, 'newest first');
    const has = (user, action, outcome) => view.items.some((e) => e.username === user && e.action === action && e.outcome === outcome);
    assert.ok(has('ref-ams', 'case.read', 'ok'));
    assert.ok(has('om-ams', 'case.read', 'ok'));
    assert.ok(has('ref-rdam', 'case.read', 'denied'), 'the refused attempt is there');
    assert.ok(has('triage1', 'case.triage', 'ok'));
    assert.ok(has('ref-ams', 'case.create', 'ok'));
    assert.ok(!view.items.some((e) => e.username === 'cbb'), 'not the reads of another case');
    const om = view.items.find((e) => e.username === 'om-ams');
    assert.equal(om.org, 'om-amsterdam');
    assert.equal(om.role, 'authority');
    assert.match(om.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    // Pages: disjoint, same total, together the whole list.
    const p1 = await get('po1', `/api/v1/oversight/access?object_type=case&object_id=${A.id}&per_page=2`);
    const p2 = await get('po1', `/api/v1/oversight/access?object_type=case&object_id=${A.id}&per_page=2&page=2`);
    assert.equal(p1.items.length, 2);
    assert.equal(p1.page, 1);
    assert.equal(p2.page, 2);
    assert.ok(p2.total >= view.total, 'the total grows only by the privacy officer\'s own reads');
    // The first page's look-up is itself a newer entry on the case: the list moved down by one.
    assert.equal(p2.items[0].seq, p1.items[1].seq);
    assert.equal(p2.total, p1.total + 1);
    // Dates: nothing before today, everything from today.
    assert.equal((await get('po1', `/api/v1/oversight/access?object_type=case&object_id=${A.id}&to=${isoDay(-400)}`)).total, 0);
    const today = new Date().toISOString().slice(0, 10);
    assert.ok((await get('po1', `/api/v1/oversight/access?object_type=case&object_id=${A.id}&from=${today}&to=${today}`)).total >= view.total);
  });

  test('who read a person: the person\'s own entries and those on the cases the person is in', async () => {
    const view = await get('po1', `/api/v1/oversight/access?object_type=person&object_id=${person}&per_page=100`);
    assert.deepEqual(view.case_ids, [A.id]);
    assert.ok(view.items.some((e) => e.username === 'analyst-ams' && e.action === 'person.read' && e.object_id === String(person)));
    assert.ok(view.items.some((e) => e.username === 'om-ams' && e.action === 'case.read' && e.object_id === String(A.id)));
    assert.ok(view.items.some((e) => e.action === 'gathering.create' && e.outcome === 'refused'), 'the refused gathering on the person');
    for (const e of view.items) {
      assert.ok((e.object_type === 'person' && e.object_id === String(person)) || (e.object_type === 'case' && e.object_id === String(A.id)), JSON.stringify(e));
    }
  });

  test('an unknown object answers an empty list, and the privacy officer\'s reads are themselves in the trail', async () => {
    const view = await get('po1', '/api/v1/oversight/access?object_type=person&object_id=999999');
    assert.deepEqual([view.items, view.total, view.case_ids], [[], 0, []]);
    const mine = await get('po1', '/api/v1/oversight/access?object_type=person&object_id=999999');
    assert.equal(mine.total, 1, 'the previous look-up is an entry on that person');
    assert.equal(mine.items[0].action, 'oversight.access');
    assert.equal(mine.items[0].username, 'po1');
    assert.equal(mine.items[0].role, 'privacy_officer');
  });

  test('disclosures: the approved release with originator, recipient and decider; nothing else', async () => {
    const view = await get('po1', '/api/v1/oversight/disclosures');
    assert.equal(view.total, 1, JSON.stringify(view));
    const [d] = view.items;
    assert.equal(d.kind, 'release');
    assert.equal(d.release_id, release.id);
    assert.equal(d.case_id, B.id);
    assert.equal(d.originator_org, 'aivd');
    assert.deepEqual(d.recipient, { username: 'analyst-nctv', org: 'nctv' });
    assert.deepEqual(d.decided_by, { username: 'analyst-aivd', org: 'aivd' });
    assert.equal(d.reason, 'Nodig voor de DI');
    assert.equal(d.decision_note, 'Akkoord');
    assert.equal(d.at, release.decided_at);
    assert.ok(!JSON.stringify(view).includes('kroonjuweel'), 'not the signal\'s content');
    assert.equal((await get('po1', `/api/v1/oversight/disclosures?to=${isoDay(-400)}`)).total, 0);
    assert.equal((await get('po1', '/api/v1/oversight/disclosures?page=2')).items.length, 0);
  });

  test('gathering: the act past the threshold with its order, and the refused attempt', async () => {
    const view = await get('po1', '/api/v1/oversight/gathering');
    assert.equal(view.threshold, 100);
    assert.equal(view.past_threshold.total, 1);
    const [p] = view.past_threshold.items;
    assert.equal(p.act.id, act.id);
    assert.deepEqual(p.act.subject, { kind: 'person', id: person });
    assert.equal(p.act.method, 'observation');
    assert.equal(p.act.intrusion, 8);
    assert.deepEqual(p.act.recorded_by, { username: 'analyst-ams', org: 'politie-amsterdam' });
    assert.equal(p.order.id, order.id);
    assert.equal(p.order.scope, 'Stelselmatige observatie');
    assert.deepEqual(p.order.recorded_by, { username: 'om-ams', org: 'om-amsterdam' });
    assert.equal(view.refused.total, 1);
    const [r] = view.refused.items;
    assert.deepEqual(r.subject, { kind: 'person', id: person });
    assert.deepEqual([r.method, r.intrusion, r.total, r.threshold], ['observation', 4, 100, 100]);
    assert.deepEqual(r.by, { username: 'analyst-ams', org: 'politie-amsterdam', role: 'analyst' });
    assert.ok(!JSON.stringify(view).includes('Berg'), 'subjects by kind and id, not by name');
    const page2 = await get('po1', '/api/v1/oversight/gathering?page=2&per_page=1');
    assert.deepEqual([page2.past_threshold.items, page2.refused.items], [[], []]);
  });

  test('figures: counts only, for the inspector and the privacy officer', async () => {
    for (const who of ['inspector1', 'po1']) {
      const f = await get(who, '/api/v1/oversight/figures');
      assert.equal(f.cases_total, count('SELECT count(*) FROM cases'));
      assert.equal(f.cases.reduce((n, c) => n + c.count, 0), f.cases_total);
      const local = f.cases.find((c) => c.domain === 'local');
      assert.deepEqual([local.status, local.subject, local.count], ['assessment', 'persons', 1]);
      assert.deepEqual(f.release_requests, { pending: 0, approved: 1, refused: 0 });
      assert.equal(f.signals.intelligence_service, 1);
      assert.equal(f.signals.police, 0);
      assert.equal(f.gathering_past_threshold, 1);
      assert.equal(f.decisions_in_force, 0);
      assert.deepEqual(f.measures, { planned: 0, active: 0, suspended: 0, ended: 0 });
      assert.equal(f.assessments_expired, 0);
      assert.deepEqual(f.break_glass, { pending: 0, justified: 0, unjustified: 0 });
      assert.ok(f.audit.entries > 10);
      assert.equal(f.audit.entries, f.audit.head_seq);
      const text = JSON.stringify(f);
      for (const personal of ['Berg', 'Andere', 'Rechter', 'ref-ams', 'analyst', 'kroonjuweel', 'aivd']) {
        assert.ok(!text.includes(personal), `${who}: ${personal} in the figures`);
      }
    }
  });

  test('the audit trail: entries with their hashes, newest first, filtered by action and date', async () => {
    const view = await get('inspector1', '/api/v1/oversight/audit?per_page=5');
    assert.equal(view.items.length, 5);
    assert.equal(view.total, view.head.seq, 'without filters the total is the head');
    assert.ok(view.items[0].seq <= view.head.seq);
    for (let i = 1; i < 5; i++) {
      assert.equal(view.items[i - 1].seq, view.items[i].seq + 1);
      assert.equal(view.items[i - 1].prev_hash, view.items[i].hash, 'the page chains');
    }
    assert.match(view.items[0].hash, /^[0-9a-f]{64}$/);
    const reads = await get('inspector1', '/api/v1/oversight/audit?action=case.read&per_page=100');
    assert.ok(reads.total >= 4);
    assert.ok(reads.items.every((e) => e.action === 'case.read'));
    const cases = await get('po1', '/api/v1/oversight/audit?action=case.&per_page=100');
    assert.ok(cases.items.every((e) => e.action.startsWith('case.')));
    assert.ok(cases.total > reads.total);
    assert.equal((await get('inspector1', `/api/v1/oversight/audit?from=${isoDay(400)}`)).total, 0);
    // The oversight reads themselves are in the trail.
    const own = await get('inspector1', '/api/v1/oversight/audit?action=oversight.&per_page=100');
    assert.ok(own.items.some((e) => e.username === 'po1' && e.action === 'oversight.access'));
    assert.ok(own.items.some((e) => e.username === 'inspector1' && e.action === 'oversight.figures'));
  });

  test('everyone else is refused with 403, audited; the inspector never sees case content', async () => {
    const before = count("SELECT count(*) FROM audit_log WHERE action LIKE 'oversight.%' AND outcome = 'denied'");
    let refusals = 0;
    for (const who of ['ref-ams', 'triage1', 'analyst-nctv', 'om-ams', 'care-ams', 'admin1']) {
      for (const path of VIEWS) { assertProblem(await u[who].get(path), 403, 'forbidden', `${who} ${path}`); refusals++; }
    }
    for (const path of PO_ONLY) { assertProblem(await u.inspector1.get(path), 403, 'forbidden', path); refusals++; }
    assert.equal(count("SELECT count(*) FROM audit_log WHERE action LIKE 'oversight.%' AND outcome = 'denied'"), before + refusals);
    for (const path of [`/api/v1/cases/${A.id}`, `/api/v1/persons/${person}`, `/api/v1/cases/${B.id}/signals`,
      `/api/v1/cases/${A.id}/decisions`, `/api/v1/cases/${A.id}/assessments`, `/api/v1/cases/${A.id}/measures`]) {
      assertProblem(await u.inspector1.get(path), 404, 'not_found', path);
    }
    assertProblem(await u.inspector1.get('/api/v1/cases'), 403, 'forbidden');
    const anonymous = await fetch(`${server.base}/api/v1/oversight/figures`);
    assert.equal(anonymous.status, 401);
  });

  test('bad query strings are 400 problem+json naming the parameter; the views store nothing', async () => {
    const tables = ['cases', 'persons', 'signals', 'release_requests', 'gathering_acts', 'gathering_orders'];
    const snapshot = () => tables.map((t) => count(`SELECT count(*) FROM ${t}`));
    const stored = snapshot();
    const bad = [
      ['/api/v1/oversight/access', 'object_type'],
      ['/api/v1/oversight/access?object_type=signal&object_id=1', 'object_type'],
      ['/api/v1/oversight/access?object_type=case&object_id=0', 'object_id'],
      ['/api/v1/oversight/access?object_type=case&object_id=x1', 'object_id'],
      ['/api/v1/oversight/access?object_type=case&object_id=1&from=2026-13-01', 'from'],
      ['/api/v1/oversight/access?object_type=case&object_id=1&from=2026-05-02&to=2026-05-01', 'to'],
      ['/api/v1/oversight/access?object_type=case&object_id=1&page=0', 'page'],
      ['/api/v1/oversight/gathering?per_page=101', 'per_page'],
      ['/api/v1/oversight/disclosures?page=41', 'page'],
      ['/api/v1/oversight/audit?action=CASE%20READ', 'action'],
      ['/api/v1/oversight/audit?action=', 'action'],
      ['/api/v1/oversight/audit?action=case.read%00', 'action'],
    ];
    for (const [path, field] of bad) {
      const r = await u.po1.get(path);
      assertProblem(r, 400, 'bad_request', path);
      assert.ok(r.body.errors.some((e) => e.field === field), `${path}: ${JSON.stringify(r.body.errors)}`);
    }
    assertProblem(await u.po1.get('/api/v1/oversight/figures?x=1'), 400, 'bad_request');
    assertProblem(await u.po1.get('/api/v1/oversight/audit?page=1&page=2'), 400, 'bad_request');
    assertProblem(await u.inspector1.get('/api/v1/oversight/audit?per_page=0'), 400, 'bad_request');
    assert.deepEqual(snapshot(), stored);
  });
});

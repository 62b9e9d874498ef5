// Threat information (docs/DAF.md): recording signals, need-to-know without silence (stubs,
// release requests), threat actors and notifications, search with Dutch stemming that leaks
// nothing, and information gathering within the intrusion threshold.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, sampleCase, schildRaw, USERS } from '../lib/server.mjs';
import { assertProblem, dbQuery, isoDay } from './util.mjs';

const CAST = [
  ...USERS,
  ['analyst-aivd', 'analyst', 'aivd'],
  ['analyst-ams', 'analyst', 'politie-amsterdam'],
  ['analyst-le', 'analyst', 'politie-le'],
  ['unit-ams', 'unit_lead', 'politie-amsterdam'],
];

const signal = (overrides = {}) => ({
  received_at: isoDay(-1),
  source_org: 'politie-amsterdam',
  source_grade: 'B',
  info_grade: '2',
  handling: 'H0',
  compartment: 'police',
  concreteness: 'concrete',
  text: 'Via sociale media zijn bedreigingen geuit tegen de rechter.',
  ...overrides,
});

describe('threat information', () => {
  let server, u, A, B;
  const count = (table) => Number(dbQuery(server.db, `SELECT count(*) FROM ${table}`).trim());

  async function post(who, path, body, status = 201) {
    const r = await u[who].post(path, body);
    assert.equal(r.status, status, `${who} POST ${path}: ${JSON.stringify(r.body)}`);
    return r.body;
  }
  const info = async (who, c) => {
    const r = await u[who].get(`/api/v1/cases/${c.id}/signals`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  };
  const search = async (who, query) => (await u[who].get(`/api/v1/search?${query}`));

  before(async () => {
    server = await startServer({ users: CAST });
    u = {};
    for (const [name] of CAST) u[name] = await loggedIn(server, name);
    A = await post('ref-ams', '/api/v1/cases', sampleCase({ summary: 'Rechter in Amsterdam ontvangt bedreigingen' }));
    B = await post('ref-ams', '/api/v1/cases', sampleCase({ summary: 'Landelijke zaak journalist',
      persons: [{ given_names: 'Sanne', surname: 'Journalist', date_of_birth: '1980-01-01' }] }));
    A = await post('triage1', `/api/v1/cases/${A.id}/triage`,
      { outcome: 'local', district: 'amsterdam', reasoning: 'lokaal', version: A.version }, 200);
    B = await post('triage1', `/api/v1/cases/${B.id}/triage`,
      { outcome: 'national', reasoning: 'rijksdomein', version: B.version }, 200);
  });
  after(async () => { await server?.stop(); });

  test('triage puts the threat analysis function on the team', () => {
    assert.ok(A.team.some((m) => m.org === 'politie-amsterdam' && m.membership === 'daf'), JSON.stringify(A.team));
    for (const org of ['aivd', 'politie-le']) {
      assert.ok(B.team.some((m) => m.org === org && m.membership === 'daf'), `${org}: ${JSON.stringify(B.team)}`);
    }
  });

  test('a team member records a signal; the team reads it with grades, handling and subjects', async () => {
    const s = await post('ref-ams', `/api/v1/cases/${A.id}/signals`,
      signal({ subjects: [{ kind: 'person', id: A.persons[0].id }] }));
    assert.equal(s.case_id, A.id);
    assert.equal(s.source_grade, 'B');
    assert.equal(s.info_grade, '2');
    assert.equal(s.handling, 'H0');
    assert.equal(s.concreteness, 'concrete');
    assert.equal(s.restricted, false);
    assert.equal(s.source_org.code, 'politie-amsterdam');
    assert.deepEqual(s.subjects.map((x) => [x.kind, x.id]), [['person', A.persons[0].id]]);
    assert.match(s.subjects[0].label, /Berg/);
    for (const who of ['analyst-ams', 'om-ams', 'ref-ams']) {
      const view = await info(who, A);
      const mine = view.items.find((x) => x.id === s.id);
      assert.equal(mine?.text, s.text, who);
    }
  });

  test('bad signals get a clear problem and store nothing', async () => {
    const before = count('signals');
    const cases = [
      [{ source_grade: 'E' }, 'source_grade'],
      [{ info_grade: '5' }, 'info_grade'],
      [{ compartment: 'geheim' }, 'compartment'],
      [{ handling: 'H3' }, 'handling_note'],
      [{ handling_note: 'x' }, 'handling_note'],
      [{ received_at: isoDay(3) }, 'received_at'],
      [{ received_at: '2026-02-30' }, 'received_at'],
      [{ concreteness: 'maybe' }, 'concreteness'],
      [{ text: '' }, 'text'],
      [{ source_org: 'onbekend-korps' }, 'source_org'],
      [{ subjects: [{ kind: 'person', id: B.persons[0].id }] }, 'subjects[0]'],
      [{ subjects: [{ kind: 'actor', id: 999999 }] }, 'subjects[0]'],
      [{ subjects: [{ kind: 'dog', id: 1 }] }, 'subjects[0].kind'],
    ];
    for (const [change, field] of cases) {
      const r = await u['ref-ams'].post(`/api/v1/cases/${A.id}/signals`, signal(change));
      assertProblem(r, 422, 'validation_failed', JSON.stringify(change));
      assert.ok(r.body.errors.some((e) => e.field === field), `${JSON.stringify(change)}: ${JSON.stringify(r.body.errors)}`);
    }
    assertProblem(await u['ref-ams'].post(`/api/v1/cases/${A.id}/signals`, signal({ secret: 1 })), 400, 'unknown_field');
    assert.equal(count('signals'), before, 'nothing stored');
  });

  test('roles and need-to-know on recording', async () => {
    assertProblem(await u['ref-rdam'].post(`/api/v1/cases/${A.id}/signals`, signal()), 404, 'not_found');
    assertProblem(await u.inspector1.post(`/api/v1/cases/${A.id}/signals`, signal()), 404, 'not_found');
    // Nobody files what they could not read: informant is for analysts of the supplying org.
    const r = await u['ref-ams'].post(`/api/v1/cases/${A.id}/signals`, signal({ compartment: 'informant' }));
    assertProblem(r, 422, 'validation_failed');
    assert.equal(r.body.errors[0].field, 'compartment');
  });

  let informant, h2;
  test('a signal one may not read is a stub: existence, originator, date, grades, never content', async () => {
    informant = await post('analyst-ams', `/api/v1/cases/${A.id}/signals`,
      signal({ compartment: 'informant', source_grade: 'C', info_grade: '3', text: 'Informant noemt het kroonjuweel-plan tegen de rechter.' }));
    const own = (await info('analyst-ams', A)).items.find((x) => x.id === informant.id);
    assert.equal(own.text, informant.text, 'the supplying analyst reads it');
    for (const who of ['ref-ams', 'om-ams', 'care-ams', 'unit-ams']) {
      const view = await info(who, A);
      const stub = view.items.find((x) => x.id === informant.id);
      assert.ok(stub, `${who} sees that it exists`);
      assert.equal(stub.restricted, true);
      assert.equal(stub.compartment, 'informant');
      assert.equal(stub.source_org.code, 'politie-amsterdam');
      assert.equal(stub.source_grade, 'C');
      assert.equal(stub.info_grade, '3');
      assert.equal(stub.received_at, informant.received_at);
      for (const hidden of ['text', 'subjects', 'concreteness', 'recorded_by']) assert.ok(!(hidden in stub), `${who}: ${hidden}`);
      assert.ok(view.restricted >= 1, `${who}: restricted count`);
      assert.ok(!JSON.stringify(view).includes('kroonjuweel'), `${who}: no content anywhere in the view`);
    }
  });

  test('originator control (H2): release request, the originator approves, the requester reads; all audited', async () => {
    h2 = await post('analyst-aivd', `/api/v1/cases/${B.id}/signals`,
      signal({ source_org: 'aivd', compartment: 'intelligence_service', handling: 'H2', text: 'Dienstinformatie over een waterpistool-operatie.' }));
    const stub = (await info('analyst-nctv', B)).items.find((x) => x.id === h2.id);
    assert.equal(stub.restricted, true);
    assert.equal(stub.release, null);
    const req = await post('analyst-nctv', `/api/v1/signals/${h2.id}/release-requests`, { reason: 'Nodig voor de dreigingsinschatting' });
    assert.equal(req.status, 'pending');
    assertProblem(await u['analyst-nctv'].post(`/api/v1/signals/${h2.id}/release-requests`, { reason: 'nog eens' }), 409, 'invalid_transition');
    assertProblem(await u['analyst-aivd'].post(`/api/v1/signals/${h2.id}/release-requests`, { reason: 'x' }), 409, 'invalid_transition');
    assertProblem(await u['analyst-nctv'].post(`/api/v1/signals/${h2.id}/release-requests`, {}), 422, 'validation_failed');
    assertProblem(await u['ref-rdam'].post(`/api/v1/signals/${h2.id}/release-requests`, { reason: 'x' }), 404, 'not_found');
    assert.equal((await info('analyst-nctv', B)).items.find((x) => x.id === h2.id).release.status, 'pending');

    const pending = (await u['analyst-aivd'].get('/api/v1/release-requests')).body.items;
    const mine = pending.find((p) => p.id === req.id);
    assert.ok(mine, JSON.stringify(pending));
    assert.equal(mine.signal.text, h2.text, 'the originator sees what is asked');
    assert.equal(mine.requested_by.username, 'analyst-nctv');
    assert.deepEqual((await u['analyst-nctv'].get('/api/v1/release-requests')).body.items, [], 'only the originator decides');

    const path = `/api/v1/release-requests/${req.id}/decision`;
    assertProblem(await u['analyst-nctv'].post(path, { decision: 'approve', version: req.version }), 404, 'not_found');
    assertProblem(await u['analyst-aivd'].post(path, { decision: 'maybe', version: req.version }), 422, 'validation_failed');
    assertProblem(await u['analyst-aivd'].post(path, { decision: 'approve', version: req.version + 5 }), 409, 'version_conflict');
    const done = await post('analyst-aivd', path, { decision: 'approve', note: 'Akkoord, alleen voor de DI', version: req.version }, 200);
    assert.equal(done.status, 'approved');
    assert.equal(done.decided_by.username, 'analyst-aivd');
    assertProblem(await u['analyst-aivd'].post(path, { decision: 'refuse', version: done.version }), 409, 'invalid_transition');

    assert.equal((await info('analyst-nctv', B)).items.find((x) => x.id === h2.id).text, h2.text, 'released to the requester');
    assert.equal((await info('cbb', B)).items.find((x) => x.id === h2.id).restricted, true, 'not to their colleagues');
    const audit = dbQuery(server.db, "SELECT action || ' ' || detail FROM audit_log WHERE action LIKE 'signal.release%'");
    assert.match(audit, /signal\.release_request release=\d+ originator=aivd/);
    assert.match(audit, /signal\.release_decide release=\d+ decision=approved recipient=analyst-nctv@nctv/);
  });

  let actor;
  test('actors: named in a signal they link to the case; naming them elsewhere notifies that team without content', async () => {
    actor = await post('analyst-ams', '/api/v1/actors', { kind: 'group', name: 'Groep Zwartwater', description: 'Criminele groep uit het westen' });
    assertProblem(await u['analyst-ams'].post('/api/v1/actors', { kind: 'cat', name: '' }), 422, 'validation_failed');
    assertProblem(await u.inspector1.post('/api/v1/actors', { kind: 'group', name: 'x' }), 403, 'forbidden');
    await post('analyst-ams', `/api/v1/cases/${A.id}/signals`, signal({ subjects: [{ kind: 'actor', id: actor.id }], text: 'Groep Zwartwater verkent de woning.' }));
    assert.ok((await info('ref-ams', A)).actors.some((a) => a.id === actor.id), 'linked to A');

    await post('analyst-le', `/api/v1/cases/${B.id}/signals`, signal({ source_org: 'politie-le', compartment: 'crime_intel',
      handling: 'H2', subjects: [{ kind: 'actor', id: actor.id }], text: 'Zwartwater zoekt een schutter voor de journalist.' }));
    // om-ams is on A's team only (ref-ams referred both cases).
    const view = await info('om-ams', A);
    const note = view.notifications.find((n) => n.actor.id === actor.id);
    assert.ok(note, JSON.stringify(view.notifications));
    assert.equal(note.actor.name, 'Groep Zwartwater');
    assert.equal(note.source_org, 'politie-le');
    assert.ok(!JSON.stringify(view).includes('schutter'), 'no content of the other case');
    assert.ok(!JSON.stringify(note).includes(B.reference), 'not even the other case');

    const page = (await u['om-ams'].get(`/api/v1/actors/${actor.id}`)).body;
    assert.deepEqual(page.cases.map((c) => c.id), [A.id]);
    assert.equal(page.other_cases, 1, 'the link to a case they cannot see is counted, not hidden');
    const analyst = (await u['analyst-nctv'].get(`/api/v1/actors/${actor.id}`)).body;
    assert.deepEqual(analyst.cases.map((c) => c.id), [B.id]);
    assertProblem(await u['ref-rdam'].get(`/api/v1/actors/${actor.id}`), 404, 'not_found');
    assertProblem(await u['ref-rdam'].get('/api/v1/actors/987654'), 404, 'not_found');
    const list = await u['analyst-ams'].get('/api/v1/actors?q=Groep%20Zw');
    assert.equal(list.status, 200);
    assert.ok(list.body.items.some((a) => a.id === actor.id));
    assertProblem(await u['ref-ams'].get('/api/v1/actors'), 403, 'forbidden');
  });

  test('search: Dutch stemming, highlighted segments, filters', async () => {
    const r = await search('ref-ams', 'q=bedreigen');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const hit = r.body.items.find((h) => h.kind === 'signal' && h.case_id === A.id);
    assert.ok(hit, JSON.stringify(r.body));
    assert.ok(hit.snippet.some((s) => s.match && /bedreiging/i.test(s.text)), JSON.stringify(hit.snippet));
    assert.ok(r.body.items.some((h) => h.kind === 'case' && h.id === A.id), 'the case summary matches too');
    assert.equal(r.body.total, r.body.items.length);
    assert.equal(r.body.total_capped, false);
    const police = await search('ref-ams', 'q=bedreigen&kind=signal&compartment=police&source_grade=B');
    assert.ok(police.body.items.length >= 1 && police.body.items.every((h) => h.kind === 'signal' && h.compartment === 'police' && h.source_grade === 'B'));
    const none = await search('ref-ams', 'q=bedreigen&kind=signal&source_grade=X');
    assert.equal(none.body.total, 0);
    assert.deepEqual(none.body.items, []);
    assert.ok((await search('ref-ams', `q=bedreigen&from=1900-01-01&to=${isoDay(0)}`)).body.total >= 1, 'a range from before 1970');
    assert.equal((await search('ref-ams', 'q=bedreigen&to=1960-12-31')).body.total, 0, 'nothing is dated before 1970');
    assert.equal((await search('ref-ams', `q=bedreigen&from=${isoDay(1)}`)).body.total, 0, 'nothing from tomorrow');
    const person = await search('ref-ams', 'q=Berg&kind=person');
    assert.ok(person.body.items.some((h) => h.kind === 'person'), JSON.stringify(person.body));
    const actors = await search('analyst-ams', 'q=zwartwater&kind=actor');
    assert.ok(actors.body.items.some((h) => h.kind === 'actor' && h.id === actor.id), JSON.stringify(actors.body));
  });

  test('search leaks nothing: not in results, counts or snippets', async () => {
    const secret = await search('ref-ams', 'q=kroonjuweel');
    assert.equal(secret.body.total, 0, 'an informant signal is not found by who may not read it');
    assert.ok(!JSON.stringify(secret.body).includes('kroonjuweel-plan'));
    // Informant and intelligence-service texts are sealed and never indexed (docs/SECURITY.md,
    // "Encryption at rest"): not even who may read them finds them by their words.
    assert.equal((await search('analyst-ams', 'q=kroonjuweel')).body.total, 0, 'sealed text is not indexed');
    assert.equal((await search('ref-rdam', 'q=bedreigen')).body.items.filter((h) => h.case_id === A.id).length, 0, 'another org finds nothing of A');
    assert.equal((await search('cbb', 'q=waterpistool')).body.total, 0, 'H2 of another originator');
    assert.equal((await search('analyst-nctv', 'q=waterpistool')).body.total, 0, 'released, but sealed: not indexed');
    assert.equal((await search('ref-ams', 'q=schutter')).body.total, 0, 'other case');
  });

  test('search refuses bad parameters and roles without case content', async () => {
    assertProblem(await search('ref-ams', ''), 400, 'bad_request');
    assertProblem(await search('ref-ams', `q=${'x'.repeat(201)}`), 400, 'bad_request');
    assertProblem(await search('ref-ams', 'q=a&kind=car'), 400, 'bad_request');
    assertProblem(await search('ref-ams', 'q=a&from=gisteren'), 400, 'bad_request');
    assertProblem(await search('ref-ams', 'q=a&colour=red'), 400, 'bad_request');
    assertProblem(await search('ref-ams', 'q=a&q=b'), 400, 'bad_request');
    assertProblem(await search('inspector1', 'q=a'), 403, 'forbidden');
    assertProblem(await search('admin1', 'q=a'), 403, 'forbidden');
    // FTS syntax and SQL metacharacters are words, never syntax.
    for (const q of ['"', 'NEAR(a b)', "' OR 1=1 --", 'a AND', '*', '(', 'bedreig*', '%', '\\']) {
      const r = await search('ref-ams', `q=${encodeURIComponent(q)}`);
      assert.equal(r.status, 200, `${q}: ${JSON.stringify(r.body)}`);
    }
  });

  test('gathering: the act that would cross the threshold is refused until a prosecutor orders it', async () => {
    const person = A.persons[0].id;
    const path = `/api/v1/subjects/person/${person}/gathering`;
    const act = { method: 'observation', legal_basis: 'art. 3 Politiewet', duration_days: 1, justification: 'Verkenning rond de woning' };
    for (let day = 1; day <= 25; day++) {
      const r = await post('analyst-ams', path, act);
      assert.equal(r.total, day * 4);
      assert.equal(r.act.intrusion, 4);
      assert.equal(r.act.order_id, null);
    }
    const before = count('gathering_acts');
    const refused = await u['analyst-ams'].post(path, act);
    assertProblem(refused, 409, 'intrusion_threshold');
    assert.deepEqual([refused.body.intrusion, refused.body.total, refused.body.threshold, refused.body.window_days], [4, 100, 100, 90]);
    assert.equal(count('gathering_acts'), before, 'nothing stored');
    assert.match(dbQuery(server.db, "SELECT outcome || ' ' || detail FROM audit_log WHERE action = 'gathering.create' ORDER BY seq DESC LIMIT 1"), /^refused .*threshold=100/);

    for (const [change, field] of [[{ legal_basis: '' }, 'legal_basis'], [{ method: 'wiretap' }, 'method'], [{ duration_days: 0 }, 'duration_days'], [{ justification: undefined }, 'justification']]) {
      assertProblem(await u['analyst-ams'].post(path, { ...act, ...change }), 422, 'validation_failed', field);
    }
    assertProblem(await u['ref-ams'].post(path, act), 403, 'forbidden');
    assertProblem(await u['ref-rdam'].post(path, act), 404, 'not_found');

    const orders = `/api/v1/subjects/person/${person}/orders`;
    const order = { scope: 'Stelselmatige observatie rond de woning', until: isoDay(30), reasoning: 'Art. 126g Sv: ernstige dreiging' };
    assertProblem(await u['analyst-ams'].post(orders, order), 403, 'forbidden');
    assertProblem(await u.cbb.post(orders, order), 404, 'not_found', 'NCTV does not see this local case');
    assertProblem(await u['om-ams'].post(orders, { ...order, until: isoDay(-1) }), 422, 'validation_failed');
    const o = await post('om-ams', orders, order);
    const ok = await post('analyst-ams', path, act);
    assert.equal(ok.act.order_id, o.id);
    assert.equal(ok.total, 104);

    const view = (await u['unit-ams'].get(path)).body;
    assert.equal(view.total, 104);
    assert.equal(view.threshold, 100);
    assert.equal(view.window_days, 90);
    assert.equal(view.acts.length, 26);
    assert.equal(view.order_in_force.id, o.id);
    assert.equal(view.subject.kind, 'person');
    assertProblem(await u['ref-ams'].get(path), 403, 'forbidden');
    assertProblem(await u['ref-rdam'].get(path), 404, 'not_found');

    const actorPath = `/api/v1/subjects/actor/${actor.id}/gathering`;
    const a = await post('analyst-ams', actorPath, { ...act, method: 'open_source_check', duration_days: 3 });
    assert.equal(a.total, 3);
  });

  test('the audit trail holds every DAF read and write and stays intact', () => {
    const actions = dbQuery(server.db, 'SELECT DISTINCT action FROM audit_log').split('\n');
    for (const a of ['signal.create', 'signal.list', 'signal.release_request', 'signal.release_decide', 'actor.create', 'actor.read', 'search', 'gathering.create', 'gathering.read', 'gathering.order']) {
      assert.ok(actions.includes(a), `${a} in ${actions}`);
    }
    assert.equal(schildRaw(['audit', 'verify', '--db', server.db]).status, 0);
  });
});

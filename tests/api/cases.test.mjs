// Intake and triage: creating cases, reading them, every triage outcome, the triage queue,
// optimistic concurrency, the lifecycle guard, persons across cases and who may do what.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, loggedIn, sampleCase } from '../lib/server.mjs';
import { assertProblem, allCases, sleep } from './util.mjs';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('cases', () => {
  let server, ref, triage, analyst, authority, care;

  async function create(client, overrides = {}) {
    const r = await client.post('/api/v1/cases', sampleCase(overrides));
    assert.equal(r.status, 201, `create: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
  async function get(client, id) {
    const r = await client.get(`/api/v1/cases/${id}`);
    assert.equal(r.status, 200, `get ${id}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
  function decide(client, c, body) {
    return client.post(`/api/v1/cases/${c.id}/triage`, { version: c.version, reasoning: 'Beoordeeld door triage', ...body });
  }
  async function decided(client, c, body) {
    const r = await decide(client, c, body);
    assert.equal(r.status, 200, `triage: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  before(async () => {
    server = await startServer();
    [ref, triage, analyst, authority, care] = await Promise.all(
      ['ref-ams', 'triage1', 'analyst-nctv', 'om-ams', 'care-ams'].map((u) => loggedIn(server, u)));
  });
  after(async () => { await server?.stop(); });

  test('POST /cases answers 201 with id, SBP reference, status referred, version and persons with ids', async () => {
    const input = sampleCase({ urgent: true, phenomenon: 'state_threat' });
    const r = await ref.post('/api/v1/cases', input);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.match(r.headers.get('content-type'), /^application\/json/);
    const c = r.body;
    assert.ok(Number.isInteger(c.id) && c.id > 0, `id ${c.id}`);
    assert.match(c.reference, /^SBP-\d{4}-\d{6}$/);
    assert.ok(Math.abs(Number(c.reference.slice(4, 8)) - new Date().getUTCFullYear()) <= 1, c.reference);
    assert.equal(c.status, 'referred');
    assert.ok(Number.isInteger(c.version), `version ${c.version}`);
    assert.equal(c.domain, null);
    assert.equal(c.awaiting_information, false);
    assert.equal(c.summary, input.summary);
    assert.equal(c.phenomenon, 'state_threat');
    assert.equal(c.urgent, true);
    assert.equal(c.source_details, input.source_details);
    assert.equal(c.referring_org.code, 'politie-amsterdam');
    assert.match(c.created_at, TIMESTAMP);
    assert.match(c.updated_at, TIMESTAMP);
    assert.equal(c.persons.length, 1);
    const p = c.persons[0];
    assert.ok(Number.isInteger(p.id) && p.id > 0);
    for (const k of ['given_names', 'surname_prefix', 'surname', 'date_of_birth', 'function']) assert.equal(p[k], input.persons[0][k], k);
    assert.deepEqual(c.timeline.map((e) => e.event), ['referred']);
    assert.equal(c.timeline[0].actor.username, 'ref-ams');
    assert.equal(c.timeline[0].actor.org, 'politie-amsterdam');
    assert.match(c.timeline[0].at, TIMESTAMP);
    assert.ok(c.team.some((t) => t.org === 'politie-amsterdam' && t.membership === 'referrer'), JSON.stringify(c.team));
  });

  test('every case gets its own reference, and optional fields may be left out', async () => {
    const a = await create(ref);
    const minimal = { summary: 'Minimaal', phenomenon: 'other', urgent: false,
      persons: [{ given_names: 'Els', surname: 'Kok', date_of_birth: '1980-01-01' }] };
    const r = await ref.post('/api/v1/cases', minimal);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.notEqual(r.body.reference, a.reference);
    assert.notEqual(r.body.id, a.id);
    assert.equal(r.body.persons[0].surname, 'Kok');
  });

  test('GET /cases/{id} answers the case exactly as its creation did', async () => {
    const c = await create(ref, { persons: [
      { given_names: 'Anna', surname: 'de Vries', date_of_birth: '1990-05-01', function: 'journalist' },
      { given_names: 'Piet', surname_prefix: 'de', surname: 'Vries', date_of_birth: '1988-07-21' }] });
    assert.equal(c.persons.length, 2);
    assert.deepEqual(await get(ref, c.id), c);
  });

  test('triage national: status assessment, domain national, authority nctv', async () => {
    const c = await create(ref);
    const t = await decided(triage, c, { outcome: 'national', reasoning: 'Rechter in landelijk proces' });
    assert.equal(t.status, 'assessment');
    assert.equal(t.domain, 'national');
    assert.equal(t.authority.org, 'nctv');
    assert.equal(typeof t.authority.name, 'string');
    assert.ok(t.version > c.version, `version ${c.version} -> ${t.version}`);
    assert.equal(t.triage.outcome, 'national');
    assert.equal(t.triage.reasoning, 'Rechter in landelijk proces');
    assert.ok(t.team.some((m) => m.org === 'nctv' && m.membership === 'authority'), JSON.stringify(t.team));
    assert.equal(t.timeline.at(-1).event, 'triaged_national');
    assert.equal(t.timeline.at(-1).actor.username, 'triage1');
    assert.deepEqual(await get(triage, c.id), t);
  });

  test('triage local with a district: status assessment, domain local, authority om-<district>', async () => {
    const c = await create(ref);
    const t = await decided(triage, c, { outcome: 'local', district: 'rotterdam' });
    assert.equal(t.status, 'assessment');
    assert.equal(t.domain, 'local');
    assert.equal(t.authority.org, 'om-rotterdam');
    assert.equal(t.triage.outcome, 'local');
    assert.equal(t.triage.district, 'rotterdam');
    assert.ok(t.team.some((m) => m.org === 'om-rotterdam' && m.membership === 'authority'), JSON.stringify(t.team));
    assert.equal(t.team.filter((m) => m.membership === 'authority').length, 1, 'exactly one authority');
    assert.equal(t.timeline.at(-1).event, 'triaged_local');
  });

  test('triage local without a district, or another outcome with one, is 422 on district and changes nothing', async () => {
    const c = await create(ref);
    for (const body of [{ outcome: 'local' }, { outcome: 'national', district: 'amsterdam' },
      { outcome: 'no_measures', district: 'amsterdam' }, { outcome: 'more_information', district: 'amsterdam' }]) {
      const r = await decide(triage, c, body);
      assertProblem(r, 422, 'validation_failed', JSON.stringify(body));
      assert.ok(r.body.errors.some((e) => e.field === 'district'), JSON.stringify(r.body.errors));
    }
    assert.deepEqual(await get(ref, c.id), c);
  });

  test('triage no_measures closes the case and records the reasoning as the advice', async () => {
    const c = await create(ref);
    const t = await decided(triage, c, { outcome: 'no_measures', reasoning: 'Geen overheidsmaatregelen nodig; advies: aangifte doen' });
    assert.equal(t.status, 'closed');
    assert.equal(t.triage.outcome, 'no_measures');
    assert.equal(t.triage.reasoning, 'Geen overheidsmaatregelen nodig; advies: aangifte doen');
    const last = t.timeline.at(-1);
    assert.equal(last.event, 'triaged_no_measures');
    assert.equal((await get(ref, c.id)).status, 'closed', 'the referrer still sees its closed case');
  });

  test('more_information keeps the case referred and awaiting; the referrer answers; then triage proceeds', async () => {
    const c = await create(ref);
    const asked = await decided(triage, c, { outcome: 'more_information', reasoning: 'Wie is de dreiger?' });
    assert.equal(asked.status, 'referred');
    assert.equal(asked.awaiting_information, true);
    assert.equal(asked.information_request, 'Wie is de dreiger?');
    assert.equal(asked.timeline.at(-1).event, 'information_requested');
    assert.equal(asked.timeline.at(-1).text, 'Wie is de dreiger?');
    const seen = await get(ref, c.id);
    assert.equal(seen.awaiting_information, true);

    const r = await ref.post(`/api/v1/cases/${c.id}/information`, { text: 'Een bekende uit het criminele milieu', version: seen.version });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const answered = r.body;
    assert.equal(answered.status, 'referred');
    assert.equal(answered.awaiting_information, false);
    assert.ok(answered.version > seen.version);
    assert.equal(answered.timeline.at(-1).event, 'information_supplied');
    assert.equal(answered.timeline.at(-1).text, 'Een bekende uit het criminele milieu');
    assert.equal(answered.timeline.at(-1).actor.username, 'ref-ams');

    const t = await decided(triage, answered, { outcome: 'national' });
    assert.equal(t.status, 'assessment');
  });

  test('the triage queue lists urgent cases first, then the oldest first', async () => {
    const made = [];
    for (const urgent of [false, true, false, true]) {
      made.push(await create(ref, { urgent, summary: `wachtrij ${made.length}` }));
      await sleep(15);
    }
    const [a, b, c, d] = made;
    for (const query of ['&status=referred', '&status=referred&sort=triage']) {
      const { items } = await allCases(triage, query);
      assert.ok(items.every((i) => i.status === 'referred'), 'only referred cases');
      const ids = items.map((i) => i.id).filter((id) => made.some((m) => m.id === id));
      assert.deepEqual(ids, [b.id, d.id, a.id, c.id], query);
      for (let i = 1; i < items.length; i++) {
        const [p, q] = [items[i - 1], items[i]];
        assert.ok(p.urgent >= q.urgent, `urgent first at ${i}`);
        if (p.urgent === q.urgent) assert.ok(p.created_at <= q.created_at, `oldest first at ${i}: ${p.created_at} ${q.created_at}`);
      }
    }
  });

  test('list items are case summaries with the documented fields', async () => {
    const c = await create(ref);
    const { items } = await allCases(ref);
    const item = items.find((i) => i.id === c.id);
    assert.ok(item, 'new case listed');
    for (const k of ['id', 'reference', 'status', 'domain', 'authority', 'urgent', 'phenomenon', 'summary',
      'referring_org', 'awaiting_information', 'created_at', 'updated_at', 'version', 'persons']) assert.ok(k in item, `field ${k}`);
    assert.equal(item.reference, c.reference);
    assert.deepEqual(Object.keys(item.persons[0]).sort(), ['given_names', 'id', 'surname', 'surname_prefix']);
  });

  test('lists paginate with page, per_page and total', async () => {
    const full = await triage.get('/api/v1/cases?status=referred&per_page=100');
    assert.equal(full.status, 200);
    const total = full.body.total;
    assert.ok(total >= 5, `enough referred cases (${total})`);
    assert.equal(full.body.items.length, Math.min(total, 100));
    const ids = [];
    for (let page = 1; page <= Math.ceil(total / 2); page++) {
      const r = await triage.get(`/api/v1/cases?status=referred&per_page=2&page=${page}`);
      assert.equal(r.status, 200);
      assert.equal(r.body.page, page);
      assert.equal(r.body.per_page, 2);
      assert.equal(r.body.total, total);
      assert.equal(r.body.items.length, page * 2 <= total ? 2 : total % 2);
      ids.push(...r.body.items.map((i) => i.id));
    }
    assert.deepEqual(ids, full.body.items.map((i) => i.id));
    const past = await triage.get(`/api/v1/cases?status=referred&per_page=2&page=${Math.ceil(total / 2) + 1}`);
    assert.equal(past.status, 200);
    assert.deepEqual(past.body.items, []);
    assert.equal(past.body.total, total);
    const dflt = await triage.get('/api/v1/cases?status=referred');
    assert.equal(dflt.body.page, 1);
    assert.equal(dflt.body.per_page, 25);
  });

  test('out-of-range or malformed page, per_page, status and sort are 400 bad_request', async () => {
    const wrong = [];
    for (const q of ['page=0', 'page=-1', 'page=abc', 'per_page=0', 'per_page=101', 'per_page=1.5',
      'status=pending', 'sort=random', 'page=99999999999999999999']) {
      const r = await triage.get(`/api/v1/cases?${q}`);
      assert.match(r.headers.get('content-type') || '', /^application\/problem\+json/, q);
      if (r.status !== 400 || r.body.code !== 'bad_request') wrong.push(`${q} -> ${r.status} ${r.body.code}`);
    }
    assert.deepEqual(wrong, [], 'docs/API.md: a bad query is 400 bad_request');
  });

  test('sort=newest, oldest and reference order the list', async () => {
    const newest = (await allCases(ref, '&sort=newest')).items;
    const oldest = (await allCases(ref, '&sort=oldest')).items;
    const byRef = (await allCases(ref, '&sort=reference')).items;
    for (let i = 1; i < newest.length; i++) assert.ok(newest[i - 1].created_at >= newest[i].created_at, 'newest');
    for (let i = 1; i < oldest.length; i++) assert.ok(oldest[i - 1].created_at <= oldest[i].created_at, 'oldest');
    for (let i = 1; i < byRef.length; i++) assert.ok(byRef[i - 1].reference < byRef[i].reference, 'reference');
    assert.equal(newest.length, oldest.length);
  });

  test('a stale version is 409 version_conflict and changes nothing', async () => {
    const c = await create(ref);
    const asked = await decided(triage, c, { outcome: 'more_information', reasoning: 'Graag meer' });
    const before = await get(triage, c.id);
    const r = await decide(triage, c /* the old version */, { outcome: 'national' });
    assertProblem(r, 409, 'version_conflict');
    assert.deepEqual(await get(triage, c.id), before);
    // Also on /information, and a version from the future.
    assertProblem(await ref.post(`/api/v1/cases/${c.id}/information`, { text: 'antwoord', version: c.version }), 409, 'version_conflict', 'information');
    assertProblem(await decide(triage, { id: c.id, version: asked.version + 1 }, { outcome: 'national' }), 409, 'version_conflict', 'future version');
    assert.deepEqual(await get(triage, c.id), before);
  });

  test('the version check comes before validation, the lifecycle guard and the role check', async () => {
    const c = await create(ref);
    const moved = await decided(triage, c, { outcome: 'national' });
    const stale = { id: c.id, version: c.version };
    const invalid = await triage.post(`/api/v1/cases/${c.id}/triage`,
      { outcome: 'bogus', district: 'atlantis', reasoning: '', version: c.version });
    assertProblem(invalid, 409, 'version_conflict', 'stale version with an invalid body');
    assertProblem(await decide(triage, stale, { outcome: 'national' }), 409, 'version_conflict', 'stale version on an assessment case');
    assertProblem(await decide(ref, stale, { outcome: 'national' }), 409, 'version_conflict', 'stale version from a role that may not triage');
    assert.deepEqual(await get(triage, c.id), moved);
  });

  test('a write without version is 422 validation_failed on version', async () => {
    const c = await create(ref);
    const r = await triage.post(`/api/v1/cases/${c.id}/triage`, { outcome: 'national', reasoning: 'x' });
    assertProblem(r, 422, 'validation_failed');
    assert.ok(r.body.errors.some((e) => e.field === 'version'), JSON.stringify(r.body.errors));
    assert.equal((await get(ref, c.id)).status, 'referred');
  });

  test('triage of a case that is not referred is 409 invalid_transition and changes nothing', async () => {
    const c = await create(ref);
    const moved = await decided(triage, c, { outcome: 'local', district: 'amsterdam' });
    assertProblem(await decide(triage, moved, { outcome: 'national' }), 409, 'invalid_transition', 'assessment case');
    assert.deepEqual(await get(triage, c.id), moved);
    const closed = await decided(triage, await create(ref), { outcome: 'no_measures' });
    assertProblem(await decide(triage, closed, { outcome: 'local', district: 'limburg' }), 409, 'invalid_transition', 'closed case');
  });

  test('the timeline grows by one event per step, in order, each with time and actor', async () => {
    const c = await create(ref);
    const a = await decided(triage, c, { outcome: 'more_information', reasoning: 'Vraag' });
    const b = (await ref.post(`/api/v1/cases/${c.id}/information`, { text: 'Antwoord', version: a.version })).body;
    const d = await decided(triage, b, { outcome: 'local', district: 'den-haag' });
    assert.deepEqual(c.timeline.map((e) => e.event), ['referred']);
    assert.deepEqual(a.timeline.map((e) => e.event), ['referred', 'information_requested']);
    assert.deepEqual(b.timeline.map((e) => e.event), ['referred', 'information_requested', 'information_supplied']);
    assert.deepEqual(d.timeline.map((e) => e.event), ['referred', 'information_requested', 'information_supplied', 'triaged_local']);
    assert.deepEqual(d.timeline.slice(0, 3), b.timeline, 'earlier events do not change');
    for (let i = 0; i < d.timeline.length; i++) {
      assert.match(d.timeline[i].at, TIMESTAMP);
      assert.equal(typeof d.timeline[i].actor.username, 'string');
      if (i) assert.ok(d.timeline[i - 1].at <= d.timeline[i].at, 'in time order');
    }
    assert.deepEqual(d.timeline.map((e) => e.actor.username), ['ref-ams', 'triage1', 'ref-ams', 'triage1']);
    assert.equal(d.authority.org, 'om-den-haag');
  });

  test('information may be added by triage; a team member of another role gets 403 forbidden', async () => {
    const c = await create(ref);
    const asked = await decided(triage, c, { outcome: 'more_information', reasoning: 'Vraag' });
    assertProblem(await care.post(`/api/v1/cases/${c.id}/information`, { text: 'x', version: asked.version }), 403, 'forbidden', 'care');
    const r = await triage.post(`/api/v1/cases/${c.id}/information`, { text: 'Telefonisch nagevraagd', version: asked.version });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.awaiting_information, false);
    assert.equal(r.body.timeline.at(-1).event, 'information_supplied');
    assert.equal(r.body.timeline.at(-1).actor.username, 'triage1');
  });

  test('GET /persons/{id} answers the person with their cases and a timeline', async () => {
    const c = await create(ref);
    const pid = c.persons[0].id;
    const r = await ref.get(`/api/v1/persons/${pid}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const p = r.body;
    assert.equal(p.id, pid);
    for (const k of ['given_names', 'surname_prefix', 'surname', 'date_of_birth', 'function']) assert.equal(p[k], c.persons[0][k], k);
    assert.deepEqual(p.cases, [{ id: c.id, reference: c.reference, status: 'referred', domain: null, flags: [] }]);
    assert.ok(p.timeline.length >= 1);
    assert.equal(p.timeline[0].case_id, c.id);
    assert.equal(p.timeline[0].case_reference, c.reference);
    assert.equal(p.timeline[0].event, 'referred');
    assertProblem(await ref.get('/api/v1/persons/987654321'), 404, 'not_found', 'nonexistent person');
  });

  test('a person entry with person_id links the existing person; the person timeline spans both cases', async () => {
    const first = await create(ref);
    const pid = first.persons[0].id;
    await decided(triage, first, { outcome: 'local', district: 'amsterdam' });
    const second = await create(ref, { summary: 'Nieuwe dreiging, zelfde persoon', persons: [{ person_id: pid }] });
    assert.equal(second.persons.length, 1);
    assert.equal(second.persons[0].id, pid);
    assert.equal(second.persons[0].surname, first.persons[0].surname);
    const p = (await ref.get(`/api/v1/persons/${pid}`)).body;
    assert.deepEqual(p.cases.map((x) => x.id).sort((x, y) => x - y), [first.id, second.id]);
    const caseIds = new Set(p.timeline.map((e) => e.case_id));
    assert.ok(caseIds.has(first.id) && caseIds.has(second.id), JSON.stringify(p.timeline));
    assert.ok(p.timeline.some((e) => e.case_id === first.id && e.event === 'triaged_local'));
    for (let i = 1; i < p.timeline.length; i++) assert.ok(p.timeline[i - 1].at <= p.timeline[i].at, 'person timeline in time order');
  });

  test('linking a person that does not exist is refused and stores nothing', async () => {
    const before = (await allCases(ref)).total;
    const r = await ref.post('/api/v1/cases', sampleCase({ persons: [{ person_id: 987654321 }] }));
    assert.ok([404, 422].includes(r.status), `${r.status} ${JSON.stringify(r.body)}`);
    assert.equal((await allCases(ref)).total, before);
  });

  test('triage may refer a case itself', async () => {
    const c = await create(triage);
    assert.equal(c.referring_org.code, 'nctv');
    assert.equal(c.status, 'referred');
  });

  test('roles: analyst, authority and care cannot create cases (403 forbidden)', async () => {
    const before = (await allCases(triage)).total;
    for (const [name, client] of [['analyst', analyst], ['authority', authority], ['care', care]]) {
      assertProblem(await client.post('/api/v1/cases', sampleCase()), 403, 'forbidden', name);
    }
    assert.equal((await allCases(triage)).total, before);
  });

  test('roles: a referrer or care member who can see the case cannot triage it (403 forbidden)', async () => {
    const c = await create(ref);
    assertProblem(await decide(ref, c, { outcome: 'national' }), 403, 'forbidden', 'referrer');
    assert.equal((await care.get(`/api/v1/cases/${c.id}`)).status, 200, 'care of the referring org is on the team');
    assertProblem(await decide(care, c, { outcome: 'national' }), 403, 'forbidden', 'care');
    assert.equal((await get(ref, c.id)).version, c.version);
  });

  test('reading cases needs a session', async () => {
    const anon = new Client(server.base);
    assertProblem(await anon.get('/api/v1/cases'), 401, 'unauthenticated');
    assertProblem(await anon.get('/api/v1/cases/1'), 401, 'unauthenticated');
    assertProblem(await anon.get('/api/v1/persons/1'), 401, 'unauthenticated');
  });
});

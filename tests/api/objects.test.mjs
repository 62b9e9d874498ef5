// Objects and services (docs/DECISIONS.md, "Objects and services"): each gets its own case in
// status assessment (local: the mayor's municipality decides and the district's police unit
// analyses; national list: the NCTV with the AIVD and the Landelijke Eenheid); a residence linked
// to a protected person joins that person's open case; validation, roles, need-to-know on every
// read, paging, and the decision letter (PDF).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, sampleCase, USERS } from '../lib/server.mjs';
import { assertProblem, dbQuery, isoDay } from './util.mjs';

const EXTRA_USERS = [
  ['mayor-dh', 'authority', 'gemeente-den-haag'],
  ['analyst-dh', 'analyst', 'politie-den-haag'],
  ['analyst-aivd', 'analyst', 'aivd'],
  ['analyst-nctv2', 'analyst', 'nctv'],
  ['unitlead-le', 'unit_lead', 'politie-le'],
];

const OBJECT_FIELDS = ['address', 'case_id', 'case_reference', 'created_at', 'district', 'id', 'kind',
  'municipality', 'name', 'national_list', 'person_id', 'version'];
const SERVICE_FIELDS = ['case_id', 'case_reference', 'created_at', 'district', 'ends_on', 'id',
  'municipality', 'name', 'national_list', 'starts_on', 'venue', 'version'];

describe('objects and services', () => {
  let server, ref, refRdam, triage, cbb, mayor, omAms, analystDh, aivd, nctvAnalyst, nctvReviewer, inspector, admin;

  const ok = (r, status, what) => assert.equal(r.status, status, `${what}: ${r.status} ${JSON.stringify(r.body)}`);
  const count = (table) => Number(dbQuery(server.db, `SELECT count(*) FROM ${table};`).trim());
  const counts = () => ({ objects: count('objects'), services: count('services'), cases: count('cases'),
    events: count('case_events') });
  const team = (c) => c.team.map((m) => `${m.org}:${m.membership}`).sort();
  function auditRows(action, objectType, objectId) {
    return dbQuery(server.db, `SELECT username || '|' || outcome FROM audit_log WHERE action = '${action}' AND object_type = '${objectType}' AND object_id = '${objectId}' ORDER BY seq;`)
      .trim().split('\n').filter(Boolean);
  }
  async function register(client, body, path = '/api/v1/objects') {
    const r = await client.post(path, body);
    ok(r, 201, `register ${JSON.stringify(body)}`);
    return r.body;
  }
  async function caseOf(client, id) {
    const r = await client.get(`/api/v1/cases/${id}`);
    ok(r, 200, `case ${id}`);
    return r.body;
  }

  before(async () => {
    server = await startServer({ users: [...USERS, ...EXTRA_USERS] });
    [ref, refRdam, triage, cbb, mayor, omAms, analystDh, aivd, nctvAnalyst, nctvReviewer, inspector, admin] =
      await Promise.all(['ref-ams', 'ref-rdam', 'triage1', 'cbb', 'mayor-dh', 'om-ams', 'analyst-dh',
        'analyst-aivd', 'analyst-nctv', 'analyst-nctv2', 'inspector1', 'admin1'].map((u) => loggedIn(server, u)));
  });
  after(async () => { await server?.stop(); });

  test('an embassy on the national list gets its own national case: NCTV decides, AIVD and LE analyse', async () => {
    const o = await register(triage, { kind: 'embassy', name: 'Ambassade van Noordland', address: 'Lange Voorhout 1, Den Haag',
      national_list: true, summary: 'Demonstraties aangekondigd bij de ambassade' });
    assert.deepEqual(Object.keys(o).sort(), OBJECT_FIELDS);
    assert.equal(o.kind, 'embassy');
    assert.equal(o.national_list, true);
    assert.equal(o.municipality, null);
    assert.equal(o.person_id, null);
    assert.match(o.case_reference, /^SBP-\d{4}-\d{6}$/);
    const c = await caseOf(triage, o.case_id);
    assert.equal(c.subject, 'object');
    assert.equal(c.status, 'assessment');
    assert.equal(c.domain, 'national');
    assert.equal(c.authority.org, 'nctv');
    assert.equal(c.summary, 'Demonstraties aangekondigd bij de ambassade');
    assert.deepEqual(team(c), ['aivd:daf', 'nctv:authority', 'nctv:referrer', 'politie-le:daf']);
    assert.equal(c.object.id, o.id);
    assert.equal(c.object.name, 'Ambassade van Noordland');
    assert.ok(c.timeline.some((e) => e.event === 'object_registered' && e.text.includes('Lange Voorhout 1')));
    // The analysis function sees it, a referrer elsewhere and the mayor do not.
    ok(await aivd.get(`/api/v1/objects/${o.id}`), 200, 'aivd reads the object');
    for (const outsider of [ref, mayor, omAms]) {
      assertProblem(await outsider.get(`/api/v1/objects/${o.id}`), 404, 'not_found', 'outsider object');
      assertProblem(await outsider.get(`/api/v1/cases/${o.case_id}`), 404, 'not_found', 'outsider case');
    }
    assert.deepEqual(auditRows('object.create', 'object', o.id), ['triage1|ok']);
    assert.deepEqual(auditRows('case.create', 'case', o.case_id), ['triage1|ok']);
    assert.ok(auditRows('object.read', 'object', o.id).includes('analyst-aivd|ok'));
    assert.ok(auditRows('object.read', 'object', o.id).includes('ref-ams|denied'));
  });

  test('a court in Den Haag: the mayor is the authority, politie-den-haag analyses; the mayor sees it, others 404', async () => {
    const o = await register(ref, { kind: 'court', name: 'Rechtbank Den Haag', address: 'Prins Clauslaan 60, Den Haag',
      municipality: 'gemeente-den-haag' });
    assert.equal(o.municipality, 'gemeente-den-haag');
    assert.equal(o.district, 'den-haag');
    assert.equal(o.national_list, false);
    const c = await caseOf(mayor, o.case_id);
    assert.equal(c.status, 'assessment');
    assert.equal(c.domain, 'local');
    assert.equal(c.authority.org, 'gemeente-den-haag');
    assert.deepEqual(team(c), ['gemeente-den-haag:authority', 'politie-amsterdam:referrer', 'politie-den-haag:daf']);
    assert.equal(c.summary, 'Rechtbank Den Haag, Prins Clauslaan 60, Den Haag');
    const read = await mayor.get(`/api/v1/objects/${o.id}`);
    ok(read, 200, 'mayor reads');
    assert.deepEqual(read.body, o);
    ok(await analystDh.get(`/api/v1/objects/${o.id}`), 200, 'the district DAF reads');
    ok(await ref.get(`/api/v1/objects/${o.id}`), 200, 'the registering organisation reads');
    for (const outsider of [cbb, omAms, refRdam, aivd]) {
      assertProblem(await outsider.get(`/api/v1/objects/${o.id}`), 404, 'not_found', 'outsider');
      assertProblem(await outsider.get(`/api/v1/cases/${o.case_id}`), 404, 'not_found', 'outsider case');
    }
    for (const nobody of [inspector, admin])
      assertProblem(await nobody.get(`/api/v1/objects/${o.id}`), 404, 'not_found', 'no case content');
    assertProblem(await mayor.get('/api/v1/objects/999999'), 404, 'not_found', 'missing');
    assert.deepEqual(auditRows('object.read', 'object', 999999), ['mayor-dh|not_found']);
  });

  test('a service with dates gets its own case; the case shows the service', async () => {
    const sv = await register(mayor, { name: 'Prinsjesdag', venue: 'Binnenhof, Den Haag', starts_on: isoDay(30),
      ends_on: isoDay(31), municipality: 'gemeente-den-haag' }, '/api/v1/services');
    assert.deepEqual(Object.keys(sv).sort(), SERVICE_FIELDS);
    assert.equal(sv.starts_on, isoDay(30));
    assert.equal(sv.ends_on, isoDay(31));
    const c = await caseOf(mayor, sv.case_id);
    assert.equal(c.subject, 'service');
    assert.equal(c.status, 'assessment');
    assert.equal(c.authority.org, 'gemeente-den-haag');
    assert.deepEqual(team(c), ['gemeente-den-haag:authority', 'gemeente-den-haag:referrer', 'politie-den-haag:daf']);
    assert.equal(c.service.id, sv.id);
    assert.equal(c.object, undefined);
    assert.ok(c.timeline.some((e) => e.event === 'service_registered'));
    const read = await analystDh.get(`/api/v1/services/${sv.id}`);
    ok(read, 200, 'DAF reads the service');
    assert.deepEqual(read.body, sv);
    assertProblem(await ref.get(`/api/v1/services/${sv.id}`), 404, 'not_found', 'outsider');
    assert.ok(auditRows('service.read', 'service', sv.id).includes('ref-ams|denied'));
    // One day is enough; the national list too.
    const national = await register(triage, { name: 'Staatsbezoek', venue: 'Paleis Noordeinde', starts_on: isoDay(5),
      ends_on: isoDay(5), national_list: true }, '/api/v1/services');
    assert.equal((await caseOf(triage, national.case_id)).authority.org, 'nctv');
  });

  test('a residence linked to a person goes into the newest open case of that person, with no case of its own', async () => {
    const referred = await ref.post('/api/v1/cases', sampleCase());
    ok(referred, 201, 'refer');
    const personId = referred.body.persons[0].id;
    const before = counts();
    const o = await register(ref, { kind: 'residence', name: 'Woning van de rechter', address: 'Kerkstraat 5, Amsterdam',
      person_id: personId });
    assert.equal(o.case_id, referred.body.id);
    assert.equal(o.person_id, personId);
    assert.equal(o.municipality, null);
    const after = counts();
    assert.equal(after.cases, before.cases, 'no own case');
    assert.equal(after.objects, before.objects + 1);
    const c = await caseOf(ref, referred.body.id);
    assert.equal(c.subject, 'persons');
    assert.ok(c.timeline.some((e) => e.event === 'object_registered' && e.text.includes('Kerkstraat 5')));
    // A user who does not see any case of the person, a person without a case, an unknown person.
    for (const [client, id] of [[refRdam, personId], [ref, 999999]]) {
      const was = counts();
      const r = await client.post('/api/v1/objects', { kind: 'office', name: 'Kantoor', address: 'Dam 1', person_id: id });
      assertProblem(r, 422, 'validation_failed', 'person not visible');
      assert.equal(r.body.errors[0].field, 'person_id');
      assert.deepEqual(counts(), was);
    }
  });

  test('validation and roles: each refusal leaves nothing stored', async () => {
    const good = { kind: 'court', name: 'Rechtbank', address: 'Plein 1', municipality: 'gemeente-den-haag' };
    const service = { name: 'Congres', venue: 'World Forum', starts_on: isoDay(10), ends_on: isoDay(12), national_list: true };
    const cases = [
      ['/api/v1/objects', { ...good, national_list: true }, 422, 'municipality'],
      ['/api/v1/objects', { kind: 'court', name: 'Rechtbank', address: 'Plein 1' }, 422, 'municipality'],
      ['/api/v1/objects', { ...good, national_list: false, municipality: undefined }, 422, 'municipality'],
      ['/api/v1/objects', { ...good, kind: 'castle' }, 422, 'kind'],
      ['/api/v1/objects', { ...good, name: '' }, 422, 'name'],
      ['/api/v1/objects', { ...good, name: 'x'.repeat(201) }, 422, 'name'],
      ['/api/v1/objects', { ...good, address: 'x'.repeat(301) }, 422, 'address'],
      ['/api/v1/objects', { ...good, summary: 'x'.repeat(2001) }, 422, 'summary'],
      ['/api/v1/objects', { ...good, municipality: 'politie-amsterdam' }, 422, 'municipality'],
      ['/api/v1/objects', { ...good, municipality: 'gemeente-nergenshuizen' }, 422, 'municipality'],
      ['/api/v1/objects', { ...good, municipality: 'Den Haag!' }, 422, 'municipality'],
      ['/api/v1/objects', { ...good, kind: 'embassy', person_id: 1 }, 422, 'person_id'],
      ['/api/v1/objects', { ...good, person_id: 0, kind: 'residence' }, 422, 'person_id'],
      ['/api/v1/objects', { ...good, colour: 'red' }, 400, 'colour'],
      ['/api/v1/services', { ...service, ends_on: isoDay(9) }, 422, 'ends_on'],
      ['/api/v1/services', { ...service, starts_on: '2027-02-30' }, 422, 'starts_on'],
      ['/api/v1/services', { ...service, ends_on: undefined }, 422, 'ends_on'],
      ['/api/v1/services', { ...service, venue: '' }, 422, 'venue'],
      ['/api/v1/services', { ...service, municipality: 'gemeente-utrecht' }, 422, 'municipality'],
      ['/api/v1/services', { ...service, national_list: false }, 422, 'municipality'],
      ['/api/v1/services', { ...service, national_list: undefined, municipality: 'nctv' }, 422, 'municipality'],
    ];
    for (const [path, body, status, field] of cases) {
      const was = counts();
      const r = await triage.post(path, body);
      assertProblem(r, status, status === 400 ? 'unknown_field' : 'validation_failed', `${path} ${JSON.stringify(body)}`);
      assert.ok(r.body.errors.some((e) => e.field === field), `${field} in ${JSON.stringify(r.body.errors)}`);
      assert.deepEqual(counts(), was, `nothing stored for ${JSON.stringify(body)}`);
    }
    // Roles that do not register: 403 whatever the body.
    for (const client of [nctvAnalyst, inspector, admin, analystDh]) {
      const was = counts();
      assertProblem(await client.post('/api/v1/objects', good), 403, 'forbidden', 'role objects');
      assertProblem(await client.post('/api/v1/services', service), 403, 'forbidden', 'role services');
      assert.deepEqual(counts(), was);
    }
    // Authorities register too (the mayor did above); a body that is not JSON is refused.
    const raw = await triage.post('/api/v1/objects', 'kind=court', { raw: true, headers: { 'content-type': 'text/plain' } });
    assertProblem(raw, 415, 'unsupported_media_type', 'not json');
  });

  test('lists page through the objects and services of visible cases only', async () => {
    const names = ['Ministerie A', 'Ministerie B', 'Ministerie C', 'Ministerie D'];
    for (const name of names)
      await register(cbb, { kind: 'government_building', name, address: 'Turfmarkt 147, Den Haag', national_list: true });
    const all = await cbb.get('/api/v1/objects?per_page=100');
    ok(all, 200, 'list');
    assert.equal(all.body.total, all.body.items.length);
    for (const name of names) assert.ok(all.body.items.some((o) => o.name === name), name);
    assert.ok(all.body.items.every((o) => o.national_list), 'the NCTV sees only national-list objects here');
    const p1 = await cbb.get('/api/v1/objects?per_page=2&page=1');
    const p2 = await cbb.get('/api/v1/objects?per_page=2&page=2');
    ok(p1, 200, 'page 1');
    ok(p2, 200, 'page 2');
    assert.equal(p1.body.items.length, 2);
    assert.equal(p1.body.page, 1);
    assert.equal(p1.body.per_page, 2);
    assert.equal(p1.body.total, all.body.total);
    const ids = new Set([...p1.body.items, ...p2.body.items].map((o) => o.id));
    assert.equal(ids.size, p1.body.items.length + p2.body.items.length, 'pages do not overlap');
    // Others: the mayor sees the court, not the embassies; ref-rdam sees none.
    const mayors = await mayor.get('/api/v1/objects');
    ok(mayors, 200, 'mayor list');
    assert.ok(mayors.body.items.length >= 1 && mayors.body.items.every((o) => o.municipality === 'gemeente-den-haag'));
    const none = await refRdam.get('/api/v1/objects');
    ok(none, 200, 'ref-rdam');
    assert.deepEqual([none.body.items, none.body.total], [[], 0]);
    const services = await mayor.get('/api/v1/services?per_page=1');
    ok(services, 200, 'services');
    assert.equal(services.body.items.length, 1);
    assert.equal(services.body.items[0].name, 'Prinsjesdag');
    assertProblem(await refRdam.get('/api/v1/services/1'), 404, 'not_found', 'service outsider');
    for (const q of ['per_page=0', 'per_page=101', 'page=0', 'sort=name', 'page=1&page=2'])
      assertProblem(await cbb.get(`/api/v1/objects?${q}`), 400, 'bad_request', q);
    for (const nobody of [inspector, admin]) {
      assertProblem(await nobody.get('/api/v1/objects'), 403, 'forbidden', 'inspector');
      assertProblem(await nobody.get('/api/v1/services'), 403, 'forbidden', 'inspector');
    }
    const listed = dbQuery(server.db, "SELECT detail FROM audit_log WHERE action = 'object.list' AND username = 'cbb' ORDER BY seq DESC LIMIT 1;").trim();
    assert.match(listed, /^ids=\d+(,\d+)*$/);
  });

  // The letter's bytes, fetched raw (latin1: the PDF is uncompressed and its text WinAnsi).
  async function letter(client, id) {
    const r = await fetch(`${server.base}/api/v1/decisions/${id}/letter.pdf`, { headers: { cookie: client.cookie } });
    return { status: r.status, headers: r.headers, bytes: Buffer.from(await r.arrayBuffer()) };
  }

  test('the decision letter: a Dutch PDF with the measures, the reasons, the review date, the contact person and how to object', async () => {
    const o = await register(triage, { kind: 'embassy', name: 'Ambassade van Zuidland', address: 'Javastraat 2, Den Haag',
      national_list: true });
    // A final DI (four eyes), then the NCTV decides on the object package of resistance level 2.
    const draft = await nctvAnalyst.post(`/api/v1/cases/${o.case_id}/assessments`, {
      product: 'DI', seriousness: 3, likelihood: 3, intent: 3, capability: 2, resistance_level: 2,
      concreteness: 'conceivable', reasoning: 'Aangekondigde demonstraties; eerdere bekladding.',
      vulnerabilities: 'Open gevel aan de straat', indicators: {}, recommended_measures: [] });
    ok(draft, 201, 'draft');
    const submitted = await nctvAnalyst.post(`/api/v1/assessments/${draft.body.id}/submit`, { version: draft.body.version });
    ok(submitted, 200, 'submit');
    ok(await nctvReviewer.post(`/api/v1/assessments/${draft.body.id}/approve`, { version: submitted.body.version, comment: 'Akkoord' }), 200, 'approve');
    const c = await caseOf(cbb, o.case_id);
    assert.equal(c.status, 'decision');
    const decided = await cbb.post(`/api/v1/cases/${o.case_id}/decisions`, {
      measures: [{ type: 'dynamic_supervision', executor_org: 'politie-den-haag', start: isoDay(1), end: isoDay(60) }],
      proportionality: 'Toezicht past bij de dreiging van de aangekondigde acties tegen de ambassade van België.',
      legal_basis: 'Circulaire bewaken en beveiligen', tbp_view: 'De ambassadeur stemt in.',
      review_date: isoDay(45), contact_person: 'care-ams', version: c.version });
    ok(decided, 201, 'decide');
    const pdf = await letter(cbb, decided.body.id);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal(pdf.headers.get('content-disposition'), `attachment; filename="besluit-${decided.body.id}.pdf"`);
    const text = pdf.bytes.toString('latin1');
    assert.ok(text.startsWith('%PDF-'), 'a PDF');
    assert.ok(text.trimEnd().endsWith('%%EOF'), 'a complete PDF');
    for (const words of ['Schild \\227 stelsel bewaken en beveiligen', 'Wat is besloten', 'Waarom', 'Tot wanneer',
      'Uw contactpersoon', 'Bezwaar', 'Dynamisch toezicht', 'Ambassade van Zuidland', 'binnen zes weken',
      'voorzieningenrechter', 'Helvetica', 'WinAnsiEncoding', c.reference])
      assert.ok(text.includes(words), `the letter holds "${words}"`);
    assert.ok(text.includes('Belgi\\353'), 'the e-umlaut as its Windows-1252 byte (octal-escaped by libharu)');
    assert.ok(text.includes('care-ams'), 'the contact person by name');
    // Whoever sees the case may fetch it; others get 404, audited either way.
    assert.equal((await letter(aivd, decided.body.id)).status, 200);
    for (const outsider of [ref, mayor, inspector]) {
      const denied = await letter(outsider, decided.body.id);
      assert.equal(denied.status, 404);
      assert.match(denied.headers.get('content-type'), /^application\/problem\+json/);
    }
    assert.equal((await letter(cbb, 999999)).status, 404);
    assert.deepEqual(auditRows('decision.letter', 'decision', decided.body.id),
      ['cbb|ok', 'analyst-aivd|ok', 'ref-ams|denied', 'mayor-dh|denied', 'inspector1|denied']);
    assert.deepEqual(auditRows('decision.letter', 'decision', 999999), ['cbb|not_found']);
  });
});

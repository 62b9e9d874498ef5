// Need-to-know: who sees which case and person, that everything else is indistinguishable from
// a case that does not exist, and that the denied attempts are in an intact audit trail.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, sampleCase, schildRaw } from '../lib/server.mjs';
import { assertProblem, allCases, dbQuery, tableColumns } from './util.mjs';

const SECRET_SURNAME = 'Zwanenburg-Geheim';
const SECRET_SUMMARY = 'Geheime dreiging tegen officier van justitie Amsterdam';
const MISSING = 987654321;

describe('need-to-know', () => {
  let server, u;
  let A, B, R, C2; // A: ams, triaged local amsterdam later; B: ams, national later; R: rotterdam; C2: ams, links A's person

  // Asserts that `path` answers exactly what a nonexistent resource answers.
  async function assertLikeMissing(client, path, missingPath, what) {
    const [r, m] = [await client.get(path), await client.get(missingPath)];
    assertProblem(m, 404, 'not_found', `${what}: ${missingPath}`);
    assertProblem(r, 404, 'not_found', `${what}: ${path}`);
    assert.deepEqual(r.body, m.body, `${what}: body of ${path} differs from a nonexistent one`);
    assert.equal(r.headers.get('content-length'), m.headers.get('content-length'), what);
    assert.equal(r.headers.get('content-type'), m.headers.get('content-type'), what);
  }
  const sees = async (client, c) => (await client.get(`/api/v1/cases/${c.id}`)).status === 200;
  async function listIds(client, query = '') {
    const { items, total } = await allCases(client, query);
    assert.equal(total, items.length, 'total counts exactly the visible items');
    return items.map((i) => i.id);
  }

  before(async () => {
    server = await startServer();
    u = {};
    for (const name of ['ref-ams', 'ref-rdam', 'triage1', 'analyst-nctv', 'om-ams', 'om-rdam', 'cbb', 'admin1', 'inspector1', 'care-ams']) {
      u[name] = await loggedIn(server, name);
    }
    const mk = async (who, body) => {
      const r = await u[who].post('/api/v1/cases', body);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body;
    };
    A = await mk('ref-ams', sampleCase({ summary: SECRET_SUMMARY,
      persons: [{ given_names: 'Marieke', surname: SECRET_SURNAME, date_of_birth: '1975-06-30', function: 'officier van justitie' }] }));
    B = await mk('ref-ams', sampleCase({ summary: 'Landelijke zaak' }));
    R = await mk('ref-rdam', sampleCase({ summary: 'Rotterdamse zaak',
      persons: [{ given_names: 'Kees', surname: 'Rotterdammer', date_of_birth: '1966-02-02' }] }));
    C2 = await mk('ref-ams', sampleCase({ summary: 'Tweede zaak zelfde persoon', persons: [{ person_id: A.persons[0].id }] }));
  });
  after(async () => { await server?.stop(); });

  test('a referrer of another organisation gets for a case exactly the 404 of a nonexistent id', async () => {
    await assertLikeMissing(u['ref-rdam'], `/api/v1/cases/${A.id}`, `/api/v1/cases/${MISSING}`, 'ref-rdam');
    await assertLikeMissing(u['ref-rdam'], `/api/v1/cases/${A.id}`, `/api/v1/cases/${C2.id + 1000}`, 'ref-rdam, near id');
    await assertLikeMissing(u['ref-ams'], `/api/v1/cases/${R.id}`, `/api/v1/cases/${MISSING}`, 'ref-ams');
  });

  test('writes to a case one may not see answer the nonexistent 404, whatever the version, and change nothing', async () => {
    const rd = u['ref-rdam'];
    const missing = await rd.post(`/api/v1/cases/${MISSING}/information`, { text: 'x', version: 1 });
    assertProblem(missing, 404, 'not_found', 'information on a nonexistent case');
    for (const version of [A.version, A.version - 1, A.version + 7]) {
      const info = await rd.post(`/api/v1/cases/${A.id}/information`, { text: 'x', version });
      assertProblem(info, 404, 'not_found', `information v${version}`);
      assert.deepEqual(info.body, missing.body);
      const tri = await rd.post(`/api/v1/cases/${A.id}/triage`, { outcome: 'national', reasoning: 'x', version });
      assertProblem(tri, 404, 'not_found', `triage v${version}`);
      assert.deepEqual(tri.body, (await rd.post(`/api/v1/cases/${MISSING}/triage`, { outcome: 'national', reasoning: 'x', version })).body);
    }
    const now = (await u['ref-ams'].get(`/api/v1/cases/${A.id}`)).body;
    assert.equal(now.version, A.version);
    assert.deepEqual(now.timeline, A.timeline);
  });

  test("lists hold only the user's visible cases, and totals count only those", async () => {
    assert.deepEqual(await listIds(u['ref-rdam']), [R.id]);
    assert.deepEqual(await listIds(u['ref-rdam'], '&status=referred'), [R.id]);
    const ams = await listIds(u['ref-ams']);
    assert.deepEqual([...ams].sort((x, y) => x - y), [A.id, B.id, C2.id]);
    const queue = await listIds(u.triage1, '&status=referred');
    for (const c of [A, B, R, C2]) assert.ok(queue.includes(c.id), `triage sees ${c.reference} in the queue`);
  });

  test('before triage, no authority, analyst or OM sees a referred case', async () => {
    for (const name of ['om-ams', 'om-rdam', 'cbb', 'analyst-nctv']) {
      await assertLikeMissing(u[name], `/api/v1/cases/${A.id}`, `/api/v1/cases/${MISSING}`, name);
      assert.deepEqual(await listIds(u[name]), [], `${name} list`);
    }
  });

  test("other roles of the referring organisation see its cases as team members; not other organisations' cases", async () => {
    assert.ok(await sees(u['care-ams'], A));
    await assertLikeMissing(u['care-ams'], `/api/v1/cases/${R.id}`, `/api/v1/cases/${MISSING}`, 'care-ams on R');
    assert.ok(!(await listIds(u['care-ams'])).includes(R.id));
  });

  test('after local triage to om-amsterdam, om-amsterdam sees the case and om-rotterdam and the NCTV do not', async () => {
    const r = await u.triage1.post(`/api/v1/cases/${A.id}/triage`, { outcome: 'local', district: 'amsterdam', reasoning: 'Lokaal', version: A.version });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    A = r.body;
    assert.ok(await sees(u['om-ams'], A));
    assert.ok((await listIds(u['om-ams'])).includes(A.id));
    for (const name of ['om-rdam', 'cbb', 'analyst-nctv', 'ref-rdam']) {
      await assertLikeMissing(u[name], `/api/v1/cases/${A.id}`, `/api/v1/cases/${MISSING}`, name);
      assert.ok(!(await listIds(u[name])).includes(A.id), `${name} list`);
    }
    assert.ok(await sees(u.triage1, A), 'triage still sees the case it triaged');
    assert.ok(await sees(u['ref-ams'], A), 'the referrer still sees its case');
  });

  test('after national triage, the NCTV authority (and NCTV team) sees the case; the OM does not', async () => {
    const r = await u.triage1.post(`/api/v1/cases/${B.id}/triage`, { outcome: 'national', reasoning: 'Landelijk', version: B.version });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    B = r.body;
    assert.ok(await sees(u.cbb, B));
    assert.ok((await listIds(u.cbb)).includes(B.id));
    assert.ok(await sees(u['analyst-nctv'], B), 'nctv is on the team');
    for (const name of ['om-ams', 'om-rdam', 'ref-rdam']) {
      await assertLikeMissing(u[name], `/api/v1/cases/${B.id}`, `/api/v1/cases/${MISSING}`, name);
    }
    assert.deepEqual(await listIds(u['om-ams']), [A.id]);
  });

  test('admin and inspector see no case content: 404 on cases and persons, and empty or 403 lists', async () => {
    const secrets = [SECRET_SUMMARY, SECRET_SURNAME, A.reference, B.reference, R.reference, 'Rotterdammer'];
    for (const name of ['admin1', 'inspector1']) {
      const c = u[name];
      for (const x of [A, B, R, C2]) await assertLikeMissing(c, `/api/v1/cases/${x.id}`, `/api/v1/cases/${MISSING}`, name);
      await assertLikeMissing(c, `/api/v1/persons/${A.persons[0].id}`, `/api/v1/persons/${MISSING}`, name);
      for (const q of ['', '?status=referred', '?status=assessment', '?sort=newest&per_page=100']) {
        const r = await c.get(`/api/v1/cases${q}`);
        const text = JSON.stringify(r.body);
        assert.ok([200, 403].includes(r.status), `${name} list${q}: ${r.status}`);
        if (r.status === 200) {
          assert.deepEqual(r.body.items, [], `${name} list${q}`);
          assert.equal(r.body.total, 0, `${name} list${q} total`);
        } else assertProblem(r, 403, 'forbidden', `${name} list${q}`);
        for (const s of secrets) assert.ok(!text.includes(s), `${name} list${q} leaks ${s}`);
      }
    }
  });

  test("a person's page is the nonexistent 404 for whoever may see none of their cases", async () => {
    const pid = A.persons[0].id;
    for (const name of ['ref-rdam', 'om-rdam', 'cbb']) {
      await assertLikeMissing(u[name], `/api/v1/persons/${pid}`, `/api/v1/persons/${MISSING}`, name);
    }
  });

  test("a person's page shows only the cases of theirs the user may see", async () => {
    const pid = A.persons[0].id;
    const own = (await u['ref-ams'].get(`/api/v1/persons/${pid}`)).body;
    assert.deepEqual(own.cases.map((c) => c.id).sort((x, y) => x - y), [A.id, C2.id]);
    const om = await u['om-ams'].get(`/api/v1/persons/${pid}`);
    assert.equal(om.status, 200, JSON.stringify(om.body));
    assert.deepEqual(om.body.cases.map((c) => c.id), [A.id], 'om-amsterdam is not on C2');
    assert.ok(om.body.timeline.every((e) => e.case_id === A.id), JSON.stringify(om.body.timeline));
    assert.ok(!JSON.stringify(om.body).includes(C2.reference));
  });

  test('linking a person one may not see is refused without disclosing them, and stores nothing', async () => {
    const rd = u['ref-rdam'];
    const before = (await allCases(rd)).total;
    const r = await rd.post('/api/v1/cases', sampleCase({ persons: [{ person_id: A.persons[0].id }] }));
    assert.ok([404, 422].includes(r.status), `${r.status} ${JSON.stringify(r.body)}`);
    assert.ok(!JSON.stringify(r.body).includes(SECRET_SURNAME));
    const missing = await rd.post('/api/v1/cases', sampleCase({ persons: [{ person_id: MISSING }] }));
    assert.equal(r.status, missing.status, 'indistinguishable from a nonexistent person');
    assert.deepEqual(r.body, missing.body);
    assert.equal((await allCases(rd)).total, before);
  });

  test('guessing ids one by one across organisations yields only the 404 of a nonexistent id', async () => {
    const rd = u['ref-rdam'];
    const missing = (await rd.get(`/api/v1/cases/${MISSING}`)).body;
    const maxId = Math.max(A.id, B.id, R.id, C2.id);
    for (let id = 1; id <= maxId + 3; id++) {
      const r = await rd.get(`/api/v1/cases/${id}`);
      if (id === R.id) { assert.equal(r.status, 200); continue; }
      assert.equal(r.status, 404, `case ${id}`);
      assert.deepEqual(r.body, missing, `case ${id}`);
    }
    const missingPerson = (await rd.get(`/api/v1/persons/${MISSING}`)).body;
    const own = new Set(R.persons.map((p) => p.id));
    const maxP = Math.max(...[A, B, R, C2].flatMap((c) => c.persons.map((p) => p.id)));
    for (let id = 1; id <= maxP + 3; id++) {
      const r = await rd.get(`/api/v1/persons/${id}`);
      if (own.has(id)) { assert.equal(r.status, 200); continue; }
      assert.equal(r.status, 404, `person ${id}`);
      assert.deepEqual(r.body, missingPerson, `person ${id}`);
    }
    for (const id of ['0', '-1', '1.0', '01', 'abc', '99999999999999999999999']) {
      const r = await rd.get(`/api/v1/cases/${id}`);
      assert.ok([400, 404].includes(r.status), `case "${id}": ${r.status}`);
      assert.ok(!JSON.stringify(r.body).includes(SECRET_SUMMARY));
    }
  });

  test('afterwards the audit trail verifies and holds the denied attempts', async () => {
    const v = schildRaw(['audit', 'verify', '--db', server.db]);
    assert.equal(v.status, 0, `audit verify: ${v.stdout}${v.stderr}`);
    const cols = tableColumns(server.db, 'audit_log').map(([name]) => name);
    for (const c of ['outcome', 'username', 'object_type', 'object_id']) assert.ok(cols.includes(c), `audit_log columns: ${cols}`);
    const count = (where) => Number(dbQuery(server.db, `SELECT count(*) FROM audit_log WHERE outcome = 'denied' AND ${where};`));
    // ref-rdam's reads and writes of A, its id guessing, its person reads; admin's and inspector's reads.
    assert.ok(count(`username = 'ref-rdam' AND object_type = 'case' AND object_id = '${A.id}'`) >= 4, 'ref-rdam on case A');
    assert.ok(count(`username = 'ref-rdam' AND object_type = 'person' AND object_id = '${A.persons[0].id}'`) >= 1, 'ref-rdam on A\'s person');
    assert.ok(count(`username = 'om-rdam' AND object_type = 'case' AND object_id = '${A.id}'`) >= 1, 'om-rdam on case A');
    for (const name of ['admin1', 'inspector1']) {
      assert.ok(count(`username = '${name}' AND object_type = 'case' AND object_id = '${R.id}'`) >= 1, `${name} on case R`);
    }
    assert.equal(count(`username = 'ref-ams' AND object_type = 'case' AND object_id = '${A.id}'`), 0, 'no denial for the referrer on its own case');
  });
});

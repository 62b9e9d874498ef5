// Retention (docs/SECURITY.md): `schild retention run` removes the signals past their
// compartment's term and the closed cases past theirs, each with what belongs to it, records one
// "retention.remove" audit entry per removal without any content, keeps the trail intact, and
// a dry run changes nothing.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { startServer, loggedIn, sampleCase, schild, schildRaw, USERS, SCHILD } from '../lib/server.mjs';
import { dbQuery, isoDay } from './util.mjs';

const CAST = [...USERS, ['analyst-ams', 'analyst', 'politie-amsterdam']];
const OLD = '2000-01-01T09:00:00.000Z';

const signal = (overrides) => ({
  received_at: isoDay(-1),
  source_org: 'politie-amsterdam',
  source_grade: 'B',
  info_grade: '2',
  handling: 'H0',
  compartment: 'police',
  concreteness: 'concrete',
  ...overrides,
});

describe('retention', () => {
  let server, ref, triage, analyst, A, closedOld, closedYoung, oldPolice, youngPolice, oldInformant, oldCaseSignal;
  const q = (sql) => dbQuery(server.db, sql).trim();
  const count = (sql) => Number(q(sql));

  async function post(client, path, body, status = 201) {
    const r = await client.post(path, body);
    assert.equal(r.status, status, `${path}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  before(async () => {
    server = await startServer({ users: CAST });
    ref = await loggedIn(server, 'ref-ams');
    triage = await loggedIn(server, 'triage1');
    analyst = await loggedIn(server, 'analyst-ams');
    A = await post(ref, '/api/v1/cases', sampleCase({ summary: 'Open zaak met oude signalen' }));
    A = await post(triage, `/api/v1/cases/${A.id}/triage`, { outcome: 'local', district: 'amsterdam', reasoning: 'lokaal', version: A.version }, 200);
    oldPolice = (await post(ref, `/api/v1/cases/${A.id}/signals`, signal({ text: 'Oude melding over de steigerbouwer' }))).id;
    youngPolice = (await post(ref, `/api/v1/cases/${A.id}/signals`, signal({ text: 'Verse melding over de steigerbouwer' }))).id;
    oldInformant = (await post(analyst, `/api/v1/cases/${A.id}/signals`, signal({ compartment: 'informant', text: 'Bron over de lantaarnopsteker' }))).id;
    // a case closed long ago (triaged without measures), with a person and a signal of its own
    closedOld = await post(ref, '/api/v1/cases', sampleCase({ summary: 'Oude afgesloten zaak',
      persons: [{ given_names: 'Vergeten', surname: 'Persoon', date_of_birth: '1950-05-05' }] }));
    oldCaseSignal = (await post(ref, `/api/v1/cases/${closedOld.id}/signals`, signal({ text: 'Melding in de oude zaak' }))).id;
    closedOld = await post(triage, `/api/v1/cases/${closedOld.id}/triage`, { outcome: 'no_measures', reasoning: 'geen maatregelen', version: closedOld.version }, 200);
    closedYoung = await post(ref, '/api/v1/cases', sampleCase({ summary: 'Recent afgesloten zaak' }));
    closedYoung = await post(triage, `/api/v1/cases/${closedYoung.id}/triage`, { outcome: 'no_measures', reasoning: 'geen maatregelen', version: closedYoung.version }, 200);
    assert.equal(closedOld.status, 'closed');
    // make them old: recorded (signals) and closed (the case's closing event and last change) in 2000
    q(`UPDATE signals SET created_at = '${OLD}' WHERE id IN (${oldPolice}, ${oldInformant}, ${oldCaseSignal});`);
    q(`UPDATE case_events SET at = '${OLD}' WHERE case_id = ${closedOld.id};`);
    q(`UPDATE cases SET updated_at = '${OLD}' WHERE id = ${closedOld.id};`);
  });
  after(async () => { await server?.stop(); });

  const snapshot = () => ['signals', 'cases', 'persons', 'case_events', 'case_persons', 'case_team', 'audit_log']
    .map((t) => `${t}=${count(`SELECT count(*) FROM ${t};`)}`).join(' ');

  test('a dry run says what it would remove and changes nothing', () => {
    const before = snapshot();
    const out = schild(['retention', 'run', '--db', server.db, '--dry-run']);
    assert.match(out, /dry run/);
    assert.match(out, /would remove 1 closed case\(s\) and 2 signal\(s\)/, out);
    assert.match(out, /police\s+1/);
    assert.match(out, /informant\s+1/);
    assert.equal(snapshot(), before);
  });

  test('the run removes what is past its term with its dependants and keeps the rest', async () => {
    const personId = count(`SELECT person_id FROM case_persons WHERE case_id = ${closedOld.id};`);
    const out = schild(['retention', 'run', '--db', server.db]);
    assert.match(out, /removed 1 closed case\(s\) and 2 signal\(s\)/, out);
    const ids = (sql) => q(sql).split('\n').filter(Boolean).map(Number).sort((x, y) => x - y);
    assert.deepEqual(ids(`SELECT id FROM signals WHERE case_id = ${A.id};`), [youngPolice]);
    assert.equal(count(`SELECT count(*) FROM signals WHERE id = ${oldCaseSignal};`), 0);
    for (const t of ['case_events', 'case_team', 'case_persons']) {
      assert.equal(count(`SELECT count(*) FROM ${t} WHERE case_id = ${closedOld.id};`), 0, t);
    }
    assert.equal(count(`SELECT count(*) FROM cases WHERE id = ${closedOld.id};`), 0);
    assert.equal(count(`SELECT count(*) FROM persons WHERE id = ${personId};`), 0, 'its own person');
    assert.equal(count(`SELECT count(*) FROM cases WHERE id IN (${A.id}, ${closedYoung.id});`), 2);
    // the API no longer knows the case; the open case reads on
    assert.equal((await ref.get(`/api/v1/cases/${closedOld.id}`)).status, 404);
    assert.equal((await ref.get(`/api/v1/cases/${A.id}`)).status, 200);
    const search = await ref.get('/api/v1/search?q=steigerbouwer');
    assert.deepEqual(search.body.items.filter((h) => h.kind === 'signal').map((h) => h.id), [youngPolice]);
  });

  test('the trail has one retention.remove per removal, without content, and stays intact', () => {
    const rows = q("SELECT object_type || '|' || object_id || '|' || detail FROM audit_log WHERE action = 'retention.remove' ORDER BY seq;")
      .split('\n').filter(Boolean);
    assert.equal(rows.length, 3, rows.join('\n'));
    const expect = [`case|${closedOld.id}|kind=case state=closed`, `signal|${oldPolice}|kind=signal compartment=police`,
      `signal|${oldInformant}|kind=signal compartment=informant`];
    for (const e of expect) assert.ok(rows.some((r) => r.startsWith(e)), `${e}: ${rows.join('\n')}`);
    for (const r of rows) {
      assert.match(r, /age_days=\d+$/);
      assert.ok(!/steigerbouwer|lantaarnopsteker|Vergeten|oude zaak/i.test(r), r);
    }
    const verify = schildRaw(['audit', 'verify', '--db', server.db]);
    assert.equal(verify.status, 0, verify.stdout + verify.stderr);
  });

  // The daily run inside serve: a second server on the same database, told to make its first
  // run at once (SCHILD_RETENTION_FIRST_RUN_SECONDS; normally a minute after start, then daily).
  test('serve runs retention by itself soon after start', async () => {
    const late = (await post(ref, `/api/v1/cases/${A.id}/signals`, signal({ text: 'Late melding over de glazenwasser' }))).id;
    q(`UPDATE signals SET created_at = '${OLD}' WHERE id = ${late};`);
    const removals = count("SELECT count(*) FROM audit_log WHERE action = 'retention.remove';");
    const port = await new Promise((res) => { const srv = createServer(); srv.listen(0, '127.0.0.1', () => { const p = srv.address().port; srv.close(() => res(p)); }); });
    const proc = spawn(SCHILD, ['serve', '--db', server.db, '--listen', `127.0.0.1:${port}`, '--demo'],
      { env: { ...process.env, SCHILD_RETENTION_FIRST_RUN_SECONDS: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    proc.stdout.on('data', (d) => { log += d; });
    proc.stderr.on('data', (d) => { log += d; });
    try {
      for (let i = 0; i < 400 && !/retention: removed/.test(log); i++) await new Promise((r) => setTimeout(r, 50));
      assert.match(log, /retention: removed 0 closed case\(s\) and 1 signal\(s\)/, log);
    } finally {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    }
    assert.equal(count(`SELECT count(*) FROM signals WHERE id = ${late};`), 0, 'removed by the daily run');
    assert.equal(count("SELECT count(*) FROM audit_log WHERE action = 'retention.remove';"), removals + 1);
    assert.equal(q("SELECT object_type || ' ' || object_id FROM audit_log WHERE action = 'retention.remove' ORDER BY seq DESC LIMIT 1;"), `signal ${late}`);
  });

  test('a second run finds nothing more; --today far ahead removes the young ones too', () => {
    assert.match(schild(['retention', 'run', '--db', server.db]), /removed 0 closed case\(s\) and 0 signal\(s\)/);
    const out = schild(['retention', 'run', '--db', server.db, '--today', '2099-01-01', '--dry-run']);
    assert.match(out, /would remove 1 closed case\(s\) and 1 signal\(s\)/, out);
    assert.equal(schildRaw(['retention', 'run', '--db', server.db, '--today', '2099-13-01']).status, 2);
  });
});

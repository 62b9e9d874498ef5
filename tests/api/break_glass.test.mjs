// Break-glass (docs/OVERSIGHT.md): a user outside a case's need-to-know opens it with a reason for
// a limited time; the grant is a team row that ends, so the case is hidden again afterwards; every
// use is audited and the privacy officer reviews each grant. The server runs with
// break_glass_minutes 1; the test cannot wait that minute, so it moves a grant's end into the past
// in the database (what the clock would do), then checks the case is closed again.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, loggedIn, sampleCase, USERS } from '../lib/server.mjs';
import { assertProblem, dbQuery } from './util.mjs';

const CAST = [...USERS, ['po1', 'privacy_officer', 'nctv'], ['lead-rdam', 'unit_lead', 'politie-rotterdam']];
const REASON = 'Nachtelijke melding: acute dreiging tegen de rechter, dossier nodig voor de inzet';

describe('break-glass', () => {
  let server, u, A, configDir, grant;
  const q = (sql) => dbQuery(server.db, sql).trim();
  const count = (sql) => Number(q(sql));
  const stored = () => count('SELECT count(*) FROM break_glass') +
    count("SELECT count(*) FROM case_team WHERE membership = 'break_glass'");
  // What the clock does after break_glass_minutes: every grant's end passes.
  const endGrants = () => {
    const past = Math.floor(Date.now() / 1000) - 5;
    q(`UPDATE case_team SET expires_at = ${past} WHERE membership = 'break_glass';`);
    q(`UPDATE break_glass SET expires_at = ${past};`);
  };

  before(async () => {
    configDir = mkdtempSync(join(tmpdir(), 'schild-bg-'));
    chmodSync(configDir, 0o755); // read by the server's unprivileged user too
    const config = join(configDir, 'config.json');
    writeFileSync(config, JSON.stringify({ security: { break_glass_minutes: 1, totp_roles: [] } }));
    chmodSync(config, 0o644);
    server = await startServer({ users: CAST, serveArgs: ['--config', config] });
    u = {};
    for (const [name] of CAST) u[name] = await loggedIn(server, name);
    const r = await u['ref-ams'].post('/api/v1/cases', sampleCase({ summary: 'Kraaiennest bedreiging rechter' }));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    A = r.body;
  });
  after(async () => {
    await server?.stop();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  test('bad input, a missing case and a case one sees already store nothing', async () => {
    const path = `/api/v1/cases/${A.id}/break-glass`;
    assertProblem(await u['ref-rdam'].get(`/api/v1/cases/${A.id}`), 404, 'not_found', 'outside the team');
    assertProblem(await u['ref-rdam'].post(path, {}), 422, 'validation_failed', 'no reason');
    assertProblem(await u['ref-rdam'].post(path, { reason: 'te kort' }), 422, 'validation_failed', 'short reason');
    assertProblem(await u['ref-rdam'].post(path, { reason: 'x'.repeat(2001) }), 422, 'validation_failed', 'long');
    assertProblem(await u['ref-rdam'].post(path, { reason: 12345678901 }), 422, 'validation_failed', 'a number');
    assertProblem(await u['ref-rdam'].post(path, { reason: REASON, minutes: 600 }), 400, 'unknown_field', 'extra');
    assertProblem(await u['ref-rdam'].post('/api/v1/cases/999999/break-glass', { reason: REASON }), 404,
      'not_found', 'no such case');
    assertProblem(await u['ref-ams'].post(path, { reason: REASON }), 409, 'invalid_transition', 'on the team');
    assert.equal(stored(), 0);
    assertProblem(await u['ref-rdam'].get(`/api/v1/cases/${A.id}`), 404, 'not_found', 'still closed');
  });

  test('the privacy officer, the inspector and the admin cannot break the glass', async () => {
    for (const who of ['po1', 'inspector1', 'admin1']) {
      assertProblem(await u[who].post(`/api/v1/cases/${A.id}/break-glass`, { reason: REASON }), 403, 'forbidden', who);
    }
    assert.equal(stored(), 0);
    assert.equal(count("SELECT count(*) FROM audit_log WHERE action = 'break_glass.open' AND outcome = 'denied'"), 3);
  });

  test('a referrer of another organisation breaks the glass, reads the case, and is audited', async () => {
    const before = Date.now();
    const r = await u['ref-rdam'].post(`/api/v1/cases/${A.id}/break-glass`, { reason: REASON });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    grant = r.body;
    assert.equal(grant.case_id, A.id);
    assert.equal(grant.case_reference, A.reference);
    assert.equal(grant.reason, REASON);
    assert.deepEqual(grant.user, { username: 'ref-rdam', org: 'politie-rotterdam', role: 'referrer' });
    assert.equal(grant.active, true);
    assert.deepEqual(grant.review, { outcome: 'pending', note: null, by: null, at: null });
    assert.equal(grant.version, 1);
    // break_glass_minutes is 1: the end is a minute after the start (whole seconds)
    const ends = Date.parse(grant.expires_at);
    assert.ok(ends >= before + 59_000 && ends <= Date.now() + 61_000, grant.expires_at);

    assertProblem(await u['ref-rdam'].post(`/api/v1/cases/${A.id}/break-glass`, { reason: REASON }), 409,
      'invalid_transition', 'a live grant already');
    const c = await u['ref-rdam'].get(`/api/v1/cases/${A.id}`);
    assert.equal(c.status, 200, JSON.stringify(c.body));
    assert.deepEqual(c.body.break_glass, { id: grant.id, expires_at: grant.expires_at });
    const own = await u['ref-ams'].get(`/api/v1/cases/${A.id}`);
    assert.equal(own.status, 200);
    assert.equal(own.body.break_glass, undefined, 'the team does not read by break-glass');
    const list = await u['ref-rdam'].get('/api/v1/cases?per_page=100');
    assert.ok(list.body.items.some((x) => x.id === A.id), 'the case is in the list while the grant lasts');
    const session = await u['ref-rdam'].get('/api/v1/session');
    assert.deepEqual(session.body.break_glass,
      [{ id: grant.id, case_id: A.id, case_reference: A.reference, expires_at: grant.expires_at }]);
    assert.deepEqual((await u['ref-ams'].get('/api/v1/session')).body.break_glass, []);
    // a grant opens the case, not the search
    const found = await u['ref-rdam'].get('/api/v1/search?q=kraaiennest');
    assert.equal(found.status, 200, JSON.stringify(found.body));
    assert.equal(found.body.items.length, 0);

    const open = q("SELECT purpose || '|' || object_id || '|' || username || '|' || outcome FROM audit_log " +
      "WHERE action = 'break_glass.open' AND outcome = 'ok'");
    assert.equal(open, `${REASON}|${A.id}|ref-rdam|ok`);
    assert.equal(count("SELECT count(*) FROM audit_log WHERE action = 'case.read' AND username = 'ref-rdam' " +
      `AND object_id = '${A.id}' AND outcome = 'ok' AND purpose = 'break-glass #${grant.id}'`), 1);
  });

  test('when the grant ends the case is hidden again; breaking the glass again renews it', async () => {
    endGrants();
    assertProblem(await u['ref-rdam'].get(`/api/v1/cases/${A.id}`), 404, 'not_found', 'after the end');
    const list = await u['ref-rdam'].get('/api/v1/cases?per_page=100');
    assert.ok(!list.body.items.some((x) => x.id === A.id));
    assert.deepEqual((await u['ref-rdam'].get('/api/v1/session')).body.break_glass, []);

    const again = await u['ref-rdam'].post(`/api/v1/cases/${A.id}/break-glass`, { reason: `${REASON} (opnieuw)` });
    assert.equal(again.status, 201, JSON.stringify(again.body));
    assert.ok(again.body.id > grant.id);
    assert.equal((await u['ref-rdam'].get(`/api/v1/cases/${A.id}`)).status, 200);
    assert.equal(count("SELECT count(*) FROM case_team WHERE membership = 'break_glass'"), 1, 'one team row, renewed');
    // another user of the same role opens it too: grants are personal
    const lead = await u['lead-rdam'].post(`/api/v1/cases/${A.id}/break-glass`, { reason: REASON });
    assert.equal(lead.status, 201, JSON.stringify(lead.body));
    endGrants();
    assertProblem(await u['lead-rdam'].get(`/api/v1/cases/${A.id}`), 404, 'not_found', 'the lead after the end');
  });

  test('the privacy officer reviews each grant once, version-checked; nobody else may', async () => {
    for (const who of ['ref-ams', 'ref-rdam', 'inspector1', 'admin1', 'triage1']) {
      assertProblem(await u[who].get('/api/v1/oversight/break-glass'), 403, 'forbidden', who);
      assertProblem(await u[who].post(`/api/v1/oversight/break-glass/${grant.id}/review`,
        { justified: true, note: 'ok', version: 1 }), 403, 'forbidden', who);
    }
    assertProblem(await u.po1.get('/api/v1/oversight/break-glass?status=open'), 400, 'bad_request', 'status');
    assertProblem(await u.po1.get('/api/v1/oversight/break-glass?sort=x'), 400, 'bad_request', 'unknown');
    const all = await u.po1.get('/api/v1/oversight/break-glass');
    assert.equal(all.status, 200, JSON.stringify(all.body));
    assert.equal(all.body.total, 3);
    assert.deepEqual(all.body.items.map((g) => g.id), [...all.body.items.map((g) => g.id)].sort((x, y) => y - x),
      'newest first');
    assert.ok(all.body.items.every((g) => g.review.outcome === 'pending' && g.active === false));
    const first = all.body.items.find((g) => g.id === grant.id);
    assert.equal(first.reason, REASON);
    assert.equal(first.user.username, 'ref-rdam');

    const path = `/api/v1/oversight/break-glass/${grant.id}/review`;
    const pending = () => count(`SELECT count(*) FROM break_glass WHERE id = ${grant.id} AND review = 'pending'`);
    assertProblem(await u.po1.post(path, { justified: true, version: 1 }), 422, 'validation_failed', 'no note');
    assertProblem(await u.po1.post(path, { justified: 'ja', note: 'x', version: 1 }), 422, 'validation_failed', 'bool');
    assertProblem(await u.po1.post(path, { justified: true, note: 'x', version: 2 }), 409, 'version_conflict', 'stale');
    assertProblem(await u.po1.post('/api/v1/oversight/break-glass/999999/review', { justified: true, note: 'x', version: 1 }),
      404, 'not_found', 'unknown grant');
    assert.equal(pending(), 1, 'refused reviews change nothing');
    const r = await u.po1.post(path, { justified: true, note: 'Spoed was aangetoond door de dienstdoende.', version: 1 });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.review.outcome, 'justified');
    assert.equal(r.body.review.note, 'Spoed was aangetoond door de dienstdoende.');
    assert.equal(r.body.review.by, 'po1');
    assert.ok(r.body.review.at);
    assert.equal(r.body.version, 2);
    assertProblem(await u.po1.post(path, { justified: false, note: 'toch niet', version: 2 }), 409,
      'invalid_transition', 'reviewed already');

    const second = all.body.items.find((g) => g.user.username === 'lead-rdam');
    const u2 = await u.po1.post(`/api/v1/oversight/break-glass/${second.id}/review`,
      { justified: false, note: 'Geen spoed: kon tot de ochtend wachten.', version: second.version });
    assert.equal(u2.status, 200, JSON.stringify(u2.body));
    assert.equal(u2.body.review.outcome, 'unjustified');

    const pend = await u.po1.get('/api/v1/oversight/break-glass?status=pending');
    assert.equal(pend.body.total, 1);
    assert.equal(pend.body.items[0].user.username, 'ref-rdam');
    const mixed = await u.po1.get('/api/v1/oversight/break-glass?status=all&per_page=1');
    assert.equal(mixed.body.items[0].review.outcome, 'pending', 'pending first');
    assert.equal(mixed.body.total, 3);
    const reviewed = await u.po1.get('/api/v1/oversight/break-glass?status=reviewed');
    assert.deepEqual(reviewed.body.items.map((g) => g.review.outcome).sort(), ['justified', 'unjustified']);
    assert.equal(count("SELECT count(*) FROM audit_log WHERE action = 'break_glass.review' AND outcome = 'ok'"), 2);
    assert.ok(count("SELECT count(*) FROM audit_log WHERE action = 'break_glass.list' AND username = 'po1'") >= 4);
  });
});

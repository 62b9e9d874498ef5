// The second factor (docs/SECURITY.md, "Second factor (TOTP)"): the URI `schild user add` prints
// logs in; a missing, wrong or replayed code is refused (401) and grants nothing; a recovery code
// works once; a user enrols from a session; reset-totp; a required role without enrolment; the
// throttle counts second-factor failures. The server requires it of every role (no --demo).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, Client, PASSWORD, schild, schildRaw, psql, isPostgres, totpCode, totpStep, secretOfUri, nextTotp,
} from '../lib/server.mjs';
import { spawnSync } from 'node:child_process';

let server;
const CAST = [
  ['ref-ams', 'referrer', 'politie-amsterdam'],
  ['triage1', 'triage', 'nctv'],
  ['om-ams', 'authority', 'om-amsterdam'],
  ['care-ams', 'care', 'politie-amsterdam'],
];

before(async () => { server = await startServer({ totp: true, users: CAST }); });
after(async () => { await server?.stop(); });

function sql(query) {
  if (isPostgres(server.db)) return psql(server.db, query).trim();
  const r = spawnSync('sqlite3', [server.db.replace(/^sqlite:/, ''), query], { encoding: 'utf8' });
  return r.stdout.trim();
}
const sessions = (user) => Number(sql(`SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = '${user}'`));
const login = (user, extra = {}, password = PASSWORD) => new Client(server.base).login(user, password, extra);

test('user add prints an otpauth URI and ten recovery codes, and that URI logs in', async () => {
  const uri = server.totp['ref-ams'];
  assert.match(uri, /^otpauth:\/\/totp\/Schild:ref-ams\?secret=[A-Z2-7]{32}&issuer=Schild&algorithm=SHA1&digits=6&period=30$/);
  assert.equal(server.recovery['ref-ams'].length, 10);
  const before = sessions('ref-ams');
  const r = await login('ref-ams', { totp: await nextTotp(server, 'ref-ams') });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(sessions('ref-ams'), before + 1);
  // the secret is stored sealed, never in the clear
  const stored = sql(`SELECT totp_secret FROM users WHERE username = 'ref-ams'`);
  assert.match(stored, /^sealed:v1:/);
  assert.ok(!stored.includes(secretOfUri(uri)));
});

test('a missing, wrong or replayed code is 401 and creates no session', async () => {
  const before = sessions('triage1');
  const missing = await login('triage1');
  assert.equal(missing.status, 401);
  assert.equal(missing.body.code, 'totp_required');
  assert.match(missing.headers.get('content-type'), /problem\+json/);
  const secret = secretOfUri(server.totp.triage1);
  const now = totpStep();
  const right = totpCode(secret, now);
  const wrong = String((Number(right) + 1) % 1000000).padStart(6, '0');
  const bad = await login('triage1', { totp: wrong });
  assert.equal(bad.status, 401);
  assert.equal(bad.body.code, 'totp_invalid');
  const old = await login('triage1', { totp: totpCode(secret, now - 3) });
  assert.equal(old.body.code, 'totp_invalid');
  // a wrong password with a right code is the plain 401 (the code is not even looked at)
  const wrongPassword = await login('triage1', { totp: right }, 'not the password at all');
  assert.equal(wrongPassword.status, 401);
  assert.equal(wrongPassword.body.code, 'unauthenticated');
  assert.equal(sessions('triage1'), before);
  const ok = await login('triage1', { totp: right });
  assert.equal(ok.status, 200);
  server.usedSteps.triage1 = now;
  const replay = await login('triage1', { totp: right });
  assert.equal(replay.status, 401);
  assert.equal(replay.body.code, 'totp_invalid');
  assert.equal(sessions('triage1'), before + 1);
  // clear the throttle's count for later tests
  sql(`DELETE FROM login_throttle WHERE username = 'triage1'`);
});

test('a recovery code logs in once', async () => {
  const [code, other] = server.recovery['om-ams'];
  const r = await login('om-ams', { recovery_code: code.toUpperCase() });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const again = await login('om-ams', { recovery_code: code });
  assert.equal(again.status, 401);
  assert.equal(again.body.code, 'totp_invalid');
  const garbage = await login('om-ams', { recovery_code: 'not-a-code' });
  assert.equal(garbage.body.code, 'totp_invalid');
  assert.equal((await login('om-ams', { recovery_code: other })).status, 200);
  assert.equal(Number(sql(`SELECT count(*) FROM recovery_codes r JOIN users u ON u.id = r.user_id WHERE u.username = 'om-ams' AND r.used_at IS NOT NULL`)), 2);
  sql(`DELETE FROM login_throttle WHERE username = 'om-ams'`);
});

test('reset-totp makes a new secret and codes: the old ones stop working, the new ones work (audited)', async () => {
  const oldSecret = secretOfUri(server.totp['care-ams']);
  const oldCode = server.recovery['care-ams'][0];
  const out = schild(['user', 'reset-totp', '--db', server.db, '--username', 'care-ams']);
  const uri = /^otpauth:\/\/\S+$/m.exec(out)[0];
  const codes = [...out.matchAll(/^recovery code: (\S+)$/gm)].map((m) => m[1]);
  assert.equal(codes.length, 10);
  assert.notEqual(secretOfUri(uri), oldSecret);
  assert.equal((await login('care-ams', { recovery_code: oldCode })).body.code, 'totp_invalid');
  const stale = await login('care-ams', { totp: totpCode(oldSecret, totpStep()) });
  assert.equal(stale.status, 401);
  server.totp['care-ams'] = uri;
  server.usedSteps['care-ams'] = -1;
  const ok = await login('care-ams', { totp: await nextTotp(server, 'care-ams') });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.match(sql(`SELECT action FROM audit_log WHERE action = 'user.totp_reset'`), /user\.totp_reset/);
  assert.notEqual(schildRaw(['user', 'reset-totp', '--db', server.db, '--username', 'nobody-here']).status, 0);
  sql(`DELETE FROM login_throttle WHERE username = 'care-ams'`);
});

test('a role that requires the second factor without one enrolled: 401 totp_not_enrolled, no session', async () => {
  schild(['user', 'add', '--db', server.db, '--username', 'plain-user', '--role', 'analyst', '--org', 'nctv', '--no-totp'], PASSWORD + '\n');
  const r = await login('plain-user');
  assert.equal(r.status, 401);
  assert.equal(r.body.code, 'totp_not_enrolled');
  assert.match(r.body.detail, /reset-totp/);
  assert.equal(sessions('plain-user'), 0);
});

test('the throttle counts second-factor failures: five lock the username', async () => {
  schild(['user', 'add', '--db', server.db, '--username', 'throttled', '--role', 'referrer', '--org', 'kmar'], PASSWORD + '\n');
  for (let i = 0; i < 5; i++) {
    const r = await login('throttled', { totp: '000000' });
    assert.equal(r.status, 401);
  }
  const locked = await login('throttled');
  assert.equal(locked.status, 429);
});

test('enrolment from a session in demo mode: pending secret, confirm with a code, recovery codes once', async () => {
  const demo = await startServer({ users: [['self-enrol', 'referrer', 'kmar']] });
  try {
    const c = new Client(demo.base);
    assert.equal((await c.login('self-enrol')).status, 200);
    const start = await c.post('/api/v1/session/totp');
    assert.equal(start.status, 200, JSON.stringify(start.body));
    assert.match(start.body.secret, /^[A-Z2-7]{32}$/);
    assert.equal(secretOfUri(start.body.uri), start.body.secret);
    // nothing enabled yet: logging in still needs no code
    assert.equal((await new Client(demo.base).login('self-enrol')).status, 200);
    const wrong = await c.post('/api/v1/session/totp/confirm', { code: '12345x' });
    assert.equal(wrong.status, 422);
    const step = totpStep();
    const ok = await c.post('/api/v1/session/totp/confirm', { code: totpCode(start.body.secret, step) });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.recovery_codes.length, 10);
    const twice = await c.post('/api/v1/session/totp/confirm', { code: totpCode(start.body.secret, step + 1) });
    assert.equal(twice.status, 409);
    assert.equal((await c.post('/api/v1/session/totp')).status, 409);
    // enabled: even in demo mode the user now needs it; the confirming step is used up
    assert.equal((await new Client(demo.base).login('self-enrol')).body.code, 'totp_required');
    assert.equal((await new Client(demo.base).login('self-enrol', PASSWORD, { totp: totpCode(start.body.secret, step) })).body.code, 'totp_invalid');
    assert.equal((await new Client(demo.base).login('self-enrol', PASSWORD, { totp: totpCode(start.body.secret, step + 1) })).status, 200);
    assert.equal((await new Client(demo.base).login('self-enrol', PASSWORD, { recovery_code: ok.body.recovery_codes[3] })).status, 200);
    // without the CSRF header the enrolment is refused
    const noCsrf = await c.post('/api/v1/session/totp', undefined, { headers: { 'x-csrf-token': 'x' } });
    assert.equal(noCsrf.status, 403);
    const audit = demo.log();
    assert.ok(!audit.includes(start.body.secret), 'the secret is never logged');
  } finally {
    await demo.stop();
  }
});

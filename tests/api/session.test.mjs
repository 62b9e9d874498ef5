// Sessions: login, the cookie, CSRF on writes, logout and login throttling.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, loggedIn, USERS, PASSWORD, sampleCase } from '../lib/server.mjs';
import { assertProblem, withoutCsrf, caseTotal } from './util.mjs';

const EXTRA = [
  ['wrongpw', 'referrer', 'politie-amsterdam'], // absorbs wrong-password attempts
  ['lockme', 'referrer', 'politie-amsterdam'],  // gets throttled
  ['other', 'referrer', 'politie-amsterdam'],   // must stay unaffected by lockme's throttling
];

describe('sessions', () => {
  let server;
  before(async () => { server = await startServer({ users: [...USERS, ...EXTRA] }); });
  after(async () => { await server?.stop(); });

  test('login answers 200 with csrf_token and user, and sets an HttpOnly SameSite=Strict cookie', async () => {
    const c = new Client(server.base);
    const r = await c.post('/api/v1/session', { username: 'ref-ams', password: PASSWORD });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const set = r.headers.get('set-cookie') || '';
    assert.match(set, /(^|,\s*)schild_session=[^;,\s]{16,}/, `Set-Cookie: ${set}`);
    assert.match(set, /;\s*HttpOnly/i, set);
    assert.match(set, /;\s*SameSite=Strict/i, set);
    assert.match(set, /;\s*Path=\/(;|$)/i, set);
    assert.equal(typeof r.body.csrf_token, 'string');
    assert.ok(r.body.csrf_token.length >= 16, 'csrf_token has some entropy');
    assert.ok(!set.includes(r.body.csrf_token), 'the CSRF token is not the session cookie');
    assert.equal(r.body.user.username, 'ref-ams');
    assert.equal(r.body.user.role, 'referrer');
    assert.equal(typeof r.body.user.display_name, 'string');
    assert.equal(r.body.user.org.code, 'politie-amsterdam');
    assert.equal(typeof r.body.user.org.name, 'string');
    assert.ok(!('password' in r.body.user) && !('password_hash' in r.body.user));
  });

  test('each login issues a different session cookie and CSRF token', async () => {
    const a = await loggedIn(server, 'ref-ams');
    const b = await loggedIn(server, 'ref-ams');
    assert.notEqual(a.cookie, b.cookie);
    assert.notEqual(a.csrf, b.csrf);
  });

  test('wrong password and unknown user both answer 401 unauthenticated with identical bodies and no session', async () => {
    const c = new Client(server.base);
    const wrong = await c.post('/api/v1/session', { username: 'wrongpw', password: 'not the password' });
    const unknown = await c.post('/api/v1/session', { username: 'no-such-user-xyz', password: 'not the password' });
    assertProblem(wrong, 401, 'unauthenticated', 'wrong password');
    assertProblem(unknown, 401, 'unauthenticated', 'unknown user');
    assert.deepEqual(wrong.body, unknown.body);
    assert.equal(wrong.headers.get('content-length'), unknown.headers.get('content-length'));
    for (const r of [wrong, unknown]) {
      assert.doesNotMatch(r.headers.get('set-cookie') || '', /schild_session=[^;,\s]+/, 'no session cookie on failure');
    }
    assert.equal(c.cookie, null);
  });

  test('GET /session answers the same user and a CSRF token for the session; 401 without a cookie', async () => {
    const c = await loggedIn(server, 'triage1');
    const r = await c.get('/api/v1/session');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.user.username, 'triage1');
    assert.equal(r.body.user.role, 'triage');
    assert.equal(r.body.user.org.code, 'nctv');
    assert.equal(typeof r.body.csrf_token, 'string');
    // The token it hands out works for a write in this session.
    const c2 = withoutCsrf(c);
    c2.csrf = r.body.csrf_token;
    assert.equal((await c2.post('/api/v1/cases', sampleCase())).status, 201);
    assertProblem(await new Client(server.base).get('/api/v1/session'), 401, 'unauthenticated', 'GET /session anonymous');
    const forged = new Client(server.base);
    forged.cookie = 'schild_session=' + 'A'.repeat(43);
    assertProblem(await forged.get('/api/v1/session'), 401, 'unauthenticated', 'GET /session forged cookie');
  });

  test('DELETE /session answers 204, clears the cookie, and the old cookie no longer works', async () => {
    const c = await loggedIn(server, 'ref-ams');
    const oldCookie = c.cookie;
    const r = await c.delete('/api/v1/session');
    assert.equal(r.status, 204);
    const set = r.headers.get('set-cookie') || '';
    assert.match(set, /schild_session=/, 'the cookie is cleared');
    assert.match(set, /(Max-Age=0|Expires=Thu, 01 Jan 1970|schild_session=;)/i, `cleared cookie: ${set}`);
    const stale = new Client(server.base);
    stale.cookie = oldCookie;
    stale.csrf = c.csrf;
    assertProblem(await stale.get('/api/v1/session'), 401, 'unauthenticated', 'GET /session after logout');
    assertProblem(await stale.get('/api/v1/cases'), 401, 'unauthenticated', 'GET /cases after logout');
    assertProblem(await stale.post('/api/v1/cases', sampleCase()), 401, 'unauthenticated', 'POST /cases after logout');
  });

  test('DELETE /session without X-CSRF-Token is 403 csrf_failed and the session survives', async () => {
    const c = await loggedIn(server, 'ref-ams');
    assertProblem(await withoutCsrf(c).delete('/api/v1/session'), 403, 'csrf_failed');
    assert.equal((await c.get('/api/v1/session')).status, 200);
  });

  test('a write without X-CSRF-Token is 403 csrf_failed and stores nothing', async () => {
    const c = await loggedIn(server, 'ref-ams');
    const before = await caseTotal(c);
    const r = await withoutCsrf(c).post('/api/v1/cases', sampleCase({ summary: 'zonder csrf' }));
    assertProblem(r, 403, 'csrf_failed');
    assert.equal(await caseTotal(c), before);
  });

  test('a write with a wrong or empty X-CSRF-Token is 403 csrf_failed and stores nothing', async () => {
    const c = await loggedIn(server, 'ref-ams');
    const before = await caseTotal(c);
    for (const token of ['wrong', '', c.csrf.slice(0, -1), c.csrf + 'x', 'A'.repeat(c.csrf.length)]) {
      const r = await c.post('/api/v1/cases', sampleCase({ summary: 'foute csrf' }), { headers: { 'x-csrf-token': token } });
      assertProblem(r, 403, 'csrf_failed', `token "${token}"`);
    }
    assert.equal(await caseTotal(c), before);
  });

  test("another session's CSRF token is refused (tokens are bound to their session)", async () => {
    const a = await loggedIn(server, 'ref-ams');
    const b = await loggedIn(server, 'ref-ams');
    const before = await caseTotal(a);
    const r = await a.post('/api/v1/cases', sampleCase(), { headers: { 'x-csrf-token': b.csrf } });
    assertProblem(r, 403, 'csrf_failed');
    assert.equal(await caseTotal(a), before);
  });

  test('a write without a session is 401 unauthenticated', async () => {
    const r = await new Client(server.base).post('/api/v1/cases', sampleCase(), { headers: { 'x-csrf-token': 'x' } });
    assertProblem(r, 401, 'unauthenticated');
  });

  test('GET /orgs needs a session and lists the organisations with a known kind', async () => {
    assertProblem(await new Client(server.base).get('/api/v1/orgs'), 401, 'unauthenticated');
    const r = await (await loggedIn(server, 'care-ams')).get('/api/v1/orgs');
    assert.equal(r.status, 200);
    const byCode = Object.fromEntries(r.body.items.map((o) => [o.code, o]));
    const kinds = ['coordinator', 'om', 'police', 'kmar', 'intelligence', 'inspectorate', 'municipality'];
    for (const o of r.body.items) assert.ok(kinds.includes(o.kind), `kind of ${o.code}: ${o.kind}`);
    assert.equal(byCode.nctv?.kind, 'coordinator');
    assert.equal(byCode['om-amsterdam']?.kind, 'om');
    assert.equal(byCode['politie-rotterdam']?.kind, 'police');
    assert.equal(byCode.kmar?.kind, 'kmar');
    assert.equal(byCode.aivd?.kind, 'intelligence');
    assert.equal(byCode['inspectie-jenv']?.kind, 'inspectorate');
  });

  // Throttling last: it leaves 'lockme' and 'no-such-user-2' locked for 15 minutes.
  test('after 5 failed logins the next attempt is 429 with Retry-After, even with the right password', async () => {
    const c = new Client(server.base);
    for (let i = 1; i <= 5; i++) {
      const r = await c.post('/api/v1/session', { username: 'lockme', password: `wrong ${i}` });
      assertProblem(r, 401, 'unauthenticated', `failure ${i}`);
    }
    const r = await c.post('/api/v1/session', { username: 'lockme', password: PASSWORD });
    assertProblem(r, 429, 'too_many_requests', 'right password during lockout');
    const retry = r.headers.get('retry-after');
    assert.match(retry || '', /^\d+$/, `Retry-After: ${retry}`);
    assert.ok(Number(retry) > 0 && Number(retry) <= 15 * 60, `Retry-After ${retry} within 15 minutes`);
    assert.equal(c.cookie, null, 'no session during lockout');
    assertProblem(await c.post('/api/v1/session', { username: 'lockme', password: 'wrong again' }), 429, 'too_many_requests', 'wrong password during lockout');
  });

  test('throttling one username leaves other users able to log in', async () => {
    const r = await new Client(server.base).post('/api/v1/session', { username: 'other', password: PASSWORD });
    assert.equal(r.status, 200);
  });

  test('an unknown username is throttled just like a known one (no enumeration through 429)', async () => {
    const c = new Client(server.base);
    for (let i = 1; i <= 5; i++) {
      assertProblem(await c.post('/api/v1/session', { username: 'no-such-user-2', password: `x${i}` }), 401, 'unauthenticated', `failure ${i}`);
    }
    assertProblem(await c.post('/api/v1/session', { username: 'no-such-user-2', password: 'x6' }), 429, 'too_many_requests');
  });
});

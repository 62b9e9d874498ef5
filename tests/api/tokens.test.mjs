// API tokens for partner systems (docs/SECURITY.md): created by the CLI, a partner refers a case
// with plain requests (Authorization: Bearer, no cookie, no CSRF), the audit trail names the
// token's service user, routes outside the scope answer 403 and store nothing, need-to-know holds,
// revoked and expired tokens and malformed headers are refused, and the token never reaches the
// server's log or the audit trail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, loggedIn, sampleCase, schild, schildRaw, psql, isPostgres } from '../lib/server.mjs';

let server;
const tokens = {};

function sql(query) {
  if (isPostgres(server.db)) return psql(server.db, query).trim();
  return spawnSync('sqlite3', [server.db.replace(/^sqlite:/, ''), query], { encoding: 'utf8' }).stdout.trim();
}
const count = (table) => Number(sql(`SELECT count(*) FROM ${table}`));

function createToken(org, scope, extra = []) {
  const out = schild(['token', 'create', '--db', server.db, '--org', org, '--scope', scope, ...extra]);
  const token = /^schild_[A-Za-z0-9_-]{43}$/m.exec(out)?.[0];
  assert.ok(token, out);
  const id = Number(/^token (\d+)/.exec(out)[1]);
  const user = /for (token-[a-z0-9-]+)/.exec(out)[1];
  return { token, id, user };
}

async function call(method, path, token, body, headers = {}) {
  const h = { ...headers };
  if (token !== undefined) h.authorization = `Bearer ${token}`;
  if (body !== undefined) h['content-type'] = 'application/json';
  const r = await fetch(server.base + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch { parsed = text; }
  return { status: r.status, body: parsed, headers: r.headers };
}

const signal = {
  received_at: new Date(Date.now() - 86400000).toISOString().slice(0, 10),
  source_org: 'politie-amsterdam', source_grade: 'B', info_grade: '2', handling: 'H0',
  compartment: 'police', concreteness: 'concrete', text: 'Dreigende berichten via een partnerkoppeling.',
};

before(async () => {
  server = await startServer();
  tokens.referral = createToken('politie-amsterdam', 'referral', ['--label', 'BVH-koppeling']);
  tokens.both = createToken('politie-amsterdam', 'referral,signals');
  tokens.rotterdam = createToken('politie-rotterdam', 'referral');
});
after(async () => { await server?.stop(); });

test('create prints a schild_ token once for a service user token-<org>-<n>; list shows it without the token', () => {
  assert.equal(tokens.referral.user, 'token-politie-amsterdam-1');
  assert.equal(tokens.both.user, 'token-politie-amsterdam-2');
  const list = schild(['token', 'list', '--db', server.db]);
  assert.match(list, /token-politie-amsterdam-1\tBVH-koppeling\treferral\t/);
  assert.ok(!list.includes(tokens.referral.token.slice(7)));
  // stored only as a hash
  assert.equal(Number(sql(`SELECT count(*) FROM api_tokens WHERE token_hash LIKE '%${tokens.referral.token.slice(7, 20)}%'`)), 0);
  assert.notEqual(schildRaw(['token', 'create', '--db', server.db, '--org', 'kmar', '--scope', 'everything']).status, 0);
  assert.notEqual(schildRaw(['token', 'create', '--db', server.db, '--org', 'no-such-org', '--scope', 'referral']).status, 0);
  // the service user cannot log in with a password
  assert.equal(Number(sql(`SELECT count(*) FROM users WHERE username = 'token-politie-amsterdam-1' AND password_hash LIKE '$argon2%'`)), 0);
});

test('a partner refers a case with the token alone; the audit trail names the token user', async () => {
  const session = await call('GET', '/api/v1/session', tokens.referral.token);
  assert.equal(session.status, 200, JSON.stringify(session.body));
  assert.equal(session.body.user.username, 'token-politie-amsterdam-1');
  assert.equal(session.body.user.role, 'referrer');
  assert.equal((await call('GET', '/api/v1/orgs', tokens.referral.token)).status, 200);
  const made = await call('POST', '/api/v1/cases', tokens.referral.token, sampleCase());
  assert.equal(made.status, 201, JSON.stringify(made.body));
  tokens.caseId = made.body.id;
  const got = await call('GET', `/api/v1/cases/${made.body.id}`, tokens.referral.token);
  assert.equal(got.status, 200);
  assert.equal(got.body.referring_org.code, 'politie-amsterdam');
  const audit = sql(`SELECT action FROM audit_log WHERE username = 'token-politie-amsterdam-1' ORDER BY seq`);
  assert.match(audit, /case\.create/);
  assert.match(audit, /case\.read|case\.get|case\.view/);
  assert.ok(Number(sql(`SELECT count(*) FROM api_tokens WHERE id = ${tokens.referral.id} AND last_used_at IS NOT NULL`)) === 1);
});

test('routes outside the scope answer 403 and store nothing; the signals scope records a signal', async () => {
  const list = await call('GET', '/api/v1/cases', tokens.referral.token);
  assert.equal(list.status, 403);
  assert.match(list.body.detail, /API token/);
  const before = count('signals');
  const refused = await call('POST', `/api/v1/cases/${tokens.caseId}/signals`, tokens.referral.token, signal);
  assert.equal(refused.status, 403);
  assert.equal(count('signals'), before);
  assert.equal((await call('DELETE', '/api/v1/session', tokens.referral.token)).status, 403);
  assert.equal((await call('POST', '/api/v1/session/totp', tokens.referral.token)).status, 403);
  const ok = await call('POST', `/api/v1/cases/${tokens.caseId}/signals`, tokens.both.token, signal);
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.equal(count('signals'), before + 1);
});

test('need-to-know applies as for any referrer of the organisation', async () => {
  const seen = await call('GET', `/api/v1/cases/${tokens.caseId}`, tokens.rotterdam.token);
  assert.equal(seen.status, 404);
  // a referrer of the same organisation sees the case the token referred
  const ref = await loggedIn(server, 'ref-ams');
  assert.equal((await ref.get(`/api/v1/cases/${tokens.caseId}`)).status, 200);
});

test('malformed headers, a cookie with a token, revoked and expired tokens are refused', async () => {
  for (const value of ['Bearer', 'Bearer ', 'Bearer nonsense', `Basic ${tokens.referral.token}`,
    `Bearer ${tokens.referral.token}x`, `Bearer  ${tokens.referral.token}`, `Bearer schild_${'A'.repeat(43)}`]) {
    const r = await call('GET', '/api/v1/orgs', undefined, undefined, { authorization: value });
    assert.equal(r.status, 401, value);
    assert.equal(r.body.code, 'token_invalid', value);
    assert.match(r.headers.get('content-type'), /problem\+json/);
  }
  const ref = await loggedIn(server, 'ref-ams');
  const both = await call('GET', '/api/v1/orgs', tokens.referral.token, undefined, { cookie: ref.cookie });
  assert.equal(both.status, 400);

  const cases = count('cases');
  const expiring = createToken('politie-amsterdam', 'referral', ['--days', '1']);
  assert.equal((await call('GET', '/api/v1/orgs', expiring.token)).status, 200);
  sql(`UPDATE api_tokens SET expires_at = 1000 WHERE id = ${expiring.id}`);
  const expired = await call('POST', '/api/v1/cases', expiring.token, sampleCase());
  assert.equal(expired.status, 401);
  assert.equal(expired.body.code, 'token_invalid');

  schild(['token', 'revoke', '--db', server.db, '--id', String(tokens.referral.id)]);
  const revoked = await call('POST', '/api/v1/cases', tokens.referral.token, sampleCase());
  assert.equal(revoked.status, 401);
  assert.equal(revoked.body.code, 'token_invalid');
  assert.equal(count('cases'), cases);
  assert.notEqual(schildRaw(['token', 'revoke', '--db', server.db, '--id', String(tokens.referral.id)]).status, 0);
  assert.match(sql(`SELECT action FROM audit_log WHERE action LIKE 'token.%' ORDER BY seq`), /token\.create[\s\S]*token\.revoke/);
});

test('no token appears in the server log or the audit trail', () => {
  const log = server.log();
  const trail = sql(`SELECT username || action || object_id || detail FROM audit_log`);
  for (const { token } of [tokens.referral, tokens.both, tokens.rotterdam]) {
    assert.ok(!log.includes(token.slice(7)), 'token in the server log');
    assert.ok(!trail.includes(token.slice(7)), 'token in the audit trail');
  }
});

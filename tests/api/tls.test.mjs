// TLS in `schild serve` (--tls-cert, --tls-key; docs/SECURITY.md, Process hardening): HTTPS with
// a self-signed certificate made by the openssl CLI, no plain HTTP on that port, Secure session
// cookies, and a clear refusal to start when the pair is incomplete, unreadable, not PEM or does
// not match.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SCHILD, PASSWORD, schild, schildRaw, freshDatabase, dropDatabase, giveToServiceUser,
} from '../lib/server.mjs';

let dir, db, cert, key, otherKey, ca, proc, port, log = '';

function freePort() {
  return new Promise((ok) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => { const p = srv.address().port; srv.close(() => ok(p)); });
  });
}

function openssl(...args) {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
}

// One HTTPS request that trusts only our certificate; answers status, headers and parsed body.
function httpsRequest(method, path, body) {
  return new Promise((ok, fail) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = https.request({
      host: '127.0.0.1', port, method, path, ca, servername: 'localhost',
      headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {},
    }, (res) => {
      const tls = res.socket.getProtocol();
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => {
        let parsed = text;
        try { parsed = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
        ok({ status: res.statusCode, headers: res.headers, body: parsed, tls });
      });
    });
    req.on('error', fail);
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
    if (payload) req.write(payload);
    req.end();
  });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'schild-tls-'));
  cert = join(dir, 'cert.pem');
  key = join(dir, 'key.pem');
  otherKey = join(dir, 'other-key.pem');
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1');
  openssl('genpkey', '-algorithm', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', otherKey);
  ca = readFileSync(cert);
  db = freshDatabase(dir);
  schild(['init', '--db', db]);
  schild(['user', 'add', '--db', db, '--username', 'ref-ams', '--role', 'referrer', '--org', 'politie-amsterdam', '--no-totp'], `${PASSWORD}\n`);
  giveToServiceUser(dir);
  port = await freePort();
  proc = spawn(SCHILD, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--tls-cert', cert, '--tls-key', key, '--demo'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  for (let i = 0; ; i++) {
    try { if ((await httpsRequest('GET', '/api/v1/health')).status === 200) break; } catch { /* starting */ }
    if (proc.exitCode !== null) throw new Error(`server exited: ${log}`);
    if (i > 400) throw new Error(`server did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 25));
  }
});

after(async () => {
  if (proc && proc.exitCode === null) {
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await exited;
  }
  dropDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

test('HTTPS works with the certificate as the only trusted CA', async () => {
  const r = await httpsRequest('GET', '/api/v1/health');
  assert.equal(r.status, 200);
  assert.equal(r.body.status, 'ok');
  assert.match(r.tls || '', /^TLSv1\.[23]$/);
  for (let i = 0; i < 100 && !/listening on/.test(log); i++) await new Promise((r) => setTimeout(r, 20));
  assert.match(log, /listening on https:\/\/127\.0\.0\.1:/);
});

test('plain HTTP on the TLS port gets no HTTP answer', async () => {
  await assert.rejects(fetch(`http://127.0.0.1:${port}/api/v1/health`, { signal: AbortSignal.timeout(5000) }));
});

test('a client that does not trust the certificate is refused', async () => {
  await assert.rejects(new Promise((ok, fail) => {
    https.get({ host: '127.0.0.1', port, path: '/api/v1/health' }, ok).on('error', fail);
  }), /self-signed|self signed|unable to verify/i);
});

test('over TLS the session cookie is Secure (and still HttpOnly, SameSite=Strict)', async () => {
  const r = await httpsRequest('POST', '/api/v1/session', { username: 'ref-ams', password: PASSWORD });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const cookie = [].concat(r.headers['set-cookie'] || []).find((c) => c.startsWith('schild_session='));
  assert.ok(cookie, 'a session cookie was set');
  assert.match(cookie, /; Secure(;|$)/);
  assert.match(cookie, /; HttpOnly/);
  assert.match(cookie, /; SameSite=Strict/);
});

test('refuses to start: only one of the pair, unreadable, not PEM, a key that does not match', async () => {
  const busy = await freePort();
  const serve = (...extra) => schildRaw(['serve', '--db', db, '--listen', `127.0.0.1:${busy}`, ...extra]);
  const cases = [
    [['--tls-cert', cert], /--tls-cert and --tls-key go together: give both \(HTTPS\) or neither/],
    [['--tls-key', key], /--tls-cert and --tls-key go together/],
    [['--tls-cert', join(dir, 'missing.pem'), '--tls-key', key], /cannot read the TLS certificate .*missing\.pem: No such file/],
    [['--tls-cert', cert, '--tls-key', join(dir, 'missing-key.pem')], /cannot read the TLS key .*missing-key\.pem: No such file/],
    [['--tls-cert', key, '--tls-key', key], /the TLS certificate .*key\.pem is not PEM \(expected a "-----BEGIN \.\.\.CERTIFICATE-----" block\)/],
    [['--tls-cert', cert, '--tls-key', cert], /the TLS key .*cert\.pem is not PEM/],
    [['--tls-cert', cert, '--tls-key', otherKey], /cannot start HTTPS on 127\.0\.0\.1:\d+: .*matching private key/],
  ];
  writeFileSync(join(dir, 'empty.pem'), '');
  cases.push([['--tls-cert', join(dir, 'empty.pem'), '--tls-key', key], /cannot read the TLS certificate .*empty\.pem: empty/]);
  for (const [args, message] of cases) {
    const r = serve(...args);
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
    assert.doesNotMatch(r.stderr, /listening on/);
  }
});

// Several Schild servers on one database behave as one system: a session made on one works on
// the other, optimistic concurrency holds across them, the audit trail stays one verifiable
// chain under concurrent writes through both, and the nginx configuration in deploy/nginx
// spreads requests over both and keeps serving when one stops.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { startServer, loggedIn, sampleCase, schildRaw, Client, SCHILD, giveDatabaseToServiceUser } from '../lib/server.mjs';

let a, b, dir;

function freePort() {
  return new Promise((ok) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => ok(port)); });
  });
}

async function waitHealthy(base) {
  for (let i = 0; i < 200; i++) {
    try { if ((await fetch(`${base}/api/v1/health`)).ok) return; } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${base} did not come up`);
}

async function secondServer(db) {
  giveDatabaseToServiceUser(db);
  const port = await freePort();
  const proc = spawn(SCHILD, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--demo'], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  await waitHealthy(base);
  return {
    base, port, proc,
    async stop() {
      if (proc.exitCode !== null) return;
      const done = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await done;
    },
  };
}

// A client of server `base` that reuses another client's session (cookie and CSRF token).
function sameSession(client, base) {
  const c = new Client(base);
  c.cookie = client.cookie;
  c.csrf = client.csrf;
  return c;
}

before(async () => {
  a = await startServer();
  b = await secondServer(a.db);
  dir = mkdtempSync(join(tmpdir(), 'schild-multi-'));
});

after(async () => {
  await b?.stop();
  await a?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a session made on one server works on the other, and logging out ends it on both', async () => {
  const onA = await loggedIn(a, 'ref-ams');
  const onB = sameSession(onA, b.base);
  const created = await onB.post('/api/v1/cases', sampleCase({ summary: 'Via server B' }));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal((await onA.get(`/api/v1/cases/${created.body.id}`)).status, 200);
  assert.equal((await onA.delete('/api/v1/session')).status, 204);
  // server B may have cached the session for at most its cache lifetime (2 s)
  await new Promise((r) => setTimeout(r, 2100));
  assert.equal((await onB.get(`/api/v1/cases/${created.body.id}`)).status, 401);
});

test('concurrent edits of one case through two servers: exactly one wins, the other gets 409', async () => {
  const ref = await loggedIn(a, 'ref-ams');
  const tA = await loggedIn(a, 'triage1');
  const tB = sameSession(tA, b.base);
  for (let round = 0; round < 5; round++) {
    const fresh = await ref.post('/api/v1/cases', sampleCase({ summary: `Ronde ${round}` }));
    const body = (outcome) => ({ outcome, reasoning: 'Gelijktijdig', version: fresh.body.version, ...(outcome === 'local' ? { district: 'rotterdam' } : {}) });
    const [x, y] = await Promise.all([
      tA.post(`/api/v1/cases/${fresh.body.id}/triage`, body('national')),
      tB.post(`/api/v1/cases/${fresh.body.id}/triage`, body('local')),
    ]);
    assert.deepEqual([x.status, y.status].sort(), [200, 409], `${x.status} ${y.status}`);
    const winner = x.status === 200 ? x.body : y.body;
    const now = await tA.get(`/api/v1/cases/${fresh.body.id}`);
    assert.equal(now.body.version, winner.version);
    assert.equal(now.body.authority.org, winner.authority.org);
  }
});

test('concurrent writes through both servers keep one verifiable audit chain and lose nothing', async () => {
  const clients = [];
  for (const server of [a, b]) for (let i = 0; i < 4; i++) clients.push(await loggedIn(server, 'ref-ams'));
  const acknowledged = [];
  const until = Date.now() + (process.env.SCHILD_SANITIZED === '1' ? 2000 : 4000);
  await Promise.all(clients.map(async (c, n) => {
    while (Date.now() < until) {
      const r = await c.post('/api/v1/cases', sampleCase({ summary: `Client ${n}` }));
      assert.equal(r.status, 201, JSON.stringify(r.body));
      acknowledged.push(r.body);
      assert.equal((await c.get(`/api/v1/cases/${r.body.id}`)).status, 200);
    }
  }));
  assert.ok(acknowledged.length > 20, `only ${acknowledged.length} writes`);
  const reader = await loggedIn(b, 'ref-ams');
  for (const c of acknowledged) {
    const r = await reader.get(`/api/v1/cases/${c.id}`);
    assert.equal(r.status, 200);
    assert.equal(r.body.reference, c.reference);
  }
  const verify = schildRaw(['audit', 'verify', '--db', a.db]);
  assert.equal(verify.status, 0, verify.stdout + verify.stderr);
});

test('the nginx configuration spreads requests over both servers and survives one stopping', async () => {
  assert.equal(spawnSync('nginx', ['-v']).status, 0, 'nginx is installed by scripts/deps.sh test');
  const port = await freePort();
  const conf = readFileSync('deploy/nginx/schild.conf', 'utf8')
    .replaceAll('@LISTEN@', `127.0.0.1:${port}`)
    .replaceAll('@SCHILD_A@', `127.0.0.1:${a.port}`)
    .replaceAll('@SCHILD_B@', `127.0.0.1:${b.port}`);
  writeFileSync(join(dir, 'site.conf'), conf);
  writeFileSync(join(dir, 'nginx.conf'), `worker_processes 1; daemon off; pid ${dir}/nginx.pid;
error_log ${dir}/error.log; events { worker_connections 256; }
http { access_log off; client_body_temp_path ${dir}; proxy_temp_path ${dir}; include ${dir}/site.conf; }`);
  const nginx = spawn('nginx', ['-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let nginxErrors = '';
  nginx.stderr.on('data', (d) => { nginxErrors += d; });
  const exited = new Promise((r) => nginx.once('exit', r));
  try {
    const base = `http://127.0.0.1:${port}`;
    await Promise.race([waitHealthy(base), exited.then(() => { throw new Error(`nginx exited: ${nginxErrors}`); })]);
    const viaProxy = await loggedIn({ base }, 'triage1');
    const ref = await loggedIn({ base }, 'ref-ams');
    const created = (await ref.post('/api/v1/cases', sampleCase({ summary: 'Achter nginx' }))).body;
    // a burst of concurrent reads: least_conn hands connections to both servers
    await Promise.all(Array.from({ length: 40 }, () => viaProxy.get(`/api/v1/cases/${created.id}`)));
    const established = (p) => spawnSync('ss', ['-Htn', 'state', 'established', `( sport = :${p} )`], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean).length;
    assert.ok(established(a.port) > 0, 'server A got connections from nginx');
    assert.ok(established(b.port) > 0, 'server B got connections from nginx');
    // server B stops: reads go on through A, sessions included
    await b.stop();
    for (let i = 0; i < 10; i++) {
      const r = await viaProxy.get(`/api/v1/cases/${created.id}`);
      assert.equal(r.status, 200, `after B stopped: ${r.status}`);
    }
    const headers = (await viaProxy.get('/api/v1/health')).headers;
    assert.match(headers.get('content-security-policy') || '', /frame-ancestors 'none'/);
  } finally {
    if (nginx.exitCode === null) nginx.kill('SIGTERM');
    await exited;
  }
});

// Backup, restore and moving between backends: a backup taken while the server writes holds a
// consistent state, a restore into an empty database serves the same data with an intact audit
// trail and keeps handing out new ids, and nothing is ever written over.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import net from 'node:net';
import {
  startServer, loggedIn, sampleCase, schild, schildRaw, freshDatabase, dropDatabase, SCHILD, Client,
  giveDatabaseToServiceUser,
} from '../lib/server.mjs';

let server, ref, triage, dir;
const created = [];
const extraDbs = [];

function freePort() {
  return new Promise((ok) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => ok(port)); });
  });
}

// The key directory is not in a backup (docs/AUDIT.md): an operator restoring elsewhere copies it
// beside the new SQLite file (PostgreSQL test databases share the SCHILD_KEYS of the test lib).
function copyKeysBeside(db) {
  if (!db.startsWith('sqlite:')) return;
  const target = join(dirname(db.slice('sqlite:'.length)), 'keys');
  if (!existsSync(target)) cpSync(join(server.dir, 'keys'), target, { recursive: true });
}

// A second server on another database, for reading what a restore produced.
async function serveOn(db) {
  copyKeysBeside(db);
  giveDatabaseToServiceUser(db);
  const port = await freePort();
  const proc = spawn(SCHILD, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--demo'], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try { if ((await fetch(`${base}/api/v1/health`)).ok) break; } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    base,
    async stop() { const done = new Promise((r) => proc.once('exit', r)); proc.kill('SIGTERM'); await done; },
  };
}

before(async () => {
  server = await startServer();
  ref = await loggedIn(server, 'ref-ams');
  triage = await loggedIn(server, 'triage1');
  dir = mkdtempSync(join(tmpdir(), 'schild-backup-'));
  for (let i = 0; i < 12; i++) {
    const r = await ref.post('/api/v1/cases', sampleCase({ summary: `Zaak ${i} <b>'"` , urgent: i % 3 === 0 }));
    assert.equal(r.status, 201);
    created.push(r.body);
  }
  const t = await triage.post(`/api/v1/cases/${created[0].id}/triage`, { outcome: 'local', district: 'amsterdam', reasoning: 'Lokaal', version: created[0].version });
  assert.equal(t.status, 200);
  created[0] = t.body;
});

after(async () => {
  await server?.stop();
  for (const db of extraDbs) dropDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

test('a backup taken while the server writes restores to the same cases with an intact audit trail', async () => {
  const file = join(dir, 'online.db');
  // writes keep coming while the backup runs
  let writing = true;
  const writer = (async () => {
    while (writing) await ref.post('/api/v1/cases', sampleCase({ summary: 'Tijdens de backup' }));
  })();
  const out = schild(['backup', '--db', server.db, '--out', file]);
  writing = false;
  await writer;
  assert.match(out, /audit trail intact: \d+ entries/);
  assert.ok(existsSync(file));

  const target = freshDatabase(dir, 'restored.db');
  extraDbs.push(target);
  const restored = schild(['restore', '--in', file, '--db', target]);
  assert.match(restored, /audit trail intact/);
  assert.equal(schildRaw(['audit', 'verify', '--db', target]).status, 0);

  const copy = await serveOn(target);
  try {
    const c = await loggedIn({ base: copy.base }, 'triage1');
    for (const original of created) {
      const r = await c.get(`/api/v1/cases/${original.id}`);
      assert.equal(r.status, 200);
      for (const key of ['reference', 'status', 'domain', 'summary', 'version', 'persons', 'authority'])
        assert.deepEqual(r.body[key], original[key], key);
    }
    // the restored database keeps handing out fresh ids
    const cr = await loggedIn({ base: copy.base }, 'ref-ams');
    const fresh = await cr.post('/api/v1/cases', sampleCase({ summary: 'Na het terugzetten' }));
    assert.equal(fresh.status, 201, JSON.stringify(fresh.body));
    assert.ok(fresh.body.id > Math.max(...created.map((x) => x.id)));
  } finally {
    await copy.stop();
  }
  assert.equal(schildRaw(['audit', 'verify', '--db', target]).status, 0);
});

test('restore refuses a database that holds data, and changes nothing there', () => {
  const file = join(dir, 'again.db');
  schild(['backup', '--db', server.db, '--out', file]);
  const before = schild(['audit', 'verify', '--db', server.db]);
  const r = schildRaw(['restore', '--in', file, '--db', server.db]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /not empty/);
  assert.equal(schild(['audit', 'verify', '--db', server.db]), before);
});

test('a backup never overwrites an existing file', () => {
  const file = join(dir, 'exists.db');
  writeFileSync(file, 'keep me');
  const r = schildRaw(['backup', '--db', server.db, '--out', file]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /exists/);
});

test('migrate-data moves a SQLite deployment to the backend under test with its audit trail', async () => {
  const source = `sqlite:${join(dir, 'source.db')}`;
  schild(['demo', '--db', source]);
  const target = freshDatabase(dir, 'moved.db');
  extraDbs.push(target);
  const out = schild(['migrate-data', '--from', source, '--to', target]);
  // The demo world: 100 referred cases plus the own cases of two objects and a service.
  assert.match(out, /cases\s+103 rows/);
  assert.match(out, /decisions\s+[1-9]\d* rows/);
  assert.match(out, /measures\s+[1-9]\d* rows/);
  const sourceTrail = schild(['audit', 'verify', '--db', source]);
  assert.equal(schild(['audit', 'verify', '--db', target]), sourceTrail);
  const moved = await serveOn(target);
  try {
    const c = new Client(moved.base);
    const login = await c.login('triage.jansen', 'schild-demo-2026');
    assert.equal(login.status, 200);
    const queue = await c.get('/api/v1/cases?status=referred&per_page=100');
    assert.equal(queue.status, 200);
    assert.ok(queue.body.total > 0);
  } finally {
    await moved.stop();
  }
});

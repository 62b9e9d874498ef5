// Process hardening (docs/SECURITY.md, Process hardening): once `schild serve` listens, every
// thread has no new privileges, a seccomp filter and no capabilities, and a server started as
// root runs as an unprivileged user that still serves and writes the database. Every other API
// test runs against a hardened server too, which is what shows that the allow-list is complete.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, loggedIn, sampleCase, schild, schildRaw, isPostgres } from '../lib/server.mjs';
import { dbQuery } from './util.mjs';

const asRoot = process.getuid() === 0;
const servers = [];
after(async () => { for (const s of servers) await s.stop(); });

// The fields of /proc/<pid>/task/<tid>/status for every thread of a process.
function threadStatus(pid) {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const fields = {};
    for (const line of readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8').split('\n')) {
      const i = line.indexOf(':');
      if (i > 0) fields[line.slice(0, i)] = line.slice(i + 1).trim();
    }
    return fields;
  });
}

const zero = '0000000000000000';

test('a hardened server: no new privileges, seccomp, no capabilities, on every thread', async () => {
  const server = await startServer();
  servers.push(server);
  const threads = threadStatus(server.proc.pid);
  assert.ok(threads.length > 1, 'the server runs several threads');
  for (const t of threads) {
    const who = `thread ${t.Pid} (${t.Name})`;
    assert.equal(t.NoNewPrivs, '1', `${who} NoNewPrivs`);
    assert.equal(t.Seccomp, '2', `${who} Seccomp is filter mode`);
    for (const set of ['CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb']) assert.equal(t[set], zero, `${who} ${set}`);
    if (asRoot) {
      for (const id of t.Uid.split(/\s+/)) assert.notEqual(id, '0', `${who} uid ${t.Uid}`);
      for (const id of t.Gid.split(/\s+/)) assert.notEqual(id, '0', `${who} gid ${t.Gid}`);
      assert.ok(!t.Groups.split(/\s+/).includes('0'), `${who} groups ${t.Groups}`);
    }
  }
  for (let i = 0; i < 100 && !/hardened:/.test(server.log()); i++) await new Promise((r) => setTimeout(r, 20));
  assert.match(server.log(), /hardened: .*seccomp allow-list/);
});

test('the hardened server serves and writes the database (reads, writes, audit)', async () => {
  const server = servers[0];
  const ref = await loggedIn(server, 'ref-ams');
  const created = await ref.post('/api/v1/cases', sampleCase({ summary: 'Gehard proces: schrijft nog' }));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const read = await ref.get(`/api/v1/cases/${created.body.id}`);
  assert.equal(read.status, 200);
  assert.equal(read.body.summary, 'Gehard proces: schrijft nog');
  const stored = dbQuery(server.db, `SELECT summary FROM cases WHERE id = ${created.body.id};`).trim();
  assert.equal(stored, 'Gehard proces: schrijft nog');
  // The read's audit entry went through the group-commit writer thread, also under the filter.
  const audited = Number(dbQuery(server.db, `SELECT count(*) FROM audit_log WHERE object_type = 'case' AND object_id = '${created.body.id}';`));
  assert.ok(audited >= 2, `audit entries for the case: ${audited}`);
  // Still alive (a forbidden system call would have killed it), and it stops cleanly: the
  // shutdown path (drain, final checkpoint, closing connections) is on the list too.
  assert.equal(server.proc.exitCode, null);
  servers.shift();
  assert.equal(await server.stop(), 0, server.log());
});

test('--no-harden leaves the process as it was started (debugging)', async () => {
  const server = await startServer({ serveArgs: ['--no-harden'] });
  servers.push(server);
  const [main] = threadStatus(server.proc.pid);
  assert.equal(main.NoNewPrivs, '0');
  assert.equal(main.Seccomp, '0');
  if (asRoot) {
    assert.equal(main.Uid.split(/\s+/)[0], '0');
    assert.notEqual(main.CapEff, zero);
  }
  for (let i = 0; i < 100 && !/listening on/.test(server.log()); i++) await new Promise((r) => setTimeout(r, 20));
  assert.doesNotMatch(server.log(), /hardened:/);
});

test('started as root: refused when the user cannot write the database directory, or is unknown or root', { skip: !asRoot && 'needs root' }, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'schild-harden-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const db = `sqlite:${join(dir, 'schild.db')}`;
  schild(['init', '--db', db]);
  const serve = (...extra) => schildRaw(['serve', '--db', db, '--listen', '127.0.0.1:0', ...extra]);
  if (!isPostgres(db)) {
    // dir is root's (0700): the target user could not reach the database after the switch.
    const r = serve();
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /cannot harden the process: the database directory .* is not writable by user (schild|nobody): give the data directory to that user/);
  }
  const unknown = serve('--user', 'no-such-user-here');
  assert.equal(unknown.status, 1, unknown.stderr);
  assert.match(unknown.stderr, /user no-such-user-here does not exist/);
  const root = serve('--user', 'root');
  assert.equal(root.status, 1, root.stderr);
  assert.match(root.stderr, /--user root is root: choose an unprivileged user/);
});

// Starts a real Schild server on a fresh database for a test file, and gives the test a small
// client that keeps the session cookie and CSRF token the way a browser does.
import { spawn, spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import net from 'node:net';

export const SCHILD = resolve(process.env.SCHILD_BIN || 'build/schild');
export const DB_KIND = process.env.SCHILD_DB_KIND || 'sqlite';
export const PASSWORD = 'correct horse battery staple';

// The key directory (docs/AUDIT.md): beside the SQLite file by default, but ./keys for
// PostgreSQL, which would be the repository; so on PostgreSQL every schild this process spawns
// uses one temporary key directory (SCHILD_KEYS), removed when the process ends.
if (DB_KIND === 'postgresql' && !process.env.SCHILD_KEYS) {
  const keys = mkdtempSync(join(tmpdir(), 'schild-keys-'));
  process.env.SCHILD_KEYS = join(keys, 'keys');
  process.on('exit', () => rmSync(keys, { recursive: true, force: true }));
}

function freePort() {
  return new Promise((ok, fail) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => ok(port)); });
    srv.on('error', fail);
  });
}

// Runs SQL through psql against a PostgreSQL URL; output as the sqlite3 CLI prints it (unaligned,
// '|' between columns, no headers). Throws on failure unless allowFail (then: the spawn result).
export function psql(url, sql, { allowFail = false } = {}) {
  const r = spawnSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql], { encoding: 'utf8' });
  if (r.status !== 0 && !allowFail) throw new Error(`psql failed (${r.status}): ${r.stderr}\nSQL: ${sql}`);
  return allowFail ? r : r.stdout;
}

export const isPostgres = (url) => /^postgres(ql)?:\/\//.test(url);

function pgAdminUrl() {
  const admin = process.env.SCHILD_PG_ADMIN_URL;
  if (!admin) throw new Error('SCHILD_DB_KIND=postgresql needs SCHILD_PG_ADMIN_URL (see scripts/pg_cluster.sh)');
  return admin;
}

// A fresh, empty database URL of the kind under test: a file in dir for SQLite, a new database on
// the test cluster for PostgreSQL (drop it with dropDatabase).
export function freshDatabase(dir, file = 'schild.db') {
  if (DB_KIND !== 'postgresql') return `sqlite:${join(dir, file)}`;
  const admin = pgAdminUrl();
  const name = `schild_t_${randomBytes(6).toString('hex')}`;
  psql(admin, `CREATE DATABASE ${name}`);
  return admin.replace(/\/[^/]*$/, `/${name}`);
}

// Drops a database freshDatabase made on PostgreSQL (SQLite files go with their directory).
export function dropDatabase(url) {
  if (!isPostgres(url)) return;
  const name = new URL(url).pathname.slice(1);
  if (!/^schild_t_[0-9a-f]+$/.test(name)) throw new Error(`not a test database: ${name}`);
  psql(pgAdminUrl(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

// Runs a schild subcommand synchronously; throws with its stderr when it fails.
export function schild(args, input = '') {
  const r = spawnSync(SCHILD, args, { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`schild ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

export function schildRaw(args, input = '') {
  return spawnSync(SCHILD, args, { input, encoding: 'utf8' });
}

// Started as root, `schild serve` becomes an unprivileged user (schild if that user exists, else
// nobody: docs/SECURITY.md, Process hardening), who must own the database's directory, as in an
// installation. This gives dir and what is in it to that user; it does nothing when not root.
export function giveToServiceUser(dir) {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  const user = spawnSync('id', ['-u', 'schild']).status === 0 ? 'schild' : 'nobody';
  const r = spawnSync('chown', ['-R', `${user}:`, dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`chown -R ${user}: ${dir} failed: ${r.stderr}`);
}

// The same for the directory of a database URL (SQLite; PostgreSQL needs nothing).
export function giveDatabaseToServiceUser(url) {
  if (!isPostgres(url)) giveToServiceUser(dirname(url.replace(/^sqlite:/, '')));
}

// The standard cast of users every test file can log in as (all with PASSWORD).
export const USERS = [
  ['ref-ams', 'referrer', 'politie-amsterdam'],
  ['ref-rdam', 'referrer', 'politie-rotterdam'],
  ['triage1', 'triage', 'nctv'],
  ['analyst-nctv', 'analyst', 'nctv'],
  ['om-ams', 'authority', 'om-amsterdam'],
  ['om-rdam', 'authority', 'om-rotterdam'],
  ['cbb', 'authority', 'nctv'],
  ['admin1', 'admin', 'nctv'],
  ['inspector1', 'inspector', 'inspectie-jenv'],
  ['care-ams', 'care', 'politie-amsterdam'],
];

// The second factor (docs/SECURITY.md): base32 (RFC 4648) and the RFC 6238 code of one step.
export function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0;
  const out = [];
  for (const ch of text.replace(/=+$/, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 255); bits -= 8; }
  }
  return Buffer.from(out);
}

export const totpStep = (ms = Date.now()) => Math.floor(ms / 1000 / 30);

export function totpCode(secret, step = totpStep()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const off = mac[19] & 15;
  const bin = ((mac[off] & 0x7f) << 24) | (mac[off + 1] << 16) | (mac[off + 2] << 8) | mac[off + 3];
  return String(bin % 1000000).padStart(6, '0');
}

// The secret of an otpauth:// URI as `schild user add` prints it.
export const secretOfUri = (uri) => new URL(uri).searchParams.get('secret');

// By default the server runs in demo mode (no role needs a second factor) and users are added
// without one; with totp: true users are enrolled (server.totp[username] = their otpauth URI, and
// server.recovery[username] their recovery codes) and the server requires it of every role.
export async function startServer({ demo = false, users = USERS, serveArgs = [], totp = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'schild-test-'));
  const ownDb = !process.env.SCHILD_TEST_DB;
  const db = process.env.SCHILD_TEST_DB || freshDatabase(dir);
  schild([demo ? 'demo' : 'init', '--db', db]);
  const uris = {}, recovery = {};
  for (const [username, role, org] of users) {
    const out = schild(['user', 'add', '--db', db, '--username', username, '--role', role, '--org', org,
      ...(totp ? [] : ['--no-totp'])], PASSWORD + '\n');
    const uri = /^otpauth:\/\/\S+$/m.exec(out);
    if (uri) uris[username] = uri[0];
    recovery[username] = [...out.matchAll(/^recovery code: (\S+)$/gm)].map((m) => m[1]);
  }
  giveToServiceUser(dir);
  const port = await freePort();
  const proc = spawn(SCHILD, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, ...(totp ? [] : ['--demo']), ...serveArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { const r = await fetch(`${base}/api/v1/health`); if (r.ok) break; } catch { /* not up yet */ }
    // a signal (SIGSYS from the seccomp filter, say) leaves exitCode null: check both
    if (proc.exitCode !== null || proc.signalCode !== null) {
      throw new Error(`server exited (${proc.exitCode ?? proc.signalCode}): ${log}`);
    }
    if (i > 200) throw new Error(`server did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    base, db, dir, port, proc, totp: uris, recovery, usedSteps: {},
    log: () => log,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await exited;
      }
      if (ownDb) dropDatabase(db);
      rmSync(dir, { recursive: true, force: true });
      return proc.exitCode;
    },
  };
}

// A logged-in API client: keeps the cookie and sends the CSRF token on writes.
export class Client {
  constructor(base) { this.base = base; this.cookie = null; this.csrf = null; }

  async login(username, password = PASSWORD, extra = {}) {
    const r = await this.request('POST', '/api/v1/session', { username, password, ...extra });
    if (r.status === 200) this.csrf = r.body.csrf_token;
    return r;
  }

  async request(method, path, body, { headers = {}, raw = false } = {}) {
    const h = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET' && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf;
    let payload;
    if (body !== undefined) {
      payload = raw ? body : JSON.stringify(body);
      if (!('content-type' in h)) h['content-type'] = 'application/json';
    }
    const r = await fetch(this.base + path, { method, headers: h, body: payload });
    const set = r.headers.get('set-cookie');
    if (set) {
      const m = /schild_session=([^;]*)/.exec(set);
      if (m) this.cookie = m[1] ? `schild_session=${m[1]}` : null;
    }
    const text = await r.text();
    let parsed = null;
    try { parsed = text ? JSON.parse(text) : null; } catch { parsed = text; }
    return { status: r.status, headers: r.headers, body: parsed };
  }

  get(path, opts) { return this.request('GET', path, undefined, opts); }
  post(path, body, opts) { return this.request('POST', path, body, opts); }
  put(path, body, opts) { return this.request('PUT', path, body, opts); }
  patch(path, body, opts) { return this.request('PATCH', path, body, opts); }
  delete(path, opts) { return this.request('DELETE', path, undefined, opts); }
}

// The code for a user's next login: a step the server has not seen from them yet (it refuses a
// step twice), waiting for the next step when the window is used up.
export async function nextTotp(server, username) {
  const secret = secretOfUri(server.totp[username]);
  for (;;) {
    const now = totpStep(), used = server.usedSteps[username] ?? -1;
    const step = [now - 1, now, now + 1].find((s) => s > used);
    if (step !== undefined) { server.usedSteps[username] = step; return totpCode(secret, step); }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export async function loggedIn(server, username) {
  const c = new Client(server.base);
  const extra = server.totp?.[username] ? { totp: await nextTotp(server, username) } : {};
  const r = await c.login(username, PASSWORD, extra);
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return c;
}

export function sampleCase(overrides = {}) {
  return {
    summary: 'Bedreiging van een rechter na uitspraak in liquidatieproces',
    phenomenon: 'organised_crime',
    urgent: false,
    source_details: 'Melding via politie-eenheid Amsterdam',
    persons: [{ given_names: 'Jan Pieter', surname_prefix: 'van der', surname: 'Berg', date_of_birth: '1971-03-14', function: 'rechter' }],
    ...overrides,
  };
}

// Small helpers for the reliability tests (crash, load, hostile HTTP). Not a test file itself
// (node --test only runs *.test.mjs). Everything here talks to 127.0.0.1 only, and every wait is
// bounded by a timeout.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { SCHILD, PASSWORD, giveDatabaseToServiceUser } from '../lib/server.mjs';

export { SCHILD, PASSWORD };

// The sanitizer build is about 5x slower: scale counts and durations down.
export const SANITIZED = process.env.SCHILD_SANITIZED === '1';
export function scaled(normal, sanitized = Math.max(1, Math.round(normal / 4))) {
  return SANITIZED ? sanitized : normal;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Seeded PRNG (mulberry32), so that a failing run can be repeated with SCHILD_STRESS_SEED.

export function seedFromEnv(label) {
  const fixed = process.env.SCHILD_STRESS_SEED;
  const seed = fixed !== undefined && fixed !== '' ? Number(fixed) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
  console.log(`# ${label}: seed ${seed} (repeat with SCHILD_STRESS_SEED=${seed})`);
  return seed;
}

export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n), // 0..n-1
    between: (lo, hi) => lo + next() * (hi - lo),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
  };
}

// ---------------------------------------------------------------------------------------------
// /proc readers for the server process.

export function fdCount(pid) {
  return readdirSync(`/proc/${pid}/fd`).length;
}

// The open descriptors grouped by kind (socket, pipe, the database files, ...), for messages.
export function fdSummary(pid) {
  const kinds = {};
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    let target;
    try { target = readlinkSync(`/proc/${pid}/fd/${fd}`); } catch { continue; }
    const kind = target.replace(/\[\d+\]$/, '').replace(/^\/.*\//, '');
    kinds[kind] = (kinds[kind] || 0) + 1;
  }
  return kinds;
}

// Descriptors that are not the database: every server thread opens its own SQLite connection on
// first use (the database file and its WAL, one each), and some threads (the daily retention
// run, the audit checkpointer) first use theirs minutes after start. Those are bounded by the
// threads, not a leak; the leak checks compare the rest and bound these by the thread count.
const DB_FILES = ['schild.db', 'schild.db-wal', 'schild.db-shm'];
export function fdCountBesidesDatabase(pid) {
  const kinds = fdSummary(pid);
  return Object.entries(kinds).reduce((n, [k, v]) => n + (DB_FILES.includes(k) ? 0 : v), 0);
}
export const databaseConnections = (pid) => fdSummary(pid)['schild.db'] || 0;

function statusField(pid, field) {
  const m = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}
export const rssKiB = (pid) => statusField(pid, 'VmRSS');
// Anonymous resident memory (the heap): VmRSS without the file pages SQLite maps (mmap reads).
export const rssAnonKiB = (pid) => statusField(pid, 'RssAnon');
export const threadCount = (pid) => statusField(pid, 'Threads');

// Server-side TCP connections of the listening port (from /proc/net/tcp), counted by state:
// ESTABLISHED (01), CLOSE_WAIT (08), TIME_WAIT (06, no longer the process's), ... .
export function serverConnections(port) {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const states = {};
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4) continue;
    if (f[1].endsWith(`:${hex}`) && f[3] !== '0A') states[f[3]] = (states[f[3]] || 0) + 1; // 0A = LISTEN
  }
  return states;
}

// Connections the server process still holds: established, or closed by the peer but not yet
// by the server.
export function heldConnections(port) {
  const s = serverConnections(port);
  return (s['01'] || 0) + (s['08'] || 0);
}

// Waits until the server's descriptor count is at most `limit`; returns the last count.
export async function settleFds(pid, limit, timeoutMs = 20000) {
  const end = Date.now() + timeoutMs;
  let n = fdCount(pid);
  while (n > limit && Date.now() < end) {
    await sleep(100);
    n = fdCount(pid);
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Starting `schild serve` on an existing database (server.mjs creates the database; restarts
// after a crash spawn the server here, on the same database and a new port).

export function freePort() {
  return new Promise((ok, fail) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => ok(port)); });
    srv.on('error', fail);
  });
}

export async function serve(db, { startTimeoutMs = 20000 } = {}) {
  giveDatabaseToServiceUser(db);
  const port = await freePort();
  const proc = spawn(SCHILD, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--demo'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((r) => proc.once('exit', (code, signal) => r({ code, signal })));
  const base = `http://127.0.0.1:${port}`;
  const end = Date.now() + startTimeoutMs;
  for (;;) {
    try {
      const r = await fetch(`${base}/api/v1/health`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`server exited: ${log}`);
    if (Date.now() > end) { proc.kill('SIGKILL'); throw new Error(`server did not start: ${log}`); }
    await sleep(25);
  }
  return {
    proc, port, base, db, exited,
    pid: proc.pid,
    log: () => log,
    // SIGKILL: no shutdown code runs; resolves when the process is gone.
    async kill() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      return exited;
    },
    // SIGTERM, a clean shutdown; resolves with { code, signal }.
    async stop(timeoutMs = 30000) {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
      const r = await exited;
      clearTimeout(t);
      return r;
    },
  };
}

// Lines in a server's output where a sanitizer reported something (the sanitizer build aborts
// on the first finding, so a server that died on its own is checked here too).
export function sanitizerReports(log) {
  return log.split('\n').filter((l) => /ERROR: (Address|Leak|Thread|UndefinedBehavior)Sanitizer|runtime error:|SUMMARY: \w+Sanitizer/.test(l));
}

export function schildSync(args) {
  return spawnSync(SCHILD, args, { encoding: 'utf8', timeout: 120000 });
}

// ---------------------------------------------------------------------------------------------
// A small HTTP client on node:http with an explicit Agent (keep-alive pools of known size).
// Returns { status, headers, text, body (parsed JSON or null), ms }; rejects on connection
// errors and on timeouts.

export function session(base, username, password = PASSWORD) {
  return fetch(`${base}/api/v1/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  }).then(async (r) => {
    const body = await r.json();
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(body)}`);
    const m = /schild_session=([^;]*)/.exec(r.headers.get('set-cookie') || '');
    return { username, cookie: `schild_session=${m[1]}`, csrf: body.csrf_token, user: body.user };
  });
}

export function request(port, method, path, { agent, sess, body, headers = {}, timeoutMs = 30000 } = {}) {
  return new Promise((resolve, reject) => {
    const h = { ...headers };
    if (sess) {
      h.cookie = sess.cookie;
      if (method !== 'GET' && method !== 'HEAD') h['x-csrf-token'] = sess.csrf;
    }
    let payload;
    if (body !== undefined) {
      payload = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
      h['content-type'] ??= 'application/json';
      h['content-length'] = payload.length;
    }
    const t0 = performance.now();
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: h, agent: agent ?? false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        if (!res.complete) return reject(new Error(`incomplete response: ${method} ${path}`));
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed = null;
        try { parsed = text ? JSON.parse(text) : null; } catch { parsed = undefined; }
        resolve({ status: res.statusCode, headers: res.headers, text, body: parsed, ms: performance.now() - t0, complete: res.complete });
      });
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms: ${method} ${path}`)));
    req.on('error', reject);
    req.end(payload);
  });
}

// ---------------------------------------------------------------------------------------------
// Raw sockets: bytes exactly as given, and every response that comes back parsed.

// Splits a buffer into complete HTTP/1.1 responses; `rest` is what is left (an incomplete one).
export function parseResponses(buf, { headRequest = false } = {}) {
  const out = [];
  let rest = buf;
  for (;;) {
    const sep = rest.indexOf('\r\n\r\n');
    if (sep < 0) break;
    const lines = rest.subarray(0, sep).toString('latin1').split('\r\n');
    const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]);
    if (!m) throw new Error(`bad status line: ${JSON.stringify(lines[0].slice(0, 100))}`);
    const headers = {};
    for (const line of lines.slice(1)) {
      const i = line.indexOf(':');
      const k = line.slice(0, i).trim().toLowerCase();
      headers[k] = k in headers ? `${headers[k]}, ${line.slice(i + 1).trim()}` : line.slice(i + 1).trim();
    }
    let body = rest.subarray(sep + 4);
    let used;
    const status = Number(m[1]);
    if (headRequest || status === 204 || status === 304 || (status >= 100 && status < 200)) {
      used = sep + 4;
      body = Buffer.alloc(0);
    } else if (/chunked/i.test(headers['transfer-encoding'] || '')) {
      const parts = [];
      let off = 0;
      let done = false;
      for (;;) {
        const nl = body.indexOf('\r\n', off);
        if (nl < 0) break;
        const size = parseInt(body.subarray(off, nl).toString('latin1'), 16);
        if (size === 0) {
          const end = body.indexOf('\r\n\r\n', nl - 2 >= 0 ? nl - 2 : 0);
          if (end < 0) break;
          off = end + 4;
          done = true;
          break;
        }
        if (body.length < nl + 2 + size + 2) break;
        parts.push(body.subarray(nl + 2, nl + 2 + size));
        off = nl + 2 + size + 2;
      }
      if (!done) break;
      used = sep + 4 + off;
      body = Buffer.concat(parts);
    } else if ('content-length' in headers) {
      const len = Number(headers['content-length']);
      if (body.length < len) break;
      used = sep + 4 + len;
      body = body.subarray(0, len);
    } else {
      // Delimited by the end of the connection: only complete once the socket has closed.
      out.push({ status, headers, text: body.toString('utf8'), untilClose: true });
      rest = Buffer.alloc(0);
      break;
    }
    const text = body.toString('utf8');
    let parsed;
    try { parsed = text ? JSON.parse(text) : null; } catch { parsed = undefined; }
    out.push({ status, headers, text, body: parsed });
    rest = rest.subarray(used);
  }
  return { responses: out, rest };
}

// Sends `data` (a Buffer, a string taken as latin1, or an array of them sent one after another)
// on a fresh connection and collects everything until the server closes the connection, `want`
// responses are complete, or timeoutMs passes. Never rejects: the result says what happened.
// { responses, closed (the server ended or reset the connection), error, timedOut, bytesIn, ms }
export function exchange(port, data, { timeoutMs = 10000, want = 1, headRequest = false } = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const sock = net.connect(port, '127.0.0.1');
    const chunks = [];
    let finished = false;
    let closed = false;
    let error = null;
    const finish = (timedOut = false) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      sock.destroy();
      const buf = Buffer.concat(chunks);
      let parsed;
      try { parsed = parseResponses(buf, { headRequest }); } catch (e) { parsed = { responses: [], rest: buf, parseError: e.message }; }
      resolve({ ...parsed, closed, error, timedOut, bytesIn: buf.length, raw: buf, ms: performance.now() - t0 });
    };
    const timer = setTimeout(() => finish(true), timeoutMs);
    sock.on('data', (d) => {
      chunks.push(d);
      try { if (parseResponses(Buffer.concat(chunks), { headRequest }).responses.filter((r) => !r.untilClose).length >= want) finish(); } catch { /* garbage: wait for close */ }
    });
    sock.on('end', () => { closed = true; finish(); });
    sock.on('error', (e) => { closed = true; error = e.code || e.message; finish(); });
    sock.on('close', () => { closed = true; finish(); });
    sock.on('connect', () => {
      for (const part of [data].flat()) sock.write(typeof part === 'string' ? Buffer.from(part, 'latin1') : part, () => {});
    });
  });
}

// Builds a request head (latin1 string) with the session's cookie and CSRF token.
export function head(method, path, { sess, headers = {}, close = true } = {}) {
  const h = { Host: '127.0.0.1', ...(sess ? { Cookie: sess.cookie } : {}), ...(sess && method !== 'GET' ? { 'X-CSRF-Token': sess.csrf } : {}), ...(close ? { Connection: 'close' } : {}), ...headers };
  return `${method} ${path} HTTP/1.1\r\n${Object.entries(h).filter(([, v]) => v !== null).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
}

// A complete request with a JSON (or raw) body and the right Content-Length.
export function withBody(method, path, body, opts = {}) {
  const b = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const h = head(method, path, { ...opts, headers: { 'Content-Type': 'application/json', 'Content-Length': String(b.length), ...(opts.headers || {}) } });
  return Buffer.concat([Buffer.from(h, 'latin1'), b]);
}

// Opens a connection and resolves once it is connected; records when and how it ended.
export function connect(port, timeoutMs = 5000) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    const info = { sock, closedAt: null, error: null, data: [] };
    const t = setTimeout(() => { sock.destroy(); reject(new Error('connect timeout')); }, timeoutMs);
    sock.on('connect', () => { clearTimeout(t); resolve(info); });
    sock.on('data', (d) => info.data.push(d));
    sock.on('error', (e) => { info.error = e.code || e.message; });
    sock.on('close', () => { info.closedAt ??= performance.now(); });
    sock.once('error', (e) => { clearTimeout(t); if (!sock.connecting) return; reject(e); });
  });
}

// ---------------------------------------------------------------------------------------------
// A well-behaved client that keeps asking while an attack runs: GETs of paths it is allowed to
// read on its own keep-alive connection, one after another with a short pause.

export function canary(port, sess, paths, { pauseMs = 50, timeoutMs = 10000 } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const results = [];
  let running = true;
  const loop = (async () => {
    let i = 0;
    while (running) {
      const path = paths[i++ % paths.length];
      const t0 = performance.now();
      try {
        const r = await request(port, 'GET', path, { agent, sess, timeoutMs });
        results.push({ path, status: r.status, ms: r.ms, ok: r.status === 200 && r.body !== undefined });
      } catch (e) {
        results.push({ path, status: 0, ms: performance.now() - t0, ok: false, error: e.message });
      }
      await sleep(pauseMs);
    }
  })();
  return {
    results,
    async stop() {
      running = false;
      await loop;
      agent.destroy();
      const failed = results.filter((r) => !r.ok);
      const maxMs = Math.max(0, ...results.map((r) => r.ms));
      return { count: results.length, failed, maxMs };
    },
  };
}

// ---------------------------------------------------------------------------------------------

export function percentiles(values, ps = [50, 90, 99, 99.9]) {
  const s = [...values].sort((a, b) => a - b);
  const out = {};
  for (const p of ps) out[`p${p}`] = s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
  out.max = s.length ? s[s.length - 1] : NaN;
  out.n = s.length;
  return out;
}

export const fmtMs = (o) => Object.entries(o).map(([k, v]) => (k === 'n' ? `n=${v}` : `${k}=${v.toFixed(1)}ms`)).join(' ');

export function sampleCase(rng, org = '', overrides = {}) {
  const n = 1 + rng.int(3);
  return {
    summary: `Dreiging ${org} ${rng.int(1e9)} — "${['rechter', 'burgemeester', 'journalist', 'advocaat'][rng.int(4)]}" & <b>x</b> 'q' ${'é'.repeat(rng.int(5))}`,
    phenomenon: rng.pick(['organised_crime', 'state_threat', 'terrorism_extremism', 'lone_actor', 'activism', 'other']),
    urgent: rng.chance(0.3),
    source_details: rng.chance(0.5) ? `Bron ${rng.int(1e6)}; -- '; DROP TABLE cases; --` : '',
    persons: Array.from({ length: n }, (_, i) => ({
      given_names: `Voornaam${rng.int(1e6)} ${i}`,
      surname_prefix: rng.pick(['', 'van', 'van der', "d'"]),
      surname: `Achternaam${rng.int(1e6)}`,
      date_of_birth: `19${50 + rng.int(50)}-0${1 + rng.int(9)}-1${rng.int(10)}`,
      function: rng.pick(['rechter', 'officier van justitie', 'wethouder', '']),
    })),
    ...overrides,
  };
}

// Sends `headBytes`, then keeps writing what nextChunk() returns (null: the body is complete)
// as fast as the server reads it, until the server answers and closes, the connection fails,
// maxBytes are sent or timeoutMs pass. { sent, closed, error, responses, timedOut, ms }
export function stream(port, headBytes, nextChunk, { maxBytes = 64 * 1024 * 1024, timeoutMs = 15000, want = Infinity } = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const sock = net.connect(port, '127.0.0.1');
    const chunks = [];
    let sent = 0;
    let closed = false;
    let error = null;
    let finished = false;
    let bodyDone = false;
    const finish = (timedOut = false) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      sock.destroy();
      let parsed;
      try { parsed = parseResponses(Buffer.concat(chunks)); } catch (e) { parsed = { responses: [], parseError: e.message }; }
      resolve({ ...parsed, sent, closed, error, timedOut, bodyDone, ms: performance.now() - t0 });
    };
    const timer = setTimeout(() => finish(true), timeoutMs);
    const pump = () => {
      while (!finished && !closed && sent < maxBytes) {
        const c = nextChunk(sent);
        if (c === null) { bodyDone = true; return; }
        const b = typeof c === 'string' ? Buffer.from(c, 'latin1') : c;
        sent += b.length;
        if (!sock.write(b)) { sock.once('drain', pump); return; }
      }
    };
    sock.on('data', (d) => {
      chunks.push(d);
      try { if (parseResponses(Buffer.concat(chunks)).responses.filter((r) => !r.untilClose).length >= want) finish(); } catch { /* wait */ }
    });
    sock.on('end', () => { closed = true; finish(); });
    sock.on('error', (e) => { closed = true; error = e.code || e.message; finish(); });
    sock.on('close', () => { closed = true; finish(); });
    sock.on('connect', () => { sock.write(typeof headBytes === 'string' ? Buffer.from(headBytes, 'latin1') : headBytes); pump(); });
  });
}

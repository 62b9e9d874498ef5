// Small helpers shared by the API test files (not a test file itself: node --test only runs
// *.test.mjs here). Assertions on problem+json, a raw HTTP/1.1 client for requests fetch()
// refuses to send, and direct access to the server's database (SQLite file or PostgreSQL database)
// where no API exists.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import { join } from 'node:path';
import { Client, loggedIn, freshDatabase, isPostgres, psql } from '../lib/server.mjs';

export { loggedIn };

// The file path behind a `sqlite:PATH` database URL.
export function dbFile(server) {
  return server.db.replace(/^sqlite:/, '');
}

// Runs SQL through the sqlite3 CLI; returns stdout. Throws on failure unless allowFail.
export function sqlite(file, sql, { allowFail = false } = {}) {
  const r = spawnSync('sqlite3', ['-batch', '-bail', file], { input: sql, encoding: 'utf8' });
  if (r.status !== 0 && !allowFail) throw new Error(`sqlite3 failed (${r.status}): ${r.stderr}\nSQL: ${sql}`);
  return allowFail ? r : r.stdout;
}

// Runs SQL on the database behind a URL of either backend (sqlite3 CLI or psql, same output
// format); returns stdout. Throws on failure unless allowFail (then: the spawn result).
export function dbQuery(url, sql, opts = {}) {
  return isPostgres(url) ? psql(url, sql, opts) : sqlite(url.replace(/^sqlite:/, ''), sql, opts);
}

const lines = (out) => out.trim().split('\n').filter(Boolean);

// The names of the tables of the schema (SQLite's own tables left out), sorted.
export function tableNames(url) {
  return lines(dbQuery(url, isPostgres(url)
    ? "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1;"
    : "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name;"));
}

// The columns of a table in order, each as [name, is part of the primary key].
export function tableColumns(url, table) {
  const sql = isPostgres(url)
    ? `SELECT a.attname || '|' || (a.attnum = ANY(coalesce(i.indkey::int2[], '{}')))::int FROM pg_attribute a
       LEFT JOIN pg_index i ON i.indrelid = a.attrelid AND i.indisprimary
       WHERE a.attrelid = '${table}'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;`
    : `SELECT name || '|' || (pk > 0) FROM pragma_table_info('${table}');`;
  return lines(dbQuery(url, sql)).map((l) => { const [name, pk] = l.split('|'); return [name, pk === '1']; });
}

// A copy of a database no server is using any more (for tamper tests); drop it with dropDatabase.
export function copyDatabase(url, dir, file) {
  if (!isPostgres(url)) {
    const copy = join(dir, file);
    sqlite(url.replace(/^sqlite:/, ''), `.backup '${copy}'`);
    return `sqlite:${copy}`;
  }
  const copy = freshDatabase(dir);
  const name = (u) => new URL(u).pathname.slice(1);
  const admin = process.env.SCHILD_PG_ADMIN_URL;
  psql(admin, `DROP DATABASE ${name(copy)}`);
  psql(admin, `CREATE DATABASE ${name(copy)} TEMPLATE ${name(url)}`);
  return copy;
}

// Removes the triggers that keep audit_log append-only (on a copy, to tamper with it); answers how
// many there were.
export function dropAuditTriggers(url) {
  if (isPostgres(url)) {
    const n = Number(dbQuery(url, "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal;"));
    dbQuery(url, 'ALTER TABLE audit_log DISABLE TRIGGER USER;');
    return n;
  }
  const triggers = lines(dbQuery(url, "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='audit_log';"));
  if (triggers.length) dbQuery(url, triggers.map((t) => `DROP TRIGGER "${t}";`).join('\n'));
  return triggers.length;
}

// Asserts an RFC 9457 problem answer with the given status and stable code.
export function assertProblem(r, status, code, what = '') {
  const ctx = `${what} -> ${r.status} ${JSON.stringify(r.body)}`.slice(0, 600);
  assert.equal(r.status, status, `status ${ctx}`);
  const ct = r.headers.get ? r.headers.get('content-type') : r.headers['content-type'];
  assert.match(ct || '', /^application\/problem\+json/, `content-type ${ct} ${ctx}`);
  assert.equal(typeof r.body, 'object', `body is JSON ${ctx}`);
  assert.equal(r.body.code, code, `code ${ctx}`);
  assert.equal(r.body.status, status, `body.status ${ctx}`);
}

// A client that shares another client's session cookie but not its CSRF token.
export function withoutCsrf(client) {
  const c = new Client(client.base);
  c.cookie = client.cookie;
  return c;
}

// The number of cases a client can see, from the list's total.
export async function caseTotal(client, query = '') {
  const r = await client.get(`/api/v1/cases?per_page=1${query}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(typeof r.body.total, 'number');
  return r.body.total;
}

// Every case a client can see (all pages).
export async function allCases(client, query = '') {
  const items = [];
  for (let page = 1; ; page++) {
    const r = await client.get(`/api/v1/cases?per_page=100&page=${page}${query}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    items.push(...r.body.items);
    if (r.body.items.length === 0 || items.length >= r.body.total) return { items, total: r.body.total };
  }
}

// Sends bytes on a fresh TCP connection and parses the HTTP/1.1 answer. Tolerates the server
// closing the connection early (e.g. after a 413) as long as a response arrived.
export function rawHttp(port, data, { timeoutMs = 5000 } = {}) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    const chunks = [];
    let done = false;
    const finish = (err) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      const buf = Buffer.concat(chunks);
      if (buf.length === 0) return reject(err || new Error('no response'));
      try { resolve(parseResponse(buf)); } catch (e) { reject(e); }
    };
    const timer = setTimeout(() => finish(new Error('timeout')), timeoutMs);
    sock.on('data', (d) => {
      chunks.push(d);
      // Stop as soon as one complete response is in.
      try { const p = parseResponse(Buffer.concat(chunks), true); if (p) finish(); } catch { /* partial */ }
    });
    sock.on('end', () => finish());
    sock.on('close', () => finish());
    sock.on('error', (e) => finish(e));
    sock.write(data, () => {});
  });
}

function parseResponse(buf, needComplete = false) {
  const sep = buf.indexOf('\r\n\r\n');
  if (sep < 0) { if (needComplete) return null; throw new Error(`no header end in: ${buf.toString('latin1').slice(0, 200)}`); }
  const head = buf.subarray(0, sep).toString('latin1').split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(head[0]);
  if (!m) throw new Error(`bad status line: ${head[0]}`);
  const headers = {};
  for (const line of head.slice(1)) {
    const i = line.indexOf(':');
    const k = line.slice(0, i).trim().toLowerCase();
    const v = line.slice(i + 1).trim();
    headers[k] = k in headers ? `${headers[k]}, ${v}` : v;
  }
  let body = buf.subarray(sep + 4);
  if (/chunked/i.test(headers['transfer-encoding'] || '')) {
    const out = [];
    let rest = body;
    for (;;) {
      const nl = rest.indexOf('\r\n');
      if (nl < 0) { if (needComplete) return null; break; }
      const size = parseInt(rest.subarray(0, nl).toString('latin1'), 16);
      if (size === 0) break;
      if (rest.length < nl + 2 + size) { if (needComplete) return null; break; }
      out.push(rest.subarray(nl + 2, nl + 2 + size));
      rest = rest.subarray(nl + 2 + size + 2);
    }
    body = Buffer.concat(out);
  } else if ('content-length' in headers) {
    const len = Number(headers['content-length']);
    if (body.length < len) { if (needComplete) return null; } else body = body.subarray(0, len);
  } else if (needComplete) {
    return null; // read until close
  }
  const text = body.toString('utf8');
  let parsed = text;
  try { parsed = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  return { status: Number(m[1]), headers: { get: (k) => headers[k.toLowerCase()] ?? null, raw: headers }, body: parsed, text };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A date n days from today (the Dutch calendar date, as the server counts) as YYYY-MM-DD.
export function isoDay(offsetDays) {
  // The server's "today" is the Dutch calendar date (src/util/clock.c); days are added to that
  // date, not to the current instant (which would cross summer time differently).
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + offsetDays * 86400000).toISOString().slice(0, 10);
}

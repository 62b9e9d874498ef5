// Hostile HTTP: one test per attack. Each attack must get a clean 4xx or a closed connection,
// while a well-behaved client (the canary, on its own keep-alive connection) keeps getting its
// answers during the attack; afterwards the server holds no connection and no descriptor more
// than before, and answers. Single malformed requests are tests/api/bad_input.test.mjs's job;
// here the attacks come many at once, slowly, pipelined on keep-alive connections, or cut off.
// Tests marked TODO assert what the server should do and does not yet (see their reason).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DB_KIND } from '../lib/server.mjs';
import {
  scaled, sleep, session, request, exchange, head, withBody, connect, stream, canary,
  fdCount, fdCountBesidesDatabase, databaseConnections, threadCount, fdSummary, heldConnections,
  sampleCase, prng, sanitizerReports,
} from './lib.mjs';
import { spawnSync } from 'node:child_process';

const KiB = 1024;
const MiB = 1024 * KiB;
const IDLE_TIMEOUT_S = 15; // the server's idle timeout (docs/API.md, Transport limits)
const COPIES = scaled(6, 2); // concurrent copies of each attack request
const FILE_MARKERS = ['root:x:0:0', '#include', 'int main', 'cmake_minimum_required', '[core]', 'SQLite format'];

let server, port, pid, ref, rdam, triage, targets, base, paths;

// How many cases ref-ams can see (attacks must not add or remove any).
async function refTotal() {
  const r = await request(port, 'GET', '/api/v1/cases?per_page=1', { sess: ref });
  assert.equal(r.status, 200, r.text);
  return r.body.total;
}

// Runs an attack while the canary asks; then asserts the canary was served throughout and that
// nothing leaked once the attack's connections are gone.
async function underAttack(attack, { canaryMaxMs = 5000, minCanary = 2 } = {}) {
  const c = canary(port, ref, paths);
  let result, stats;
  try {
    result = await attack();
    // Fast attacks are over in milliseconds: the canary must also be answered right after.
    const end = Date.now() + 10000;
    while (c.results.length < minCanary && Date.now() < end) await sleep(20);
  } finally {
    stats = await c.stop();
  }
  assert.deepEqual(stats.failed.slice(0, 5), [], `the canary failed during the attack (${stats.failed.length} of ${stats.count})`);
  assert.ok(stats.count >= minCanary, `the canary got only ${stats.count} answers`);
  assert.ok(stats.maxMs < canaryMaxMs, `the canary waited ${stats.maxMs.toFixed(0)} ms`);
  await assertNoLeaks();
  return result;
}

// The server holds no client connection, no more sockets than at the start, and answers.
async function assertNoLeaks() {
  const end = Date.now() + 20000;
  let held, kinds;
  for (;;) {
    held = heldConnections(port);
    kinds = fdSummary(pid);
    if ((held === 0 && (kinds['socket:'] || 0) <= base.sockets) || Date.now() > end) break;
    await sleep(100);
  }
  assert.equal(held, 0, 'connections still held by the server');
  assert.equal(kinds['socket:'] || 0, base.sockets, `sockets: ${JSON.stringify(kinds)} (at the start ${JSON.stringify(base.kinds)})`);
  assert.ok(fdCountBesidesDatabase(pid) <= base.fdsBesidesDatabase + 4, `descriptors: ${JSON.stringify(kinds)} (at the start ${JSON.stringify(base.kinds)})`);
  assert.ok(databaseConnections(pid) <= threadCount(pid), `at most one database connection per thread: ${JSON.stringify(kinds)}, ${threadCount(pid)} threads`);
  const h = await request(port, 'GET', '/api/v1/health', { timeoutMs: 5000 });
  assert.equal(h.status, 200);
}

const is4xx = (r) => r.status >= 400 && r.status < 500;
const show = (r) => JSON.stringify({ statuses: r.responses?.map((x) => x.status), closed: r.closed, error: r.error, timedOut: r.timedOut, sent: r.sent, ms: Math.round(r.ms), first: r.responses?.[0]?.text?.slice(0, 160) });
// "A clean 4xx or a closed connection", promptly: every response is a 4xx and the connection
// ended (it was not merely abandoned by us at the timeout).
function assertRefused(r, what, { statuses } = {}) {
  assert.ok(!r.timedOut, `${what}: no answer and no close: ${show(r)}`);
  for (const x of r.responses) {
    assert.ok(statuses ? statuses.includes(x.status) : is4xx(x), `${what}: ${show(r)}`);
  }
  assert.ok(r.responses.length > 0 || r.closed, `${what}: ${show(r)}`);
}
function assertProblemJson(x, status, what) {
  assert.equal(x.status, status, `${what}: ${x.status} ${x.text.slice(0, 200)}`);
  assert.match(x.headers['content-type'] || '', /^application\/problem\+json/, what);
  assert.equal(x.body?.status, status, what);
}
const times = (n, f) => Array.from({ length: n }, (_, i) => f(i));

function sqliteFile() {
  return DB_KIND === 'sqlite' && server.db.startsWith('sqlite:') ? server.db.slice('sqlite:'.length) : null;
}

before(async () => {
  server = await startServer();
  port = server.port;
  pid = server.proc.pid;
  [ref, rdam, triage] = [await session(server.base, 'ref-ams'), await session(server.base, 'ref-rdam'), await session(server.base, 'triage1')];
  const rng = prng(4);
  targets = [];
  for (let i = 0; i < 6; i++) {
    const r = await request(port, 'POST', '/api/v1/cases', { sess: ref, body: sampleCase(rng, 'ams') });
    assert.equal(r.status, 201, r.text);
    targets.push(r.body);
  }
  for (let i = 0; i < 2; i++) assert.equal((await request(port, 'POST', '/api/v1/cases', { sess: rdam, body: sampleCase(rng, 'rdam') })).status, 201);
  paths = [`/api/v1/cases/${targets[0].id}`, `/api/v1/persons/${targets[0].persons[0].id}`, '/api/v1/cases?per_page=5'];
  // Every server thread opens its database connection on first use: use them all before the
  // baseline is taken.
  for (let round = 0; round < 3; round++) await Promise.all(times(64, (i) => request(port, 'GET', paths[i % 3], { sess: ref })));
  for (let i = 0; i < 100 && heldConnections(port) > 0; i++) await sleep(100);
  await sleep(300);
  const kinds = fdSummary(pid);
  base = { kinds, sockets: kinds['socket:'] || 0, fds: fdCount(pid), fdsBesidesDatabase: fdCountBesidesDatabase(pid) };
  console.log(`# baseline descriptors: ${JSON.stringify(kinds)}`);
});

after(async () => {
  if (!server) return;
  const code = await server.stop();
  assert.deepEqual(sanitizerReports(server.log()), [], 'sanitizer reports');
  assert.equal(code, 0, `clean shutdown (under the sanitizers: no leaks at exit)\n${server.log().slice(-3000)}`);
});

describe('slow clients', () => {
  let trickled; // what the trickling connections looked like at the end of the slowloris test

  test(`slowloris: silent partial requests are closed by the ${IDLE_TIMEOUT_S} s idle timeout; others are served meanwhile`, { timeout: 60000 }, async () => {
    await underAttack(async () => {
      const partialHead = () => `GET ${paths[0]} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${ref.cookie}\r\nX-Slow: `;
      const partialBody = () => head('POST', '/api/v1/cases', { sess: ref, close: false, headers: { 'Content-Type': 'application/json', 'Content-Length': '1000' } }) + '{"summary": "';
      const open = async (kind, first) => { const s = await connect(port); if (first) s.sock.write(first); return { kind, s, last: performance.now() }; };
      const silent = [
        ...(await Promise.all(times(15, () => open('header', partialHead())))),
        ...(await Promise.all(times(5, () => open('body', partialBody())))),
        ...(await Promise.all(times(5, () => open('nothing', null)))),
      ];
      const trickle = [
        ...(await Promise.all(times(15, () => open('header', partialHead())))),
        ...(await Promise.all(times(10, () => open('body', partialBody())))),
      ];
      const t0 = performance.now();
      while (performance.now() - t0 < (IDLE_TIMEOUT_S + 7) * 1000) {
        await sleep(2000);
        for (const x of trickle) if (!x.s.closedAt) { x.s.sock.write('a'); x.last = performance.now(); }
      }
      for (const x of silent) {
        assert.ok(x.s.closedAt, `a silent connection (${x.kind}) is still open after ${IDLE_TIMEOUT_S + 7} s`);
        const after = (x.s.closedAt - x.last) / 1000;
        assert.ok(after > IDLE_TIMEOUT_S - 3 && after < IDLE_TIMEOUT_S + 6, `closed ${after.toFixed(1)} s after its last byte`);
        const got = Buffer.concat(x.s.data).toString('latin1');
        assert.ok(!/^HTTP\/1\.1 2/.test(got), `a partial request was answered: ${got.slice(0, 100)}`);
      }
      const closeTimes = silent.map((x) => (x.s.closedAt - x.last) / 1000);
      console.log(`# silent connections closed ${Math.min(...closeTimes).toFixed(1)}..${Math.max(...closeTimes).toFixed(1)} s after their last byte`);
      trickled = trickle.map((x) => ({ kind: x.kind, open: !x.s.closedAt, seconds: ((x.s.closedAt ?? performance.now()) - t0) / 1000 }));
      console.log(`# trickling connections still open after ${((performance.now() - t0) / 1000).toFixed(0)} s: ${trickled.filter((x) => x.open).length} of ${trickled.length}`);
      for (const x of trickle) x.s.sock.destroy();
    }, { minCanary: 20 });
  });

  test('slowloris: connections that trickle a byte every 2 s are closed within 22 s (a deadline for the whole request)', {
    todo: 'known limit of libmicrohttpd 0.9.75: no deadline for the request headers (the 15 s timeout counts silence only); bodies are cut off after 30 s by Schild, and in production nginx\'s client_header_timeout bounds the headers (docs/OPERATIONS.md)',
  }, () => {
    assert.ok(trickled, 'the slowloris test ran');
    assert.deepEqual(trickled.filter((x) => x.open), [], 'trickling connections the server kept open');
  });
});

describe('oversized requests', () => {
  test('request line and headers over 32 KiB: 4xx (414/431) or close, at once, many at a time', async () => {
    const big = 'a'.repeat(40 * KiB);
    const variants = {
      'a 40 KiB path': () => head('GET', `/api/v1/cases/${big}`, { sess: ref, close: false }),
      'a 40 KiB query': () => head('GET', `/api/v1/cases?status=${big}`, { sess: ref, close: false }),
      '100 headers of 400 bytes': () => `GET ${paths[0]} HTTP/1.1\r\nHost: x\r\nCookie: ${ref.cookie}\r\n${times(100, (i) => `X-H${i}: ${'v'.repeat(400)}\r\n`).join('')}\r\n`,
      'one 40 KiB header': () => head('GET', paths[0], { sess: ref, close: false, headers: { 'X-Big': big } }),
      'a 40 KiB cookie': () => head('GET', paths[0], { close: false, headers: { Cookie: `${ref.cookie}; x=${big}` } }),
      'a 40 KiB header in two parts': () => [`GET ${paths[0]} HTTP/1.1\r\nHost: x\r\nX-Big: ${big.slice(0, 20 * KiB)}`, `${big.slice(20 * KiB)}\r\n\r\n`],
      '100000 empty-valued headers': () => `GET /api/v1/health HTTP/1.1\r\nHost: x\r\n${'A:\r\n'.repeat(100000)}\r\n`,
    };
    await underAttack(async () => {
      const runs = Object.entries(variants).flatMap(([name, make]) => times(COPIES, () => exchange(port, make(), { want: 2, timeoutMs: 5000 }).then((r) => [name, r])));
      // And after a good request on the same keep-alive connection.
      runs.push(...times(COPIES, () => exchange(port, head('GET', '/api/v1/health', { close: false }) + head('GET', `/api/v1/health?x=${big}`, { close: false }), { want: 3, timeoutMs: 5000 }).then((r) => ['a good request, then a 40 KiB request line', r])));
      for (const [name, r] of await Promise.all(runs)) {
        if (name.startsWith('a good request')) {
          assert.equal(r.responses[0]?.status, 200, `${name}: ${show(r)}`);
          r.responses.shift();
        }
        assertRefused(r, name, { statuses: [400, 413, 414, 431] });
        assert.ok(r.closed, `${name}: the connection is closed after the refusal: ${show(r)}`);
      }
    });
  });

  test('bodies over 64 KiB: announced 100 MiB, streamed 100 MiB, endless chunked: 413 or close, and reading stops', async () => {
    const total = await refTotal();
    const caseHead = (headers) => head('POST', '/api/v1/cases', { sess: ref, close: false, headers: { 'Content-Type': 'application/json', ...headers } });
    const filler = Buffer.from(`{"summary": "${'x'.repeat(8 * KiB - 14)}`);
    const chunk = Buffer.from(`2000\r\n${'x'.repeat(0x2000)}\r\n`);
    await underAttack(async () => {
      const results = await Promise.all([
        // Announced, nothing sent: the 413 comes before a byte of body.
        ...times(COPIES, () => exchange(port, caseHead({ 'Content-Length': String(100 * MiB) }), { want: 2, timeoutMs: 5000 }).then((r) => ['announced', r])),
        // Announced and sent as fast as the server takes it.
        ...times(COPIES, () => stream(port, caseHead({ 'Content-Length': String(100 * MiB) }), (n) => (n === 0 ? filler : Buffer.alloc(64 * KiB, 0x78)), { maxBytes: 100 * MiB }).then((r) => ['streamed', r])),
        // Chunked without end.
        ...times(COPIES, () => stream(port, caseHead({ 'Transfer-Encoding': 'chunked' }), () => chunk, { maxBytes: 100 * MiB }).then((r) => ['chunked, endless', r])),
        // Chunked, 200 KiB and then the end: within what the server reads to answer 413.
        // (The body was read to its end, so the connection may stay open after the 413.)
        ...times(COPIES, () => { let ended = false; return stream(port, caseHead({ 'Transfer-Encoding': 'chunked' }), (n) => (n < 200 * KiB ? chunk : ended ? null : ((ended = true), '0\r\n\r\n')), { want: 1 }).then((r) => ['chunked, 200 KiB', r]); }),
      ]);
      for (const [name, r] of results) {
        assert.ok(!r.timedOut, `${name}: ${show(r)}`);
        for (const x of r.responses) assertProblemJson(x, 413, name);
        if (name === 'announced' || name === 'chunked, 200 KiB') assert.equal(r.responses.length, 1, `${name}: answered 413: ${show(r)}`);
        else assert.ok(r.closed, `${name}: closed: ${show(r)}`);
        // What the kernel buffers on loopback plus the 256 KiB the server drains: far below this.
        if (r.sent !== undefined) assert.ok(r.sent < 32 * MiB, `${name}: the server kept reading (${(r.sent / MiB).toFixed(1)} MiB sent)`);
      }
      const sent = results.filter(([n]) => n !== 'announced').map(([n, r]) => `${n} ${(r.sent / KiB).toFixed(0)} KiB`);
      console.log(`# bytes sent before the server stopped reading: ${sent.join(', ')}`);
    });
    assert.equal(await refTotal(), total, 'nothing was stored');
  });
});

describe('framing', () => {
  // The smuggled request is a valid, authenticated referral: if it ever runs, a case appears.
  const smuggled = () => withBody('POST', '/api/v1/cases', sampleCase(prng(1), '', { summary: 'SMUGGLED' }), { sess: ref, close: false }).toString('latin1');
  const post = (framing, body) => `POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${framing}\r\n${body}`;
  async function smuggledCount() {
    const r = await request(port, 'GET', '/api/v1/cases?per_page=100&sort=newest', { sess: ref });
    return r.body.items.filter((i) => i.summary === 'SMUGGLED').length;
  }

  test('Content-Length with Transfer-Encoding, repeated Content-Length or Transfer-Encoding: 400, closed, the smuggled request never runs', async () => {
    const s = smuggled();
    const variants = {
      'Content-Length and Transfer-Encoding': post('Content-Length: 5\r\nTransfer-Encoding: chunked\r\n', `0\r\n\r\n${s}`),
      'Transfer-Encoding and Content-Length': post('Transfer-Encoding: chunked\r\nContent-Length: 5\r\n', `0\r\n\r\n${s}`),
      'Content-Length twice, same value': post('Content-Length: 2\r\nContent-Length: 2\r\n', `{}${s}`),
      'Content-Length twice, different values': post(`Content-Length: 2\r\nContent-Length: ${2 + s.length}\r\n`, `{}${s}`),
      'Transfer-Encoding twice': post('Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n', `2\r\n{}\r\n0\r\n\r\n${s}`),
      'Content-Length: 2, 2': post('Content-Length: 2, 2\r\n', `{}${s}`),
      'Content-Length: +2': post('Content-Length: +2\r\n', `{}${s}`),
      'Content-Length: 0x2': post('Content-Length: 0x2\r\n', `{}${s}`),
    };
    await underAttack(async () => {
      const results = await Promise.all(Object.entries(variants).flatMap(([name, wire]) => times(COPIES, () => exchange(port, wire, { want: 2, timeoutMs: 5000 }).then((r) => [name, r]))));
      for (const [name, r] of results) {
        assertRefused(r, name, { statuses: [400] });
        assert.equal(r.responses.length, 1, `${name}: exactly one answer: ${show(r)}`);
        assert.ok(r.closed, `${name}: closed after the 400: ${show(r)}`);
      }
    });
    assert.equal(await smuggledCount(), 0, 'a smuggled request ran');
  });

  test('a Transfer-Encoding other than chunked: 400 or 501 at once (RFC 9112 6.1)', async () => {
    const codings = ['xchunked', 'identity', 'gzip, chunked', 'chunked, identity'];
    const results = await Promise.all(codings.map((te) => exchange(port, post(`Transfer-Encoding: ${te}\r\nConnection: close\r\n`, '2\r\n{}\r\n0\r\n\r\n'), { timeoutMs: 5000 })));
    for (const [i, r] of results.entries()) assertRefused(r, `Transfer-Encoding: ${codings[i]}`, { statuses: [400, 501] });
    await assertNoLeaks();
  });

  test('whitespace between a header name and its colon: 400 (RFC 9112 5.1), no request smuggling', async () => {
    const s = smuggled();
    const r = await exchange(port, post('Transfer-Encoding : chunked\r\nContent-Length: 2\r\n', `{}${s}`), { want: 2, timeoutMs: 5000 });
    assertRefused(r, 'Transfer-Encoding : chunked', { statuses: [400] });
    assert.equal(r.responses.length, 1, `one answer: ${show(r)}`);
    assert.equal(await smuggledCount(), 0, 'the smuggled request ran');
    await assertNoLeaks();
  });
});

describe('bytes that are not text', () => {
  test('invalid UTF-8 and NUL in paths, query strings and JSON, pipelined: refused, and the connection stays usable or is closed', async () => {
    const id = targets[0].id;
    const body = (raw) => Buffer.concat([Buffer.from('{"summary": "'), Buffer.from(raw, 'latin1'), Buffer.from('", "phenomenon": "other", "urgent": false, "persons": [{"given_names": "A", "surname": "B", "date_of_birth": "1970-01-01"}]}')]);
    // [name, request, allowed statuses]; 200 only for list queries that then must match nothing.
    const bad = [
      ['raw 0xFF 0xFE in the path', head('GET', `/api/v1/cases/\xff\xfe${id}`, { sess: ref, close: false }), [400, 404]],
      ['%FF%FE in the path', head('GET', `/api/v1/cases/${id}%ff%fe`, { sess: ref, close: false }), [400, 404]],
      ['overlong %C0%AF in the path', head('GET', `/api/v1/cases%c0%af${id}`, { sess: ref, close: false }), [400, 404]],
      ['%00 in the path', head('GET', `/api/v1/persons/${targets[0].persons[0].id}%00`, { sess: ref, close: false }), [400, 404]],
      ['raw 0xFF in the query', head('GET', '/api/v1/cases?status=referred\xff', { sess: ref, close: false }), [400, 200]],
      ['%FF in the query', head('GET', '/api/v1/cases?status=%ff', { sess: ref, close: false }), [400, 200]],
      ['%00 in the query', head('GET', '/api/v1/cases?status=referred%00', { sess: ref, close: false }), [400, 200]],
      ['%C0%AF in the sort', head('GET', '/api/v1/cases?sort=%c0%af', { sess: ref, close: false }), [400, 200]],
      ['%00 in a query name', head('GET', '/api/v1/cases?sta%00tus=referred', { sess: ref, close: false }), [400, 200]],
      ['invalid UTF-8 in JSON', withBody('POST', '/api/v1/cases', body('\xff\xfe'), { sess: ref, close: false }), [400]],
      ['a raw NUL in JSON', withBody('POST', '/api/v1/cases', body('a\x00b'), { sess: ref, close: false }), [400]],
      ['a CESU-8 surrogate in JSON', withBody('POST', '/api/v1/cases', body('\xed\xa0\x80'), { sess: ref, close: false }), [400]],
    ];
    const good = head('GET', `/api/v1/cases/${id}`, { sess: ref, close: false });
    const total = await refTotal();
    await underAttack(async () => {
      const results = await Promise.all(bad.flatMap(([name, wire, ok]) => times(COPIES, () => exchange(port, [wire, good], { want: 2, timeoutMs: 5000 }).then((r) => [name, r, ok]))));
      for (const [name, r, ok] of results) {
        assert.ok(!r.timedOut, `${name}: ${show(r)}`);
        assert.ok(r.responses.length >= 1 || r.closed, `${name}: ${show(r)}`);
        const [first, second] = r.responses;
        if (first) {
          assert.ok(ok.includes(first.status), `${name}: ${show(r)}`);
          if (first.status === 200) assert.equal(first.body.total, 0, `${name} matched cases`);
          else assert.match(first.headers['content-type'] || '', /^application\/problem\+json/, name);
        }
        if (second) {
          // The parser was reset: the next request on the connection gets its own answer.
          assert.equal(second.status, 200, `${name}, then a good request: ${show(r)}`);
          assert.equal(second.body.id, id);
        } else {
          assert.ok(r.closed, `${name}: no answer to the good request and not closed: ${show(r)}`);
          const again = await request(port, 'GET', `/api/v1/cases/${id}`, { sess: ref });
          assert.equal(again.status, 200);
        }
      }
    });
    assert.equal(await refTotal(), total, 'nothing was stored');
  });

  test('a raw NUL byte in the request target: 400, never the path cut short at the NUL', {
    todo: 'known limit of libmicrohttpd 0.9.75: it ends the URL at a raw NUL before Schild sees it (GET /index.html<NUL>.js serves index.html; need-to-know still applies to what is served); nginx in front refuses such request lines',
  }, async () => {
    for (const p of ['/index.html\x00.js', `/api/v1/cases/${targets[0].id}\x00/../x`, '/api/v1/health\x00x']) {
      const r = await exchange(port, head('GET', p, { sess: ref }), { timeoutMs: 5000 });
      assertRefused(r, JSON.stringify(p), { statuses: [400, 404] });
    }
    await assertNoLeaks();
  });
});

describe('parsers at their limits', () => {
  test('JSON nested 100000 deep (chunked, announced) and 65000 deep within 64 KiB, many at once: 400/413, the server survives', async () => {
    const total = await refTotal();
    const chunkedDeep = () => [head('POST', '/api/v1/cases', { sess: ref, headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }), ...times(25, () => `1000\r\n${'['.repeat(0x1000)}\r\n`), ...times(25, () => `1000\r\n${']'.repeat(0x1000)}\r\n`), '0\r\n\r\n'];
    const variants = [
      ['[ x 65000, unterminated', () => withBody('POST', '/api/v1/cases', '['.repeat(65000), { sess: ref }), 400],
      ['{"a": x 13000', () => withBody('POST', '/api/v1/cases', '{"a":'.repeat(13000), { sess: ref }), 400],
      ['[ x 32000 ] x 32000 in persons', () => withBody('POST', '/api/v1/cases', `{"persons": ${'['.repeat(32000)}${']'.repeat(32000)}}`, { sess: ref }), 400],
      ['100000 deep, chunked', chunkedDeep, 413],
      ['100000 deep, announced', () => head('POST', '/api/v1/cases', { sess: ref, headers: { 'Content-Type': 'application/json', 'Content-Length': '200000' } }) + '['.repeat(1000), 413],
    ];
    await underAttack(async () => {
      for (let round = 0; round < 2; round++) {
        const results = await Promise.all(variants.flatMap(([name, make, status]) => times(COPIES, () => exchange(port, make(), { timeoutMs: 10000 }).then((r) => [name, r, status]))));
        for (const [name, r, status] of results) {
          assertRefused(r, name);
          if (r.responses[0]) assertProblemJson(r.responses[0], status, name);
        }
      }
    });
    assert.equal(await refTotal(), total, 'nothing was stored');
  });

  test('huge numbers in bodies, query parameters and path ids: 4xx, nothing changed', async () => {
    const t = targets[1];
    const huge = ['1e999999', '-1e999999', '1e-999999', '9'.repeat(100), `-${'9'.repeat(100)}`, `0.${'0'.repeat(1000)}1`, '9223372036854775808', '18446744073709551617', '-0', '9'.repeat(60000)];
    const reqs = [];
    for (const n of huge) {
      // -0 is the integer 0: a stale version (409) before it is an invalid one.
      reqs.push([`triage version ${n.slice(0, 20)}`, withBody('POST', `/api/v1/cases/${t.id}/triage`, `{"outcome": "national", "reasoning": "x", "version": ${n}}`, { sess: triage }), [400, 409, 422, 413]]);
      reqs.push([`information version ${n.slice(0, 20)}`, withBody('POST', `/api/v1/cases/${t.id}/information`, `{"text": "x", "version": ${n}}`, { sess: ref }), [400, 409, 422, 413]]);
      reqs.push([`urgent ${n.slice(0, 20)}`, withBody('POST', '/api/v1/cases', `{"summary": "x", "phenomenon": "other", "urgent": ${n}, "persons": [{"person_id": 1}]}`, { sess: ref }), [400, 422, 413]]);
      reqs.push([`person_id ${n.slice(0, 20)}`, withBody('POST', '/api/v1/cases', `{"summary": "x", "phenomenon": "other", "urgent": false, "persons": [{"person_id": ${n}}]}`, { sess: ref }), [400, 404, 422, 413]]);
      if (n.length < 2000) {
        reqs.push([`page=${n.slice(0, 20)}`, head('GET', `/api/v1/cases?page=${n}`, { sess: ref }), [400]]);
        reqs.push([`per_page=${n.slice(0, 20)}`, head('GET', `/api/v1/cases?per_page=${n}`, { sess: ref }), [400]]);
        reqs.push([`case id ${n.slice(0, 20)}`, head('GET', `/api/v1/cases/${n}`, { sess: ref }), [400, 404]]);
        reqs.push([`person id ${n.slice(0, 20)}`, head('GET', `/api/v1/persons/${n}`, { sess: ref }), [400, 404]]);
        reqs.push([`triage of case ${n.slice(0, 20)}`, withBody('POST', `/api/v1/cases/${n}/triage`, { outcome: 'national', reasoning: 'x', version: 1 }, { sess: triage }), [400, 404]]);
      }
    }
    const total = await refTotal();
    await underAttack(async () => {
      const results = await Promise.all(reqs.map(([name, wire, ok]) => exchange(port, wire, { timeoutMs: 10000 }).then((r) => [name, r, ok])));
      for (const [name, r, ok] of results) {
        assertRefused(r, name, { statuses: ok });
        assert.equal(r.responses.length, 1, `${name}: ${show(r)}`);
        assert.match(r.responses[0].headers['content-type'] || '', /^application\/problem\+json/, name);
      }
    });
    const now = await request(port, 'GET', `/api/v1/cases/${t.id}`, { sess: ref });
    assert.equal(now.body.version, t.version, 'the target case is unchanged');
    assert.equal(await refTotal(), total, 'nothing was stored');
  });
});

describe('the static file server', () => {
  test('path traversal and look-alike paths: 404 problem+json, never a file', async () => {
    const attacks = ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/%2E%2E/%2E%2E/etc/passwd', '/..%2fsrc/main.c', '/..%2f..%2f..%2fetc%2fpasswd', '/%252e%252e/etc/passwd',
      '//etc/passwd', '///etc/passwd', '/web/index.html', '/web/app.js', '/node_modules/@rijkshuisstijl-community/design-tokens/dist/index.css', '/node_modules/.package-lock.json',
      '/index.html%00.js', '/index.html%00', '/..\\..\\etc\\passwd', '/%2e%2e%5c%2e%2e%5cetc%5cpasswd', '/vendor/../../etc/passwd', '/vendor/..%2f..%2fsrc%2fmain.c',
      '/./index.html/../../etc/passwd', '/api/../../etc/passwd', '/api/v1/../../../etc/passwd', '/src/main.c', '/CMakeLists.txt', '/.git/config', '/build/schild', '/etc/passwd',
      '/proc/self/environ', '/index.html/', '/index.html;.js', '/INDEX.HTML', '/%69ndex.html%2f', '/app.js.map', '/..', '/.', '/%2e', '/~root'];
    await underAttack(async () => {
      const results = await Promise.all(attacks.flatMap((p) => ['GET', 'HEAD'].map((m) => exchange(port, head(m, p), { timeoutMs: 5000, headRequest: m === 'HEAD' }).then((r) => [`${m} ${p}`, r]))));
      for (const [name, r] of results) {
        assertRefused(r, name, { statuses: [400, 404] });
        assert.equal(r.responses.length, 1, `${name}: ${show(r)}`);
        if (name.startsWith('GET')) assertProblemJson(r.responses[0], 404, name);
        for (const m of FILE_MARKERS) assert.ok(!r.raw.toString('latin1').includes(m), `${name}: the answer contains ${m}`);
      }
    });
    // The same server does serve its own assets (so the 404s above are not everything's 404).
    for (const p of ['/', '/index.html', '/app.js', '/vendor/rhc-tokens.css']) assert.equal((await request(port, 'GET', p)).status, 200, p);
  });
});

describe('other organisations', () => {
  test('walking ids 1..n of cases and persons as other organisations and roles: 404 only, one body for existing and missing ids, audited as denied', async () => {
    const sessions = { 'ref-rdam': rdam };
    for (const u of ['om-rdam', 'analyst-nctv', 'admin1', 'inspector1']) sessions[u] = await session(server.base, u);
    const own = new Set((await request(port, 'GET', '/api/v1/cases?per_page=100', { sess: rdam })).body.items.map((i) => i.id));
    const ownPersons = new Set();
    for (const id of own) for (const p of (await request(port, 'GET', `/api/v1/cases/${id}`, { sess: rdam })).body.persons) ownPersons.add(p.id);
    const ams = (await request(port, 'GET', '/api/v1/cases?per_page=100', { sess: ref })).body.items;
    const maxCase = Math.max(...ams.map((c) => c.id), ...own);
    const maxPerson = Math.max(...ams.flatMap((c) => c.persons.map((p) => p.id)), ...ownPersons);
    const probes = [];
    for (const [user, sess] of Object.entries(sessions)) {
      const mine = (kind, id) => user === 'ref-rdam' && (kind === 'cases' ? own : ownPersons).has(id);
      for (let id = 1; id <= maxCase + 10; id++) {
        probes.push({ user, sess, method: 'GET', path: `/api/v1/cases/${id}`, exists: id <= maxCase, mine: mine('cases', id), kind: 'case', id });
        probes.push({ user, sess, method: 'HEAD', path: `/api/v1/cases/${id}`, exists: id <= maxCase, mine: mine('cases', id), kind: 'case', id });
        if (user === 'ref-rdam' || user === 'om-rdam') probes.push({ user, sess, method: 'POST', path: `/api/v1/cases/${id}/information`, body: { text: 'x', version: 1 }, exists: id <= maxCase, mine: mine('cases', id), kind: 'post', id });
      }
      for (let id = 1; id <= maxPerson + 10; id++) probes.push({ user, sess, method: 'GET', path: `/api/v1/persons/${id}`, exists: id <= maxPerson, mine: mine('persons', id), kind: 'person', id });
    }
    const answers = [];
    await underAttack(async () => {
      let i = 0;
      await Promise.all(times(8, async () => {
        while (i < probes.length) {
          const p = probes[i++];
          const wire = p.body ? withBody(p.method, p.path, p.body, { sess: p.sess }) : head(p.method, p.path, { sess: p.sess });
          answers.push([p, await exchange(port, wire, { timeoutMs: 5000, headRequest: p.method === 'HEAD' })]);
        }
      }));
    });
    const bodies = {};
    const headerSets = {};
    let existing = 0;
    for (const [p, r] of answers) {
      const name = `${p.user} ${p.method} ${p.path}`;
      assert.equal(r.responses.length, 1, `${name}: ${show(r)}`);
      const x = r.responses[0];
      if (p.mine) {
        assert.ok(p.kind === 'post' ? [403, 409, 422].includes(x.status) : x.status === 200, `${name} (own): ${x.status}`);
        continue;
      }
      assert.equal(x.status, 404, `${name}: ${x.status} ${x.text.slice(0, 200)}`);
      if (p.exists) existing++;
      (bodies[`${p.method} ${p.kind}`] ??= new Set()).add(x.text);
      const { date, ...rest } = x.headers;
      (headerSets[`${p.method} ${p.kind}`] ??= new Set()).add(JSON.stringify(Object.entries(rest).sort()));
    }
    assert.ok(existing > 20, 'existing ids were probed');
    for (const [kind, set] of Object.entries(bodies)) assert.equal(set.size, 1, `${kind}: bodies differ between existing and missing ids: ${[...set].join(' | ')}`);
    for (const [kind, set] of Object.entries(headerSets)) assert.equal(set.size, 1, `${kind}: headers differ between existing and missing ids: ${[...set].join('\n')}`);
    // Denied attempts on existing cases are in the audit trail as such.
    const file = sqliteFile();
    if (file) {
      const r = spawnSync('sqlite3', ['-batch', '-readonly', file, "SELECT count(DISTINCT object_id) FROM audit_log WHERE username = 'ref-rdam' AND action = 'case.read' AND outcome = 'denied'"], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const denied = Number(r.stdout.trim());
      assert.equal(denied, ams.length, `ref-rdam's reads of the ${ams.length} ams cases are audited as denied (${denied})`);
    }
  });
});

describe('metacharacters', () => {
  test('SQL, HTML and Unicode metacharacters in text fields, many writers at once: stored and returned verbatim', async () => {
    const nasty = [
      "'; DROP TABLE cases; --", '" OR "1"="1', "Robert'); DELETE FROM persons; --", '%_%', '\\%\\_', '\\', '</script><script>alert(1)</script>',
      '<img src=x onerror=alert(1)>', '&lt;b&gt; &amp; &#x3C;', '{{7*7}} ${7*7} <%= 7*7 %>', '%s%n%x', '\u2028\u2029', '\u202eevil\u202c', 'zero\u200bwidth\u200d',
      '😀 𝕊 \u{10FFFF}', 'e\u0301 vs é', 'ﬁ ß İ ı', "O'Brien-d'Artagnan",
    ];
    // Line breaks and tabs belong in the long texts only (names refuse control characters).
    const multiline = ['\t\n\r tabs\r\nand newlines\n', "line 1\n'; DROP TABLE cases; --\nline 3"];
    const rng = prng(7);
    const inputs = [
      ...nasty.map((s, i) => sampleCase(rng, '', {
        summary: `${s} #${i}`, source_details: s,
        persons: [{ given_names: s, surname_prefix: s, surname: s, date_of_birth: '1980-01-01', function: s }],
      })),
      ...multiline.map((s) => sampleCase(rng, '', { summary: s, source_details: s })),
    ];
    const created = [];
    await underAttack(async () => {
      const results = await Promise.all(inputs.map((b) => request(port, 'POST', '/api/v1/cases', { sess: ref, body: b })));
      for (const [i, r] of results.entries()) {
        assert.equal(r.status, 201, `${JSON.stringify(inputs[i].summary)}: ${r.text.slice(0, 200)}`);
        created.push([inputs[i], r.body]);
      }
      await Promise.all(created.map(async ([input, c]) => {
        const got = (await request(port, 'GET', `/api/v1/cases/${c.id}`, { sess: ref })).body;
        for (const k of ['summary', 'source_details']) assert.equal(got[k], input[k], `case ${k}`);
        for (const k of ['given_names', 'surname_prefix', 'surname', 'function']) assert.equal(got.persons[0][k], input.persons[0][k], `person ${k}`);
        const p = (await request(port, 'GET', `/api/v1/persons/${got.persons[0].id}`, { sess: ref })).body;
        for (const k of ['given_names', 'surname_prefix', 'surname', 'function']) assert.equal(p[k], input.persons[0][k], `persons/{id} ${k}`);
      }));
    });
    const list = (await request(port, 'GET', '/api/v1/cases?per_page=100&sort=newest', { sess: ref })).body.items;
    for (const [input, c] of created) assert.equal(list.find((i) => i.id === c.id)?.summary, input.summary, 'list summary');
  });

  test('metacharacters in query parameters: refused or matching nothing, never more', async () => {
    const total = await refTotal();
    const qs = ['status=%25', 'status=_', 'status=referred%25', 'status=refer_ed', 'status=%27%20OR%20%271%27%3D%271', 'status=referred%27--', 'status=referred%22%20OR%201%3D1--',
      'sort=newest%3B%20DROP%20TABLE%20cases', 'sort=id', 'sort=newest%2C%20id', 'sort=(SELECT%201)', 'page=1%3B', 'page=1%20OR%201%3D1', 'per_page=25%2C1000',
      'status=referred&status=closed', 'status[]=referred', 'status=%3Cscript%3E', 'per_page=100&per_page=1000', 'status=REFERRED', 'status=%E2%80%AEreferred'];
    await underAttack(async () => {
      const results = await Promise.all(qs.map((q) => request(port, 'GET', `/api/v1/cases?${q}`, { sess: ref }).then((r) => [q, r])));
      for (const [q, r] of results) {
        if (r.status === 200) {
          // Accepted: then it means what it says (a repeated parameter may take either value).
          assert.ok(r.body.total <= total && r.body.items.length <= 100, `${q} matched ${r.body.total} of ${total}`);
          if (!/^(status=referred&status=closed|per_page=100&per_page=1000)$/.test(q)) assert.equal(r.body.total, 0, `${q} matched ${r.body.total}`);
        } else {
          assert.ok([400, 422].includes(r.status), `${q}: ${r.status} ${r.text.slice(0, 200)}`);
        }
      }
    });
    assert.equal(await refTotal(), total, 'nothing was stored or removed');
  });
});

describe('clients that vanish', () => {
  test('hundreds of requests cut off mid-flight (reset or closed while the server reads, commits or waits for the audit): no crash, no leak, nothing half-written', async () => {
    const total = await refTotal();
    const rng = prng(99);
    const n = scaled(300, 100);
    await underAttack(async () => {
      await Promise.all(times(n, async (i) => {
        let s;
        try { s = await connect(port); } catch { return; }
        const kind = i % 4;
        if (kind === 0) s.sock.write(head('GET', paths[i % 2], { sess: ref, close: false })); // audited read
        else if (kind === 1) s.sock.write(withBody('POST', '/api/v1/cases', sampleCase(rng, 'vanish'), { sess: ref, close: false })); // a write
        else if (kind === 2) s.sock.write(withBody('POST', '/api/v1/cases', sampleCase(rng, 'vanish'), { sess: ref, close: false }).subarray(0, 300 + rng.int(200))); // half a request
        else s.sock.write(head('GET', '/api/v1/cases?per_page=100', { sess: ref, close: false }));
        await sleep(rng.int(8));
        if (rng.chance(0.5)) s.sock.resetAndDestroy(); else s.sock.destroy();
      }));
    });
    // Some writes may have been committed before the client vanished; each is whole.
    const items = (await request(port, 'GET', '/api/v1/cases?per_page=100&sort=newest', { sess: ref })).body;
    assert.ok(items.total >= total && items.total <= total + n / 4, `${items.total - total} new cases`);
    for (const item of items.items.slice(0, items.total - total)) {
      const c = (await request(port, 'GET', `/api/v1/cases/${item.id}`, { sess: ref })).body;
      assert.ok(c.persons.length >= 1 && c.timeline.length === 1 && c.timeline[0].event === 'referred' && c.version === 1, `case ${c.id} is whole: ${JSON.stringify(c).slice(0, 300)}`);
    }
    console.log(`# ${items.total - total} of ${n / 4} cut-off referrals were committed before their client vanished`);
  });
});

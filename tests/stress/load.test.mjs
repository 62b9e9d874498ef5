// Load: hundreds of concurrent keep-alive connections for a bounded time with a mix of reads
// (case, list, person) and writes (refer, triage). Every answer must be the expected 2xx and
// well-formed, no connection may fail, and afterwards the server has not leaked descriptors,
// threads or memory (a warm-up run of the same shape first, so that per-thread database
// connections and caches are already there when the baseline is taken). Latency percentiles are
// printed; only a very generous bound is asserted (it catches hangs, not slowness).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer } from '../lib/server.mjs';
import { SANITIZED, scaled, sleep, seedFromEnv, prng, session, request, sampleCase, fdCount, fdCountBesidesDatabase, databaseConnections, fdSummary, rssKiB, rssAnonKiB, threadCount, serverConnections, heldConnections, percentiles, fmtMs, sanitizerReports } from './lib.mjs';

const CONNECTIONS = scaled(300, 100);
const WARMUP_MS = scaled(10000, 3000);
const RUN_MS = scaled(15000, 5000);
const FD_SLACK = 4; // e.g. a journal file that is open at one moment and not at the other
// Anonymous memory may grow by what SQLite's page caches (2 MiB per connection, one connection per
// server thread) and malloc's per-thread arenas still fill after the warm-up: measured, that
// levels off at about 27 MiB above the warm-up's level however long the load runs. A leak of
// ~2 KiB per request (a response, a request's arena) passes 32 MiB within the main run. Under
// the sanitizers ASan's quarantine holds up to 256 MiB of freed memory, so there the bound is not
// asserted and LeakSanitizer at the clean shutdown (exit code) is the leak check instead.
const ANON_GROWTH_KIB = 32 * 1024;
// A hang detector, not a target: 300 connections queue on 2 cores, and when the machine is busy
// with something else the p99 has been seen at 4 s.
const P99_BOUND_MS = 10000;

const seed = seedFromEnv('load');
let server, refs, triage;
const pool = { 'politie-amsterdam': { cases: [], persons: [] }, 'politie-rotterdam': { cases: [], persons: [] } };
const fresh = []; // cases just referred and not yet claimed for triage: { id, version }

before(async () => {
  server = await startServer();
  refs = [await session(server.base, 'ref-ams'), await session(server.base, 'ref-rdam')];
  triage = await session(server.base, 'triage1');
  const r = prng(seed);
  for (let i = 0; i < 40; i++) {
    const sess = refs[i % 2];
    const c = await request(server.port, 'POST', '/api/v1/cases', { sess, body: sampleCase(r, sess.user.org.code) });
    assert.equal(c.status, 201, c.text);
    remember(sess, c.body);
  }
});
after(async () => {
  if (!server) return;
  const code = await server.stop();
  assert.deepEqual(sanitizerReports(server.log()), [], 'sanitizer reports');
  assert.equal(code, 0, `clean shutdown (under the sanitizers: no leaks at exit)\n${server.log().slice(-3000)}`);
});

function remember(sess, c) {
  const p = pool[sess.user.org.code];
  p.cases.push(c.id);
  for (const person of c.persons) p.persons.push(person.id);
}

// One worker: requests one after another through the shared agent until the deadline.
async function worker(agent, rng, deadline, stats) {
  while (Date.now() < deadline) {
    const sess = rng.pick(refs);
    const p = pool[sess.user.org.code];
    const x = rng.next();
    let op, method = 'GET', path, body, as = sess, expect = 200, check;
    if (x < 0.35) {
      const id = rng.pick(p.cases);
      op = 'get case'; path = `/api/v1/cases/${id}`;
      check = (b) => b.id === id && Array.isArray(b.timeline) && b.referring_org.code === sess.user.org.code;
    } else if (x < 0.50) {
      op = 'list'; path = rng.chance(0.5) ? `/api/v1/cases?per_page=25&page=${1 + rng.int(3)}&sort=newest` : '/api/v1/cases?status=referred&per_page=10';
      // Visible: the organisation's own referrals, and (as the district's threat analysis
      // function) the local cases of its district.
      const org = sess.user.org.code, district = `om-${org.replace(/^politie-/, '')}`;
      check = (b) => Array.isArray(b.items) && Number.isInteger(b.total) && b.items.every((i) => i.referring_org.code === org || (i.domain === 'local' && i.authority.code === district));
    } else if (x < 0.65) {
      const id = rng.pick(p.persons);
      op = 'get person'; path = `/api/v1/persons/${id}`;
      check = (b) => b.id === id && Array.isArray(b.cases) && b.cases.length >= 1;
    } else if (x < 0.85 || fresh.length === 0) {
      op = 'create'; method = 'POST'; path = '/api/v1/cases'; expect = 201;
      body = sampleCase(rng, sess.user.org.code);
      check = (b) => b.id > 0 && b.version === 1 && b.persons.length === body.persons.length && b.summary === body.summary;
    } else {
      const c = fresh.splice(rng.int(fresh.length), 1)[0]; // claimed by this worker alone
      op = 'triage'; method = 'POST'; path = `/api/v1/cases/${c.id}/triage`; as = triage;
      const o = rng.pick(['national', 'local', 'no_measures', 'more_information']);
      body = { outcome: o, reasoning: `Afweging ${rng.int(1e6)}`, version: c.version, ...(o === 'local' ? { district: 'amsterdam' } : {}) };
      check = (b) => b.id === c.id && b.version === c.version + 1;
    }
    let r;
    try {
      r = await request(server.port, method, path, { agent, sess: as, body, timeoutMs: 30000 });
    } catch (e) {
      stats.errors.push(`${op} ${method} ${path}: ${e.code || e.message}`);
      continue;
    }
    (stats.ms[op] ??= []).push(r.ms);
    stats.count++;
    const problems = [];
    if (r.status !== expect) problems.push(`status ${r.status}`);
    if (!/^application\/json; charset=utf-8$/.test(r.headers['content-type'] || '')) problems.push(`content-type ${r.headers['content-type']}`);
    if (r.headers['x-content-type-options'] !== 'nosniff') problems.push('no nosniff');
    if (Number(r.headers['content-length']) !== Buffer.byteLength(r.text)) problems.push(`content-length ${r.headers['content-length']} for ${Buffer.byteLength(r.text)} bytes`);
    if (r.body === undefined || r.body === null) problems.push('body is not JSON');
    else if (r.status === expect && !check(r.body)) problems.push('unexpected content');
    if (problems.length) { stats.errors.push(`${op} ${method} ${path}: ${problems.join(', ')}: ${r.text.slice(0, 200)}`); continue; }
    if (op === 'create') { remember(sess, r.body); fresh.push({ id: r.body.id, version: r.body.version }); }
  }
}

async function run(label, ms, rng) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS, maxFreeSockets: CONNECTIONS });
  const stats = { count: 0, errors: [], ms: {} };
  const t0 = Date.now();
  const deadline = t0 + ms;
  let peakConnections = 0;
  const sampler = setInterval(() => { peakConnections = Math.max(peakConnections, serverConnections(server.port)['01'] || 0); }, 250);
  await Promise.all(Array.from({ length: CONNECTIONS }, () => worker(agent, prng(rng.int(2 ** 32)), deadline, stats)));
  clearInterval(sampler);
  const elapsed = (Date.now() - t0) / 1000;
  agent.destroy();
  const all = Object.values(stats.ms).flat();
  console.log(`# ${label}: ${stats.count} requests in ${elapsed.toFixed(1)} s (${Math.round(stats.count / elapsed)}/s) over ${CONNECTIONS} connections (peak ${peakConnections} established), ${stats.errors.length} errors`);
  console.log(`#   all        ${fmtMs(percentiles(all))}`);
  for (const [op, v] of Object.entries(stats.ms)) console.log(`#   ${op.padEnd(10)} ${fmtMs(percentiles(v))}`);
  return { ...stats, all, peakConnections, elapsed };
}

// Waits until the server holds no client connections any more, then a little for it to settle.
async function quiesce() {
  const end = Date.now() + 30000;
  while (Date.now() < end) {
    if (heldConnections(server.port) === 0) break;
    await sleep(100);
  }
  await sleep(500);
}

test(`${CONNECTIONS} keep-alive connections, reads and writes for ${RUN_MS / 1000} s: no errors, no leaks, bounded latency`, { timeout: 170000 }, async () => {
  const rng = prng(seed ^ 0x5eed);
  const pid = server.proc.pid;
  const start = { fds: fdCount(pid), rss: rssKiB(pid), anon: rssAnonKiB(pid), threads: threadCount(pid) };

  const warm = await run('warm-up', WARMUP_MS, rng);
  assert.deepEqual(warm.errors.slice(0, 20), [], 'errors in the warm-up');
  await quiesce();
  const base = { fds: fdCount(pid), fdsBesidesDatabase: fdCountBesidesDatabase(pid), kinds: fdSummary(pid), rss: rssKiB(pid), anon: rssAnonKiB(pid), threads: threadCount(pid) };

  const main = await run('main run', RUN_MS, rng);
  await quiesce();
  const end = { fds: fdCount(pid), fdsBesidesDatabase: fdCountBesidesDatabase(pid), kinds: fdSummary(pid), rss: rssKiB(pid), anon: rssAnonKiB(pid), threads: threadCount(pid) };
  const delta = (k) => `${end[k] - base[k] >= 0 ? '+' : ''}${end[k] - base[k]}`;
  console.log(`# server: fds ${start.fds} at start, ${base.fds} after the warm-up, ${end.fds} after the main run; threads ${start.threads}/${base.threads}/${end.threads}`);
  console.log(`# server: VmRSS ${start.rss} / ${base.rss} / ${end.rss} kB (${delta('rss')} kB), RssAnon ${start.anon} / ${base.anon} / ${end.anon} kB (${delta('anon')} kB) at start / after the warm-up / after the main run`);
  console.log(`# fds after: ${JSON.stringify(end.kinds)}`);

  assert.deepEqual(main.errors.slice(0, 20), [], `errors in the main run (${main.errors.length} in all)`);
  assert.ok(main.count >= CONNECTIONS * 2, `the run did work: ${main.count} requests`);
  assert.ok(main.peakConnections >= CONNECTIONS * 0.9, `the server held ${main.peakConnections} connections at once (wanted ${CONNECTIONS})`);
  for (const op of ['get case', 'list', 'get person', 'create', 'triage']) assert.ok((main.ms[op] || []).length > 0, `${op} was exercised`);
  const p = percentiles(main.all);
  assert.ok(p.p99 < P99_BOUND_MS, `p99 ${p.p99.toFixed(0)} ms (bound ${P99_BOUND_MS} ms, a hang detector)`);

  // No leaks: descriptors and threads back where the warm-up left them, memory bounded.
  assert.equal(end.kinds.socket, base.kinds.socket, `sockets: ${JSON.stringify(base.kinds)} -> ${JSON.stringify(end.kinds)}`);
  assert.ok(end.fdsBesidesDatabase <= base.fdsBesidesDatabase + FD_SLACK, `descriptors ${base.fds} -> ${end.fds}: ${JSON.stringify(base.kinds)} -> ${JSON.stringify(end.kinds)}`);
  assert.ok(databaseConnections(pid) <= end.threads, `at most one database connection per thread: ${JSON.stringify(end.kinds)}, ${end.threads} threads`);
  assert.equal(end.threads, base.threads, 'threads');
  if (!SANITIZED) assert.ok(end.anon - base.anon < ANON_GROWTH_KIB, `RssAnon grew ${end.anon - base.anon} kB over ${main.count} requests (bound ${ANON_GROWTH_KIB} kB)`);

  // And it still answers.
  const h = await request(server.port, 'GET', '/api/v1/health');
  assert.equal(h.status, 200);
});

// Crash: nothing acknowledged is lost. Concurrent clients refer cases, triage them, answer
// triage's questions, record signals, actors and gathering acts, read cases, and carry cases of
// their own through the authority's chain (assessment with four eyes, decisions with measures,
// execution by the unit lead, scaling down, ending) while the server is killed with SIGKILL at a
// random moment;
// after each restart on the same database every acknowledged write is there and intact, nothing
// half-written is visible, acknowledged reads are in the audit trail and `schild audit verify`
// passes. Several rounds; the PRNG is seeded (the seed is printed; SCHILD_STRESS_SEED repeats it).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as serverLib from '../lib/server.mjs';
import { SANITIZED, scaled, sleep, seedFromEnv, prng, serve, schildSync, session, request, sampleCase, sanitizerReports } from './lib.mjs';

const ROUNDS = scaled(5, 2);
const KILL_AFTER_MS = SANITIZED ? [400, 3000] : [200, 2000]; // the random moment, after the clients start
const DISTRICTS = ['amsterdam', 'den-haag', 'gelderland', 'limburg', 'midden-nederland', 'noord-holland', 'noord-nederland', 'oost-brabant', 'overijssel', 'rotterdam', 'zeeland-west-brabant'];
// A second triage officer (so triage races itself) and a reader whose only activity is the
// workload's reads (so its audit entries can be counted against the acknowledged reads).
const CAST = [...serverLib.USERS, ['triage2', 'triage', 'nctv'], ['reader-ams', 'referrer', 'politie-amsterdam'], ['analyst-ams', 'analyst', 'politie-amsterdam'],
  // The chain client's cast: its own triage officer, two analysts (four eyes), the unit lead.
  ['triage3', 'triage', 'nctv'], ['analyst-ams2', 'analyst', 'politie-amsterdam'], ['analyst-ams3', 'analyst', 'politie-amsterdam'], ['lead-ams', 'unit_lead', 'politie-amsterdam']];
const PACKAGE_2 = ['security_advice', 'obe_measures', 'alarm_priority_response'];
const EXTRA_MEASURES = ['surveillance_attention', 'camera_monitoring', 'data_shielding'];
const COMPARTMENTS = ['police', 'open_source', 'informant', 'crime_intel'];
const REFERRER_OF = { 'politie-amsterdam': 'ref-ams', 'politie-rotterdam': 'ref-rdam' };

const seed = seedFromEnv('crash');
const rng = prng(seed);

let first; // the server of round 1 (started by tests/lib/server.mjs, which also made the database)
let current; // the server process of the current round
const spawned = []; // every server this file started itself
after(async () => {
  for (const srv of spawned) await srv.kill(); // a no-op for those already gone
  if (first?.proc.exitCode === null && first.proc.signalCode === null) first.proc.kill('SIGKILL');
  // Not first.stop(): it waits for an exit that has already happened (the process was killed).
  if (first && !process.env.SCHILD_TEST_DB) serverLib.dropDatabase?.(first.db);
  if (first) rmSync(first.dir, { recursive: true, force: true });
});

// What the clients were told: every 2xx answer of a write, per case, in the order received.
const acked = new Map(); // case id -> [{ kind, body, round }]
const ackedReads = new Map(); // case id -> number of 200 answers to reader-ams's GETs
let ackedReadTotal = 0;
const ackedSignals = new Map(); // signal id -> { body, round }
const ackedActors = new Map(); // actor id -> { body, round }
const ackedActs = new Map(); // gathering act id -> { person, body, round }
// The authority's chain: the cases the chain client triaged itself (only it moves them past
// assessment), its acknowledged decisions, the latest acknowledged state of each measure, ends.
const chainCases = new Set();
const ackedDecisions = new Map(); // decision id -> { body, round }
const ackedMeasures = new Map(); // measure id -> { body, round } (the newest acknowledged)
const ackedEnds = new Map(); // case id -> { body, round }
const unexpected = []; // answers no client should get while the server is up (5xx, 400, ...)
const rounds = [];

function ack(kind, body, round) {
  if (!acked.has(body.id)) acked.set(body.id, []);
  acked.get(body.id).push({ kind, body, round });
}

// One client: its own keep-alive connection and session; loops until the server is gone (the
// first connection error) or the round's deadline, whichever comes first.
async function client(srv, sess, role, r, round, deadline) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  // who: one of the chain client's cast (sess.cast), else the client's own session.
  const call = (method, path, body, who) => request(srv.port, method, path, { agent, sess: who ? sess.cast[who] : sess, body, timeoutMs: 15000 });
  const note = (what, res, allowed) => { if (!allowed.includes(res.status)) unexpected.push(`round ${round} ${sess.username} ${what}: ${res.status} ${res.text.slice(0, 300)}`); };
  let n = 0;
  try {
    while (Date.now() < deadline) {
      n++;
      if (role === 'referrer') {
        const p = r.next();
        if (p < 0.65) {
          const input = sampleCase(r, sess.user.org.code);
          const res = await call('POST', '/api/v1/cases', input);
          note('create', res, [201]);
          if (res.status === 201) ack('create', { ...res.body, _input: input }, round);
        } else {
          // Answer one of triage's open questions to the own organisation.
          const list = await call('GET', '/api/v1/cases?status=referred&sort=newest&per_page=50');
          note('list', list, [200]);
          const waiting = list.status === 200 ? list.body.items.filter((i) => i.awaiting_information) : [];
          if (waiting.length) {
            const c = r.pick(waiting);
            const res = await call('POST', `/api/v1/cases/${c.id}/information`, { text: `Antwoord ${r.int(1e9)} van ${sess.username}`, version: c.version });
            note('information', res, [200, 409]); // 409: another client of the org answered first
            if (res.status === 200) ack('information', res.body, round);
          }
        }
      } else if (role === 'triage') {
        const list = await call('GET', `/api/v1/cases?status=referred&sort=triage&per_page=25&page=${1 + r.int(2)}`);
        note('queue', list, [200]);
        if (list.status === 200 && list.body.items.length) {
          const c = r.pick(list.body.items);
          const p = r.next();
          const decision = p < 0.3 ? { outcome: 'more_information' } : p < 0.55 ? { outcome: 'national' } : p < 0.85 ? { outcome: 'local', district: r.pick(DISTRICTS) } : { outcome: 'no_measures' };
          const res = await call('POST', `/api/v1/cases/${c.id}/triage`, { ...decision, reasoning: `Besluit ${r.int(1e9)} door ${sess.username}: <i>'x'</i>`, version: c.version });
          // 409: version or status changed meanwhile; 404: the other triage officer decided it.
          note('triage', res, [200, 404, 409]);
          if (res.status === 200) ack('triage', { ...res.body, _decision: decision }, round);
        }
      } else if (role === 'daf') {
        // The threat analysis function of Amsterdam: signals, actors and gathering acts on the
        // organisation's acknowledged cases.
        const cases = [...acked.values()].map((a) => a[0].body).filter((b) => b.referring_org.code === 'politie-amsterdam' && b.persons);
        if (cases.length === 0) { await sleep(20); continue; }
        const c = r.pick(cases);
        const p = r.next();
        if (p < 0.55) {
          const actors = [...ackedActors.values()];
          const subjects = [{ kind: 'person', id: r.pick(c.persons).id }];
          if (actors.length && r.next() < 0.5) subjects.push({ kind: 'actor', id: r.pick(actors).body.id });
          const input = { received_at: new Date().toISOString().slice(0, 10), source_org: 'politie-amsterdam', source_grade: r.pick(['A', 'B', 'C', 'X']), info_grade: r.pick(['1', '2', '3', '4']), handling: r.pick(['H0', 'H1', 'H2']), compartment: r.pick(COMPARTMENTS), concreteness: r.pick(['concrete', 'conceivable']), text: `Signaal ${r.int(1e9)} van ${sess.username}: bedreigingen <b>'x'</b>`, subjects };
          const res = await call('POST', `/api/v1/cases/${c.id}/signals`, input);
          note('signal', res, [201, 409]); // 409: triage closed the case meanwhile
          if (res.status === 201) ackedSignals.set(res.body.id, { body: res.body, input, round });
        } else if (p < 0.7) {
          const input = { kind: r.pick(['person', 'group', 'organisation']), name: `Actor ${r.int(1e9)}`, description: 'Uit de crash-test' };
          const res = await call('POST', '/api/v1/actors', input);
          note('actor', res, [201]);
          if (res.status === 201) ackedActors.set(res.body.id, { body: res.body, round });
        } else {
          const person = r.pick(c.persons).id;
          const res = await call('POST', `/api/v1/subjects/person/${person}/gathering`, { method: 'open_source_check', legal_basis: 'art. 3 Politiewet', duration_days: 1, justification: `Controle ${r.int(1e9)}` });
          note('gathering', res, [201, 409]); // 409: this person's threshold is reached
          if (res.status === 201) ackedActs.set(res.body.act.id, { person, body: res.body.act, round });
        }
      } else if (role === 'chain') {
        if (!(await chainStep(call, sess, r, round, note))) await sleep(10);
      } else if (role === 'reader') {
        const ids = [...acked.keys()].filter((id) => acked.get(id)[0].body.referring_org.code === 'politie-amsterdam');
        if (ids.length === 0) { await sleep(20); continue; }
        const id = r.pick(ids);
        const res = await call('GET', `/api/v1/cases/${id}`);
        note('read', res, [200]);
        if (res.status === 200) { ackedReads.set(id, (ackedReads.get(id) || 0) + 1); ackedReadTotal++; }
      }
    }
    return { n, ended: 'deadline' };
  } catch (e) {
    return { n, ended: e.code || e.message };
  } finally {
    agent.destroy();
  }
}

// One step of the authority's chain on a case of the chain client's own, as the user each step
// belongs to. Answers false when there was nothing to do.
async function chainStep(call, sess, r, round, note) {
  const callAs = (who, method, path, body) => call(method, path, body, who);
  const open = [...chainCases].filter((id) => !ackedEnds.has(id));
  if (open.length < 3 || r.next() < 0.15) {
    const input = sampleCase(r, 'politie-amsterdam');
    const res = await callAs('ref', 'POST', '/api/v1/cases', input);
    note('chain create', res, [201]);
    if (res.status !== 201) return true;
    ack('create', { ...res.body, _input: input }, round);
    const t = await callAs('triage', 'POST', `/api/v1/cases/${res.body.id}/triage`, { outcome: 'local', district: 'amsterdam', reasoning: 'Keten', version: res.body.version });
    note('chain triage', t, [200, 404, 409]); // the other triage officers may take it first
    if (t.status === 200) chainCases.add(res.body.id);
    return true;
  }
  const id = r.pick(open);
  const got = await callAs('authority', 'GET', `/api/v1/cases/${id}`);
  note('chain read', got, [200]);
  if (got.status !== 200) return true;
  const c = got.body;
  if (c.status === 'assessment') {
    const d = await callAs('author', 'POST', `/api/v1/cases/${id}/assessments`, { product: 'DI', seriousness: 4, likelihood: 3, resistance_level: 2, reasoning: `Keten ${r.int(1e9)}` });
    note('chain draft', d, [201]);
    if (d.status !== 201) return true;
    const sub = await callAs('author', 'POST', `/api/v1/assessments/${d.body.id}/submit`, { version: d.body.version });
    note('chain submit', sub, [200]);
    if (sub.status !== 200) return true;
    const ap = await callAs('reviewer', 'POST', `/api/v1/assessments/${d.body.id}/approve`, { version: sub.body.version, comment: 'Akkoord' });
    note('chain approve', ap, [200, 409]); // 409: another approval on the case meanwhile
    return true;
  }
  if (c.status === 'decision' || (c.status === 'protection' && r.next() < 0.25)) {
    const extra = r.pick(EXTRA_MEASURES);
    const dropOne = c.status === 'protection' && r.next() < 0.5;
    const types = dropOne ? PACKAGE_2.slice(1) : r.next() < 0.5 ? [...PACKAGE_2, extra] : PACKAGE_2;
    const body = { measures: types.map((type) => ({ type, executor_org: 'politie-amsterdam', start: new Date().toISOString().slice(0, 10), details: `Keten ${r.int(1e9)} <b>'x'</b>` })),
      proportionality: `Evenredig ${r.int(1e9)}`, tbp_view: 'Betrokkene stemt in', legal_basis: 'Art. 12 Politiewet 2012', version: c.version,
      ...(dropOne ? { below_package_reason: 'Afschaling na herbeoordeling' } : {}) };
    const res = await callAs('authority', 'POST', `/api/v1/cases/${id}/decisions`, body);
    note('chain decision', res, [201, 409]); // 409: the case changed meanwhile
    if (res.status === 201) {
      ackedDecisions.set(res.body.id, { body: res.body, input: body, round });
      for (const m of res.body.measures) ackedMeasures.set(m.id, { body: m, round });
    }
    return true;
  }
  if (c.status !== 'protection') return false;
  if (r.next() < 0.08) {
    const res = await callAs('authority', 'POST', `/api/v1/cases/${id}/end`, { reasoning: `Dreiging geweken ${r.int(1e9)}`, version: c.version });
    note('chain end', res, [200, 409]);
    if (res.status === 200) ackedEnds.set(id, { body: res.body, round });
    return true;
  }
  const list = await callAs('lead', 'GET', `/api/v1/cases/${id}/measures`);
  note('chain measures', list, [200]);
  const movable = list.status === 200 ? list.body.items.filter((m) => m.status !== 'ended') : [];
  if (!movable.length) return false;
  const m = r.pick(movable);
  const to = m.status === 'active' ? r.pick(['suspended', 'suspended', 'ended']) : 'active';
  const res = await callAs('lead', 'PATCH', `/api/v1/measures/${m.id}`, { status: to, note: `Rapport ${r.int(1e9)}`, version: m.version });
  // 409: a decision changed it meanwhile.
  note('chain measure', res, [200, 409]);
  if (res.status === 200) ackedMeasures.set(m.id, { body: res.body, round });
  return true;
}

// Every case a user can see, from the list (all pages).
async function listAll(srv, sess, agent, query = '') {
  const items = [];
  for (let page = 1; page < 1000; page++) {
    const r = await request(srv.port, 'GET', `/api/v1/cases?per_page=100&sort=oldest&page=${page}${query}`, { agent, sess });
    assert.equal(r.status, 200, r.text);
    items.push(...r.body.items);
    if (r.body.items.length === 0 || items.length >= r.body.total) {
      assert.equal(items.length, r.body.total, 'the list total and its items agree');
      return items;
    }
  }
  throw new Error('too many pages');
}

// Runs fn over items with `width` requests in flight.
async function parallel(items, width, fn) {
  let i = 0;
  await Promise.all(Array.from({ length: width }, async () => { while (i < items.length) await fn(items[i++]); }));
}

const pick = (o, keys) => Object.fromEntries(keys.map((k) => [k, o[k]]));
const CASE_KEYS = ['id', 'reference', 'summary', 'phenomenon', 'urgent', 'source_details', 'referring_org', 'created_at'];

// A case as stored must be whole: what is checked for every case, acknowledged or not.
function assertWhole(c, listed) {
  const at = `case ${c.id} (${c.reference}, ${c.status})`;
  // The chain's cases also carry execution events, which do not change the case itself.
  const chain = chainCases.has(c.id);
  assert.ok(c.persons.length >= 1 && c.persons.length <= 20, `${at}: has its persons`);
  for (const p of c.persons) assert.ok(p.id > 0 && p.surname && p.date_of_birth, `${at}: person ${JSON.stringify(p)}`);
  assert.equal(c.reference, `SBP-${c.created_at.slice(0, 4)}-${String(c.id).padStart(6, '0')}`, `${at}: reference`);
  assert.ok(c.timeline.length >= 1, `${at}: has a timeline`);
  assert.equal(c.timeline[0].event, 'referred', `${at}: starts with 'referred'`);
  assert.equal(c.timeline[0].at, c.created_at, `${at}: referred at creation`);
  if (!chain) assert.equal(c.version, c.timeline.length, `${at}: one version per timeline event`);
  if (!chain) assert.equal(c.updated_at, c.timeline.at(-1).at, `${at}: updated_at is the last event`);
  assert.ok(c.team.some((m) => m.org === c.referring_org.code && m.membership === 'referrer'), `${at}: the referring org is on the team`);
  const events = c.timeline.map((e) => e.event);
  const decisions = events.filter((e) => e.startsWith('triaged_'));
  assert.ok(decisions.length <= 1, `${at}: at most one triage decision: ${events}`);
  if (chain && ['decision', 'protection', 'closed'].includes(c.status)) {
    // Past assessment only through the chain: triaged local, a final assessment, then decisions.
    assert.deepEqual([c.domain, c.authority?.code], ['local', 'om-amsterdam'], `${at}: the chain's domain and authority`);
    assert.deepEqual(decisions, ['triaged_local'], `${at}: decision event`);
    assert.ok(events.includes('assessment_final'), `${at}: a final assessment: ${events}`);
    if (c.status !== 'decision') assert.ok(events.includes('decision'), `${at}: a decision: ${events}`);
    if (c.status === 'closed') assert.ok(events.includes('protection_ended'), `${at}: ended: ${events}`);
  } else if (c.status === 'referred') {
    assert.equal(c.domain, null, `${at}: no domain before triage`);
    assert.equal(c.authority, null, `${at}: no authority before triage`);
    assert.equal(decisions.length, 0, `${at}: no decision event`);
    const lastQA = events.filter((e) => e === 'information_requested' || e === 'information_supplied').at(-1);
    assert.equal(c.awaiting_information, lastQA === 'information_requested', `${at}: awaiting_information follows the last question/answer: ${events}`);
    if (c.awaiting_information) assert.equal(c.information_request, c.timeline.findLast((e) => e.event === 'information_requested').text, `${at}: information_request is the open question`);
  } else if (c.status === 'assessment') {
    assert.ok(['national', 'local'].includes(c.domain), `${at}: domain ${c.domain}`);
    assert.ok(c.authority && c.authority.code, `${at}: has its authority`);
    assert.equal(c.triage?.outcome, c.domain, `${at}: triage outcome`);
    assert.deepEqual(decisions, [`triaged_${c.domain}`], `${at}: decision event`);
    if (c.domain === 'national') assert.equal(c.authority.code, 'nctv', `${at}: national authority`);
    else assert.equal(c.authority.code, `om-${c.triage.district}`, `${at}: local authority`);
    assert.ok(c.team.some((m) => m.org === c.authority.code && m.membership === 'authority'), `${at}: the authority is on the team: ${JSON.stringify(c.team)}`);
    assert.ok(c.team.some((m) => m.membership === 'triage'), `${at}: the triage officer is on the team: ${JSON.stringify(c.team)}`);
    assert.equal(c.awaiting_information, false, `${at}: not awaiting information`);
  } else if (c.status === 'closed') {
    assert.equal(c.triage?.outcome, 'no_measures', `${at}: closed by no_measures`);
    assert.deepEqual(decisions, ['triaged_no_measures'], `${at}: decision event`);
    assert.equal(c.awaiting_information, false, `${at}: not awaiting information`);
  } else {
    assert.fail(`${at}: status ${c.status} cannot be reached by this workload`);
  }
  if (c.triage) {
    assert.equal(c.triage.at, c.timeline.find((e) => e.event.startsWith('triaged_')).at, `${at}: triage.at is the decision's time`);
    assert.equal(c.triage.reasoning, c.timeline.find((e) => e.event.startsWith('triaged_')).text, `${at}: triage.reasoning is the decision's text`);
  }
  if (listed) {
    // The list and the case agree (they are read through different queries).
    for (const k of ['reference', 'status', 'domain', 'authority', 'urgent', 'phenomenon', 'summary', 'referring_org', 'awaiting_information', 'created_at', 'updated_at', 'version']) {
      assert.deepEqual(listed[k], c[k], `${at}: list item ${k}`);
    }
    assert.deepEqual(listed.persons, c.persons.map((p) => pick(p, ['id', 'given_names', 'surname_prefix', 'surname'])), `${at}: list item persons`);
  }
}

// An acknowledged write must still be there, intact: its fields, at least its version, and the
// timeline it answered as a prefix of today's.
function assertAcked(c, acks) {
  const create = acks.find((a) => a.kind === 'create');
  for (const a of acks) {
    const at = `case ${c.id}: ${a.kind} acknowledged in round ${a.round} at version ${a.body.version}`;
    const { _input, _decision, ...was } = a.body;
    assert.ok(c.version >= was.version, `${at}: version went back to ${c.version}`);
    assert.deepEqual(c.timeline.slice(0, was.timeline.length), was.timeline, `${at}: the acknowledged timeline is a prefix of the stored one`);
    assert.deepEqual(pick(c, CASE_KEYS), pick(was, CASE_KEYS), `${at}: fields`);
    assert.deepEqual(c.persons, was.persons, `${at}: persons`);
    if (c.version === was.version) assert.deepEqual(c, was, `${at}: same version, same case`);
    if (a.kind === 'create') {
      for (const k of ['summary', 'phenomenon', 'urgent', 'source_details']) assert.equal(c[k], _input[k] ?? '', `${at}: ${k} as sent`);
      assert.deepEqual(c.persons.map((p) => pick(p, ['given_names', 'surname_prefix', 'surname', 'date_of_birth', 'function'])), _input.persons, `${at}: persons as sent`);
    }
    if (a.kind === 'triage') {
      const last = was.timeline.at(-1);
      assert.equal(last.event, _decision.outcome === 'more_information' ? 'information_requested' : `triaged_${_decision.outcome}`, `${at}: acknowledged event`);
      if (_decision.outcome !== 'more_information') {
        // A decision is final in this workload: status, domain, authority and triage stay.
        for (const k of ['status', 'domain', 'authority', 'triage']) assert.deepEqual(c[k], was[k], `${at}: ${k}`);
        if (_decision.district) assert.equal(c.authority.code, `om-${_decision.district}`, `${at}: district`);
      }
    }
    if (a.kind === 'information') assert.equal(was.timeline.at(-1).event, 'information_supplied', `${at}: acknowledged event`);
  }
  assert.ok(create || acks.every((a) => a.kind !== 'create'), 'bookkeeping');
}

function sqliteFile() {
  return serverLib.DB_KIND === 'sqlite' && first.db.startsWith('sqlite:') ? first.db.slice('sqlite:'.length) : null;
}
function sql(file, query) {
  const r = spawnSync('sqlite3', ['-batch', '-bail', '-readonly', file, query], { encoding: 'utf8', timeout: 60000 });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout.trim();
}

const SIGNAL_KEYS = ['id', 'case_id', 'received_at', 'source_org', 'source_grade', 'info_grade', 'handling', 'handling_note', 'compartment', 'concreteness', 'text', 'subjects', 'recorded_by', 'created_at', 'version'];

// Threat information after a restart: every acknowledged signal, actor and gathering act is there
// as acknowledged; every stored signal is whole; each write has its one audit entry.
async function assertThreatInformation(srv, agent, amsCases, file) {
  const sess = await session(srv.base, 'analyst-ams');
  const stored = new Map();
  await parallel(amsCases, 8, async (id) => {
    const r = await request(srv.port, 'GET', `/api/v1/cases/${id}/signals`, { agent, sess });
    assert.equal(r.status, 200, `signals of case ${id}: ${r.text.slice(0, 200)}`);
    for (const s of r.body.items) {
      const at = `signal ${s.id} of case ${id}`;
      assert.equal(s.restricted, false, `${at}: the recording analyst reads it`);
      assert.ok(s.text && s.subjects.length >= 1 && s.source_org.code === 'politie-amsterdam', `${at}: whole: ${JSON.stringify(s)}`);
      stored.set(s.id, s);
    }
  });
  for (const [id, { body, input }] of ackedSignals) {
    const s = stored.get(id);
    assert.ok(s, `acknowledged signal ${id} is there`);
    assert.deepEqual(pick(s, SIGNAL_KEYS), pick(body, SIGNAL_KEYS), `signal ${id} as acknowledged`);
    assert.equal(s.text, input.text, `signal ${id}: text as sent`);
  }
  for (const [id, { body }] of ackedActors) {
    const r = await request(srv.port, 'GET', `/api/v1/actors/${id}`, { agent, sess });
    assert.equal(r.status, 200, `actor ${id}`);
    for (const k of ['id', 'kind', 'name', 'description', 'created_at', 'version']) assert.deepEqual(r.body[k], body[k], `actor ${id}: ${k}`);
  }
  const byPerson = new Map();
  for (const [id, a] of ackedActs) byPerson.set(a.person, [...(byPerson.get(a.person) || []), [id, a.body]]);
  for (const [person, acts] of byPerson) {
    const r = await request(srv.port, 'GET', `/api/v1/subjects/person/${person}/gathering`, { agent, sess });
    assert.equal(r.status, 200, `gathering of person ${person}`);
    assert.equal(r.body.total, r.body.acts.reduce((n, a) => n + a.intrusion, 0), `person ${person}: the running total is the sum of the stored acts`);
    for (const [id, body] of acts) assert.deepEqual(r.body.acts.find((a) => a.id === id), body, `gathering act ${id} as acknowledged`);
  }
  if (file) {
    for (const [table, action] of [['signals', 'signal.create'], ['actors', 'actor.create'], ['gathering_acts', 'gathering.create']]) {
      assert.equal(Number(sql(file, `SELECT count(*) FROM ${table}`)), Number(sql(file, `SELECT count(*) FROM audit_log WHERE action = '${action}' AND outcome = 'ok'`)), `one ${action} audit entry per row of ${table}`);
    }
    assert.equal(Number(sql(file, 'SELECT count(*) FROM signals')), stored.size, 'every stored signal belongs to a case of the organisation and was read back');
  }
}

const DECISION_FIXED = ['id', 'case_id', 'case_reference', 'authority_org', 'decided_by', 'decided_at', 'basis', 'assessment_id', 'threat_level', 'resistance_level', 'proportionality', 'tbp_view', 'legal_basis', 'review_date', 'below_package_reason', 'supersedes'];
const MEASURE_FIXED = ['id', 'case_id', 'type', 'executor_org', 'planned_at'];

// The chain after a restart: each case has at most one decision in force, and one exactly when it
// is under protection; open measures belong to it; every acknowledged decision, measure move and
// end is there as acknowledged (or moved on, with a higher version); one audit entry per write.
async function assertChain(srv, agent, file) {
  const sess = await session(srv.base, 'om-ams');
  const stored = new Map(); // measure id -> measure
  const storedDecisions = new Map();
  await parallel([...chainCases], 8, async (id) => {
    const at = `chain case ${id}`;
    const [c, ds, ms] = await Promise.all(['', '/decisions', '/measures'].map((p) => request(srv.port, 'GET', `/api/v1/cases/${id}${p}`, { agent, sess })));
    for (const res of [c, ds, ms]) assert.equal(res.status, 200, `${at}: ${res.text.slice(0, 200)}`);
    const inForce = ds.body.items.filter((d) => d.status === 'in_force');
    assert.equal(inForce.length, c.body.status === 'protection' ? 1 : 0, `${at} (${c.body.status}): decisions in force ${JSON.stringify(ds.body.items.map((d) => [d.id, d.status]))}`);
    if (c.body.status === 'assessment' || c.body.status === 'decision') assert.equal(ds.body.items.length, 0, `${at}: no decision before protection`);
    for (const d of ds.body.items) storedDecisions.set(d.id, d);
    for (const m of ms.body.items) {
      stored.set(m.id, m);
      if (m.status !== 'ended') assert.equal(m.decision_id, inForce[0]?.id, `${at}: open measure ${m.id} belongs to the decision in force`);
    }
    if (c.body.status === 'closed') assert.ok(ackedEnds.has(id) || c.body.timeline.at(-1).event === 'protection_ended', `${at}: closed by an end`);
  });
  for (const [id, { body }] of ackedDecisions) {
    const d = storedDecisions.get(id);
    assert.ok(d, `acknowledged decision ${id} is there`);
    assert.deepEqual(pick(d, DECISION_FIXED), pick(body, DECISION_FIXED), `decision ${id} as acknowledged`);
    assert.ok(d.version >= body.version, `decision ${id}: version went back`);
    if (d.version === body.version) assert.equal(d.status, body.status, `decision ${id}: same version, same status`);
  }
  for (const [id, { body }] of ackedMeasures) {
    const m = stored.get(id);
    assert.ok(m, `acknowledged measure ${id} is there`);
    assert.deepEqual(pick(m, MEASURE_FIXED), pick(body, MEASURE_FIXED), `measure ${id} as acknowledged`);
    assert.ok(m.version >= body.version, `measure ${id}: version went back (${m.version} < ${body.version})`);
    if (m.version === body.version) assert.deepEqual(m, body, `measure ${id}: same version, same measure`);
  }
  for (const [id] of ackedEnds) assert.ok(stored.size === 0 || [...stored.values()].filter((m) => m.case_id === id).every((m) => m.status === 'ended'), `case ${id} ended: every measure ended`);
  if (file) {
    const n = (q) => Number(sql(file, q));
    assert.equal(n('SELECT count(*) FROM decisions'), n("SELECT count(*) FROM audit_log WHERE action = 'decision.create' AND outcome = 'ok'"), 'one decision.create audit entry per decision');
    assert.equal(n("SELECT count(*) FROM case_events WHERE actor_username = 'lead-ams' AND event LIKE 'measure\\_%' ESCAPE '\\'"), n("SELECT count(*) FROM audit_log WHERE action = 'measure.update' AND outcome = 'ok'"), 'one measure.update audit entry per execution event');
    assert.equal(n("SELECT count(*) FROM case_events WHERE event = 'protection_ended'"), n("SELECT count(*) FROM audit_log WHERE action = 'case.end' AND outcome = 'ok'"), 'one case.end audit entry per end');
    assert.equal(n("SELECT count(*) FROM aftercare"), n("SELECT count(*) FROM case_events WHERE event = 'protection_ended'"), 'an aftercare contact per end');
  }
}

test(`${ROUNDS} rounds of SIGKILL under concurrent writes lose nothing acknowledged`, { timeout: 170000 }, async () => {
  first = await serverLib.startServer({ users: CAST });
  const db = first.db;
  for (let round = 1; round <= ROUNDS; round++) {
    const t0 = Date.now();
    // Round 1 writes to the server tests/lib/server.mjs started; every later round to the one
    // restarted after the previous kill (and verified).
    if (round === 1) current = { port: first.port, proc: first.proc, log: first.log, kill: () => new Promise((res) => { if (first.proc.exitCode !== null || first.proc.signalCode !== null) return res(); first.proc.once('exit', res); first.proc.kill('SIGKILL'); }) };
    // 10 clients: four referrers (two per organisation), two triage officers, a referrer that
    // answers, the reader, an analyst recording threat information, and the authority's chain.
    const who = [['ref-ams', 'referrer'], ['ref-rdam', 'referrer'], ['ref-ams', 'referrer'], ['ref-rdam', 'referrer'], ['triage1', 'triage'], ['triage2', 'triage'], ['ref-ams', 'referrer'], ['reader-ams', 'reader'], ['analyst-ams', 'daf'], ['om-ams', 'chain']];
    const sessions = [];
    const base = `http://127.0.0.1:${current.port}`;
    for (const [u] of who) sessions.push(await session(base, u));
    const chain = sessions.at(-1);
    chain.cast = {};
    for (const [k, u] of Object.entries({ ref: 'ref-ams', triage: 'triage3', author: 'analyst-ams2', reviewer: 'analyst-ams3', authority: 'om-ams', lead: 'lead-ams' })) chain.cast[k] = await session(base, u);
    const killAt = rng.between(...KILL_AFTER_MS);
    const clientSeeds = who.map(() => rng.int(2 ** 32));
    const ackedBefore = [...acked.values()].reduce((n, a) => n + a.length, 0);
    const readsBefore = ackedReadTotal;
    const deadline = Date.now() + killAt + 30000; // the kill ends the clients; this only bounds them
    const clients = who.map(([, role], i) => client(current, sessions[i], role, prng(clientSeeds[i]), round, deadline));
    await sleep(killAt);
    // It must still be running: a server that died by itself is not a crash we caused.
    assert.ok(current.proc.exitCode === null && current.proc.signalCode === null, `round ${round}: the server died before the kill (${current.proc.exitCode ?? current.proc.signalCode}):\n${current.log().slice(-3000)}`);
    await current.kill();
    assert.deepEqual(sanitizerReports(current.log()), [], `round ${round}: sanitizer reports`);
    const ends = await Promise.all(clients);
    assert.ok(ends.every((e) => e.ended !== 'deadline'), `every client ended with the server: ${JSON.stringify(ends)}`);
    assert.deepEqual(unexpected, [], 'answers while the server was up');
    const file = sqliteFile();
    // The audit trail as the crash left it: intact, and every acknowledged read is in it
    // (reads are answered only once their audit entry is durable).
    const verify = schildSync(['audit', 'verify', '--db', db]);
    assert.equal(verify.status, 0, `audit verify after the kill: ${verify.stdout}${verify.stderr}`);
    if (file) {
      const counts = new Map(sql(file, "SELECT object_id, count(*) FROM audit_log WHERE action = 'case.read' AND username = 'reader-ams' AND outcome = 'ok' GROUP BY object_id").split('\n').filter(Boolean).map((l) => l.split('|').map(Number)));
      for (const [id, n] of ackedReads) assert.ok((counts.get(id) || 0) >= n, `case ${id}: ${n} acknowledged reads by reader-ams, ${counts.get(id) || 0} in the audit trail`);
    }

    // Restart on the same database and look at everything.
    current = await serve(db);
    spawned.push(current);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    const viewers = {};
    for (const [org, u] of Object.entries(REFERRER_OF)) viewers[org] = await session(current.base, u);
    const listed = new Map();
    for (const [org, sess] of Object.entries(viewers)) {
      for (const item of await listAll(current, sess, agent)) {
        if (item.referring_org.code !== org) {
          // Visible as the district's threat analysis function: a local case of its district.
          assert.ok(item.domain === 'local' && item.authority.code === `om-${org.replace(/^politie-/, '')}`, `case ${item.id} listed for ${sess.username}`);
          continue;
        }
        assert.ok(!listed.has(item.id), `case ${item.id} listed twice`);
        listed.set(item.id, item);
      }
    }
    const ids = [...listed.keys()].sort((a, b) => a - b);
    for (const id of acked.keys()) assert.ok(listed.has(id), `acknowledged case ${id} is listed`);
    if (file) {
      // Rowids without AUTOINCREMENT: a gap would be a committed case that disappeared.
      assert.deepEqual(ids, Array.from({ length: ids.length }, (_, i) => i + 1), 'case ids are 1..n without gaps');
      // Each case's create audit entry was written in the case's own transaction.
      assert.equal(Number(sql(file, "SELECT count(*) FROM audit_log WHERE action = 'case.create' AND outcome = 'ok'")), ids.length, 'one case.create audit entry per case');
      assert.equal(Number(sql(file, "SELECT count(*) FROM audit_log WHERE action = 'case.triage' AND outcome = 'ok'")), Number(sql(file, "SELECT count(*) FROM case_events WHERE event LIKE 'triaged\\_%' ESCAPE '\\' OR event = 'information_requested'")), 'one case.triage audit entry per triage event');
    }
    const persons = new Set();
    await parallel(ids, 8, async (id) => {
      const item = listed.get(id);
      const r = await request(current.port, 'GET', `/api/v1/cases/${id}`, { agent, sess: viewers[item.referring_org.code] });
      assert.equal(r.status, 200, `GET case ${id}: ${r.status} ${r.text.slice(0, 200)}`);
      assertWhole(r.body, item);
      if (acked.has(id)) assertAcked(r.body, acked.get(id));
      for (const p of r.body.persons) persons.add(`${p.id}:${item.referring_org.code}:${id}`);
    });
    // Every person of every case is readable and lists that case.
    await parallel([...persons], 8, async (key) => {
      const [pid, org, caseId] = key.split(':');
      const r = await request(current.port, 'GET', `/api/v1/persons/${pid}`, { agent, sess: viewers[org] });
      assert.equal(r.status, 200, `GET person ${pid}: ${r.status} ${r.text.slice(0, 200)}`);
      assert.ok(r.body.cases.some((c) => c.id === Number(caseId)), `person ${pid} lists case ${caseId}`);
    });
    await assertThreatInformation(current, agent, ids.filter((id) => listed.get(id).referring_org.code === 'politie-amsterdam'), file);
    await assertChain(current, agent, file);
    agent.destroy();
    const verify2 = schildSync(['audit', 'verify', '--db', db]);
    assert.equal(verify2.status, 0, `audit verify after the restart: ${verify2.stdout}${verify2.stderr}`);
    const ackedNow = [...acked.values()].reduce((n, a) => n + a.length, 0);
    const byKind = {};
    for (const a of [...acked.values()].flat().filter((x) => x.round === round)) byKind[a.kind] = (byKind[a.kind] || 0) + 1;
    const dafThisRound = [ackedSignals, ackedActors, ackedActs, ackedDecisions, ackedMeasures, ackedEnds].map((m) => [...m.values()].filter((x) => x.round === round).length);
    const summary = { round, killAfterMs: Math.round(killAt), ackedWrites: ackedNow - ackedBefore, ...byKind, signals: dafThisRound[0], actors: dafThisRound[1], gathering: dafThisRound[2], decisions: dafThisRound[3], measureStates: dafThisRound[4], ends: dafThisRound[5], ackedReads: ackedReadTotal - readsBefore, casesStored: ids.length, unacknowledgedButStored: ids.filter((id) => !acked.has(id)).length, roundMs: Date.now() - t0 };
    rounds.push(summary);
    console.log(`# ${JSON.stringify(summary)} ${verify2.stdout.trim()}`);
  }
  // The last server stops cleanly, and the trail is intact after that too.
  const { code, signal } = await current.stop();
  assert.deepEqual(sanitizerReports(current.log()), [], 'sanitizer reports');
  current = null;
  assert.equal(signal, null);
  assert.equal(code, 0, 'clean shutdown');
  const verify = schildSync(['audit', 'verify', '--db', db]);
  assert.equal(verify.status, 0, `audit verify at the end: ${verify.stdout}${verify.stderr}`);
  // The test proves something only if the rounds wrote something and were cut in the middle.
  const total = rounds.reduce((n, r) => n + r.ackedWrites, 0);
  assert.ok(total >= ROUNDS * 5, `enough acknowledged writes to be meaningful (${total})`);
  assert.ok(rounds.filter((r) => r.triage > 0).length >= 1, 'some triage was acknowledged');
  assert.ok(rounds.some((r) => r.signals > 0), 'some signals were acknowledged');
  assert.ok(rounds.some((r) => r.decisions > 0), 'some decisions were acknowledged');
});

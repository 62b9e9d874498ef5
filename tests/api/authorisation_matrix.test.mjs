// The authorisation matrix test (issue 7, item 10): every route of the real route table
// (`schild routes`) is called as every principal of tests/api/authorisation_matrix.mjs (every
// role, the same role in another organisation, anonymous) on a fixture world built through the
// API, and the answer's class (allow / forbidden / hidden / unauthenticated) is compared with the
// declared matrix. A route without a row fails by name, so a new route cannot ship without its
// rule.
//
// Writes are made harmless rather than ordered: most handlers check need-to-know and role before
// the body, so an empty body gets 403/404 from those who may not and 400 (allow: the handler got
// past authorisation) from those who may. The handlers that validate first get a valid body whose
// effect changes no other expectation (a new actor, gathering act, order or release request; the
// one release decision: the first allowed caller decides, the others then get 409, also allow).
// Logging out uses a fresh session per principal.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client, PASSWORD, SCHILD, schild, startServer, loggedIn, sampleCase, isPostgres } from '../lib/server.mjs';
import { dbQuery, isoDay } from './util.mjs';
import { spawnSync } from 'node:child_process';
import { MATRIX, PRINCIPALS, PRINCIPAL_USERS, TOKEN } from './authorisation_matrix.mjs';

// Helpers that build the fixture but are no column of the matrix.
const HELPERS = [['m-analyst2', 'analyst', 'politie-amsterdam']];

const CONCURRENCY = 16;

// A partner system: every request carries the API token, never a cookie or CSRF token.
class TokenClient extends Client {
  constructor(base, token) { super(base); this.token = token; }
  request(method, path, body, opts = {}) {
    return super.request(method, path, body, { ...opts, headers: { ...opts.headers, authorization: `Bearer ${this.token}` } });
  }
}

function createToken(db) {
  const out = schild(['token', 'create', '--db', db, '--org', TOKEN.org, '--scope', TOKEN.scope, '--label', 'matrix']);
  const token = /^schild_[A-Za-z0-9_-]{43}$/m.exec(out)?.[0];
  assert.ok(token, `schild token create: ${out}`);
  return token;
}

function routeTable() {
  const r = spawnSync(SCHILD, ['routes'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `schild routes: ${r.stderr}`);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l));
}

function classOf(status) {
  if (status >= 200 && status < 300) return 'allow';
  if (status === 400 || status === 409 || status === 422) return 'allow';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'hidden';
  return `other ${status}`;
}

async function pool(tasks, n) {
  const results = new Array(tasks.length);
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  }));
  return results;
}

const signalBody = (overrides = {}) => ({
  received_at: isoDay(-1), source_org: 'politie-amsterdam', source_grade: 'B', info_grade: '2', handling: 'H0',
  compartment: 'police', concreteness: 'concrete', text: 'Groep Zwartwater verkent de woning van de rechter.',
  ...overrides,
});

describe('authorisation matrix', () => {
  let server, routes;
  const u = {}; // principal (and helper) name -> logged-in client
  const fx = {}; // fixture ids by the `on` names of the matrix

  const sql = (text) => dbQuery(server.db, isPostgres(server.db) ? text : `.timeout 5000\n${text}`).trim();
  const releaseVersion = () => Number(sql(`SELECT version FROM release_requests WHERE id = ${fx.release};`));
  const ok = (r, status, what) => assert.equal(r.status, status, `${what}: ${r.status} ${JSON.stringify(r.body)}`);
  async function post(who, path, body, status = 201) {
    const r = await u[who].post(path, body);
    ok(r, status, `${who} POST ${path}`);
    return r.body;
  }
  async function refer(surname) {
    return post('referrer', '/api/v1/cases', sampleCase({
      summary: `Bedreiging van een rechter (${surname})`,
      persons: [{ given_names: 'Anna', surname, date_of_birth: '1968-05-02', function: 'rechter' }],
    }));
  }
  async function draft(who, caseId, extra = {}) {
    return post(who, `/api/v1/cases/${caseId}/assessments`, {
      product: 'DI', seriousness: 4, likelihood: 3, resistance_level: 2, reasoning: 'Aanhoudende dreiging', ...extra });
  }

  async function buildFixture() {
    const referred = await refer('Intake');
    fx.referredCase = referred.id;

    const main = await refer('Hoofdzaak');
    fx.person = main.persons[0].id;
    const triaged = await u.triage.post(`/api/v1/cases/${main.id}/triage`,
      { outcome: 'local', district: 'amsterdam', reasoning: 'Lokaal', version: main.version });
    ok(triaged, 200, 'triage');
    assert.equal(triaged.body.authority.org, 'om-amsterdam', 'the fixture needs om-amsterdam as the authority');
    fx.mainCase = main.id;

    // Final DI: the analyst principal writes, a second analyst approves (four eyes).
    const d = await draft('analyst', main.id);
    const s = await post('analyst', `/api/v1/assessments/${d.id}/submit`, { version: d.version }, 200);
    const a = await post('m-analyst2', `/api/v1/assessments/${d.id}/approve`, { version: s.version, comment: 'Akkoord' }, 200);
    fx.finalAssessment = a.id;

    const c = (await u.authority.get(`/api/v1/cases/${main.id}`)).body;
    const measure = (type, executor_org) => ({ type, executor_org, start: isoDay(1) });
    const decision = await post('authority', `/api/v1/cases/${main.id}/decisions`, {
      measures: [measure('security_advice', 'politie-amsterdam'), measure('obe_measures', 'politie-le'),
        measure('alarm_priority_response', 'politie-amsterdam')],
      proportionality: 'Noodzakelijk en evenredig gezien de dreiging', tbp_view: 'Betrokkene stemt in',
      legal_basis: 'Artikel 12 Politiewet 2012', version: c.version });
    fx.decision = decision.id;
    fx.measure = decision.measures.find((m) => m.executor_org === 'politie-amsterdam').id;

    // Threat information on the main case.
    fx.actor = (await post('analyst', '/api/v1/actors', { kind: 'group', name: 'Zwartwater', description: 'Groep' })).id;
    fx.signal = (await post('analyst', `/api/v1/cases/${main.id}/signals`, signalBody({
      subjects: [{ kind: 'person', id: fx.person }, { kind: 'actor', id: fx.actor }] }))).id;
    const h2 = await post('analyst', `/api/v1/cases/${main.id}/signals`, signalBody({ handling: 'H2', text: 'Alleen voor de eenheid.' }));
    const release = await post('authority', `/api/v1/signals/${h2.id}/release-requests`, { reason: 'Nodig voor het besluit' });
    fx.release = release.id;

    // Assessments still open: a draft of the analyst principal, a submitted one of a colleague.
    fx.draftAssessment = (await draft('analyst', main.id, { product: 'DA' })).id;
    const other = await draft('m-analyst2', main.id);
    fx.submittedAssessment = (await post('m-analyst2', `/api/v1/assessments/${other.id}/submit`, { version: other.version }, 200)).id;

    fx.object = (await post('referrer', '/api/v1/objects', { kind: 'court', name: 'Rechtbank Amsterdam',
      address: 'Parnassusweg 280, Amsterdam', municipality: 'gemeente-amsterdam' })).id;
    fx.service = (await post('referrer', '/api/v1/services', { name: 'Herdenking', venue: 'De Dam, Amsterdam',
      starts_on: isoDay(20), ends_on: isoDay(20), municipality: 'gemeente-amsterdam' })).id;

    // A break-glass grant, on a case of its own (a grant makes that case visible to its holder).
    if (routes.some((r) => r.pattern === '/api/v1/oversight/break-glass/{id}/review')) {
      const glass = await refer('Breekglas');
      fx.grant = (await post('referrer@other', `/api/v1/cases/${glass.id}/break-glass`,
        { reason: 'Melding van een acute dreiging buiten kantooruren' })).id;
    }
  }

  // The body of a write that validates before it authorises: valid, and harmless to the rest.
  const gatheringAct = { method: 'open_source_check', legal_basis: 'Artikel 3 Politiewet 2012', duration_days: 1,
    justification: 'Matrixtest' };
  const order = { scope: 'Observatie', until: isoDay(30), reasoning: 'Matrixtest' };
  const BODIES = {
    'POST /api/v1/signals/{id}/release-requests': () => ({ reason: 'Matrixtest' }),
    // The version as it is now: the first allowed caller decides, and whoever comes after must
    // still reach the role check (which follows the version check) rather than a stale 409.
    'POST /api/v1/release-requests/{id}/decision': () => ({ decision: 'refuse', note: 'Matrixtest', version: releaseVersion() }),
    'POST /api/v1/actors': () => ({ kind: 'person', name: 'Matrixtest' }),
    'POST /api/v1/subjects/person/{id}/gathering': () => gatheringAct,
    'POST /api/v1/subjects/actor/{id}/gathering': () => gatheringAct,
    'POST /api/v1/subjects/person/{id}/orders': () => order,
    'POST /api/v1/subjects/actor/{id}/orders': () => order,
  };
  const QUERIES = {
    'GET /api/v1/search': '?q=Zwartwater',
    'GET /api/v1/oversight/access': () => `?object_type=case&object_id=${fx.mainCase}`,
  };

  // One call of route as principal; answers the status and the problem code.
  async function call(route, principal) {
    const key = `${route.method} ${route.pattern}`;
    const rule = MATRIX[key];
    const query = QUERIES[key];
    let path = route.pattern + (typeof query === 'function' ? query() : query || '');
    if (path.includes('{id}')) path = path.replace('{id}', String(fx[rule.on]));
    const write = route.method !== 'GET';
    let client = u[principal] || new Client(server.base);
    let body = write ? (BODIES[key] ? BODIES[key]() : {}) : undefined;
    if (key === 'POST /api/v1/session') {
      // Logging in: a fresh client (the principal's session stays), with its own credentials.
      client = new Client(server.base);
      if (principal === 'token') client = u.token; // the header is sent; the route is public
      body = PRINCIPAL_USERS[principal] ? { username: PRINCIPAL_USERS[principal][0], password: PASSWORD } : {};
    } else if (key === 'DELETE /api/v1/session' && PRINCIPAL_USERS[principal]) {
      client = await loggedIn(server, PRINCIPAL_USERS[principal][0]);
    }
    const r = await client.request(route.method, path, body);
    return { status: r.status, code: r.body && typeof r.body === 'object' ? r.body.code : undefined };
  }

  before(async () => {
    routes = routeTable();
    server = await startServer({ users: [...Object.values(PRINCIPAL_USERS), ...HELPERS] });
    const names = [...Object.keys(PRINCIPAL_USERS), ...HELPERS.map((h) => h[0])];
    const users = Object.fromEntries([...Object.entries(PRINCIPAL_USERS).map(([p, [n]]) => [p, n]), ...HELPERS.map((h) => [h[0], h[0]])]);
    const clients = await Promise.all(names.map((n) => loggedIn(server, users[n])));
    names.forEach((n, i) => { u[n] = clients[i]; });
    u.token = new TokenClient(server.base, createToken(server.db));
    await buildFixture();
  });
  // MATRIX_LOG=1: the server's log after the run (a crash in the fixture shows up there).
  after(async () => { if (process.env.MATRIX_LOG) console.log(server?.log()); await server?.stop(); });

  test('every route of the table has a row, every row a route', () => {
    const keys = routes.map((r) => `${r.method} ${r.pattern}`);
    const missing = keys.filter((k) => !(k in MATRIX));
    assert.deepEqual(missing, [], `routes without a row in tests/api/authorisation_matrix.mjs: ${missing.join(', ')}`);
    const stale = Object.keys(MATRIX).filter((k) => !keys.includes(k));
    assert.deepEqual(stale, [], `rows for routes that no longer exist: ${stale.join(', ')}`);
    for (const k of keys) {
      const rule = MATRIX[k];
      assert.deepEqual(Object.keys(rule.expect).sort(), [...PRINCIPALS].sort(), `${k}: a class for every principal`);
      assert.equal(k.includes('{id}'), Boolean(rule.on), `${k}: a fixture for {id}`);
      if (rule.on) assert.ok(fx[rule.on], `${k}: the fixture has a ${rule.on}`);
      const route = routes.find((r) => `${r.method} ${r.pattern}` === k);
      assert.equal(rule.expect.anonymous !== 'unauthenticated', route.public, `${k}: anonymous matches the table's auth`);
      // Outside its scope a token gets 403 before the handler runs; inside, the handler decides.
      if (!route.public && !route.token_scopes.includes(TOKEN.scope))
        assert.equal(rule.expect.token, 'forbidden', `${k}: not in the token's scope, so 403`);
    }
  });

  test('every route answers every principal as the matrix declares', async () => {
    const tasks = [];
    for (const route of routes) {
      const key = `${route.method} ${route.pattern}`;
      if (!(key in MATRIX)) continue; // the test above names it
      for (const p of PRINCIPALS) tasks.push(async () => ({ key, p, ...(await call(route, p)) }));
    }
    const results = await pool(tasks, CONCURRENCY);
    // MATRIX_DUMP=1: every call's answer, to see what the matrix is up against.
    if (process.env.MATRIX_DUMP) for (const x of results) console.log('DUMP', x.key, x.p, x.status, x.code);
    const mismatches = results.filter((x) => classOf(x.status) !== MATRIX[x.key].expect[x.p]);
    if (mismatches.length) {
      const w = Math.max(...mismatches.map((m) => m.key.length));
      const lines = mismatches.map((m) => `${m.key.padEnd(w)}  ${m.p.padEnd(22)} expected ${MATRIX[m.key].expect[m.p].padEnd(15)} got ${m.status} ${m.code || ''}`);
      assert.fail(`${mismatches.length} of ${results.length} calls differ from the matrix:\n${lines.join('\n')}`);
    }
    assert.equal(results.length, routes.length * PRINCIPALS.length, 'every route called (rows missing: see above)');
  });
});

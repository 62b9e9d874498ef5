// Health, the OpenAPI document, routing errors and the security headers every answer carries.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, loggedIn } from '../lib/server.mjs';
import { assertProblem, rawHttp } from './util.mjs';

// Every route of docs/API.md, as [method, path].
const ROUTES = [
  ['get', '/api/v1/health'],
  ['post', '/api/v1/session'],
  ['get', '/api/v1/session'],
  ['delete', '/api/v1/session'],
  ['post', '/api/v1/cases'],
  ['get', '/api/v1/cases'],
  ['get', '/api/v1/cases/{id}'],
  ['post', '/api/v1/cases/{id}/triage'],
  ['post', '/api/v1/cases/{id}/information'],
  ['get', '/api/v1/persons/{id}'],
  ['get', '/api/v1/orgs'],
  ['get', '/api/v1/openapi.json'],
];

describe('health and protocol', () => {
  let server;
  before(async () => { server = await startServer(); });
  after(async () => { await server?.stop(); });

  test('GET /api/v1/health answers 200 {status: ok, version} without a session', async () => {
    const r = await new Client(server.base).get('/api/v1/health');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^application\/json/);
    assert.equal(r.body.status, 'ok');
    assert.match(r.body.version, /^\d+\.\d+\.\d+/);
  });

  test('every response carries CSP (frame-ancestors none, no unsafe-inline), nosniff, no-referrer; /api/ ones no-store', async () => {
    const anon = new Client(server.base);
    const user = await loggedIn(server, 'ref-ams');
    const responses = {
      'GET /api/v1/health': await anon.get('/api/v1/health'),
      'GET /api/v1/openapi.json': await anon.get('/api/v1/openapi.json'),
      'GET /api/v1/does-not-exist (404)': await anon.get('/api/v1/does-not-exist'),
      'PUT /api/v1/health (405)': await anon.request('PUT', '/api/v1/health', {}),
      'GET /api/v1/cases without session (401)': await anon.get('/api/v1/cases'),
      'POST /api/v1/session wrong password (401)': await anon.post('/api/v1/session', { username: 'ref-ams', password: 'nope' }),
      'POST /api/v1/session (200)': await new Client(server.base).post('/api/v1/session', { username: 'ref-rdam', password: 'correct horse battery staple' }),
      'GET /api/v1/cases (200)': await user.get('/api/v1/cases'),
      'POST /api/v1/cases malformed (400)': await user.request('POST', '/api/v1/cases', '{', { raw: true }),
      'GET / (UI)': await anon.get('/'),
    };
    const conflict = await rawHttp(server.port,
      `POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n`);
    responses['POST /api/v1/session with Content-Length and Transfer-Encoding (400)'] = conflict;
    for (const [what, r] of Object.entries(responses)) {
      const csp = r.headers.get('content-security-policy') || '';
      assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP "${csp}"`);
      assert.doesNotMatch(csp, /unsafe-inline/, `${what}: CSP "${csp}"`);
      assert.match(csp, /(default|script)-src/, `${what}: CSP restricts scripts "${csp}"`);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff', what);
      assert.equal(r.headers.get('referrer-policy'), 'no-referrer', what);
      if (what.includes('/api/')) assert.match(r.headers.get('cache-control') || '', /no-store/, `${what}: Cache-Control`);
    }
  });

  test('GET /api/v1/openapi.json is an OpenAPI 3.x JSON document listing every route of docs/API.md', async () => {
    const res = await fetch(`${server.base}/api/v1/openapi.json`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^application\/(vnd\.oai\.openapi\+)?json/);
    const doc = JSON.parse(await res.text());
    assert.match(String(doc.openapi), /^3\.\d+\.\d+$/);
    assert.equal(typeof doc.info?.title, 'string');
    assert.equal(typeof doc.paths, 'object');
    // Paths may be relative to servers[0].url (e.g. "/api/v1"); path parameters may be named freely.
    const prefix = doc.servers?.[0]?.url ? new URL(doc.servers[0].url, 'http://x').pathname.replace(/\/$/, '') : '';
    const norm = (p) => (p.startsWith('/api/') ? p : prefix + p).replace(/\{[^}]+\}/g, '{}');
    const have = new Set();
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const m of Object.keys(item)) have.add(`${m.toLowerCase()} ${norm(p)}`);
    }
    const missing = ROUTES.map(([m, p]) => `${m} ${p.replace(/\{[^}]+\}/g, '{}')}`).filter((k) => !have.has(k));
    assert.deepEqual(missing, [], `routes missing from openapi.json; present: ${[...have].join(', ')}`);
  });

  test('an unknown route answers 404 not_found as problem+json', async () => {
    const anon = new Client(server.base);
    const r = await anon.get('/api/v1/does-not-exist');
    assertProblem(r, 404, 'not_found');
    assert.equal(r.body.type, 'urn:schild:problem:not_found');
    assert.equal(typeof r.body.title, 'string');
    const user = await loggedIn(server, 'ref-ams');
    assertProblem(await user.get('/api/v1/cases/1/nonsense'), 404, 'not_found', 'GET /cases/1/nonsense');
    assertProblem(await user.get('/api/v1/casesx'), 404, 'not_found', 'GET /casesx');
  });

  test('a known route with a wrong method answers 405 method_not_allowed with an Allow header', async () => {
    const anon = new Client(server.base);
    const r = await anon.request('PUT', '/api/v1/health', {});
    assertProblem(r, 405, 'method_not_allowed', 'PUT /health');
    assert.match(r.headers.get('allow') || '', /GET/, 'Allow header on 405 (RFC 9110 §15.5.6)');
    assertProblem(await anon.request('DELETE', '/api/v1/openapi.json'), 405, 'method_not_allowed', 'DELETE /openapi.json');
    const user = await loggedIn(server, 'ref-ams');
    assertProblem(await user.request('DELETE', '/api/v1/cases'), 405, 'method_not_allowed', 'DELETE /cases');
    assertProblem(await user.request('PUT', '/api/v1/orgs', {}), 405, 'method_not_allowed', 'PUT /orgs');
  });

  test('the server keeps answering after protocol errors', async () => {
    const r = await new Client(server.base).get('/api/v1/health');
    assert.equal(r.status, 200);
  });
});

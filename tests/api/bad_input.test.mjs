// Hostile and broken input, as a table: each case is a request and the answer it must get.
// Every request is sent byte for byte over a raw socket, so that nothing (fetch, JSON.stringify)
// cleans it up on the way. Afterwards nothing may have been stored and the server must still serve.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, sampleCase } from '../lib/server.mjs';
import { assertProblem, rawHttp, caseTotal, isoDay } from './util.mjs';

const KiB = 1024;
const person = (o = {}) => ({ given_names: 'Jan', surname: 'Berg', date_of_birth: '1971-03-14', ...o });
const withPerson = (o) => sampleCase({ persons: [person(o)] });
const without = (obj, key) => { const c = { ...obj }; delete c[key]; return c; };
const nested = (depth) => '['.repeat(depth) + ']'.repeat(depth);
// A valid case whose summary is replaced by raw JSON text (for bytes JSON.stringify would escape).
const caseWithRawSummary = (rawValue) => {
  const marker = '@@SUMMARY@@';
  return Buffer.concat(JSON.stringify(sampleCase({ summary: marker })).split(`"${marker}"`)
    .flatMap((part, i) => (i ? [rawValue, Buffer.from(part)] : [Buffer.from(part)])));
};
// A case body of exactly `size` bytes (summary padded).
const caseOfSize = (size) => {
  const base = JSON.stringify(sampleCase({ summary: '' }));
  return JSON.stringify(sampleCase({ summary: 'x'.repeat(size - base.length) }));
};
const utf8 = (s) => Buffer.from(s, 'latin1'); // bytes exactly as written

// expect: status (number or list), code (string or list), field (errors[].field that must be named).
const CASES = [
  // Not JSON at all.
  { name: 'truncated JSON', body: '{"summary": ', expect: { status: 400, code: 'malformed_json' } },
  { name: 'unquoted keys', body: '{summary: "x"}', expect: { status: 400, code: 'malformed_json' } },
  { name: 'single quotes', body: "{'summary': 'x'}", expect: { status: 400, code: 'malformed_json' } },
  { name: 'trailing garbage after the object', body: JSON.stringify(sampleCase()) + ' x', expect: { status: 400, code: 'malformed_json' } },
  { name: 'two objects', body: JSON.stringify(sampleCase()) + JSON.stringify(sampleCase()), expect: { status: 400, code: 'malformed_json' } },
  { name: 'empty body', body: '', expect: { status: 400, code: 'malformed_json' } },
  // JSON, but not an object.
  { name: 'body is an array', body: '[]', expect: { status: [400, 422] } },
  { name: 'body is an array of a valid case', body: JSON.stringify([sampleCase()]), expect: { status: [400, 422] } },
  { name: 'body is a string', body: '"case"', expect: { status: [400, 422] } },
  { name: 'body is null', body: 'null', expect: { status: [400, 422] } },
  { name: 'body is a number', body: '42', expect: { status: [400, 422] } },
  // Size.
  { name: 'body of 64 KiB + 1 byte', body: caseOfSize(64 * KiB + 1), expect: { status: 413, code: 'body_too_large' } },
  // The server answers 413 as soon as the headers announce too much and closes; a client still
  // writing the megabyte may see the reset before it reads the answer (issue 4: "a clean 4xx or
  // closed"). Nothing may be stored either way (checked after the table).
  { name: 'body of 1 MiB', body: caseOfSize(1024 * KiB), expect: { status: 413, code: 'body_too_large', orClosed: true } },
  { name: 'Content-Length announcing 100 MiB', wire: (ctx) => requestHead(ctx, 'POST', '/api/v1/cases', { 'Content-Type': 'application/json', 'Content-Length': String(100 * 1024 * KiB) }) + '{', expect: { status: 413, code: 'body_too_large' } },
  { name: 'chunked body over 64 KiB', wire: (ctx) => requestHead(ctx, 'POST', '/api/v1/cases', { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }) + chunked(caseOfSize(70 * KiB)), expect: { status: 413, code: 'body_too_large' } },
  { name: 'body of exactly 64 KiB is read (then refused for the long summary)', body: caseOfSize(64 * KiB), expect: { status: 422, code: 'validation_failed', field: 'summary' } },
  // Depth.
  { name: 'nesting depth 10000', body: nested(10000), expect: { status: 400, code: 'malformed_json' } },
  { name: 'nesting depth 10000 inside a field', body: `{"summary": ${nested(10000)}, "phenomenon": "other", "urgent": false, "persons": []}`, expect: { status: 400, code: 'malformed_json' } },
  { name: 'nesting depth 17 (limit 16)', body: `{"summary": ${nested(16)}}`, expect: { status: 400, code: 'malformed_json' } },
  { name: 'nesting depth 16 is parsed (then refused for the wrong type)', body: JSON.stringify(sampleCase({ summary: JSON.parse(nested(15)) })), expect: { status: 422, code: 'validation_failed', field: 'summary' } },
  // Unknown fields.
  { name: 'unknown top-level field', body: { ...sampleCase(), colour: 'red' }, expect: { status: 400, code: 'unknown_field', field: 'colour' } },
  { name: 'unknown field inside persons[]', body: sampleCase({ persons: [person(), person({ nickname: 'Jantje' })] }), expect: { status: 400, code: 'unknown_field', field: 'persons[1].nickname' } },
  { name: 'server-owned field sent by the client (status)', body: { ...sampleCase(), status: 'closed' }, expect: { status: 400, code: 'unknown_field', field: 'status' } },
  { name: 'server-owned field sent by the client (id)', body: { ...sampleCase(), id: 1 }, expect: { status: 400, code: 'unknown_field', field: 'id' } },
  { name: 'unknown field in a triage', as: 'triage', path: (ctx) => `/api/v1/cases/${ctx.t.id}/triage`, body: (ctx) => ({ outcome: 'national', reasoning: 'x', version: ctx.t.version, priority: 'high' }), expect: { status: 400, code: 'unknown_field', field: 'priority' } },
  { name: 'unknown field in a login', as: 'anon', path: '/api/v1/session', body: { username: 'ref-ams', password: 'x', remember: true }, expect: { status: 400, code: 'unknown_field', field: 'remember' } },
  // Wrong types.
  { name: 'urgent as "yes"', body: sampleCase({ urgent: 'yes' }), expect: { status: 422, code: 'validation_failed', field: 'urgent' } },
  { name: 'urgent as 1', body: sampleCase({ urgent: 1 }), expect: { status: 422, code: 'validation_failed', field: 'urgent' } },
  { name: 'persons as an object', body: sampleCase({ persons: person() }), expect: { status: 422, code: 'validation_failed', field: 'persons' } },
  { name: 'a person as a string', body: sampleCase({ persons: ['Jan Berg'] }), expect: { status: 422, code: 'validation_failed', field: 'persons[0]' } },
  { name: 'summary as a number', body: sampleCase({ summary: 12345 }), expect: { status: 422, code: 'validation_failed', field: 'summary' } },
  { name: 'phenomenon as null', body: sampleCase({ phenomenon: null }), expect: { status: 422, code: 'validation_failed', field: 'phenomenon' } },
  { name: 'date_of_birth as a number', body: withPerson({ date_of_birth: 19710314 }), expect: { status: 422, code: 'validation_failed', field: 'persons[0].date_of_birth' } },
  { name: 'person_id as a string', body: sampleCase({ persons: [{ person_id: '1' }] }), expect: { status: 422, code: 'validation_failed', field: 'persons[0].person_id' } },
  { name: 'version as a string', as: 'triage', path: (ctx) => `/api/v1/cases/${ctx.t.id}/triage`, body: (ctx) => ({ outcome: 'national', reasoning: 'x', version: String(ctx.t.version) }), expect: { status: 422, code: 'validation_failed', field: 'version' } },
  { name: 'reasoning as a number', as: 'triage', path: (ctx) => `/api/v1/cases/${ctx.t.id}/triage`, body: (ctx) => ({ outcome: 'national', reasoning: 7, version: ctx.t.version }), expect: { status: 422, code: 'validation_failed', field: 'reasoning' } },
  // Missing fields.
  { name: 'missing summary', body: without(sampleCase(), 'summary'), expect: { status: 422, code: 'validation_failed', field: 'summary' } },
  { name: 'missing phenomenon', body: without(sampleCase(), 'phenomenon'), expect: { status: 422, code: 'validation_failed', field: 'phenomenon' } },
  { name: 'missing urgent', body: without(sampleCase(), 'urgent'), expect: { status: 422, code: 'validation_failed', field: 'urgent' } },
  { name: 'missing persons', body: without(sampleCase(), 'persons'), expect: { status: 422, code: 'validation_failed', field: 'persons' } },
  { name: 'missing surname', body: sampleCase({ persons: [without(person(), 'surname')] }), expect: { status: 422, code: 'validation_failed', field: 'persons[0].surname' } },
  { name: 'missing given_names', body: sampleCase({ persons: [without(person(), 'given_names')] }), expect: { status: 422, code: 'validation_failed', field: 'persons[0].given_names' } },
  { name: 'missing date_of_birth', body: sampleCase({ persons: [without(person(), 'date_of_birth')] }), expect: { status: 422, code: 'validation_failed', field: 'persons[0].date_of_birth' } },
  { name: 'missing outcome', as: 'triage', path: (ctx) => `/api/v1/cases/${ctx.t.id}/triage`, body: (ctx) => ({ reasoning: 'x', version: ctx.t.version }), expect: { status: 422, code: 'validation_failed', field: 'outcome' } },
  // Impossible dates.
  ...[['2026-02-30', 'February 30th'], ['2025-13-01', 'month 13'], ['1899-12-31', 'before 1900'],
    [isoDay(2), 'in the future'], ['14-03-1971', 'DD-MM-YYYY'], ['1971-3-14', 'no zero padding'],
    ['2023-02-29', '29 February in a common year'], ['1900-02-29', '29 February 1900'], ['1971-00-10', 'month 0'],
    ['1971-01-00', 'day 0'], ['1971-04-31', 'April 31st'], ['1971-03-14T00:00:00Z', 'a timestamp'],
    ['', 'empty'], ['19710314', 'no dashes'], [' 1971-03-14', 'leading space']]
    .map(([d, why]) => ({ name: `date_of_birth ${JSON.stringify(d)} (${why})`, body: withPerson({ date_of_birth: d }), expect: { status: 422, code: 'validation_failed', field: 'persons[0].date_of_birth' } })),
  // Unknown enum values.
  { name: 'unknown phenomenon', body: sampleCase({ phenomenon: 'piracy' }), expect: { status: 422, code: 'validation_failed', field: 'phenomenon' } },
  { name: 'phenomenon in another case', body: sampleCase({ phenomenon: 'Organised_Crime' }), expect: { status: 422, code: 'validation_failed', field: 'phenomenon' } },
  { name: 'unknown outcome', as: 'triage', path: (ctx) => `/api/v1/cases/${ctx.t.id}/triage`, body: (ctx) => ({ outcome: 'maybe', reasoning: 'x', version: ctx.t.version }), expect: { status: 422, code: 'validation_failed', field: 'outcome' } },
  { name: 'unknown district', as: 'triage', path: (ctx) => `/api/v1/cases/${ctx.t.id}/triage`, body: (ctx) => ({ outcome: 'local', district: 'utrecht', reasoning: 'x', version: ctx.t.version }), expect: { status: 422, code: 'validation_failed', field: 'district' } },
  { name: 'district given as an org code', as: 'triage', path: (ctx) => `/api/v1/cases/${ctx.t.id}/triage`, body: (ctx) => ({ outcome: 'local', district: 'om-amsterdam', reasoning: 'x', version: ctx.t.version }), expect: { status: 422, code: 'validation_failed', field: 'district' } },
  // Counts and lengths.
  { name: 'empty persons', body: sampleCase({ persons: [] }), expect: { status: 422, code: 'validation_failed', field: 'persons' } },
  { name: '21 persons', body: sampleCase({ persons: Array.from({ length: 21 }, () => person()) }), expect: { status: 422, code: 'validation_failed', field: 'persons' } },
  { name: 'summary of 2001 characters', body: sampleCase({ summary: 'a'.repeat(2001) }), expect: { status: 422, code: 'validation_failed', field: 'summary' } },
  { name: 'source_details of 4001 characters', body: sampleCase({ source_details: 'a'.repeat(4001) }), expect: { status: 422, code: 'validation_failed', field: 'source_details' } },
  { name: 'given_names of 201 characters', body: withPerson({ given_names: 'a'.repeat(201) }), expect: { status: 422, code: 'validation_failed', field: 'persons[0].given_names' } },
  { name: 'surname of 201 characters', body: withPerson({ surname: 'a'.repeat(201) }), expect: { status: 422, code: 'validation_failed', field: 'persons[0].surname' } },
  { name: 'surname_prefix of 41 characters', body: withPerson({ surname_prefix: 'a'.repeat(41) }), expect: { status: 422, code: 'validation_failed', field: 'persons[0].surname_prefix' } },
  { name: 'function of 201 characters', body: withPerson({ function: 'a'.repeat(201) }), expect: { status: 422, code: 'validation_failed', field: 'persons[0].function' } },
  { name: 'empty reasoning', as: 'triage', path: (ctx) => `/api/v1/cases/${ctx.t.id}/triage`, body: (ctx) => ({ outcome: 'national', reasoning: '', version: ctx.t.version }), expect: { status: 422, code: 'validation_failed', field: 'reasoning' } },
  { name: 'reasoning of 4001 characters', as: 'triage', path: (ctx) => `/api/v1/cases/${ctx.t.id}/triage`, body: (ctx) => ({ outcome: 'national', reasoning: 'a'.repeat(4001), version: ctx.t.version }), expect: { status: 422, code: 'validation_failed', field: 'reasoning' } },
  { name: 'empty information text', path: (ctx) => `/api/v1/cases/${ctx.w.id}/information`, body: (ctx) => ({ text: '', version: ctx.w.version }), expect: { status: 422, code: 'validation_failed', field: 'text' } },
  { name: 'information text of 4001 characters', path: (ctx) => `/api/v1/cases/${ctx.w.id}/information`, body: (ctx) => ({ text: 'a'.repeat(4001), version: ctx.w.version }), expect: { status: 422, code: 'validation_failed', field: 'text' } },
  // Numbers out of range.
  { name: 'version 1e400', as: 'triage', path: (ctx) => `/api/v1/cases/${ctx.t.id}/triage`, body: () => '{"outcome": "national", "reasoning": "x", "version": 1e400}', expect: { status: [400, 422] } },
  { name: 'version 123456789012345678901234567890', as: 'triage', path: (ctx) => `/api/v1/cases/${ctx.t.id}/triage`, body: () => '{"outcome": "national", "reasoning": "x", "version": 123456789012345678901234567890}', expect: { status: [400, 422] } },
  { name: 'version 1.5', as: 'triage', path: (ctx) => `/api/v1/cases/${ctx.t.id}/triage`, body: (ctx) => ({ outcome: 'national', reasoning: 'x', version: ctx.t.version + 0.5 }), expect: { status: [400, 422] } },
  { name: 'person_id 1e400', body: JSON.stringify(sampleCase({ persons: ['@'] })).replace('"@"', '{"person_id": 1e400}'), expect: { status: [400, 422] } },
  // Bytes that are not valid UTF-8 text, and NUL.
  { name: 'invalid UTF-8 byte 0xFF in a string', body: caseWithRawSummary(utf8('"Bedreiging \xff\xfe"')), expect: { status: 400, code: 'malformed_json' } },
  { name: 'overlong UTF-8 encoding of "/"', body: caseWithRawSummary(utf8('"a\xc0\xafb"')), expect: { status: 400, code: 'malformed_json' } },
  { name: 'UTF-8 encoded surrogate (CESU-8)', body: caseWithRawSummary(utf8('"a\xed\xa0\x80b"')), expect: { status: 400, code: 'malformed_json' } },
  { name: 'truncated UTF-8 sequence', body: caseWithRawSummary(utf8('"a\xe2\x82"')), expect: { status: 400, code: 'malformed_json' } },
  { name: 'invalid UTF-8 outside strings', body: Buffer.concat([utf8('\xff'), Buffer.from(JSON.stringify(sampleCase()))]), expect: { status: 400, code: 'malformed_json' } },
  { name: '\\u0000 escape in summary', body: caseWithRawSummary(Buffer.from('"Bedreiging\\u0000verborgen"')), expect: { status: 400, code: 'malformed_json' } },
  { name: '\\u0000 escape in a surname', body: JSON.stringify(withPerson({ surname: 'Berg@' })).replace('@', '\\u0000'), expect: { status: 400, code: 'malformed_json' } },
  { name: 'raw NUL byte in a string', body: caseWithRawSummary(utf8('"a\x00b"')), expect: { status: 400, code: 'malformed_json' } },
  { name: 'lone surrogate escape \\ud800', body: caseWithRawSummary(Buffer.from('"a\\ud800b"')), expect: { status: 400, code: 'malformed_json' } },
  { name: '\\u0000 in a field name', body: JSON.stringify(sampleCase()).replace('"summary"', '"sum\\u0000mary"'), expect: { status: 400, code: ['malformed_json', 'unknown_field'] } },
  // Media type.
  { name: 'Content-Type text/plain', headers: { 'Content-Type': 'text/plain' }, body: sampleCase(), expect: { status: 415, code: 'unsupported_media_type' } },
  { name: 'no Content-Type', headers: { 'Content-Type': null }, body: sampleCase(), expect: { status: 415, code: 'unsupported_media_type' } },
  { name: 'Content-Type form-urlencoded', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: sampleCase(), expect: { status: 415, code: 'unsupported_media_type' } },
  { name: 'Content-Type multipart/form-data', headers: { 'Content-Type': 'multipart/form-data; boundary=x' }, body: sampleCase(), expect: { status: 415, code: 'unsupported_media_type' } },
  { name: 'Content-Type application/jsonx', headers: { 'Content-Type': 'application/jsonx' }, body: sampleCase(), expect: { status: 415, code: 'unsupported_media_type' } },
  // NUL in the URL: a C string would end there and route to the truncated path.
  { name: 'a NUL byte in the path of a GET', method: 'GET', path: '/api/v1/health%00xyz', expect: { status: [400, 404] } },
  { name: 'a NUL byte after a case id', method: 'GET', path: (ctx) => `/api/v1/cases/${ctx.t.id}%00xyz`, expect: { status: [400, 404] } },
  { name: 'a NUL byte after an action (POST .../triage%00zzz must not triage)', as: 'triage', path: (ctx) => `/api/v1/cases/${ctx.n.id}/triage%00zzz`, body: (ctx) => ({ outcome: 'national', reasoning: 'x', version: ctx.n.version }), expect: { status: [400, 404] },
    check: async (ctx, ref) => assert.equal((await ref.get(`/api/v1/cases/${ctx.n.id}`)).body.status, 'referred', 'the case was triaged') },
  // Framing.
  { name: 'Content-Length together with Transfer-Encoding: chunked', wire: (ctx) => { const b = JSON.stringify(sampleCase()); return requestHead(ctx, 'POST', '/api/v1/cases', { 'Content-Type': 'application/json', 'Content-Length': String(b.length), 'Transfer-Encoding': 'chunked' }) + chunked(b); }, expect: { status: 400, code: 'bad_request' } },
  { name: 'Transfer-Encoding: chunked together with a short Content-Length', wire: (ctx) => { const b = JSON.stringify(sampleCase()); return requestHead(ctx, 'POST', '/api/v1/cases', { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Content-Length': '4' }) + chunked(b); }, expect: { status: 400, code: 'bad_request' } },
  { name: 'two different Content-Length headers', wire: (ctx) => { const b = JSON.stringify(sampleCase()); return requestHead(ctx, 'POST', '/api/v1/cases', { 'Content-Type': 'application/json', 'Content-Length': String(b.length) }) .replace('\r\n\r\n', '\r\nContent-Length: 5\r\n\r\n') + b; }, expect: { status: 400, anyBody: true } },
  { name: 'a 64 KiB request header', wire: (ctx) => requestHead(ctx, 'GET', '/api/v1/cases', { 'X-Padding': 'p'.repeat(64 * KiB) }), expect: { status: [400, 413, 431], anyBody: true } },
  { name: 'a request line with an extra token', wire: () => 'GET /api/v1/health HTTP/1.1 x\r\nHost: a\r\n\r\n', expect: { status: 400, anyBody: true } },
  { name: 'a header line without a colon', wire: () => 'GET /api/v1/health HTTP/1.1\r\nHost a\r\n\r\n', expect: { status: 400, anyBody: true } },
  { name: 'a garbage request line (answered 400 or the connection closed)', wire: () => 'GARBAGE\r\n\r\n', expect: { status: 400, anyBody: true, orClosed: true } },
  { name: 'a request line with a bad HTTP version', wire: () => 'GET /api/v1/health HTTP/9.9\r\nHost: x\r\n\r\n', expect: { status: [400, 505], anyBody: true } },
];

// Builds request bytes; ctx carries the session cookie and CSRF token of the acting user.
function requestHead(ctx, method, path, headers) {
  const h = { Host: '127.0.0.1', ...(ctx.cookie ? { Cookie: ctx.cookie } : {}), ...(ctx.csrf ? { 'X-CSRF-Token': ctx.csrf } : {}), Connection: 'close', ...headers };
  return `${method} ${path} HTTP/1.1\r\n` + Object.entries(h).filter(([, v]) => v !== null).map(([k, v]) => `${k}: ${v}`).join('\r\n') + '\r\n\r\n';
}
function chunked(text) {
  const b = Buffer.from(text);
  const parts = [];
  for (let i = 0; i < b.length; i += 8192) { const c = b.subarray(i, i + 8192); parts.push(`${c.length.toString(16)}\r\n${c.toString('latin1')}\r\n`); }
  return parts.join('') + '0\r\n\r\n';
}

describe('bad input', () => {
  let server, ref, triage, anon;
  const ctx = {};
  let totalsBefore;

  async function send(kase) {
    const who = { ref, triage, anon }[kase.as || 'ref'];
    const actx = { cookie: who.cookie, csrf: who.csrf, ...ctx };
    if (kase.wire) return rawHttp(server.port, Buffer.from(kase.wire(actx), 'latin1'));
    const path = typeof kase.path === 'function' ? kase.path(ctx) : (kase.path || '/api/v1/cases');
    let body = typeof kase.body === 'function' ? kase.body(ctx) : kase.body;
    if (body === undefined) body = Buffer.alloc(0);
    if (!Buffer.isBuffer(body)) body = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const head = requestHead(actx, kase.method || 'POST', path, { 'Content-Type': 'application/json', ...(kase.headers || {}), 'Content-Length': String(body.length) });
    return rawHttp(server.port, Buffer.concat([Buffer.from(head, 'latin1'), body]));
  }

  before(async () => {
    server = await startServer();
    ref = await loggedIn(server, 'ref-ams');
    triage = await loggedIn(server, 'triage1');
    anon = { cookie: null, csrf: null };
    const t = await ref.post('/api/v1/cases', sampleCase({ summary: 'Doelwit van de triage-gevallen' }));
    assert.equal(t.status, 201);
    ctx.t = t.body;
    const w = await ref.post('/api/v1/cases', sampleCase({ summary: 'Wacht op informatie' }));
    const asked = await triage.post(`/api/v1/cases/${w.body.id}/triage`, { outcome: 'more_information', reasoning: 'Vraag', version: w.body.version });
    assert.equal(asked.status, 200, JSON.stringify(asked.body));
    ctx.w = asked.body;
    ctx.n = (await ref.post('/api/v1/cases', sampleCase({ summary: 'Doelwit van de NUL-route' }))).body;
    totalsBefore = { ref: await caseTotal(ref), triage: await caseTotal(triage) };
  });
  after(async () => { await server?.stop(); });

  for (const kase of CASES) {
    const { status, code, field, anyBody, orClosed } = kase.expect;
    const statuses = [status].flat();
    test(`${kase.name} → ${statuses.join('/')}${code ? ' ' + [code].flat().join('/') : ''}${field ? ' on ' + field : ''}`, async () => {
      let r;
      try { r = await send(kase); } catch (e) {
        const reset = /EPIPE|ECONNRESET|UND_ERR_SOCKET/.test(`${e.code} ${e.cause?.code} ${e.message}`);
        if (orClosed && (e.message === 'no response' || reset)) return;
        throw e;
      }
      const shown = `${r.status} ${JSON.stringify(r.body).slice(0, 400)}`;
      if (kase.check) await kase.check(ctx, ref);
      assert.ok(statuses.includes(r.status), `expected ${statuses}, got ${shown}`);
      if (anyBody) return; // may be answered by the HTTP library itself
      assert.match(r.headers.get('content-type') || '', /^application\/problem\+json/, shown);
      assert.equal(r.body.status, r.status, shown);
      if (code) assert.ok([code].flat().includes(r.body.code), `code: ${shown}`);
      if (field) {
        assert.ok(Array.isArray(r.body.errors), `errors[]: ${shown}`);
        assert.ok(r.body.errors.some((e) => e.field === field), `errors[].field ${field}: ${shown}`);
        for (const e of r.body.errors) assert.equal(typeof e.message, 'string');
      }
    });
  }

  test('after all of them nothing was stored, the target cases are unchanged and the server still answers', async () => {
    const health = await fetch(`${server.base}/api/v1/health`);
    assert.equal(health.status, 200);
    assert.equal(await caseTotal(ref), totalsBefore.ref);
    assert.equal(await caseTotal(triage), totalsBefore.triage);
    const t = (await ref.get(`/api/v1/cases/${ctx.t.id}`)).body;
    assert.equal(t.version, ctx.t.version);
    assert.equal(t.status, 'referred');
    assert.deepEqual(t.timeline, ctx.t.timeline);
    const w = (await ref.get(`/api/v1/cases/${ctx.w.id}`)).body;
    assert.equal(w.version, ctx.w.version);
    assert.equal(w.awaiting_information, true);
  });

  test('values at the limits are accepted (so the refusals above are for the stated reasons)', async () => {
    const edge = sampleCase({
      summary: 's'.repeat(2000),
      source_details: 'd'.repeat(4000),
      persons: [
        person({ given_names: 'g'.repeat(200), surname_prefix: 'p'.repeat(40), surname: 'n'.repeat(200), function: 'f'.repeat(200), date_of_birth: '1900-01-01' }),
        person({ date_of_birth: '2024-02-29' }),
        person({ date_of_birth: '2000-02-29' }),
        ...Array.from({ length: 17 }, (_, i) => person({ surname: `Persoon ${i}` })),
      ],
    });
    const r = await send({ body: edge, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
    assert.equal(r.status, 201, JSON.stringify(r.body).slice(0, 500));
    assert.equal(r.body.persons.length, 20);
    assert.equal(r.body.summary.length, 2000);
    const yesterday = await send({ body: withPerson({ date_of_birth: isoDay(-1) }) });
    assert.equal(yesterday.status, 201, JSON.stringify(yesterday.body));
    const t = await send({ as: 'triage', path: `/api/v1/cases/${r.body.id}/triage`, body: { outcome: 'no_measures', reasoning: 'r'.repeat(4000), version: r.body.version } });
    assert.equal(t.status, 200, JSON.stringify(t.body).slice(0, 500));
    assert.equal(await caseTotal(ref), totalsBefore.ref + 2);
  });

  test('SQL and HTML metacharacters in text fields are stored and returned verbatim', async () => {
    const input = sampleCase({
      summary: "'; DROP TABLE cases; --",
      source_details: '<script>alert(1)</script> & "quotes" \\ backslash',
      persons: [person({ given_names: '<img src=x onerror=alert(1)>', surname: "Robert'); --", surname_prefix: "d'", function: '%s %n {{7*7}} ${7*7}' })],
    });
    const r = await ref.post('/api/v1/cases', input);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const got = (await ref.get(`/api/v1/cases/${r.body.id}`)).body;
    assert.equal(got.summary, input.summary);
    assert.equal(got.source_details, input.source_details);
    for (const k of ['given_names', 'surname', 'surname_prefix', 'function']) assert.equal(got.persons[0][k], input.persons[0][k], k);
    const item = (await ref.get('/api/v1/cases?per_page=100&sort=newest')).body.items.find((i) => i.id === r.body.id);
    assert.equal(item.summary, input.summary);
    assert.equal(item.persons[0].surname, "Robert'); --");
    const p = (await ref.get(`/api/v1/persons/${got.persons[0].id}`)).body;
    assert.equal(p.surname, "Robert'); --");
    assert.equal(p.given_names, '<img src=x onerror=alert(1)>');
    assert.ok((await caseTotal(ref)) > 0, 'the cases table is still there');
  });

  test('SQL metacharacters in query parameters are refused or match nothing', async () => {
    const total = await caseTotal(ref);
    for (const q of ["status=referred'%20OR%201=1", "status=referred'%20OR%20'1'='1", 'status=referred%22%3B--',
      'sort=reference%3BDROP%20TABLE%20cases', 'sort=id%20DESC', 'page=1%20OR%201=1', "per_page=1'", 'status=%00referred', 'status=referred%00garbage', "status=referred%00'%20OR%201=1"]) {
      const r = await ref.get(`/api/v1/cases?${q}`);
      if (r.status === 200) assert.equal(r.body.total, 0, `${q} matched ${r.body.total} cases`);
      else assert.ok([400, 422].includes(r.status), `${q}: ${r.status}`);
    }
    assert.equal(await caseTotal(ref), total);
    assert.equal((await fetch(`${server.base}/api/v1/health`)).status, 200);
  });
});

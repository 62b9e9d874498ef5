// Encryption at rest (docs/SECURITY.md): informant and intelligence-service signal texts are
// stored sealed with the field key of the key directory. The API shows them to who may read
// them; the database file, a backup and the search index hold none of their words; with another
// field key the server refuses to show them rather than show anything.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync, chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { startServer, loggedIn, sampleCase, schild, isPostgres, SCHILD, USERS } from '../lib/server.mjs';
import { dbQuery, isoDay } from './util.mjs';

const CAST = [...USERS, ['analyst-ams', 'analyst', 'politie-amsterdam']];
const SECRET_WORDS = ['kroonjuweelplan', 'zwaluwstaart'];
const POLICE_WORDS = ['ganzenveer', 'kikkerdril'];

const signal = (overrides) => ({
  received_at: isoDay(-1),
  source_org: 'politie-amsterdam',
  source_grade: 'B',
  info_grade: '2',
  handling: 'H0',
  compartment: 'police',
  concreteness: 'concrete',
  ...overrides,
});

function freePort() {
  return new Promise((ok) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => ok(port)); });
  });
}

// Every byte of a SQLite database: the file and its write-ahead log.
function sqliteBytes(file) {
  return [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');
}

describe('encryption at rest', () => {
  let server, analyst, ref, A, informant, police, keysDir, work;

  before(async () => {
    server = await startServer({ users: CAST });
    keysDir = process.env.SCHILD_KEYS || join(server.dir, 'keys');
    work = mkdtempSync(join(tmpdir(), 'schild-enc-'));
    analyst = await loggedIn(server, 'analyst-ams');
    ref = await loggedIn(server, 'ref-ams');
    const triage = await loggedIn(server, 'triage1');
    let r = await ref.post('/api/v1/cases', sampleCase({ summary: 'Bedreigde wethouder' }));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    r = await triage.post(`/api/v1/cases/${r.body.id}/triage`, { outcome: 'local', district: 'amsterdam', reasoning: 'lokaal', version: r.body.version });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    A = r.body;
    r = await analyst.post(`/api/v1/cases/${A.id}/signals`, signal({ compartment: 'informant',
      text: `De bron noemt het ${SECRET_WORDS[0]} en de ${SECRET_WORDS[1]}.` }));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    informant = r.body;
    r = await ref.post(`/api/v1/cases/${A.id}/signals`, signal({ text: `Wijkagent ziet ${POLICE_WORDS[0]} en ${POLICE_WORDS[1]}.` }));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    police = r.body;
  });
  after(async () => {
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  test('the API shows both texts to an analyst who may read them', async () => {
    assert.ok(informant.text.includes(SECRET_WORDS[0]), 'the reply to the recorder');
    const r = await analyst.get(`/api/v1/cases/${A.id}/signals`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const byId = new Map(r.body.items.map((s) => [s.id, s]));
    assert.ok(byId.get(informant.id).text.includes(SECRET_WORDS[1]), JSON.stringify(r.body));
    assert.ok(byId.get(police.id).text.includes(POLICE_WORDS[0]));
  });

  test('the stored database holds the police words but none of the informant words', () => {
    if (isPostgres(server.db)) {
      const texts = dbQuery(server.db, 'SELECT text FROM signals;');
      const index = dbQuery(server.db, 'SELECT words::text FROM search_signals;');
      for (const w of POLICE_WORDS) assert.ok(texts.includes(w), `police text stored: ${w}`);
      assert.ok(index.includes('ganzenv'), `police words indexed: ${index}`);
      for (const w of SECRET_WORDS) {
        assert.ok(!texts.includes(w), `informant text sealed: ${w}`);
        assert.ok(!index.includes(w.slice(0, 6)), `informant words not indexed: ${w}`);
      }
      assert.match(dbQuery(server.db, `SELECT text FROM signals WHERE id = ${informant.id};`), /^sealed:v1:/);
    } else {
      const file = server.db.replace(/^sqlite:/, '');
      dbQuery(server.db, 'PRAGMA wal_checkpoint(TRUNCATE);');
      const bytes = sqliteBytes(file);
      for (const w of POLICE_WORDS) assert.ok(bytes.includes(w), `police text stored: ${w}`);
      for (const w of SECRET_WORDS) assert.ok(!bytes.includes(w), `informant word in the file: ${w}`);
      assert.match(dbQuery(server.db, `SELECT text FROM signals WHERE id = ${informant.id};`), /^sealed:v1:/);
    }
  });

  // Before any search: the audit trail keeps what a user typed into a search (docs/SECURITY.md).
  test('a backup carries the ciphertext, not the words', () => {
    const file = join(work, 'backup.db');
    schild(['backup', '--db', server.db, '--out', file]);
    const bytes = sqliteBytes(file);
    for (const w of POLICE_WORDS) assert.ok(bytes.includes(w), `police text in the backup: ${w}`);
    for (const w of SECRET_WORDS) assert.ok(!bytes.includes(w), `informant word in the backup: ${w}`);
  });

  test('a word search finds the police signal, never the sealed one', async () => {
    const secret = await analyst.get(`/api/v1/search?q=${SECRET_WORDS[0]}`);
    assert.equal(secret.status, 200);
    assert.equal(secret.body.total, 0, JSON.stringify(secret.body));
    const found = await analyst.get(`/api/v1/search?q=${POLICE_WORDS[0]}`);
    assert.equal(found.status, 200);
    assert.ok(found.body.items.some((h) => h.id === police.id), JSON.stringify(found.body));
    // the sealed signal is still there by its metadata: its case lists it
    const list = await analyst.get(`/api/v1/cases/${A.id}/signals`);
    assert.ok(list.body.items.some((s) => s.id === informant.id && s.compartment === 'informant'));
  });

  test('with another field key the server refuses to show the signal and leaks nothing', async () => {
    await server.proc.kill('SIGTERM');
    await new Promise((r) => (server.proc.exitCode !== null ? r() : server.proc.once('exit', r)));
    const otherKeys = join(server.dir, 'other-keys');
    cpSync(keysDir, otherKeys, { recursive: true });
    writeFileSync(join(otherKeys, 'field.key'), `${randomBytes(32).toString('hex')}\n`);
    chmodSync(join(otherKeys, 'field.key'), 0o600);
    const port = await freePort();
    const proc = spawn(SCHILD, ['serve', '--db', server.db, '--listen', `127.0.0.1:${port}`, '--keys', otherKeys, '--demo'], { stdio: 'ignore' });
    const other = { ...server, base: `http://127.0.0.1:${port}`, proc };
    try {
      for (let i = 0; i < 200; i++) {
        try { if ((await fetch(`${other.base}/api/v1/health`)).ok) break; } catch { /* starting */ }
        await new Promise((r) => setTimeout(r, 25));
      }
      const a = await loggedIn(other, 'analyst-ams');
      for (const path of [`/api/v1/cases/${A.id}/signals`]) {
        const r = await a.get(path);
        assert.ok(r.status >= 500 && r.status < 600, `${path}: ${r.status} ${JSON.stringify(r.body)}`);
        assert.match(r.headers.get('content-type') || '', /problem\+json/);
        for (const w of SECRET_WORDS) assert.ok(!JSON.stringify(r.body).includes(w));
        assert.ok(!JSON.stringify(r.body).includes('sealed:v1:'));
      }
    } finally {
      const done = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await done;
    }
  });
});

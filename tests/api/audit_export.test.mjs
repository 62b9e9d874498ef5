// The verifiable audit trail (docs/AUDIT.md): a clean stop leaves a signed checkpoint over the
// last entry; `schild audit export` writes the trail with its checkpoints; `schild audit verify
// --export --pubkey` accepts it offline and names every kind of tampering. Checkpoint signatures
// are also checked here with Node's own Ed25519, as an inspector's verifier would.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, schild, schildRaw, loggedIn, sampleCase, freshDatabase, dropDatabase, SCHILD } from '../lib/server.mjs';
import { dbQuery } from './util.mjs';

const readLines = (file) => readFileSync(file, 'utf8').split('\n').filter(Boolean);
const message = (cp) => `schild-audit-checkpoint-v1\n${cp.seq}\n${cp.hash}\n${cp.signed_at}\n`;
// An Ed25519 public key object from 32 raw bytes (hex), via its SPKI DER form.
const spkiPrefix = Buffer.from('302a300506032b6570032100', 'hex');
const publicKeyOf = (hex) => createPublicKey({ key: Buffer.concat([spkiPrefix, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });

describe('audit export and offline verification', () => {
  let server, tmp, keysDir, pub, exported, lines;
  const made = [];

  const file = (name, content) => {
    const path = join(tmp, name);
    writeFileSync(path, Array.isArray(content) ? content.join('\n') + '\n' : content);
    return path;
  };
  const verifyFile = (path, pubkey = pub) => schildRaw(['audit', 'verify', '--export', path, '--pubkey', pubkey]);
  const rejected = (r, pattern) => {
    assert.equal(r.status, 1, `verification must fail: ${r.stdout}${r.stderr}`);
    assert.match(r.stdout, /REJECTED/);
    assert.match(r.stdout, pattern);
  };
  const withHeader = (ls) => {
    const header = JSON.parse(ls[0]);
    header.entries = ls.filter((l) => JSON.parse(l).type === 'entry').length;
    header.checkpoints = ls.filter((l) => JSON.parse(l).type === 'checkpoint').length;
    return [JSON.stringify(header), ...ls.slice(1)];
  };
  const entryIndexes = () => lines.map((l, i) => [JSON.parse(l), i]).filter(([o]) => o.type === 'entry').map(([, i]) => i);

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'schild-audit-export-'));
    server = await startServer();
    keysDir = process.env.SCHILD_KEYS || join(server.dir, 'keys');
    pub = join(keysDir, 'audit.pub');
    const c = await loggedIn(server, 'ref-ams');
    for (let i = 0; i < 3; i++) assert.equal((await c.post('/api/v1/cases', sampleCase())).status, 201);
    assert.equal((await c.get('/api/v1/cases')).status, 200);
    // A clean stop: the audit writer drains, then the final checkpoint covers the last entry.
    const exited = new Promise((r) => server.proc.once('exit', r));
    server.proc.kill('SIGTERM');
    await exited;
    assert.equal(server.proc.exitCode, 0, server.log());
  });
  after(async () => {
    await server?.stop();
    for (const db of made) dropDatabase(db);
    rmSync(tmp, { recursive: true, force: true });
  });

  test('a clean SIGTERM ends with a checkpoint over the last entry, signed with audit.pub', () => {
    const last = Number(dbQuery(server.db, 'SELECT max(seq) FROM audit_log;'));
    assert.ok(last >= 5, `entries written: ${last}`);
    const row = dbQuery(server.db, 'SELECT seq, hash, signed_at, public_key, signature FROM audit_checkpoints ORDER BY seq DESC LIMIT 1;').trim().split('|');
    assert.equal(Number(row[0]), last, 'the newest checkpoint covers the newest entry');
    assert.equal(row[1], dbQuery(server.db, `SELECT hash FROM audit_log WHERE seq = ${last};`).trim());
    assert.equal(row[3], readFileSync(pub, 'utf8').trim(), 'signed with the key of audit.pub');
    const cp = { seq: last, hash: row[1], signed_at: row[2] };
    assert.ok(verify(null, Buffer.from(message(cp)), publicKeyOf(row[3]), Buffer.from(row[4], 'hex')), 'Node verifies the documented message');
  });

  test('export writes the trail with its checkpoints and verify accepts it offline', () => {
    exported = join(tmp, 'export.jsonl');
    const before = Number(dbQuery(server.db, 'SELECT count(*) FROM audit_log;'));
    const out = schild(['audit', 'export', '--db', server.db, '--out', exported]);
    assert.match(out, /exported \d+ entries/);
    lines = readLines(exported);
    const header = JSON.parse(lines[0]);
    assert.equal(header.format, 'schild-audit-export-v1');
    assert.equal(header.public_key, readFileSync(pub, 'utf8').trim());
    assert.equal(header.entries, before + 1, 'every entry and the export\'s own (audit.export)');
    const entries = lines.slice(1).map((l) => JSON.parse(l)).filter((o) => o.type === 'entry');
    const checkpoints = lines.slice(1).map((l) => JSON.parse(l)).filter((o) => o.type === 'checkpoint');
    assert.equal(entries.length, header.entries);
    assert.equal(checkpoints.length, header.checkpoints);
    assert.deepEqual(entries.map((e) => e.seq), entries.map((_, i) => i + 1), 'in seq order');
    assert.equal(entries.at(-1).action, 'audit.export');
    assert.equal(checkpoints.at(-1).seq, entries.at(-1).seq, 'the export ends covered');
    for (const cp of checkpoints) {
      assert.ok(verify(null, Buffer.from(message(cp)), publicKeyOf(cp.public_key), Buffer.from(cp.signature, 'hex')), `checkpoint ${cp.seq}`);
      assert.equal(cp.hash, entries[cp.seq - 1].hash);
    }
    const r = verifyFile(exported);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`${header.entries} entries, ${header.checkpoints} checkpoints, last checkpoint at seq ${header.entries}`));
    // Offline: the key directory's secrets are not needed (audit.pub alone, copied elsewhere).
    const lonePub = file('lone.pub', readFileSync(pub, 'utf8'));
    assert.equal(spawnSync(SCHILD, ['audit', 'verify', '--export', exported, '--pubkey', lonePub], { env: { PATH: process.env.PATH } }).status, 0);
  });

  test('export never overwrites a file, and a refused export stores nothing', () => {
    const count = dbQuery(server.db, 'SELECT count(*) FROM audit_log;');
    const content = readFileSync(exported, 'utf8');
    const r = schildRaw(['audit', 'export', '--db', server.db, '--out', exported]);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /exists/);
    assert.equal(readFileSync(exported, 'utf8'), content);
    assert.equal(dbQuery(server.db, 'SELECT count(*) FROM audit_log;'), count, 'no audit.export entry for a refused export');
    const noKeys = schildRaw(['audit', 'export', '--db', server.db, '--out', join(tmp, 'nokeys.jsonl'), '--keys', join(tmp, 'no-such-keys')]);
    assert.notEqual(noKeys.status, 0);
    assert.match(noKeys.stderr, /audit key/);
    assert.ok(!existsSync(join(tmp, 'nokeys.jsonl')));
    assert.equal(dbQuery(server.db, 'SELECT count(*) FROM audit_log;'), count);
  });

  test('a changed field fails, naming the entry', () => {
    const i = entryIndexes()[2];
    const e = JSON.parse(lines[i]);
    e.username = 'someone-else';
    rejected(verifyFile(file('altered.jsonl', lines.with(i, JSON.stringify(e)))), new RegExp(`entry ${e.seq}: .*altered`));
  });

  test('a deleted line fails (removed)', () => {
    const i = entryIndexes()[1];
    rejected(verifyFile(file('deleted.jsonl', lines.toSpliced(i, 1))), /removed/);
    rejected(verifyFile(file('deleted-fixed-header.jsonl', withHeader(lines.toSpliced(i, 1)))), /removed/);
  });

  test('an inserted line fails (inserted)', () => {
    const i = entryIndexes()[2];
    rejected(verifyFile(file('inserted.jsonl', lines.toSpliced(i, 0, lines[i - 1]))), /inserted/);
    const forged = JSON.parse(lines[i]);
    forged.seq += 1000;
    rejected(verifyFile(file('inserted-forged.jsonl', withHeader(lines.toSpliced(i, 0, JSON.stringify(forged))))), /entry/);
  });

  test('truncating the last entries fails (truncated)', () => {
    const idx = entryIndexes();
    rejected(verifyFile(file('truncated.jsonl', withHeader(lines.filter((_, i) => !idx.slice(-2).includes(i))))), /truncated/);
    // The file cut off after some entries: no checkpoint covers them.
    rejected(verifyFile(file('cut.jsonl', withHeader(lines.slice(0, idx[3] + 1)))), /checkpoint/);
  });

  test('entries added after the last checkpoint fail', () => {
    // Genuine, well-chained entries: the tail of a later export, put before the checkpoints.
    const later = join(tmp, 'later.jsonl');
    schild(['audit', 'export', '--db', server.db, '--out', later]);
    const tail = readLines(later).filter((l) => JSON.parse(l).type === 'entry').slice(JSON.parse(lines[0]).entries);
    assert.ok(tail.length >= 1);
    const last = entryIndexes().at(-1);
    const grown = withHeader(lines.toSpliced(last + 1, 0, ...tail));
    rejected(verifyFile(file('tail.jsonl', grown)), /after the last checkpoint/);
    assert.equal(verifyFile(later).status, 0, 'the later export itself is fine');
  });

  test('another public key fails (wrong key)', () => {
    const otherDb = freshDatabase(tmp, 'other.db');
    made.push(otherDb);
    const otherKeys = join(tmp, 'other-keys');
    schild(['init', '--db', otherDb, '--keys', otherKeys]);
    rejected(verifyFile(exported, join(otherKeys, 'audit.pub')), /wrong key/);
  });

  test('a checkpoint signed by another key fails', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const otherHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');
    const i = lines.length - 1;
    const cp = JSON.parse(lines[i]);
    assert.equal(cp.type, 'checkpoint');
    const resigned = { ...cp, signature: sign(null, Buffer.from(message(cp)), privateKey).toString('hex') };
    rejected(verifyFile(file('other-signer.jsonl', lines.with(i, JSON.stringify(resigned)))), /bad signature/);
    rejected(verifyFile(file('other-signer-key.jsonl', lines.with(i, JSON.stringify({ ...resigned, public_key: otherHex })))), /another key/);
    // The whole export re-signed by a forger still fails against the real audit.pub.
    const header = { ...JSON.parse(lines[0]), public_key: otherHex };
    const forged = lines.map((l, k) => {
      const o = JSON.parse(l);
      if (k === 0) return JSON.stringify(header);
      if (o.type !== 'checkpoint') return l;
      return JSON.stringify({ ...o, public_key: otherHex, signature: sign(null, Buffer.from(message(o)), privateKey).toString('hex') });
    });
    const forgedFile = file('forged.jsonl', forged);
    rejected(verifyFile(forgedFile), /wrong key/);
    assert.equal(verifyFile(forgedFile, file('forger.pub', otherHex + '\n')).status, 0, 'control: consistent with its own key');
  });

  test('audit verify --db keeps working, and verify --export needs --pubkey', () => {
    const r = schildRaw(['audit', 'verify', '--db', server.db]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /intact/);
    assert.equal(schildRaw(['audit', 'verify', '--export', exported]).status, 2);
  });

  test('serve refuses to start without the audit key pair and says what to do', () => {
    const r = spawnSync(SCHILD, ['serve', '--db', server.db, '--listen', '127.0.0.1:0', '--keys', join(tmp, 'empty-keys')], { encoding: 'utf8', timeout: 20000 });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /schild init/);
    assert.match(r.stderr, /--keys/);
  });
});

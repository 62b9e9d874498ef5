// `schild signal import`: a good file lands in full (in batches, one audit entry each) and its
// signals show in GET /api/v1/cases/{id}/signals like recorded ones; a file with one bad line
// imports nothing and names the line; the recorder rules of the API (need-to-know, compartment)
// hold for imports too.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, schildRaw, loggedIn, sampleCase } from '../lib/server.mjs';
import { dbQuery } from './util.mjs';

const signal = (caseId, overrides = {}) => ({
  case_id: caseId,
  received_at: '2026-02-10',
  source_org: 'politie-amsterdam',
  source_grade: 'B',
  info_grade: '2',
  handling: 'H0',
  compartment: 'police',
  concreteness: 'concrete',
  text: 'Bedreiging via sociale media na de uitspraak',
  ...overrides,
});

describe('schild signal import', () => {
  let server, ref, caseA, caseB, person, actor;
  let fileNo = 0;
  const writeLines = (lines) => {
    const file = join(server.dir, `signals-${++fileNo}.jsonl`);
    writeFileSync(file, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
    return file;
  };
  const runImport = (file, user = 'ref-ams', extra = []) =>
    schildRaw(['signal', 'import', '--db', server.db, '--user', user, ...extra, file]);
  const signalsOf = async (id) => {
    const r = await ref.get(`/api/v1/cases/${id}/signals`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  };
  const importAudit = () => dbQuery(server.db,
    "SELECT username || '|' || org || '|' || detail FROM audit_log WHERE action = 'signal.import' ORDER BY seq;")
    .trim().split('\n').filter(Boolean);

  before(async () => {
    server = await startServer();
    ref = await loggedIn(server, 'ref-ams');
    const a = await ref.post('/api/v1/cases', sampleCase());
    const b = await ref.post('/api/v1/cases', sampleCase({ summary: 'Intimidatie van een wethouder' }));
    assert.equal(a.status, 201, JSON.stringify(a.body));
    assert.equal(b.status, 201, JSON.stringify(b.body));
    [caseA, caseB] = [a.body.id, b.body.id];
    person = a.body.persons[0].id;
    const analyst = await loggedIn(server, 'analyst-nctv');
    const act = await analyst.post('/api/v1/actors', { kind: 'group', name: 'Groep Noord', description: 'Bekend van intimidatie' });
    assert.equal(act.status, 201, JSON.stringify(act.body));
    actor = act.body.id;
  });
  after(async () => { await server?.stop(); });

  test('a good file is imported in full, in batches with one audit entry each, and the signals show on their cases', async () => {
    const lines = [
      signal(caseA, { subjects: [{ kind: 'person', id: person }], text: 'Bedreigingen aan het adres van de rechter' }),
      signal(caseA, { handling: 'H3', handling_note: 'Niet delen met de gemeente', compartment: 'open_source', concreteness: 'conceivable', text: 'Oproep op een forum: "hij verdient het"' }),
      signal(caseA, { subjects: [{ kind: 'actor', id: actor }], text: 'Groep Noord bespreekt de woning' }),
      signal(caseB, { subjects: [{ kind: 'actor', id: actor }], source_org: 'kmar', text: 'Groep Noord gezien bij de gemeente' }),
      signal(caseB, { received_at: '2026-01-05', text: 'Dreigbrief bezorgd bij het stadhuis' }),
    ];
    const file = writeLines([lines[0], '', ...lines.slice(1)]); // a blank line is skipped
    const r = runImport(file, 'ref-ams', ['--batch', '2']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /imported 5 signals .* in 3 transactions/, r.stdout);
    assert.match(r.stdout, /signals\/s/);

    const a = await signalsOf(caseA);
    const texts = a.items.map((s) => s.text);
    for (const l of lines.slice(0, 3)) assert.ok(texts.includes(l.text), `${l.text} in ${texts}`);
    assert.equal(a.items.length, 3);
    assert.equal(a.restricted, 0);
    const first = a.items.find((s) => s.text === lines[0].text);
    assert.equal(first.recorded_by.username, 'ref-ams');
    assert.equal(first.source_org.code, 'politie-amsterdam');
    assert.equal(first.case_id, caseA);
    assert.deepEqual(first.subjects.map((s) => [s.kind, s.id]), [['person', person]]);
    const h3 = a.items.find((s) => s.handling === 'H3');
    assert.equal(h3.handling_note, 'Niet delen met de gemeente');
    assert.equal(h3.concreteness, 'conceivable');
    assert.ok(a.actors.some((x) => x.id === actor), 'naming an actor links it to the case');
    // Case B's signal named the actor already linked to case A: case A's team is told.
    assert.equal(a.notifications.length, 1, JSON.stringify(a.notifications));
    assert.equal(a.notifications[0].actor.id, actor);

    const b = await signalsOf(caseB);
    assert.deepEqual(b.items.map((s) => s.received_at), ['2026-02-10', '2026-01-05'], 'newest received first');

    const audit = importAudit();
    assert.deepEqual(audit.map((l) => l.replace(/first=\d+ last=\d+/, '')), [
      'ref-ams|politie-amsterdam|count=2 ', 'ref-ams|politie-amsterdam|count=2 ', 'ref-ams|politie-amsterdam|count=1 ']);
    const ids = [...a.items, ...b.items].map((s) => s.id).sort((x, y) => x - y);
    assert.match(audit[0], new RegExp(`first=${ids[0]} last=${ids[1]}$`));
    assert.match(audit[2], new RegExp(`first=${ids[4]} last=${ids[4]}$`));
    const verify = schildRaw(['audit', 'verify', '--db', server.db]);
    assert.equal(verify.status, 0, verify.stdout + verify.stderr);
  });

  test('one bad line imports nothing, and every bad line is named FILE:LINE: field: message', async () => {
    const before = (await signalsOf(caseA)).items.length;
    const auditBefore = importAudit().length;
    const file = writeLines([
      signal(caseA, { text: 'Een goede regel die niet mag landen' }),
      signal(caseA, { compartment: 'geheim' }),
      signal(caseA, { text: 'Nog een goede regel' }),
      signal(999999),
      '{"case_id": 1, "text": ',
      signal(caseA, { subjects: [{ kind: 'person', id: person + 1000 }] }),
    ]);
    const r = runImport(file);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`${file}:2: compartment: must be one of`));
    assert.match(r.stderr, new RegExp(`${file}:4: case_id: is not a case`));
    assert.match(r.stderr, new RegExp(`${file}:5: line: is not valid JSON`));
    assert.match(r.stderr, new RegExp(`${file}:6: subjects\\[0\\]: is not a person of this case`));
    assert.doesNotMatch(r.stderr, new RegExp(`${file}:[13]:`), 'good lines are not named');
    assert.match(r.stderr, /4 of 6 lines are bad; nothing imported/);
    const after = await signalsOf(caseA);
    assert.equal(after.items.length, before, 'not even the good lines were imported');
    assert.ok(!after.items.some((s) => s.text === 'Een goede regel die niet mag landen'));
    assert.equal(importAudit().length, auditBefore, 'no audit entry for an import that did not happen');
  });

  test('the recorder rules of the API hold: need-to-know on the case, and the compartment the user may read', async () => {
    const before = (await signalsOf(caseA)).items.length;
    // ref-rdam is not on case A's team.
    const unseen = runImport(writeLines([signal(caseA)]), 'ref-rdam');
    assert.equal(unseen.status, 1, unseen.stdout);
    assert.match(unseen.stderr, /:1: case_id: .*cannot see/);
    // The informant compartment is read only by analysts of the originating organisation.
    const blind = runImport(writeLines([signal(caseA, { compartment: 'informant' })]));
    assert.equal(blind.status, 1, blind.stdout);
    assert.match(blind.stderr, /:1: compartment: /);
    // Nobody who may not record signals, and nobody who does not exist.
    for (const [user, why] of [['admin1', /may not record/], ['no-such-user', /no user/]]) {
      const r = runImport(writeLines([signal(caseA)]), user);
      assert.equal(r.status, 1, r.stdout);
      assert.match(r.stderr, why);
    }
    assert.equal((await signalsOf(caseA)).items.length, before);
  });

  test('usage: --help, a missing FILE, bad --batch and --pause, an unreadable FILE', () => {
    const help = schildRaw(['signal', 'import', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /usage/i);
    assert.match(help.stdout, /--db[\s\S]*--user/);
    assert.equal(schildRaw(['signal', 'import', '--db', server.db, '--user', 'ref-ams']).status, 2);
    for (const bad of [['--batch', '0'], ['--pause', '-1'], ['--pause', '10001']]) {
      const r = runImport(writeLines([signal(caseA)]), 'ref-ams', bad);
      assert.equal(r.status, 2, `${bad.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(bad[0]));
    }
    const missing = runImport(join(server.dir, 'nowhere.jsonl'));
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /nowhere\.jsonl/);
    const empty = runImport(writeLines([]));
    assert.equal(empty.status, 1);
    assert.match(empty.stderr, /no signals/);
  });
});

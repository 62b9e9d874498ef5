// The DAF settings (docs/DAF.md, "Configuration"): the defaults, `serve --config` overriding them
// and deciding behaviour (a lower intrusion threshold refuses sooner), and a bad file stopping
// the server with a clear message.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, loggedIn, sampleCase, schildRaw, freshDatabase, dropDatabase, USERS } from '../lib/server.mjs';
import { assertProblem } from './util.mjs';

const dir = mkdtempSync(join(tmpdir(), 'schild-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function configFile(name, content) {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('DAF settings', () => {
  test('the defaults are answered to every logged-in user and match docs/DAF.md', async () => {
    const server = await startServer();
    try {
      const anon = await fetch(`${server.base}/api/v1/daf/settings`);
      assert.equal(anon.status, 401);
      const s = (await (await loggedIn(server, 'inspector1')).get('/api/v1/daf/settings')).body;
      assert.deepEqual(s.threat_matrix, [[1, 1, 1, 1, 2], [1, 1, 2, 2, 2], [1, 2, 2, 3, 3], [1, 2, 3, 4, 4], [2, 2, 3, 4, 5]]);
      assert.deepEqual(s.validity_days, [180, 180, 90, 90, 90]);
      assert.deepEqual(s.products.RA.orgs, ['aivd']);
      assert.equal(s.products.dreigingsmelding.validity_days, 30);
      assert.deepEqual(s.compartments.informant, { roles: ['analyst'], own_org_only: true });
      assert.deepEqual(s.intrusion, { weights: { open_source_check: 1, police_records_check: 1, neighbourhood_inquiry: 2, camera_review: 2, observation: 4, social_media_monitoring: 3 }, window_days: 90, threshold: 100 });
      assert.equal(s.indicator_template, 'warning-behaviour-v1');
      assert.equal(s.indicator_keys.length, 10);
    } finally { await server.stop(); }
  });

  test('serve --config overrides settings and they decide: a threshold of 10 refuses the third observation day', async () => {
    const path = configFile('low.json', { intrusion: { threshold: 10 }, products: { RA: { orgs: ['aivd', 'nctv'] } } });
    const server = await startServer({ serveArgs: ['--config', path], users: [...USERS, ['analyst-ams', 'analyst', 'politie-amsterdam']] });
    try {
      const ref = await loggedIn(server, 'ref-ams');
      const c = (await ref.post('/api/v1/cases', sampleCase())).body;
      const s = (await ref.get('/api/v1/daf/settings')).body;
      assert.equal(s.intrusion.threshold, 10);
      assert.equal(s.intrusion.window_days, 90, 'what the file does not name keeps its default');
      assert.deepEqual(s.products.RA.orgs, ['aivd', 'nctv']);
      const analyst = await loggedIn(server, 'analyst-ams');
      const path2 = `/api/v1/subjects/person/${c.persons[0].id}/gathering`;
      const act = { method: 'observation', legal_basis: 'art. 3 Politiewet', duration_days: 1, justification: 'x' };
      assert.equal((await analyst.post(path2, act)).status, 201);
      assert.equal((await analyst.post(path2, act)).status, 201);
      const third = await analyst.post(path2, act);
      assertProblem(third, 409, 'intrusion_threshold');
      assert.equal(third.body.threshold, 10);
    } finally { await server.stop(); }
  });

  test('a bad configuration stops serve with exit 2 and says what is wrong', () => {
    const db = freshDatabase(dir, 'bad.db');
    try {
      assert.equal(schildRaw(['init', '--db', db]).status, 0);
      const cases = [
        [{ intrusion: { threshold: 0 } }, /intrusion.threshold: must be an integer from 1/],
        [{ threat_matrix: [[1, 2, 3]] }, /threat_matrix: must be 5 rows/],
        [{ compartments: { informant: { roles: ['inspector'] } } }, /not a role that may read signals/],
        [{ colour: 'blue' }, /unknown setting "colour"/],
        ['{"intrusion": ', /line 1/],
      ];
      for (const [content, message] of cases) {
        const r = schildRaw(['serve', '--db', db, '--listen', '127.0.0.1:1', '--config', configFile('bad.json', content)]);
        assert.equal(r.status, 2, `${JSON.stringify(content)}: ${r.stderr}`);
        assert.match(r.stderr, message);
      }
      const missing = schildRaw(['serve', '--db', db, '--config', join(dir, 'nope.json')]);
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /cannot open --config/);
    } finally { dropDatabase(db); }
  });
});

// An axe-core scan (WCAG 2.0/2.1 A and AA) of every page; any violation fails the test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { startServer, loggedIn, PASSWORD, sampleCase, USERS } from '../lib/server.mjs';
import { launchBrowser, openPage, login, logout, waitForHeading, assertNoProblems } from './helpers.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
let server;
let browser;
let caseId;
let awaitingId;
let personId;

// The standard cast plus analysts of the regional unit that joins a local Amsterdam case.
const CAST = [
  ...USERS,
  ['analyst-ams', 'analyst', 'politie-amsterdam'],
  ['analyst-ams2', 'analyst', 'politie-amsterdam'],
  ['lead-ams', 'unit_lead', 'politie-amsterdam'],
  ['privacy1', 'privacy_officer', 'nctv'],
];

before(async () => {
  server = await startServer({ users: CAST });
  browser = await launchBrowser();
  const ref = await loggedIn(server, 'ref-ams');
  const a = await ref.post('/api/v1/cases', sampleCase({
    urgent: true,
    persons: [
      { given_names: 'Jan Pieter', surname_prefix: 'van der', surname: 'Berg', date_of_birth: '1971-03-14', function: 'rechter' },
      { given_names: 'Anna', surname: 'Berg', date_of_birth: '1974-09-01', function: 'partner' },
    ],
  }));
  assert.equal(a.status, 201, JSON.stringify(a.body));
  caseId = a.body.id;
  personId = a.body.persons[0].id;
  const b = await ref.post('/api/v1/cases', sampleCase({ summary: 'Tweede zaak, wacht op informatie' }));
  awaitingId = b.body.id;
  const tri = await loggedIn(server, 'triage1');
  const r = await tri.post(`/api/v1/cases/${awaitingId}/triage`, { outcome: 'more_information', reasoning: 'Welke dreiging precies?', version: b.body.version });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  // a third case, triaged, so the lists show several statuses
  const c = await ref.post('/api/v1/cases', sampleCase({ summary: 'Derde zaak' }));
  await tri.post(`/api/v1/cases/${c.body.id}/triage`, { outcome: 'local', district: 'amsterdam', reasoning: 'Lokaal.', version: c.body.version });
});
after(async () => { await browser?.close(); await server?.stop(); });

async function scan(page, name) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const v = results.violations.map((x) => `${x.id} (${x.impact}): ${x.help}\n  ${x.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  assert.deepEqual(v, [], `axe violations on ${name}:\n${v.join('\n')}`);
  assert.ok(results.passes.length > 0, 'axe ran');
}

test('every page passes an axe WCAG 2.1 AA scan', async () => {
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await page.goto('/#/inloggen');
    await waitForHeading(page, 'Inloggen');
    await scan(page, 'login');

    // login page with an error shown
    await page.click('#login-submit');
    await page.waitForSelector('.schild-error-summary');
    await scan(page, 'login with errors');

    await login(page, 'triage1', PASSWORD);
    await waitForHeading(page, 'Triagewachtrij');
    await page.waitForSelector('#queue-table');
    await scan(page, 'triage queue');

    await page.goto('/#/zaken');
    await waitForHeading(page, 'Zaken');
    await page.waitForSelector('#cases-table');
    await scan(page, 'case list');

    await page.goto('/#/aanmelden');
    await waitForHeading(page, 'Zaak aanmelden');
    await scan(page, 'refer form');
    await page.getByRole('button', { name: 'Persoon toevoegen' }).click();
    await page.fill('#refer-persons-0-date_of_birth', '2026-02-30');
    await page.getByRole('button', { name: 'Zaak aanmelden' }).click();
    await page.waitForSelector('.schild-error-summary');
    await scan(page, 'refer form with errors');

    await page.goto(`/#/zaken/${caseId}`);
    await page.waitForSelector('#triage-form');
    await page.getByLabel(/^Lokaal domein/).check();
    await page.waitForSelector('#triage-district', { state: 'visible' });
    await scan(page, 'case page with triage form');
    await page.getByRole('button', { name: 'Triagebesluit vastleggen' }).click();
    await page.waitForSelector('.schild-error-summary');
    await scan(page, 'triage form with errors');

    await page.goto(`/#/personen/${personId}`);
    await page.waitForSelector('#person-title');
    await scan(page, 'person page');

    await logout(page);
    await scan(page, 'logged out');

    await login(page, 'ref-ams', PASSWORD);
    await page.goto(`/#/zaken/${awaitingId}`);
    await page.waitForSelector('#info-form');
    await scan(page, 'case page with information form');

    await page.goto('/#/bestaat-niet');
    await waitForHeading(page, 'Pagina niet gevonden');
    await scan(page, 'not found');

    // the English pages too
    await page.click('#lang-switch');
    await page.goto(`/#/zaken/${caseId}`);
    await waitForHeading(page, 'Case');
    await scan(page, 'case page (English)');
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test('keyboard: the skip link moves focus to the main content', async () => {
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await login(page, 'triage1', PASSWORD);
    await page.goto('/#/zaken');
    await page.reload(); // a fresh page load: the first Tab reaches the skip link
    await waitForHeading(page, 'Zaken');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'skiplink');
    assert.equal(await page.isVisible('#skiplink'), true);
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'inhoud');
    assert.match(page.url(), /#\/zaken$/, 'the route is unchanged');
    // navigation moves focus to the page heading
    await page.getByRole('link', { name: 'Triagewachtrij' }).focus();
    await page.keyboard.press('Enter');
    await waitForHeading(page, 'Triagewachtrij');
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1');
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

// ---------- threat information (DAF) ----------
async function dafWorld() {
  const ref = await loggedIn(server, 'ref-ams');
  const tri = await loggedIn(server, 'triage1');
  const analyst = await loggedIn(server, 'analyst-ams');
  const om = await loggedIn(server, 'om-ams');
  const cases = [];
  for (const summary of ['Eerste DAF-zaak', 'Tweede DAF-zaak']) {
    const c = await ref.post('/api/v1/cases', sampleCase({ summary }));
    const r = await tri.post(`/api/v1/cases/${c.body.id}/triage`, { outcome: 'local', district: 'amsterdam', reasoning: 'Lokaal.', version: c.body.version });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    cases.push(r.body);
  }
  const [a, b] = cases;
  const actor = await analyst.post('/api/v1/actors', { kind: 'group', name: 'Groep Zwartwater', description: 'Criminele groep' });
  assert.equal(actor.status, 201, JSON.stringify(actor.body));
  const signal = (c, extra) => analyst.post(`/api/v1/cases/${c.id}/signals`, {
    received_at: new Date().toISOString().slice(0, 10), source_org: 'politie-amsterdam', source_grade: 'B', info_grade: '2',
    handling: 'H0', compartment: 'police', concreteness: 'concrete', text: 'Er zijn bedreigingen geuit tegen de rechter.', ...extra,
  });
  const s1 = await signal(a, { subjects: [{ kind: 'actor', id: actor.body.id }, { kind: 'person', id: a.persons[0].id }] });
  assert.equal(s1.status, 201, JSON.stringify(s1.body));
  const h2 = await signal(a, { handling: 'H2', compartment: 'crime_intel', text: 'Alleen voor de politie.' });
  assert.equal(h2.status, 201, JSON.stringify(h2.body));
  assert.equal((await signal(a, { handling: 'H2', text: 'Ook alleen voor de politie.' })).status, 201);
  // naming the actor in the second case notifies the first case's team
  assert.equal((await signal(b, { subjects: [{ kind: 'actor', id: actor.body.id }] })).status, 201);
  const req = await om.post(`/api/v1/signals/${h2.body.id}/release-requests`, { reason: 'Nodig voor het besluit.' });
  assert.equal(req.status, 201, JSON.stringify(req.body));
  // gathering close to the threshold about the actor
  const g = await analyst.post(`/api/v1/subjects/actor/${actor.body.id}/gathering`, { method: 'observation', legal_basis: 'art. 3 Politiewet 2012', duration_days: 24, justification: 'Verkenning.' });
  assert.equal(g.status, 201, JSON.stringify(g.body));
  // an assessment awaiting review
  const draft = await analyst.post(`/api/v1/cases/${b.id}/assessments`, { product: 'DI', seriousness: 3, likelihood: 4, reasoning: 'Onderbouwd.' });
  assert.equal(draft.status, 201, JSON.stringify(draft.body));
  const sub = await analyst.post(`/api/v1/assessments/${draft.body.id}/submit`, { version: draft.body.version });
  assert.equal(sub.status, 200, JSON.stringify(sub.body));
  return { a, b, actor: actor.body, assessment: draft.body };
}

test('every DAF page passes an axe WCAG 2.1 AA scan', async () => {
  const w = await dafWorld();
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await login(page, 'analyst-ams', PASSWORD);
    await page.goto(`/#/zaken/${w.a.id}`);
    await page.waitForSelector('#signal-list');
    await page.waitForSelector('#case-notifications');
    await page.waitForSelector('#assessments-body:not(:has(.schild-loading))');
    await scan(page, 'case page with information and signal form');
    await page.selectOption('#signal-handling', 'H3');
    await page.getByRole('button', { name: 'Signaal vastleggen' }).click();
    await page.waitForSelector('#signal-form .schild-error-summary');
    await scan(page, 'signal form with errors');

    await page.goto('/#/zoeken?q=bedreigen');
    await page.waitForSelector('#search-hits mark');
    await scan(page, 'search results');
    await page.goto('/#/zoeken?q=onvindbaarwoord&from=2026-01-01');
    await page.waitForSelector('#search-empty');
    await scan(page, 'search without results');

    await page.goto(`/#/actoren/${w.actor.id}`);
    await page.waitForSelector('#gathering-meter');
    await scan(page, 'actor page with gathering');
    await page.selectOption('#act-method', 'observation');
    await page.fill('#act-legal_basis', 'art. 3 Politiewet 2012');
    await page.fill('#act-duration_days', '2');
    await page.fill('#act-justification', 'Nog twee dagen.');
    await page.click('#act-submit');
    await page.waitForSelector('#act-threshold');
    assert.match(await page.textContent('#act-threshold'), /drempel van geringe inbreuk/);
    await scan(page, 'gathering refused at the threshold');

    await page.goto('/#/vrijgaveverzoeken');
    await page.waitForSelector('#release-list');
    await scan(page, 'release requests');

    await page.goto('/#/daf-werkvoorraad');
    await page.waitForSelector('#dafqueue-table');
    await scan(page, 'DAF work queue');

    await page.goto(`/#/zaken/${w.a.id}/dreigingsbeoordeling`);
    await page.waitForSelector('#assessment-form');
    await scan(page, 'assessment editor');
    await page.selectOption('#assessment-product', 'DA');
    await page.getByRole('button', { name: 'Concept opslaan' }).click();
    await page.waitForSelector('#assessment-form .schild-error-summary');
    await scan(page, 'assessment editor with errors');

    await page.goto(`/#/beoordelingen/${w.assessment.id}`);
    await page.waitForSelector('#review-own');
    await scan(page, 'review screen (author)');
    await logout(page);

    await login(page, 'analyst-ams2', PASSWORD);
    await page.goto(`/#/beoordelingen/${w.assessment.id}`);
    await page.waitForSelector('#review-form');
    await scan(page, 'review screen (reviewer)');
    await logout(page);

    // the authority: stubs with the release form open, the person page with the order form
    await login(page, 'om-ams', PASSWORD);
    await page.goto(`/#/zaken/${w.a.id}`);
    await page.waitForSelector('#information-restricted');
    await page.getByRole('button', { name: 'Vraag vrijgave' }).first().click();
    await page.waitForSelector('#signal-list textarea[name="reason"]');
    await scan(page, 'case page with a restricted stub');
    await page.goto(`/#/personen/${w.a.persons[0].id}`);
    await page.waitForSelector('#order-form');
    await scan(page, 'person page with gathering and the order form');

    await page.click('#lang-switch');
    await page.goto(`/#/zaken/${w.a.id}`);
    await page.waitForSelector('#information-restricted');
    await scan(page, 'case page with information (English)');
    await page.goto('/#/zoeken?q=bedreigen');
    await page.waitForSelector('#search-total');
    await scan(page, 'search (English)');
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

// ---------- decisions, measures, objects (docs/DECISIONS.md) ----------
async function decisionWorld() {
  const ref = await loggedIn(server, 'ref-ams');
  const tri = await loggedIn(server, 'triage1');
  const analyst = await loggedIn(server, 'analyst-ams');
  const reviewer = await loggedIn(server, 'analyst-ams2');
  const om = await loggedIn(server, 'om-ams');
  const made = [];
  for (const summary of ['Besluitzaak een', 'Besluitzaak twee']) {
    const c = await ref.post('/api/v1/cases', sampleCase({ summary }));
    const r = await tri.post(`/api/v1/cases/${c.body.id}/triage`, { outcome: 'local', district: 'amsterdam', reasoning: 'Lokaal.', version: c.body.version });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const d = await analyst.post(`/api/v1/cases/${r.body.id}/assessments`, { product: 'DI', seriousness: 4, likelihood: 4, resistance_level: 2, reasoning: 'Onderbouwd.' });
    const s = await analyst.post(`/api/v1/assessments/${d.body.id}/submit`, { version: d.body.version });
    const ok = await reviewer.post(`/api/v1/assessments/${d.body.id}/approve`, { version: s.body.version });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    made.push((await om.get(`/api/v1/cases/${r.body.id}`)).body);
  }
  const [open, decided] = made;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
  const reviewDate = new Date(Date.now() + 60 * 86400000).toISOString().slice(0, 10);
  const dec = await om.post(`/api/v1/cases/${decided.id}/decisions`, {
    measures: ['security_advice', 'obe_measures', 'alarm_priority_response'].map((type) => ({ type, executor_org: 'politie-amsterdam', start: today })),
    proportionality: 'Nodig.', tbp_view: 'Akkoord.', tbp_refusal: 'Weigert camerabewaking.', legal_basis: 'art. 12 Politiewet 2012', review_date: reviewDate, version: decided.version,
  });
  assert.equal(dec.status, 201, JSON.stringify(dec.body));
  const obj = await om.post('/api/v1/objects', { kind: 'court', name: 'Rechtbank Amsterdam', address: 'Parnassusweg 280', municipality: 'gemeente-amsterdam' });
  assert.equal(obj.status, 201, JSON.stringify(obj.body));
  return { open, decided, object: obj.body };
}

test('every decision page passes an axe WCAG 2.1 AA scan', async () => {
  const w = await decisionWorld();
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await login(page, 'om-ams', PASSWORD);
    await page.goto(`/#/zaken/${w.open.id}/besluit`);
    await page.waitForSelector('#decision-form');
    await page.selectOption('#decision-measures-0-type', 'security_advice');
    await page.waitForSelector('#decision-package-warning');
    await scan(page, 'decision form with the package warning');
    await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await page.waitForSelector('#decision-form .schild-error-summary');
    await scan(page, 'decision form with errors');

    await page.goto(`/#/zaken/${w.decided.id}`);
    await page.waitForSelector('#case-measures');
    await scan(page, 'case page with decisions and measures');
    await page.goto('/#/werklijst');
    await page.waitForSelector('#worklist-table');
    await scan(page, 'work list (authority)');
    await page.goto(`/#/zaken/${w.decided.id}/overdragen`);
    await page.waitForSelector('#transfer-form');
    await scan(page, 'transfer form');
    await page.goto(`/#/zaken/${w.decided.id}/beeindigen`);
    await page.waitForSelector('#end-form');
    await scan(page, 'end form');
    await page.goto('/#/objecten');
    await page.waitForSelector('#object-form');
    await scan(page, 'objects and services with the register forms');
    await page.goto(`/#/objecten/${w.object.id}`);
    await page.waitForSelector('#object-case');
    await scan(page, 'object page');
    await page.goto(`/#/personen/${w.decided.persons[0].id}`);
    await page.waitForSelector('#person-timeline');
    await scan(page, 'person page with decisions, measures and the timeline');
    await logout(page);

    await login(page, 'lead-ams', PASSWORD);
    await page.goto('/#/werklijst');
    await page.waitForSelector('#orders-board');
    await scan(page, 'orders board (unit lead)');
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

// ---------- oversight and the second factor (docs/OVERSIGHT.md, docs/SECURITY.md) ----------
test('every oversight and account page passes an axe WCAG 2.1 AA scan', async () => {
  const ref = await loggedIn(server, 'ref-ams');
  const c = await ref.post('/api/v1/cases', sampleCase({ summary: 'Zaak voor noodtoegang' }));
  assert.equal(c.status, 201, JSON.stringify(c.body));
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await login(page, 'ref-rdam', PASSWORD);
    await page.goto(`/#/zaken/${c.body.id}`);
    await page.waitForSelector('#bg-form');
    await scan(page, 'case not found with the break-glass form');
    await page.click('#bg-submit');
    await page.waitForSelector('#bg-form .schild-error-summary');
    await scan(page, 'break-glass form with errors');
    await page.fill('#bg-reason', 'Acuut gevaar, de eigen eenheid is niet bereikbaar.');
    await page.click('#bg-submit');
    await page.waitForSelector('#case-break-glass');
    await page.waitForSelector('#break-glass-banner');
    await scan(page, 'case page opened by break-glass, with the banner');
    await page.goto('/#/account');
    await waitForHeading(page, 'Mijn account');
    await scan(page, 'account page with the banner');
    await page.click('#totp-start');
    await page.waitForSelector('#totp-secret');
    await scan(page, 'second factor enrolment');
    await page.click('#totp-confirm');
    await page.waitForSelector('#totp-form .schild-error-summary');
    await scan(page, 'second factor enrolment with errors');
    await logout(page);

    await login(page, 'privacy1', PASSWORD);
    await page.goto('/#/toezicht');
    await page.waitForSelector('#oversight-index');
    await scan(page, 'oversight index');
    await page.goto('/#/toezicht/noodtoegang');
    await page.waitForSelector('#bg-queue form');
    await scan(page, 'break-glass review queue');
    await page.locator('#bg-queue form').first().getByRole('button', { name: 'Beoordeling vastleggen' }).click();
    await page.waitForSelector('#bg-queue .schild-error-summary');
    await scan(page, 'break-glass review with errors');
    await page.goto('/#/toezicht/raadplegingen');
    await page.waitForSelector('#access-start');
    await scan(page, 'access log before a search');
    await page.goto(`/#/toezicht/raadplegingen?object_type=case&object_id=${c.body.id}`);
    await page.waitForSelector('#access-table');
    await scan(page, 'access log of a case');
    await page.goto('/#/toezicht/verstrekkingen');
    await page.waitForSelector('#disclosures-table-results');
    await scan(page, 'disclosures');
    await page.goto('/#/toezicht/verzameling');
    await page.waitForSelector('#gathering-refused');
    await scan(page, 'gathering past the threshold');
    await logout(page);

    await login(page, 'inspector1', PASSWORD);
    await page.waitForSelector('#figures-overview');
    await scan(page, 'figures (inspector)');
    await page.goto('/#/toezicht/audittrail?from=2026-13-01');
    await page.waitForSelector('#audit-form');
    await page.fill('#audit-form-from', '2026-13-01');
    await page.click('#audit-form-submit');
    await page.waitForSelector('#audit-form .schild-error-summary');
    await scan(page, 'audit trail filter with errors');
    await page.goto('/#/toezicht/audittrail');
    await page.waitForSelector('#audit-table');
    await scan(page, 'audit trail (inspector)');
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test('the login with the second factor passes an axe WCAG 2.1 AA scan', async () => {
  const totpServer = await startServer({ totp: true, users: [['triage1', 'triage', 'nctv']] });
  const { page, context, problems } = await openPage(browser, totpServer.base);
  try {
    await page.goto('/#/inloggen');
    await page.fill('#login-username', 'triage1');
    await page.fill('#login-password', PASSWORD);
    await page.click('#login-submit');
    await page.waitForSelector('#login-totp', { state: 'visible' });
    await scan(page, 'login asking for the code');
    await page.fill('#login-totp', '12');
    await page.click('#login-submit');
    await page.waitForSelector('#login-totp-error:not([hidden])');
    await scan(page, 'login with a malformed code');
    await page.click('#login-use-recovery');
    await page.waitForSelector('#login-recovery_code', { state: 'visible' });
    await scan(page, 'login with a recovery code');
    assertNoProblems(problems);
  } finally {
    await context.close();
    await totpServer.stop();
  }
});

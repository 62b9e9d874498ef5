// Threat assessments in the UI (docs/DAF.md): an analyst drafts and submits one; the author
// sees that they cannot approve their own; a second analyst finds it in the DAF work queue,
// sees the review screen and approves it, and the case moves to status decision. Also: the
// new pages switch language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, PASSWORD, sampleCase, USERS } from '../lib/server.mjs';
import { launchBrowser, openPage, login, logout, waitForHeading, assertNoProblems } from './helpers.mjs';

const CAST = [
  ...USERS,
  ['analyst-ams', 'analyst', 'politie-amsterdam'],
  ['analyst-ams2', 'analyst', 'politie-amsterdam'],
];

let server;
let browser;
let kase;
let signal;

before(async () => {
  server = await startServer({ users: CAST });
  browser = await launchBrowser();
  const ref = await loggedIn(server, 'ref-ams');
  const created = await ref.post('/api/v1/cases', sampleCase({ summary: 'Bedreigde rechter', urgent: true }));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const tri = await loggedIn(server, 'triage1');
  const r = await tri.post(`/api/v1/cases/${created.body.id}/triage`,
    { outcome: 'local', district: 'amsterdam', reasoning: 'Lokaal.', version: created.body.version });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  kase = r.body;
  const analyst = await loggedIn(server, 'analyst-ams');
  const s = await analyst.post(`/api/v1/cases/${kase.id}/signals`, {
    received_at: new Date().toISOString().slice(0, 10), source_org: 'politie-amsterdam', source_grade: 'B', info_grade: '2',
    handling: 'H0', compartment: 'police', concreteness: 'concrete', text: 'Dreigbrief met het huisadres van de rechter.',
  });
  assert.equal(s.status, 201, JSON.stringify(s.body));
  signal = s.body;
});
after(async () => { await browser?.close(); await server?.stop(); });

test('four eyes: the author cannot approve; a second analyst approves and the case moves to decision', async () => {
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await login(page, 'analyst-ams', PASSWORD);
    // the work queue names the case: it has no final assessment yet
    await page.getByRole('link', { name: 'DAF-werkvoorraad' }).click();
    await waitForHeading(page, 'DAF-werkvoorraad');
    const row = page.locator('#dafqueue-table tbody tr', { hasText: kase.reference });
    assert.match(await row.textContent(), /Nog geen definitieve dreigingsbeoordeling/);
    assert.match(await row.textContent(), /Spoed/);

    await page.goto(`/#/zaken/${kase.id}`);
    await waitForHeading(page, kase.reference);
    await page.getByRole('link', { name: 'Nieuwe dreigingsbeoordeling schrijven' }).click();
    await waitForHeading(page, 'Nieuwe dreigingsbeoordeling');
    // the five Dutch-labelled steps of ernst and waarschijnlijkheid
    const ernst = await page.locator('#assessment-seriousness label').allTextContents();
    assert.deepEqual(ernst, ['Niet bepaald', '1 – niet ernstig', '2 – matig', '3 – gemiddeld', '4 – ernstig', '5 – zeer ernstig']);
    const kans = await page.locator('#assessment-likelihood label').allTextContents();
    assert.deepEqual(kans, ['Niet bepaald', '1 – zeer laag', '2 – laag', '3 – gemiddeld', '4 – hoog', '5 – zeer hoog']);

    // a DI needs ernst and waarschijnlijkheid
    await page.getByLabel('Product').selectOption('DI');
    await page.getByRole('button', { name: 'Concept opslaan' }).click();
    await page.waitForSelector('#assessment-form .schild-error-summary');
    assert.match(await page.textContent('#assessment-seriousness-error'), /Kies de ernst/);
    assert.match(await page.textContent('#assessment-reasoning-error'), /Vul de motivering in/);

    await page.locator('#assessment-seriousness').getByLabel('4 – ernstig').check();
    await page.locator('#assessment-likelihood').getByLabel('4 – hoog').check();
    // The matrix level shows while choosing (from /api/v1/daf/settings), before any save.
    assert.equal(await page.textContent('#assessment-matrix-level'), 'niveau 4', 'live: ernst 4 x waarschijnlijkheid 4');
    await page.locator('#assessment-likelihood').getByLabel('1 – zeer laag').check();
    assert.equal(await page.textContent('#assessment-matrix-level'), 'niveau 1', 'live: ernst 4 x waarschijnlijkheid 1');
    await page.getByLabel('Voorgesteld dreigingsniveau').selectOption('3');
    assert.match(await page.textContent('#assessment-matrix'), /wijkt af van de matrix \(niveau 1\)|wijkt af van de matrix \(1\)/);
    await page.getByLabel('Voorgesteld dreigingsniveau').selectOption('');
    await page.locator('#assessment-likelihood').getByLabel('4 – hoog').check();
    await page.getByLabel('Intentie').selectOption('4');
    await page.getByLabel('Capaciteit').selectOption('3');
    await page.getByLabel('Voorgesteld weerstandsniveau').selectOption('2');
    await page.locator('#assessment-concreteness').getByLabel('Concreet', { exact: true }).check();
    await page.getByLabel('Motivering', { exact: true }).fill('Dreigbrief met huisadres; dader bekend met geweld.');
    await page.locator('#assessment-indicator-fixation').getByLabel('Aanwezig').check();
    await page.locator('#assessment-indicator-leakage').getByLabel('Afwezig').check();
    await page.getByLabel(/Dreigbrief met het huisadres/).check();
    await page.getByLabel('Aanbevolen maatregelen').fill('security_advice\ncamera_surveillance');
    await page.getByRole('button', { name: 'Concept opslaan' }).click();
    await page.waitForURL(/#\/beoordelingen\/\d+\/bewerken$/);
    await page.waitForSelector('#assessment-matrix-level');
    assert.equal(await page.textContent('#assessment-matrix-level'), 'niveau 4', 'the matrix gives level 4 for ernst 4 x waarschijnlijkheid 4');
    assert.match(await page.textContent('#content'), /Het concept is opgeslagen/);
    // what was saved comes back into the form
    assert.equal(await page.locator('#assessment-indicator-fixation input:checked').getAttribute('value'), 'present');
    assert.equal(await page.isChecked(`#assessment-signals-${signal.id}`), true);

    await page.getByRole('button', { name: 'Opslaan en indienen ter beoordeling' }).click();
    await page.waitForURL(/#\/beoordelingen\/\d+$/);
    await page.waitForSelector('#review-own');
    const id = Number(/beoordelingen\/(\d+)/.exec(page.url())[1]);
    assert.match(await page.textContent('#content'), /De dreigingsbeoordeling is ingediend/);
    assert.equal(await page.textContent('#assessment-status'), 'Ter beoordeling');
    assert.match(await page.textContent('#review-own'), /U kunt haar niet zelf goedkeuren/);
    assert.equal(await page.locator('#review-approve').count(), 0, 'no approve button for the author');
    assert.match(await page.textContent('#sec-diff + p'), /nog geen definitieve beoordeling/);
    await logout(page);

    // a second analyst: the queue shows the review first, the review screen the content
    await login(page, 'analyst-ams2', PASSWORD);
    await page.getByRole('link', { name: 'DAF-werkvoorraad' }).click();
    await waitForHeading(page, 'DAF-werkvoorraad');
    const first = page.locator('#dafqueue-table tbody tr').first();
    assert.match(await first.textContent(), /Dreigingsbeoordeling wacht op beoordeling \(vier ogen\)/);
    await first.getByRole('link', { name: `Beoordeling ${id}` }).click();
    await page.waitForSelector('#review-form');
    const content = await page.textContent('#sec-assessment + dl');
    assert.match(content, /Ernst4 – ernstig/);
    assert.match(content, /Waarschijnlijkheid4 – hoog/);
    assert.match(content, /security_advice, camera_surveillance/);
    assert.match(await page.textContent('#assessment-indicator-table'), /FixatieAanwezig/);
    await page.getByRole('button', { name: 'Afwijzen' }).click();
    await page.waitForSelector('#review-comment-error:not([hidden])');
    assert.match(await page.textContent('#review-comment-error'), /Vul uw opmerkingen in/);
    await page.getByLabel('Opmerkingen').fill('Goed onderbouwd.');
    await page.getByRole('button', { name: 'Goedkeuren' }).click();
    await page.waitForSelector('#assessment-notice');
    assert.match(await page.textContent('#assessment-notice'), /goedgekeurd en definitief/);
    assert.equal(await page.textContent('#assessment-status'), 'Definitief');
    assert.ok(await page.textContent('#assessment-valid-until'), 'valid until a date');

    await page.getByRole('link', { name: `Zaak ${kase.reference}` }).click();
    await waitForHeading(page, kase.reference);
    assert.equal(await page.textContent('#case-status'), 'Besluitvorming');
    await page.waitForSelector('#assessments-table');
    assert.match(await page.textContent('#assessments-table'), /Definitief/);
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test('the new pages switch to English and back', async () => {
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await login(page, 'analyst-ams', PASSWORD);
    await page.goto(`/#/zaken/${kase.id}`);
    await page.waitForSelector('#signal-form');
    await page.click('#lang-switch');
    await waitForHeading(page, `Case ${kase.reference}`);
    await page.waitForSelector('#signal-form');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.textContent('#sec-information'), 'Information');
    assert.equal(await page.textContent('#sec-signal-form'), 'Record a signal');
    assert.equal(await page.textContent('label[for="signal-source_grade"]'), 'Reliability of the source');
    assert.equal(await page.textContent('#signal-list [data-badge="compartment"]'), 'Police');
    assert.deepEqual(await page.locator('nav.schild-navbar a').allTextContents(), ['Cases', 'Work list', 'DAF work queue', 'Search', 'Objects and services', 'Release requests']);

    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await waitForHeading(page, 'Search');
    await page.getByLabel('Search term').fill('dreigbrief');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForSelector('#search-total');
    assert.match(await page.textContent('#search-total'), /^1 result$/);

    await page.getByRole('link', { name: 'DAF work queue' }).click();
    await waitForHeading(page, 'DAF work queue');
    await page.getByRole('link', { name: 'Release requests' }).click();
    await waitForHeading(page, 'Release requests');
    assert.match(await page.textContent('#releases-empty'), /There are no pending release requests/);

    const list = await (await loggedIn(server, 'analyst-ams')).get(`/api/v1/cases/${kase.id}/assessments`);
    const final = list.body.items.find((a) => a.status === 'final');
    await page.goto(`/#/beoordelingen/${final.id}`);
    await waitForHeading(page, 'Threat estimate (DI)');
    assert.equal(await page.textContent('#assessment-status'), 'Final');
    assert.match(await page.textContent('#sec-assessment + dl'), /Seriousness \(ernst\)4 – serious/);

    await page.click('#lang-switch');
    await waitForHeading(page, 'Dreigingsinschatting (DI)');
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');
    assert.equal(await page.textContent('#assessment-status'), 'Definitief');
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

// An axe-core scan (WCAG 2.0/2.1 A and AA) of every page; any violation fails the test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { startServer, loggedIn, PASSWORD, sampleCase } from '../lib/server.mjs';
import { launchBrowser, openPage, login, logout, waitForHeading, assertNoProblems } from './helpers.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
let server;
let browser;
let caseId;
let awaitingId;
let personId;

before(async () => {
  server = await startServer();
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

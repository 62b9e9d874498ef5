// What each role is offered: menus, pages refused with a clear message, deep links after login.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, PASSWORD, sampleCase } from '../lib/server.mjs';
import { launchBrowser, openPage, login, waitForHeading, assertNoProblems } from './helpers.mjs';

let server;
let browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

async function navTexts(page) {
  return page.locator('nav.schild-navbar a').allTextContents();
}

test('an administrator sees no case content and cannot refer', async () => {
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await login(page, 'admin1', PASSWORD);
    await waitForHeading(page, 'Zaken');
    assert.match(await page.textContent('#current-user'), /Beheerder/);
    assert.deepEqual(await navTexts(page), ['Zaken']);
    assert.match(await page.textContent('#content'), /Met uw rol ziet u geen inhoud van zaken/);
    await page.goto('/#/aanmelden');
    await waitForHeading(page, 'Geen toegang');
    assert.match(await page.textContent('#content'), /U kunt met uw rol geen zaken aanmelden/);
    await page.goto('/#/wachtrij');
    await waitForHeading(page, 'Zaken');
    assert.match(page.url(), /#\/zaken$/);
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test('a deep link survives logging in; other organisations\' cases answer not found', async () => {
  const ref = await loggedIn(server, 'ref-ams');
  const r = await ref.post('/api/v1/cases', sampleCase());
  assert.equal(r.status, 201);
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await page.goto(`/#/zaken/${r.body.id}`);
    await waitForHeading(page, 'Inloggen');
    await page.fill('#login-username', 'ref-ams');
    await page.fill('#login-password', PASSWORD);
    await page.click('#login-submit');
    await waitForHeading(page, r.body.reference);
    assert.match(page.url(), new RegExp(`#/zaken/${r.body.id}$`));
    assert.deepEqual(await navTexts(page), ['Mijn zaken', 'Zoeken', 'Objecten en diensten', 'Vrijgaveverzoeken', 'Zaak aanmelden']);
    await page.click('#logout');
    await page.waitForSelector('#login-username');
    await login(page, 'ref-rdam', PASSWORD);
    await page.goto(`/#/zaken/${r.body.id}`);
    await waitForHeading(page, 'Zaak niet gevonden');
    await page.goto(`/#/personen/${r.body.persons[0].id}`);
    await waitForHeading(page, 'Persoon niet gevonden');
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

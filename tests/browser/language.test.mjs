// The English switch: changes every string and the lang attribute, and is remembered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, PASSWORD } from '../lib/server.mjs';
import { launchBrowser, openPage, login, waitForHeading, assertNoProblems } from './helpers.mjs';

let server;
let browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

test('the language switch changes the language and is remembered', async () => {
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await page.goto('/');
    await waitForHeading(page, 'Inloggen');
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');
    assert.equal(await page.textContent('#skiplink'), 'Direct naar de inhoud');

    await page.click('#lang-switch');
    await waitForHeading(page, 'Log in');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.textContent('#skiplink'), 'Skip to content');
    assert.equal(await page.textContent('label[for="login-username"]'), 'Username');
    assert.equal(await page.textContent('#lang-switch'), 'Nederlands');
    assert.equal(await page.getAttribute('#lang-switch', 'lang'), 'nl');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'lang-switch', 'focus stays on the switch');
    assert.equal(await page.evaluate(() => localStorage.getItem('schild.lang')), 'en');

    // remembered across a reload and after logging in
    await page.reload();
    await waitForHeading(page, 'Log in');
    await login(page, 'triage1', PASSWORD);
    await waitForHeading(page, 'Triage queue');
    assert.match(await page.textContent('#current-user'), /Triage officer/);
    assert.match(await page.textContent('#content'), /There are no referrals in the queue/);
    assert.equal(await page.textContent('#logout'), 'Log out');

    await page.click('#lang-switch');
    await waitForHeading(page, 'Triagewachtrij');
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');
    assert.match(await page.textContent('#current-user'), /Triagist/);
    assert.match(await page.textContent('#content'), /Er staan geen aanmeldingen in de wachtrij/);
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test('a typed referral survives a language switch', async () => {
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await login(page, 'ref-ams', PASSWORD);
    await page.goto('/#/aanmelden');
    await waitForHeading(page, 'Zaak aanmelden');
    await page.getByLabel('Samenvatting van de dreiging').fill('Half ingevuld');
    await page.fill('#refer-persons-0-surname', 'Smit');
    await page.click('#lang-switch');
    await waitForHeading(page, 'Refer a case');
    assert.equal(await page.inputValue('#refer-summary'), 'Half ingevuld');
    assert.equal(await page.inputValue('#refer-persons-0-surname'), 'Smit');
    assert.equal(await page.textContent('label[for="refer-persons-0-surname"]'), 'Surname');
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

// Form errors: plain Dutch messages beside the fields, an error summary that takes focus, and
// nothing stored when the server refuses (an impossible date such as 2026-02-30).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, PASSWORD } from '../lib/server.mjs';
import { launchBrowser, openPage, login, waitForHeading, assertNoProblems } from './helpers.mjs';

let server;
let browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

async function caseCount() {
  const c = await loggedIn(server, 'ref-ams');
  const r = await c.get('/api/v1/cases');
  assert.equal(r.status, 200);
  return r.body.total;
}

test('an impossible date of birth is shown beside the field and nothing is stored', async () => {
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await login(page, 'ref-ams', PASSWORD);
    await page.goto('/#/aanmelden');
    await waitForHeading(page, 'Zaak aanmelden');
    await page.getByLabel('Samenvatting van de dreiging').fill('Dreiging tegen een journalist');
    await page.getByLabel('Fenomeen').selectOption('lone_actor');
    await page.fill('#refer-persons-0-given_names', 'Els');
    await page.fill('#refer-persons-0-surname', 'Bakker');
    await page.fill('#refer-persons-0-date_of_birth', '2026-02-30');
    await page.getByRole('button', { name: 'Zaak aanmelden' }).click();

    const err = page.locator('#refer-persons-0-date_of_birth-error');
    await err.waitFor({ state: 'visible' });
    const text = await err.textContent();
    assert.match(text, /Vul een bestaande datum in voor de geboortedatum/);
    assert.doesNotMatch(text, /valid|date \(YYYY/i, 'no English server text shown');
    // beside the field: inside the same form field as the input, linked by aria-describedby
    const field = page.locator('[data-field="refer-persons-0-date_of_birth"]');
    assert.equal(await field.locator('#refer-persons-0-date_of_birth-error').count(), 1);
    assert.equal(await page.getAttribute('#refer-persons-0-date_of_birth', 'aria-invalid'), 'true');
    assert.match(await page.getAttribute('#refer-persons-0-date_of_birth', 'aria-describedby'), /refer-persons-0-date_of_birth-error/);
    // the error summary has focus and links to the field
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains('schild-error-summary')), true);
    const summary = await page.textContent('.schild-error-summary');
    assert.match(summary, /Persoon 1: Vul een bestaande datum in/);
    await page.click('.schild-error-summary a');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'refer-persons-0-date_of_birth');
    // still on the form, with the input kept, and nothing stored
    assert.match(page.url(), /#\/aanmelden$/);
    assert.equal(await page.inputValue('#refer-persons-0-surname'), 'Bakker');
    assert.equal(await caseCount(), 0);

    // fixing the date clears the error and stores the case
    await page.fill('#refer-persons-0-date_of_birth', '1980-02-29');
    await page.getByRole('button', { name: 'Zaak aanmelden' }).click();
    await page.waitForURL(/#\/zaken\/\d+$/);
    assert.equal(await caseCount(), 1);
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test('required fields left empty get Dutch messages beside each field', async () => {
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await login(page, 'ref-ams', PASSWORD);
    await page.goto('/#/aanmelden');
    await waitForHeading(page, 'Zaak aanmelden');
    await page.getByRole('button', { name: 'Zaak aanmelden' }).click();
    await page.waitForSelector('.schild-error-summary');
    assert.equal(await page.textContent('#refer-summary-error'), 'Fout: Vul de samenvatting in.');
    assert.equal(await page.textContent('#refer-phenomenon-error'), 'Fout: Kies een fenomeen.');
    assert.equal(await page.textContent('#refer-persons-0-given_names-error'), 'Fout: Vul de voornamen in.');
    assert.equal(await page.textContent('#refer-persons-0-surname-error'), 'Fout: Vul de achternaam in.');
    assert.equal(await page.textContent('#refer-persons-0-date_of_birth-error'), 'Fout: Vul de geboortedatum in.');
    assert.equal(await page.isVisible('#refer-persons-0-function-error'), false, 'optional fields have no error');
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains('schild-error-summary')), true);
    assert.equal(await caseCount(), 1, 'nothing new stored');
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test('a wrong password gives a plain Dutch message', async () => {
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await page.goto('/#/inloggen');
    await page.fill('#login-username', 'ref-ams');
    await page.fill('#login-password', 'wrong password');
    await page.click('#login-submit');
    await page.waitForSelector('.schild-error-summary');
    assert.match(await page.textContent('.schild-error-summary'), /De gebruikersnaam of het wachtwoord is onjuist/);
    assert.equal(await page.inputValue('#login-password'), '');
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

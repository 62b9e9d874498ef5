// User data with HTML metacharacters is shown verbatim, as text, never as markup.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, PASSWORD } from '../lib/server.mjs';
import { launchBrowser, openPage, login, waitForHeading, assertNoProblems } from './helpers.mjs';

const EVIL = '<img src=x onerror=alert(1)>';
const EVIL2 = '"><script>alert(2)</script>&amp;';
let server;
let browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

test('HTML metacharacters in user data show verbatim as text', async () => {
  const { page, context, problems, dialogs } = await openPage(browser, server.base);
  try {
    // entered through the form
    await login(page, 'ref-ams', PASSWORD);
    await page.goto('/#/aanmelden');
    await waitForHeading(page, 'Zaak aanmelden');
    await page.getByLabel('Samenvatting van de dreiging').fill(EVIL);
    await page.getByLabel('Fenomeen').selectOption('other');
    await page.getByLabel(/Bron en aanleiding/).fill(EVIL2);
    await page.fill('#refer-persons-0-given_names', EVIL);
    await page.fill('#refer-persons-0-surname', EVIL2);
    await page.fill('#refer-persons-0-date_of_birth', '1965-05-05');
    await page.fill('#refer-persons-0-function', '<b>rechter</b>');
    await page.getByRole('button', { name: 'Zaak aanmelden' }).click();
    await page.waitForURL(/#\/zaken\/\d+$/);
    await page.waitForSelector('#case-summary');
    assert.equal(await page.textContent('#case-summary'), EVIL);
    assert.equal(await page.textContent('#case-source'), EVIL2);
    const persons = await page.textContent('#persons-table');
    assert.ok(persons.includes(`${EVIL} ${EVIL2}`), persons);
    assert.ok(persons.includes('<b>rechter</b>'));
    assert.equal(await page.locator('#content img, #content script, #content b').count(), 0, 'no markup was created');

    // the person page
    await page.locator('#persons-table a').first().click();
    await page.waitForSelector('#person-title');
    assert.equal(await page.textContent('#person-title'), `${EVIL} ${EVIL2}`);
    assert.equal(await page.locator('#content img, #content script').count(), 0);

    // the lists (the queue, as triage)
    await page.click('#logout');
    await login(page, 'triage1', PASSWORD);
    await page.waitForSelector('#queue-table');
    const queue = await page.textContent('#queue-table');
    assert.ok(queue.includes(EVIL), queue);
    assert.equal(await page.locator('#content img').count(), 0);

    // a triage reasoning with metacharacters, shown in the timeline
    await page.locator('#queue-table a').first().click();
    await page.waitForSelector('#triage-form');
    await page.getByLabel(/^Geen overheidsmaatregelen/).check();
    await page.getByLabel('Motivering').fill(`Advies: ${EVIL}`);
    await page.getByRole('button', { name: 'Triagebesluit vastleggen' }).click();
    await page.waitForSelector('#case-notice');
    assert.match(await page.textContent('#case-timeline'), /Advies: <img src=x onerror=alert\(1\)>/);
    assert.equal(await page.locator('#content img').count(), 0);
    assert.equal(await page.textContent('#case-status'), 'Afgesloten');
    assert.deepEqual(dialogs, [], 'no script ran');
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test('data created through the API with metacharacters shows verbatim', async () => {
  const ref = await loggedIn(server, 'ref-ams');
  const r = await ref.post('/api/v1/cases', {
    summary: `Samenvatting ${EVIL}`, phenomenon: 'activism', urgent: false,
    persons: [{ given_names: '<i>Piet</i>', surname: 'Test & Zn', date_of_birth: '1960-01-01' }],
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const { page, context, problems, dialogs } = await openPage(browser, server.base);
  try {
    await login(page, 'ref-ams', PASSWORD);
    await page.waitForSelector('#cases-table');
    const list = await page.textContent('#cases-table');
    assert.ok(list.includes('<i>Piet</i> Test & Zn'), list);
    assert.ok(list.includes(`Samenvatting ${EVIL}`));
    assert.equal(await page.locator('#content img, #content i').count(), 0);
    assert.deepEqual(dialogs, []);
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

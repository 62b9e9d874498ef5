// The main path through the UI: a referrer refers a case, triage finds it in the queue and
// decides local/amsterdam; plus the version-conflict message and the referrer's answer form.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, PASSWORD, sampleCase } from '../lib/server.mjs';
import { launchBrowser, openPage, login, logout, waitForHeading, assertNoProblems } from './helpers.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('referrer refers a case; triage triages it local/amsterdam', async () => {
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await login(page, 'ref-ams', PASSWORD);
    // header: user, Dutch role label, organisation
    const who = await page.textContent('#current-user');
    assert.match(who, /Aanmelder/);
    assert.match(who, /ref-ams|Ref/i);

    await page.getByRole('link', { name: 'Zaak aanmelden' }).click();
    await waitForHeading(page, 'Zaak aanmelden');
    await page.getByLabel('Samenvatting van de dreiging').fill('Bedreiging van een officier van justitie na een zitting');
    await page.getByLabel('Fenomeen').selectOption('organised_crime');
    await page.getByLabel('Spoedeisend').check();
    await page.getByLabel(/Bron en aanleiding/).fill('Melding via de politie-eenheid Amsterdam');
    await page.fill('#refer-persons-0-given_names', 'Maria Johanna');
    await page.fill('#refer-persons-0-surname_prefix', 'de');
    await page.fill('#refer-persons-0-surname', 'Vries');
    await page.fill('#refer-persons-0-date_of_birth', '1975-06-02');
    await page.fill('#refer-persons-0-function', 'officier van justitie');
    // add a second person, then a third, and remove the third again
    await page.getByRole('button', { name: 'Persoon toevoegen' }).click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'refer-persons-1-given_names');
    await page.fill('#refer-persons-1-given_names', 'Pieter');
    await page.fill('#refer-persons-1-surname', 'Jansen');
    await page.fill('#refer-persons-1-date_of_birth', '1972-11-30');
    await page.getByRole('button', { name: 'Persoon toevoegen' }).click();
    await page.fill('#refer-persons-2-given_names', 'Weg');
    await page.fill('#refer-persons-2-surname', 'Ermee');
    await page.fill('#refer-persons-2-date_of_birth', '1990-01-01');
    await page.getByRole('button', { name: 'Persoon 3 verwijderen' }).click();
    assert.equal(await page.locator('fieldset.schild-person').count(), 2);
    assert.equal(await page.inputValue('#refer-persons-1-surname'), 'Jansen');

    await page.getByRole('button', { name: 'Zaak aanmelden' }).click();
    await page.waitForURL(/#\/zaken\/\d+$/);
    await waitForHeading(page, 'Zaak SBP-');
    const reference = (await page.textContent('#content h1')).replace('Zaak ', '').trim();
    assert.match(await page.textContent('#content'), /De zaak is aangemeld met kenmerk/);
    assert.equal(await page.textContent('#case-status'), 'Aangemeld');
    const persons = await page.textContent('#persons-table');
    assert.match(persons, /Maria Johanna de Vries/);
    assert.match(persons, /Pieter Jansen/);
    assert.equal(await page.locator('#triage-form').count(), 0, 'a referrer sees no triage form');

    // it shows in "Mijn zaken"
    await page.getByRole('link', { name: 'Mijn zaken' }).click();
    await waitForHeading(page, 'Mijn zaken');
    await page.waitForSelector('#cases-table');
    assert.match(await page.textContent('#cases-table'), new RegExp(reference));

    await logout(page);
    assert.match(await page.textContent('#content'), /U bent uitgelogd/);

    // triage
    await login(page, 'triage1', PASSWORD);
    await waitForHeading(page, 'Triagewachtrij');
    assert.match(await page.textContent('#current-user'), /Triagist/);
    await page.waitForSelector('#queue-table');
    await page.getByRole('link', { name: reference }).click();
    await waitForHeading(page, reference);
    const before = await page.locator('#case-timeline li').count();
    assert.ok(before >= 1, 'the timeline shows the referral');
    await page.waitForSelector('#triage-form');
    assert.equal(await page.isVisible('#triage-district'), false, 'district hidden until local is chosen');
    await page.getByLabel(/^Lokaal domein/).check();
    assert.equal(await page.isVisible('#triage-district'), true);
    await page.getByLabel('Arrondissement').selectOption('amsterdam');
    await page.getByLabel('Motivering').fill('Lokale zaak; het OM Amsterdam heeft het gezag.');
    await page.getByRole('button', { name: 'Triagebesluit vastleggen' }).click();
    await page.waitForSelector('#case-notice');
    assert.match(await page.textContent('#case-notice'), /Het triagebesluit is vastgelegd/);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'case-notice');
    assert.equal(await page.textContent('#case-status'), 'Dreigingsanalyse');
    assert.equal(await page.textContent('#case-domain'), 'Lokaal domein');
    assert.match(await page.textContent('#case-authority'), /Amsterdam/);
    const afterCount = await page.locator('#case-timeline li').count();
    assert.ok(afterCount > before, `timeline grew (${before} -> ${afterCount})`);
    assert.match(await page.textContent('#case-timeline'), /Triage: lokaal domein/);
    assert.equal(await page.locator('#triage-form').count(), 0, 'no triage form after triage');

    // the queue no longer holds it
    await page.getByRole('link', { name: 'Triagewachtrij' }).click();
    await waitForHeading(page, 'Triagewachtrij');
    assert.doesNotMatch(await page.textContent('#content'), new RegExp(reference));
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test('a stale version shows a clear conflict message, reloads, and keeps the input', async () => {
  const ref = await loggedIn(server, 'ref-ams');
  const created = await ref.post('/api/v1/cases', sampleCase({ summary: 'Conflicttest' }));
  assert.equal(created.status, 201);
  const id = created.body.id;
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await login(page, 'triage1', PASSWORD);
    await page.goto(`/#/zaken/${id}`);
    await page.waitForSelector('#triage-form');
    // meanwhile another triage officer asks for more information (version goes up)
    const other = await loggedIn(server, 'triage1');
    const r = await other.post(`/api/v1/cases/${id}/triage`, { outcome: 'more_information', reasoning: 'Wie is de dader?', version: created.body.version });
    assert.equal(r.status, 200);
    await page.getByLabel(/^Rijksdomein/).check();
    await page.getByLabel('Motivering').fill('Past in het stelsel.');
    await page.getByRole('button', { name: 'Triagebesluit vastleggen' }).click();
    await page.waitForSelector('#case-notice');
    assert.match(await page.textContent('#case-notice'), /Iemand anders heeft deze zaak intussen gewijzigd/);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'case-notice');
    // reloaded: the question is now shown, and what was typed is kept
    assert.match(await page.textContent('#content'), /Wie is de dader\?/);
    assert.equal(await page.inputValue('#triage-reasoning'), 'Past in het stelsel.');
    assert.equal(await page.isChecked('#triage-outcome-0'), true);
    // a second attempt with the fresh version succeeds
    await page.getByRole('button', { name: 'Triagebesluit vastleggen' }).click();
    await page.waitForFunction(() => document.querySelector('#case-status')?.textContent === 'Dreigingsanalyse');
    assert.equal(await page.textContent('#case-domain'), 'Rijksdomein');
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test('a referrer answers a request for more information', async () => {
  const ref = await loggedIn(server, 'ref-ams');
  const created = await ref.post('/api/v1/cases', sampleCase({ summary: 'Informatietest' }));
  const tri = await loggedIn(server, 'triage1');
  const r = await tri.post(`/api/v1/cases/${created.body.id}/triage`, { outcome: 'more_information', reasoning: 'Is er aangifte gedaan?', version: created.body.version });
  assert.equal(r.status, 200);
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await login(page, 'ref-ams', PASSWORD);
    await page.goto(`/#/zaken/${created.body.id}`);
    await page.waitForSelector('#info-form');
    assert.match(await page.textContent('#information-request'), /Is er aangifte gedaan\?/);
    // empty answer: a Dutch error beside the field
    await page.getByRole('button', { name: 'Antwoord versturen' }).click();
    await page.waitForSelector('#info-text-error:not([hidden])');
    assert.match(await page.textContent('#info-text-error'), /Vul uw antwoord in/);
    await page.getByLabel('Uw antwoord').fill('Ja, op 3 maart bij de politie.');
    await page.getByRole('button', { name: 'Antwoord versturen' }).click();
    await page.waitForSelector('#case-notice');
    assert.match(await page.textContent('#case-notice'), /Uw antwoord is verstuurd/);
    assert.equal(await page.locator('#info-form').count(), 0);
    assert.match(await page.textContent('#case-timeline'), /Ja, op 3 maart bij de politie\./);
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

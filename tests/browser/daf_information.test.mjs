// Threat information in the UI (docs/DAF.md): recording a signal and seeing its badges, linking
// a new actor, finding the signal again through search with Dutch stemming (highlighted as
// <mark>), and need-to-know without silence: a stub for a team member who may not read the
// signal, their request for release and the originator's approval.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, PASSWORD, sampleCase, USERS } from '../lib/server.mjs';
import { launchBrowser, openPage, login, logout, waitForHeading, assertNoProblems } from './helpers.mjs';

const CAST = [
  ...USERS,
  ['analyst-ams', 'analyst', 'politie-amsterdam'],
];
const TEXT = 'Via sociale media zijn bedreigingen geuit tegen de rechter <b>vandaag</b>.';

let server;
let browser;
let kase;

before(async () => {
  server = await startServer({ users: CAST });
  browser = await launchBrowser();
  const ref = await loggedIn(server, 'ref-ams');
  const created = await ref.post('/api/v1/cases', sampleCase({ summary: 'Rechter in Amsterdam' }));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const tri = await loggedIn(server, 'triage1');
  const r = await tri.post(`/api/v1/cases/${created.body.id}/triage`,
    { outcome: 'local', district: 'amsterdam', reasoning: 'Lokaal.', version: created.body.version });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  kase = r.body;
});
after(async () => { await browser?.close(); await server?.stop(); });

async function openCase(page) {
  await page.goto(`/#/zaken/${kase.id}`);
  await waitForHeading(page, kase.reference);
  await page.waitForSelector('#information-body:not(:has(.schild-loading))');
}

test('a signal is recorded with a new actor and shows its grade, handling and compartment badges', async () => {
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await login(page, 'analyst-ams', PASSWORD);
    await openCase(page);
    assert.match(await page.textContent('#case-information'), /Er zijn nog geen signalen vastgelegd/);
    assert.equal(await page.inputValue('#signal-source_org'), 'politie-amsterdam', 'the own organisation is the default originator');

    // the required fields are explained in Dutch
    await page.fill('#signal-received_at', '');
    await page.getByRole('button', { name: 'Signaal vastleggen' }).click();
    await page.waitForSelector('#signal-form .schild-error-summary');
    assert.match(await page.textContent('#signal-received_at-error'), /Vul de datum van ontvangst in/);
    assert.match(await page.textContent('#signal-text-error'), /Vul de inhoud van het signaal in/);
    assert.match(await page.textContent('#signal-compartment-error'), /Kies een compartiment/);

    await page.fill('#signal-received_at', new Date().toISOString().slice(0, 10));
    await page.getByLabel('Betrouwbaarheid van de bron').selectOption('B');
    await page.getByLabel('Betrouwbaarheid van de informatie').selectOption('2');
    await page.getByLabel('Behandelcode').selectOption('H2');
    assert.equal(await page.isVisible('#signal-handling_note'), false, 'the note is only for H3');
    await page.getByLabel('Compartiment').selectOption('police');
    await page.getByLabel('Concreet', { exact: true }).check();
    await page.getByLabel('Inhoud van het signaal').fill(TEXT);
    await page.getByLabel('Jan Pieter van der Berg').check();
    // a new actor, recorded from the form and named as a subject at once
    await page.getByLabel('Soort actor').selectOption('group');
    await page.getByLabel('Naam', { exact: true }).fill('Groep Zwartwater');
    await page.getByRole('button', { name: 'Actor vastleggen en toevoegen' }).click();
    await page.waitForSelector('#signal-actor-list input:checked');
    assert.match(await page.textContent('#signal-actor-list'), /Groep Zwartwater \(Groep\)/);
    await page.getByRole('button', { name: 'Signaal vastleggen' }).click();

    await page.waitForSelector('#information-notice');
    assert.match(await page.textContent('#information-notice'), /Het signaal is vastgelegd \(B2\)/);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'information-notice');
    const item = page.locator('#signal-list > li').first();
    assert.equal(await item.locator('[data-badge="grade"]').textContent(), 'B2');
    assert.equal(await item.locator('[data-badge="handling"]').textContent(), 'H2');
    assert.equal(await item.locator('[data-badge="compartment"]').textContent(), 'Politie');
    assert.equal(await item.locator('[data-badge="concreteness"]').textContent(), 'Concreet');
    assert.equal(await item.locator('.schild-signal__text').textContent(), TEXT, 'the text shows verbatim');
    assert.equal(await page.locator('#signal-list b').count(), 0, 'no markup from the data');
    assert.match(await item.textContent(), /Betreft: Jan Pieter van der Berg, Groep Zwartwater/);
    // the form is empty again for the next signal
    assert.equal(await page.inputValue('#signal-text'), '');

    // the actor is linked to the case; its page lists the case
    await page.locator('#case-actors').getByRole('link', { name: 'Groep Zwartwater' }).click();
    await page.waitForSelector('#actor-title');
    assert.equal(await page.textContent('#actor-title'), 'Groep Zwartwater');
    assert.match(await page.textContent('#actor-cases'), new RegExp(kase.reference));
    assert.equal(await page.locator('#actor-other-cases').count(), 0, 'no other cases');
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test('search finds "bedreigingen" when asked for "bedreigen" and marks the match', async () => {
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await login(page, 'ref-ams', PASSWORD);
    await page.getByRole('link', { name: 'Zoeken', exact: true }).click();
    await waitForHeading(page, 'Zoeken');
    await page.getByLabel('Zoekterm').fill('bedreigen');
    await page.getByLabel('Soort').selectOption('signal');
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await page.waitForURL(/#\/zoeken\?q=bedreigen&kind=signal$/);
    await page.waitForSelector('#search-total');
    assert.match(await page.textContent('#search-total'), /^1 resultaat$/);
    const hit = page.locator('#search-hits > li').first();
    const marks = await hit.locator('mark').allTextContents();
    assert.ok(marks.some((m) => /^bedreigingen$/i.test(m)), JSON.stringify(marks));
    assert.match(await hit.textContent(), /Via sociale media zijn bedreigingen geuit/);
    assert.equal(await hit.locator('b').count(), 0, 'the snippet is text, never markup');
    assert.equal(await hit.locator('[data-badge="grade"]').textContent(), 'B2');

    // the hit leads to the signal on its case page
    await hit.locator('a.schild-hit__title').click();
    await waitForHeading(page, kase.reference);
    await page.waitForFunction(() => document.activeElement?.classList.contains('schild-signal'));

    // nothing found: a clear empty state
    await page.goto('/#/zoeken?q=onvindbaarwoord');
    await page.waitForSelector('#search-empty');
    assert.match(await page.textContent('#search-empty'), /Niets gevonden voor “onvindbaarwoord”/);
    assert.match(await page.textContent('#search-total'), /^0 resultaten$/);
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test('a restricted stub for a team member who may not read it; release requested and approved', async () => {
  const analyst = await loggedIn(server, 'analyst-ams');
  const secret = 'Dienstinformatie over het kroonjuweel-plan.';
  const s = await analyst.post(`/api/v1/cases/${kase.id}/signals`, {
    received_at: new Date().toISOString().slice(0, 10), source_org: 'politie-amsterdam', source_grade: 'A', info_grade: '3',
    handling: 'H2', compartment: 'crime_intel', concreteness: 'conceivable', text: secret,
  });
  assert.equal(s.status, 201, JSON.stringify(s.body));
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    // the authority (OM Amsterdam, on the team) may not read H2 of the police: this one and the
    // signal of the first test
    await login(page, 'om-ams', PASSWORD);
    await openCase(page);
    assert.match(await page.textContent('#information-restricted'), /Beperkt: er zijn 2 signalen die u niet mag inzien/);
    const stub = page.locator(`#signal-${s.body.id}`);
    assert.equal(await stub.getAttribute('data-restricted'), 'true');
    const stubText = await stub.textContent();
    assert.match(stubText, /Beperkt: er is informatie die u niet mag inzien/);
    assert.match(stubText, /Bron: Politie Eenheid Amsterdam/);
    assert.match(stubText, /Criminele inlichtingen \(CIE\)/);
    assert.equal(await stub.locator('[data-badge="grade"]').textContent(), 'A3');
    assert.equal(await stub.locator('[data-badge="handling"]').textContent(), 'H2');
    assert.doesNotMatch(await page.textContent('#content'), /kroonjuweel/);

    await stub.getByRole('button', { name: 'Vraag vrijgave' }).click();
    assert.equal(await stub.getByRole('button', { name: 'Vraag vrijgave' }).getAttribute('aria-expanded'), 'true');
    await stub.getByRole('button', { name: 'Verzoek versturen' }).click();
    await page.waitForSelector(`#release-${s.body.id}-reason-error:not([hidden])`);
    assert.match(await page.textContent(`#release-${s.body.id}-reason-error`), /Vul de reden in/);
    await stub.getByLabel('Reden van uw verzoek').fill('Nodig voor het besluit over maatregelen.');
    await stub.getByRole('button', { name: 'Verzoek versturen' }).click();
    await page.waitForSelector('#information-notice');
    assert.match(await page.textContent('#information-notice'), /Uw verzoek om vrijgave is verstuurd naar Politie Eenheid Amsterdam/);
    assert.equal(await page.textContent(`#release-status-${s.body.id}`), 'In behandeling');
    assert.equal(await page.locator(`#signal-${s.body.id}`).getByRole('button', { name: 'Vraag vrijgave' }).count(), 0, 'one request at a time');
    await logout(page);

    // the originator decides
    await login(page, 'analyst-ams', PASSWORD);
    await page.getByRole('link', { name: 'Vrijgaveverzoeken' }).click();
    await waitForHeading(page, 'Vrijgaveverzoeken');
    const request = page.locator('#release-list > li').first();
    const requestText = await request.textContent();
    assert.match(requestText, /Verzoek van om-ams/);
    assert.match(requestText, /Nodig voor het besluit over maatregelen\./);
    assert.match(requestText, /kroonjuweel-plan/, 'the originator sees what is asked');
    await request.getByLabel('Toelichting bij uw besluit').fill('Akkoord, alleen voor het besluit.');
    await request.getByRole('button', { name: 'Vrijgeven' }).click();
    await page.waitForSelector('#releases-notice');
    assert.match(await page.textContent('#releases-notice'), /Het signaal is vrijgegeven aan om-ams/);
    assert.match(await page.textContent('#releases-empty'), /Er zijn geen openstaande verzoeken om vrijgave/);
    await logout(page);

    // the requester now reads it
    await login(page, 'om-ams', PASSWORD);
    await openCase(page);
    assert.equal(await page.locator(`#signal-${s.body.id}`).getAttribute('data-restricted'), null);
    assert.match(await page.textContent(`#signal-${s.body.id}`), /kroonjuweel-plan/);
    assert.match(await page.textContent('#information-restricted'), /Beperkt: er is 1 signaal dat u niet mag inzien/,
      'released to the requester for this one signal only');
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

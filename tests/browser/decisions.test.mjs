// Decisions in the UI (docs/DECISIONS.md): from a final assessment to active measures (the
// authority decides beside the assessment, sees the package warning and adds the missing
// measure; the unit lead of the executor activates it on the orders board; the case shows it
// active), and a transfer to the national domain that leaves the red "previous authority" flag.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, PASSWORD, sampleCase, USERS } from '../lib/server.mjs';
import { launchBrowser, openPage, login, logout, waitForHeading, assertNoProblems } from './helpers.mjs';

const CAST = [
  ...USERS,
  ['analyst-ams', 'analyst', 'politie-amsterdam'],
  ['analyst-ams2', 'analyst', 'politie-amsterdam'],
  ['lead-ams', 'unit_lead', 'politie-amsterdam'],
];

let server;
let browser;
let kase;

// A local Amsterdam case with a final DI proposing threat level 4 and resistance level 2.
async function caseInDecision(summary) {
  const ref = await loggedIn(server, 'ref-ams');
  const created = await ref.post('/api/v1/cases', sampleCase({ summary }));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const tri = await loggedIn(server, 'triage1');
  const r = await tri.post(`/api/v1/cases/${created.body.id}/triage`,
    { outcome: 'local', district: 'amsterdam', reasoning: 'Lokaal.', version: created.body.version });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const analyst = await loggedIn(server, 'analyst-ams');
  const draft = await analyst.post(`/api/v1/cases/${r.body.id}/assessments`,
    { product: 'DI', seriousness: 4, likelihood: 4, resistance_level: 2, reasoning: 'Dreigbrief met huisadres.' });
  assert.equal(draft.status, 201, JSON.stringify(draft.body));
  const sub = await analyst.post(`/api/v1/assessments/${draft.body.id}/submit`, { version: draft.body.version });
  assert.equal(sub.status, 200, JSON.stringify(sub.body));
  const reviewer = await loggedIn(server, 'analyst-ams2');
  const ok = await reviewer.post(`/api/v1/assessments/${draft.body.id}/approve`, { version: sub.body.version });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  return r.body;
}

before(async () => {
  server = await startServer({ users: CAST });
  browser = await launchBrowser();
  kase = await caseInDecision('Bedreigde rechter, besluit nodig');
});
after(async () => { await browser?.close(); await server?.stop(); });

test('from a final assessment to an active measure', async () => {
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await login(page, 'om-ams', PASSWORD);
    // the authority's work list names the case
    await page.getByRole('link', { name: 'Werklijst' }).click();
    await waitForHeading(page, 'Werklijst');
    assert.match(await page.locator('#worklist-table tbody tr', { hasText: kase.reference }).textContent(), /Besluit nodig/);

    await page.goto(`/#/zaken/${kase.id}`);
    await waitForHeading(page, kase.reference);
    await page.waitForSelector('#decisions-body:not(:has(.schild-loading))');
    assert.match(await page.textContent('#decisions-body'), /Er is geen besluit van kracht/);
    await page.getByRole('link', { name: 'Besluit nemen' }).click();
    await waitForHeading(page, `Besluit voor zaak ${kase.reference}`);

    // beside the form: the final assessment, whose levels the form adopts
    assert.equal(await page.textContent('#decision-proposed-resistance'), 'weerstandsniveau 2');
    assert.equal(await page.inputValue('#decision-resistance_level'), '2');
    assert.equal(await page.inputValue('#decision-threat_level'), '4');
    assert.equal(await page.isVisible('#decision-deviation_reasoning'), false, 'no deviation, no reasoning asked');
    await page.selectOption('#decision-resistance_level', '3');
    assert.equal(await page.isVisible('#decision-deviation_reasoning'), true, 'a deviation asks for its reasoning');
    await page.selectOption('#decision-resistance_level', '2');
    assert.equal(await page.isVisible('#decision-deviation_reasoning'), false);
    // the review date defaults to today + review_days_default (90)
    const review = await page.inputValue('#decision-review_date');
    const expected = new Date(Date.UTC(...new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date()).split('-').map((x, i) => Number(x) - (i === 1 ? 1 : 0))) + 90 * 86400000).toISOString().slice(0, 10);
    assert.equal(review, expected);

    // submitting an empty form: errors beside the fields and a summary
    await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await page.waitForSelector('#decision-form .schild-error-summary');
    assert.match(await page.textContent('#decision-measures-0-type-error'), /Kies de maatregel/);
    assert.match(await page.textContent('#decision-proportionality-error'), /Vul de proportionaliteit in/);
    assert.match(await page.textContent('#decision-heard-error'), /Kies of de persoon is gehoord/);

    // one measure: the package of resistance level 2 lists what is missing, live
    await page.selectOption('#decision-measures-0-type', 'security_advice');
    await page.selectOption('#decision-measures-0-executor_org', 'politie-amsterdam');
    await page.waitForSelector('#decision-package-warning');
    const missing = await page.locator('#decision-missing li').evaluateAll((els) => els.map((e) => e.getAttribute('data-missing')));
    assert.deepEqual(missing.sort(), ['alarm_priority_response', 'obe_measures']);
    assert.equal(await page.isVisible('#decision-below_package_reason'), true, 'the reason is asked');

    // a submit now is refused for the package; then the missing measures are added
    await page.getByLabel('Proportionaliteit').fill('Concrete dreiging tegen de rechter; lichtere maatregelen volstaan niet.');
    await page.getByLabel('Ja, de persoon is gehoord').check();
    await page.getByLabel('Zienswijze van de persoon').fill('Stemt in met de maatregelen.');
    await page.getByLabel('Wettelijke grondslag').fill('art. 12 Politiewet 2012');
    await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await page.waitForSelector('#decision-below_package_reason-error:not([hidden])');
    assert.match(await page.textContent('#decision-below_package_reason-error'), /onder het pakket/);

    await page.getByRole('button', { name: /^Toevoegen\s*: OBE-maatregelen/ }).click();
    await page.selectOption('#decision-measures-1-executor_org', 'politie-amsterdam');
    assert.equal(await page.locator('#decision-missing li').count(), 1);
    await page.locator('#decision-missing button').click();
    await page.selectOption('#decision-measures-2-executor_org', 'politie-amsterdam');
    await page.waitForSelector('#decision-package-ok');
    assert.equal(await page.isVisible('#decision-below_package_reason'), false);

    await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await waitForHeading(page, `Zaak ${kase.reference}`);
    assert.match(await page.textContent('#content'), /Het besluit is vastgelegd \(3 maatregelen\)/);
    assert.equal(await page.textContent('#case-status'), 'Beveiliging');
    await page.waitForSelector('#case-measures');
    const statuses = await page.locator('#case-measures [data-mstatus]').allTextContents();
    assert.deepEqual(statuses, ['Gepland', 'Gepland', 'Gepland']);
    assert.match(await page.textContent('#decision-in-force'), /weerstandsniveau 2/);
    assert.ok(await page.getAttribute('#decision-letter', 'href'));
    assert.match(await page.textContent('#case-timeline'), /Besluit genomen/);
    await logout(page);

    // the unit lead of the executor: the orders board, planned → active with a note
    await login(page, 'lead-ams', PASSWORD);
    await page.getByRole('link', { name: 'Opdrachten' }).click();
    await waitForHeading(page, 'Opdrachten');
    const planned = page.locator('#board-planned');
    assert.match(await planned.locator('h2').textContent(), /Gepland \(3\)/);
    const order = planned.locator('article', { hasText: 'Beveiligingsadvies' });
    await order.getByLabel(/Notitie bij de wijziging/).fill('Adviseur ingepland.');
    await order.getByRole('button', { name: 'Activeren' }).click();
    await page.waitForSelector('#worklist-notice');
    assert.match(await page.textContent('#worklist-notice'), /Beveiligingsadvies: de status is nu Actief/);
    const active = page.locator('#board-active');
    assert.match(await active.locator('h2').textContent(), /Actief \(1\)/);
    assert.match(await active.textContent(), /Adviseur ingepland/);
    assert.equal(await active.getByRole('button', { name: 'Opschorten' }).count(), 1);
    await logout(page);

    // the case shows it active
    await login(page, 'om-ams', PASSWORD);
    await page.goto(`/#/zaken/${kase.id}`);
    await waitForHeading(page, kase.reference);
    await page.waitForSelector('#case-measures');
    const row = page.locator('#case-measures tbody tr', { hasText: 'Beveiligingsadvies' });
    assert.equal(await row.locator('[data-mstatus]').textContent(), 'Actief');
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test('a transfer to national shows in the timeline and leaves the red previous-authority flag', async () => {
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await login(page, 'om-ams', PASSWORD);
    await page.goto(`/#/zaken/${kase.id}`);
    await waitForHeading(page, kase.reference);
    await page.getByRole('link', { name: 'Zaak overdragen naar het andere domein' }).click();
    await waitForHeading(page, `Zaak ${kase.reference} overdragen`);
    assert.equal(await page.isChecked('#transfer-to input[value="national"]'), true, 'the other domain is proposed');
    await page.getByRole('button', { name: 'Zaak overdragen' }).click();
    await page.waitForSelector('#transfer-reasoning-error:not([hidden])');
    assert.match(await page.textContent('#transfer-reasoning-error'), /Vul de motivering in/);
    await page.getByLabel('Motivering', { exact: true }).fill('Statelijke actor betrokken; past in het stelsel.');
    await page.getByRole('button', { name: 'Zaak overdragen' }).click();
    await page.waitForSelector('#case-title');
    assert.match(await page.textContent('#content'), /De zaak is overgedragen naar: Rijksdomein/);
    assert.equal(await page.textContent('#case-domain'), 'Rijksdomein');
    assert.match(await page.textContent('#case-timeline'), /Zaak overgedragen/);
    assert.match(await page.textContent('#case-timeline'), /Statelijke actor betrokken/);
    await page.waitForSelector('#case-flags [data-flag="previous_authority"]');
    assert.equal(await page.textContent('#case-flags [data-flag="previous_authority"]'), 'Besluit van vorig gezag');
    // the measures continue until the new authority decides
    await page.waitForSelector('#case-measures');
    assert.equal(await page.locator('#case-measures tbody tr').count(), 3);

    // the flag shows in the case list too, and on the person page
    await page.goto('/#/zaken');
    await page.waitForSelector('#cases-table');
    assert.match(await page.locator('#cases-table tbody tr', { hasText: kase.reference }).textContent(), /Besluit van vorig gezag/);
    await page.goto(`/#/personen/${kase.persons[0].id}`);
    await page.waitForSelector('#person-title');
    assert.match(await page.textContent('#person-cases'), /Besluit van vorig gezag/);
    assert.match(await page.textContent('#person-timeline'), /Zaak overgedragen/);
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test('an object registered in the UI gets its own case, linked from its page', async () => {
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await login(page, 'om-ams', PASSWORD);
    await page.getByRole('link', { name: 'Objecten en diensten' }).click();
    await waitForHeading(page, 'Objecten en diensten');
    await page.getByRole('button', { name: 'Object registreren' }).click();
    await page.waitForSelector('#object-form .schild-error-summary');
    assert.match(await page.textContent('#object-kind-error'), /Kies de soort/);
    assert.match(await page.textContent('#object-municipality-error'), /Kies de gemeente/);
    await page.selectOption('#object-kind', 'court');
    await page.getByLabel('Naam', { exact: true }).fill('Rechtbank Amsterdam');
    await page.getByLabel('Adres').fill('Parnassusweg 280');
    await page.selectOption('#object-municipality', 'gemeente-amsterdam');
    await page.getByRole('button', { name: 'Object registreren' }).click();
    await waitForHeading(page, 'Rechtbank Amsterdam');
    assert.match(await page.textContent('#content'), /Het object is geregistreerd/);
    await page.click('#object-case a');
    await page.waitForSelector('#case-title');
    assert.equal(await page.textContent('#case-status'), 'Dreigingsanalyse');
    assert.equal(await page.textContent('#case-object'), 'Rechtbank Amsterdam');
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

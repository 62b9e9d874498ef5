// Oversight in the browser (docs/OVERSIGHT.md): a referrer of another organisation breaks the
// glass on a case with a reason and sees the banner on every page; the privacy officer reviews
// the grant and looks up who read the case; the inspector sees figures and the audit trail and no
// case pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, PASSWORD, sampleCase, USERS } from '../lib/server.mjs';
import { launchBrowser, openPage, login, logout, waitForHeading, assertNoProblems } from './helpers.mjs';

let server;
let browser;
let kase;

const CAST = [...USERS, ['privacy1', 'privacy_officer', 'nctv']];
const REASON = 'Melding van acuut gevaar voor de rechter vannacht; de eigen eenheid is niet bereikbaar.';

before(async () => {
  server = await startServer({ users: CAST });
  browser = await launchBrowser();
  const ref = await loggedIn(server, 'ref-ams');
  const r = await ref.post('/api/v1/cases', sampleCase());
  assert.equal(r.status, 201, JSON.stringify(r.body));
  kase = r.body;
});
after(async () => { await browser?.close(); await server?.stop(); });

const navTexts = (page) => page.locator('nav.schild-navbar a').allTextContents();

test('a referrer of another organisation breaks the glass and sees the banner on every page', async () => {
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await login(page, 'ref-rdam', PASSWORD);
    assert.equal(await page.locator('#break-glass-banner').count(), 0, 'no banner before any grant');
    await page.goto(`/#/zaken/${kase.id}`);
    await waitForHeading(page, 'Zaak niet gevonden');
    await page.waitForSelector('#bg-form');
    assert.match(await page.textContent('#sec-bg'), /Noodtoegang \(break-glass\)/);
    const warning = await page.textContent('#bg-warning');
    assert.match(warning, /wordt vastgelegd/);
    assert.match(warning, /privacy officer beoordeelt achteraf/);

    // the reason is required (and at least ten characters): nothing is asked of the server
    await page.click('#bg-submit');
    await page.waitForSelector('#bg-form .schild-error-summary');
    assert.match(await page.textContent('#bg-reason-error'), /Vul de reden voor noodtoegang in/);
    assert.equal(await page.getAttribute('#bg-reason', 'aria-invalid'), 'true');
    await page.fill('#bg-reason', 'Nood');
    await page.click('#bg-submit');
    await page.waitForFunction(() => /minstens 10 tekens/.test(document.querySelector('#bg-reason-error')?.textContent || ''));
    const none = await (await loggedIn(server, 'privacy1')).get('/api/v1/oversight/break-glass?status=all');
    assert.equal(none.body.total, 0, 'a refused form stores no grant');

    await page.fill('#bg-reason', REASON);
    await page.click('#bg-submit');
    await waitForHeading(page, kase.reference);
    await page.waitForSelector('#case-summary');
    assert.match(await page.textContent('#content'), /U gebruikt noodtoegang voor deze zaak/);
    assert.match(await page.textContent('#case-break-glass'), /via noodtoegang, tot/);
    const banner = page.locator('#break-glass-banner');
    await banner.waitFor();
    assert.match(await banner.textContent(), /Noodtoegang actief/);
    assert.match(await banner.textContent(), new RegExp(`toegang tot zaak ${kase.reference} tot`));
    assert.ok(await banner.locator('time[datetime]').count() === 1, 'the end time is a time element');
    assert.equal(await banner.locator(`a[href="#/zaken/${kase.id}"]`).count(), 1, 'the banner links the case');

    // another page: the banner stays, and survives a reload (it comes from GET /session)
    await page.goto('/#/zaken');
    await waitForHeading(page, 'Mijn zaken');
    assert.match(await page.textContent('#break-glass-banner'), new RegExp(kase.reference));
    await page.goto('/#/zoeken');
    await waitForHeading(page, 'Zoeken');
    await page.reload();
    await waitForHeading(page, 'Zoeken');
    await page.waitForSelector('#break-glass-banner');
    assert.match(await page.textContent('#break-glass-banner'), new RegExp(kase.reference));
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test('the privacy officer reviews the grant and looks up who read the case', async () => {
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await login(page, 'privacy1', PASSWORD);
    assert.ok((await navTexts(page)).includes('Toezicht'));
    assert.equal(await page.locator('#break-glass-banner').count(), 0);
    await page.getByRole('link', { name: 'Toezicht' }).click();
    await waitForHeading(page, 'Toezicht');
    await page.locator('#oversight-index').getByRole('link', { name: 'Noodtoegang' }).click();
    await waitForHeading(page, 'Noodtoegang beoordelen');
    const item = page.locator('.schild-breakglass-item', { hasText: kase.reference });
    await item.waitFor();
    assert.match(await item.textContent(), /ref-rdam/);
    assert.match(await item.textContent(), /Te beoordelen/);
    assert.equal(await item.locator('.bg-reason').textContent(), REASON);

    // the verdict and the note are required
    await item.getByRole('button', { name: 'Beoordeling vastleggen' }).click();
    await item.locator('.schild-error-summary').waitFor();
    assert.match(await item.locator('.schild-error-summary').textContent(), /Kies of het gebruik gerechtvaardigd was/);
    assert.match(await item.locator('.schild-error-summary').textContent(), /Licht uw oordeel toe/);

    await item.getByLabel('Ja, gerechtvaardigd').check();
    await item.getByLabel('Toelichting').fill('Acuut gevaar, eigen eenheid onbereikbaar: terecht.');
    await item.getByRole('button', { name: 'Beoordeling vastleggen' }).click();
    await page.waitForSelector('#bg-queue-empty');
    assert.match(await page.textContent('.schild-flash'), new RegExp(`noodtoegang tot zaak ${kase.reference} is vastgelegd`));
    const po = await loggedIn(server, 'privacy1');
    const list = await po.get('/api/v1/oversight/break-glass?status=all');
    assert.equal(list.body.items[0].review.outcome, 'justified');
    assert.equal(list.body.items[0].review.note, 'Acuut gevaar, eigen eenheid onbereikbaar: terecht.');

    await page.selectOption('#bg-filter-status', 'reviewed');
    await page.click('#bg-filter-apply');
    await page.waitForSelector('#bg-queue');
    const reviewed = page.locator('.schild-breakglass-item', { hasText: kase.reference });
    assert.match(await reviewed.textContent(), /Gerechtvaardigd/);
    assert.match(await reviewed.textContent(), /privacy1/);
    assert.equal(await reviewed.locator('form').count(), 0, 'a reviewed grant has no form');

    // who read the case: the referrer who broke the glass is in the log, with the purpose
    await page.getByRole('link', { name: 'Raadplegingen' }).click();
    await waitForHeading(page, 'Raadplegingen');
    await page.waitForSelector('#access-start');
    await page.click('#access-form-submit');
    await page.waitForSelector('#access-form .schild-error-summary');
    assert.match(await page.textContent('#access-form-object_id-error'), /Vul het nummer van de zaak of persoon in/);
    await page.selectOption('#access-form-object_type', 'case');
    await page.fill('#access-form-object_id', String(kase.id));
    await page.click('#access-form-submit');
    await page.waitForSelector('#access-table');
    const rows = page.locator('#access-table tbody tr');
    const readByRdam = rows.filter({ hasText: 'ref-rdam' }).filter({ hasText: 'Zaak ingezien' });
    assert.ok(await readByRdam.count() >= 1, 'the break-glass read is listed');
    assert.match(await readByRdam.first().textContent(), /break-glass #\d+/);
    assert.ok(await rows.filter({ hasText: 'Noodtoegang gebruikt' }).count() >= 1);
    assert.ok(await rows.filter({ hasText: 'ref-ams' }).count() >= 1, 'the referrer who created it too');
    assert.match(page.url(), new RegExp(`object_id=${kase.id}`), 'the filter is in the address');

    // an id nobody touched: the empty state
    await page.fill('#access-form-object_id', '999999');
    await page.click('#access-form-submit');
    await page.waitForSelector('#access-table-empty');
    assert.match(await page.textContent('#access-table-empty'), /Niemand heeft dit/);
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test('the inspector sees figures and the audit trail, and no case pages', async () => {
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await login(page, 'inspector1', PASSWORD);
    await waitForHeading(page, 'Cijfers');
    assert.match(page.url(), /#\/toezicht\/cijfers$/);
    assert.deepEqual(await navTexts(page), ['Cijfers', 'Audittrail']);
    await page.waitForSelector('#figures-overview');
    assert.match(await page.textContent('#figures-overview'), /Zaken in totaal\s*1/);
    const bg = page.locator('#figures-break-glass tbody tr', { hasText: /^Gerechtvaardigd/ });
    assert.match(await bg.textContent(), /1$/);
    assert.match(await page.textContent('#figures-audit-check'), /gelijk aan het aantal regels/);
    assert.doesNotMatch(await page.textContent('#content'), new RegExp(kase.reference), 'no case references in the figures');

    await page.getByRole('link', { name: 'Audittrail' }).click();
    await waitForHeading(page, 'Audittrail');
    await page.waitForSelector('#audit-table');
    assert.ok(await page.locator('#audit-table tbody tr').count() > 3);
    await page.waitForSelector('#audit-head');
    await page.fill('#audit-form-action', 'Break Glass');
    await page.click('#audit-form-submit');
    await page.waitForSelector('#audit-form-action-error:not([hidden])');
    await page.fill('#audit-form-action', 'break_glass.');
    await page.click('#audit-form-submit');
    await page.waitForFunction(() => /action=break_glass/.test(location.hash) && document.querySelector('#audit-table'));
    const actions = await page.locator('#audit-table tbody tr td:nth-child(4)').allTextContents();
    assert.ok(actions.length >= 2, actions.join(' | '));
    for (const a of actions) assert.match(a, /break_glass\./);
    assert.ok(actions.some((a) => /Noodtoegang gebruikt/.test(a)));

    // the case pages are not for the inspector
    await page.goto('/#/zaken');
    await waitForHeading(page, 'Zaken');
    assert.match(await page.textContent('#content'), /Met uw rol ziet u geen inhoud van zaken/);
    await page.goto(`/#/zaken/${kase.id}`);
    await waitForHeading(page, 'Zaak niet gevonden');
    assert.equal(await page.locator('#bg-form').count(), 0, 'no break-glass for the inspector');
    await page.goto('/#/toezicht/raadplegingen');
    await waitForHeading(page, 'Geen toegang');
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test('the English pages of oversight', async () => {
  const { page, context, problems } = await openPage(browser, server.base, { lang: 'en' });
  try {
    await login(page, 'privacy1', PASSWORD);
    await page.goto('/#/toezicht/noodtoegang?status=all');
    await waitForHeading(page, 'Review emergency access');
    await page.waitForSelector('#bg-queue');
    assert.match(await page.textContent('#bg-queue'), /Justified/);
    await page.goto('/#/toezicht/cijfers');
    await waitForHeading(page, 'Figures');
    await page.waitForSelector('#figures-overview');
    await logout(page);
    await login(page, 'ref-rdam', PASSWORD);
    await page.waitForSelector('#break-glass-banner');
    assert.match(await page.textContent('#break-glass-banner'), /Emergency access active/);
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

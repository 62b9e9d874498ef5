// The triage queue: urgent first, paginated by 25, with an empty state; the case-list filter.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, PASSWORD, sampleCase } from '../lib/server.mjs';
import { launchBrowser, openPage, login, waitForHeading, assertNoProblems } from './helpers.mjs';

let server;
let browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

test('the queue shows an empty state, then urgent cases first, 25 per page', async () => {
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await login(page, 'triage1', PASSWORD);
    await waitForHeading(page, 'Triagewachtrij');
    assert.match(await page.textContent('#content'), /Er staan geen aanmeldingen in de wachtrij/);

    const ref = await loggedIn(server, 'ref-ams');
    const refs = [];
    for (let i = 0; i < 28; i++) {
      const r = await ref.post('/api/v1/cases', sampleCase({ summary: `Zaak nummer ${i}`, urgent: i === 20 || i === 27 }));
      assert.equal(r.status, 201);
      refs.push(r.body.reference);
    }
    await page.reload();
    await page.waitForSelector('#queue-table');
    const rows = page.locator('#queue-table tbody tr');
    assert.equal(await rows.count(), 25);
    const first = await rows.nth(0).textContent();
    const second = await rows.nth(1).textContent();
    assert.ok(first.includes(refs[20]) && first.includes('Spoed'), first);
    assert.ok(second.includes(refs[27]) && second.includes('Spoed'), second);
    assert.ok((await rows.nth(2).textContent()).includes(refs[0]), 'then the oldest');
    assert.match(await page.textContent('.schild-page-status'), /Pagina 1 van 2 \(28 in totaal\)/);

    await page.getByRole('navigation', { name: 'Paginering' }).getByRole('link', { name: 'Volgende' }).click();
    await page.waitForFunction(() => document.querySelectorAll('#queue-table tbody tr').length === 3);
    assert.match(page.url(), /#\/wachtrij\?pagina=2$/);
    assert.match(await page.textContent('.schild-page-status'), /Pagina 2 van 2/);
    assert.equal(await page.getAttribute('.ams-pagination__link[aria-current="page"]', 'aria-label'), 'Pagina 2');

    // the case list with a status filter
    const tri = await loggedIn(server, 'triage1');
    const one = await tri.get('/api/v1/cases?status=referred&per_page=1');
    const c = one.body.items[0];
    const r = await tri.post(`/api/v1/cases/${c.id}/triage`, { outcome: 'no_measures', reasoning: 'Eigen verantwoordelijkheid.', version: c.version });
    assert.equal(r.status, 200);
    await page.getByRole('link', { name: 'Zaken', exact: true }).click();
    await waitForHeading(page, 'Zaken');
    await page.getByLabel('Status').selectOption('closed');
    await page.getByRole('button', { name: 'Filter toepassen' }).click();
    await page.waitForURL(/#\/zaken\?status=closed$/);
    await page.waitForFunction(() => document.querySelectorAll('#cases-table tbody tr').length === 1);
    assert.match(await page.textContent('#cases-table'), /Afgesloten/);
    assert.match(await page.textContent('#cases-table'), new RegExp(c.reference));
    await page.getByLabel('Status').selectOption('decision');
    await page.getByRole('button', { name: 'Filter toepassen' }).click();
    await page.waitForSelector('.schild-empty');
    assert.match(await page.textContent('.schild-empty'), /Er zijn geen zaken met status “Besluitvorming”/);
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

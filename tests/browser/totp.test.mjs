// The second factor in the browser (docs/SECURITY.md, "Second factor (TOTP)"): the login page
// asks for the code when the server answers totp_required, keeps the username and password,
// explains a wrong code in Dutch, takes a recovery code; "Mijn account" enrols a user who has no
// second factor yet and shows the recovery codes once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, PASSWORD, nextTotp, totpCode, totpStep, secretOfUri,
} from '../lib/server.mjs';
import { launchBrowser, openPage, logout, waitForHeading, assertNoProblems } from './helpers.mjs';

let server; // every role requires the second factor, every user enrolled
let plain; // demo mode: nobody needs it, users have none
let browser;

before(async () => {
  [server, plain] = await Promise.all([startServer({ totp: true }), startServer()]);
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await server?.stop(); await plain?.stop(); });

// A six-digit code that is none of the three the server would accept now.
function wrongCode(secret) {
  const now = totpStep();
  const valid = new Set([now - 1, now, now + 1, now + 2].map((s) => totpCode(secret, s)));
  for (let n = 123456; ; n = (n + 111111) % 1000000) {
    const c = String(n).padStart(6, '0');
    if (!valid.has(c)) return c;
  }
}

async function passwordStep(page, username) {
  await page.goto('/#/inloggen');
  await page.waitForSelector('#login-username');
  assert.equal(await page.isVisible('#login-totp'), false, 'no code field before the password');
  await page.fill('#login-username', username);
  await page.fill('#login-password', PASSWORD);
  await page.click('#login-submit');
  await page.waitForSelector('#login-totp', { state: 'visible' });
}

test('log in with password and code; a wrong code is explained in Dutch', async () => {
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await passwordStep(page, 'triage1');
    assert.match(await page.textContent('#login-message'), /Uw wachtwoord klopt\. Vul nu de code in/);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'login-totp', 'focus on the code field');
    assert.equal(await page.inputValue('#login-username'), 'triage1', 'the username stays');
    assert.equal(await page.inputValue('#login-password'), PASSWORD, 'the password stays');
    assert.equal(await page.getAttribute('#login-totp', 'autocomplete'), 'one-time-code');

    // not six digits: checked before anything is sent
    await page.fill('#login-totp', '12ab');
    await page.click('#login-submit');
    await page.waitForSelector('#login-totp-error:not([hidden])');
    assert.match(await page.textContent('#login-totp-error'), /precies zes cijfers/);

    // a wrong code: the server's totp_invalid in plain Dutch, beside the field and in the summary
    await page.fill('#login-totp', wrongCode(secretOfUri(server.totp.triage1)));
    await page.click('#login-submit');
    await page.waitForFunction(() => /onjuist of al gebruikt/.test(document.querySelector('#login-totp-error')?.textContent || ''));
    assert.match(await page.textContent('.schild-error-summary'), /De code is onjuist of al gebruikt/);
    assert.equal(await page.getAttribute('#login-totp', 'aria-invalid'), 'true');
    assert.equal(await page.locator('#current-user').count(), 0, 'not logged in');
    assert.equal(await page.inputValue('#login-password'), PASSWORD, 'the password stays after a wrong code');

    await page.fill('#login-totp', await nextTotp(server, 'triage1'));
    await page.click('#login-submit');
    await page.waitForSelector('#current-user');
    await waitForHeading(page, 'Triagewachtrij');
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test('a recovery code opens the door once', async () => {
  const code = server.recovery['ref-ams'][0];
  assert.ok(code, 'user add printed recovery codes');
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await passwordStep(page, 'ref-ams');
    await page.click('#login-use-recovery');
    await page.waitForSelector('#login-recovery_code', { state: 'visible' });
    assert.equal(await page.isVisible('#login-totp'), false);
    await page.fill('#login-recovery_code', code);
    await page.click('#login-submit');
    await page.waitForSelector('#current-user');
    await waitForHeading(page, 'Mijn zaken');
    await logout(page);

    // used up: the same code again is refused with its own explanation
    await passwordStep(page, 'ref-ams');
    await page.click('#login-use-recovery');
    await page.fill('#login-recovery_code', code);
    await page.click('#login-submit');
    await page.waitForFunction(() => /herstelcode is onjuist of al gebruikt/.test(document.querySelector('#login-recovery_code-error')?.textContent || ''));
    // and back to the app's code
    await page.click('#login-use-code');
    await page.waitForSelector('#login-totp', { state: 'visible' });
    assert.equal(await page.isVisible('#login-recovery_code'), false);
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test('a role that requires the second factor, without one: the administrator is named', async () => {
  const { schild } = await import('../lib/server.mjs');
  schild(['user', 'add', '--db', server.db, '--username', 'new-om', '--role', 'authority', '--org', 'om-amsterdam', '--no-totp'], `${PASSWORD}\n`);
  const { page, context, problems } = await openPage(browser, server.base);
  try {
    await page.goto('/#/inloggen');
    await page.fill('#login-username', 'new-om');
    await page.fill('#login-password', PASSWORD);
    await page.click('#login-submit');
    await page.waitForSelector('#login-message');
    assert.match(await page.textContent('#login-message'), /tweestapsverificatie verplicht.*Vraag de beheerder/);
    assert.equal(await page.locator('#current-user').count(), 0);
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test('Mijn account: enrol the second factor, see the recovery codes once, then log in with a code', async () => {
  const { page, context, problems } = await openPage(browser, plain.base);
  try {
    await page.goto('/#/inloggen');
    await page.fill('#login-username', 'care-ams');
    await page.fill('#login-password', PASSWORD);
    await page.click('#login-submit');
    await page.waitForSelector('#current-user');
    await page.click('#account-link');
    await waitForHeading(page, 'Mijn account');
    assert.match(await page.textContent('#sec-totp'), /Tweestapsverificatie/);
    await page.click('#totp-start');
    await page.waitForSelector('#totp-secret');
    const secret = (await page.textContent('#totp-secret')).replace(/\s+/g, '');
    assert.match(secret, /^[A-Z2-7]{32}$/);
    const uri = await page.textContent('#totp-uri');
    assert.match(uri, /^otpauth:\/\/totp\/Schild:care-ams\?secret=/);
    assert.equal(secretOfUri(uri), secret);
    assert.equal(await page.locator('#content img').count(), 0, 'no image from an outside QR service');

    // a wrong code first
    await page.fill('#totp-code', wrongCode(secret));
    await page.click('#totp-confirm');
    await page.waitForFunction(() => /Deze code klopt niet/.test(document.querySelector('#totp-code-error')?.textContent || ''));

    const step = totpStep();
    await page.fill('#totp-code', totpCode(secret, step));
    await page.click('#totp-confirm');
    await page.waitForSelector('#totp-recovery-codes');
    const codes = await page.locator('#totp-recovery-codes li').allTextContents();
    assert.equal(codes.length, 10);
    assert.match(await page.textContent('#totp-codes'), /maar één keer getoond/);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'totp-codes');

    // shown once: the account page now says it is on, without the codes
    await page.reload();
    await waitForHeading(page, 'Mijn account');
    assert.equal(await page.locator('#totp-recovery-codes').count(), 0);
    await logout(page);

    // from now on the login asks for the code (a later step: the confirming one is used)
    await page.fill('#login-username', 'care-ams');
    await page.fill('#login-password', PASSWORD);
    await page.click('#login-submit');
    await page.waitForSelector('#login-totp', { state: 'visible' });
    await page.fill('#login-totp', totpCode(secret, step + 1));
    await page.click('#login-submit');
    await page.waitForSelector('#current-user');
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

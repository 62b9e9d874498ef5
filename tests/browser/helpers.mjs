// Shared helpers for the browser tests: Debian's chromium through playwright-core, a page that
// records script errors and Content-Security-Policy violations, and log-in/log-out steps.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

// A fresh browser context (own cookies and localStorage) with one page.
export async function openPage(browser, base, { lang = null } = {}) {
  const context = await browser.newContext({ baseURL: base, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', viewport: { width: 1280, height: 900 } });
  if (lang) {
    await context.addInitScript((l) => { try { localStorage.setItem('schild.lang', l); } catch { /* ignore */ } }, lang);
  }
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  const problems = [];
  const dialogs = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    const text = msg.text();
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(text)) problems.push(`csp: ${text}`);
    if (msg.type() === 'error' && /Uncaught|TypeError|ReferenceError|SyntaxError/.test(text)) problems.push(`console: ${text}`);
  });
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  return { context, page, problems, dialogs };
}

export function assertNoProblems(problems) {
  assert.deepEqual(problems, [], `browser reported problems:\n${problems.join('\n')}`);
}

export async function login(page, username, password) {
  await page.goto('/#/inloggen');
  await page.waitForSelector('#login-username');
  await page.fill('#login-username', username);
  await page.fill('#login-password', password);
  await page.click('#login-submit');
  await page.waitForSelector('#current-user');
  await page.waitForSelector('#content h1');
}

export async function logout(page) {
  await page.click('#logout');
  await page.waitForSelector('#login-username');
}

// Waits for the page heading to contain text (after a hash navigation and fetch).
export async function waitForHeading(page, text) {
  await page.waitForFunction((t) => {
    const h1 = document.querySelector('#content h1');
    return h1 && h1.textContent.includes(t);
  }, text);
}

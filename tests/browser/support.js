// What every browser test file shares: the server's address, Debian's
// Chromium started headless, and the axe-core check (WCAG 2.1 AA) that
// fails a test on any violation.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

export const BASE = process.env.ATBALSTS_URL ?? 'http://127.0.0.1:18080';

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function checkA11y(page, label) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const problems = results.violations.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`);
  assert.deepEqual(problems, [], `axe violations on ${label}`);
}

// A new page of `context` signed in as `email` (demo password) with the
// user menu's language set to `code` (`lv`, `en`).
export async function signIn(context, email, code) {
  const page = await context.newPage();
  await page.goto(`${BASE}/login`);
  await page.locator('#f-email').fill(email);
  await page.locator('#f-password').fill('demo-parole-2026');
  await page.locator('form[action="/login"] button[type=submit]').click();
  await page.waitForLoadState();
  await page.locator('.user-menu summary').click();
  await page.locator('#lang-select').selectOption(code);
  await page.locator('form[action="/language"] button').click();
  await page.waitForLoadState();
  return page;
}

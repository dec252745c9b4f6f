// The staff queue and the knowledge base list on a wide screen and a phone:
// sorting by a column header, bulk actions appearing with a selection, the
// user menu, no sideways scrolling of the page at 375 px — with axe-core on
// every state. With ATBALSTS_SCREENSHOTS=dir, screenshots of the queue
// (lv, 1280 and 375 px) are written there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { BASE, launch, checkA11y as checkPage } from './support.js';

const SHOTS = process.env.ATBALSTS_SCREENSHOTS;
let browser, context, page;

const checkA11y = label => checkPage(page, label);

async function noSidewaysScroll(label) {
  const { scroll, inner } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
  }));
  assert.ok(scroll <= inner, `${label} overflows by ${scroll - inner} px at ${inner} px`);
}

async function shot(name) {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
}

/** The ticket numbers in the order the queue shows them. */
async function numbers() {
  const keys = await page.locator('table.tickets tbody th.key-cell a').allTextContents();
  return keys.map(k => Number(k.trim().split('-').pop()));
}

before(async () => {
  browser = await launch();
  context = await browser.newContext({ locale: 'lv-LV', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await page.goto(`${BASE}/login`);
  await page.getByLabel('E-pasts').fill('agents@kisc.lv');
  await page.getByLabel('Parole').fill('demo-parole-2026');
  await page.getByRole('button', { name: 'Pieteikties' }).click();
  await page.waitForURL(/\/tickets$/);
});

after(async () => { await browser?.close(); });

test('an agent sorts the queue by clicking a column header, both ways', async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${BASE}/tickets?state=all`);
  assert.ok(await page.locator('table.tickets tbody tr').count() >= 3, 'the demo tickets are listed');
  await checkA11y('queue');
  await shot('queue-1280.png');

  await page.getByRole('link', { name: 'Numurs', exact: true }).click();
  await page.waitForURL(/sort=key&dir=asc/);
  assert.equal(await page.locator('th[aria-sort]').getAttribute('aria-sort'), 'ascending');
  const up = await numbers();
  assert.deepEqual(up, [...up].sort((a, b) => a - b), 'keys ascending');

  await page.getByRole('link', { name: 'Numurs', exact: true }).click();
  await page.waitForURL(/sort=key&dir=desc/);
  assert.equal(await page.locator('th[aria-sort]').getAttribute('aria-sort'), 'descending');
  const down = await numbers();
  assert.deepEqual(down, [...down].sort((a, b) => b - a), 'keys descending');
  // The demo's history fills more than a page: the other end comes first.
  assert.ok(down[0] > up[up.length - 1], 'the highest keys first');
  await checkA11y('queue sorted by key');
});

test('bulk actions appear once a ticket is ticked, all can be ticked at once, and the user menu opens and closes', async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${BASE}/tickets`);
  const bulk = page.locator('fieldset.bulk');
  assert.equal(await bulk.isVisible(), false, 'no bulk actions without a selection');
  await page.locator('table.tickets tbody input[type=checkbox]').first().check();
  assert.equal(await bulk.isVisible(), true, 'bulk actions with a selection');
  await checkA11y('queue with a selection');
  await page.getByLabel('Atlasīt visus šajā lapā').check();
  const boxes = page.locator('table.tickets tbody input[type=checkbox]');
  for (let i = 0; i < await boxes.count(); i++) assert.ok(await boxes.nth(i).isChecked(), 'all ticked');
  await page.getByLabel('Atlasīt visus šajā lapā').uncheck();
  assert.equal(await bulk.isVisible(), false, 'no bulk actions once all are unticked');

  await page.locator('.user-menu summary').click();
  assert.equal(await page.locator('#lang-select').isVisible(), true, 'language in the user menu');
  assert.equal(await page.getByRole('button', { name: 'Iziet' }).isVisible(), true, 'sign out in the user menu');
  await checkA11y('queue with the user menu open');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#lang-select').isVisible(), false, 'Escape closes the menu');
});

test('at 375 px the queue and the knowledge base list do not scroll the page sideways', async () => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`${BASE}/tickets?state=all`);
  await noSidewaysScroll('the queue');
  await checkA11y('queue at 375 px');
  await shot('queue-375.png');

  await page.goto(`${BASE}/tickets?state=all&density=compact`);
  await noSidewaysScroll('the compact queue');

  await page.goto(`${BASE}/kb/KISC`);
  assert.ok(await page.locator('table.kb-list tbody tr').count() >= 1, 'articles are listed');
  await noSidewaysScroll('the knowledge base list');
  await checkA11y('knowledge base list at 375 px');
});

// One-stop-centre service cases in the browser (issue 18): front-desk staff
// record three finished consultations on /cases/KISC with the keyboard
// only (type, Tab, Enter — no mouse), each in well under ten seconds, see
// them in the day's list, and find the service and channel they used last
// preselected for the next entry; axe-core on every state of the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, checkA11y as checkPage } from './support.js';

let browser, context, page;

const checkA11y = label => checkPage(page, label);

async function focused() {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

/** Waits (briefly) for autofocus after a page load to land on `id`. */
async function focusLandsOn(id, what) {
  await page.waitForFunction(i => document.activeElement?.id === i, id, { timeout: 3000 }).catch(() => {});
  assert.equal(await focused(), id, what);
}

/** Tab to the next control and say which one has the focus. */
async function tab(expected) {
  await page.keyboard.press('Tab');
  assert.equal(await focused(), expected, `Tab reaches ${expected}`);
}

/** Submits with Enter from the note field and waits for the page again. */
async function enter() {
  await Promise.all([
    page.waitForResponse(r => r.url().endsWith('/cases/KISC') && r.request().method() === 'GET'),
    page.keyboard.press('Enter'),
  ]);
  await page.waitForLoadState('load');
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

test('front-desk staff record three cases with the keyboard only and see them listed', async () => {
  await page.goto(`${BASE}/tickets`);
  const link = page.getByRole('navigation', { name: /Galvenā|Main/ }).getByRole('link', { name: 'Pakalpojumu lietas' });
  assert.equal(await link.count(), 1, 'the header links to the quick-entry page');
  await page.goto(`${BASE}/cases`);
  await page.waitForURL(/\/cases\/KISC$/);
  await focusLandsOn('f-case_service', 'the first field has the focus');
  await checkA11y('empty quick-entry page');

  // 1: phone chosen by typing "t". The demo's history already remembers
  // a service of this person's, so it is replaced.
  let started = Date.now();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Pases noformēšana');
  await tab('f-case_channel');
  await page.keyboard.type('t');
  await tab('f-case_minutes');
  await page.keyboard.type('7');
  await tab('f-case_outcome');
  await tab('f-case_reason');
  await tab('f-case_institution');
  await page.keyboard.press('ArrowDown');
  await tab('f-case_note');
  await enter();
  assert.ok(Date.now() - started < 10_000, 'the first case took under ten seconds');
  await assert.doesNotReject(page.getByRole('status').getByText('Lieta saglabāta').waitFor());
  await focusLandsOn('f-case_service', 'ready for the next case');

  // 2: the service and channel of the first are preselected.
  assert.equal(await page.locator('#f-case_service').inputValue(), 'Pases noformēšana');
  assert.equal(await page.locator('#f-case_channel').inputValue(), 'phone');
  started = Date.now();
  await tab('f-case_channel');
  await tab('f-case_minutes');
  await page.keyboard.type('3');
  await tab('f-case_outcome');
  await page.keyboard.type('p'); // pieņemts iesniegums
  await tab('f-case_reason');
  await tab('f-case_institution');
  await page.keyboard.press('ArrowDown');
  await tab('f-case_note');
  await page.keyboard.type('Iesniegums nodots');
  await enter();
  assert.ok(Date.now() - started < 10_000, 'the second case took under ten seconds');
  await focusLandsOn('f-case_service', 'ready for the third case');

  // 3: a refusal, first without its reason: the error is next to the field
  // and everything typed stays.
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Backspace');
  assert.equal(await page.locator('#f-case_service').inputValue(), '', 'the remembered service is cleared');
  await page.keyboard.type('Dzīvesvietas deklarēšana');
  await tab('f-case_channel');
  await page.keyboard.type('k'); // klātienē
  await tab('f-case_minutes');
  await page.keyboard.type('15');
  await tab('f-case_outcome');
  await page.keyboard.type('a'); // atteikts
  await tab('f-case_reason');
  await tab('f-case_institution');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await tab('f-case_note');
  await page.keyboard.press('Enter');
  await page.waitForLoadState('load');
  await assert.doesNotReject(page.locator('#f-case_reason-error').getByText('Atteikumam jānorāda iemesls').waitFor());
  assert.equal(await page.locator('#f-case_reason').getAttribute('aria-invalid'), 'true');
  await focusLandsOn('f-case_reason', 'the field to fix has the focus');
  assert.equal(await page.locator('#f-case_service').inputValue(), 'Dzīvesvietas deklarēšana');
  assert.equal(await page.locator('#f-case_minutes').inputValue(), '15');
  assert.equal(await page.locator('#f-case_outcome').inputValue(), 'refused');
  await checkA11y('a refusal without its reason');
  await page.keyboard.type('Nav pilnvaras');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/cases\/KISC$/);
  await assert.doesNotReject(page.getByRole('status').getByText('Lieta saglabāta').waitFor());

  const rows = page.locator('table.cases tbody tr');
  assert.equal(await rows.count(), 3, 'three cases today');
  const texts = (await rows.allInnerTexts()).map(t => t.replace(/\s+/g, ' '));
  assert.match(texts[0], /Dzīvesvietas deklarēšana.*klātienē.*15.*atteikts: Nav pilnvaras/);
  assert.match(texts[1], /Pases noformēšana.*tālrunis.*3.*pieņemts iesniegums/);
  assert.match(texts[2], /Pases noformēšana.*tālrunis.*7.*konsultēts/);
  assert.match(await page.locator('#h-case-today + p').innerText(), /3 lietas, kopā 25 min/);
  await checkA11y('three cases listed');

  await page.setViewportSize({ width: 375, height: 800 });
  await checkA11y('quick-entry page at 375 px');
});

// SLA clocks in the browser (issue 17): on the demo desk an agent sees a
// running clock, a paused one and a breached one on the ticket pages, the
// queue's Termiņš column with its "breaches soonest" order and its filter,
// at 1280 and 375 px, with axe-core on every page. The demo seeds the
// clocks (crates/atbalsts/src/demo.rs, `seed_sla_examples`): KISC-1 runs,
// KISC-2 is paused, KISC-3 is breached. Those are display samples that a
// re-time run measures over (any SLA edit re-times the desk's open tickets),
// so this file runs before sla-admin.test.js edits the demo's policies
// (node --test takes the files in name order).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, checkA11y as checkPage } from './support.js';

let browser, context, page;

const checkA11y = label => checkPage(page, label);

async function noSidewaysScroll(label) {
  const { scroll, inner } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
  }));
  assert.ok(scroll <= inner, `${label} overflows by ${scroll - inner} px at ${inner} px`);
}

/** The text of one goal's clock on the ticket page. */
async function goal(name) {
  const item = page.locator('#sla li', { has: page.getByRole('heading', { name, exact: false }) });
  return (await item.innerText()).replace(/\s+/g, ' ');
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

for (const width of [1280, 375]) {
  test(`an agent sees a running, a paused and a breached clock at ${width} px`, async () => {
    await page.setViewportSize({ width, height: 900 });

    await page.goto(`${BASE}/tickets/KISC-1`);
    await assert.doesNotReject(page.getByRole('heading', { name: 'SLA', exact: true }).waitFor());
    const running = await goal('Pirmā atbilde');
    assert.match(running, /Pirmā atbilde: darbojas/);
    assert.match(running, /Termiņš \d\d\.\d\d\.\d{4}\. \d\d:\d\d/, 'due in Riga time, Latvian format');
    assert.match(running, /Atlicis (1 h 5\d min|2 h)/);
    const meter = page.getByRole('meter', { name: /Izlietots .* no 4 h/ });
    assert.equal(await meter.count(), 1, 'a labelled meter of used time');
    await checkA11y(`running clock at ${width}`);
    await noSidewaysScroll(`ticket page at ${width}`);

    await page.goto(`${BASE}/tickets/KISC-2`);
    const paused = await goal('Atrisināšana');
    assert.match(paused, /Atrisināšana: apturēts/);
    assert.doesNotMatch(paused, /Termiņš/, 'a paused clock has no due time');
    assert.match(await goal('Pirmā atbilde'), /izpildīts/);
    await checkA11y(`paused clock at ${width}`);

    await page.goto(`${BASE}/tickets/KISC-3`);
    const breached = await goal('Pirmā atbilde');
    assert.match(breached, /Pirmā atbilde: nokavēts/);
    assert.match(breached, /nokavēts par 1 h/);
    await checkA11y(`breached clock at ${width}`);
    await noSidewaysScroll(`breached ticket at ${width}`);
  });
}

test('the queue shows Termiņš, sorts breaches soonest and filters the breached ones', async () => {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${BASE}/tickets`);
    const header = page.getByRole('columnheader', { name: 'Termiņš' });
    assert.equal(await header.count(), 1);
    await page.getByRole('link', { name: 'Pirmie nokavējamie' }).click();
    await page.waitForURL(/sort=due&dir=asc/);
    const keys = (await page.locator('table.tickets tbody th.key-cell a').allTextContents()).map(k => k.trim());
    // Tickets the other browser tests filed have clocks of their own and
    // sit among these; the samples keep their order.
    const at = key => keys.indexOf(key);
    assert.equal(at('KISC-3'), 0, 'the breached one first');
    assert.ok(at('KISC-3') < at('KISC-1') && at('KISC-1') < at('KISC-2'), `breached, then running, then paused: ${keys}`);
    const cells = await page.locator('table.tickets tbody td.sla-due-cell').allTextContents();
    assert.equal(cells[at('KISC-3')].trim(), 'nokavēts');
    assert.match(cells[at('KISC-1')], /\d\d\.\d\d\.\d{4}\. \d\d:\d\d/);
    assert.equal(cells[at('KISC-2')].trim(), 'apturēts');
    await checkA11y(`queue by due at ${width}`);
    await noSidewaysScroll(`queue at ${width}`);

    await page.getByLabel('Termiņš').selectOption('breached');
    await page.getByRole('button', { name: 'Atlasīt' }).click();
    await page.waitForURL(/due=breached/);
    const breached = (await page.locator('table.tickets tbody th.key-cell a').allTextContents()).map(k => k.trim());
    assert.deepEqual(breached, ['KISC-3']);
    await checkA11y(`breached filter at ${width}`);
  }
});

test('the customer sees when to expect an answer on the request page', async () => {
  const customer = await browser.newContext({ locale: 'lv-LV', viewport: { width: 375, height: 800 } });
  const own = await customer.newPage();
  await own.goto(`${BASE}/login`);
  await own.getByLabel('E-pasts').fill('janis.berzins@lnb.lv');
  await own.getByLabel('Parole').fill('demo-parole-2026');
  await own.getByRole('button', { name: 'Pieteikties' }).click();
  await own.waitForURL(/\/tickets/);
  await own.goto(`${BASE}/tickets/KISC-1`);
  const term = own.locator('dt', { hasText: 'Paredzamā atbilde līdz' });
  assert.equal(await term.count(), 1);
  assert.match(await own.locator('#expected-answer').innerText(), /\d\d\.\d\d\.\d{4}\. \d\d:\d\d/);
  assert.equal(await own.locator('#sla').count(), 0, 'no agent panel for a customer');
  await checkPage(own, 'the request page');
  await customer.close();
});

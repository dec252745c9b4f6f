// The SLA compliance report in a real Chromium, in Latvian and English:
// the demo desk's team lead goes from the volume report to SLA compliance
// through the reports' navigation, chooses this year, reads the policies'
// table (the demo's example policy with goals met and breached) and the
// chart's summary, then opens the service-case report. axe-core checks
// every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, checkA11y, signIn } from './support.js';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => { await browser?.close(); });

const LANGUAGES = [
  ['lv-LV', 'lv', { nav: 'SLA izpilde', title: 'SLA izpilde · KISC', preset: 'Šis gads', show: 'Rādīt',
    policy: 'SLA piemēri', met: 'Izpildīti', breached: 'Pārkāpti', summary: /Izpildīti \d+ no \d+ izmērītajiem mērķiem\./,
    cases: 'Pakalpojumu gadījumi · KISC' }],
  ['en-GB', 'en', { nav: 'SLA compliance', title: 'SLA compliance · KISC', preset: 'This year', show: 'Show',
    policy: 'SLA examples', met: 'Met', breached: 'Breached', summary: /\d+ of \d+ measured goals met\./,
    cases: 'Service cases · KISC' }],
];

for (const [locale, code, w] of LANGUAGES) {
  test(`a team lead opens SLA compliance and reads its table in ${locale}`, async () => {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
    const page = await signIn(context, 'vaditajs@kisc.lv', code);
    await page.goto(`${BASE}/reports/KISC/volume`);
    await page.locator('nav.tabs').getByRole('link', { name: w.nav }).click();
    await page.waitForLoadState();
    assert.equal(await page.locator('h1').innerText(), w.title);

    await page.locator('#f-preset').selectOption({ label: w.preset });
    await page.getByRole('button', { name: w.show }).click();
    await page.waitForLoadState();
    assert.match(page.url(), /\/reports\/KISC\/sla\?.*preset=year/);
    assert.equal(await page.locator('#sla-no-data').count(), 0, 'the demo desk has SLA records');
    assert.match(await page.locator('#sla-caption').innerText(), w.summary);
    assert.equal(await page.locator('svg.chart[role=img] title').count(), 1);

    const table = page.locator('#sla-table-policy');
    const headers = await table.locator('thead th').allInnerTexts();
    assert.ok(headers.includes(w.met) && headers.includes(w.breached), `${headers}`);
    const row = table.locator('tbody tr', { hasText: w.policy }).first();
    const cells = await row.locator('td').allInnerTexts();
    // goal, measured, met, breached, compliance, median, p90, target
    assert.equal(cells.length, 8, `${cells}`);
    assert.equal(Number(cells[1]), Number(cells[2]) + Number(cells[3]), 'measured = met + breached');
    assert.match(cells[4], /%$/);
    await checkA11y(page, `${locale} SLA compliance`);

    await page.locator('nav.tabs').getByRole('link', { name: w.cases.split(' · ')[0] }).click();
    await page.waitForLoadState();
    assert.equal(await page.locator('h1').innerText(), w.cases);
    await checkA11y(page, `${locale} service cases`);
    await context.close();
  });
}

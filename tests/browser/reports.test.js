// Reports in a real Chromium, in Latvian and English: the demo desk's team
// lead opens the volume report from the menu, filters it to last three
// months by week split by channel, reads the chart's data table, follows
// a reversed date range to the message next to the date, and downloads
// the CSV, and opens the satisfaction report. axe-core checks every page;
// at 375 px nothing overflows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, checkA11y, signIn } from './support.js';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => { await browser?.close(); });

const LANGUAGES = [
  ['lv-LV', 'lv', { title: 'Pieteikumu apjoms · KISC', menu: 'Pieteikumu apjoms KISC', preset: 'Pēdējie trīs mēneši',
    period: 'nedēļām', split: 'Kanāls', show: 'Rādīt', reversed: 'Beigu datums ir pirms sākuma datuma.',
    created: 'Izveidoti', csv: 'Lejupielādēt CSV' }],
  ['en-GB', 'en', { title: 'Ticket volume · KISC', menu: 'Ticket volume KISC', preset: 'Last three months',
    period: 'week', split: 'Channel', show: 'Show', reversed: 'The end date is before the start date.',
    created: 'Created', csv: 'Download CSV' }],
];

for (const [locale, code, w] of LANGUAGES) {
  test(`a team lead filters the volume report, reads its table and downloads it in ${locale}`, async () => {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await signIn(context, 'vaditajs@kisc.lv', code);
    await page.goto(`${BASE}/tickets`);
    await page.locator('details:has(a[href="/reports/KISC/volume"]) > summary').click();
    await page.getByRole('link', { name: w.menu }).click();
    await page.waitForLoadState();
    assert.equal(await page.locator('h1').innerText(), w.title);
    await checkA11y(page, `${locale} volume`);

    await page.locator('#f-preset').selectOption({ label: w.preset });
    await page.locator('#f-period').selectOption({ label: w.period });
    await page.locator('#f-split').selectOption({ label: w.split });
    await page.getByRole('button', { name: w.show }).click();
    await page.waitForLoadState();
    assert.match(page.url(), /preset=quarter/);
    assert.match(page.url(), /split=channel/);
    // The chart is named and its figures are in the table beside it.
    assert.equal(await page.locator('svg.chart[role=img] title').count(), 1);
    const headers = await page.locator('table.report thead th').allInnerTexts();
    assert.ok(headers.includes(w.created), `${headers}`);
    assert.ok(await page.locator('table.report tbody tr').count() >= 13, 'a row per week');
    await checkA11y(page, `${locale} volume by week and channel`);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: w.csv }).click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^volume-KISC-\d{4}-\d{2}-\d{2}\.csv$/);

    // The satisfaction report of the year: its chart and tables.
    await page.goto(`${BASE}/reports/KISC/satisfaction?preset=year`);
    assert.equal(await page.locator('svg.chart[role=img] title').count(), 1);
    assert.equal(await page.locator('table.report').count(), 5, 'desk, teams, agents, services, comments');
    await checkA11y(page, `${locale} satisfaction`);

    // A reversed range: the message next to the end date, the rest kept.
    await page.goto(`${BASE}/reports/KISC/volume?from=20.11.2026&to=01.11.2026&split=channel`);
    assert.equal(await page.locator('#f-to-error').innerText(), w.reversed);
    assert.equal(await page.locator('#f-to').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#f-split').inputValue(), 'channel');
    await checkA11y(page, `${locale} volume with an error`);

    await page.setViewportSize({ width: 375, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `overflows sideways by ${overflow}px`);
    await context.close();
  });
}

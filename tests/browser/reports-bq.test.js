// The backlog and quality reports in a real Chromium, in Latvian and
// English: the demo desk's team lead opens the backlog from the report
// navigation, filters it to the last three months by month split by
// channel, reads the chart's data table, follows a reversed range to the
// message next to the date, downloads the CSV, and opens the quality
// report with its trend lines. axe-core checks every page; at 375 px
// nothing overflows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, checkA11y, signIn } from './support.js';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => { await browser?.close(); });

const LANGUAGES = [
  ['lv-LV', 'lv', { title: 'Neizpildītie pieteikumi · KISC', nav: 'Neizpildītie pieteikumi', preset: 'Pēdējie trīs mēneši',
    period: 'mēnešiem', split: 'Kanāls', show: 'Rādīt', reversed: 'Beigu datums ir pirms sākuma datuma.',
    now: 'Tagad', total: 'Atvērti kopā', old: 'Vairāk par 30 darba dienām', csv: 'Lejupielādēt CSV',
    quality: 'Kvalitāte', reopenRate: 'Atkārtoti atvērto daļa' }],
  ['en-GB', 'en', { title: 'Backlog · KISC', nav: 'Backlog', preset: 'Last three months',
    period: 'month', split: 'Channel', show: 'Show', reversed: 'The end date is before the start date.',
    now: 'Now', total: 'Open in all', old: 'Over 30 business days', csv: 'Download CSV',
    quality: 'Quality', reopenRate: 'Reopen rate' }],
];

for (const [locale, code, w] of LANGUAGES) {
  test(`a team lead filters the backlog, reads its table and opens the quality report in ${locale}`, async () => {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await signIn(context, 'vaditajs@kisc.lv', code);
    await page.goto(`${BASE}/reports/KISC/volume`);
    await page.locator('nav.tabs').getByRole('link', { name: w.nav }).click();
    await page.waitForLoadState();
    assert.equal(await page.locator('h1').innerText(), w.title);
    await checkA11y(page, `${locale} backlog`);

    await page.locator('#f-preset').selectOption({ label: w.preset });
    await page.locator('#f-period').selectOption({ label: w.period });
    await page.locator('#f-split').selectOption({ label: w.split });
    await page.getByRole('button', { name: w.show }).click();
    await page.waitForLoadState();
    assert.match(page.url(), /\/reports\/KISC\/backlog\?/);
    assert.match(page.url(), /preset=quarter/);
    assert.match(page.url(), /split=channel/);
    // The chart is named; its figures are in the table beside it: a column
    // per age bucket and the total, a row per month ended and now.
    assert.equal(await page.locator('svg.chart[role=img] title').count(), 1);
    const headers = await page.locator('#backlog-table thead th').allInnerTexts();
    assert.ok(headers.includes(w.total), `${headers}`);
    assert.ok(headers.includes(w.old), `${headers}`);
    const rows = await page.locator('#backlog-table tbody th[scope=row]').allInnerTexts();
    assert.equal(rows.at(-1), w.now, `${rows}`);
    assert.ok(rows.length >= 3, `the months ended and now: ${rows}`);
    // Each row's total is the sum of its ages.
    for (const tr of await page.locator('#backlog-table tbody tr').all()) {
      const cells = (await tr.locator('td').allInnerTexts()).map(Number);
      const total = cells.pop();
      assert.equal(cells.reduce((a, b) => a + b, 0), total);
    }
    assert.equal(await page.locator('#backlog-split-table').count(), 1, 'a table per channel');
    await checkA11y(page, `${locale} backlog by month and channel`);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: w.csv }).click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^backlog-KISC-\d{4}-\d{2}-\d{2}\.csv$/);

    // A reversed range: the message next to the end date, the rest kept.
    await page.goto(`${BASE}/reports/KISC/backlog?from=20.11.2026&to=01.11.2026&split=channel`);
    assert.equal(await page.locator('#f-to-error').innerText(), w.reversed);
    assert.equal(await page.locator('#f-to').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#f-split').inputValue(), 'channel');
    await checkA11y(page, `${locale} backlog with an error`);

    // Quality: the trend lines and the root causes, each with its table.
    await page.locator('nav.tabs').getByRole('link', { name: w.quality }).click();
    await page.waitForLoadState();
    await page.goto(`${BASE}/reports/KISC/quality?preset=quarter&period=month`);
    assert.equal(await page.locator('svg.chart[role=img] title').count(), 2);
    const qualityHeaders = await page.locator('table.quality-table thead th').allInnerTexts();
    assert.ok(qualityHeaders.includes(w.reopenRate), `${qualityHeaders}`);
    assert.equal(await page.locator('#root-causes-table').count(), 1);
    await checkA11y(page, `${locale} quality`);

    await page.setViewportSize({ width: 375, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `overflows sideways by ${overflow}px`);
    await context.close();
  });
}

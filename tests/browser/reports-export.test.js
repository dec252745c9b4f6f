// The raw ticket list export in a real Chromium, in Latvian and English:
// the demo desk's team lead opens the ticket list from the report tabs,
// ticks the columns they want (kept in the URL), downloads the CSV and the
// XLSX (checking the files' names and first bytes), and meets a reversed
// date range as a message next to the date with no download offered.
// axe-core checks every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { BASE, launch, checkA11y, signIn } from './support.js';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => { await browser?.close(); });

const LANGUAGES = [
  ['lv-LV', 'lv', { tab: 'Pieteikumu saraksts', title: 'Pieteikumu saraksts · KISC', preset: 'Pēdējie trīs mēneši',
    columns: 'Kolonnas', key: 'Atslēga', channel: 'Kanāls', created: 'Izveidots', show: 'Rādīt', csv: 'Lejupielādēt CSV',
    xlsx: 'Lejupielādēt XLSX', reversed: 'Beigu datums ir pirms sākuma datuma.' }],
  ['en-GB', 'en', { tab: 'Ticket list', title: 'Ticket list · KISC', preset: 'Last three months',
    columns: 'Columns', key: 'Key', channel: 'Channel', created: 'Created', show: 'Show', csv: 'Download CSV',
    xlsx: 'Download XLSX', reversed: 'The end date is before the start date.' }],
];

for (const [locale, code, w] of LANGUAGES) {
  test(`a team lead chooses the ticket list's columns and downloads it as CSV and XLSX in ${locale}`, async () => {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await signIn(context, 'vaditajs@kisc.lv', code);
    await page.goto(`${BASE}/reports/KISC/volume`);
    await page.locator('nav.tabs').getByRole('link', { name: w.tab }).click();
    await page.waitForLoadState();
    assert.equal(await page.locator('h1').innerText(), w.title);
    await checkA11y(page, `${locale} ticket list`);

    // Only key, channel and created, for the last three months.
    await page.locator('#f-preset').selectOption({ label: w.preset });
    for (const box of await page.locator('input[name=col]').all()) await box.setChecked(false);
    // Labelled checkboxes in the fieldset (the filter has a channel too).
    const columns = page.getByRole('group', { name: w.columns });
    await columns.getByLabel(w.created, { exact: true }).check();
    await columns.getByLabel(w.key, { exact: true }).check();
    await columns.getByLabel(w.channel, { exact: true }).check();
    await page.getByRole('button', { name: w.show }).click();
    await page.waitForLoadState();
    assert.match(page.url(), /preset=quarter/);
    assert.match(page.url(), /col=key&col=channel&col=created/);
    assert.equal(await page.locator('input[name=col]:checked').count(), 3);
    await checkA11y(page, `${locale} ticket list with chosen columns`);

    let download = page.waitForEvent('download');
    await page.getByRole('link', { name: w.csv }).click();
    let file = await download;
    assert.match(file.suggestedFilename(), /^tickets-KISC-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(await file.path(), 'utf8');
    assert.ok(csv.startsWith(`\ufeff${w.key},${w.channel},${w.created}\n`), csv.slice(0, 80));
    assert.match(csv.split('\n')[1], /^KISC-\d+,[^,]+,\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    download = page.waitForEvent('download');
    await page.getByRole('link', { name: w.xlsx }).click();
    file = await download;
    assert.match(file.suggestedFilename(), /^tickets-KISC-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const xlsx = await readFile(await file.path());
    assert.equal(xlsx.subarray(0, 2).toString('latin1'), 'PK', 'a zip file');

    // A reversed range: the message next to the end date, no download.
    await page.goto(`${BASE}/reports/KISC/tickets?from=20.11.2026&to=01.11.2026&col=summary`);
    assert.equal(await page.locator('#f-to-error').innerText(), w.reversed);
    assert.equal(await page.locator('#f-to').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#col-summary').isChecked(), true);
    assert.equal(await page.getByRole('link', { name: w.csv }).count(), 0);
    await checkA11y(page, `${locale} ticket list with an error`);
    await context.close();
  });
}

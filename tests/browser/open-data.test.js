// Open data in a real Chromium, in Latvian and English: the desk
// administrator opens the page from the reports' navigation, reads the
// published rows and the data dictionary, publishes, and a visitor who is
// not signed in then downloads the CSV and JSON; withdrawn, they are gone
// again. axe-core checks every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, checkA11y, signIn } from './support.js';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => { await browser?.close(); });

const LANGUAGES = [
  ['lv-LV', 'lv', { nav: 'Atvērtie dati', title: 'Atvērtie dati · KISC', dictionary: 'Datu vārdnīca',
    publish: 'Publicēt atvērtos datus', withdraw: 'Atsaukt publicēšanu', published: 'Atvērtie dati publicēti.',
    csv: 'Lejupielādēt CSV' }],
  ['en-GB', 'en', { nav: 'Open data', title: 'Open data · KISC', dictionary: 'Data dictionary',
    publish: 'Publish open data', withdraw: 'Withdraw publication', published: 'Open data published.',
    csv: 'Download CSV' }],
];

for (const [locale, code, w] of LANGUAGES) {
  test(`a desk administrator publishes open data that a visitor downloads in ${locale}`, async () => {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const visitor = await browser.newContext({ locale });
    const page = await signIn(context, 'admin@kisc.lv', code);
    assert.equal((await visitor.request.get(`${BASE}/reports/KISC/open-data.csv`)).status(), 404, 'not yet published');

    await page.goto(`${BASE}/reports/KISC/volume`);
    await page.getByRole('navigation', { name: code === 'lv' ? 'Pārskati' : 'Reports' }).getByRole('link', { name: w.nav }).click();
    await page.waitForLoadState();
    assert.equal(await page.locator('h1').innerText(), w.title);
    // The demo's months of history are there, and the dictionary beside them.
    assert.ok(await page.locator('#open-data-preview').count() === 1);
    assert.ok(await page.locator('table.report').first().locator('tbody tr').count() > 5, 'rows of the demo history');
    assert.ok((await page.locator('caption').allInnerTexts()).includes(w.dictionary));
    await checkA11y(page, `${locale} open data`);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: w.csv }).click();
    assert.match((await download).suggestedFilename(), /^open-data-KISC-\d{4}-\d{4}-\d{2}-\d{2}\.csv$/);

    await page.getByRole('button', { name: w.publish }).click();
    await page.waitForLoadState();
    assert.equal(await page.locator('.flash').innerText(), w.published);
    await checkA11y(page, `${locale} open data published`);

    const csv = await visitor.request.get(`${BASE}/reports/KISC/open-data.csv`);
    assert.equal(csv.status(), 200);
    const text = await csv.text();
    assert.ok(text.includes('month,service,channel,institution_kind,tickets_created'), text.slice(0, 200));
    assert.ok(!text.includes('@'), 'no email address');
    const json = await visitor.request.get(`${BASE}/reports/KISC/open-data.json`);
    assert.equal(json.status(), 200);
    const body = await json.json();
    assert.equal(body.minimum_group, 5);
    assert.ok(body.rows.length > 0);

    await page.getByRole('button', { name: w.withdraw }).click();
    await page.waitForLoadState();
    assert.equal((await visitor.request.get(`${BASE}/reports/KISC/open-data.json`)).status(), 404);
    await visitor.close();
    await context.close();
  });
}

// The one search and self-service in a real Chromium: the search page with
// its kind filters and its "nothing found" answer in Latvian and English,
// an agent finding a ticket filed a moment ago by another form of a word,
// and articles suggested beside a portal form while the problem is typed —
// every page under axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, checkA11y } from './support.js';

const FORM = '/portal/KISC/datora-printera-traucejumi';
let browser;

async function newPage(locale) {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  return context.newPage();
}

before(async () => {
  browser = await launch();
});

after(async () => { await browser?.close(); });

for (const [locale, words] of [
  ['lv-LV', { nav: 'Meklēt', submit: 'Meklēt', types: 'Pieteikumu veidi', nothing: 'nekas netika atrasts' }],
  ['en-GB', { nav: 'Search', submit: 'Search', types: 'Request types', nothing: 'Nothing was found' }],
]) {
  test(`the search page finds request types, filters by kind and says when nothing is found, in ${locale}`, async () => {
    const page = await newPage(locale);
    await page.goto(`${BASE}/`);
    await page.locator('header nav').getByRole('link', { name: words.nav, exact: true }).click();
    await page.waitForURL(/\/search$/);
    await checkA11y(page, `${locale} empty search page`);

    await page.getByRole('searchbox').fill('printera');
    await page.getByRole('button', { name: words.submit, exact: true }).click();
    await page.waitForURL(/\/search\?q=printera/);
    assert.ok(await page.locator('.hits li').count() >= 1, 'request types about printers are found');
    await checkA11y(page, `${locale} search results`);

    const filter = page.locator('nav.tabs').getByRole('link', { name: new RegExp(`^${words.types}`) });
    await filter.click();
    await page.waitForURL(/kind=request_type/);
    assert.equal(await filter.getAttribute('aria-current'), 'page');
    assert.ok(await page.locator('.hits li').count() >= 1);
    await checkA11y(page, `${locale} results of one kind`);

    await page.getByRole('searchbox').fill('zvejnieku laiva');
    await page.getByRole('button', { name: words.submit, exact: true }).click();
    await page.getByRole('heading', { name: new RegExp(words.nothing) }).waitFor();
    await checkA11y(page, `${locale} nothing found`);
    await page.context().close();
  });
}

test('an agent finds a ticket filed a moment ago by another form of its word', async () => {
  const page = await newPage('lv-LV');
  await page.goto(`${BASE}/login`);
  await page.getByLabel('E-pasts').fill('agents@kisc.lv');
  await page.getByLabel('Parole').fill('demo-parole-2026');
  await page.getByRole('button', { name: 'Pieteikties' }).click();
  await page.waitForURL(/\/tickets$/);
  await page.getByRole('link', { name: 'Jauns pieteikums' }).click();
  await page.getByLabel('Pieteikuma veids').selectOption({ label: 'KISC — Incidents' });
  await page.getByLabel('Pieteicējs').fill('janis.berzins@lnb.lv');
  await page.getByLabel('Pieteikuma tēma').fill('Ugunsmūris bloķē pasta serveri');
  await page.getByLabel('Problēmas apraksts').fill('Kopš rīta neienāk e-pasts.');
  await page.getByRole('button', { name: 'Nosūtīt' }).click();
  await page.waitForURL(/\/tickets\/KISC-\d+$/);
  const key = page.url().split('/').pop();

  // The index catches up every second; allow a few.
  let found = false;
  for (let i = 0; i < 20 && !found; i++) {
    await page.goto(`${BASE}/search?q=${encodeURIComponent('ugunsmūrī')}`);
    found = await page.locator(`.hits a[href="/tickets/${key}"]`).count() > 0;
    if (!found) await page.waitForTimeout(250);
  }
  assert.ok(found, `${key} is found by "ugunsmūrī"`);
  assert.equal(await page.locator('nav.tabs').getByRole('link', { name: /^Pieteikumi/ }).count(), 1, 'staff may narrow to tickets');
  await checkA11y(page, 'agent search results');
  await page.context().close();
});

for (const locale of ['lv-LV', 'en-GB']) {
  test(`articles are suggested beside a portal form while the problem is typed, in ${locale}`, async (t) => {
    const page = await newPage(locale);
    await page.goto(`${BASE}${FORM}`);
    const region = page.locator('#suggestions');
    assert.equal(await region.getAttribute('aria-live'), 'polite');
    assert.equal(await page.locator('#suggestions-box').isVisible(), true, 'the script shows the region');
    await checkA11y(page, `${locale} form with the suggestion region`);

    const typed = 'Printeris nedrukā, dators neieslēdzas, parole aizmirsta';
    await page.locator('#f-description').pressSequentially(typed, { delay: 10 });
    let appeared = true;
    try {
      await region.locator('li a').first().waitFor({ timeout: 5000 });
    } catch {
      appeared = false;
    }
    if (!appeared) {
      // Without published public articles there is nothing to suggest.
      const articles = await page.request.get(`${BASE}/search?q=${encodeURIComponent('printeris OR dators OR parole')}&kind=article`);
      const html = await articles.text();
      assert.ok(!html.includes('class="hit"'), 'articles exist, so one should have been suggested');
      t.diagnostic('SKIPPED the suggestion assertion: the demo has no published public article yet');
      console.warn('search.test.js: the demo has no published public article yet; the suggestion assertion was skipped');
    } else {
      const href = await region.locator('li a').first().getAttribute('href');
      assert.match(href, /^\/help\/KISC\/articles\/\d+\?from=\d+$/);
      await checkA11y(page, `${locale} form with suggestions`);
    }
    await page.context().close();
  });
}

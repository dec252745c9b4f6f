// The knowledge base in a real Chromium, in Latvian and English: the
// knowledge editor writes an article, previews it, is refused and keeps the
// text, publishes it, edits it and reads the history; then a visitor who is
// not signed in finds it on the public help page and says it helped.
// axe-core checks every page on the way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, checkA11y } from './support.js';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => { await browser?.close(); });

const LANGUAGES = [
  ['lv-LV', 'lv', {
    title: 'Kā pieslēgties bezvadu tīklam', heading: 'Soļi', step: 'Izvēlieties tīklu KISC-Darbs.',
    preview: 'Priekšskatīt', save: 'Saglabāt melnrakstu', saveEdit: 'Saglabāt', submit: 'Iesniegt pārskatīšanai',
    publish: 'Publicēt', edit: 'Labot', history: 'Versiju vēsture', added: 'pievienots', helped: 'Jā',
    thanks: 'Paldies par atsauksmi!', help: 'Padomi un instrukcijas', required: 'Šis lauks ir obligāts.',
    newArticle: 'Jauns raksts', published: 'Publicēts',
  }],
  ['en-GB', 'en', {
    title: 'Connecting to the wireless network', heading: 'Steps', step: 'Choose the network KISC-Work.',
    preview: 'Preview', save: 'Save draft', saveEdit: 'Save', submit: 'Submit for review',
    publish: 'Publish', edit: 'Edit', history: 'Version history', added: 'added', helped: 'Yes',
    thanks: 'Thank you for your feedback!', help: 'Tips and how-tos', required: 'This field is required.',
    newArticle: 'New article', published: 'Published',
  }],
];

for (const [locale, code, w] of LANGUAGES) {
  test(`the knowledge editor writes, previews and publishes an article and a visitor reads it in ${locale}`, async () => {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${BASE}/login`);
    await page.locator('#f-email').fill('zinasanas@kisc.lv');
    await page.locator('#f-password').fill('demo-parole-2026');
    await page.locator('form[action="/login"] button[type=submit]').click();
    await page.waitForLoadState();
    // The demo's people work in Latvian; choose the language of this run
    // (in the user menu).
    await page.locator('.user-menu summary').click();
    await page.locator('#lang-select').selectOption(code);
    await page.locator('form[action="/language"] button').click();
    await page.waitForLoadState();

    await page.goto(`${BASE}/kb/KISC`);
    assert.ok(await page.locator('table.kb-list tbody tr').count() >= 3, 'the demo articles are listed');
    await checkA11y(page, `${locale} article list`);

    await page.getByRole('link', { name: w.newArticle, exact: true }).first().click();
    await page.waitForURL(/\/kb\/KISC\/new$/);
    await checkA11y(page, `${locale} editor`);
    const body = `## ${w.heading}\n\n1. ${w.step}\n2. **OK**`;
    await page.locator(`#f-body_${code}`).fill(body);
    await page.getByRole('button', { name: w.preview }).click();
    await page.locator('.kb-preview').waitFor();
    assert.equal(await page.locator('.kb-preview h2').nth(1).innerText(), w.heading);
    assert.equal(await page.locator(`#f-body_${code}`).inputValue(), body, 'the preview keeps the text');
    await checkA11y(page, `${locale} preview`);

    // Without a title the article is refused, and nothing typed is lost.
    await page.getByRole('button', { name: w.save }).click();
    await page.locator('.error-summary').first().waitFor();
    assert.match(await page.locator('.error-summary').first().innerText(), new RegExp(w.required));
    assert.equal(await page.locator(`#f-body_${code}`).inputValue(), body);
    await checkA11y(page, `${locale} refused editor`);

    await page.locator(`#f-title_${code}`).fill(w.title);
    await page.getByRole('button', { name: w.save }).click();
    await page.waitForURL(/\/kb\/KISC\/articles\/\d+$/);
    const staffUrl = page.url();
    const id = staffUrl.split('/').pop();
    await checkA11y(page, `${locale} draft article`);
    await page.getByRole('button', { name: w.submit }).click();
    await page.getByRole('button', { name: w.publish }).click();
    await page.waitForURL(staffUrl);
    assert.equal(await page.locator('#article-status').innerText(), w.published);
    await checkA11y(page, `${locale} published article`);

    await page.getByRole('link', { name: w.edit, exact: true }).click();
    await page.locator(`#f-body_${code}`).fill(`${body}\n3. ${w.thanks}`);
    await page.getByRole('button', { name: w.saveEdit, exact: true }).click();
    await page.waitForURL(staffUrl);
    await page.getByRole('link', { name: w.history }).click();
    await page.locator('.kb-diff').waitFor();
    assert.match(await page.locator('.kb-diff .kb-added').first().innerText(), new RegExp(w.added));
    await checkA11y(page, `${locale} history`);

    for (const path of ['stale', 'report', 'categories', 'import']) {
      await page.goto(`${BASE}/kb/KISC/${path}`);
      await checkA11y(page, `${locale} ${path}`);
    }
    await context.close();

    // A visitor who is not signed in.
    const visitor = await (await browser.newContext({ locale })).newPage();
    await visitor.goto(`${BASE}/`);
    await visitor.getByRole('link', { name: /^(Padomi un instrukcijas|Tips and how-tos)/ }).first().click();
    await visitor.waitForURL(/\/help\/KISC$/);
    assert.equal(await visitor.locator('h1').innerText(), w.help);
    await checkA11y(visitor, `${locale} help page`);
    await visitor.getByRole('link', { name: w.title }).click();
    await visitor.waitForURL(new RegExp(`/help/KISC/articles/${id}$`));
    assert.equal(await visitor.locator('.kb-body h2').first().innerText(), w.heading);
    await checkA11y(visitor, `${locale} help article`);
    await visitor.getByRole('button', { name: w.helped, exact: true }).click();
    await visitor.getByText(w.thanks).first().waitFor();
    await checkA11y(visitor, `${locale} help article after voting`);
    if (code === 'en') {
      // A Latvian-only demo article is shown in Latvian, marked so.
      await visitor.goto(`${BASE}/help/KISC/articles/1`);
      assert.equal(await visitor.locator('article.kb-article').getAttribute('lang'), 'lv');
      await checkA11y(visitor, 'a Latvian article for an English reader');
    }
    // At phone width nothing spills sideways.
    await visitor.setViewportSize({ width: 360, height: 740 });
    await visitor.goto(`${BASE}/help/KISC/articles/${id}`);
    const overflow = await visitor.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    assert.equal(overflow, false, 'the article fits a phone');
    await visitor.context().close();
  });
}

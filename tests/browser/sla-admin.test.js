// Service levels in a real Chromium, in Latvian and English: the desk
// administrator opens the demo desk's office-hours calendar, adds a day off
// in its year view and sees it marked in words, edits a policy's goal and
// sees it in the list, and previews when a Friday-afternoon ticket is due.
// axe-core checks every page; at 375 px nothing overflows sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, checkA11y, signIn } from './support.js';

let browser;

async function noOverflow(page, label) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `${label} overflows sideways by ${overflow}px`);
}

before(async () => {
  browser = await launch();
});

after(async () => { await browser?.close(); });

// Each language run uses its own date and goal, so the two runs (and a
// rerun on the same database) do not depend on each other.
const LANGUAGES = [
  ['lv-LV', 'lv', {
    calendars: 'Darba kalendāri', dayOff: 'Brīvdiena', abbr: 'Br.', saveDay: 'Saglabāt dienu', date: '2031-04-14',
    dateText: '14.04.2031.', name: 'Pasākuma diena', savedDay: 'Diena saglabāta', policy: 'Incidenti',
    savePolicy: 'Saglabāt politiku', goal: 'Pirmā atbilde: 3 h', hours: '3', calculate: 'Aprēķināt',
    due: 'Pirmā atbilde (3 h): 07.12.2026. 11:00',
  }],
  ['en-GB', 'en', {
    calendars: 'Business calendars', dayOff: 'Day off', abbr: 'Off', saveDay: 'Save day', date: '2031-04-15',
    dateText: '15.04.2031.', name: 'Event day', savedDay: 'Day saved', policy: 'Incidents',
    savePolicy: 'Save policy', goal: 'First response: 2 h', hours: '2', calculate: 'Calculate',
    due: 'First response (2 h): 7 Dec 2026, 10:00',
  }],
];

for (const [locale, code, w] of LANGUAGES) {
  test(`a desk administrator edits a calendar year and a policy in ${locale}`, async () => {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
    const page = await signIn(context, 'admin@kisc.lv', code);

    await page.goto(`${BASE}/admin/sla/KISC/calendars`);
    assert.equal(await page.locator('h1').innerText(), `${w.calendars} · KISC`);
    await checkA11y(page, `${locale} calendars`);

    // The office calendar's year 2031: add a Monday off.
    const row = page.locator('tbody tr', { hasText: 'darba-laiks' });
    await row.locator('a').nth(1).click();
    await page.waitForURL(/\/calendars\/\d+\/\d{4}$/);
    await page.goto(page.url().replace(/\/\d{4}$/, '/2031'));
    await checkA11y(page, `${locale} year view`);
    await page.locator('#f-day').fill(w.date);
    await page.locator('#f-day_kind').selectOption('day_off');
    await page.locator(`#f-day_name_${code}`).fill(w.name);
    await page.getByRole('button', { name: w.saveDay }).click();
    await page.waitForURL(/saved=day/);
    assert.match(await page.locator('main [role=status]').first().innerText(), new RegExp(w.savedDay));
    const listed = page.locator('tbody tr', { hasText: w.dateText });
    assert.match(await listed.innerText(), new RegExp(w.dayOff));
    assert.match(await listed.innerText(), new RegExp(w.name));
    const april = page.locator('table.sla-month').nth(3);
    const day = Number(w.date.slice(-2));
    assert.equal(await april.locator('td.sla-day_off', { hasText: new RegExp(`^${day}\\b`) }).locator('abbr').innerText(), w.abbr);
    await checkA11y(page, `${locale} year view with a day off`);

    // A policy's first-response goal changed, then previewed for Friday 16:30.
    await page.goto(`${BASE}/admin/sla/KISC/policies`);
    await checkA11y(page, `${locale} policies`);
    await page.getByRole('link', { name: new RegExp(w.policy) }).first().click();
    await page.waitForURL(/edit=\d+/);
    await page.locator('#g-first_response-h').fill(w.hours);
    await page.locator('#g-first_response-m').fill('');
    await page.getByRole('button', { name: w.savePolicy }).click();
    await page.waitForURL(/saved=policy/);
    assert.match(await page.locator('ol.rules').innerText(), new RegExp(w.goal));
    await page.locator('#f-preview_at').fill('2026-12-04T16:30');
    await page.getByRole('button', { name: w.calculate }).click();
    await page.locator('#sla-preview').waitFor();
    const preview = await page.locator('#sla-preview').innerText();
    assert.ok(preview.includes(w.due), preview);
    await checkA11y(page, `${locale} policy with preview`);

    // At 375 px nothing overflows sideways.
    await page.setViewportSize({ width: 375, height: 800 });
    await noOverflow(page, `${locale} policies at 375 px`);
    await page.goto(`${BASE}/admin/sla/KISC/calendars`);
    await noOverflow(page, `${locale} calendars at 375 px`);
    await page.goBack();
    await context.close();
  });
}

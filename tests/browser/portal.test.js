// The customer portal in a real Chromium: every portal page in Latvian and
// English passes axe-core, a full form is filled and sent with the keyboard
// alone, the script reveals dependent fields, and the pages fit a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, checkA11y, signIn } from './support.js';

const FORM = '/portal/KISC/periferijas-traucejumi';
let browser;

async function newPage(locale, viewport) {
  const context = await browser.newContext({ locale, viewport: viewport ?? { width: 1280, height: 900 } });
  return context.newPage();
}

/** Presses Tab until the element matching `selector` has focus. */
async function tabTo(page, selector) {
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(s => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Presses ArrowDown on the focused select until its chosen option reads `label`. */
async function arrowTo(page, label) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('ArrowDown');
    const chosen = await page.evaluate(() => document.activeElement.selectedOptions[0]?.textContent.trim());
    if (chosen === label) return;
  }
  throw new Error(`no option ${label}`);
}

before(async () => {
  browser = await launch();
});

after(async () => { await browser?.close(); });

for (const [locale, words] of [
  ['lv-LV', { search: 'Meklēt', found: 'skeneris', send: 'Nosūtīt', statement: 'Piekļūstamības paziņojums' }],
  ['en-GB', { search: 'Search', found: 'scanner', send: 'Send', statement: 'Accessibility statement' }],
]) {
  test(`every portal page passes axe-core in ${locale}`, async () => {
    const page = await newPage(locale);
    await page.goto(`${BASE}/`);
    await checkA11y(page, `${locale} home`);
    await page.locator('.group h3 a').first().click();
    await checkA11y(page, `${locale} group page`);
    await page.goto(`${BASE}/`);
    await page.getByRole('searchbox').fill(words.found);
    await page.getByRole('button', { name: words.search, exact: true }).click();
    await page.waitForURL(/\/search\?q=/);
    assert.ok(await page.locator('.hits li').count() >= 1, 'the search finds request types');
    await checkA11y(page, `${locale} search results`);
    await page.goto(`${BASE}${FORM}`);
    await checkA11y(page, `${locale} form`);
    await page.getByRole('button', { name: words.send }).click();
    await page.locator('#error-summary').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'error-summary', 'the error summary takes focus');
    await checkA11y(page, `${locale} rejected form`);
    for (const path of ['/signup', '/password-reset', '/login', '/accessibility']) {
      await page.goto(`${BASE}${path}`);
      await checkA11y(page, `${locale} ${path}`);
    }
    await page.getByRole('link', { name: words.statement }).first().waitFor();
    await page.context().close();
  });
}

test('a person fills in and sends a whole form with the keyboard alone', async () => {
  const page = await newPage('lv-LV');
  await page.goto(`${BASE}${FORM}`);
  await tabTo(page, '#f-institution');
  await arrowTo(page, 'Latvijas Nacionālā bibliotēka');
  await tabTo(page, '#f-institution__sub');
  await arrowTo(page, 'Gaismas pils (Rīga)');
  // Sub-units of other institutions are not offered once one is chosen.
  assert.equal(await page.locator('#f-institution__sub optgroup:not([disabled])').count(), 1);
  await tabTo(page, '#f-requester_name');
  await page.keyboard.type('Līga Kalēja');
  await tabTo(page, '#f-requester_email');
  await page.keyboard.type('liga.kaleja@lnb.lv');
  await tabTo(page, '#f-peripheral_device');
  await arrowTo(page, 'Skeneris');
  await tabTo(page, '#f-device_model');
  await page.keyboard.type('Canon DR-C225');
  // The summary starts as the request type's name, for the person to make it say more.
  await tabTo(page, '#f-summary');
  assert.equal(await page.locator('#f-summary').inputValue(), 'Perifērijas iekārtu darbības traucējumi');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Skeneris neieslēdzas');
  await tabTo(page, '#f-description');
  await page.keyboard.type('Skeneris neieslēdzas pēc strāvas padeves pārtraukuma.');
  await tabTo(page, '#f-inventory_number');
  await page.keyboard.type('12P00345');
  await tabTo(page, 'button[type=submit]:not(.refresh):not([name])');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/portal\/KISC\/sent\/KISC-\d+/);
  const key = await page.locator('#ticket-key').innerText();
  assert.match(key, /^KISC-\d+$/);
  // The confirmation says what was filed, where its news go and where it is.
  assert.equal(await page.locator('#ticket-subject').innerText(), 'Skeneris neieslēdzas');
  assert.equal(await page.locator('#ticket-email').innerText(), 'liga.kaleja@lnb.lv');
  assert.equal(await page.locator('#ticket-link').getAttribute('href'), `/tickets/${key}`);
  assert.ok(await page.locator('#sign-in-hint').isVisible(), 'not signed in: told the page needs an account');
  await checkA11y(page, 'confirmation page');
  await page.context().close();
});

test('choosing Other reveals its text field at once, and a rejected form keeps the typing', async () => {
  const page = await newPage('lv-LV');
  await page.goto(`${BASE}${FORM}`);
  const other = page.locator('#f-peripheral_device__other');
  assert.equal(await other.isVisible(), false);
  await page.getByLabel('Perifērijas iekārta').selectOption({ label: 'Cits' });
  assert.equal(await other.isVisible(), true);
  assert.equal(await page.locator('#f-device_model').isVisible(), false, 'no model for Other');
  await page.getByLabel('Vārds, uzvārds').fill('<script>alert(1)</script>');
  await page.getByRole('button', { name: 'Nosūtīt' }).click();
  await page.locator('#error-summary').waitFor();
  assert.equal(await page.getByLabel('Vārds, uzvārds').inputValue(), '<script>alert(1)</script>');
  assert.equal(await page.locator('#f-peripheral_device__other').isVisible(), true, 'still revealed after the server answered');
  await page.locator('#error-summary a[href="#f-peripheral_device__other"]').click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-peripheral_device__other');
  await page.context().close();
});

test('portal pages fit a phone screen without sideways scrolling', async () => {
  const page = await newPage('lv-LV', { width: 360, height: 740 });
  for (const path of ['/', FORM, '/signup']) {
    await page.goto(`${BASE}${path}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} is ${overflow}px too wide`);
  }
  await page.context().close();
});

test('a customer follows a request under My requests and a desk administrator edits the catalogue', async () => {
  const page = await newPage('lv-LV');
  await page.goto(`${BASE}/login`);
  await page.getByLabel('E-pasts').fill('janis.berzins@lnb.lv');
  await page.getByLabel('Parole').fill('demo-parole-2026');
  await page.getByRole('button', { name: 'Pieteikties' }).click();
  await page.goto(`${BASE}/portal/KISC/cits-pieteikums`);
  assert.equal(await page.locator('#f-requester_email').count(), 0, 'signed-in people are not asked for an email');
  await checkA11y(page, 'signed-in form');
  await page.getByLabel('Pieteikuma tēma').fill('Vajag jaunu peles paliktni');
  await page.getByLabel('Pieteikuma apraksts').fill('Vecais ir nodilis.');
  await page.getByRole('button', { name: 'Nosūtīt' }).click();
  await page.waitForURL(/\/sent\//);
  assert.equal(await page.locator('#ticket-subject').innerText(), 'Vajag jaunu peles paliktni');
  assert.equal(await page.locator('#sign-in-hint').count(), 0, 'signed in: the link is enough');
  await page.locator('#ticket-link').click();
  await page.waitForURL(/\/tickets\/KISC-\d+$/);
  await checkA11y(page, 'the request, from its confirmation');
  await page.goBack();
  await page.getByRole('link', { name: /Mani pieteikumi/ }).click();
  await checkA11y(page, 'My requests');
  await page.getByRole('link', { name: /KISC-\d+/ }).first().click();
  await checkA11y(page, 'a request seen by its requester');
  await page.context().close();

  // Other tests switch the administrator to English; this one reads Latvian.
  const admin = await signIn(await browser.newContext({ locale: 'lv-LV' }), 'admin@kisc.lv', 'lv');
  await admin.goto(`${BASE}/admin/catalogue/KISC`);
  await checkA11y(admin, 'catalogue administration');
  await admin.goto(`${BASE}/admin/catalogue/KISC/types/periferijas-traucejumi`);
  await checkA11y(admin, 'form editor');

  // The desk's own wording of a notification, previewed before saving.
  await admin.goto(`${BASE}/admin/mail/KISC/templates`);
  await checkA11y(admin, 'notification wording list');
  await admin.getByRole('link', { name: 'Labot: Pieteikums saņemts, Latviešu' }).click();
  await admin.getByLabel('Temats').fill('Saņemts: {key}');
  await admin.getByRole('button', { name: 'Priekšskatīt' }).click();
  assert.match(await admin.locator('.mail-preview').innerText(), /Saņemts: KISC-1042/);
  await checkA11y(admin, 'notification wording editor with preview');
  await admin.getByLabel('Temats').fill('Saņemts: {nav_tada}');
  await admin.getByRole('button', { name: 'Saglabāt tekstu' }).click();
  await assert.doesNotReject(admin.getByRole('alert').waitFor());
  assert.equal(await admin.getByLabel('Temats').inputValue(), 'Saņemts: {nav_tada}');
  await checkA11y(admin, 'refused notification wording');
  await admin.goto(`${BASE}/admin/routing/KISC`);
  await checkA11y(admin, 'routing rules');
  await admin.getByLabel('Nosaukums').fill('Bibliotēku sistēmas');
  await admin.getByLabel('Atslēgvārdi tēmā vai aprakstā').fill('horizon, aleph');
  await admin.getByRole('button', { name: 'Saglabāt noteikumu' }).click();
  await admin.waitForURL(/\/admin\/routing\/KISC$/);
  await assert.doesNotReject(admin.getByRole('alert').waitFor());
  await checkA11y(admin, 'a refused routing rule');
  await admin.context().close();
});

test('new equipment waits for the head of the institution, who rejects without a reason, is told, then approves', async () => {
  const page = await newPage('lv-LV');
  await page.goto(`${BASE}/login`);
  await page.getByLabel('E-pasts').fill('janis.berzins@lnb.lv');
  await page.getByLabel('Parole').fill('demo-parole-2026');
  await page.getByRole('button', { name: 'Pieteikties' }).click();
  await page.goto(`${BASE}/portal/KISC/jaunas-tehnikas-pieteikums`);
  await page.locator('#f-institution').selectOption({ label: 'Latvijas Nacionālā bibliotēka' });
  await page.getByLabel('Vārds, uzvārds').fill('Jānis Bērziņš');
  await page.getByLabel('Portatīvo datoru skaits').fill('2');
  await page.getByLabel('Pieteikuma pamatojums').fill('Lasītavai vajag datorus apmeklētājiem.');
  await page.getByLabel('Adrese').fill('Mūkusalas iela 3, Rīga');
  await page.getByRole('button', { name: 'Nosūtīt' }).click();
  await page.waitForURL(/\/sent\//);
  const key = await page.locator('#ticket-key').innerText();
  await page.context().close();

  const head = await newPage('lv-LV');
  await head.goto(`${BASE}/login`);
  await head.getByLabel('E-pasts').fill('vaditaja@lnb.lv');
  await head.getByLabel('Parole').fill('demo-parole-2026');
  await head.getByRole('button', { name: 'Pieteikties' }).click();
  await head.goto(`${BASE}/tickets/${key}`);
  assert.equal(await head.locator('#request-status').innerText(), 'Gaida apstiprinājumu');
  await checkA11y(head, 'a request waiting for approval');
  await head.getByRole('button', { name: 'Noraidīt' }).click();
  await assert.doesNotReject(head.getByRole('alert').waitFor());
  await checkA11y(head, 'a rejection without a reason');
  await head.getByLabel('Komentārs', { exact: true }).fill('Piekrītu, bet tikai diviem datoriem.');
  await head.getByRole('button', { name: 'Apstiprināt' }).click();
  await head.getByRole('status').filter({ hasText: 'Lēmums saglabāts.' }).waitFor();
  assert.equal(await head.getByRole('status').filter({ hasText: 'Lēmums saglabāts.' }).innerText(), 'Lēmums saglabāts.');
  assert.equal(await head.locator('#request-status').innerText(), 'Saņemts');
  assert.match(await head.locator('#approval').innerText(), /apstiprināja[\s\S]*Piekrītu, bet tikai diviem datoriem/);
  await head.context().close();
});

/** Fails when the page scrolls sideways. */
async function assertFits(page, label) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${label} is ${overflow}px too wide`);
}

for (const viewport of [{ width: 1280, height: 900 }, { width: 375, height: 812 }]) {
  test(`a customer follows a request from My requests, confirms it solved and reopens it (${viewport.width} px)`, async () => {
    const page = await newPage('lv-LV', viewport);
    await page.goto(`${BASE}/login`);
    await page.getByLabel('E-pasts').fill('janis.berzins@lnb.lv');
    await page.getByLabel('Parole').fill('demo-parole-2026');
    await page.getByRole('button', { name: 'Pieteikties' }).click();
    await page.goto(`${BASE}/portal/KISC/cits-pieteikums`);
    const subject = `Nedarbojas kopētājs ${viewport.width}`;
    await page.getByLabel('Pieteikuma tēma').fill(subject);
    await page.getByLabel('Pieteikuma apraksts').fill('Kopētājs trešajā stāvā izdod kļūdu E-203.');
    await page.getByRole('button', { name: 'Nosūtīt' }).click();
    await page.waitForURL(/\/sent\//);

    await page.goto(`${BASE}/tickets?scope=mine&state=all`);
    await checkA11y(page, `My requests at ${viewport.width} px`);
    await assertFits(page, `My requests at ${viewport.width} px`);
    assert.equal(await page.getByRole('link', { name: 'Jauns pieteikums' }).count(), 1, 'the New request button');
    const headers = await page.locator('table.requests thead th').allInnerTexts();
    for (const staffOnly of ['Prioritāte', 'Izpildītājs']) {
      assert.ok(!headers.includes(staffOnly), `no ${staffOnly} column`);
    }
    await page.getByRole('link', { name: subject }).first().click();
    await page.waitForURL(/\/tickets\/KISC-\d+$/);
    await checkA11y(page, `a request page at ${viewport.width} px`);
    await assertFits(page, `a request page at ${viewport.width} px`);
    assert.equal(await page.locator('table.history').count(), 0, 'no audit table');
    assert.equal(await page.locator('#request-status').innerText(), 'Saņemts');
    await page.getByLabel('Jūsu atbilde').fill('Kļūda parādās, kad kopē abas lapas puses.');
    await page.getByRole('button', { name: 'Nosūtīt atbildi' }).click();
    await page.getByRole('status').filter({ hasText: /atbilde nosūtīta/ }).waitFor();
    assert.match(await page.getByRole('status').innerText(), /atbilde nosūtīta/);
    assert.match(await page.locator('#conversation').innerText(), /abas lapas puses/);
    await checkA11y(page, `a request with a reply at ${viewport.width} px`);
    const shots = process.env.ATBALSTS_SCREENSHOTS;
    if (shots) {
      await page.screenshot({ path: `${shots}/customer-request-lv-${viewport.width}.png`, fullPage: true });
    }

    await page.getByRole('button', { name: 'Problēma atrisināta' }).click();
    await page.getByRole('status').filter({ hasText: /atzīmēts kā atrisināts/ }).waitFor();
    assert.match(await page.getByRole('status').innerText(), /atzīmēts kā atrisināts/);
    assert.equal(await page.locator('#request-status').innerText(), 'Atrisināts');
    await checkA11y(page, `a solved request at ${viewport.width} px`);
    await assertFits(page, `a solved request at ${viewport.width} px`);

    await page.getByRole('button', { name: 'Atvērt no jauna' }).click();
    await page.getByRole('status').filter({ hasText: /atvērts no jauna/ }).waitFor();
    assert.match(await page.getByRole('status').innerText(), /atvērts no jauna/);
    assert.equal(await page.locator('#request-status').innerText(), 'Tiek risināts');
    assert.match(await page.locator('.status-history').innerText(), /Saņemts[\s\S]*Atrisināts[\s\S]*Tiek risināts/);
    await page.context().close();
  });
}

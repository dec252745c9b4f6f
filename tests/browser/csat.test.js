// Satisfaction surveys in the browser (issue 18): Jānis files a request in
// the portal, an agent resolves it, Jānis opens the survey link from the
// resolved mail (read from the outbox in the server's database, as his mail
// program would show it) without signing in, answers 4 with a comment and
// sees the thank-you page; the agent then sees the answer on the ticket.
// axe-core runs on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { BASE, launch, checkA11y } from './support.js';

const DB = process.env.ATBALSTS_TEST_DB ?? '';
let browser;

async function signedIn(email) {
  const context = await browser.newContext({ locale: 'lv-LV', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${BASE}/login`);
  await page.getByLabel('E-pasts').fill(email);
  await page.getByLabel('Parole').fill('demo-parole-2026');
  await page.getByRole('button', { name: 'Pieteikties' }).click();
  await page.waitForURL(url => !url.pathname.startsWith('/login'));
  return page;
}

/** The survey link (its path) in the resolved mail about `key`, from the outbox. */
function surveyLink(key) {
  assert.ok(DB, 'ATBALSTS_TEST_DB names the server database (tests/browser/run sets it)');
  const sql = `SELECT body_text FROM notifications WHERE kind = 'request-resolved' AND subject LIKE '%${key}]%' ORDER BY id DESC LIMIT 1`;
  const out = DB.startsWith('postgres')
    ? execFileSync('psql', [DB, '-At', '-c', sql])
    : execFileSync('sqlite3', [DB.replace(/^sqlite:\/\//, '').split('?')[0], sql]);
  const found = out.toString().match(/\/satisfaction\/[^\s]+/);
  assert.ok(found, `a survey link in the resolved mail of ${key}: ${out}`);
  return found[0];
}

before(async () => {
  browser = await launch();
});

after(async () => { await browser?.close(); });

test('a customer answers the survey from the resolved mail and the agent sees the answer', async () => {
  // Jānis files a request.
  const janis = await signedIn('janis.berzins@lnb.lv');
  await janis.goto(`${BASE}/portal/KISC/cits-pieteikums`);
  await janis.getByLabel('Pieteikuma tēma').fill('Nedarbojas lasītavas skeneris');
  await janis.getByLabel('Pieteikuma apraksts').fill('Skeneris neieslēdzas.');
  await janis.getByRole('button', { name: 'Nosūtīt' }).click();
  await janis.waitForURL(/\/sent\//);
  await janis.locator('#ticket-link').click();
  await janis.waitForURL(/\/tickets\/KISC-\d+$/);
  const key = janis.url().match(/KISC-\d+/)[0];
  await janis.context().close();

  // The agent resolves it.
  const agent = await signedIn('agents@kisc.lv');
  await agent.goto(`${BASE}/tickets/${key}`);
  await agent.locator('#f-to').selectOption({ label: 'Atrisināts' });
  await agent.locator('#status button[type=submit]').click();
  await agent.waitForURL(new RegExp(`/tickets/${key}$`));
  assert.equal(await agent.locator('#ticket-status').innerText(), 'Atrisināts');

  // Jānis opens the link from his mail, not signed in.
  const link = surveyLink(key);
  const context = await browser.newContext({ locale: 'lv-LV', viewport: { width: 375, height: 800 } });
  const mail = await context.newPage();
  await mail.goto(`${BASE}${link}`);
  const scale = mail.getByRole('group', { name: 'Cik apmierināts esat ar pieteikuma izpildi?' });
  await assert.doesNotReject(scale.waitFor());
  assert.equal(await scale.getByRole('radio').count(), 5, 'five labelled choices');
  await checkA11y(mail, 'the survey page');
  await scale.getByRole('radio', { name: '4 — Apmierināts' }).check();
  await mail.getByLabel('Komentārs').fill('Ātri un laipni, paldies!');
  await mail.getByRole('button', { name: 'Nosūtīt atbildi' }).click();
  await mail.getByRole('heading', { name: 'Paldies par atbildi' }).waitFor();
  assert.match(await mail.locator('.csat-score').innerText(), /Apmierināts \(4 no 5\)/);
  await checkA11y(mail, 'the thank-you page');
  // The link used again shows the answer and offers to change it.
  await mail.goto(`${BASE}${link}`);
  assert.equal(await mail.getByRole('radio', { name: '4 — Apmierināts' }).isChecked(), true);
  await mail.getByRole('button', { name: 'Mainīt atbildi' }).waitFor();
  await context.close();

  // The agent sees the answer on the ticket.
  await agent.goto(`${BASE}/tickets/${key}`);
  const panel = agent.getByRole('region', { name: 'Apmierinātība' });
  await panel.waitFor();
  const text = (await panel.innerText()).replace(/\s+/g, ' ');
  assert.match(text, /Apmierināts \(4 no 5\)/);
  assert.match(text, /Ātri un laipni, paldies!/);
  await checkA11y(agent, 'the ticket with the answer');
  await agent.context().close();
});

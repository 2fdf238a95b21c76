import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:3104';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
async function login(role) {
  const ctx = await browser.newContext({ javaScriptEnabled: false, locale: 'nl-NL' });
  const page = await ctx.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('E-mailadres').fill(`${role}@demo.meldpunt.invalid`);
  await page.getByLabel('Wachtwoord').fill('demo-meldpunt-2026');
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Inloggen' }).click()]);
  return page;
}
const sub = (page, name) => Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name, exact: true }).click()]);
const c = await login('safety_coordinator');
await c.goto(`${base}/cases?category=threat`);
await c.getByRole('link', { name: /^\d{4}-\d{4}$/ }).first().click();
await c.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
const url = c.url();
await c.goto(`${url}/escalation`);
await c.getByLabel('Stap', { exact: true }).selectOption({ label: 'Bespreken met de betrokkene' });
await c.getByLabel('Wanneer (JJJJ-MM-DD)').fill('2026-12-04');
await c.getByLabel('Wie (met wie)', { exact: true }).fill('De medewerker');
await c.getByLabel('Waarom', { exact: true }).fill('Dreigende berichten');
await sub(c, 'Stap vastleggen');
await c.getByLabel('Welke stap sla je over?').selectOption({ label: 'Collegiale consultatie' });
await c.getByLabel('Waarom sla je deze stap over?').fill('Spoed.');
await sub(c, 'Stap overslaan');
await c.getByLabel('Welke stap sla je over?').selectOption({ label: 'Afwegingskader 1' });
await c.getByLabel('Waarom sla je deze stap over?').fill('Al gewogen.');
await sub(c, 'Stap overslaan');
for (const q of ['Zijn alle mogelijkheden benut? Ja', 'Is alles gedaan om toestemming te krijgen? Ja', 'Is delen nodig om het risico te verminderen? Ja']) await c.getByLabel(q).check();
await c.getByLabel('Toelichting', { exact: true }).fill('Geen andere weg.');
await sub(c, 'Afwegingskader 2 vastleggen');
await c.getByLabel('Wat is er aan de hand? (geanonimiseerd)').fill('Een wetenschapper wordt bedreigd.');
await c.getByLabel('Waarom is delen nodig?').fill('Aangifte nodig.');
await c.getByLabel('Met wie wil je delen?').selectOption({ label: 'Politie (incl. zedenpolitie)' });
await c.getByLabel('Welke informatie wil je delen?').selectOption({ label: 'Identiteit van de melder' });
await sub(c, 'Verzoek versturen');
for (const w of [360, 1280]) { await c.setViewportSize({ width: w, height: 900 }); await c.screenshot({ path: `/tmp/h21-esc-${w}.png`, fullPage: true }); }
await c.goto(`${url}/threats`);
for (const w of [360, 1280]) { await c.setViewportSize({ width: w, height: 900 }); await c.screenshot({ path: `/tmp/h21-thr-${w}.png`, fullPage: true }); }
const b = await login('board');
await b.goto(`${base}/board/escalations`);
for (const w of [360, 1280]) { await b.setViewportSize({ width: w, height: 900 }); await b.screenshot({ path: `/tmp/h21-board-${w}.png`, fullPage: true }); }
await b.getByRole('link', { name: /Verzoek 1/ }).click();
for (const w of [360, 1280]) { await b.setViewportSize({ width: w, height: 900 }); await b.screenshot({ path: `/tmp/h21-req-${w}.png`, fullPage: true }); }
await browser.close();

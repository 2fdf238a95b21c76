import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, newContext } from './support/browser.js';
import { answerQuestions } from './support/intake.js';
import { signInAsDemo } from './support/staff.js';
import { startServer, type RunningServer } from '../test/support/server.js';
import { startTestSmtp } from '../test/support/smtp.js';

let server: RunningServer;
let browser: Browser;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;

beforeAll(async () => {
  smtp = await startTestSmtp();
  [server, browser] = await Promise.all([startServer({ args: ['--demo'], env: { MELDPUNT_SMTP_URL: smtp.url } }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

async function submit(page: Page, name: string) {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
}

/** RFC 5545, just enough: unfold continuation lines, check the envelope, the one VEVENT's properties. */
function parseIcs(text: string): Record<string, string> {
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean);
  expect(lines[0]).toBe('BEGIN:VCALENDAR');
  expect(lines.at(-1)).toBe('END:VCALENDAR');
  const start = lines.indexOf('BEGIN:VEVENT');
  const end = lines.indexOf('END:VEVENT');
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
  return Object.fromEntries(lines.slice(start + 1, end).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1)]));
}

const YEAR = new Date().getUTCFullYear() + 1;
const SECRETS = ['Fenna Voorbeeld', '8b3c', 'kamer 3.07'];

describe('named report with an appointment, end to end, without JavaScript', () => {
  it('named intake → appointment request → the adviser confirms → a content-free mail at the local SMTP server → the .ics parses', async () => {
    const reporter = await newContext(browser);
    const page = await reporter.newPage();
    await page.goto(`${server.url}/melden`);
    await answerQuestions(page, {
      team: (p) => p.getByLabel('Team Sociale Veiligheid voor studenten').check(),
      behalf: (p) => p.getByLabel('Als omstander of getuige').check(),
      category: (p) => p.getByLabel('Discriminatie').check(),
      narrative: (p) => p.getByLabel('Beschrijf wat er is gebeurd').fill('Bij de 8b3c practicumgroep wordt een studente steeds uitgelachen om haar hoofddoek.'),
      when: async (p) => {
        await p.getByLabel('Dag').fill('14');
        await p.getByLabel('Maand').fill('3');
        await p.getByLabel('Jaar').fill(String(YEAR - 2));
      },
      location: (p) => p.getByLabel('Op de campus').check(),
      reporterRole: (p) => p.getByLabel('Student').check(),
      accusedRole: (p) => p.getByLabel('Student').check(),
      goal: (p) => p.getByLabel('Advies krijgen').check(),
      anonymous: (p) => p.getByLabel('Nee, met mijn naam').check(),
      contact: async (p) => {
        await p.getByLabel('Uw naam').fill('Fenna Voorbeeld');
        await p.getByLabel('E-mailadres of telefoonnummer').fill('fenna@example.test');
      },
      channel: (p) => p.getByLabel('In een persoonlijk gesprek').check(),
    });
    await expectAccessible(page);
    await submit(page, 'Melding versturen');
    const reference = (await page.getByTestId('reference').textContent())!.trim();
    expect(await page.getByTestId('receipt').count()).toBe(0);
    await expectAccessible(page);

    await submit(page, 'Een gesprek aanvragen');
    await expectAccessible(page);
    await submit(page, 'Gesprek aanvragen');
    expect(await page.locator('.error-summary').textContent()).toContain('Maak een keuze');
    await expectAccessible(page);
    await page.getByLabel('Persoonlijk, op een locatie').check();
    await page.getByLabel('Voorgesteld moment 1').fill(`${YEAR}-01-12T09:30`);
    await page.getByLabel('Voorgesteld moment 2').fill(`${YEAR}-07-15T14:30`);
    await page.getByLabel('E-mailadres voor een seintje').fill('fenna@example.test');
    await submit(page, 'Gesprek aanvragen');
    expect(await page.getByTestId('appointment-requested').textContent()).toContain('ontvangen');
    await expectAccessible(page);
    await reporter.close();

    // The demo adviser sees the new answers on the case page and confirms the second time.
    const staff = await newContext(browser);
    const adviser = await staff.newPage();
    await signInAsDemo(adviser, server.url, 'confidential_adviser');
    await Promise.all([adviser.waitForNavigation(), adviser.getByRole('link', { name: reference }).click()]);
    const details = (await adviser.locator('.details').first().textContent())!;
    expect(details).toContain(`${YEAR - 2}-03-14`);
    expect(details).toContain('In een persoonlijk gesprek');
    expect(details).toContain('Als omstander of getuige');
    await expectAccessible(adviser);
    await Promise.all([adviser.waitForNavigation(), adviser.getByRole('link', { name: 'Berichten, verslagen en afspraken' }).click()]);
    await expectAccessible(adviser);
    const request = adviser.getByTestId('appointment');
    await request.getByLabel(/15 jul/i).check();
    await request.getByLabel('Waar of hoe').fill('Gebouw Noord, kamer 3.07');
    await submit(adviser, 'Afspraak bevestigen');
    expect(await adviser.getByRole('status').textContent()).toBe('De afspraak is bevestigd.');
    await expectAccessible(adviser);
    await staff.close();

    // The notice at the real SMTP server says that, never what.
    for (let i = 0; i < 200 && smtp.messages.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    const mails = smtp.messages.filter((m) => m.to && JSON.stringify(m.to).includes('fenna@example.test'));
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    const whole = `${mail.subject}\n${mail.text}\n${mail.html || ''}`;
    for (const secret of [...SECRETS, reference, 'Discriminatie', 'hoofddoek', 'Noord']) expect(whole).not.toContain(secret);
    expect(mail.attachments).toHaveLength(0);
    const link = /https?:\/\/\S+\/afspraak\/[A-Za-z0-9_-]{32}\.ics/.exec(whole)?.[0];
    expect(link, whole).toBeDefined();

    // The private link works from any browser, without a session.
    const stranger = await newContext(browser);
    const res = await stranger.request.get(`${server.url}${new URL(link!).pathname}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('text/calendar');
    const event = parseIcs(await res.text());
    // 15 July 14:30 in Amsterdam (summer time, UTC+2) is 12:30 UTC; one hour long.
    expect(event.DTSTART).toBe(`${YEAR}0715T123000Z`);
    expect(event.DTEND).toBe(`${YEAR}0715T133000Z`);
    expect(event.LOCATION).toBe('Gebouw Noord\\, kamer 3.07');
    for (const secret of ['8b3c', 'Fenna', 'Discriminatie']) expect(JSON.stringify(event)).not.toContain(secret);
    expect((await stranger.request.get(`${server.url}/afspraak/${'A'.repeat(32)}.ics`)).status()).toBe(404);
    await stranger.close();
  }, 300_000);
});

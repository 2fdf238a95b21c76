import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, newContext } from './support/browser.js';
import { answerQuestions } from './support/intake.js';
import {
  APPOINTMENT_YEAR as YEAR,
  confirmProposedTime,
  expectContentFreeNotice,
  fetchIcsEvent,
} from './support/appointment.js';
import { signInAsDemo } from './support/staff.js';
import { useJourney } from './support/use-journey.js';

const j = useJourney({ args: ['--demo'], smtp: true });

async function submit(page: Page, name: string) {
  await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name, exact: true }).click(),
  ]);
}

const SECRETS = ['Fenna Voorbeeld', '8b3c', 'kamer 3.07'];

describe('named report with an appointment, end to end, without JavaScript', () => {
  it('named intake → appointment request → the adviser confirms → a content-free mail at the local SMTP server → the .ics parses', async () => {
    const reporter = await newContext(j.browser);
    const page = await reporter.newPage();
    await page.goto(`${j.server.url}/melden`);
    await answerQuestions(page, {
      team: (p) => p.getByLabel('Team Sociale Veiligheid voor studenten').check(),
      behalf: (p) => p.getByLabel('Als omstander of getuige').check(),
      category: (p) => p.getByLabel('Discriminatie').check(),
      narrative: (p) =>
        p
          .getByLabel('Beschrijf wat er is gebeurd')
          .fill(
            'Bij de 8b3c practicumgroep wordt een studente steeds uitgelachen om haar hoofddoek.',
          ),
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
        await p.getByLabel('Je naam').fill('Fenna Voorbeeld');
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
    await page.getByLabel('Campus Randwyck (PHS)').check(); // one of the team's meeting locations (issue 21)
    await page.getByLabel('Voorgesteld moment 1').fill(`${YEAR}-01-12T09:30`);
    await page.getByLabel('Voorgesteld moment 2').fill(`${YEAR}-07-15T14:30`);
    await page.getByLabel('E-mailadres voor een seintje').fill('fenna@example.test');
    await submit(page, 'Gesprek aanvragen');
    expect(await page.getByTestId('appointment-requested').textContent()).toContain('ontvangen');
    await expectAccessible(page);
    await reporter.close();

    // The demo adviser sees the new answers on the case page and confirms the second time.
    const staff = await newContext(j.browser);
    const adviser = await staff.newPage();
    await signInAsDemo(adviser, j.server.url, 'confidential_adviser');
    await Promise.all([
      adviser.waitForNavigation(),
      adviser.getByRole('link', { name: reference }).click(),
    ]);
    const details = (await adviser.locator('.details').first().textContent())!;
    expect(details).toContain(`${YEAR - 2}-03-14`);
    expect(details).toContain('In een persoonlijk gesprek');
    expect(details).toContain('Als omstander of getuige');
    await expectAccessible(adviser);
    await Promise.all([
      adviser.waitForNavigation(),
      adviser.getByRole('link', { name: 'Berichten, verslagen en afspraken' }).click(),
    ]);
    await expectAccessible(adviser);
    await confirmProposedTime(adviser, /15 jul/i, 'Gebouw Noord, kamer 3.07');
    await staff.close();

    // The notice at the real SMTP server says that, never what; its private link works from any browser, without a session.
    const link = await expectContentFreeNotice(j.smtp, 'fenna@example.test', [
      ...SECRETS,
      reference,
      'Discriminatie',
      'hoofddoek',
      'Noord',
    ]);
    const event = await fetchIcsEvent(j.browser, j.server.url, link);
    // 15 July 14:30 in Amsterdam (summer time, UTC+2) is 12:30 UTC; one hour long.
    expect(event.DTSTART).toBe(`${YEAR}0715T123000Z`);
    expect(event.DTEND).toBe(`${YEAR}0715T133000Z`);
    // The chosen place and its directions, then where the adviser said.
    expect(event.LOCATION).toBe(
      'Campus Randwyck (PHS) — Op de campus Randwyck. De ruimte staat in de bevestiging van je afspraak. — Gebouw Noord\\, kamer 3.07',
    );
    for (const secret of ['8b3c', 'Fenna', 'Discriminatie'])
      expect(JSON.stringify(event)).not.toContain(secret);
    const stranger = await newContext(j.browser);
    expect(
      (await stranger.request.get(`${j.server.url}/afspraak/${'A'.repeat(32)}.ics`)).status(),
    ).toBe(404);
    await stranger.close();
  }, 300_000);
});

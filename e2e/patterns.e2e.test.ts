import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, newContext } from './support/browser.js';
import { useJourney } from './support/use-journey.js';

const j = useJourney({ args: ['--demo'] });

/**
 * The report itself is posted the way a browser without JavaScript submits the public form
 * (its pages are covered by first-report.e2e); this journey is about what happens after.
 */
async function reportAnonymously(page: Page, narrative: string) {
  const form = await (await page.request.get(`${j.server.url}/melden`)).text();
  const field = (name: string) =>
    new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(form)?.[1] ?? '';
  const res = await page.request.post(`${j.server.url}/melden`, {
    form: {
      _csrf: field('_csrf'),
      idempotencyKey: field('idempotencyKey'),
      team: 'students',
      category: 'bullying',
      narrative,
      location: 'online',
      reporterRole: 'student',
      accusedRole: 'staff',
      goal: 'advice',
      anonymous: 'yes',
    },
  });
  const html = await res.text();
  const pick = (id: string) =>
    new RegExp(`data-testid="${id}">([^<]+)<`).exec(html)?.[1]?.trim() ?? '';
  expect(pick('receipt')).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
  return { reference: pick('reference'), receipt: pick('receipt') };
}

/** In the mailbox, the reporter names the person the report is about. */
async function nameAccused(page: Page, receipt: string, email: string, checkA11y: boolean) {
  await page.goto(`${j.server.url}/postbus`);
  await page.getByLabel('Persoonlijke code').fill(receipt);
  await page.getByRole('button', { name: 'Open mijn berichtenbox' }).click();
  await page.waitForURL(/\/postbus\/inbox$/);
  await page
    .getByRole('link', {
      name: 'Over wie gaat je melding? Gegevens geven of wachten op een andere melding',
    })
    .click(); // linked from the mailbox
  await page.waitForURL(/\/postbus\/patroon$/);
  if (checkA11y) {
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click(); // nothing filled in: the error summary
    await expect.poll(() => page.locator('.error-summary').count()).toBe(1); // waits for the answer to the submission
    await expectAccessible(page);
  }
  await page.getByLabel('E-mailadres van de instelling').check();
  await page.getByLabel('Gegeven', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(page.getByTestId('identifiers').textContent()).resolves.toContain(email.trim());
  if (checkA11y) await expectAccessible(page);
}

describe('repeated reports about the same person, in the browser', () => {
  it('two reporters name the same person differently; the coordinator sees the signal with references and no content', async () => {
    const context = await newContext(j.browser);
    const page = await context.newPage();
    const first = await reportAnonymously(page, 'Docent stuurt steeds berichten na de les 5e1f.');
    await nameAccused(page, first.receipt, 'J.Jansen@uni.nl', true);
    await context.clearCookies();
    const second = await reportAnonymously(
      page,
      'Dezelfde docent maakt opmerkingen in de groepsapp 9c2d.',
    );
    await nameAccused(page, second.receipt, ' j.jansen@UNI.nl', false);
    await context.close();

    const staff = await newContext(j.browser);
    const coordinator = await staff.newPage();
    await coordinator.goto(`${j.server.url}/login`);
    await coordinator.getByLabel('E-mailadres').fill('safety_coordinator@demo.meldpunt.invalid');
    await coordinator.getByLabel('Wachtwoord').fill('demo-meldpunt-2026');
    await coordinator.getByRole('button', { name: 'Inloggen' }).click();
    await coordinator.waitForURL(/\/cases$/);
    await coordinator.getByRole('link', { name: 'Patronen' }).click();
    await coordinator.waitForURL(/\/patterns$/);
    const signal = coordinator.getByTestId('pattern-signal');
    await expect(signal.textContent()).resolves.toContain(
      '2 meldingen van 2 verschillende melders betreffen dezelfde persoon',
    );
    for (const ref of [first.reference, second.reference])
      expect(await signal.getByRole('link', { name: ref }).count()).toBe(1);
    const page2 = await coordinator.content();
    for (const secret of ['j.jansen', 'J.Jansen', '5e1f', '9c2d'])
      expect(page2).not.toContain(secret);
    await expectAccessible(coordinator);

    await coordinator.goto(`${j.server.url}/lang/en?next=/patterns`);
    await coordinator.waitForURL(/\/patterns$/);
    await expect(coordinator.getByTestId('pattern-signal').textContent()).resolves.toContain(
      '2 cases from 2 distinct reporters concern the same person',
    );
    await expectAccessible(coordinator);

    await coordinator.getByRole('link', { name: first.reference }).click();
    await coordinator.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await coordinator
      .getByRole('link', { name: 'Details of the accused (to recognise repetition)' })
      .click();
    await coordinator.waitForURL(/\/identifiers$/);
    await expect(coordinator.getByTestId('identifiers').textContent()).resolves.toContain(
      'J.Jansen@uni.nl',
    );
    await expectAccessible(coordinator);
    await staff.close();
  });
});

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, newContext } from './support/browser.js';
import { signInAsDemo } from './support/staff.js';
import { useJourney } from './support/use-journey.js';
import { fileAnonymousReport } from './support/intake.js';

const j = useJourney({ args: ['--demo'] });
const NARRATIVE = 'Een medestudent 8d2 deelt foto\u2019s van mij in een groepsapp.';

/** With E2E_SCREENSHOTS=dir, the page at a phone's and a desktop's width, for a person to look at. */
async function shoot(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${dir}/${name}-${width}.png`, fullPage: true });
  }
}

async function submit(page: Page, name: string) {
  await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name, exact: true }).click(),
  ]);
}

describe('the reporter\u2019s rights, without JavaScript', () => {
  it('downloads their data and asks for erasure from the mailbox; the coordinator decides it', async () => {
    const { receipt, reference } = await fileAnonymousReport(j.browser, j.server.url, {
      category: 'intimidation',
      narrative: NARRATIVE,
    });

    // The reporter, in the mailbox: a readable copy, in Dutch.
    const reporterContext = await newContext(j.browser);
    const reporter = await reporterContext.newPage();
    await reporter.goto(`${j.server.url}/postbus`);
    await reporter.getByLabel('Persoonlijke code').fill(receipt);
    await submit(reporter, 'Open mijn berichtenbox');
    await expectAccessible(reporter);
    const [download] = await Promise.all([
      reporter.waitForEvent('download'),
      reporter.getByTestId('download-data').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`mijn-melding-${reference}.txt`);
    expect(fs.readFileSync((await download.path())!, 'utf8')).toContain(NARRATIVE);

    // Erasure: first without the tick (the error summary), then confirmed.
    await submit(reporter, 'Wissen aanvragen');
    expect(await reporter.locator('.error-summary').textContent()).toContain('vinkje');
    await expectAccessible(reporter);
    await reporter.getByLabel('Ja, ik wil dat mijn melding gewist wordt').check();
    await submit(reporter, 'Wissen aanvragen');
    expect(await reporter.getByRole('status').first().textContent()).toContain('binnen een maand');
    expect(await reporter.getByTestId('erasure-pending').isVisible()).toBe(true);
    await expectAccessible(reporter);
    await shoot(reporter, 'mailbox-rights');

    // The coordinator: the open requests with their term, the case's rights page, the decision.
    const staffContext = await newContext(j.browser);
    const coordinator = await staffContext.newPage();
    await signInAsDemo(coordinator, j.server.url, 'safety_coordinator', { axe: false });
    await coordinator.goto(`${j.server.url}/rights-requests`);
    await expectAccessible(coordinator);
    await shoot(coordinator, 'rights-requests');
    await Promise.all([
      coordinator.waitForNavigation(),
      coordinator.getByTestId('open-requests').getByRole('link', { name: reference }).click(),
    ]);
    await expectAccessible(coordinator);
    await Promise.all([
      coordinator.waitForNavigation(),
      coordinator.getByRole('link', { name: 'Terug naar de verzoeken' }).click(),
    ]);
    await expectAccessible(coordinator);
    await shoot(coordinator, 'case-rights');
    await Promise.all([
      coordinator.waitForNavigation(),
      coordinator.getByTestId('rights-requests').getByRole('link').first().click(),
    ]);
    await shoot(coordinator, 'request-decision');
    await coordinator.getByLabel('Toewijzen: toestemming ingetrokken').check();
    await submit(coordinator, 'Besluit vastleggen');
    expect(await coordinator.getByRole('status').textContent()).toContain('gewist');
    expect(await coordinator.getByTestId('open-requests').count()).toBe(0);
    await expectAccessible(coordinator);

    // The mailbox is gone with the case's content.
    await reporter.goto(`${j.server.url}/postbus/inbox`);
    expect(new URL(reporter.url()).pathname).toBe('/postbus');
    await reporterContext.close();
    await staffContext.close();
  });
});

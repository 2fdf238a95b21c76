import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible } from './browser.js';
import { timeStep, totpCode } from '../../src/server/auth/totp.js';
import { base32Decode } from '../../test/support/base32.js';

/**
 * The password step with the demo account of a role (server started with --demo), in Dutch. It
 * does not wait for where it leads: the inbox, or a second factor.
 */
export async function submitDemoPassword(page: Page, baseUrl: string, role: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await fillDemoPassword(page, role);
}

/**
 * Signs in as the demo account of a role (server started with --demo), in Dutch; lands on the
 * role's own work (the inbox for advisers and coordinators, issue 19). The login page is checked
 * with axe first unless `axe: false`.
 */
export async function signInAsDemo(
  page: Page,
  baseUrl: string,
  role: string,
  opts: { axe?: boolean } = {},
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  if (opts.axe ?? true) await expectAccessible(page);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/login')),
    fillDemoPassword(page, role),
  ]);
}

async function fillDemoPassword(page: Page, role: string): Promise<void> {
  await page.getByLabel('E-mailadres').fill(`${role}@demo.meldpunt.invalid`);
  await page.getByLabel('Wachtwoord').fill('demo-meldpunt-2026');
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

/**
 * On a page that offers the authenticator app (enrolment or the account page): reads the key as
 * the app would, confirms with its current code and waits for the recovery codes. Returns the secret.
 */
export async function confirmTotp(page: Page): Promise<Buffer> {
  const secret = base32Decode((await page.getByTestId('totp-secret').textContent())!);
  await page
    .getByLabel('Code uit uw authenticator-app of een herstelcode')
    .fill(totpCode(secret, timeStep(new Date())));
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await expect.poll(() => page.getByTestId('recovery-codes').count()).toBe(1);
  return secret;
}

/** From the inbox, opens a case's messages, minutes and appointments page (Dutch). */
export async function openCorrespondence(page: Page, reference: string): Promise<void> {
  await Promise.all([
    page.waitForNavigation(),
    page.getByRole('link', { name: reference }).click(),
  ]);
  await Promise.all([
    page.waitForNavigation(),
    page.getByRole('link', { name: 'Berichten, verslagen en afspraken' }).click(),
  ]);
}

/**
 * Changes the case's status from the case page's status form, which sits behind a disclosure
 * (issue 19); `weeks` sets the aftercare interval. Waits for the case page the server answers with.
 */
export async function changeCaseStatus(page: Page, status: string, weeks?: string): Promise<void> {
  await page.locator('#action-status summary').click();
  await page.locator('#action-status').getByRole('radio', { name: status }).check();
  if (weeks) await page.getByLabel('Nazorg: contact elke zoveel weken').selectOption(weeks);
  await Promise.all([
    page.waitForNavigation(),
    page
      .locator('#action-status')
      .getByRole('button', { name: 'Status wijzigen', exact: true })
      .click(),
  ]);
}

/** Moves the case (its page open) to aftercare every `weeks` weeks, through "in progress" when that comes first. */
export async function startAftercare(page: Page, weeks: string): Promise<void> {
  await page.locator('#action-status summary').click(); // hidden radios are not found by role
  const inProgress = await page
    .locator('#action-status')
    .getByRole('radio', { name: 'In behandeling' })
    .count();
  await page.locator('#action-status summary').click();
  if (inProgress) await changeCaseStatus(page, 'In behandeling');
  await changeCaseStatus(page, 'Nazorg', weeks);
}

/** The next aftercare contact's date (ISO) as the case page shows it. */
export async function nextAftercareDate(page: Page): Promise<string | null> {
  return page
    .locator('dl.details dt:text-is("Volgend nazorgcontact") + dd time')
    .getAttribute('datetime');
}

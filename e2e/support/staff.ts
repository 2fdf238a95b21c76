import type { Page } from 'playwright-core';
import { expectAccessible } from './browser.js';

/** Signs in as the demo account of a role (server started with --demo), in Dutch; lands on the inbox. */
export async function signInAsDemo(page: Page, baseUrl: string, role: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await expectAccessible(page);
  await page.getByLabel('E-mailadres').fill(`${role}@demo.meldpunt.invalid`);
  await page.getByLabel('Wachtwoord').fill('demo-meldpunt-2026');
  await Promise.all([page.waitForURL(/\/cases$/), page.getByRole('button', { name: 'Inloggen' }).click()]);
}

/** From the inbox, opens a case's messages, minutes and appointments page (Dutch). */
export async function openCorrespondence(page: Page, reference: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: reference }).click()]);
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Berichten, verslagen en afspraken' }).click()]);
}

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

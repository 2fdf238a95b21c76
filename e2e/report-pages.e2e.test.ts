import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, newContext } from './support/browser.js';
import { signInAsDemo } from './support/staff.js';
import { useJourney } from './support/use-journey.js';

const j = useJourney({ args: ['--demo'] });
const YEAR = String(new Date().getUTCFullYear()); // the demo's reports are of this year

async function signIn(role: string): Promise<Page> {
  const page = await (await newContext(j.browser)).newPage();
  await signInAsDemo(page, j.server.url, role, { axe: false });
  return page;
}

describe('report pages, without JavaScript, with axe', () => {
  it('an adviser opens the annual report figures of a year, in Dutch and English, and sees a wrong year explained', async () => {
    const page = await signIn('confidential_adviser');
    await page.getByRole('link', { name: 'Jaarverslag' }).click();
    await page.waitForURL(/\/reports\/annual$/);
    await expectAccessible(page);
    await page.getByLabel('Jaar', { exact: true }).fill(YEAR);
    await page.getByRole('button', { name: 'Tonen' }).click();
    await page.waitForURL(new RegExp(`year=${YEAR}`));
    expect(await page.locator('svg[role="img"]').count()).toBe(3);
    expect(await page.getByRole('link', { name: 'Download als DOCX' }).count()).toBe(1);
    await expect(page.getByTestId('partner-counts').textContent()).resolves.toContain(
      'tellen niet mee',
    );
    await expectAccessible(page);
    await page.getByLabel('Jaar', { exact: true }).fill('twintig');
    await page.getByRole('button', { name: 'Tonen' }).click();
    await page.waitForURL(/year=twintig/);
    expect(await page.locator('.error-summary a[href="#field-year"]').count()).toBe(1);
    await expectAccessible(page);
    await page.goto(
      `${j.server.url}/lang/en?next=${encodeURIComponent(`/reports/annual?year=${YEAR}`)}`,
    );
    await expect(page.locator('h1').textContent()).resolves.toBe(
      `Social safety annual report ${YEAR}`,
    );
    await expectAccessible(page);
  });

  it('the board sees suppressed aggregates', async () => {
    const page = await signIn('board');
    await page.getByRole('link', { name: 'Statistieken' }).click();
    await page.waitForURL(/\/statistics$/);
    await expectAccessible(page);
    await page.getByLabel('Jaar', { exact: true }).fill(YEAR);
    await page.getByRole('button', { name: 'Tonen' }).click();
    await page.waitForURL(new RegExp(`year=${YEAR}`));
    const numbers = await page.locator('td[data-cell="shown"]').allTextContents();
    expect(numbers.length).toBeGreaterThan(0);
    for (const n of numbers) expect(Number(n) === 0 || Number(n) >= 5).toBe(true);
    await expectAccessible(page);
  });

  it('a partner service registers a count, and sees a wrong one explained', async () => {
    const page = await signIn('partner_service');
    await page.getByRole('link', { name: 'Aantallen partners' }).click();
    await page.waitForURL(/\/partner-counts$/);
    await expectAccessible(page);
    await page.getByLabel('Periode').selectOption('q1');
    await page.getByLabel('Dienst').selectOption('psychologist');
    await page.getByLabel('Aantal', { exact: true }).fill('veel');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => page.locator('.error-summary a[href="#field-count"]').count()).toBe(1); // waits for the answer to the submission
    await expectAccessible(page);
    await page.getByLabel('Aantal', { exact: true }).fill('12');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('opgeslagen');
    await expect(page.getByTestId('partner-count-table').textContent()).resolves.toContain(
      'Kwartaal 1',
    );
    await expectAccessible(page);
  });
});

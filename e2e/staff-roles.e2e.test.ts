import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, newContext } from './support/browser.js';
import { signInAsDemo } from './support/staff.js';
import { useJourney } from './support/use-journey.js';

const j = useJourney({ args: ['--demo'] });

/** Each demo account (README) and the page its work starts on, written out here (issue 19). */
const LANDINGS: [string, RegExp, string][] = [
  ['confidential_adviser', /\/cases$/, 'Meldingen'],
  ['staff_adviser', /\/cases$/, 'Meldingen'],
  ['safety_coordinator', /\/cases$/, 'Meldingen'],
  ['board', /\/statistics$/, 'Statistieken voor het bestuur'],
  ['expert_team_member', /\/consultations$/, 'Consultaties expertteam'],
  ['partner_service', /\/partner-counts$/, 'Aantallen van partnerdiensten'],
  ['support_officer', /\/team\/activities$/, 'Activiteiten'],
  ['ombudsperson', /\/start$/, 'Uw werk in Meldpunt'],
  ['administrator', /\/admin$/, 'Beheer'],
];

/** Each page once with axe in this file: a page differs between roles only in its menu (every menu is checked on the landing page). */
const checked = new Set<string>();
async function checkOnce(page: Page, landing = false): Promise<void> {
  const path = new URL(page.url()).pathname;
  if (!landing && checked.has(path)) return;
  checked.add(path);
  await expectAccessible(page);
}

describe('every demo role, without JavaScript, with axe', () => {
  it.each(LANDINGS)(
    '%s signs in, lands on its own work, and every link of its menu opens a page it can use',
    async (role, landing, heading) => {
      const context = await newContext(j.browser);
      const page = await context.newPage();
      await signInAsDemo(page, j.server.url, role, { axe: role === 'board' });
      expect(new URL(page.url()).pathname, role).toMatch(landing);
      await expect(page.locator('h1').textContent(), role).resolves.toContain(heading);
      await expect(page.locator('main').textContent(), role).resolves.not.toContain(
        'U heeft geen toegang',
      );
      await checkOnce(page, true);
      const links = await page
        .locator('nav[aria-label="Hoofdmenu"] a:not([lang])')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      expect(links.length, role).toBeGreaterThan(1);
      expect(links, role).toContain('/account/security');
      for (const href of links) {
        const res = await page.goto(`${j.server.url}${href}`);
        expect(res?.status(), `${role} ${href}`).toBe(200);
        expect(new URL(page.url()).pathname, `${role} ${href}`).not.toMatch(/^\/login/);
        await expect(page.locator('h1').count(), `${role} ${href}`).resolves.toBe(1);
        await checkOnce(page);
      }
      await context.close();
    },
  );
});

import { describe, expect, it } from 'vitest';
import { expectAccessible, newContext } from './support/browser.js';
import { signInAsDemo } from './support/staff.js';
import { useJourney } from './support/use-journey.js';

const j = useJourney({ args: ['--demo'] });

describe('security pages pass axe (no JavaScript, Dutch and English)', () => {
  for (const lang of ['nl', 'en'] as const) {
    it(`consent ledger, identity access, retention hold, audit viewer, account security (${lang})`, async () => {
      const context = await newContext(j.browser); // signs in in Dutch, then switches the language
      const page = await context.newPage();
      await signInAsDemo(page, j.server.url, 'safety_coordinator');
      if (lang === 'en') await page.goto(`${j.server.url}/lang/en?next=/cases`);

      // A case of the team: its page with the consents link and the coordinator's retention hold.
      const caseLink = page
        .locator('a[href^="/cases/"]')
        .filter({ hasText: /^\d{4}-\d{4}$/ })
        .first();
      const href = (await caseLink.getAttribute('href'))!;
      await page.goto(`${j.server.url}${href}`);
      expect(await page.locator('form[action$="/retention-hold"]').count()).toBe(1);
      await expectAccessible(page);
      const before = await page.locator('input[name="hold"]').getAttribute('value');
      await page.locator('form[action$="/retention-hold"] button').click();
      await page.waitForURL(new RegExp(`${href}$`));
      expect(await page.locator('input[name="hold"]').getAttribute('value')).toBe(
        before === 'yes' ? 'no' : 'yes',
      ); // held ↔ released
      await expectAccessible(page);

      // The consent ledger with identity access: empty, then with form errors (error summary linking to fields).
      await page.goto(`${j.server.url}${href}/consents`);
      await expectAccessible(page);
      await page.locator(`form[action="${href}/consents"] button[type="submit"]`).click();
      expect(await page.locator('.error-message').count()).toBeGreaterThan(0);
      await expectAccessible(page);
      await page.locator(`form[action="${href}/identity-access"] button[type="submit"]`).click();
      expect(await page.locator('#error-userId').count()).toBe(1);
      await expectAccessible(page);

      await page.goto(`${j.server.url}/audit`);
      expect(await page.locator('table').count()).toBeGreaterThan(0);
      await expectAccessible(page);
      // The audit viewer's filters (a GET form), with a date it cannot read, and its chain check (issue 19).
      await page.locator('#field-kind').selectOption('group:handling');
      await page.locator('#field-from').fill('14-03-2026');
      await page.locator('form[action="/audit"] button[type="submit"]').click();
      await page.waitForURL(/\/audit\?/);
      expect(await page.locator('#error-from').count()).toBe(1);
      await expectAccessible(page);
      await page.locator('form[action="/audit/chain"] button').click();
      await page.waitForURL(/\/audit\/chain/);
      expect(await page.getByTestId('chain').getAttribute('data-chain')).toBe('intact');
      await expectAccessible(page);

      await page.goto(`${j.server.url}/account/security`);
      await expectAccessible(page);
      await context.close();
    }, 180_000);
  }
});

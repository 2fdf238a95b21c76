import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessible, newContext } from './support/browser.js';
import { useJourney } from './support/use-journey.js';
import { noisePng } from '../test/support/images.js';

/**
 * Issue 5's remaining pages in the browser without JavaScript, in Dutch and in English, with
 * axe on each (also in their error states): referrals, the threat support page (grant and
 * revoke), the evidence log (with a screenshot; also as the communications officer), the
 * case's expert consultations, and the expert team's own list and consultation page.
 */
const j = useJourney({ args: ['--demo'] });

const TODAY = new Date().toISOString().slice(0, 10);
type Lang = 'nl' | 'en';

async function signIn(
  browser: Browser,
  role: string,
  lang: Lang,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, { locale: lang === 'nl' ? 'nl-NL' : 'en-GB' });
  const page = await context.newPage();
  await page.goto(`${j.server.url}/lang/${lang}?next=/login`);
  await page.locator('#field-email').fill(`${role}@demo.meldpunt.invalid`);
  await page.locator('#field-password').fill('demo-meldpunt-2026');
  await Promise.all([
    page.waitForURL(/\/(cases|consultations|team\/activities|threat-log.*)?$/),
    page.locator('form[action="/login"] button[type="submit"]').click(),
  ]);
  return { context, page };
}

/** Submits the form whose action ends with `action` and waits for the next page. */
async function submit(page: Page, action: string) {
  await Promise.all([
    page.waitForNavigation(),
    page.locator(`form[action$="${action}"] button[type="submit"]`).first().click(),
  ]);
}

async function expectErrorSummary(page: Page) {
  expect(await page.locator('.error-summary').count()).toBe(1);
  await expectAccessible(page);
}

async function openThreatCase(page: Page): Promise<string> {
  await page.goto(`${j.server.url}/cases?category=threat`);
  await Promise.all([
    page.waitForURL(/\/cases\/[0-9a-f-]{36}$/),
    page
      .getByRole('link', { name: /^\d{4}-\d{4}$/ })
      .first()
      .click(),
  ]);
  return page.url();
}

describe('issue 5 pages, without JavaScript, in Dutch and English', { timeout: 300_000 }, () => {
  for (const lang of ['nl', 'en'] as const) {
    it(`referrals, threats, evidence log and expert consultations are accessible (${lang})`, async () => {
      const { context, page } = await signIn(j.browser, 'safety_coordinator', lang);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      const caseUrl = await openThreatCase(page);
      const caseId = caseUrl.split('/').pop()!;

      // Referrals: the partner directory and the form, also with its errors.
      await page.goto(`${caseUrl}/referrals`);
      await expectAccessible(page);
      await submit(page, `/cases/${caseId}/referrals`);
      await expectErrorSummary(page);

      // Threat support: grant the evidence log to the communications officer, then revoke it.
      await page.goto(`${caseUrl}/threats`);
      await expectAccessible(page);
      await page
        .locator('form[action$="/threats/grants"] [name="email"]')
        .fill('nobody@demo.meldpunt.invalid');
      await submit(page, '/threats/grants');
      await expectErrorSummary(page);
      await page
        .locator('form[action$="/threats/grants"] [name="email"]')
        .fill('support_officer@demo.meldpunt.invalid');
      await submit(page, '/threats/grants');
      expect(await page.getByTestId('threat-grants').count()).toBe(1);
      await expectAccessible(page); // with the revoke button
      await submit(page, '/threats/checkins'); // nothing filled in
      await expectErrorSummary(page);

      // The evidence log, with a screenshot; then as the communications officer.
      await page.goto(`${j.server.url}/threat-log/${caseId}`);
      await expectAccessible(page);
      await page.locator('[name="platform"]').selectOption('instagram');
      await page.locator('[name="link"]').fill(`https://instagram.example/p/${lang}`);
      await page.locator('[name="seenOn"]').fill(TODAY);
      await page
        .locator('[name="screenshot"]')
        .setInputFiles({ name: 'scherm.png', mimeType: 'image/png', buffer: noisePng(60, 40) });
      await submit(page, `/threat-log/${caseId}`);
      expect(await page.getByTestId('threat-log').textContent()).toContain(
        `https://instagram.example/p/${lang}`,
      );
      await expectAccessible(page);
      await page.locator('[name="link"]').fill('https://x.example/1');
      await page.locator('[name="seenOn"]').fill(TODAY);
      await page.locator('[name="screenshot"]').setInputFiles({
        name: 'niet.png',
        mimeType: 'image/png',
        buffer: Buffer.from('MZ not an image'),
      });
      await submit(page, `/threat-log/${caseId}`);
      await expectErrorSummary(page);

      const officer = await signIn(j.browser, 'support_officer', lang);
      await officer.page.goto(`${j.server.url}/threat-log/${caseId}`);
      expect(await officer.page.getByTestId('threat-log').textContent()).toContain(
        `https://instagram.example/p/${lang}`,
      );
      await expectAccessible(officer.page);

      await page.goto(`${caseUrl}/threats`);
      await submit(page, '/threats/grants/revoke');
      expect(await page.getByTestId('threat-grants').count()).toBe(0);
      const refused = await officer.page.goto(`${j.server.url}/threat-log/${caseId}`);
      expect(refused?.status()).not.toBe(200);
      await officer.context.close();

      // Expert consultations: a summary with an e-mail address is held back until it is removed.
      await page.goto(`${caseUrl}/consultations`);
      await expectAccessible(page);
      await submit(page, `/cases/${caseId}/consultations`);
      await expectErrorSummary(page);
      await page
        .locator('[name="summary"]')
        .fill(
          `Een wetenschapper (w.devries@uni.example) wordt na een optreden bedreigd (${lang}).`,
        );
      await submit(page, `/cases/${caseId}/consultations`);
      await page.waitForURL(/\/consultations\/[0-9a-f-]{36}$/);
      const consultationUrl = page.url();
      const consultationId = consultationUrl.split('/').pop()!;
      expect(await page.getByTestId('findings').textContent()).toContain('w.devries@uni.example');
      await expectAccessible(page);
      await submit(page, '/publish');
      await expectErrorSummary(page);
      await page.goto(consultationUrl);
      await page
        .locator(`form[action$="/summary"] [name="summary"]`)
        .fill(`Een wetenschapper wordt na een optreden online bedreigd (${lang}).`);
      await submit(page, '/summary');

      // The reporter's consent to the consultation, in the ledger.
      await page.goto(`${caseUrl}/consents`);
      const consent = page.locator(`form[action="/cases/${caseId}/consents"]`);
      await consent.locator('input[name="info"][value="anonymised_summary"]').check();
      await consent
        .locator('select[name="recipient"]')
        .selectOption({ label: lang === 'nl' ? 'Lid expertteam' : 'Expert team member' }); // chosen, not typed (issue 19)
      await consent.locator('input[name="purpose"][value="expert_consultation"]').check();
      await consent.locator('input[name="obtainedVia"][value="conversation"]').check();
      await submit(page, `/cases/${caseId}/consents`);
      await page.goto(consultationUrl);
      await submit(page, '/publish');
      expect(await page.locator('.error-summary').count()).toBe(0);
      expect(await page.getByTestId('consultation-status').textContent()).toBe(
        lang === 'nl' ? 'Voorgelegd aan het expertteam' : 'Put to the expert team',
      );
      await expectAccessible(page);

      // The expert team member sees consultations only.
      const expert = await signIn(j.browser, 'expert_team_member', lang);
      await expert.page.goto(`${j.server.url}/consultations`);
      await expectAccessible(expert.page);
      await Promise.all([
        expert.page.waitForURL(new RegExp(`/consultations/${consultationId}$`)),
        expert.page.locator(`a[href="/consultations/${consultationId}"]`).click(),
      ]);
      expect(await expert.page.getByTestId('consultation-summary').textContent()).toContain(
        `(${lang})`,
      );
      await expectAccessible(expert.page);
      await submit(expert.page, '/advice');
      await expectErrorSummary(expert.page);
      await expert.page
        .locator('[name="advice"]')
        .fill('Bied beveiliging bij het volgende optreden.');
      await submit(expert.page, '/advice');
      expect(await expert.page.getByTestId('advice').textContent()).toContain('Bied beveiliging');
      const caseForExpert = await expert.page.goto(caseUrl);
      expect(caseForExpert?.status()).toBe(403);

      // Closed: the advice stays with the case; the expert team no longer sees it.
      await page.goto(consultationUrl);
      await submit(page, '/close');
      expect(await page.getByTestId('advice').textContent()).toContain('Bied beveiliging');
      await expectAccessible(page);
      await expert.page.goto(`${j.server.url}/consultations`);
      expect(await expert.page.locator(`a[href="/consultations/${consultationId}"]`).count()).toBe(
        0,
      );
      await expert.context.close();
      await context.close();
    });
  }
});

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newContext } from './support/browser.js';
import { signInAsDemo } from './support/staff.js';
import { useJourney } from './support/use-journey.js';

const j = useJourney({ args: ['--demo'] });

/** Every problem a page reports to its console: script errors, failed requests (a missing favicon), CSP refusals. */
function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(`${page.url()}: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on('response', (r) => r.status() >= 400 && errors.push(`${r.url()}: ${r.status()}`));
  return errors;
}

async function compatModeOf(page: Page, path: string): Promise<string> {
  await page.goto(`${j.server.url}${path}`);
  return page.evaluate(() => document.compatMode);
}

describe('standards mode and a clean console (issue 25)', () => {
  it('renders every public page in standards mode without a console error, in Dutch and English, with and without script', async () => {
    for (const [locale, javaScript] of [
      ['nl-NL', true],
      ['en-GB', true],
      ['nl-NL', false],
    ] as const) {
      const context = await newContext(j.browser, { locale, javaScript });
      const page = await context.newPage();
      const errors = collectConsoleErrors(page);
      for (const path of [
        '/',
        '/wegwijzer',
        '/wegwijzer/advies?need=listen&who=student',
        '/melden',
        '/postbus',
        '/login',
        '/login/forgot',
      ]) {
        expect(await compatModeOf(page, path), `${locale} ${path}`).toBe('CSS1Compat');
      }
      // The favicon the browser asks for by itself.
      const icon = await page.request.get(`${j.server.url}/favicon.ico`);
      expect(icon.status()).toBe(200);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('renders staff pages, error pages and the standalone annual report in standards mode', async () => {
    const context = await newContext(j.browser, { javaScript: true });
    const page = await context.newPage();
    expect(await compatModeOf(page, '/no-such-page')).toBe('CSS1Compat');
    await signInAsDemo(page, j.server.url, 'safety_coordinator', { axe: false });
    for (const path of ['/cases', '/reports/annual', '/statistics', '/team', '/account/security']) {
      expect(await compatModeOf(page, path), path).toBe('CSS1Compat');
    }
    const report = await page.request.get(
      `${j.server.url}/reports/annual/download?team=students&year=2025&format=html`,
    );
    expect(report.status()).toBe(200);
    const html = await report.text();
    await page.route(`${j.server.url}/standalone-report`, (route) =>
      route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }),
    );
    expect(await compatModeOf(page, '/standalone-report')).toBe('CSS1Compat');
    await context.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, newContext } from './support/browser.js';
import { signInAsDemo } from './support/staff.js';
import { startServer, type RunningServer } from '../test/support/server.js';
import { timeStep, totpCode } from '../src/server/auth/totp.js';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ args: ['--demo'] }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The key as the page shows it (base32, in groups of four) → the secret bytes an authenticator app would hold. */
function fromBase32(shown: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of shown.replace(/\s+/g, '')) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

async function signInWithPassword(page: Page, role: string) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('E-mailadres').fill(`${role}@demo.meldpunt.invalid`);
  await page.getByLabel('Wachtwoord').fill('demo-meldpunt-2026');
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

describe('two-factor sign-in, end to end, without JavaScript', () => {
  it('administrator enforces two-factor → an adviser enrols TOTP → signs in with it; axe on every page', async () => {
    const adminContext = await newContext(browser);
    const admin = await adminContext.newPage();
    await signInAsDemo(admin, server.url, 'administrator');
    await admin.goto(`${server.url}/admin/security`);
    await expectAccessible(admin);
    await admin.getByLabel('Ja, verplicht').check();
    await admin.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => admin.getByLabel('Ja, verplicht').isChecked()).toBe(true);
    await expectAccessible(admin);
    await adminContext.close();

    // The adviser's next sign-in asks for enrolment before any staff page.
    const adviserContext = await newContext(browser);
    const adviser = await adviserContext.newPage();
    await signInWithPassword(adviser, 'confidential_adviser');
    await adviser.waitForURL(/\/login\/two-factor\/enrol$/);
    await expectAccessible(adviser);
    expect((await adviser.goto(`${server.url}/cases`))!.url()).toMatch(/\/login/); // nothing opens before the second factor
    await adviser.goto(`${server.url}/login/two-factor/enrol`);
    const secret = fromBase32((await adviser.getByTestId('totp-secret').textContent())!);
    expect(secret.length).toBe(20);
    await adviser.getByLabel('Code uit uw authenticator-app of een herstelcode').fill(totpCode(secret, timeStep(new Date())));
    await adviser.getByRole('button', { name: 'Bevestigen' }).click();
    await expect.poll(() => adviser.getByTestId('recovery-codes').count()).toBe(1);
    expect(await adviser.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    await expectAccessible(adviser);
    await adviser.getByRole('link', { name: 'Verder' }).click();
    await adviser.waitForURL(/\/cases$/);
    await expectAccessible(adviser);
    await adviser.getByRole('button', { name: 'Uitloggen' }).click();
    await adviserContext.close();

    // Signing in again: password, then a code from the same secret (a code is accepted once, so the next step's).
    const again = await (await newContext(browser)).newPage();
    await signInWithPassword(again, 'confidential_adviser');
    await again.waitForURL(/\/login\/two-factor$/);
    await expectAccessible(again);
    await again.getByLabel('Code uit uw authenticator-app of een herstelcode').fill('000000');
    await again.getByRole('button', { name: 'Verifiëren' }).click();
    await expect.poll(() => again.locator('.error-message').count()).toBeGreaterThan(0);
    await expectAccessible(again); // the error state too
    await again.getByLabel('Code uit uw authenticator-app of een herstelcode').fill(totpCode(secret, timeStep(new Date()) + 1));
    await Promise.all([again.waitForURL(/\/cases$/), again.getByRole('button', { name: 'Verifiëren' }).click()]);
    await expectAccessible(again);
    await again.goto(`${server.url}/account/security`);
    expect(await again.textContent('main')).toContain('Tweestapsverificatie staat aan');
    await expectAccessible(again);
  }, 180_000);
});

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, newContext } from './support/browser.js';
import { signInAsDemo } from './support/staff.js';
import { useJourney } from './support/use-journey.js';
import { timeStep, totpCode } from '../src/server/auth/totp.js';
import { base32Decode } from '../test/support/base32.js';

/**
 * Account recovery (docs/decisions/018-account-recovery.md) in Chromium without JavaScript:
 * forgot password → the link from the local SMTP server → a new password → sign-in with the
 * app's code; then the administrator's reset of the second factor. axe on every new page.
 */
const EMAIL = 'confidential_adviser@demo.meldpunt.invalid';
const NEW_PASSWORD = 'a new and long passphrase';
const j = useJourney({ args: ['--demo'], smtp: true });

const mailTo = (address: string, subject: string) =>
  j.smtp.messages.find((m) => JSON.stringify(m.to).includes(address) && m.subject === subject);

async function submit(page: Page, button: string, url?: RegExp) {
  await Promise.all([
    url ? page.waitForURL(url) : page.waitForNavigation(),
    page.getByRole('button', { name: button }).click(),
  ]);
}

describe('account recovery, end to end, without JavaScript', () => {
  it('forgot password → mailed link → new password → sign-in with the app; the administrator resets the second factor; axe on each page', async () => {
    // The adviser has set up the authenticator app (on their security page); this session stays open.
    const before = await (await newContext(j.browser)).newPage();
    await signInAsDemo(before, j.server.url, 'confidential_adviser');
    await before.goto(`${j.server.url}/account/security`);
    const secret = base32Decode((await before.getByTestId('totp-secret').textContent())!);
    await before.locator('input[name="code"]').fill(totpCode(secret, timeStep(new Date())));
    await Promise.all([
      before.waitForNavigation(),
      before.locator('form[action="/account/two-factor"] button[type="submit"]').click(),
    ]);
    expect(await before.getByTestId('recovery-codes').count()).toBe(1);

    // Forgot password: from the sign-in page, a form asking the address (its error state too).
    const page = await (await newContext(j.browser)).newPage();
    await page.goto(`${j.server.url}/login`);
    await Promise.all([
      page.waitForURL(/\/login\/forgot$/),
      page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click(),
    ]);
    await expectAccessible(page);
    await page.getByLabel('E-mailadres').fill('geen e-mailadres');
    await submit(page, 'Stuur de link');
    expect(await page.locator('.error-message').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await page.getByLabel('E-mailadres').fill(EMAIL);
    await submit(page, 'Stuur de link', /\/login\/forgot\?notice=sent$/);
    expect(await page.getByTestId('reset-sent').textContent()).toContain(
      'De link is een uur geldig',
    );
    await expectAccessible(page);

    // The link from the mail; the new-password page (its error state too).
    await expect
      .poll(
        () => mailTo(EMAIL, 'Nieuw wachtwoord voor het meldpunt sociale veiligheid') !== undefined,
        { timeout: 15_000 },
      )
      .toBe(true);
    const link = /https?:\/\/\S+\/login\/reset\/[\w-]{43}/.exec(
      mailTo(EMAIL, 'Nieuw wachtwoord voor het meldpunt sociale veiligheid')!.text ?? '',
    )![0];
    await page.goto(link);
    await expectAccessible(page);
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Herhaal het nieuwe wachtwoord').fill('not the same passphrase');
    await submit(page, 'Wachtwoord opslaan');
    expect(await page.locator('.error-message').textContent()).toContain(
      'De twee wachtwoorden zijn niet gelijk',
    );
    await expectAccessible(page);
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Herhaal het nieuwe wachtwoord').fill(NEW_PASSWORD);
    await submit(page, 'Wachtwoord opslaan', /\/login\?notice=passwordChanged$/);
    expect(await page.textContent('main')).toContain('Uw wachtwoord is gewijzigd');
    await expectAccessible(page);

    // Signing in with the new password still asks for the app's code (the next step's: each is accepted once).
    await page.getByLabel('E-mailadres').fill(EMAIL);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(NEW_PASSWORD);
    await submit(page, 'Inloggen', /\/login\/two-factor$/);
    await page.locator('input[name="code"]').fill(totpCode(secret, timeStep(new Date()) + 1));
    await submit(page, 'Verifiëren', /\/cases$/);
    // The session from before the reset has ended; the link works only once.
    expect((await before.goto(`${j.server.url}/cases`))!.url()).toMatch(/\/login$/);
    const reused = await (await newContext(j.browser)).newPage();
    expect((await reused.goto(link))!.status()).toBe(404);
    expect(await reused.getByTestId('reset-invalid').count()).toBe(1);
    await expectAccessible(reused);

    // The administrator resets the adviser's second factor on the user page (with its error state).
    const admin = await (await newContext(j.browser)).newPage();
    await signInAsDemo(admin, j.server.url, 'administrator');
    await admin.goto(`${j.server.url}/admin`);
    const teamId = /\/admin\/teams\/([0-9a-f-]{36})/.exec(await admin.content())![1]!;
    await admin.goto(`${j.server.url}/admin/teams/${teamId}/users`);
    await Promise.all([
      admin.waitForNavigation(),
      admin.getByRole('link', { name: 'Anna Jansen' }).click(),
    ]);
    expect(await admin.getByTestId('two-factor-status').textContent()).toContain(
      'Authenticator-app ingesteld',
    );
    await expectAccessible(admin);
    await submit(admin, 'Tweestapsverificatie resetten');
    expect(await admin.locator('.error-message').textContent()).toContain(
      'Bevestig dat de gebruiker hier zelf om heeft gevraagd',
    );
    await expectAccessible(admin);
    await admin.getByLabel('Ik heb nagegaan dat de gebruiker hier zelf om vraagt').check();
    await submit(admin, 'Tweestapsverificatie resetten', /notice=twoFactorReset$/);
    expect(await admin.getByTestId('two-factor-status').textContent()).toContain(
      'Geen authenticator-app ingesteld',
    );
    await expectAccessible(admin);
    await expect
      .poll(() => mailTo(EMAIL, 'Uw tweestapsverificatie is gereset') !== undefined, {
        timeout: 15_000,
      })
      .toBe(true);
    // The adviser's session ended; two-factor is not required in the demo, so the password alone opens the inbox again.
    expect((await page.goto(`${j.server.url}/cases`))!.url()).toMatch(/\/login$/);
    await page.getByLabel('E-mailadres').fill(EMAIL);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(NEW_PASSWORD);
    await submit(page, 'Inloggen', /\/cases$/);
  }, 180_000);
});

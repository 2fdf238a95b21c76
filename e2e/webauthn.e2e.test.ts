import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { expectAccessible, newContext } from './support/browser.js';
import { confirmTotp, signInAsDemo, submitDemoPassword } from './support/staff.js';
import { useJourney } from './support/use-journey.js';

// On localhost, not 127.0.0.1: browsers refuse an IP address as WebAuthn RP ID.
const j = useJourney({ args: ['--demo'], localhost: true });

/** A scripted context whose pages share one virtual authenticator (Chrome DevTools Protocol), as a passkey on the device would. */
async function contextWithAuthenticator(): Promise<{
  context: BrowserContext;
  page: Page;
  credentials: () => Promise<number>;
}> {
  const context = await newContext(j.browser, { javaScript: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  const credentials = async () =>
    (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials.length;
  return { context, page, credentials };
}

describe('security keys in Chromium, with a virtual authenticator', () => {
  it('enrols TOTP, adds a key on the account page, signs in with it, removes it; axe on every page', async () => {
    const { context, page, credentials } = await contextWithAuthenticator();
    await signInAsDemo(page, j.server.url, 'safety_coordinator');
    await page.goto(`${j.server.url}/account/security`);
    await expectAccessible(page);
    // No key before TOTP: the app comes first (decision 016), and the page says so.
    expect(await page.locator('[data-webauthn]').count()).toBe(0);
    expect(await page.textContent('main')).toContain('Stel dan eerst de app in');
    await confirmTotp(page);
    await expectAccessible(page);

    // The account page: the script shows the button, the browser asks the authenticator.
    await page.goto(`${j.server.url}/account/security`);
    const add = page.getByRole('button', { name: 'Sleutel of passkey toevoegen' });
    await expect.poll(() => add.isVisible()).toBe(true);
    expect(await page.textContent('main')).toContain('U hebt nog geen sleutel toegevoegd.');
    await expectAccessible(page);
    await Promise.all([page.waitForURL(/\/account\/security\?notice=key-added$/), add.click()]);
    expect(await page.getByRole('status').first().textContent()).toContain(
      'De sleutel is toegevoegd.',
    );
    expect(await page.getByTestId('webauthn-keys').locator('li').count()).toBe(1);
    expect(await credentials()).toBe(1);
    await expectAccessible(page);
    await Promise.all([
      page.waitForURL(/\/login$/),
      page.getByRole('button', { name: 'Uitloggen' }).click(),
    ]);

    // Password, then the key instead of a code.
    await submitDemoPassword(page, j.server.url, 'safety_coordinator');
    await page.waitForURL(/\/login\/two-factor$/);
    const useKey = page.getByRole('button', {
      name: 'Inloggen met beveiligingssleutel of passkey',
    });
    await expect.poll(() => useKey.isVisible()).toBe(true);
    expect(await page.getByLabel('Code uit uw authenticator-app of een herstelcode').count()).toBe(
      1,
    ); // the code stays on offer
    await expectAccessible(page);
    await Promise.all([page.waitForURL(/\/cases$/), useKey.click()]);
    await expectAccessible(page);

    // The key shows its use, and is removed with its own button (a plain form).
    await page.goto(`${j.server.url}/account/security`);
    expect(await page.getByTestId('webauthn-keys').textContent()).not.toContain(
      'laatst gebruikt: —',
    );
    await Promise.all([
      page.waitForURL(/\/account\/security\?notice=key-removed$/),
      page.getByRole('button', { name: /^Verwijderen sleutel toegevoegd op / }).click(),
    ]);
    expect(await page.getByRole('status').first().textContent()).toContain(
      'De sleutel is verwijderd.',
    );
    expect(await page.getByTestId('webauthn-keys').count()).toBe(0);
    await expectAccessible(page);

    // Without a key, sign-in offers only the code again.
    await Promise.all([
      page.waitForURL(/\/login$/),
      page.getByRole('button', { name: 'Uitloggen' }).click(),
    ]);
    await submitDemoPassword(page, j.server.url, 'safety_coordinator');
    await page.waitForURL(/\/login\/two-factor$/);
    expect(await page.locator('[data-webauthn]').count()).toBe(0);
    await context.close();
  }, 180_000);

  it('with two-factor enforced: the enrolment page explains TOTP first, and the key is offered right after', async () => {
    const adminContext = await newContext(j.browser);
    const admin = await adminContext.newPage();
    await signInAsDemo(admin, j.server.url, 'administrator');
    await admin.goto(`${j.server.url}/admin/security`);
    await admin.getByLabel('Ja, verplicht').check();
    await admin.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => admin.getByLabel('Ja, verplicht').isChecked()).toBe(true);
    await adminContext.close();

    const { context, page, credentials } = await contextWithAuthenticator();
    await submitDemoPassword(page, j.server.url, 'confidential_adviser');
    await page.waitForURL(/\/login\/two-factor\/enrol$/);
    expect(await page.textContent('main')).toContain('Direct daarna kunt u een sleutel toevoegen.');
    await expectAccessible(page);
    await confirmTotp(page);
    // The recovery codes, and below them the key on offer.
    const add = page.getByRole('button', { name: 'Sleutel of passkey toevoegen' });
    await expect.poll(() => add.isVisible()).toBe(true);
    await expectAccessible(page);
    await Promise.all([page.waitForURL(/\/account\/security\?notice=key-added$/), add.click()]);
    expect(await page.getByTestId('webauthn-keys').locator('li').count()).toBe(1);
    expect(await credentials()).toBe(1);
    await expectAccessible(page);
    await context.close();
  }, 180_000);
});

import { describe, expect, it } from 'vitest';
import { expectAccessible, newContext } from './support/browser.js';
import { confirmTotp, signInAsDemo, submitDemoPassword } from './support/staff.js';
import { useJourney } from './support/use-journey.js';
import { timeStep, totpCode } from '../src/server/auth/totp.js';

const j = useJourney({ args: ['--demo'] });

describe('two-factor sign-in, end to end, without JavaScript', () => {
  it('administrator enforces two-factor → an adviser enrols TOTP → signs in with it; axe on every page', async () => {
    const adminContext = await newContext(j.browser);
    const admin = await adminContext.newPage();
    await signInAsDemo(admin, j.server.url, 'administrator');
    await admin.goto(`${j.server.url}/admin/security`);
    await expectAccessible(admin);
    await admin.getByLabel('Ja, verplicht').check();
    await admin.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => admin.getByLabel('Ja, verplicht').isChecked()).toBe(true);
    await expectAccessible(admin);
    await adminContext.close();

    // The adviser's next sign-in asks for enrolment before any staff page.
    const adviserContext = await newContext(j.browser);
    const adviser = await adviserContext.newPage();
    await submitDemoPassword(adviser, j.server.url, 'confidential_adviser');
    await adviser.waitForURL(/\/login\/two-factor\/enrol$/);
    await expectAccessible(adviser);
    expect((await adviser.goto(`${j.server.url}/cases`))!.url()).toMatch(/\/login/); // nothing opens before the second factor
    await adviser.goto(`${j.server.url}/login/two-factor/enrol`);
    const secret = await confirmTotp(adviser);
    expect(secret.length).toBe(20);
    expect(await adviser.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    await expectAccessible(adviser);
    await adviser.getByRole('link', { name: 'Verder' }).click();
    await adviser.waitForURL(/\/cases$/);
    await expectAccessible(adviser);
    await adviser.getByRole('button', { name: 'Uitloggen' }).click();
    await adviserContext.close();

    // Signing in again: password, then a code from the same secret (a code is accepted once, so the next step's).
    const again = await (await newContext(j.browser)).newPage();
    await submitDemoPassword(again, j.server.url, 'confidential_adviser');
    await again.waitForURL(/\/login\/two-factor$/);
    await expectAccessible(again);
    await again.getByLabel('Code uit uw authenticator-app of een herstelcode').fill('000000');
    await again.getByRole('button', { name: 'Verifiëren' }).click();
    await expect.poll(() => again.locator('.error-message').count()).toBeGreaterThan(0);
    await expectAccessible(again); // the error state too
    await again
      .getByLabel('Code uit uw authenticator-app of een herstelcode')
      .fill(totpCode(secret, timeStep(new Date()) + 1));
    await Promise.all([
      again.waitForURL(/\/cases$/),
      again.getByRole('button', { name: 'Verifiëren' }).click(),
    ]);
    await expectAccessible(again);
    await again.goto(`${j.server.url}/account/security`);
    expect(await again.textContent('main')).toContain('Tweestapsverificatie staat aan');
    await expectAccessible(again);
  }, 180_000);
});

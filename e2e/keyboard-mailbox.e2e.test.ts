import { describe, expect, it } from 'vitest';
import { expectAccessible, newContext } from './support/browser.js';
import { byKeyboard } from './support/keyboard.js';
import { openCorrespondence, signInAsDemo } from './support/staff.js';
import { useJourney } from './support/use-journey.js';
import { fileAnonymousReport } from './support/intake.js';

const j = useJourney({ args: ['--demo'] });

describe('the mailbox with the keyboard only (Tab, Space, Enter), without JavaScript, in English', () => {
  it('signs in with the receipt, replies and approves the minutes; axe finds nothing', async () => {
    const { receipt, reference } = await fileAnonymousReport(j.browser, j.server.url, {
      category: 'bullying',
      narrative: 'Mijn huisgenoot 3k9 zet mij buiten de groepsapp.',
    });
    const staff = await newContext(j.browser);
    const adviser = await staff.newPage();
    await signInAsDemo(adviser, j.server.url, 'confidential_adviser');
    await openCorrespondence(adviser, reference);
    await adviser.getByLabel('Datum van het gesprek').fill(new Date().toISOString().slice(0, 10));
    await adviser
      .getByLabel('Verslag', { exact: true })
      .fill('We spraken over de groepsapp; de melder overweegt een gesprek.');
    await Promise.all([
      adviser.waitForNavigation(),
      adviser.getByRole('button', { name: 'Verslag ter goedkeuring sturen' }).click(),
    ]);
    await staff.close();

    const context = await newContext(j.browser, { locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${j.server.url}/postbus`);
    await expectAccessible(page);
    await byKeyboard(page, 'Open my mailbox', { receipt });
    expect(page.url()).toBe(`${j.server.url}/postbus/inbox`);
    expect(await page.getByTestId('reference').textContent()).toBe(reference);
    await expectAccessible(page);

    await byKeyboard(page, 'Send message', { body: 'Thank you, typed without a mouse.' });
    expect(await page.getByRole('status').textContent()).toBe('Your message has been sent.');
    expect(
      await page.getByTestId('message').filter({ hasText: 'typed without a mouse' }).count(),
    ).toBe(1);
    await expectAccessible(page);

    // Space on the first choice of "Are these minutes correct?" is "Yes, I approve".
    await byKeyboard(page, 'Send response');
    expect(await page.getByRole('status').textContent()).toBe('You have approved the minutes.');
    expect(await page.getByTestId('minutes').textContent()).toContain('Approved');
    await expectAccessible(page);

    await byKeyboard(page, 'Close mailbox');
    // The sign-in page also holds the proof of work's (empty) live region.
    expect(
      await page.getByRole('status').filter({ hasText: 'Your mailbox has been closed.' }).count(),
    ).toBe(1);
    await expectAccessible(page);
    await context.close();
  }, 300_000);
});

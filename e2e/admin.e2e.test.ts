import { describe, expect, it } from 'vitest';
import { expectAccessible, newContext } from './support/browser.js';
import { useJourney } from './support/use-journey.js';

const j = useJourney();

describe('administration pages', () => {
  it('have no axe violations, in Dutch and English, with and without form errors', async () => {
    const link = /(http:\/\/\S+\/setup\/[A-Za-z0-9_-]+)/.exec(j.server.output())?.[1];
    expect(link, j.server.output()).toBeDefined();
    const context = await newContext(j.browser, { locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(link!);
    await page.getByLabel('Name').fill('Ada Administrator');
    await page.getByLabel('E-mail address').fill('ada@uni.example');
    await page.getByLabel('Password').fill('a long and good passphrase');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByLabel('Password').fill('a long and good passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/admin$/); // the administrator lands on the administration (issue 19)

    await expectAccessible(page);
    await page.getByRole('link', { name: /Social Safety Team/ }).click();
    const teamUrl = page.url();
    await expectAccessible(page);
    await page.getByLabel('Acknowledge within (days)').fill('0');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Enter a valid number.');
    await expectAccessible(page);

    for (const section of [
      '/org-units',
      '/categories',
      '/categories/sexual_violence',
      '/categories/new',
      '/partners',
      '/guide',
      '/users',
      '/tokens',
    ]) {
      await page.goto(teamUrl + section);
      await expectAccessible(page);
    }
    await page.goto(teamUrl + '/users');
    // No mail server in this journey: the form creates the account and shows a set-up link (issue 19).
    await page.getByRole('button', { name: 'Create account', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').count()).toBe(1); // waits for the answer to the submission
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Ada Administrator' }).click();
    await expectAccessible(page);

    await page.goto(
      `${j.server.url}/lang/nl?next=${encodeURIComponent(new URL(teamUrl).pathname + '/partners')}`,
    );
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Verwijspartners',
    );
    await expectAccessible(page);
    await context.close();
  });
});

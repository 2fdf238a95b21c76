import { describe, expect, it } from 'vitest';
import { expectAccessible, newContext } from './support/browser.js';
import { useJourney } from './support/use-journey.js';

const j = useJourney();

describe('first run on a fresh installation', () => {
  it('prints a one-time setup link that creates a working administrator', async () => {
    const link = /(http:\/\/\S+\/setup\/[A-Za-z0-9_-]+)/.exec(j.server.output())?.[1];
    expect(link, j.server.output()).toBeDefined();
    const context = await newContext(j.browser, { locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(link!);
    await expectAccessible(page);
    await page.getByLabel('Name').fill('Ada Administrator');
    await page.getByLabel('E-mail address').fill('ada@uni.example');
    await page.getByLabel('Password').fill('a long and good passphrase');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain(
      'The account has been created',
    );
    await expectAccessible(page);

    await page.getByLabel('Password').fill('a long and good passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/admin$/); // the administrator lands on the administration (issue 19)
    await expect(page.getByRole('button', { name: 'Sign out' }).count()).resolves.toBe(1);
    await expectAccessible(page);

    await page.goto(link!);
    await expect(
      page.getByText('This link is invalid, has expired or has been used.').count(),
    ).resolves.toBe(1);
    await context.close();
  });
});

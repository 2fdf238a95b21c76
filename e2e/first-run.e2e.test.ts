import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, launchBrowser, newContext } from './support/browser.js';
import { startServer, type RunningServer } from '../test/support/server.js';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('first run on a fresh installation', () => {
  it('prints a one-time setup link that creates a working administrator', async () => {
    const link = /(http:\/\/\S+\/setup\/[A-Za-z0-9_-]+)/.exec(server.output())?.[1];
    expect(link, server.output()).toBeDefined();
    const context = await newContext(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(link!);
    await expectAccessible(page);
    await page.getByLabel('Name').fill('Ada Administrator');
    await page.getByLabel('E-mail address').fill('ada@uni.example');
    await page.getByLabel('Password').fill('a long and good passphrase');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('The account has been created');
    await expectAccessible(page);

    await page.getByLabel('Password').fill('a long and good passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/cases$/);
    await expect(page.getByRole('button', { name: 'Sign out' }).count()).resolves.toBe(1);
    await expectAccessible(page);

    await page.goto(link!);
    await expect(page.getByText('This link is invalid, has expired or has been used.').count()).resolves.toBe(1);
    await context.close();
  });
});

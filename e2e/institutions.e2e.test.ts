import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hashPassword } from '../src/server/users/users.service.js';
import { expectAccessible, newContext } from './support/browser.js';
import { useJourney } from './support/use-journey.js';

/**
 * Issue 22: two institutions on one installation, each on its own host name (Chromium resolves
 * *.localhost to this machine), without JavaScript. The platform operator creates both in the
 * browser (a colour without AA contrast is refused), each first administrator sets up their
 * account through the one-time link on their own host and signs in there only; each public site
 * carries its own name and colours. Screenshots of both home pages at 360 and 1280 px go to
 * /tmp/meldpunt-institutions-*.png for a look.
 */
const j = useJourney({ env: { MELDPUNT_TENANCY: 'host' } });
const OPERATOR = 'operator@platform.example';
const PASS = 'a long and unusual passphrase 42';
let port: string;
const hostOf = (key: string) => `${key}.localhost:${port}`;

beforeAll(async () => {
  port = new URL(j.server.url).port;
  const client = new pg.Client({ connectionString: j.server.databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO app_user (email, display_name, password_hash, platform_operator, institution_id)
       VALUES ($1, 'Platform Operator', $2, true, NULL)`,
      [OPERATOR, await hashPassword(PASS)],
    );
  } finally {
    await client.end();
  }
});

async function signIn(page: Page, origin: string, email: string) {
  await page.goto(`${origin}/login`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(PASS);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function createInstitution(page: Page, key: string, name: string, colour: string) {
  await page.getByLabel('Name of the institution').fill(name);
  await page.getByLabel('Key', { exact: true }).fill(key);
  await page.getByLabel('Host name').fill(hostOf(key));
  await page.getByLabel('Primary colour', { exact: true }).fill(colour);
  await page.getByLabel('Team name (Dutch)').fill(`Meldpunt ${name}`);
  await page.getByLabel('Team name (English)').fill(`Reporting point ${name}`);
  await page.getByLabel('Name of the first administrator').fill(`Beheerder ${name}`);
  await page.getByLabel('E-mail address of the first administrator').fill(`beheer@${key}.example`);
  await page.getByRole('button', { name: 'Create institution' }).click();
}

describe('two institutions, each on its own host name', () => {
  it('are created by the operator and run by their own administrators, each with its own look', async () => {
    const operatorContext = await newContext(j.browser, { locale: 'en-GB' });
    const operator = await operatorContext.newPage();
    await signIn(operator, j.server.url, OPERATOR);
    await operator.goto(`${j.server.url}/platform`);
    await expectAccessible(operator);

    // a pale yellow is refused with the ratio; nothing is created
    await createInstitution(operator, 'uni-b', 'Hogeschool B', '#ffd700');
    await expect(operator.getByRole('alert').textContent()).resolves.toMatch(
      /too little contrast with white: 1\.\d\d:1/,
    );
    await expectAccessible(operator);

    const links: Record<string, string> = {};
    for (const [key, name, colour] of [
      ['uni-a', 'Universiteit A', ''],
      ['uni-b', 'Hogeschool B', '#7a1f5c'],
    ] as const) {
      await operator.goto(`${j.server.url}/platform`);
      await createInstitution(operator, key, name, colour);
      links[key] = (await operator.locator('.setup-link').textContent())!;
      expect(links[key]).toMatch(new RegExp(`^http://${hostOf(key)}/invite/`));
    }
    await operatorContext.close();

    for (const key of ['uni-a', 'uni-b']) {
      const context = await newContext(j.browser, { locale: 'en-GB' });
      const page = await context.newPage();
      await page.goto(links[key]!);
      await page.getByLabel('Password').fill(PASS);
      await page.getByRole('button', { name: 'Create account' }).click();
      await signIn(page, `http://${hostOf(key)}`, `beheer@${key}.example`);
      await page.waitForURL(/\/admin$/);
      // the other institution's host does not know this account
      const other = key === 'uni-a' ? 'uni-b' : 'uni-a';
      await signIn(page, `http://${hostOf(other)}`, `beheer@${key}.example`);
      expect(new URL(page.url()).pathname).toBe('/login');
      await context.close();
    }

    for (const [key, name, header] of [
      ['uni-a', 'Universiteit A', 'rgb(0, 89, 138)'],
      ['uni-b', 'Hogeschool B', 'rgb(122, 31, 92)'],
    ] as const) {
      for (const width of [360, 1280]) {
        const context = await newContext(j.browser, { locale: 'nl-NL' });
        const page = await context.newPage();
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`http://${hostOf(key)}/`);
        await expect(page.locator('.site-name').textContent()).resolves.toContain(name);
        const background = await page
          .locator('.site-header')
          .evaluate((el) => getComputedStyle(el).backgroundColor);
        expect(background).toBe(header);
        await page.screenshot({
          path: `/tmp/meldpunt-institutions-${key}-${width}.png`,
          fullPage: true,
        });
        if (width === 1280) await expectAccessible(page);
        await context.close();
      }
    }
  });
});

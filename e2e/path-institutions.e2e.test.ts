import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hashPassword } from '../src/server/users/users.service.js';
import { expectAccessible, newContext } from './support/browser.js';
import { answerQuestions } from './support/intake.js';
import { useJourney } from './support/use-journey.js';

/**
 * Path mode (decision 039): two institutions under /uni-a/ and /uni-b/ on one address. In Chromium
 * without JavaScript and with it, a reporter finds the institution from the list at /, files a
 * report under its prefix, and the institution's adviser signs in under the same prefix; every
 * link, form and redirect on the way stays under it, and the session does not count under the
 * other prefix. Screenshots at 360 and 1280 px go to /tmp/meldpunt-path-*.png.
 */
const j = useJourney({ env: { MELDPUNT_TENANCY: 'path' } });
const PASS = 'a long and unusual passphrase 42';
const adviserOf = (key: string) => `adviser@${key}.example`;

beforeAll(async () => {
  const client = new pg.Client({ connectionString: j.server.databaseUrl });
  await client.connect();
  try {
    const hash = await hashPassword(PASS);
    for (const [key, name] of [
      ['uni-a', 'Universiteit A'],
      ['uni-b', 'Hogeschool B'],
    ] as const) {
      const inst = await client.query<{ id: string }>(
        `INSERT INTO institution (key, name) VALUES ($1, $2) RETURNING id`,
        [key, name],
      );
      const institutionId = inst.rows[0]!.id;
      const team = await client.query<{ id: string }>(
        `INSERT INTO team (institution_id, key, name_nl, name_en) VALUES ($1, $2, $3, $4) RETURNING id`,
        [institutionId, key, `Meldpunt ${name}`, `Reporting point ${name}`],
      );
      const user = await client.query<{ id: string }>(
        `INSERT INTO app_user (email, display_name, password_hash, institution_id)
         VALUES ($1, $2, $3, $4) RETURNING id`,
        [adviserOf(key), `Adviseur ${name}`, hash, institutionId],
      );
      await client.query(
        `INSERT INTO team_membership (institution_id, team_id, user_id, role)
         VALUES ($1, $2, $3, 'confidential_adviser')`,
        [institutionId, team.rows[0]!.id, user.rows[0]!.id],
      );
    }
  } finally {
    await client.end();
  }
});

/** Every root-relative link, form and script on the page stays under the prefix. */
async function expectUnder(page: Page, prefix: string) {
  expect(new URL(page.url()).pathname.startsWith(`${prefix}/`), page.url()).toBe(true);
  const urls = await page
    .locator('[href], [src], [action]')
    .evaluateAll((els) =>
      els.flatMap((el) =>
        ['href', 'src', 'action'].map((a) => el.getAttribute(a)).filter((v): v is string => !!v),
      ),
    );
  const escaping = urls.filter(
    (u) => u.startsWith('/') && !u.startsWith('//') && !u.startsWith(`${prefix}/`),
  );
  expect(escaping, page.url()).toEqual([]);
}

async function fileReport(browser: Browser, javaScript: boolean, key: string, name: string) {
  const context = await newContext(browser, { javaScript });
  const page = await context.newPage();
  await page.goto(`${j.server.url}/`);
  await expectAccessible(page);
  await page.getByRole('link', { name }).click();
  await expectUnder(page, `/${key}`);
  await page.getByRole('link', { name: 'Melding doen' }).first().click();
  await expectUnder(page, `/${key}`);
  await answerQuestions(page, {
    team: (p) => p.getByLabel(`Meldpunt ${name}`).check(),
    behalf: (p) => p.getByLabel('Voor mezelf').check(),
    category: (p) => p.getByLabel('Pesten').check(),
    narrative: (p) =>
      p.getByLabel('Beschrijf wat er is gebeurd').fill(`Pesten in de projectgroep (${key}).`),
    location: (p) => p.getByLabel('Online').check(),
    reporterRole: (p) => p.getByLabel('Student').check(),
    accusedRole: (p) => p.getByLabel('Student').check(),
    goal: (p) => p.getByLabel('Advies krijgen').check(),
    anonymous: (p) => p.getByLabel('Ja, anoniem', { exact: false }).check(),
  });
  await expectUnder(page, `/${key}`);
  await page.getByRole('button', { name: 'Melding versturen' }).click();
  const reference = (await page.getByTestId('reference').textContent())!.trim();
  expect(reference).toMatch(/^\d{4}-\d{4}$/);
  await expectUnder(page, `/${key}`);
  await expectAccessible(page);
  await context.close();
  return reference;
}

async function signInUnder(page: Page, key: string) {
  await page.goto(`${j.server.url}/${key}/login`);
  await expectUnder(page, `/${key}`);
  await page.getByLabel('E-mailadres').fill(adviserOf(key));
  await page.getByLabel('Wachtwoord').fill(PASS);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

describe('two institutions under two path prefixes', () => {
  for (const javaScript of [false, true]) {
    it(`file a report and sign in under the prefix ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const [key, name, other] = javaScript
        ? (['uni-b', 'Hogeschool B', 'uni-a'] as const)
        : (['uni-a', 'Universiteit A', 'uni-b'] as const);
      const reference = await fileReport(j.browser, javaScript, key, name);

      const context = await newContext(j.browser, { javaScript });
      const page = await context.newPage();
      await signInUnder(page, key);
      await page.waitForURL(new RegExp(`/${key}/cases$`));
      await expectUnder(page, `/${key}`);
      await expectAccessible(page);
      await page.getByRole('link', { name: reference }).click();
      await page.waitForURL(new RegExp(`/${key}/cases/[0-9a-f-]{36}$`));
      expect(await page.getByTestId('narrative').textContent()).toContain(`(${key})`);
      await expectUnder(page, `/${key}`);

      // the same browser under the other prefix: no session there, and this account does not sign in
      await page.goto(`${j.server.url}/${other}/cases`);
      expect(new URL(page.url()).pathname).toBe(`/${other}/login`);
      await page.getByLabel('E-mailadres').fill(adviserOf(key));
      await page.getByLabel('Wachtwoord').fill(PASS);
      await page.getByRole('button', { name: 'Inloggen' }).click();
      expect(new URL(page.url()).pathname).toBe(`/${other}/login`);
      // and the session under the own prefix is still there
      await page.goto(`${j.server.url}/${key}/cases`);
      expect(new URL(page.url()).pathname).toBe(`/${key}/cases`);
      await context.close();
    }, 300_000);
  }

  it('look the part at 360 and 1280 px', async () => {
    for (const path of ['/', '/uni-a/']) {
      for (const width of [360, 1280]) {
        const context = await newContext(j.browser, { locale: 'nl-NL' });
        const page = await context.newPage();
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${j.server.url}${path}`);
        await page.screenshot({
          path: `/tmp/meldpunt-path-${path === '/' ? 'list' : 'uni-a'}-${width}.png`,
          fullPage: true,
        });
        if (width === 1280) await expectAccessible(page);
        await context.close();
      }
    }
  });
});

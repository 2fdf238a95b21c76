import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/server/users/users.service.js';
import { expectAccessible, newContext } from './support/browser.js';
import { useJourney } from './support/use-journey.js';

/**
 * Decision 040: the platform operator's national overview in a browser without JavaScript, in
 * English and Dutch, axe-checked; screenshots at 360 and 1280 px go to
 * /tmp/meldpunt-overview-*.png for a look.
 */
const j = useJourney();
const OPERATOR = 'operator@platform.example';
const PASS = 'a long and unusual passphrase 42';

beforeAll(async () => {
  const client = new pg.Client({ connectionString: j.server.databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO app_user (email, display_name, password_hash, platform_operator, institution_id)
       VALUES ($1, 'Platform Operator', $2, true, NULL)`,
      [OPERATOR, await hashPassword(PASS)],
    );
    // Four institutions with reports in 2025 (counts per institution: 40, 25, 12, 3).
    for (const [key, n] of [
      ['hs-a', 40],
      ['hs-b', 25],
      ['hs-c', 12],
      ['hs-d', 3],
    ] as const) {
      const inst = await client.query<{ id: string }>(
        `INSERT INTO institution (key, name, host) VALUES ($1, $2, $3) RETURNING id`,
        [key, `Hogeschool ${key.slice(3).toUpperCase()}`, `${key}.localhost`],
      );
      const team = await client.query<{ id: string }>(
        `INSERT INTO team (institution_id, key, name_nl, name_en) VALUES ($1, $2, $2, $2) RETURNING id`,
        [inst.rows[0]!.id, `${key}-team`],
      );
      await client.query(
        `INSERT INTO "case" (team_id, reference, source, received_on, channel, via, reporter_role, reporter_gender,
           category, location, accused_role, status)
         SELECT $1, 'E' || g, 'import', DATE '2025-01-05' + (g * 7 % 360),
           (ARRAY['web_form','email','phone'])[1 + g % 3], (ARRAY['self','staff_member'])[1 + g % 2],
           (ARRAY['student','staff'])[1 + g % 2], 'not_stated',
           (ARRAY['bullying','intimidation','discrimination','stalking'])[1 + g % 4], 'campus', 'student',
           CASE WHEN g % 3 = 0 THEN 'closed' ELSE 'received' END
         FROM generate_series(1, $2::int) g`,
        [team.rows[0]!.id, n],
      );
    }
  } finally {
    await client.end();
  }
});

describe('the national overview', () => {
  it('is reachable from the menu, readable at 360 and 1280 px in both languages, and accessible', async () => {
    for (const [locale, lang, heading] of [
      ['en-GB', 'en', 'National overview'],
      ['nl-NL', 'nl', 'Landelijk overzicht'],
    ] as const) {
      for (const width of [1280, 360]) {
        const context = await newContext(j.browser, { locale });
        const page = await context.newPage();
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${j.server.url}/login`);
        await page.locator('input[name="email"]').fill(OPERATOR);
        await page.locator('input[name="password"]').fill(PASS);
        await page.locator('form[action="/login"] button[type="submit"]').click();
        await page.getByRole('link', { name: heading }).first().click();
        expect(new URL(page.url()).pathname).toBe('/platform/overview');
        await page.locator('#field-year').fill('2025');
        await page.locator('form.report-picker button[type="submit"]').click();
        await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(heading);
        await expect(
          page.locator('[data-testid="overview-institutions"] tfoot td').textContent(),
        ).resolves.toBe('80');
        await page.screenshot({
          path: `/tmp/meldpunt-overview-${lang}-${width}.png`,
          fullPage: true,
        });
        await expectAccessible(page);
        await context.close();
      }
    }
  });
});

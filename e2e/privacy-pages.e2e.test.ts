import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { expectAccessible, newContext } from './support/browser.js';
import { useJourney } from './support/use-journey.js';
import { signInAsDemo } from './support/staff.js';

/**
 * The privacy statement and the accessibility statement are reachable from every public page,
 * without script, axe clean, in Dutch and English, and the privacy statement shows this
 * installation's own retention period and referral directory (set here, in the database, the
 * way an administrator's settings land there). A coordinator keeps the statement's own text, the
 * exports and the breach register on pages that are axe clean too.
 */
const j = useJourney({ args: ['--demo'] });
const PUBLIC_PAGES = ['/', '/wegwijzer', '/melden', '/postbus', '/login'];

async function configure(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `UPDATE team SET retention_months = 31 WHERE key = 'students' RETURNING id`,
    );
    const teamId = rows[0]!.id;
    await client.query(
      `INSERT INTO referral_partner (team_id, key, kind, name_nl, name_en, sort) VALUES
         ($1, 'doctor_east', 'internal', 'Vertrouwensarts Oost', 'Confidential doctor East', 1),
         ($1, 'helpline_south', 'external', 'Hulplijn Zuid', 'Helpline South', 2)`,
      [teamId],
    );
  } finally {
    await client.end();
  }
}

const EXPECT = {
  nl: {
    locale: 'nl-NL',
    privacy: 'Privacyverklaring',
    accessibility: 'Toegankelijkheid',
    retention: 'bewaart je melding 31 maanden',
    partners: ['Vertrouwensarts Oost', 'Hulplijn Zuid'],
    standard: 'WCAG) 2.1, niveau AA',
  },
  en: {
    locale: 'en-GB',
    privacy: 'Privacy statement',
    accessibility: 'Accessibility',
    retention: 'keeps your report for 31 months',
    partners: ['Confidential doctor East', 'Helpline South'],
    standard: 'WCAG) 2.1, level AA',
  },
} as const;

describe('privacy and accessibility statements', () => {
  it("are linked from every public page and show the installation's own facts, in Dutch and English", async () => {
    await configure(j.server.databaseUrl!);
    for (const lang of ['nl', 'en'] as const) {
      const e = EXPECT[lang];
      const context = await newContext(j.browser, { locale: e.locale });
      const page = await context.newPage();
      for (const path of PUBLIC_PAGES) {
        await page.goto(`${j.server.url}${path}`);
        const footer = page.locator('footer');
        await expect(
          footer.getByRole('link', { name: e.privacy, exact: true }).getAttribute('href'),
          path,
        ).resolves.toBe('/privacy');
        await expect(
          footer.getByRole('link', { name: e.accessibility, exact: true }).getAttribute('href'),
          path,
        ).resolves.toBe('/toegankelijkheid');
      }
      // From the intake, before anything is sent.
      await page.goto(`${j.server.url}/melden`);
      await Promise.all([
        page.waitForNavigation(),
        page.locator('main a[href="/privacy"]').click(),
      ]);
      await expect(page.locator('h1').textContent()).resolves.toBe(e.privacy);
      const text = (await page.locator('main').textContent())!;
      expect(text).toContain(e.retention);
      for (const name of e.partners) expect(text).toContain(name);
      expect(text).not.toContain(lang === 'nl' ? 'Veilig Thuis' : 'Victim Support'); // the directory, not the shipped defaults
      expect(text).toContain('Autoriteit Persoonsgegevens');
      await expectAccessible(page);

      await Promise.all([
        page.waitForNavigation(),
        page.locator('footer a[href="/toegankelijkheid"]').click(),
      ]);
      expect(await page.locator('main').textContent()).toContain(e.standard);
      await expectAccessible(page);
      await context.close();
    }
  });

  it('are kept by the coordinator, with the register exports and the breach register', async () => {
    const context = await newContext(j.browser);
    const page = await context.newPage();
    await signInAsDemo(page, j.server.url, 'safety_coordinator', { axe: false });
    await page.goto(`${j.server.url}/team`);
    await Promise.all([
      page.waitForNavigation(),
      page
        .getByRole('link', { name: 'Privacy: privacyverklaring, verwerkingsregister en DPIA' })
        .click(),
    ]);
    await expectAccessible(page);
    const download = await page.request.get(
      `${j.server.url}${await page.getByRole('link', { name: 'Verwerkingsregister (art. 30 AVG), Markdown' }).getAttribute('href')}`,
    );
    const register = await download.text();
    expect(register).toContain('### Team: Team Sociale Veiligheid voor studenten');
    expect(register).not.toContain('Centraal Contactpunt'); // the demo's staff team: not this coordinator's
    await page.getByLabel('Contact functionaris gegevensbescherming').fill('fg@demo.invalid');
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name: 'Opslaan' }).click(),
    ]);
    await expect(page.getByRole('status').textContent()).resolves.toContain('opgeslagen');

    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('link', { name: 'Datalekregister' }).click(),
    ]);
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name: 'Vastleggen' }).click(),
    ]);
    expect(await page.locator('.error-summary').count()).toBe(1);
    await expectAccessible(page);
    await page
      .getByLabel('Wat is er gebeurd?')
      .fill('Een lijst met kenmerken ging naar de verkeerde afdeling.');
    await page.getByLabel('Ontdekt op').fill('2026-12-01T09:30');
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name: 'Vastleggen' }).click(),
    ]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Datalek 1');
    await expectAccessible(page);
    await context.close();
  });
});

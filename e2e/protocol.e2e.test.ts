import { describe, expect, it } from 'vitest';
import { expectAccessible, newContext } from './support/browser.js';
import { signInAsDemo } from './support/staff.js';
import { useJourney } from './support/use-journey.js';

const j = useJourney({ args: ['--demo'] });

describe('protocols and the safety plan, end to end, without JavaScript', () => {
  it('a domestic-violence case gets the reporting code, two steps are ticked, a safety plan is recorded and printed; the open steps show in the inbox', async () => {
    const context = await newContext(j.browser);
    const page = await context.newPage();
    await signInAsDemo(page, j.server.url, 'safety_coordinator', { axe: false });

    await page.getByRole('link', { name: /Een melding registreren/ }).click();
    const form = page.locator('form[action="/cases/new"]');
    if (await form.getByLabel('Meldpunt').count())
      await form.getByLabel('Meldpunt').selectOption({ index: 0 });
    await form
      .getByRole('group', { name: 'Hoe kwam de melding binnen?' })
      .getByLabel('Telefoon')
      .check();
    await form
      .getByRole('group', { name: 'Wie bracht de melding binnen?' })
      .getByLabel('Melder zelf')
      .check();
    await form
      .getByRole('group', { name: 'Wie heeft het gedrag meegemaakt?' })
      .getByLabel('Student')
      .check();
    await form.getByRole('group', { name: 'Gender van de melder' }).getByLabel('Vrouw').check();
    await form.getByLabel('Soort gedrag').selectOption({ label: 'Huiselijk geweld' });
    await form
      .getByRole('group', { name: 'Waar gebeurde het?' })
      .getByLabel('Buiten de campus')
      .check();
    await form
      .getByRole('group', { name: 'Over wie gaat de melding?' })
      .getByLabel('Extern')
      .check();
    await form
      .getByRole('group', { name: 'Wil de melder anoniem blijven?' })
      .getByLabel('Ja, anoniem')
      .check();
    await form
      .getByLabel('Wat is er verteld?')
      .fill('De melder voelt zich thuis niet veilig bij haar partner.');
    await form.getByRole('button', { name: 'Melding registreren' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseUrl = page.url();
    const reference =
      /Melding (\d{4}-\d{4})/.exec((await page.locator('h1').textContent()) ?? '')?.[1] ?? '';
    expect(reference).toMatch(/^\d{4}-\d{4}$/);

    await page
      .getByTestId('protocol-open-steps')
      .getByRole('link', { name: 'Protocollen' })
      .click();
    await page.waitForURL(/\/protocols$/);
    await expectAccessible(page);
    await page.getByRole('button', { name: /^Koppelen\W+Meldcode huiselijk geweld$/ }).click();
    await page.getByRole('button', { name: /^Afvinken\W+Signalen/ }).waitFor();
    await page
      .getByRole('button', { name: /^Afvinken\W+Signalen in kaart brengen en vastleggen$/ })
      .click();
    await expect.poll(() => page.getByText(/afgerond door /).count()).toBe(1); // the first answer is in before the next click
    await page
      .getByRole('button', {
        name: /^Afvinken\W+Collegiale consultatie en advies vragen aan Veilig Thuis/,
      })
      .click();
    await expect
      .poll(() => page.getByText(/afgerond door .+ op \d{1,2} [a-z]+ \d{4}/).count())
      .toBe(2);
    await expectAccessible(page);

    await page.goto(caseUrl);
    expect(await page.getByTestId('protocol-open-steps').textContent()).toContain(
      '4 open stap(pen)',
    );
    await page
      .getByTestId('protocol-open-steps')
      .getByRole('link', { name: 'Veiligheidsplan' })
      .click();
    await page.waitForURL(/\/safety-plan$/);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Veiligheidsplan opslaan' }).click();
    await expectAccessible(page); // with the error summary
    await page
      .getByLabel('Wat klaarleggen')
      .fill('Paspoort, sleutels en medicijnen in een tas bij de buren');
    await page.getByLabel('Wie bellen').fill('Zus: 06-12345678; Veilig Thuis: 0800-2000');
    await page
      .getByLabel('Veilige contactmomenten')
      .fill('Werkdagen tussen 12 en 13 uur, via de campustelefoon');
    await page.getByRole('button', { name: 'Veiligheidsplan opslaan' }).click();
    await page.getByRole('link', { name: 'Printversie' }).click();
    await page.waitForURL(/\/safety-plan\/print$/);
    expect(await page.getByTestId('safety-plan-print').textContent()).toContain(
      'Paspoort, sleutels en medicijnen',
    );
    await expectAccessible(page);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.getByTestId('safety-plan-print').isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });

    await page.goto(`${j.server.url}/cases?q=${reference}`);
    const row = page.getByRole('row', { name: new RegExp(reference) });
    expect(await row.getByTestId('inbox-open-steps').textContent()).toBe('4 open stap(pen)');
    await expectAccessible(page);
    await context.close();
  });

  it('the team pages are accessible: protocols, on-call rota, activities, objectives', async () => {
    const context = await newContext(j.browser);
    const page = await context.newPage();
    await signInAsDemo(page, j.server.url, 'safety_coordinator', { axe: false });
    await page.getByRole('link', { name: 'Team', exact: true }).click();
    await expectAccessible(page);
    for (const link of [
      'Protocollen',
      'Bereikbaarheidsrooster en urgente meldingen',
      'Activiteiten en scholingsuren',
      'Doelstellingen en aanbevelingen',
    ]) {
      await page.goto(`${j.server.url}/team`);
      await page.getByRole('link', { name: link }).click();
      await expectAccessible(page);
    }
    await page.goto(`${j.server.url}/team/protocols`);
    await page.getByRole('link', { name: 'Meldcode huiselijk geweld' }).click();
    await expectAccessible(page);
    await page.goto(`${j.server.url}/team/activities`);
    await page.getByRole('button', { name: 'Activiteit opslaan' }).click();
    await expectAccessible(page); // with the error summary
    await context.close();
  });
});

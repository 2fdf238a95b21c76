import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, newContext } from './support/browser.js';
import { nextAftercareDate, signInAsDemo, startAftercare } from './support/staff.js';
import { useJourney } from './support/use-journey.js';
import { formatDate } from '../src/ui/dates.js';

const j = useJourney({ args: ['--demo'] });

const TODAY = new Date().toISOString().slice(0, 10);
const inAWeek = new Date(Date.now() + 7 * 86400_000).toISOString().slice(0, 10);

async function submit(page: Page, button: string) {
  await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
}

describe('stalking case, end to end, without JavaScript', () => {
  it('risk high → plan → escalation to the multidisciplinary consultation → police report filed by the student → aftercare', async () => {
    const context = await newContext(j.browser);
    const page = await context.newPage();
    await signInAsDemo(page, j.server.url, 'safety_coordinator', { axe: false });

    await page.goto(`${j.server.url}/cases?category=stalking`);
    await page
      .getByRole('link', { name: /^\d{4}-\d{4}$/ })
      .first()
      .click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseUrl = page.url();
    await expectAccessible(page);

    // 1. risk assessment: high
    await page.getByRole('link', { name: 'Risico-inschatting' }).click();
    await expectAccessible(page);
    await page
      .getByRole('group', { name: 'Veiligheid van de betrokkene' })
      .getByLabel('Ernstige zorg')
      .check();
    // Every question is answered: a new assessment starts empty (issue 19).
    await page
      .getByRole('group', { name: 'Veiligheid van andere studenten en medewerkers' })
      .getByLabel('Zorg', { exact: true })
      .check();
    await page
      .getByRole('group', { name: 'Veiligheid van de omgeving en samenleving' })
      .getByLabel('Geen zorg')
      .check();
    await page.getByLabel('Volgen of opwachten').check();
    await page.getByLabel('Escalerend gedrag').check();
    await page.getByRole('group', { name: 'Risiconiveau' }).getByLabel('Hoog').check();
    await page
      .getByLabel('Onderbouwing')
      .fill('Wacht haar al weken op en volgt haar naar huis; het neemt toe.');
    await submit(page, 'Inschatting opslaan');
    expect(await page.getByTestId('risk-history').textContent()).toContain('Hoog');
    await expectAccessible(page);

    // 2. plan of action, agreed with the reporter
    await page.goto(caseUrl);
    await page.getByRole('link', { name: 'Plan van aanpak' }).click();
    await page
      .getByLabel('Wat gebeurt er?')
      .fill('Beveiliging begeleidt haar van de bibliotheek naar de fiets.');
    await page.getByLabel('Wie is eigenaar?').fill('Hoofd beveiliging');
    await page.getByLabel('Uiterlijk op (JJJJ-MM-DD)').fill(inAWeek);
    await submit(page, 'Stap toevoegen');
    await page.getByLabel('Datum van de afspraak').fill(TODAY);
    await page.getByLabel('In een gesprek').check();
    await submit(page, 'Afspraak vastleggen');
    expect(await page.getByTestId('plan-steps').textContent()).toContain('Hoofd beveiliging');
    // Staff pages write dates the Dutch way (issue 19).
    expect(await page.getByTestId('plan-agreements').textContent()).toContain(
      formatDate(TODAY, 'nl'),
    );
    await expectAccessible(page);

    // 3. escalation: collegial consultation, then the multidisciplinary consultation
    await page.goto(caseUrl);
    await page.getByRole('link', { name: 'Escalatieladder en extern delen' }).click();
    for (const [step, why] of [
      ['Bespreken met de betrokkene', 'Zorg besproken met de melder'],
      ['Collegiaal overleg', 'Zorgen delen in het team'],
      ['Zorgoverleg', 'Het gedrag escaleert'],
    ] as const) {
      await page.getByLabel('Stap', { exact: true }).selectOption({ label: step });
      await page.getByLabel('Wanneer (JJJJ-MM-DD)').fill(TODAY);
      await page.getByLabel('Wie (met wie)', { exact: true }).fill('Regiehouder');
      await page.getByLabel('Waarom', { exact: true }).fill(why);
      await submit(page, 'Stap vastleggen');
    }
    expect(await page.getByTestId('escalation-steps').textContent()).toContain('Zorgoverleg');
    await expectAccessible(page);

    // the multidisciplinary consultation: a meeting, the anonymised case on its agenda, the decision back in the case
    await page.goto(`${j.server.url}/mdo`);
    await page.getByLabel('Datum van het overleg').fill(inAWeek);
    await submit(page, 'Overleg plannen');
    const agendaUrl = page.url();
    await page.goto(`${caseUrl}/mdo`);
    await page
      .getByLabel('Geanonimiseerde casus')
      .fill('Een student wordt al weken gevolgd door een onbekende; escalerend.');
    await submit(page, 'Op de agenda zetten');
    await expectAccessible(page);
    await page.goto(agendaUrl);
    await expectAccessible(page);
    await page.getByLabel('Besluit over casus 1').fill('Aangifte; beveiliging informeren.');
    await submit(page, 'Besluit vastleggen');
    await page.goto(`${caseUrl}/mdo`);
    expect(await page.getByTestId('case-mdo').textContent()).toContain(
      'Aangifte; beveiliging informeren.',
    );

    // 4. police report: the reporter is a student, so the student files it, supported (seeds/003's norm is for employees)
    await page.goto(caseUrl);
    await page.getByRole('link', { name: 'Aangifte' }).click();
    await expectAccessible(page);
    expect(await page.getByTestId('collective-norm').textContent()).toContain(
      'doet een student zelf aangifte',
    );
    await page.getByRole('group', { name: 'Status' }).getByLabel('Aangifte gedaan').check();
    await page.getByLabel('Aangifte gedaan op').fill(TODAY);
    await page.getByLabel('De melder zelf').check();
    await page.getByLabel('Kenmerk van de politie').fill('PL2300-2026-0001');
    await submit(page, 'Opslaan');
    const report = await page.getByTestId('police-report').textContent();
    expect(report).toContain('De melder zelf');
    expect(report).toContain('PL2300-2026-0001');
    await expectAccessible(page);

    // 5. aftercare scheduled (issue 4's status machine on the case page)
    await page.goto(caseUrl);
    await startAftercare(page, '2');
    const inTwoWeeks = new Date(Date.now() + 14 * 86400_000).toISOString().slice(0, 10);
    expect(await nextAftercareDate(page)).toBe(inTwoWeeks);
    await expectAccessible(page);
    await context.close();
  });
});

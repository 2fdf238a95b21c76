import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, newContext } from './support/browser.js';
import { nextAftercareDate, signInAsDemo, startAftercare } from './support/staff.js';
import { useJourney } from './support/use-journey.js';

/**
 * Issue 21, without JavaScript: the careful process of seeds/004 for a threat against a staff
 * member (seeds/003) — Afwegingskader 1 and 2, an escalation request, the board's answer, and
 * only then the share; the employer files the police report; the communications action list;
 * aftercare.
 */
const j = useJourney({ args: ['--demo'] });
const TODAY = new Date().toISOString().slice(0, 10);

async function submit(page: Page, button: string) {
  await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
}

async function signedIn(browser: Browser, role: string) {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signInAsDemo(page, j.server.url, role, { axe: false });
  return { context, page };
}

async function openDemoCase(page: Page, category: string): Promise<string> {
  await page.goto(`${j.server.url}/cases?category=${category}`);
  await page
    .getByRole('link', { name: /^\d{4}-\d{4}$/ })
    .first()
    .click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  return page.url();
}

/** The reporter's consent to this share, in the ledger (the share needs it besides the board). */
async function recordConsent(page: Page, caseUrl: string, partner: string) {
  await page.goto(`${caseUrl}/consents`);
  const form = page.locator('form[action$="/consents"]');
  await form
    .getByRole('group', { name: 'Welke informatie' })
    .getByLabel('Identiteit van de melder')
    .check();
  await form.locator('select[name="recipient"]').selectOption(`partner:${partner}`); // chosen from the directory (issue 19)
  await form.getByRole('group', { name: 'Doel' }).getByLabel('Opschaling').check();
  await form.getByRole('group', { name: 'Hoe verkregen' }).getByLabel('In een gesprek').check();
  await submit(page, 'Toestemming vastleggen');
}

async function framework2AndRequest(page: Page, partner: string) {
  for (const q of [
    'Zijn alle mogelijkheden benut? Ja',
    'Is alles gedaan om toestemming te krijgen? Ja',
    'Is delen nodig om het risico te verminderen? Ja',
  ])
    await page.getByLabel(q).check();
  await page
    .getByLabel('Toelichting', { exact: true })
    .fill('Gesprekken en beveiliging hielpen niet; de medewerker stemt in.');
  await submit(page, 'Afwegingskader 2 vastleggen');
  expect(await page.getByTestId('ladder-current').textContent()).toContain(
    'Instemming College van Bestuur',
  );
  await page
    .getByLabel('Wat is er aan de hand? (geanonimiseerd)')
    .fill('Een wetenschapper krijgt na een tv-optreden dreigende berichten.');
  await page
    .getByLabel('Waarom is delen nodig?')
    .fill('Aangifte en politie-inzet zijn nodig om de dreiging te stoppen.');
  await page.getByLabel('Met wie wil je delen?').selectOption({ label: partner });
  await page
    .getByLabel('Welke informatie wil je delen?')
    .selectOption({ label: 'Identiteit van de melder' });
  await submit(page, 'Verzoek versturen');
  expect(await page.getByTestId('board-requests').textContent()).toContain('wacht op besluit');
}

async function boardDecides(
  browser: Browser,
  partner: string,
  decision: 'Goedkeuren' | 'Afwijzen',
  reason: string,
  axe: 'list' | 'request',
) {
  const { context, page } = await signedIn(browser, 'board');
  await page.goto(`${j.server.url}/board/escalations`);
  if (axe === 'list') await expectAccessible(page);
  await page
    .getByRole('row')
    .filter({ hasText: partner })
    .filter({ hasText: 'wacht op besluit' })
    .getByRole('link')
    .click();
  if (axe === 'request') await expectAccessible(page);
  await page.getByRole('group', { name: 'Besluit' }).getByLabel(decision).check();
  await page.getByLabel('Reden').fill(reason);
  await submit(page, 'Besluit vastleggen');
  expect(await page.getByTestId('board-status').textContent()).toContain(
    decision === 'Goedkeuren' ? 'goedgekeurd' : 'afgewezen',
  );
  await context.close();
}

async function share(page: Page, partner: string) {
  await page.getByLabel('Externe partner').selectOption({ label: partner });
  await page.getByLabel('Welke informatie?').selectOption({ label: 'Identiteit van de melder' });
  await page.getByLabel('Gedeeld op').fill(TODAY);
  await submit(page, 'Delen vastleggen');
}

describe('the careful process, end to end, without JavaScript', () => {
  it('threat against a staff member → Afwegingskader 1 and 2 → request → the board approves → share → the employer files → communications actions → aftercare', async () => {
    const { context, page } = await signedIn(j.browser, 'safety_coordinator');
    const caseUrl = await openDemoCase(page, 'threat');
    await recordConsent(page, caseUrl, 'police');

    // Afwegingskader 1 is the risk assessment
    await page.goto(`${caseUrl}/risk`);
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
    await page.getByRole('group', { name: 'Risiconiveau' }).getByLabel('Hoog').check();
    await page
      .getByLabel('Onderbouwing')
      .fill('Concrete dreigementen na het tv-optreden; het neemt toe.');
    await submit(page, 'Inschatting opslaan');

    // the ladder: talk with the person concerned, collegial consultation, then Afwegingskader 2 and the request
    await page.goto(`${caseUrl}/escalation`);
    for (const [step, who] of [
      ['Bespreken met de betrokkene', 'De medewerker'],
      ['Collegiaal overleg', 'Collega vertrouwenspersoon'],
    ] as const) {
      await page.getByLabel('Stap', { exact: true }).selectOption({ label: step });
      await page.getByLabel('Wanneer (JJJJ-MM-DD)').fill(TODAY);
      await page.getByLabel('Wie (met wie)', { exact: true }).fill(who);
      await page
        .getByLabel('Waarom', { exact: true })
        .fill('Dreigende berichten na een tv-optreden');
      await submit(page, 'Stap vastleggen');
    }
    expect(await page.getByTestId('ladder-current').textContent()).toContain('Afwegingskader 2');
    await framework2AndRequest(page, 'Politie (incl. zedenpolitie)');
    await expectAccessible(page);

    await boardDecides(
      j.browser,
      'Politie',
      'Goedkeuren',
      'Ernstige dreiging; aangifte en politie-inzet zijn nodig.',
      'request',
    );

    await page.goto(`${caseUrl}/escalation`);
    await share(page, 'Politie (incl. zedenpolitie)');
    expect(await page.getByTestId('external-shares').textContent()).toContain(
      'Afwegingskader 2 en instemming CvB',
    );
    expect(await page.getByTestId('ladder-current').textContent()).toContain(
      'Alle stappen van de ladder zijn gezet.',
    );

    // the employer files the police report on the employee's behalf
    await page.goto(`${caseUrl}/police`);
    await page.getByRole('group', { name: 'Status' }).getByLabel('Aangifte gedaan').check();
    await page.getByLabel('Aangifte gedaan op').fill(TODAY);
    await page.getByLabel('De werkgever namens de medewerker').check();
    await page
      .getByLabel('Adres van de werkgever')
      .fill('Minderbroedersberg 4-6, 6211 LK Maastricht');
    await submit(page, 'Opslaan');
    expect(await page.getByTestId('police-report').textContent()).toContain(
      'De werkgever namens de medewerker',
    );

    // the collective norm is prompted on the threats page; the communications action list, worked
    await page.goto(`${caseUrl}/threats`);
    expect(await page.getByTestId('collective-norm').textContent()).toContain(
      'doet de werkgever aangifte namens de medewerker',
    );
    for (const label of [
      /niet \(meer\) taggen/,
      /verbergen of verwijderen/,
      /melden bij het socialmediaplatform/,
      /monitoren/,
      /bewijslogboek/,
    ])
      await page.getByLabel(label).check();
    await submit(page, 'Acties opslaan');
    expect(await page.getByTestId('comms-progress').textContent()).toBe('5 van 5 acties gedaan.');
    await expectAccessible(page);

    // aftercare: the case moves on to aftercare contacts every four weeks
    await page.goto(caseUrl);
    await startAftercare(page, '4');
    const inFourWeeks = new Date(Date.now() + 28 * 86400_000).toISOString().slice(0, 10);
    expect(await nextAftercareDate(page)).toBe(inFourWeeks);
    await expectAccessible(page);
    await context.close();
  });

  it('the board declines: the share stays impossible', async () => {
    const { context, page } = await signedIn(j.browser, 'safety_coordinator');
    const caseUrl = await openDemoCase(page, 'discrimination');
    await recordConsent(page, caseUrl, 'veilig_thuis');
    await page.goto(`${caseUrl}/escalation`);
    for (const [rung, reason] of [
      ['Zorg bespreken met de betrokkene', 'De betrokkene is niet bereikbaar.'],
      ['Collegiale consultatie', 'Spoed; collega niet beschikbaar.'],
      ['Afwegingskader 1', 'Al gewogen in het zorgoverleg.'],
    ]) {
      await page.getByLabel('Welke stap sla je over?').selectOption({ label: rung! });
      await page.getByLabel('Waarom sla je deze stap over?').fill(reason!);
      await submit(page, 'Stap overslaan');
    }
    expect(await page.getByTestId('ladder').textContent()).toContain(
      'De betrokkene is niet bereikbaar.',
    );
    await framework2AndRequest(page, 'Veilig Thuis');

    await boardDecides(
      j.browser,
      'Veilig Thuis',
      'Afwijzen',
      'Eerst het gesprek met de leidinggevende voeren.',
      'list',
    );

    await page.goto(`${caseUrl}/escalation`);
    expect(await page.getByTestId('board-requests').textContent()).toContain('afgewezen');
    await share(page, 'Veilig Thuis');
    expect(await page.locator('.error-summary').textContent()).toContain(
      'pas als het College van Bestuur dit delen',
    );
    expect(await page.getByTestId('external-shares').count()).toBe(0);
    await expectAccessible(page);
    await context.close();
  });

  it("the zorgoverleg's decision flows back into the case, its minutes stay with the meeting; the ombudsperson sees counts only", async () => {
    const { context, page } = await signedIn(j.browser, 'safety_coordinator');
    await page.goto(`${j.server.url}/mdo`);
    await page.getByLabel('Datum van het overleg').fill(TODAY);
    await page.getByLabel('Decanaat').check();
    await submit(page, 'Overleg plannen');
    const agendaUrl = page.url();
    const caseUrl = await openDemoCase(page, 'threat');
    const reference = (await page.locator('h1').textContent())!.match(/\d{4}-\d{4}/)![0];
    await page.goto(`${caseUrl}/mdo`);
    await page.getByLabel('Overleg').selectOption(agendaUrl.split('/').at(-1)!);
    await page
      .getByLabel('Geanonimiseerde casus')
      .fill('Een student wordt al maanden buitengesloten.');
    await submit(page, 'Op de agenda zetten');

    await page.goto(agendaUrl);
    const decision = 'Gesprek met de opleiding; over vier weken terug op de agenda.';
    await page
      .getByLabel(/^Besluit over casus \d+$/)
      .last()
      .fill(decision);
    await submit(page, 'Besluit vastleggen');
    // The minutes as a whole: refused while they identify anyone, then kept with the meeting.
    await page
      .getByLabel('Verslag', { exact: true })
      .fill('Vragen gaan naar j.jansen@example.test.');
    await submit(page, 'Verslag opslaan');
    expect(await page.locator('.error-summary').textContent()).toContain('herleidbare gegevens');
    await expectAccessible(page);
    await page
      .getByLabel('Verslag', { exact: true })
      .fill('Trend: meer meldingen van uitsluiting in werkgroepen.');
    await submit(page, 'Verslag opslaan');
    expect(await page.getByTestId('mdo-minutes').textContent()).toContain(
      'uitsluiting in werkgroepen',
    );
    await expectAccessible(page);

    // Back in the case: a dated entry on the timeline, the decision on the case's MDO page.
    await page.goto(caseUrl);
    expect(await page.getByTestId('timeline-mdo-decision').first().textContent()).toContain(
      'Besluit van het zorgoverleg',
    );
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('link', { name: 'Lees het besluit' }).first().click(),
    ]);
    expect(await page.getByTestId('case-mdo').textContent()).toContain(decision);
    await expectAccessible(page);
    await context.close();

    // The ombudsperson: figures after suppression, no reference and no link to a case.
    const ombuds = await signedIn(j.browser, 'ombudsperson');
    await ombuds.page.goto(`${j.server.url}/ombudsperson`);
    await Promise.all([
      ombuds.page.waitForNavigation(),
      ombuds.page.getByRole('link', { name: 'Patronen en cijfers' }).click(),
    ]);
    expect(await ombuds.page.getByTestId('ombuds-by-category').count()).toBe(1);
    const main = (await ombuds.page.locator('main').innerHTML())!;
    expect(main).not.toContain(reference);
    expect(main).not.toContain('/cases/');
    expect(main).not.toContain(decision);
    await expectAccessible(ombuds.page);
    await ombuds.context.close();
  });
});

import { describe, expect, it } from 'vitest';
import { expectAccessible, newContext } from './support/browser.js';
import { answerQuestions } from './support/intake.js';
import { useJourney } from './support/use-journey.js';

const j = useJourney({ args: ['--demo'] });

describe('first report, end to end, without JavaScript', () => {
  it('anonymous report → receipt → an adviser of the team signs in, sees it in the inbox and opens it', async () => {
    const reporter = await newContext(j.browser);
    const page = await reporter.newPage();
    await page.goto(j.server.url);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Melding doen' }).first().click();
    await expectAccessible(page);

    const seen = await answerQuestions(page, {
      team: (p) => p.getByLabel('Team Sociale Veiligheid voor studenten').check(),
      behalf: (p) => p.getByLabel('Voor mezelf').check(),
      category: (p) => p.getByLabel('Pesten').check(),
      narrative: (p) =>
        p
          .getByLabel('Beschrijf wat er is gebeurd')
          .fill('Een groepsgenoot zet mij steeds voor schut in de projectgroep-app.'),
      location: (p) => p.getByLabel('Online').check(),
      reporterRole: (p) => p.getByLabel('Student').check(),
      accusedRole: (p) => p.getByLabel('Student').check(),
      goal: (p) => p.getByLabel('Advies krijgen').check(),
      anonymous: (p) => p.getByLabel('Ja, anoniem', { exact: false }).check(),
    });
    expect(seen).toEqual(
      expect.arrayContaining([
        'team',
        'category',
        'narrative',
        'when',
        'accused',
        'anonymous',
        'channel',
      ]),
    );
    await expectAccessible(page);
    expect(await page.getByTestId('answers').textContent()).toContain('voor schut');
    await page.getByRole('button', { name: 'Melding versturen' }).click();

    const reference = (await page.getByTestId('reference').textContent())!.trim();
    const receipt = (await page.getByTestId('receipt').textContent())!.trim();
    expect(reference).toMatch(/^\d{4}-\d{4}$/);
    expect(receipt).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    await expectAccessible(page);
    await reporter.close();

    const staff = await newContext(j.browser);
    const adviser = await staff.newPage();
    await adviser.goto(`${j.server.url}/login`);
    await expectAccessible(adviser);
    await adviser.getByLabel('E-mailadres').fill('confidential_adviser@demo.meldpunt.invalid');
    await adviser.getByLabel('Wachtwoord').fill('demo-meldpunt-2026');
    await adviser.getByRole('button', { name: 'Inloggen' }).click();
    await adviser.waitForURL(/\/cases$/);
    await expectAccessible(adviser);
    await adviser.getByRole('link', { name: reference }).click();
    await adviser.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    expect(await adviser.getByTestId('narrative').textContent()).toContain('voor schut');
    await expectAccessible(adviser);
    await staff.close();
  });
});

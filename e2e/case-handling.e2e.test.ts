import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { expectAccessible, newContext } from './support/browser.js';
import { signInAsDemo } from './support/staff.js';
import { useJourney } from './support/use-journey.js';

const j = useJourney({ args: ['--demo'] });

/** Clicks a link or submit button and waits for the page the server answers with (no script: a full navigation). */
async function follow(control: Locator) {
  await Promise.all([control.page().waitForNavigation(), control.click()]);
}

/** Opens an action of the case page (a disclosure; no script needed). */
async function open(page: Page, action: string) {
  await page.locator('summary.action__summary', { hasText: action }).first().click();
}

describe('case handling, end to end, without JavaScript', () => {
  it('registers a phone report from an association contact → assigns → two contacts and a task → closes with informal intervention', async () => {
    const context = await newContext(j.browser);
    const page = await context.newPage();
    await signInAsDemo(page, j.server.url, 'confidential_adviser', { axe: false });
    await expectAccessible(page);

    await follow(page.getByRole('link', { name: /Een melding registreren/ }));
    await expectAccessible(page);
    const form = page.locator('form[action="/cases/new"]');
    if (await form.getByLabel('Meldpunt').count())
      await form.getByLabel('Meldpunt').selectOption({ index: 0 });
    await form
      .getByRole('group', { name: 'Hoe kwam de melding binnen?' })
      .getByLabel('Telefoon')
      .check();
    await form
      .getByRole('group', { name: 'Wie bracht de melding binnen?' })
      .getByLabel('Bestuur of vertrouwenscontactpersoon vereniging')
      .check();
    await form
      .getByLabel('Naam en functie van wie de melding binnenbracht')
      .fill('VCP studievereniging');
    await form
      .getByRole('group', { name: 'Wie heeft het gedrag meegemaakt?' })
      .getByLabel('Student')
      .check();
    await form.getByRole('group', { name: 'Gender van de melder' }).getByLabel('Vrouw').check();
    await form.getByLabel('Soort gedrag').selectOption({ label: 'Intimidatie' });
    await form
      .getByRole('group', { name: 'Waar gebeurde het?' })
      .getByLabel('Buiten de campus')
      .check();
    await form
      .getByRole('group', { name: 'Over wie gaat de melding?' })
      .getByLabel('Student')
      .check();
    await form
      .getByRole('group', { name: 'Wil de melder anoniem blijven?' })
      .getByLabel('Nee, met naam')
      .check();
    await form.getByLabel('Naam van de melder').fill('Melder Journey');
    await form
      .getByLabel('Wat is er verteld?')
      .fill('Op de borrel werd de melder herhaaldelijk lastiggevallen.');
    await form.getByRole('button', { name: 'Melding registreren' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await expectAccessible(page);

    // The case page as a workspace (issue 19): the summary on top, each action behind a disclosure.
    const summary = page.getByTestId('case-summary');
    expect(await summary.getByTestId('reporter').textContent()).toContain(
      'Met naam — de identiteit is voor u niet zichtbaar',
    ); // not assigned yet
    expect(await page.locator('details.action[open]').count()).toBe(0);
    await open(page, 'Vertrouwenspersoon toewijzen');
    await page
      .getByLabel('Vertrouwenspersoon', { exact: true })
      .selectOption({ label: 'Anna Jansen' });
    await follow(page.locator('#action-assign').getByRole('button', { name: 'Toewijzen' }));
    expect(await page.getByTestId('notice').textContent()).toBe(
      'De vertrouwenspersoon is toegewezen.',
    );
    expect(await summary.getByTestId('adviser').textContent()).toContain('Anna Jansen');
    expect(await summary.getByTestId('reporter').textContent()).toContain('Melder Journey'); // assigned to her: she sees who it is
    expect(await summary.getByTestId('intermediary').textContent()).toContain(
      'VCP studievereniging',
    );
    await expectAccessible(page);

    for (const notes of [
      'Eerste gesprek met de melder.',
      'Gesprek met het bestuur gefaciliteerd.',
    ]) {
      await open(page, 'Contactmoment vastleggen');
      await page
        .getByLabel('Kanaal', { exact: true })
        .selectOption({ label: 'Persoonlijk gesprek' });
      await page.getByLabel('Wie namen deel').fill('Melder en vertrouwenspersoon');
      await page.getByLabel('Aantekeningen').fill(notes);
      await follow(
        page.locator('#action-contact').getByRole('button', { name: 'Contactmoment opslaan' }),
      );
      expect(await page.getByTestId('notice').textContent()).toBe(
        'Het contactmoment is opgeslagen.',
      );
    }
    expect(await page.getByTestId('timeline').locator('.timeline__item--contact').count()).toBe(2);
    await follow(page.getByRole('link', { name: 'Contactmomenten', exact: true }));
    expect(await page.getByTestId('timeline').locator('li').count()).toBe(2); // the filter leaves out the assignment and the receipt
    await expectAccessible(page);

    await open(page, 'Taak toevoegen');
    await page.getByLabel('Taak', { exact: true }).fill('Over twee weken navragen');
    await page.getByLabel('Uiterlijk op').fill('2030-01-15');
    await follow(page.locator('#action-task').getByRole('button', { name: 'Taak toevoegen' }));
    expect(await page.getByTestId('tasks').textContent()).toContain(
      '15 januari 2030: Over twee weken navragen',
    );
    expect(await summary.getByTestId('open-tasks').textContent()).toContain('1');

    // A form with an error comes back open, with the error summary pointing into it.
    await open(page, 'Status wijzigen');
    await follow(page.locator('#action-status').getByRole('button', { name: 'Status wijzigen' }));
    expect(await page.locator('#action-status[open]').count()).toBe(1);
    expect(await page.locator('.error-summary a[href="#field-to"]').count()).toBe(1);
    await expectAccessible(page);
    await page.getByRole('group', { name: 'Nieuwe status' }).getByLabel('Afgesloten').check();
    await page.getByLabel('Opvolging').selectOption({ label: 'Interventie informeel' });
    await follow(page.locator('#action-status').getByRole('button', { name: 'Status wijzigen' }));
    expect(await page.getByTestId('notice').textContent()).toBe('De status is gewijzigd.');
    expect(await page.locator('dl.details').textContent()).toContain('Interventie informeel');
    expect(await summary.textContent()).toContain('Afgesloten');
    await expectAccessible(page);
    await context.close();
  });
});

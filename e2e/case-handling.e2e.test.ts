import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { expectAccessible, newContext } from './support/browser.js';
import { signInAsDemo } from './support/staff.js';
import { useJourney } from './support/use-journey.js';

const j = useJourney({ args: ['--demo'] });

/** Clicks a link or submit button and waits for the page the server answers with (no script: a full navigation). */
async function follow(control: Locator) {
  await Promise.all([control.page().waitForNavigation(), control.click()]);
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
    if (await form.getByLabel('Meldpunt').count()) await form.getByLabel('Meldpunt').selectOption({ index: 0 });
    await form.getByRole('group', { name: 'Hoe kwam de melding binnen?' }).getByLabel('Telefoon').check();
    await form.getByRole('group', { name: 'Wie bracht de melding binnen?' }).getByLabel('Bestuur of vertrouwenscontactpersoon vereniging').check();
    await form.getByLabel('Naam en functie van wie de melding binnenbracht').fill('VCP studievereniging');
    await form.getByRole('group', { name: 'Wie heeft het gedrag meegemaakt?' }).getByLabel('Student').check();
    await form.getByRole('group', { name: 'Gender van de melder' }).getByLabel('Vrouw').check();
    await form.getByLabel('Soort gedrag').selectOption({ label: 'Intimidatie' });
    await form.getByRole('group', { name: 'Waar gebeurde het?' }).getByLabel('Buiten de campus').check();
    await form.getByRole('group', { name: 'Over wie gaat de melding?' }).getByLabel('Student').check();
    await form.getByRole('group', { name: 'Wil de melder anoniem blijven?' }).getByLabel('Nee, met naam').check();
    await form.getByLabel('Naam van de melder').fill('Melder Journey');
    await form.getByLabel('Wat is er verteld?').fill('Op de borrel werd de melder herhaaldelijk lastiggevallen.');
    await form.getByRole('button', { name: 'Melding registreren' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await expectAccessible(page);

    await page.getByLabel('Vertrouwenspersoon', { exact: true }).selectOption({ label: 'Anna Jansen' });
    await follow(page.getByRole('button', { name: 'Toewijzen' }));
    expect(await page.locator('dl.details').textContent()).toContain('Anna Jansen');

    for (const notes of ['Eerste gesprek met de melder.', 'Gesprek met het bestuur gefaciliteerd.']) {
      await page.getByLabel('Kanaal', { exact: true }).selectOption({ label: 'Persoonlijk gesprek' });
      await page.getByLabel('Wie namen deel').fill('Melder en vertrouwenspersoon');
      await page.getByLabel('Aantekeningen').fill(notes);
      await follow(page.getByRole('button', { name: 'Contactmoment opslaan' }));
    }
    expect(await page.getByTestId('contacts').locator('li').count()).toBe(2);
    await page.getByLabel('Taak', { exact: true }).fill('Over twee weken navragen');
    await page.getByLabel('Uiterlijk op').fill('2030-01-15');
    await follow(page.getByRole('button', { name: 'Taak toevoegen' }));
    expect(await page.getByTestId('tasks').textContent()).toContain('Over twee weken navragen');
    await expectAccessible(page);

    await page.getByRole('group', { name: 'Nieuwe status' }).getByLabel('Afgesloten').check();
    await page.getByLabel('Opvolging').selectOption({ label: 'Interventie informeel' });
    await follow(page.getByRole('button', { name: 'Status wijzigen' }));
    expect(await page.locator('dl.details').textContent()).toContain('Interventie informeel');
    expect(await page.locator('dl.details').textContent()).toContain('Afgesloten');
    await expectAccessible(page);
    await context.close();
  });
});

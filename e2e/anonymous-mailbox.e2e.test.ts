import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, newContext } from './support/browser.js';
import { answerQuestions } from './support/intake.js';
import { signInAsDemo } from './support/staff.js';
import { useJourney } from './support/use-journey.js';
import { EXIF_SECRET, jpegWithExif } from '../test/support/reporter-flow.js';

const j = useJourney({ args: ['--demo'] });

/** Clicks a submit button and waits for the page the server answers with. */
async function submit(page: Page, name: string) {
  await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name, exact: true }).click(),
  ]);
}

const NARRATIVE = 'Een begeleider stuurt mij 5e9f berichten over mijn uiterlijk.';
const ADVISER_MESSAGE = 'Dank voor uw melding. Wilt u de berichten als schermafbeelding sturen?';
const MINUTES = 'Gesprek van vandaag: de melder wil eerst advies; volgende stap over twee weken.';

describe('anonymous reporter, end to end, without JavaScript', () => {
  it('guide → intake with a photo → receipt saved → mailbox: reads the adviser, replies with a file, approves minutes', async () => {
    // 1. The guide leads to the intake.
    const first = await newContext(j.browser);
    const page = await first.newPage();
    await page.goto(`${j.server.url}/wegwijzer`);
    await expectAccessible(page);
    await page.getByLabel('Ik wil mijn verhaal kwijt of advies').check();
    await page.getByLabel('Student', { exact: true }).check();
    await submit(page, 'Laat zien waar ik terecht kan');
    expect(await page.getByTestId('destination').textContent()).toContain('vertrouwenspersoon');
    await expectAccessible(page);
    await Promise.all([
      page.waitForNavigation(),
      page.getByTestId('destination').getByRole('link', { name: 'Melding doen' }).click(),
    ]);

    // 2. The question pages, then evidence on the check page.
    await answerQuestions(page, {
      team: (p) => p.getByLabel('Team Sociale Veiligheid voor studenten').check(),
      behalf: (p) => p.getByLabel('Voor mezelf').check(),
      category: (p) => p.getByLabel('Ongepast gedrag').check(),
      narrative: (p) => p.getByLabel('Beschrijf wat er is gebeurd').fill(NARRATIVE),
      location: (p) => p.getByLabel('Online').check(),
      reporterRole: (p) => p.getByLabel('Student').check(),
      accusedRole: (p) => p.getByLabel('Medewerker').check(),
      goal: (p) => p.getByLabel('Advies krijgen').check(),
      anonymous: (p) => p.getByLabel('Ja, anoniem', { exact: false }).check(),
    });
    expect(await page.getByTestId('answers').textContent()).toContain('5e9f');
    await expectAccessible(page);
    await page
      .getByLabel('Bewijsstukken (optioneel)')
      .setInputFiles({ name: 'IMG_0420.jpg', mimeType: 'image/jpeg', buffer: jpegWithExif() });
    await submit(page, 'Melding versturen');

    // 3. The receipt, shown once, and the required "I have saved it" step.
    const reference = (await page.getByTestId('reference').textContent())!.trim();
    const receipt = (await page.getByTestId('receipt').textContent())!.trim();
    expect(receipt).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    await expectAccessible(page);
    await submit(page, 'Verder');
    expect(await page.locator('.error-summary').textContent()).toContain('bewaard');
    await expectAccessible(page);
    await page.getByLabel('Ik heb mijn persoonlijke code bewaard').check();
    await submit(page, 'Verder');
    // The reporter chooses what now: the mailbox, a conversation, or done — no form pushed on them.
    expect(await page.locator('h1').textContent()).toBe('Wat wil je nu doen?');
    expect(
      await page.getByRole('link', { name: 'Naar mijn berichtenbox' }).getAttribute('href'),
    ).toBe('/postbus');
    expect(await page.getByRole('button', { name: 'Een gesprek aanvragen' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Klaar' }).getAttribute('href')).toBe('/');
    expect(await page.locator('input[name=slot1]').count()).toBe(0);
    await expectAccessible(page);
    await first.close();

    // 4. The demo adviser writes a message and minutes, in the browser.
    const staff = await newContext(j.browser);
    const adviser = await staff.newPage();
    await signInAsDemo(adviser, j.server.url, 'confidential_adviser');
    await Promise.all([
      adviser.waitForNavigation(),
      adviser.getByRole('link', { name: reference }).click(),
    ]);
    await Promise.all([
      adviser.waitForNavigation(),
      adviser.getByRole('link', { name: 'Berichten, verslagen en afspraken' }).click(),
    ]);
    await expectAccessible(adviser);
    const correspondence = adviser.url();
    expect(await adviser.locator('.files').textContent()).toContain('IMG_0420.jpg');
    await adviser.getByLabel('Bericht aan de melder').fill(ADVISER_MESSAGE);
    await submit(adviser, 'Bericht versturen');
    expect(await adviser.getByRole('status').textContent()).toContain('verstuurd');
    await adviser.getByLabel('Datum van het gesprek').fill(new Date().toISOString().slice(0, 10));
    await adviser.getByLabel('Verslag', { exact: true }).fill(MINUTES);
    await submit(adviser, 'Verslag ter goedkeuring sturen');
    expect(await adviser.getByRole('status').textContent()).toContain('klaar voor de melder');
    await expectAccessible(adviser);

    // 5. Later, in a fresh browser: sign in with the receipt, read, reply with a file, approve.
    const later = await newContext(j.browser);
    const mailbox = await later.newPage();
    await mailbox.goto(`${j.server.url}/postbus`);
    await expectAccessible(mailbox);
    await mailbox.getByLabel('Persoonlijke code').fill(receipt.toLowerCase());
    await submit(mailbox, 'Open mijn berichtenbox');
    expect(mailbox.url()).toBe(`${j.server.url}/postbus/inbox`);
    expect(await mailbox.getByTestId('reference').textContent()).toBe(reference);
    await expectAccessible(mailbox);
    expect(await mailbox.getByTestId('message').first().textContent()).toContain(ADVISER_MESSAGE);

    // The photo sent with the report comes back without its EXIF data.
    const photo = mailbox.getByRole('link', { name: 'IMG_0420.jpg' });
    const download = await later.request.get(`${j.server.url}${await photo.getAttribute('href')}`);
    expect(download.status()).toBe(200);
    const bytes = await download.body();
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(bytes.includes(Buffer.from('Exif'))).toBe(false);
    expect(bytes.includes(Buffer.from(EXIF_SECRET))).toBe(false);

    await mailbox.getByLabel('Je bericht').fill('Hierbij de schermafbeelding van het bericht.');
    await mailbox.getByLabel('Bewijsstukken (optioneel)').setInputFiles({
      name: 'schermafbeelding.jpg',
      mimeType: 'image/jpeg',
      buffer: jpegWithExif(),
    });
    await submit(mailbox, 'Bericht versturen');
    expect(await mailbox.getByRole('status').textContent()).toBe('Je bericht is verstuurd.');
    const reply = mailbox
      .getByTestId('message')
      .filter({ hasText: 'schermafbeelding van het bericht' });
    expect(await reply.getByRole('link', { name: 'schermafbeelding.jpg' }).count()).toBe(1);
    await expectAccessible(mailbox);

    const minutes = mailbox.getByTestId('minutes');
    expect(await minutes.textContent()).toContain(MINUTES);
    expect(await minutes.textContent()).toContain('Wacht op jouw akkoord');
    await minutes.getByLabel('Ja, ik keur het verslag goed').check();
    await submit(mailbox, 'Reactie versturen');
    expect(await mailbox.getByRole('status').textContent()).toBe(
      'Je hebt het verslag goedgekeurd.',
    );
    expect(await mailbox.getByTestId('minutes').textContent()).toContain('Goedgekeurd');
    expect(await mailbox.getByTestId('minutes').locator('form').count()).toBe(0);
    await expectAccessible(mailbox);
    await later.close();

    // 6. The adviser sees the reply, its file and the approval.
    await adviser.goto(correspondence); // not reload(): that would post the minutes again
    expect(
      await adviser
        .getByTestId('message')
        .filter({ hasText: 'schermafbeelding van het bericht' })
        .count(),
    ).toBe(1);
    expect(await adviser.locator('.files').textContent()).toContain('schermafbeelding.jpg');
    expect(await adviser.getByTestId('minutes').textContent()).toContain('Goedgekeurd');
    await staff.close();
  }, 300_000);
});

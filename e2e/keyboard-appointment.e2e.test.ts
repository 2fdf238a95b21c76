import { describe, expect, it } from 'vitest';
import { expectAccessible, newContext } from './support/browser.js';
import {
  APPOINTMENT_YEAR as YEAR,
  confirmProposedTime,
  expectContentFreeNotice,
  fetchIcsEvent,
} from './support/appointment.js';
import { answerQuestionsByKeyboard } from './support/intake.js';
import { byKeyboard, followLink } from './support/keyboard.js';
import { openCorrespondence, signInAsDemo } from './support/staff.js';
import { useJourney } from './support/use-journey.js';
import { DEMO_FACULTIES } from '../src/server/demo/demo-org-units.js';

// --demo: two teams, the students' team's faculties and its advisers, so every question appears.
const j = useJourney({ args: ['--demo'], smtp: true });

const EMAIL = 'joris@example.test';
const FASOS = DEMO_FACULTIES.find((f) => f.key === 'FASoS')!;

/** The named report, by field name; a choice not named here takes its first option. */
const ANSWERS: Record<string, string> = {
  team: 'students',
  behalf: 'self',
  category: 'discrimination',
  narrative:
    'Mijn begeleider in werkgroep 4q7z maakt steeds grappen over mijn accent waar de hele groep bij is.',
  happenedDay: '9',
  happenedMonth: '10',
  happenedYear: String(YEAR - 2),
  location: 'campus',
  reporterRole: 'student',
  gender: 'not_stated',
  orgUnit: FASOS.key,
  accusedRole: 'staff',
  goal: 'advice',
  anonymous: 'no',
  name: 'Joris Voorbeeld',
  contact: EMAIL,
  channel: 'in_person',
  adviser: '',
};

describe('a named report with an appointment request, with the keyboard only, without JavaScript', () => {
  it('home → guide → named intake → check answers → acknowledgement → appointment request; the adviser confirms; the notice and .ics arrive', async () => {
    const reporter = await newContext(j.browser);
    const page = await reporter.newPage();
    await page.goto(j.server.url);
    await expectAccessible(page);

    // The guide: "tell my story or get advice", as a student; its answer leads to the intake.
    await followLink(page, 'Wegwijzer', 'nav');
    expect(page.url()).toBe(`${j.server.url}/wegwijzer`);
    await expectAccessible(page);
    await byKeyboard(page, 'Laat zien waar ik terecht kan', { need: 'listen', who: 'student' });
    expect(await page.getByTestId('destination').textContent()).toContain('Een vertrouwenspersoon');
    await expectAccessible(page);
    await followLink(page, 'Melding doen', 'main');
    expect(page.url()).toBe(`${j.server.url}/melden`);

    const seen = await answerQuestionsByKeyboard(page, ANSWERS);
    expect(seen).toEqual(
      expect.arrayContaining([
        'team',
        'behalf',
        'category',
        'narrative',
        'when',
        'gender',
        'orgUnit',
        'accused',
        'anonymous',
        'contact',
        'channel',
        'adviser',
      ]),
    );
    const answers = (await page.getByTestId('answers').textContent())!;
    for (const shown of [
      '4q7z',
      FASOS.labelNl,
      'Nee, met mijn naam',
      'Joris Voorbeeld',
      'In een persoonlijk gesprek',
    ])
      expect(answers).toContain(shown);
    await expectAccessible(page);
    await byKeyboard(page, 'Melding versturen');
    const reference = (await page.getByTestId('reference').textContent())!.trim();
    expect(reference).toMatch(/^\d{4}-\d{4}$/);
    expect(await page.getByTestId('receipt').count()).toBe(0);
    await expectAccessible(page);

    // The appointment request: sent without a time first, then how and when.
    await byKeyboard(page, 'Een gesprek aanvragen');
    await expectAccessible(page);
    await byKeyboard(page, 'Gesprek aanvragen');
    expect(await page.locator('.error-summary').textContent()).toContain('moment');
    await expectAccessible(page);
    await byKeyboard(page, 'Gesprek aanvragen', {
      mode: 'online_meeting',
      location: 'online',
      slot1: `${YEAR}-03-02T09:00`,
      slot2: `${YEAR}-09-22T13:15`,
      email: EMAIL,
    });
    expect(await page.getByTestId('appointment-requested').textContent()).toContain('ontvangen');
    await expectAccessible(page);
    await reporter.close();

    // The adviser side is not the reporter's journey: ordinary clicks.
    const staff = await newContext(j.browser);
    const adviser = await staff.newPage();
    await signInAsDemo(adviser, j.server.url, 'confidential_adviser');
    await openCorrespondence(adviser, reference);
    await confirmProposedTime(adviser, /22 sep/i, 'Videogesprek in de beveiligde omgeving');
    await staff.close();

    const link = await expectContentFreeNotice(j.smtp, EMAIL, [
      reference,
      'Joris',
      '4q7z',
      'accent',
      'Discriminatie',
      'Videogesprek',
      FASOS.labelNl,
    ]);
    const event = await fetchIcsEvent(j.browser, j.server.url, link);
    // 22 September 13:15 in Amsterdam (summer time, UTC+2) is 11:15 UTC; one hour long.
    expect(event.DTSTART).toBe(`${YEAR}0922T111500Z`);
    expect(event.DTEND).toBe(`${YEAR}0922T121500Z`);
    expect(event.LOCATION).toBe(
      'Online (Teams) — Je krijgt de link naar het Teams-gesprek bij de bevestiging. — Videogesprek in de beveiligde omgeving',
    );
    for (const secret of ['4q7z', 'Joris', 'Discriminatie'])
      expect(JSON.stringify(event)).not.toContain(secret);
  }, 300_000);
});

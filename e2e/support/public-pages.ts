import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { expectAccessible, newContext } from './browser.js';
import { currentStep } from './intake.js';
import { useJourney, type Journey } from './use-journey.js';
import { NEEDS, WHO } from '../../src/server/guide/guide.content.js';
import { DEMO_FACULTIES } from '../../src/server/demo/demo-org-units.js';

const LOCALES = { nl: 'nl-NL', en: 'en-GB' } as const;
type Lang = keyof typeof LOCALES;

/** The journey of the file that called describePublicPages (each test file has its own copy of this module). */
let j: Journey;

/** Submits the form around `selector` (a submit button) and waits for the server's page. */
async function press(page: Page, selector: string) {
  await Promise.all([page.waitForNavigation(), page.locator(selector).first().click()]);
}

async function check(page: Page, status: number | undefined, seen: string[], label: string) {
  expect(page.url(), label).toContain(j.server.url);
  await expectAccessible(page);
  seen.push(`${label}${status ? ` (${status})` : ''}`);
}

const CONTINUE = 'form[action="/melden/vraag"] button[type=submit]:not([name])';

/** Language-independent answers: radio values, text by field name. */
const NAMED: Record<string, Record<string, string>> = {
  team: { team: 'students' },
  behalf: { behalf: 'self' },
  category: { category: 'sexual_violence' },
  narrative: { narrative: 'Na de borrel kreeg ik berichten die ik niet wilde.' },
  when: { happenedDay: '2', happenedMonth: '3', happenedYear: '2025' },
  location: { location: 'online' },
  reporterRole: { reporterRole: 'student' },
  orgUnit: { orgUnit: 'LAW' },
  accusedRole: { accusedRole: 'student' },
  goal: { goal: 'advice' },
  anonymous: { anonymous: 'no' },
  contact: { name: 'Test Persoon', contact: 'test@example.test' },
  channel: { channel: 'mailbox' },
};

async function answer(page: Page, answers: Record<string, string> = {}) {
  for (const [name, value] of Object.entries(answers)) {
    const radio = page.locator(`input[type=radio][name="${name}"][value="${value}"]`);
    if (await radio.count()) await radio.check();
    else await page.locator(`[name="${name}"]`).fill(value);
  }
  // Any other choice group on the page: its first option.
  const groups = new Set(
    await page
      .locator('input[type=radio]')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).name)),
  );
  for (const name of groups) {
    if (answers[name] !== undefined) continue;
    if ((await page.locator(`input[type=radio][name="${name}"]:checked`).count()) === 0)
      await page.locator(`input[type=radio][name="${name}"]`).first().check();
  }
}

/**
 * Walks the question pages to the check page. With `withErrors`, each page is first sent
 * empty (or, for the date, wrong) and the error state checked too.
 */
async function walkIntake(
  page: Page,
  answers: Record<string, Record<string, string>>,
  seen: string[],
  opts: { axe: boolean },
) {
  const steps: string[] = [];
  for (let step = await currentStep(page); step; step = await currentStep(page)) {
    expect(steps, `stuck on ${step}`).not.toContain(step);
    steps.push(step);
    if (opts.axe) {
      await check(page, undefined, seen, `question ${step}`);
      if (step === 'when') await page.locator('[name=happenedYear]').fill('20x5');
      if (step === 'accused') await page.locator('[name=accusedEmail]').fill('geen adres');
      await press(page, CONTINUE);
      if ((await currentStep(page)) === step) {
        expect(await page.locator('.error-summary').count(), step).toBe(1);
        await check(page, 422, seen, `question ${step} with errors`);
        if (step === 'accused') await page.locator('[name=accusedEmail]').fill('');
      } else if (await currentStep(page)) {
        // An optional question: go back to it to answer it.
        await press(page, 'form[action="/melden/vraag"] button[name=nav][value=back]');
      } else {
        // The last question was optional: change it from the check page.
        await press(page, `button[name=edit][value="${step}"]`);
      }
    }
    await answer(page, answers[step]);
    await press(page, CONTINUE);
  }
  return steps;
}

/**
 * The accessibility crawl of every public page, in one language: public-pages-a11y-nl and
 * -en.e2e.test.ts, each with its own server, so that the two languages run side by side.
 * --demo: two teams, the students' team's faculties and advisers to choose, so that every
 * question page appears.
 */
export function describePublicPages(lang: Lang): void {
  j = useJourney({ args: ['--demo'] });
  describe(`every public page passes axe, in ${lang}`, () => {
    let context: BrowserContext;
    const seen: string[] = [];
    const fresh = async () => newContext(j.browser, { locale: LOCALES[lang] });

    beforeAll(async () => {
      context = await fresh();
    });
    afterAll(async () => {
      await context?.close();
    });

    it('home, guide with errors and every destination, error pages', async () => {
      const page = await context.newPage();
      let res = await page.goto(`${j.server.url}/`);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      await check(page, res?.status(), seen, 'home');
      res = await page.goto(`${j.server.url}/wegwijzer`);
      await check(page, res?.status(), seen, 'guide');
      await press(page, 'form[action="/wegwijzer/advies"] button[type=submit]');
      expect(await page.locator('.error-summary a').count()).toBe(2);
      await check(page, 422, seen, 'guide with errors');
      for (const [i, need] of NEEDS.entries()) {
        const who = WHO[i % WHO.length]!;
        res = await page.goto(`${j.server.url}/wegwijzer/advies?need=${need}&who=${who}`);
        expect(res?.status()).toBe(200);
        await check(page, res?.status(), seen, `guide: ${need} (${who})`);
      }
      res = await page.goto(`${j.server.url}/bestaat-niet`);
      expect(res?.status()).toBe(404);
      await check(page, 404, seen, 'not found');

      // A form posted with a token that no longer matches the browser's: 403.
      await page.goto(`${j.server.url}/postbus`);
      await context.clearCookies();
      const [forbidden] = await Promise.all([
        page.waitForNavigation(),
        page.locator('form[action="/postbus"] button[type=submit]').click(),
      ]);
      expect(forbidden?.status()).toBe(403);
      await check(page, 403, seen, 'CSRF refused');
      await page.close();
    }, 300_000);

    it('every question page (and its error state), the check page, both acknowledgements, the appointment request', async () => {
      const page = await context.newPage();
      await page.goto(`${j.server.url}/melden`);
      const steps = await walkIntake(page, NAMED, seen, { axe: true });
      expect(steps).toEqual(
        expect.arrayContaining([
          'team',
          'behalf',
          'category',
          'subtype',
          'narrative',
          'when',
          'location',
          'reporterRole',
          'gender',
          'orgUnit',
          'accusedRole',
          'accused',
          'goal',
          'anonymous',
          'contact',
          'channel',
          'adviser',
        ]),
      );
      const law = DEMO_FACULTIES.find((f) => f.key === 'LAW')!;
      expect(await page.getByTestId('answers').textContent()).toContain(
        lang === 'nl' ? law.labelNl : law.labelEn,
      );
      await check(page, 200, seen, 'check answers');

      // A wrong file on the check page.
      await page.locator('input[type=file]').setInputFiles({
        name: 'macro.docm',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from('PK\u0003\u0004 not allowed'),
      });
      await press(page, 'form[action="/melden"] button[type=submit]');
      expect(await page.locator('.error-summary').count()).toBe(1);
      await check(page, 422, seen, 'check answers with a refused file');

      // A named report: its acknowledgement, then the appointment request with errors and done.
      await press(page, 'form[action="/melden"] button[type=submit]');
      expect(await page.getByTestId('receipt').count()).toBe(0);
      await check(page, 200, seen, 'acknowledgement (named)');
      await press(page, 'form[action="/melden/gesprek"] button[type=submit]');
      await check(page, 200, seen, 'appointment request');
      await press(page, 'form[action="/melden/afspraak"] button[type=submit]');
      expect(await page.locator('.error-summary').count()).toBe(1);
      await check(page, 422, seen, 'appointment request with errors');
      await page.locator('input[name=mode][value=phone]').check();
      await page.locator('[name=slot1]').fill(`${new Date().getUTCFullYear() + 1}-02-03T10:00`);
      await press(page, 'form[action="/melden/afspraak"] button[type=submit]');
      expect(await page.getByTestId('appointment-requested').count()).toBe(1);
      await check(page, 200, seen, 'appointment requested');

      // An anonymous report: the receipt, the "I have saved it" error, then on.
      await page.goto(`${j.server.url}/melden`);
      await walkIntake(page, { ...NAMED, anonymous: { anonymous: 'yes' } }, seen, { axe: false });
      await press(page, 'form[action="/melden"] button[type=submit]');
      expect(await page.getByTestId('receipt').textContent()).toMatch(
        /^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/,
      );
      await check(page, 200, seen, 'acknowledgement (anonymous, receipt)');
      await press(page, 'form[action="/melden/bewaard"] button[type=submit]');
      expect(await page.locator('.error-summary').count()).toBe(1);
      await check(page, 422, seen, 'acknowledgement: code not saved');
      await page.locator('#field-saved').check();
      await press(page, 'form[action="/melden/bewaard"] button[type=submit]');
      expect(await page.getByTestId('next-steps').count()).toBe(1);
      await check(page, 200, seen, 'what next: mailbox, conversation or done');

      // A draft that no longer opens (a new session, an old tab): the "start again" page.
      await page.goto(`${j.server.url}/melden`);
      await page.route('**/melden/vraag', (route) =>
        route.continue({
          postData: route
            .request()
            .postData()!
            .replace(/(^|&)draft=[^&]*/, '$1draft=bm90LWEtZHJhZnQ'),
        }),
      );
      await page.locator('input[type=radio]').first().check();
      const [expired] = await Promise.all([
        page.waitForNavigation(),
        page.locator(CONTINUE).click(),
      ]);
      expect(expired?.status()).toBe(422);
      await check(page, 422, seen, 'draft expired');
      await page.close();
    }, 300_000);

    it('mailbox: sign-in, wrong code, throttled, the mailbox with errors, the pattern page, signed out', async () => {
      // A report to sign in with.
      const page = await context.newPage();
      await page.goto(`${j.server.url}/melden`);
      await walkIntake(page, { ...NAMED, anonymous: { anonymous: 'yes' } }, seen, { axe: false });
      await press(page, 'form[action="/melden"] button[type=submit]');
      const receipt = (await page.getByTestId('receipt').textContent())!.trim();
      await page.close();

      const guesser = await (await fresh()).newPage();
      let res = await guesser.goto(`${j.server.url}/postbus`);
      await check(guesser, res?.status(), seen, 'mailbox sign-in');
      await guesser.locator('[name=receipt]').fill('AAAA-BBBB-CCCC-DDDD');
      const [wrong] = await Promise.all([
        guesser.waitForNavigation(),
        guesser.locator('form[action="/postbus"] button').click(),
      ]);
      expect(wrong?.status()).toBe(401);
      await check(guesser, 401, seen, 'mailbox sign-in: unknown code');
      let last = wrong;
      for (let i = 0; i < 6 && last?.status() !== 429; i++) {
        await guesser.locator('[name=receipt]').fill('AAAA-BBBB-CCCC-DDDD');
        [last] = await Promise.all([
          guesser.waitForNavigation(),
          guesser.locator('form[action="/postbus"] button').click(),
        ]);
      }
      expect(last?.status()).toBe(429);
      await check(guesser, 429, seen, 'mailbox sign-in: throttled');
      await guesser.context().close();

      const reporter = await (await fresh()).newPage();
      await reporter.goto(`${j.server.url}/postbus`);
      await reporter.locator('[name=receipt]').fill(receipt);
      await press(reporter, 'form[action="/postbus"] button');
      expect(reporter.url()).toBe(`${j.server.url}/postbus/inbox`);
      await check(reporter, 200, seen, 'mailbox');
      await press(reporter, 'form[action="/postbus/berichten"] button[type=submit]');
      expect(await reporter.locator('.error-summary').count()).toBe(1);
      await check(reporter, 422, seen, 'mailbox: empty message');
      await press(reporter, 'form[action="/postbus/afspraak"] button[type=submit]');
      expect(await reporter.locator('.error-summary').count()).toBe(1);
      await check(reporter, 422, seen, 'mailbox: appointment request with errors');
      await reporter.locator('[name=email]').fill('not an address');
      await press(reporter, 'form[action="/postbus/e-mail"] button[type=submit]');
      await check(reporter, 422, seen, 'mailbox: wrong e-mail address');
      res = await reporter.goto(`${j.server.url}/postbus/patroon`);
      expect(res?.status()).toBe(200);
      await check(reporter, 200, seen, 'mailbox: pattern page');
      await press(reporter, 'form[action="/postbus/patroon"] button[type=submit]');
      expect(await reporter.locator('.error-summary').count()).toBe(1);
      await check(reporter, 422, seen, 'mailbox: pattern page with errors');
      await reporter.goto(`${j.server.url}/postbus/inbox`);
      await press(reporter, 'form[action="/postbus/uitloggen"] button');
      expect(await reporter.getByRole('status').filter({ hasText: /\S/ }).count()).toBe(1); // the signed-out notice (the proof of work's live region is empty)
      await check(reporter, 200, seen, 'mailbox: signed out');
      await reporter.context().close();
      console.info(`axe passed on ${seen.length} ${lang} pages:\n  ${seen.join('\n  ')}`);
    }, 300_000);
  });
}

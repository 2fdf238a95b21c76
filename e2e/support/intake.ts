import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectAccessible, newContext } from './browser.js';
import { byKeyboard } from './keyboard.js';

/** What to do on one question page, by step key; steps not listed are left as they are. */
export type StepActions = Record<string, (page: Page) => Promise<void>>;

/**
 * Answers the intake's question pages one by one, checking each page with axe, until the
 * check-your-answers page. Returns the steps seen, in order.
 */
export async function answerQuestions(
  page: Page,
  actions: StepActions,
  opts: { continueLabel?: string } = {},
): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 25; i++) {
    const step = await currentStep(page);
    if (!step) break;
    seen.push(step);
    await expectAccessible(page);
    await actions[step]?.(page);
    await page.getByRole('button', { name: opts.continueLabel ?? 'Verder' }).click();
    await page.waitForLoadState();
    const stillHere = await currentStep(page);
    expect(
      stillHere === step ? await page.locator('.error-summary').textContent() : '',
      `step ${step}`,
    ).toBe('');
  }
  return seen;
}

/** The step key of the question page shown, or undefined on any other page (never waits). */
export async function currentStep(page: Page): Promise<string | undefined> {
  const input = page.locator('input[name="step"]');
  return (await input.count()) > 0 ? ((await input.getAttribute('value')) ?? undefined) : undefined;
}

/**
 * The same with the keyboard only (see byKeyboard): answers by field name, a choice group not
 * named takes its first option. Every page must move on. Returns the steps seen, in order.
 */
export async function answerQuestionsByKeyboard(
  page: Page,
  answers: Record<string, string>,
  opts: { continueLabel?: string } = {},
): Promise<string[]> {
  const seen: string[] = [];
  for (let step = await currentStep(page); step; step = await currentStep(page)) {
    if (seen.includes(step))
      throw new Error(
        `question ${step} came back: ${(await page.locator('main').textContent())?.slice(0, 300)}`,
      );
    seen.push(step);
    await expectAccessible(page);
    await byKeyboard(page, opts.continueLabel ?? 'Verder', answers);
  }
  if (seen.length === 0)
    throw new Error(
      `no question at ${page.url()}: ${(await page.locator('main').textContent())?.slice(0, 300)}`,
    );
  return seen;
}

/**
 * An anonymous report to the students' team sent in one POST (the form accepts every field at
 * once), for journeys that are not about the intake; its receipt and reference.
 */
export async function fileAnonymousReport(
  browser: Browser,
  baseUrl: string,
  answers: { category: string; narrative: string },
): Promise<{ receipt: string; reference: string }> {
  const context = await newContext(browser);
  const form = await (await context.request.get(`${baseUrl}/melden`)).text();
  const input = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(form)![1]!;
  const res = await context.request.post(`${baseUrl}/melden`, {
    form: {
      _csrf: input('_csrf'),
      idempotencyKey: input('idempotencyKey'),
      team: 'students',
      behalf: 'self',
      ...answers,
      location: 'online',
      reporterRole: 'student',
      accusedRole: 'student',
      goal: 'advice',
      anonymous: 'yes',
    },
  });
  expect(res.status()).toBe(200);
  const html = await res.text();
  await context.close();
  return {
    receipt: /data-testid="receipt">([^<]+)</.exec(html)![1]!,
    reference: /data-testid="reference">([^<]+)</.exec(html)![1]!,
  };
}

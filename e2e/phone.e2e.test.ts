import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessible } from './support/browser.js';
import { useJourney } from './support/use-journey.js';

// The quick exit's neutral site (the weather, outside this closed network): a local stand-in.
let neutral: http.Server;
let NEUTRAL = '';
beforeAll(async () => {
  neutral = http.createServer((_, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!DOCTYPE html><title>Weer</title><p>Het weer</p>'),
  );
  await new Promise<void>((resolve) => neutral.listen(0, '127.0.0.1', resolve));
  NEUTRAL = `http://127.0.0.1:${(neutral.address() as AddressInfo).port}/weer`;
});
afterAll(() => new Promise<void>((resolve) => neutral.close(() => resolve())));

// --demo: two teams and the faculties, so every question page appears.
const j = useJourney(() => ({ args: ['--demo'], env: { MELDPUNT_QUICK_EXIT_URL: NEUTRAL } }));

const CONTINUE = 'form[action="/melden/vraag"] button[type=submit]:not([name])';

/** Language-independent answers by field name; any other choice group takes its first option. */
const TEXT: Record<string, string> = {
  narrative: 'Iemand uit mijn werkgroep volgt mij 7c1d na de colleges.',
  happenedDay: '2',
  happenedMonth: '3',
  happenedYear: '2025',
};
const CHOICE: Record<string, string> = { anonymous: 'yes', channel: 'mailbox' };

async function phone(
  browser: Browser,
  opts: { width: number; locale: string; javaScript: boolean },
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: opts.width, height: 700 },
    locale: opts.locale,
    javaScriptEnabled: opts.javaScript,
    isMobile: true,
    hasTouch: true,
  });
  if (!opts.javaScript) noScript.add(context);
  return context.newPage();
}

const noScript = new WeakSet<BrowserContext>();
const measuring = new WeakMap<BrowserContext, Promise<BrowserContext>>();

/**
 * The page to measure: the page itself, or for a page without script the same HTML served at
 * its URL in a scripted context of the same screen (measuring needs script; the layout is the same).
 */
async function measurable(page: Page): Promise<{ target: Page; done: () => Promise<void> }> {
  if (!noScript.has(page.context())) return { target: page, done: async () => {} };
  const context = page.context();
  if (!measuring.has(context)) {
    const viewport = page.viewportSize()!;
    measuring.set(
      context,
      context.browser()!.newContext({ viewport, isMobile: true, hasTouch: true }),
    );
  }
  const target = await (await measuring.get(context)!).newPage();
  const url = page.url();
  const html = await page.content();
  await target.route(url, (route) =>
    route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }),
  );
  await target.goto(url);
  return { target, done: () => target.close() };
}

/** No horizontal scrolling, and the quick exit (public pages) wholly on screen. */
async function expectFits(page: Page, label: string) {
  const { target, done } = await measurable(page);
  try {
    await expectFitsScripted(target, label);
  } finally {
    await done();
  }
}

async function expectFitsScripted(page: Page, label: string) {
  const size = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth,
    height: window.innerHeight,
  }));
  expect(size.scroll, `${label}: page wider than the screen`).toBeLessThanOrEqual(size.width);
  const exit = (await page.locator('.quick-exit').count())
    ? await page.locator('.quick-exit').boundingBox()
    : null;
  expect(exit, `${label}: quick exit`).not.toBeNull();
  expect(
    exit!.x >= 0 &&
      exit!.x + exit!.width <= size.width &&
      exit!.y >= 0 &&
      exit!.y + exit!.height <= size.height,
    `${label}: quick exit on screen`,
  ).toBe(true);
  expect(exit!.height, `${label}: quick exit touch target`).toBeGreaterThanOrEqual(44);
}

async function press(page: Page, selector: string) {
  await Promise.all([page.waitForNavigation(), page.locator(selector).first().click()]);
}

/** From /melden to the acknowledgement, checking every page on the way; returns the receipt code. */
async function reportAnonymously(page: Page, label: string): Promise<string> {
  await page.goto(`${j.server.url}/melden`);
  for (let i = 0; i < 25 && (await page.locator('input[name="step"]').count()); i++) {
    const step = await page.locator('input[name="step"]').getAttribute('value');
    await expectFits(page, `${label} question ${step}`);
    for (const [name, value] of Object.entries(TEXT))
      if (await page.locator(`[name="${name}"]`).count())
        await page.locator(`[name="${name}"]`).fill(value);
    const groups = new Set(
      await page
        .locator('input[type=radio]')
        .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).name)),
    );
    for (const name of groups) {
      const wanted = CHOICE[name]
        ? page.locator(`input[type=radio][name="${name}"][value="${CHOICE[name]}"]`)
        : page.locator(`input[type=radio][name="${name}"]`).first();
      await wanted.check();
    }
    await press(page, CONTINUE);
  }
  await expectFits(page, `${label} check answers`);
  await press(page, 'form[action="/melden"] button[type=submit]');
  await expectFits(page, `${label} acknowledgement`);
  return (await page.getByTestId('receipt').textContent())!.trim();
}

/** axe on what the phone shows (a page without script is checked as a snapshot in a scripted context). */
async function expectAccessibleOnPhone(page: Page) {
  const { target, done } = await measurable(page);
  try {
    await expectAccessible(target);
  } finally {
    await done();
  }
}

/** The guide as a reporter uses it: two questions, then where to go with every contact. */
async function useGuide(page: Page, label: string) {
  await page.goto(`${j.server.url}/wegwijzer`);
  await page.locator('input[name="need"][value="honour"]').check();
  await page.locator('input[name="who"][value="bystander"]').check();
  await press(page, 'form[action="/wegwijzer/advies"] button[type=submit]');
  expect(await page.getByTestId('destination').textContent()).toContain('088 234 24 50');
  await expectFits(page, `${label} guide answer`);
  await expectAccessibleOnPhone(page);
}

/** After the acknowledgement: the code is saved, then the reporter chooses a conversation and asks for one. */
async function requestConversation(page: Page, label: string) {
  await page.locator('#field-saved').check();
  await press(page, 'form[action="/melden/bewaard"] button[type=submit]');
  expect(await page.getByTestId('next-steps').count()).toBe(1);
  await expectFits(page, `${label} what next`);
  await expectAccessibleOnPhone(page);
  await press(page, 'form[action="/melden/gesprek"] button[type=submit]');
  await expectFits(page, `${label} appointment request`);
  await expectAccessibleOnPhone(page);
  await page.locator('input[name="mode"][value="phone"]').check();
  await page.locator('[name="slot1"]').fill(`${new Date().getUTCFullYear() + 1}-03-03T10:00`);
  await press(page, 'form[action="/melden/afspraak"] button[type=submit]');
  expect(await page.getByTestId('appointment-requested').count()).toBe(1);
  await expectFits(page, `${label} appointment requested`);
}

async function openMailbox(page: Page, receipt: string) {
  await page.goto(`${j.server.url}/postbus`);
  await page.locator('input[name="receipt"]').fill(receipt);
  await press(page, 'form[action="/postbus"] button[type=submit]');
  await page.waitForURL(/\/postbus\/inbox$/);
}

const MODES = [
  { width: 320, locale: 'nl-NL', javaScript: false },
  { width: 320, locale: 'en-GB', javaScript: true },
  { width: 360, locale: 'en-GB', javaScript: false },
  { width: 360, locale: 'nl-NL', javaScript: true },
];

describe('the reporter on a phone (issue 18)', () => {
  it.each(MODES)(
    'every public page fits $width px with the quick exit on screen: the guide, the report, (at 360 px) a conversation asked for, the mailbox ($locale, script $javaScript)',
    async (mode) => {
      const page = await phone(j.browser, mode);
      const label = `${mode.width} ${mode.locale} js=${mode.javaScript}`;
      for (const path of [
        '/',
        '/wegwijzer',
        '/wegwijzer/advies?need=listen&who=student',
        '/postbus',
        '/no-such-page',
      ]) {
        await page.goto(`${j.server.url}${path}`);
        await expectFits(page, `${label} ${path}`);
      }
      await useGuide(page, label);
      const receipt = await reportAnonymously(page, label);
      if (mode.width === 360) await requestConversation(page, label); // done when 1: an appointment request at 360 px, both languages, script on and off
      await openMailbox(page, receipt);
      await expectFits(page, `${label} mailbox`);
      await expectAccessibleOnPhone(page);
      await page.context().close();
    },
  );

  it.each([false, true])(
    'the quick exit ends the mailbox session: neither Back nor reopening shows the conversation (script %s)',
    async (javaScript) => {
      const page = await phone(j.browser, { width: 360, locale: 'nl-NL', javaScript });
      const receipt = await reportAnonymously(page, `exit js=${javaScript}`);
      await openMailbox(page, receipt);
      await page
        .locator('textarea[name="body"]')
        .fill('Geheim bericht zonnebloem voor de vertrouwenspersoon.');
      await press(page, 'form[action="/postbus/berichten"] button[type=submit]');
      expect(await page.locator('main').textContent()).toContain('zonnebloem');

      await Promise.all([page.waitForURL(NEUTRAL), page.locator('.quick-exit').click()]);
      expect(await page.textContent('body')).toContain('Het weer');

      await page.goBack().catch(() => undefined); // with script there may be no page to go back to
      expect(await page.content()).not.toContain('zonnebloem');
      await page.goto(`${j.server.url}/postbus/inbox`);
      expect(page.url()).toBe(`${j.server.url}/postbus`);
      expect(await page.content()).not.toContain('zonnebloem');
      await page.context().close();
    },
  );

  it('a double press of Escape leaves the site too (script on)', async () => {
    const page = await phone(j.browser, { width: 360, locale: 'nl-NL', javaScript: true });
    await page.goto(`${j.server.url}/wegwijzer`);
    await Promise.all([
      page.waitForURL(NEUTRAL),
      (async () => {
        await page.keyboard.press('Escape');
        await page.keyboard.press('Escape');
      })(),
    ]);
    await page.context().close();
  });
});

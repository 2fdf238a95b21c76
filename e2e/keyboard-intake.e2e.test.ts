import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, newContext } from './support/browser.js';
import { currentStep } from './support/intake.js';
import { startServer, type RunningServer } from '../test/support/server.js';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Focused { tag: string; type: string; name: string; text: string; checked: boolean }

async function focused(page: Page): Promise<Focused> {
  const el = page.locator('*:focus');
  if ((await el.count()) === 0) return { tag: '', type: '', name: '', text: '', checked: false };
  return {
    tag: (await el.evaluate((e) => e.tagName.toLowerCase())) as string,
    type: (await el.getAttribute('type')) ?? '',
    name: (await el.getAttribute('name')) ?? '',
    text: ((await el.textContent()) ?? '').trim(),
    checked: await el.evaluate((e) => (e as HTMLInputElement).checked === true),
  };
}

/**
 * Fills the page in with Tab, Space and typing only: Space on the first radio of each group
 * and on a checkbox named in `tick`, typed text into the fields named in `text`, Enter on the
 * button labelled `submit`.
 */
async function byKeyboard(page: Page, submit: string, text: Record<string, string> = {}, tick: string[] = []) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.tag === 'input' && f.type === 'radio' && !f.checked) await page.keyboard.press('Space');
    else if (f.tag === 'input' && f.type === 'checkbox' && tick.includes(f.name) && !f.checked) await page.keyboard.press('Space');
    else if ((f.tag === 'textarea' || f.tag === 'input') && text[f.name] !== undefined) await page.keyboard.type(text[f.name]!);
    else if (f.tag === 'button' && f.text === submit) {
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      return;
    }
  }
  throw new Error(`no button "${submit}" reached with Tab`);
}

describe('the intake with the keyboard only (Tab, Space, Enter), without JavaScript, in English', () => {
  it('reaches every question, the check page and the receipt, and axe finds nothing on any page', async () => {
    const context = await newContext(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${server.url}/melden`);
    const seen: string[] = [];
    for (let step = await currentStep(page); step; step = await currentStep(page)) {
      expect(seen).not.toContain(step); // every page moves on: no error went unnoticed
      seen.push(step);
      await expectAccessible(page);
      await byKeyboard(page, 'Continue', { narrative: 'Someone keeps shouting at me in the lab.', accusedUnit: 'Chemistry' });
    }
    if (seen.length < 3) throw new Error(`stopped after ${seen.join()} at ${page.url()}: ${(await page.locator("main").textContent())?.slice(0, 300)}`);
    expect(seen).toEqual(expect.arrayContaining(['behalf', 'category', 'narrative', 'when', 'accused', 'goal', 'anonymous', 'channel']));
    expect(await page.getByTestId('answers').textContent()).toContain('shouting at me');
    await expectAccessible(page);
    await byKeyboard(page, 'Send report');
    expect(await page.getByTestId('receipt').textContent()).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    await expectAccessible(page);
    await byKeyboard(page, 'Continue', {}, ['saved']);
    expect(await page.locator('h1').textContent()).toBeTruthy();
    await expectAccessible(page);
    await context.close();
  });
});

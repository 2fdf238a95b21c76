import { describe, expect, it } from 'vitest';
import { expectAccessible, newContext } from './support/browser.js';
import { answerQuestionsByKeyboard } from './support/intake.js';
import { byKeyboard } from './support/keyboard.js';
import { useJourney } from './support/use-journey.js';

const j = useJourney();

describe('the intake with the keyboard only (Tab, Space, Enter), without JavaScript, in English', () => {
  it('reaches every question, the check page and the receipt, and axe finds nothing on any page', async () => {
    const context = await newContext(j.browser, { locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${j.server.url}/melden`);
    const seen = await answerQuestionsByKeyboard(
      page,
      { narrative: 'Someone keeps shouting at me in the lab.', accusedUnit: 'Chemistry' },
      { continueLabel: 'Continue' },
    );
    expect(seen).toEqual(
      expect.arrayContaining([
        'behalf',
        'category',
        'narrative',
        'when',
        'accused',
        'goal',
        'anonymous',
        'channel',
      ]),
    );
    expect(await page.getByTestId('answers').textContent()).toContain('shouting at me');
    await expectAccessible(page);
    await byKeyboard(page, 'Send report');
    expect(await page.getByTestId('receipt').textContent()).toMatch(
      /^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/,
    );
    await expectAccessible(page);
    await byKeyboard(page, 'Continue', {}, ['saved']);
    expect(await page.locator('h1').textContent()).toBeTruthy();
    await expectAccessible(page);
    await context.close();
  });
});

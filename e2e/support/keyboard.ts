import type { Page } from 'playwright-core';

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
export async function byKeyboard(page: Page, submit: string, text: Record<string, string> = {}, tick: string[] = []) {
  for (let i = 0; i < 120; i++) {
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

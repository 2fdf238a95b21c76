import type { Browser, Page } from 'playwright-core';

interface Focused {
  tag: string;
  type: string;
  name: string;
  value: string;
  text: string;
  checked: boolean;
  within: (selector: string) => Promise<boolean>;
}

async function focused(page: Page): Promise<Focused> {
  const el = page.locator('*:focus');
  if ((await el.count()) === 0)
    return {
      tag: '',
      type: '',
      name: '',
      value: '',
      text: '',
      checked: false,
      within: async () => false,
    };
  return {
    tag: (await el.evaluate((e) => e.tagName.toLowerCase())) as string,
    type: (await el.getAttribute('type')) ?? '',
    name: (await el.getAttribute('name')) ?? '',
    value: (await el.getAttribute('value')) ?? '',
    text: ((await el.textContent()) ?? '').trim(),
    checked: await el.evaluate((e) => (e as HTMLInputElement).checked === true),
    within: (selector) => el.evaluate((e, s) => e.closest(s) !== null, selector),
  };
}

/**
 * Fills the page in with the keyboard only, by field name: Tab to each field; in a choice
 * group the arrow keys move to the option whose value `answers` names (as a keyboard user
 * chooses a radio button), or Space takes the first option of a group not named; text is
 * typed into the fields `answers` names (a date and time field segment by segment, see
 * typeDateTime); Space ticks a checkbox named in `tick`; Enter on the button labelled
 * `submit`. Waits for the page the form leads to.
 */
export async function byKeyboard(
  page: Page,
  submit: string,
  answers: Record<string, string> = {},
  tick: string[] = [],
) {
  const typed = new Set<string>();
  for (let i = 0; i < 160; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.tag === 'input' && f.type === 'radio') await chooseRadio(page, f, answers[f.name]);
    else if (f.tag === 'input' && f.type === 'checkbox' && tick.includes(f.name) && !f.checked)
      await page.keyboard.press('Space');
    else if (
      (f.tag === 'textarea' || f.tag === 'input') &&
      answers[f.name] !== undefined &&
      !typed.has(f.name)
    ) {
      // Tab moves through a date and time field's segments: type into it once.
      typed.add(f.name);
      if (f.type === 'datetime-local') await typeDateTime(page, answers[f.name]!);
      else await page.keyboard.type(answers[f.name]!);
    } else if (f.tag === 'button' && f.text === submit) {
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      return;
    }
  }
  throw new Error(`no button "${submit}" reached with Tab`);
}

/** Focus is on a radio button: the arrow keys to the one with `value` (none given: the first), checked. */
async function chooseRadio(page: Page, f: Focused, value: string | undefined) {
  if (value === undefined) {
    if (!f.checked) await page.keyboard.press('Space');
    return;
  }
  const count = await page.locator(`input[type=radio][name="${f.name}"]`).count();
  for (let i = 0; i <= count && f.value !== value; i++) {
    await page.keyboard.press('ArrowDown');
    f = await focused(page);
  }
  if (f.value !== value) throw new Error(`no option "${value}" in choice group "${f.name}"`);
  if (!f.checked) await page.keyboard.press('Space');
}

/** Follows the link with this text inside `scope` (a CSS selector): Tab to it, Enter. */
export async function followLink(page: Page, text: string, scope = 'body') {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.tag === 'a' && f.text === text && (await f.within(scope))) {
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      return;
    }
  }
  throw new Error(`no link "${text}" in ${scope} reached with Tab`);
}

type DatePart = 'year' | 'month' | 'day';
const ORDERS: DatePart[][] = [
  ['month', 'day', 'year'],
  ['day', 'month', 'year'],
  ['year', 'month', 'day'],
];
const dateOrders = new WeakMap<Browser, Promise<DatePart[]>>();

/**
 * Types "YYYY-MM-DDTHH:MM" into the focused date and time field as a person does: each
 * segment's digits, Tab after the year (it takes up to six), the hour in 24-hour form and,
 * for a 12-hour field, A or P (ignored by a 24-hour one).
 */
async function typeDateTime(page: Page, value: string) {
  const order = await dateOrder(page.context().browser()!);
  await typeSegments(page, order, value);
}

async function typeSegments(page: Page, order: DatePart[], value: string) {
  const [, year, month, day, hour, minute] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(
    value,
  )!;
  const parts: Record<DatePart, string> = { year: year!, month: month!, day: day! };
  for (const part of order) {
    await page.keyboard.type(parts[part]);
    if (part === 'year') await page.keyboard.press('Tab');
  }
  await page.keyboard.type(`${hour}${minute}${Number(hour) < 12 ? 'A' : 'P'}`);
}

/**
 * The order of a date field's segments follows the browser's own language, not the page's:
 * found once per browser by typing a known value into a bare field in each order.
 */
function dateOrder(browser: Browser): Promise<DatePart[]> {
  if (!dateOrders.has(browser)) {
    dateOrders.set(
      browser,
      (async () => {
        const context = await browser.newContext();
        try {
          for (const order of ORDERS) {
            const page = await context.newPage();
            await page.setContent('<input type="datetime-local">');
            await page.keyboard.press('Tab');
            await typeSegments(page, order, '2031-02-03T09:05');
            const ok = (await page.locator('input').inputValue()) === '2031-02-03T09:05';
            await page.close();
            if (ok) return order;
          }
          throw new Error('no order of date segments this browser takes');
        } finally {
          await context.close();
        }
      })(),
    );
  }
  return dateOrders.get(browser)!;
}

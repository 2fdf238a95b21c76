/**
 * npm run screenshots: renders the key pages at a phone's width (360 px) and a desktop's
 * (1280 px) into docs/screenshots/NAME-WIDTH.png, for the README and for anyone who would
 * rather look than read (issue 18).
 *
 * It starts the real server on the embedded PostgreSQL in a temporary data directory with the
 * demo data (`--demo`), like a journey does, and drives Debian's Chromium (e2e/support). With
 * `-- --url http://127.0.0.1:3000` it uses a server that is already running with --demo instead.
 *
 * The pages are one list, SHOTS, walked in order per width: a shot may rely on the state the
 * shots before it left (the intake's answers, the receipt code). To add staff pages, append
 * shots with `as: 'confidential_adviser'` (any demo role): they run in a second browser context
 * signed in as that demo account, after the public ones.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser.js';
import { startServer, type RunningServer } from '../test/support/server.js';

interface Walk {
  base: string;
  /** What earlier shots found out, e.g. the receipt code. */
  state: Record<string, string>;
}

interface Shot {
  /** The file name: docs/screenshots/NAME-WIDTH.png. */
  name: string;
  /** A demo role to sign in as first; public pages leave it out. */
  as?: string;
  /** Brings the page to the state to photograph. */
  open: (page: Page, walk: Walk) => Promise<void>;
}

const WIDTHS = [360, 1280] as const;
const OUT = path.resolve('docs/screenshots');

async function press(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.locator(selector).first().click()]);
}

/** Answers for the intake by field; any other choice group takes its first option. */
const TEXT: Record<string, string> = {
  narrative:
    'Iemand uit mijn werkgroep stuurt mij na de colleges steeds berichten en wacht mij op bij de fietsenstalling.',
  happenedDay: '3',
  happenedMonth: '3',
  happenedYear: '2026',
};
const CHOICE: Record<string, string> = {
  anonymous: 'yes',
  channel: 'mailbox',
  category: 'stalking',
  behalf: 'self',
  location: 'campus',
};

/** Answers question pages until the page with this step (or the check page when undefined). */
async function answerUntil(page: Page, stop?: string): Promise<void> {
  for (let i = 0; i < 25; i++) {
    const step = await page
      .locator('input[name="step"]')
      .getAttribute('value')
      .catch(() => null);
    if (!step || step === stop) return;
    for (const [name, value] of Object.entries(TEXT))
      if (await page.locator(`[name="${name}"]`).count())
        await page.locator(`[name="${name}"]`).fill(value);
    const groups = new Set(
      await page
        .locator('input[type=radio]')
        .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).name)),
    );
    for (const name of groups) {
      const preferred = CHOICE[name]
        ? page.locator(`input[type=radio][name="${name}"][value="${CHOICE[name]}"]`)
        : undefined;
      await (
        preferred && (await preferred.count())
          ? preferred
          : page.locator(`input[type=radio][name="${name}"]`).first()
      ).check();
    }
    await press(page, 'form[action="/melden/vraag"] button[type=submit]:not([name])');
  }
}

/** The key pages, in the order a reporter meets them. */
export const SHOTS: Shot[] = [
  { name: 'home', open: async (page, w) => void (await page.goto(`${w.base}/`)) },
  { name: 'guide', open: async (page, w) => void (await page.goto(`${w.base}/wegwijzer`)) },
  {
    name: 'guide-answer',
    open: async (page, w) =>
      void (await page.goto(`${w.base}/wegwijzer/advies?need=honour&who=bystander`)),
  },
  {
    name: 'question',
    open: async (page, w) => {
      await page.goto(`${w.base}/melden`);
      await answerUntil(page, 'category');
    },
  },
  {
    name: 'check-answers',
    open: async (page) => answerUntil(page),
  },
  {
    name: 'acknowledgement',
    open: async (page, w) => {
      await press(page, 'form[action="/melden"] button[type=submit]');
      w.state.receipt = (await page.getByTestId('receipt').textContent())!.trim();
    },
  },
  {
    name: 'what-next',
    open: async (page) => {
      await page.locator('#field-saved').check();
      await press(page, 'form[action="/melden/bewaard"] button[type=submit]');
    },
  },
  {
    name: 'appointment-request',
    open: async (page) => press(page, 'form[action="/melden/gesprek"] button[type=submit]'),
  },
  { name: 'mailbox-sign-in', open: async (page, w) => void (await page.goto(`${w.base}/postbus`)) },
  {
    name: 'mailbox',
    open: async (page, w) => {
      await page.locator('input[name="receipt"]').fill(w.state.receipt!);
      await press(page, 'form[action="/postbus"] button[type=submit]');
    },
  },
  { name: 'not-found', open: async (page, w) => void (await page.goto(`${w.base}/bestaat-niet`)) },
  {
    name: 'privacy-statement',
    open: async (page, w) => void (await page.goto(`${w.base}/privacy`)),
  },
  {
    name: 'accessibility-statement',
    open: async (page, w) => void (await page.goto(`${w.base}/toegankelijkheid`)),
  },
  // Staff pages: each role in a browser context of its own, signed in as the demo account.
  {
    name: 'staff-inbox',
    as: 'confidential_adviser',
    open: async (page, w) => void (await page.goto(`${w.base}/cases`)),
  },
  {
    name: 'staff-case',
    as: 'confidential_adviser',
    open: async (page, w) => {
      const href = await page
        .locator('main a[href^="/cases/"]')
        .evaluateAll((links) =>
          links.map((a) => a.getAttribute('href')!).find((h) => /^\/cases\/[0-9a-f-]{36}$/.test(h)),
        );
      w.state.caseUrl = `${w.base}${href}`;
      await page.goto(w.state.caseUrl);
    },
  },
  {
    name: 'staff-escalation',
    as: 'confidential_adviser',
    open: async (page, w) => void (await page.goto(`${w.state.caseUrl}/escalation`)),
  },
  {
    name: 'board-statistics',
    as: 'board',
    open: async (page, w) => void (await page.goto(`${w.base}/statistics`)),
  },
];

async function signIn(page: Page, base: string, role: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.locator('input[name="email"]').fill(`${role}@demo.meldpunt.invalid`);
  await page.locator('input[name="password"]').fill('demo-meldpunt-2026');
  await press(page, 'form[action="/login"] button[type=submit]');
}

/** A PNG of the whole page, reduced to a palette so that the files stay small in git. */
async function save(page: Page, name: string, width: number): Promise<string> {
  const file = path.join(OUT, `${name}-${width}.png`);
  const png = await page.screenshot({ fullPage: true });
  await sharp(png)
    .png({ palette: true, colours: 64, compressionLevel: 9, effort: 10 })
    .toFile(file);
  return file;
}

async function shootAll(browser: Browser, base: string, width: number): Promise<string[]> {
  const files: string[] = [];
  const contexts = new Map<string, { context: BrowserContext; page: Page }>();
  const walk: Walk = { base, state: {} };
  try {
    for (const shot of SHOTS) {
      const who = shot.as ?? 'public';
      if (!contexts.has(who)) {
        const context = await browser.newContext({
          viewport: { width, height: width < 800 ? 780 : 900 },
          locale: 'nl-NL',
          javaScriptEnabled: false,
          deviceScaleFactor: 1,
        });
        const page = await context.newPage();
        if (shot.as) await signIn(page, base, shot.as);
        contexts.set(who, { context, page });
      }
      const { page } = contexts.get(who)!;
      await shot.open(page, walk);
      files.push(await save(page, shot.name, width));
    }
  } finally {
    for (const { context } of contexts.values()) await context.close();
  }
  return files;
}

async function main(): Promise<void> {
  const urlArg = process.argv.indexOf('--url');
  const given = urlArg > 0 ? process.argv[urlArg + 1] : undefined;
  fs.mkdirSync(OUT, { recursive: true });
  let server: RunningServer | undefined;
  const browserStart = launchBrowser();
  try {
    if (!given) server = await startServer({ args: ['--demo'], embedded: true });
    const base = given ?? server!.url;
    const browser = await browserStart;
    try {
      for (const width of WIDTHS) {
        const files = await shootAll(browser, base, width);
        const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
        console.log(
          `${width} px: ${files.length} pages, ${Math.round(bytes / 1024)} KiB in ${path.relative(process.cwd(), OUT)}/`,
        );
      }
    } finally {
      await browser.close();
    }
  } finally {
    await server?.stop();
  }
}

await main();

import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'vitest';
import { axeAlreadyPassed, markAxePassed, pageStateKey } from './axe-seen.js';

/** Debian's Chromium, headless, with the flags this closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  try {
    fs.accessSync(executablePath, fs.constants.X_OK);
  } catch {
    throw new Error(
      `Chromium is not installed at ${executablePath}; npm run test:e2e needs it. On Debian or Ubuntu: apt-get install -y chromium (or set CHROMIUM_PATH)`,
    );
  }
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const noScript = new WeakSet<BrowserContext>();
const axeContexts = new WeakMap<Browser, Promise<BrowserContext>>();

/** A context as a reporter on Tor Browser's safest setting would have it: no JavaScript. */
export async function newContext(
  browser: Browser,
  opts: { javaScript?: boolean; locale?: string } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    javaScriptEnabled: opts.javaScript ?? false,
    locale: opts.locale ?? 'nl-NL',
  });
  if (!(opts.javaScript ?? false)) noScript.add(context);
  return context;
}

/**
 * Fails the test with the WCAG 2.1 A/AA violations axe finds on the page. axe needs script,
 * so a page from a no-script context is checked as a snapshot: its exact HTML is served at
 * its own URL in a scripted context, where the stylesheets load from the real server.
 * axe runs once per distinct page and state in a run (see axe-seen.ts): a page whose markup
 * already passed in this run, in any journey, is not analysed again.
 */
export async function expectAccessible(page: Page): Promise<void> {
  const key = pageStateKey(await page.content());
  if (axeAlreadyPassed(key)) return;
  await analyse(page);
  markAxePassed(key);
}

async function analyse(page: Page): Promise<void> {
  let target = page;
  let close: (() => Promise<void>) | undefined;
  if (noScript.has(page.context())) {
    const browser = page.context().browser()!;
    if (!axeContexts.has(browser)) axeContexts.set(browser, browser.newContext());
    const scripted = await (await axeContexts.get(browser)!).newPage();
    const url = page.url();
    const html = await page.content();
    await scripted.route(url, (route) =>
      route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }),
    );
    await scripted.goto(url);
    target = scripted;
    close = () => scripted.close();
  }
  try {
    // Legacy mode: axe runs in the page itself instead of also opening a blank page per check to
    // gather frame results; the pages have no frames, so the rules and the verdict are the same.
    const results = await new AxeBuilder({ page: target })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .setLegacyMode(true)
      .analyze();
    const violations = results.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    );
    expect(violations, `axe violations on ${page.url()}`).toEqual([]);
  } finally {
    await close?.();
  }
}

import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { startServer, type RunningServer } from '../../test/support/server.js';
import { startTestSmtp } from '../../test/support/smtp.js';

type ServerOptions = NonNullable<Parameters<typeof startServer>[0]>;
type TestSmtp = Awaited<ReturnType<typeof startTestSmtp>>;

export interface JourneyOptions extends ServerOptions {
  /** Start a real SMTP server (test/support/smtp.ts) and point the server's MELDPUNT_SMTP_URL at it. */
  smtp?: boolean;
}

export interface Journey {
  server: RunningServer;
  browser: Browser;
}

type WithSmtp<O> = O extends { smtp: true } ? { smtp: TestSmtp } : unknown;

/**
 * The set-up of a browser journey: the real server (startServer; e.g. `args: ['--demo']`) and
 * Chromium, started side by side in beforeAll and stopped in afterAll. The fields of the returned
 * object are filled in by the hook, so read them inside tests and later hooks only. Options given
 * as a function are read in the hook, after the file's earlier beforeAll hooks (an IdP's address).
 */
export function useJourney<O extends JourneyOptions>(
  options?: O | (() => O),
): Journey & WithSmtp<O> {
  const j = {} as Journey & { smtp?: TestSmtp };
  beforeAll(async () => {
    const { smtp, ...server }: JourneyOptions =
      (typeof options === 'function' ? options() : options) ?? {};
    if (smtp) j.smtp = await startTestSmtp();
    const env = { ...server.env, ...(j.smtp ? { MELDPUNT_SMTP_URL: j.smtp.url } : {}) };
    [j.server, j.browser] = await Promise.all([startServer({ ...server, env }), launchBrowser()]);
  });
  afterAll(async () => {
    await j.browser?.close();
    await j.server?.stop();
    await j.smtp?.close();
  });
  return j as Journey & WithSmtp<O>;
}

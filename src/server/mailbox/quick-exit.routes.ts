import { Hono } from 'hono';
import type { Deps } from '../bootstrap.js';
import type { AppEnv } from '../http/env.js';
import { clearStrictCookie, readStrictCookie } from '../http/cookies.js';
import { MAILBOX_COOKIE, signOutReporter } from './reporter-session.js';

export const QUICK_EXIT_PATH = '/weg';

/**
 * The quick exit ("Snel weg") on every public page. It ends the mailbox session on the server
 * (the row is deleted, so the cookie opens nothing even if a copy survives), asks the browser to
 * forget this site's cookies and cache (Clear-Site-Data), and sends it to a neutral site. With
 * script, /assets/quick-exit.js replaces the history entry so Back does not return here; without
 * it, Back reaches a page that is not stored (no-store) and asks the server again, which then
 * sees no session. A plain link, so it works in one press and without a form token. The neutral
 * site is MELDPUNT_QUICK_EXIT_URL (the weather by default).
 */
export function quickExitRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get(QUICK_EXIT_PATH, async (c) => {
    const secure = deps.config.secureCookies;
    const token = readStrictCookie(c, MAILBOX_COOKIE, secure);
    if (token) await signOutReporter(deps.db, token);
    clearStrictCookie(c, MAILBOX_COOKIE, secure);
    c.header('Clear-Site-Data', '"cache", "cookies", "storage"');
    return c.redirect(deps.config.quickExitUrl, 303);
  });
  return app;
}

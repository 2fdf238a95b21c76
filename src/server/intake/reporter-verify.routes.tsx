import { ssoSiteUrl } from '../sso/sso-start.js';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Deps } from '../bootstrap.js';
import { viewContext, type AppEnv } from '../http/env.js';
import { formStrings } from '../http/validation.js';
import type { SsoConfig } from '../sso/sso.config.js';
import { oidcDiscovery, startAuthorization } from '../sso/oidc-client.js';
import { REPORTER_COOKIE, saveSsoState, REPORTER_CALLBACK_PATH } from '../sso/sso-state.js';
import { DRAFT_FIELD, openDraft, type Answers } from './intake-draft.js';
import { DraftExpiredPage } from './intake-pages.js';
import { parkDraft, takeParkedDraft, withVerifiedIdentity } from './reporter-verify.service.js';

const COOKIE = 'mp_verify';
const PATH = '/melden/verifieer';

/** Shows the contact question again with these answers (intake.routes.tsx owns the page). */
export type ShowContact = (
  c: Context<AppEnv>,
  answers: Answers,
  verifyFailed: boolean,
) => Promise<Response>;

/**
 * A named reporter may have name and e-mail confirmed through the institution's OpenID Connect
 * sign-in (issue 9), never required. The draft waits parked (reporter-verify.service.ts); the
 * IdP answers at /sso/oidc/reporter/callback; the browser comes back here.
 */
export function reporterVerifyRoutes(
  deps: Deps,
  sso: SsoConfig | undefined,
  showContact: ShowContact,
) {
  const app = new Hono<AppEnv>();
  const cfg = sso?.oidc;
  if (!sso || !cfg) return app;
  const secure = deps.config.secureCookies;
  const configuration = oidcDiscovery(cfg);

  app.post(PATH, async (c) => {
    const draft = formStrings(await c.req.parseBody())[DRAFT_FIELD];
    if (!openDraft(deps.keyring, c.get('csrfToken'), draft)) return expired(c);
    const { saved, url } = await startAuthorization(
      await configuration(),
      `${ssoSiteUrl(c, deps, sso)}${REPORTER_CALLBACK_PATH}`,
    );
    const token = await parkDraft(deps.db, draft!);
    saveSsoState(c, deps.keyring.indexKey, secure, { ...saved, token }, false, REPORTER_COOKIE);
    setCookie(c, COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure,
      path: PATH,
      maxAge: 15 * 60,
    });
    return c.redirect(url, 303);
  });

  app.get(`${PATH}/terug`, async (c) => {
    const token = getCookie(c, COOKIE);
    deleteCookie(c, COOKIE, { path: PATH, secure });
    const parked = token ? await takeParkedDraft(deps.db, deps.keyring, token) : undefined;
    const answers = parked && openDraft(deps.keyring, c.get('csrfToken'), parked.draft);
    if (!parked || !answers) return expired(c);
    return showContact(
      c,
      parked.identity ? withVerifiedIdentity(answers, parked.identity) : answers,
      !parked.identity,
    );
  });

  return app;
}

function expired(c: Context<AppEnv>) {
  c.status(422);
  return c.html(<DraftExpiredPage ctx={viewContext(c)} />);
}

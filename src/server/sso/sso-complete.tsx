import type { Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { viewContext, type AppEnv } from '../http/env.js';
import { setStrictCookie } from '../http/cookies.js';
import { MessagePage } from '../auth/auth.views.js';
import { SESSION_ABSOLUTE_HOURS } from '../auth/auth.service.js';
import { SESSION_COOKIE } from '../auth/auth.routes.js';
import { signInWithIdentity, type SsoIdentity } from './sso.service.js';
import { SignedInPage } from './sso.views.js';

/** The one ending of every failed single sign-on attempt: 403 without detail. */
export function refuseSignIn(c: Context<AppEnv>) {
  const ctx = viewContext(c);
  c.status(403);
  return c.html(<MessagePage ctx={ctx} title={ctx.t('sso.title')} message={ctx.t('sso.refused')} />);
}

/** Signs the verified identity in (same provisioning for OpenID Connect and SAML) and sets the session. */
export async function completeSignIn(c: Context<AppEnv>, deps: Deps, identity: SsoIdentity | undefined) {
  if (!identity) return refuseSignIn(c);
  const token = await signInWithIdentity(deps.db, identity);
  if (!token) return refuseSignIn(c);
  setStrictCookie(c, SESSION_COOKIE, token, deps.config.secureCookies, SESSION_ABSOLUTE_HOURS * 3600);
  return c.html(<SignedInPage ctx={viewContext(c)} />);
}

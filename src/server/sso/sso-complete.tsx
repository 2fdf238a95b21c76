import type { Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { viewContext, type AppEnv } from '../http/env.js';
import { MessagePage } from '../auth/auth.views.js';
import { linkIdentity, signInWithIdentity, type SsoIdentity } from './sso.service.js';
import { SignedInPage } from './sso.views.js';
import { setSessionCookie } from '../auth/session-cookie.js';

/** The one ending of every failed single sign-on attempt: 403 without detail (or the hint to link first). */
export function refuseSignIn(
  c: Context<AppEnv>,
  message: 'sso.refused' | 'sso.notLinked' = 'sso.refused',
) {
  const ctx = viewContext(c);
  c.status(403);
  return c.html(<MessagePage ctx={ctx} title={ctx.t('sso.title')} message={ctx.t(message)} />);
}

const NEXT = {
  complete: '/cases',
  pending_code: '/login/two-factor',
  pending_enrol: '/login/two-factor/enrol',
} as const;

/**
 * Finishes a verified IdP answer (same for OpenID Connect and SAML): links it to the account
 * that asked for the link (`linkUserId`, from the signed state cookie), or signs in and sets the
 * session, which waits for our own second factor unless the IdP asserted multi-factor.
 */
export async function completeSignIn(
  c: Context<AppEnv>,
  deps: Deps,
  institutionId: string,
  identity: SsoIdentity | undefined,
  linkUserId?: string,
) {
  if (!identity) return refuseSignIn(c);
  if (linkUserId) {
    if (!(await linkIdentity(deps.db, linkUserId, identity, institutionId))) return refuseSignIn(c);
    return c.html(
      <SignedInPage ctx={viewContext(c)} next="/account/security" message="sso.linked" />,
    );
  }
  const result = await signInWithIdentity(deps.db, identity, institutionId);
  if ('refused' in result)
    return refuseSignIn(c, result.refused === 'not_linked' ? 'sso.notLinked' : 'sso.refused');
  setSessionCookie(c, result.token, deps.config.secureCookies);
  return c.html(
    <SignedInPage ctx={viewContext(c)} next={NEXT[result.state]} message="sso.signedIn" />,
  );
}

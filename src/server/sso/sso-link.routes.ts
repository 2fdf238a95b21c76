import { Hono } from 'hono';
import type { Deps } from '../bootstrap.js';
import { signedInUser, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { assertRouteAllowed } from '../access/route-guard.js';
import { startOidc, startSaml } from './sso-start.js';
import type { SsoDirectory } from './sso-directory.js';

/**
 * The signed-in user's explicit step to link an institution account (decision 024), at their
 * own institution's IdP. Mounted behind the session and CSRF protection: a cross-site page cannot
 * start a link to an identity of its choosing. The account travels in the signed state cookie to
 * the IdP's answer.
 */
export function ssoLinkRoutes(deps: Deps, directory: SsoDirectory) {
  const app = new Hono<AppEnv>();
  app.post('/account/sso/:provider/link', async (c) => {
    assertRouteAllowed(c);
    const provider = c.req.param('provider');
    const sso = await directory.forRequest(c);
    const link = { link: signedInUser(c).id };
    if (sso && provider === 'oidc' && sso.config.oidc) return startOidc(deps, sso, c, link);
    if (sso && provider === 'saml' && sso.config.saml) return startSaml(deps, sso, c, link);
    throw new AppError('NOT_FOUND');
  });
  return app;
}

import { Hono } from 'hono';
import type { Deps } from '../bootstrap.js';
import { signedInUser, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { assertRouteAllowed } from '../access/route-guard.js';
import type { SsoConfig } from './sso.config.js';
import { oidcStarter, samlStarter } from './sso-start.js';

/**
 * The signed-in user's explicit step to link an institution account (decision 024). Mounted
 * behind the session and CSRF protection: a cross-site page cannot start a link to an identity
 * of its choosing. The account travels in the signed state cookie to the IdP's answer.
 */
export function ssoLinkRoutes(deps: Deps, sso: SsoConfig) {
  const app = new Hono<AppEnv>();
  const starters = { oidc: oidcStarter(deps, sso), saml: samlStarter(deps, sso) };
  app.post('/account/sso/:provider/link', (c) => {
    assertRouteAllowed(c);
    const provider = c.req.param('provider');
    const start = provider === 'oidc' || provider === 'saml' ? starters[provider] : undefined;
    if (!start) throw new AppError('NOT_FOUND');
    return start(c, { link: signedInUser(c).id });
  });
  return app;
}

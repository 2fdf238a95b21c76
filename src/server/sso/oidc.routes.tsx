import { Hono } from 'hono';
import type { Deps } from '../bootstrap.js';
import type { AppEnv } from '../http/env.js';
import type { SsoConfig } from './sso.config.js';
import { saveSsoState, takeSsoState } from './sso-state.js';
import { completeSignIn, refuseSignIn } from './sso-complete.js';
import { identityFromAttributes } from './sso-identity.js';
import { finishAuthorization, oidcDiscovery, startAuthorization } from './oidc-client.js';

/** OpenID Connect (authorization code + PKCE) for staff, e.g. SURFconext. */
export function oidcRoutes(deps: Deps, sso: SsoConfig) {
  const app = new Hono<AppEnv>();
  const cfg = sso.oidc;
  if (!cfg) return app;
  const secure = deps.config.secureCookies;
  const redirectUri = `${sso.baseUrl}/sso/oidc/callback`;
  const configuration = oidcDiscovery(cfg);

  app.get('/sso/oidc/start', async (c) => {
    const { saved, url } = await startAuthorization(await configuration(), redirectUri);
    saveSsoState(c, deps.keyring.indexKey, secure, saved);
    return c.redirect(url, 302);
  });

  app.get('/sso/oidc/callback', async (c) => {
    const saved = takeSsoState(c, deps.keyring.indexKey, secure);
    if (!saved) return refuseSignIn(c);
    const config = await configuration();
    let claims: Record<string, unknown>;
    try {
      claims = await finishAuthorization(config, new URL(`${redirectUri}${new URL(c.req.url).search}`), saved);
    } catch {
      return refuseSignIn(c);
    }
    const names = { email: 'email', name: 'name', roles: cfg.rolesClaim };
    return completeSignIn(c, deps, identityFromAttributes('oidc', String(claims.sub ?? ''), claims, names, sso.roleMap));
  });

  return app;
}

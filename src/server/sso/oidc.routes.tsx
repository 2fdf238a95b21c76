import { Hono } from 'hono';
import type { Deps } from '../bootstrap.js';
import type { AppEnv } from '../http/env.js';
import type { SsoConfig } from './sso.config.js';
import { takeSsoState } from './sso-state.js';
import { completeSignIn, refuseSignIn } from './sso-complete.js';
import { identityFromAttributes } from './sso-identity.js';
import { finishAuthorization } from './oidc-client.js';
import { oidcConfiguration, oidcRedirectUri, oidcStarter, ssoSiteUrl } from './sso-start.js';

/** OpenID Connect (authorization code + PKCE, acr_values REFEDS MFA) for staff, e.g. SURFconext. */
export function oidcRoutes(deps: Deps, sso: SsoConfig) {
  const app = new Hono<AppEnv>();
  const cfg = sso.oidc;
  const configuration = oidcConfiguration(sso);
  const start = oidcStarter(deps, sso, configuration);
  if (!cfg || !configuration || !start) return app;

  app.get('/sso/oidc/start', (c) => start(c));

  app.get('/sso/oidc/callback', async (c) => {
    const saved = takeSsoState(c, deps.keyring.indexKey, deps.config.secureCookies);
    if (!saved) return refuseSignIn(c);
    let result;
    try {
      result = await finishAuthorization(
        await configuration(),
        new URL(`${oidcRedirectUri(ssoSiteUrl(c, deps, sso))}${new URL(c.req.url).search}`),
        saved,
      );
    } catch {
      return refuseSignIn(c);
    }
    const names = { email: 'email', name: 'name', roles: cfg.rolesClaim };
    return completeSignIn(
      c,
      deps,
      identityFromAttributes(
        'oidc',
        String(result.claims.sub ?? ''),
        result.claims,
        names,
        sso.roleMap,
        result.mfa,
      ),
      saved.link,
    );
  });

  return app;
}

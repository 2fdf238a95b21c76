import { Hono } from 'hono';
import type { Deps } from '../bootstrap.js';
import type { AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { takeSsoState } from './sso-state.js';
import { completeSignIn, refuseSignIn } from './sso-complete.js';
import { identityFromAttributes } from './sso-identity.js';
import { finishAuthorization } from './oidc-client.js';
import { oidcRedirectUri, startOidc } from './sso-start.js';
import type { SsoDirectory } from './sso-directory.js';

/**
 * OpenID Connect (authorization code + PKCE, acr_values REFEDS MFA) for staff, e.g. SURFconext,
 * with the provider of the request's institution (decision 038). The answer counts only on the
 * institution that asked for it (named in the signed state cookie).
 */
export function oidcRoutes(deps: Deps, directory: SsoDirectory) {
  const app = new Hono<AppEnv>();

  app.get('/sso/oidc/start', async (c) => {
    const sso = await directory.forRequest(c);
    if (!sso?.config.oidc) throw new AppError('NOT_FOUND');
    return startOidc(deps, sso, c);
  });

  app.get('/sso/oidc/callback', async (c) => {
    const saved = takeSsoState(c, deps.keyring.indexKey, deps.config.secureCookies);
    const sso = await directory.forRequest(c);
    const cfg = sso?.config.oidc;
    if (!saved || !sso || !cfg || !sso.oidcConfiguration) return refuseSignIn(c);
    if (saved.institution !== sso.institution.id) return refuseSignIn(c);
    let result;
    try {
      result = await finishAuthorization(
        await sso.oidcConfiguration(),
        new URL(`${oidcRedirectUri(sso.config)}${new URL(c.req.url).search}`),
        saved,
      );
    } catch {
      return refuseSignIn(c);
    }
    const names = { email: 'email', name: 'name', roles: cfg.rolesClaim };
    const subject = String(result.claims.sub ?? '');
    return completeSignIn(
      c,
      deps,
      sso.institution.id,
      identityFromAttributes(
        'oidc',
        subject && `${sso.subjectPrefix}${subject}`,
        result.claims,
        names,
        sso.config.roleMap,
        result.mfa,
      ),
      saved.link,
    );
  });

  return app;
}

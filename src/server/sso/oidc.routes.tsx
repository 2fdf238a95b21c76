import { Hono } from 'hono';
import * as oidc from 'openid-client';
import type { Deps } from '../bootstrap.js';
import type { AppEnv } from '../http/env.js';
import type { SsoConfig } from './sso.config.js';
import { saveSsoState, takeSsoState } from './sso-state.js';
import { completeSignIn, refuseSignIn } from './sso-complete.js';
import { identityFromAttributes } from './sso-identity.js';

/** OpenID Connect (authorization code + PKCE) for staff, e.g. SURFconext. */
export function oidcRoutes(deps: Deps, sso: SsoConfig) {
  const app = new Hono<AppEnv>();
  const cfg = sso.oidc;
  if (!cfg) return app;
  const secure = deps.config.secureCookies;
  const redirectUri = `${sso.baseUrl}/sso/oidc/callback`;
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = () =>
    (discovered ??= oidc
      .discovery(new URL(cfg.issuer), cfg.clientId, cfg.clientSecret, undefined, cfg.allowHttp ? { execute: [oidc.allowInsecureRequests] } : undefined)
      .catch((err: unknown) => {
        discovered = undefined;
        throw err;
      }));

  app.get('/sso/oidc/start', async (c) => {
    const config = await configuration();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    saveSsoState(c, deps.keyring.indexKey, secure, { verifier, state, nonce });
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri, scope: 'openid email profile', state, nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    });
    return c.redirect(url.href, 302);
  });

  app.get('/sso/oidc/callback', async (c) => {
    const saved = takeSsoState(c, deps.keyring.indexKey, secure);
    if (!saved) return refuseSignIn(c);
    const config = await configuration();
    const callbackUrl = new URL(`${redirectUri}${new URL(c.req.url).search}`);
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: saved.verifier, expectedState: saved.state, expectedNonce: saved.nonce });
      const idClaims = tokens.claims()!;
      const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      claims = { ...idClaims, ...info };
    } catch {
      return refuseSignIn(c);
    }
    const names = { email: 'email', name: 'name', roles: cfg.rolesClaim };
    return completeSignIn(c, deps, identityFromAttributes('oidc', String(claims.sub ?? ''), claims, names, sso.roleMap));
  });

  return app;
}

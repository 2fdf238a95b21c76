import { Hono } from 'hono';
import * as oidc from 'openid-client';
import type { Deps } from '../bootstrap.js';
import { viewContext, type AppEnv } from '../http/env.js';
import { setStrictCookie } from '../http/cookies.js';
import { MessagePage } from '../auth/auth.views.js';
import { SESSION_ABSOLUTE_HOURS } from '../auth/auth.service.js';
import { SESSION_COOKIE } from '../auth/auth.routes.js';
import { mapRoles, type SsoConfig } from './sso.config.js';
import { signInWithIdentity } from './sso.service.js';
import { saveSsoState, takeSsoState } from './sso-state.js';
import { SignedInPage } from './sso.views.js';

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
    const ctx = viewContext(c);
    const saved = takeSsoState(c, deps.keyring.indexKey, secure);
    const refused = () => {
      c.status(403);
      return c.html(<MessagePage ctx={ctx} title={ctx.t('sso.title')} message={ctx.t('sso.refused')} />);
    };
    if (!saved) return refused();
    const config = await configuration();
    const current = new URL(c.req.url);
    const callbackUrl = new URL(`${redirectUri}${current.search}`);
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: saved.verifier, expectedState: saved.state, expectedNonce: saved.nonce });
      const idClaims = tokens.claims()!;
      const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      claims = { ...idClaims, ...info };
    } catch {
      return refused();
    }
    const raw = claims[cfg.rolesClaim];
    const values = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(/[\s,]+/) : [];
    const email = typeof claims.email === 'string' ? claims.email : undefined;
    if (!email) return refused();
    const token = await signInWithIdentity(deps.db, {
      provider: 'oidc', subject: String(claims.sub), email,
      displayName: typeof claims.name === 'string' ? claims.name : email,
      grants: mapRoles(values, sso.roleMap),
    });
    if (!token) return refused();
    setStrictCookie(c, SESSION_COOKIE, token, secure, SESSION_ABSOLUTE_HOURS * 3600);
    return c.html(<SignedInPage ctx={ctx} />);
  });

  return app;
}

import * as oidc from 'openid-client';
import type { OidcConfig } from './sso.config.js';
import { isOidcMfa, REFEDS_MFA } from './sso-identity.js';

/** The provider's configuration, discovered once (and again after a failed attempt). */
export function oidcDiscovery(cfg: OidcConfig): () => Promise<oidc.Configuration> {
  let discovered: Promise<oidc.Configuration> | undefined;
  return () =>
    (discovered ??= oidc
      .discovery(
        new URL(cfg.issuer),
        cfg.clientId,
        cfg.clientSecret,
        undefined,
        cfg.allowHttp ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((err: unknown) => {
        discovered = undefined;
        throw err;
      }));
}

/** Starts an authorization-code + PKCE request (staff ask for multi-factor, decision 024): the state to keep and the URL to send the browser to. */
export async function startAuthorization(
  config: oidc.Configuration,
  redirectUri: string,
  opts: { askMfa?: boolean } = {},
) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    state,
    nonce,
    ...(opts.askMfa ? { acr_values: REFEDS_MFA } : {}),
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  return { saved: { verifier, state, nonce }, url: url.href };
}

/**
 * Redeems the code of a callback: the ID token's claims merged with userinfo, and whether the
 * ID token itself (never userinfo) says multi-factor. Throws when anything does not verify.
 */
export async function finishAuthorization(
  config: oidc.Configuration,
  callbackUrl: URL,
  saved: Record<string, string>,
) {
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: saved.verifier,
    expectedState: saved.state,
    expectedNonce: saved.nonce,
  });
  const idClaims = tokens.claims()!;
  const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
  return { claims: { ...idClaims, ...info } as Record<string, unknown>, mfa: isOidcMfa(idClaims) };
}

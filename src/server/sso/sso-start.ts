import { institutionBaseUrl } from '../tenancy/institution-url.js';
import type { Context } from 'hono';
import { SAML, ValidateInResponseTo, type CacheProvider } from '@node-saml/node-saml';
import type { Deps } from '../bootstrap.js';
import type { AppEnv } from '../http/env.js';
import type { SamlConfig, SsoConfig } from './sso.config.js';
import { saveSsoState } from './sso-state.js';
import { oidcDiscovery, startAuthorization } from './oidc-client.js';
import { REFEDS_MFA } from './sso-identity.js';

/** Sends the browser to the IdP; `extra` travels in the signed state cookie (e.g. the account to link). */
export type SsoStart = (c: Context<AppEnv>, extra?: Record<string, string>) => Promise<Response>;

/**
 * The address the IdP sends the browser back to: the request's institution's own site (its host,
 * or its path prefix; decision 039), so that the state cookie set at the start comes along.
 * Single mode: the base URL as before. Each institution's address is registered at the IdP.
 */
export const ssoSiteUrl = (c: Context<AppEnv>, deps: Deps, sso: SsoConfig) =>
  institutionBaseUrl({ baseUrl: sso.baseUrl, tenancy: deps.config.tenancy }, c.get('institution'));
export const oidcRedirectUri = (site: string) => `${site}/sso/oidc/callback`;
export const samlAcsUrl = (site: string) => `${site}/sso/saml/acs`;

/** The provider's discovered configuration, shared by the start and the callback. */
export function oidcConfiguration(sso: SsoConfig) {
  return sso.oidc ? oidcDiscovery(sso.oidc) : undefined;
}

export function oidcStarter(
  deps: Deps,
  sso: SsoConfig,
  configuration = oidcConfiguration(sso),
): SsoStart | undefined {
  if (!configuration) return undefined;
  return async (c, extra = {}) => {
    const { saved, url } = await startAuthorization(
      await configuration(),
      oidcRedirectUri(ssoSiteUrl(c, deps, sso)),
      {
        askMfa: true,
      },
    );
    saveSsoState(c, deps.keyring.indexKey, deps.config.secureCookies, { ...saved, ...extra });
    return c.redirect(url, 302);
  };
}

export function samlStarter(deps: Deps, sso: SsoConfig): SsoStart | undefined {
  const cfg = sso.saml;
  if (!cfg) return undefined;
  return async (c, extra = {}) => {
    const request: Record<string, string> = {};
    const saml = createSaml(cfg, samlAcsUrl(ssoSiteUrl(c, deps, sso)), {
      saveAsync: async (key, value) => {
        Object.assign(request, { requestId: key, issuedAt: value });
        return { value, createdAt: Date.now() };
      },
      getAsync: async () => null,
      removeAsync: async () => null,
    });
    const url = await saml.getAuthorizeUrlAsync('', undefined, {});
    saveSsoState(
      c,
      deps.keyring.indexKey,
      deps.config.secureCookies,
      { ...request, ...extra },
      true,
    );
    return c.redirect(url, 302);
  };
}

/** node-saml for our SP; the AuthnRequest asks for REFEDS MFA (the IdP may still answer without it). */
export function createSaml(cfg: SamlConfig, acsUrl: string, cacheProvider?: CacheProvider): SAML {
  return new SAML({
    callbackUrl: acsUrl,
    entryPoint: cfg.entryPoint,
    issuer: cfg.entityId,
    audience: cfg.entityId,
    idpCert: cfg.idpCert,
    idpIssuer: cfg.idpIssuer,
    identifierFormat: null,
    disableRequestedAuthnContext: false,
    authnContext: [REFEDS_MFA],
    racComparison: 'exact',
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: 10 * 60_000,
    ...(cacheProvider ? { cacheProvider } : {}),
    // With our key pair the HTTP-Redirect request carries SigAlg and Signature (RSA-SHA256).
    ...(cfg.signing ? { privateKey: cfg.signing.key, signatureAlgorithm: 'sha256' as const } : {}),
  });
}

import { institutionBaseUrl } from '../tenancy/institution-url.js';
import type { Context } from 'hono';
import { SAML, ValidateInResponseTo, type CacheProvider } from '@node-saml/node-saml';
import type { Deps } from '../bootstrap.js';
import type { AppEnv } from '../http/env.js';
import type { SamlConfig, SsoConfig } from './sso.config.js';
import { saveSsoState } from './sso-state.js';
import { startAuthorization } from './oidc-client.js';
import { AppError } from '../http/errors.js';
import type { InstitutionSso } from './sso-directory.js';
import { REFEDS_MFA } from './sso-identity.js';

/**
 * The request's institution's own site (its host, or its path prefix; decision 039): where the
 * reporter's verification through the installation's IdP answers, so that its cookie comes along.
 */
export const ssoSiteUrl = (c: Context<AppEnv>, deps: Deps, sso: SsoConfig) =>
  institutionBaseUrl({ baseUrl: sso.baseUrl, tenancy: deps.config.tenancy }, c.get('institution'));

/** Where the IdP answers: on the institution's own address (`baseUrl`). */
export const oidcRedirectUri = (sso: SsoConfig) => `${sso.baseUrl}/sso/oidc/callback`;
export const samlAcsUrl = (sso: SsoConfig) => `${sso.baseUrl}/sso/saml/acs`;

/**
 * Sends the browser to the OIDC provider of the request's institution (`sso`); `extra` travels in
 * the signed state cookie (e.g. the account to link), with the institution.
 */
export async function startOidc(
  deps: Deps,
  sso: InstitutionSso,
  c: Context<AppEnv>,
  extra: Record<string, string> = {},
): Promise<Response> {
  if (!sso.oidcConfiguration) throw new AppError('NOT_FOUND');
  const { saved, url } = await startAuthorization(
    await sso.oidcConfiguration(),
    oidcRedirectUri(sso.config),
    { askMfa: true },
  );
  saveSsoState(c, deps.keyring.indexKey, deps.config.secureCookies, {
    ...saved,
    ...extra,
    institution: sso.institution.id,
  });
  return c.redirect(url, 302);
}

/** Sends the browser to the SAML IdP of the request's institution (`sso`). */
export async function startSaml(
  deps: Deps,
  sso: InstitutionSso,
  c: Context<AppEnv>,
  extra: Record<string, string> = {},
): Promise<Response> {
  const cfg = sso.config.saml;
  if (!cfg) throw new AppError('NOT_FOUND');
  const request: Record<string, string> = {};
  const saml = createSaml(cfg, samlAcsUrl(sso.config), {
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
    { ...request, ...extra, institution: sso.institution.id },
    true,
  );
  return c.redirect(url, 302);
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

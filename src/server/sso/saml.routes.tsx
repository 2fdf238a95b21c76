import { Hono } from 'hono';
import { SAML, ValidateInResponseTo, type CacheProvider } from '@node-saml/node-saml';
import type { Deps } from '../bootstrap.js';
import type { AppEnv } from '../http/env.js';
import type { SamlConfig, SsoConfig } from './sso.config.js';
import { saveSsoState, takeSsoState } from './sso-state.js';
import { completeSignIn, refuseSignIn } from './sso-complete.js';
import { identityFromAttributes } from './sso-identity.js';

/**
 * SAML 2.0 Web SSO for staff (e.g. SURFconext): an AuthnRequest over HTTP-Redirect (signed when
 * MELDPUNT_SAML_SP_KEY/_CERT are set; the certificate is then in our metadata), the signed
 * answer posted to /sso/saml/acs. The request id travels in the signed state cookie of this
 * browser only, so an assertion is accepted once, by the browser that asked for it.
 */
export function samlRoutes(deps: Deps, sso: SsoConfig) {
  const app = new Hono<AppEnv>();
  const cfg = sso.saml;
  if (!cfg) return app;
  const secure = deps.config.secureCookies;
  const acsUrl = `${sso.baseUrl}/sso/saml/acs`;

  app.get('/sso/saml/start', async (c) => {
    const request: Record<string, string> = {};
    const saml = createSaml(cfg, acsUrl, {
      saveAsync: async (key, value) => {
        Object.assign(request, { requestId: key, issuedAt: value });
        return { value, createdAt: Date.now() };
      },
      getAsync: async () => null,
      removeAsync: async () => null,
    });
    const url = await saml.getAuthorizeUrlAsync('', undefined, {});
    saveSsoState(c, deps.keyring.indexKey, secure, request, true);
    return c.redirect(url, 302);
  });

  app.post('/sso/saml/acs', async (c) => {
    const saved = takeSsoState(c, deps.keyring.indexKey, secure);
    const body = await c.req.parseBody();
    if (!saved?.requestId || typeof body.SAMLResponse !== 'string') return refuseSignIn(c);
    const saml = createSaml(cfg, acsUrl, {
      saveAsync: async () => null,
      getAsync: async (key) => (key === saved.requestId ? saved.issuedAt! : null),
      removeAsync: async () => null,
    });
    let profile;
    try {
      ({ profile } = await saml.validatePostResponseAsync({ SAMLResponse: body.SAMLResponse }));
    } catch {
      return refuseSignIn(c);
    }
    if (!profile || profile.inResponseTo !== saved.requestId) return refuseSignIn(c);
    const names = { email: cfg.emailAttribute, name: cfg.nameAttribute, roles: cfg.rolesAttribute };
    return completeSignIn(c, deps, identityFromAttributes('saml', profile.nameID, (profile.attributes ?? {}) as Record<string, unknown>, names, sso.roleMap));
  });

  app.get('/sso/saml/metadata', (c) => {
    const xml = createSaml(cfg, acsUrl).generateServiceProviderMetadata(null, cfg.signing?.cert ?? null);
    return c.body(xml, 200, { 'Content-Type': 'application/samlmetadata+xml; charset=utf-8' });
  });

  return app;
}

function createSaml(cfg: SamlConfig, acsUrl: string, cacheProvider?: CacheProvider): SAML {
  return new SAML({
    callbackUrl: acsUrl,
    entryPoint: cfg.entryPoint,
    issuer: cfg.entityId,
    audience: cfg.entityId,
    idpCert: cfg.idpCert,
    idpIssuer: cfg.idpIssuer,
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: 10 * 60_000,
    ...(cacheProvider ? { cacheProvider } : {}),
    // With our key pair the HTTP-Redirect request carries SigAlg and Signature (RSA-SHA256).
    ...(cfg.signing ? { privateKey: cfg.signing.key, signatureAlgorithm: 'sha256' as const } : {}),
  });
}

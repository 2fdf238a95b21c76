import { Hono } from 'hono';
import type { Deps } from '../bootstrap.js';
import type { AppEnv } from '../http/env.js';
import type { SsoConfig } from './sso.config.js';
import { takeSsoState } from './sso-state.js';
import { completeSignIn, refuseSignIn } from './sso-complete.js';
import { identityFromAttributes, isSamlMfa } from './sso-identity.js';
import { createSaml, samlAcsUrl, samlStarter, ssoSiteUrl } from './sso-start.js';

/**
 * SAML 2.0 Web SSO for staff (e.g. SURFconext): an AuthnRequest over HTTP-Redirect (signed when
 * MELDPUNT_SAML_SP_KEY/_CERT are set; the certificate is then in our metadata), the signed
 * answer posted to /sso/saml/acs. The request id travels in the signed state cookie of this
 * browser only, so an assertion is accepted once, by the browser that asked for it. The request
 * asks for REFEDS MFA; the assertion counts as multi-factor only when its AuthnContextClassRef says so.
 */
export function samlRoutes(deps: Deps, sso: SsoConfig) {
  const app = new Hono<AppEnv>();
  const cfg = sso.saml;
  if (!cfg) return app;
  const secure = deps.config.secureCookies;
  const start = samlStarter(deps, sso)!;

  app.get('/sso/saml/start', (c) => start(c));

  app.post('/sso/saml/acs', async (c) => {
    const saved = takeSsoState(c, deps.keyring.indexKey, secure);
    const body = await c.req.parseBody();
    if (!saved?.requestId || typeof body.SAMLResponse !== 'string') return refuseSignIn(c);
    const saml = createSaml(cfg, samlAcsUrl(ssoSiteUrl(c, deps, sso)), {
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
    const mfa = isSamlMfa(profile.getAssertionXml?.());
    return completeSignIn(
      c,
      deps,
      identityFromAttributes(
        'saml',
        profile.nameID,
        (profile.attributes ?? {}) as Record<string, unknown>,
        names,
        sso.roleMap,
        mfa,
      ),
      saved.link,
    );
  });

  app.get('/sso/saml/metadata', (c) => {
    const xml = createSaml(
      cfg,
      samlAcsUrl(ssoSiteUrl(c, deps, sso)),
    ).generateServiceProviderMetadata(null, cfg.signing?.cert ?? null);
    return c.body(xml, 200, { 'Content-Type': 'application/samlmetadata+xml; charset=utf-8' });
  });

  return app;
}

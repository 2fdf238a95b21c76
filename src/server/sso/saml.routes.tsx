import { Hono } from 'hono';
import type { Deps } from '../bootstrap.js';
import type { AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { takeSsoState } from './sso-state.js';
import { completeSignIn, refuseSignIn } from './sso-complete.js';
import { identityFromAttributes, isSamlMfa } from './sso-identity.js';
import { createSaml, samlAcsUrl, startSaml } from './sso-start.js';
import type { SsoDirectory } from './sso-directory.js';

/**
 * SAML 2.0 Web SSO for staff (e.g. SURFconext), with the IdP of the request's institution
 * (decision 038): an AuthnRequest over HTTP-Redirect (signed when MELDPUNT_SAML_SP_KEY/_CERT are
 * set; the certificate is then in our metadata), the signed answer posted to /sso/saml/acs on the
 * institution's host. The request id travels in the signed state cookie of this browser only, so
 * an assertion is accepted once, by the browser that asked for it. The request asks for REFEDS
 * MFA; the assertion counts as multi-factor only when its AuthnContextClassRef says so.
 */
export function samlRoutes(deps: Deps, directory: SsoDirectory) {
  const app = new Hono<AppEnv>();
  const secure = deps.config.secureCookies;

  app.get('/sso/saml/start', async (c) => {
    const sso = await directory.forRequest(c);
    if (!sso?.config.saml) throw new AppError('NOT_FOUND');
    return startSaml(deps, sso, c);
  });

  app.post('/sso/saml/acs', async (c) => {
    const saved = takeSsoState(c, deps.keyring.indexKey, secure);
    const body = await c.req.parseBody();
    const sso = await directory.forRequest(c);
    const cfg = sso?.config.saml;
    if (!sso || !cfg || !saved?.requestId || typeof body.SAMLResponse !== 'string')
      return refuseSignIn(c);
    if (saved.institution !== sso.institution.id) return refuseSignIn(c);
    const saml = createSaml(cfg, samlAcsUrl(sso.config), {
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
      sso.institution.id,
      identityFromAttributes(
        'saml',
        profile.nameID && `${sso.subjectPrefix}${profile.nameID}`,
        (profile.attributes ?? {}) as Record<string, unknown>,
        names,
        sso.config.roleMap,
        mfa,
      ),
      saved.link,
    );
  });

  app.get('/sso/saml/metadata', async (c) => {
    const sso = await directory.forRequest(c);
    const cfg = sso?.config.saml;
    if (!sso || !cfg) throw new AppError('NOT_FOUND');
    const xml = createSaml(cfg, samlAcsUrl(sso.config)).generateServiceProviderMetadata(
      null,
      cfg.signing?.cert ?? null,
    );
    return c.body(xml, 200, { 'Content-Type': 'application/samlmetadata+xml; charset=utf-8' });
  });

  return app;
}

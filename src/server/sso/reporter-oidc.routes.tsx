import { ssoSiteUrl } from './sso-start.js';
import { Hono } from 'hono';
import type { Deps } from '../bootstrap.js';
import { viewContext, type AppEnv } from '../http/env.js';
import type { SsoConfig } from './sso.config.js';
import { REPORTER_CALLBACK_PATH, REPORTER_COOKIE, takeSsoState } from './sso-state.js';
import { finishAuthorization, oidcDiscovery } from './oidc-client.js';
import { readValues } from './sso-identity.js';
import { attachVerifiedIdentity } from '../intake/reporter-verify.service.js';
import { ReporterReturnPage } from './sso.views.js';

/**
 * The IdP's answer to a reporter's verification (issue 9). Creates no session and no account:
 * the verified name and e-mail join the reporter's parked draft, and the page leads back to
 * the intake (a same-site navigation, so the browser's strict cookies come along again).
 * Succeeded or not, the reporter returns to their answers.
 */
export function reporterOidcRoutes(deps: Deps, sso: SsoConfig) {
  const app = new Hono<AppEnv>();
  const cfg = sso.oidc;
  if (!cfg) return app;
  const configuration = oidcDiscovery(cfg);

  app.get(REPORTER_CALLBACK_PATH, async (c) => {
    const saved = takeSsoState(
      c,
      deps.keyring.indexKey,
      deps.config.secureCookies,
      REPORTER_COOKIE,
    );
    if (saved?.token) {
      try {
        const { claims } = await finishAuthorization(
          await configuration(),
          new URL(
            `${ssoSiteUrl(c, deps, sso)}${REPORTER_CALLBACK_PATH}${new URL(c.req.url).search}`,
          ),
          saved,
        );
        const email = readValues(claims.email)[0];
        const name =
          typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : email;
        if (email && name)
          await attachVerifiedIdentity(deps.db, deps.keyring, saved.token, {
            name: name.slice(0, 200),
            email: email.slice(0, 200),
            provider: 'oidc',
          });
      } catch {
        // not verified: the reporter returns to their answers without the confirmation
      }
    }
    return c.html(<ReporterReturnPage ctx={viewContext(c)} />);
  });

  return app;
}

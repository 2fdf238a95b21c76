import { Hono } from 'hono';
import type { Deps } from '../bootstrap.js';
import type { AppEnv } from '../http/env.js';
import { readSsoConfig, type SsoConfig } from './sso.config.js';
import { oidcRoutes } from './oidc.routes.js';
import { samlRoutes } from './saml.routes.js';
import { reporterOidcRoutes } from './reporter-oidc.routes.js';

/** Single sign-on for staff; configured from the environment unless a config is given (tests). */
export function ssoRoutes(
  deps: Deps,
  sso: SsoConfig = deps.config.sso ?? readSsoConfig({}, deps.config.baseUrl),
) {
  const app = new Hono<AppEnv>();
  app.route('/', oidcRoutes(deps, sso));
  app.route('/', samlRoutes(deps, sso));
  app.route('/', reporterOidcRoutes(deps, sso)); // a reporter's optional verification (no session)
  return app;
}

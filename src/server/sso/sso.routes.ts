import { Hono } from 'hono';
import type { Deps } from '../bootstrap.js';
import type { AppEnv } from '../http/env.js';
import type { SsoConfig } from './sso.config.js';
import { oidcRoutes } from './oidc.routes.js';
import { samlRoutes } from './saml.routes.js';
import { reporterOidcRoutes } from './reporter-oidc.routes.js';
import type { SsoDirectory } from './sso-directory.js';

/** Single sign-on for staff with each institution's IdP; a reporter's verification with the installation's. */
export function ssoRoutes(deps: Deps, directory: SsoDirectory, installation: SsoConfig) {
  const app = new Hono<AppEnv>();
  app.route('/', oidcRoutes(deps, directory));
  app.route('/', samlRoutes(deps, directory));
  app.route('/', reporterOidcRoutes(deps, installation)); // a reporter's optional verification (no session)
  return app;
}

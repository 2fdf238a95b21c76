import { Hono } from 'hono';
import type { Deps } from '../bootstrap.js';
import { viewContext, type AppEnv } from '../http/env.js';
import { institutionBaseUrl } from '../tenancy/institution-url.js';
import { listSignInChoices } from '../institution-settings/institution-sign-in.service.js';
import { ContinueToInstitutionPage } from './sso.views.js';

/**
 * "Kies je instelling / Choose your institution" (decision 038): the login page's plain GET form
 * on the platform host leads here, and from here to the chosen institution's IdP, started on the
 * institution's own host (its cookie and session belong there).
 */
export function institutionChoiceRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/login/institution', async (c) => {
    const key = c.req.query('institution') ?? '';
    const choice = c.get('platformHost')
      ? (await listSignInChoices(deps.db)).find((i) => i.key === key)
      : undefined;
    if (!choice) return c.redirect('/login', 303);
    const url = `${institutionBaseUrl(deps.config, choice)}/sso/${choice.kind}/start`;
    return c.html(<ContinueToInstitutionPage ctx={viewContext(c)} name={choice.name} url={url} />);
  });
  return app;
}

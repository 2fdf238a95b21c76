import { Hono } from 'hono';
import type { Deps } from '../bootstrap.js';
import { viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { inboxTeamIds } from './cases.policy.js';
import { listInbox, openCase } from './cases.service.js';
import { CasePage, InboxPage } from './cases.views.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Staff routes for case handling; app.ts mounts them behind requireUser. */
export function caseRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.get('/cases', async (c) => {
    const user = c.get('user')!;
    const entries = await listInbox(deps.db, user, {});
    return c.html(<InboxPage ctx={viewContext(c)} entries={entries} hasTeams={inboxTeamIds(user.memberships).length > 0} />);
  });

  app.get('/cases/:id', async (c) => {
    const id = c.req.param('id');
    if (!UUID.test(id)) throw new AppError('NOT_FOUND');
    const view = await openCase(deps.db, deps.keyring, c.get('user')!, id);
    return c.html(<CasePage ctx={viewContext(c)} view={view} />);
  });

  return app;
}

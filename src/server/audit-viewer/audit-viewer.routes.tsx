import { Hono } from 'hono';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import { assertRouteAllowed } from '../access/route-guard.js';
import { viewTeamAudit } from '../audit/audit-viewer.service.js';
import { AuditPage } from './audit-viewer.views.js';

/** GET /audit: the coordinator's audit trail viewer for the team's cases. */
export function auditRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/audit', async (c) => {
    assertRouteAllowed(c);
    const raw = c.req.query('case')?.trim();
    const caseId = raw && /^[0-9a-f-]{36}$/.test(raw) ? raw : undefined;
    const view = await viewTeamAudit(deps.db, signedInUser(c), caseId);
    return c.html(<AuditPage ctx={viewContext(c)} view={view} caseId={caseId} />);
  });
  return app;
}

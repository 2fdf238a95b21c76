import { Hono } from 'hono';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import { assertRouteAllowed } from '../access/route-guard.js';
import { checkAuditChain, parseAuditQuery, viewTeamAudit } from './audit-viewer.service.js';
import { AuditChainPage, AuditPage } from './audit.views.js';

/**
 * GET /audit: the coordinator's audit trail of the team's cases, filtered and in pages (a GET
 * form, no script). GET /audit/chain: the check of the hash chain, in words.
 */
export function auditRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/audit', async (c) => {
    assertRouteAllowed(c);
    const t = c.get('t');
    const { query, errors, rawDates } = parseAuditQuery((name) => c.req.query(name));
    const view = await viewTeamAudit(deps.db, signedInUser(c), query);
    const fieldErrors = Object.fromEntries(
      Object.entries(errors).map(([name, key]) => [name, t(key)]),
    );
    return c.html(
      <AuditPage
        ctx={viewContext(c)}
        view={view}
        query={query}
        errors={fieldErrors}
        rawDates={rawDates}
      />,
    );
  });
  app.get('/audit/chain', async (c) => {
    assertRouteAllowed(c);
    const check = await checkAuditChain(deps.db);
    return c.html(<AuditChainPage ctx={viewContext(c)} check={check} />);
  });
  return app;
}

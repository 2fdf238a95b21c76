import { Hono } from 'hono';
import type { Deps } from '../bootstrap.js';
import type { AppEnv } from '../http/env.js';
import { riskRoutes } from './risk.routes.js';
import { planRoutes } from '../plans/plans.routes.js';
import { escalationRoutes } from '../escalation/escalation.routes.js';
import { referralRoutes } from '../referrals/referrals.routes.js';
import { policeRoutes } from '../police/police.routes.js';
import { threatRoutes } from '../threats/threats.routes.js';
import { expertRoutes } from '../expert/expert.routes.js';
import { mdoRoutes } from '../mdo/mdo.routes.js';
import { boardRoutes } from '../escalation/board.routes.js';

/**
 * Issue 5's routes in one place for app.tsx: on a case (/cases/:id/risk, plan, escalation,
 * referrals, police, threats, consultations, mdo — behind requireUser) and the pages that are
 * not a case (/threat-log/:id, /consultations, /mdo — each checks the signed-in user itself).
 */
export function safetyWorkRoutes(deps: Deps, today: () => string) {
  const app = new Hono<AppEnv>();
  for (const routes of [
    riskRoutes(deps, today),
    planRoutes(deps),
    escalationRoutes(deps),
    referralRoutes(deps),
    policeRoutes(deps),
    threatRoutes(deps, today),
    expertRoutes(deps),
    mdoRoutes(deps),
    boardRoutes(deps),
  ]) {
    app.route('/', routes);
  }
  return app;
}

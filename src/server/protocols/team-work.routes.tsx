import { Hono } from 'hono';
import type { Deps } from '../bootstrap.js';
import { viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { Layout } from '../../ui/layout.js';
import { protocolCaseRoutes } from './protocols.routes.js';
import { protocolAdminRoutes } from './protocol-admin.routes.js';
import { protocolTeamIds } from './protocols.policy.js';
import { safetyPlanRoutes } from '../safety-plan/safety-plan.routes.js';
import { urgentRoutes } from '../urgent/urgent.routes.js';
import { onCallTeamIds } from '../urgent/urgent.policy.js';
import { activityRoutes } from '../activities/activities.routes.js';
import { activityTeamIds } from '../activities/activities.policy.js';
import { objectiveRoutes } from '../objectives/objectives.routes.js';
import { objectiveTeamIds } from '../objectives/objectives.policy.js';
import { teamsWithRole } from '../../domain/roles.js';
import { PRIVACY_ROLES } from '../privacy/privacy.policy.js';

/**
 * Issue 11's routes in one place for app.tsx: on a case (/cases/:id/protocols, safety-plan,
 * urgent — behind requireUser) and the team's own pages under /team and /urgent (each checks
 * the signed-in user and their roles itself).
 */
export function teamWorkRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/team', (c) => {
    const user = c.get('user');
    if (!user) throw new AppError('UNAUTHENTICATED');
    const m = user.memberships;
    const links = [
      ['/team/activities', 'teamwork.link.activities', activityTeamIds(m)],
      ['/team/objectives', 'teamwork.link.objectives', objectiveTeamIds(m)],
      ['/team/on-call', 'teamwork.link.onCall', onCallTeamIds(m)],
      ['/team/protocols', 'teamwork.link.protocols', protocolTeamIds(m)],
      ['/team/privacy', 'teamwork.link.privacy', teamsWithRole(m, PRIVACY_ROLES)],
      ['/team/breaches', 'teamwork.link.breaches', teamsWithRole(m, PRIVACY_ROLES)],
    ] as const;
    const visible = links.filter(([, , teams]) => teams.length > 0);
    if (visible.length === 0) throw new AppError('FORBIDDEN');
    const ctx = viewContext(c);
    return c.html(
      <Layout ctx={ctx} title={ctx.t('teamwork.title')}>
        <h1 class="utrecht-heading-1">{ctx.t('teamwork.title')}</h1>
        <ul>
          {visible.map(([href, key]) => (
            <li>
              <a href={href}>{ctx.t(key)}</a>
            </li>
          ))}
        </ul>
      </Layout>,
    );
  });
  for (const routes of [
    protocolCaseRoutes(deps),
    safetyPlanRoutes(deps),
    urgentRoutes(deps),
    protocolAdminRoutes(deps),
    activityRoutes(deps),
    objectiveRoutes(deps),
  ]) {
    app.route('/', routes);
  }
  return app;
}

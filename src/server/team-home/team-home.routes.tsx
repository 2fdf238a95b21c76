import { Hono } from 'hono';
import { viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { Layout } from '../../ui/layout.js';
import { protocolTeamIds } from '../protocols/protocols.policy.js';
import { onCallTeamIds } from '../urgent/urgent.policy.js';
import { activityTeamIds } from '../activities/activities.policy.js';
import { objectiveTeamIds } from '../objectives/objectives.policy.js';
import { teamsWithRole } from '../../domain/roles.js';
import { PRIVACY_ROLES } from '../privacy/privacy.policy.js';

/**
 * GET /team: the team's start page, a link to each of the team's own pages (activities,
 * objectives, on-call rota, protocols, privacy, breaches) the signed-in user's roles open.
 */
export function teamHomeRoutes() {
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
  return app;
}

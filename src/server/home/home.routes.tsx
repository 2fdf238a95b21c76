import { Hono } from 'hono';
import type { Deps } from '../bootstrap.js';
import { viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { assertRouteAllowed } from '../access/route-guard.js';
import { listTeams } from '../teams/teams.service.js';
import { StartPage } from './home.views.js';

/** GET /start: the landing page of a role without a work list of its own (the ombudsperson), and a map of one's pages for anyone. */
export function homeRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/start', async (c) => {
    assertRouteAllowed(c);
    const user = c.get('user');
    if (!user) throw new AppError('UNAUTHENTICATED');
    const lang = c.get('lang');
    const teams = (await listTeams(deps.db)).filter((tm) =>
      user.memberships.some((m) => m.teamId === tm.id),
    );
    return c.html(
      <StartPage
        ctx={viewContext(c)}
        teams={teams.map((tm) => (lang === 'nl' ? tm.nameNl : tm.nameEn))}
      />,
    );
  });
  return app;
}

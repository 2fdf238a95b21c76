import { Hono } from 'hono';
import type { Deps } from '../bootstrap.js';
import { viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { findTeam } from '../teams/teams.service.js';
import { defaultReportYear, ReportQuery } from '../reports/report-page.schema.js';
import { pickTeamKey, reportTeamKeys } from '../reports/report-page.policy.js';
import type { TeamChoice } from '../reports/reports.views.js';
import { getBoardStatistics } from './statistics.service.js';
import { StatisticsPage } from './statistics.views.js';
import { STATISTICS_ROLES } from './statistics.policy.js';

/** The board's aggregate view (suppressed); coordinators see it too. */
export function statisticsRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.get('/statistics', async (c) => {
    const user = c.get('user');
    if (!user) throw new AppError('UNAUTHENTICATED');
    const allowed = reportTeamKeys(user.memberships, STATISTICS_ROLES);
    const query = ReportQuery.safeParse(c.req.query());
    const teamKey = pickTeamKey(allowed, query.success ? query.data.team : c.req.query('team'));
    if (!teamKey) throw new AppError('FORBIDDEN');
    const year = (query.success ? query.data.year : undefined) ?? defaultReportYear();
    const lang = c.get('lang');
    const teams = (await Promise.all(allowed.map((k) => findTeam(deps.db, k)))).flatMap(
      (tm): TeamChoice[] =>
        tm ? [{ key: tm.key, name: lang === 'en' ? tm.nameEn : tm.nameNl }] : [],
    );
    const stats = await getBoardStatistics(deps.db, {
      teamKey,
      year,
      lang,
      actor: { kind: 'user', userId: user.id },
    });
    return c.html(<StatisticsPage ctx={viewContext(c)} teams={teams} stats={stats} />);
  });

  return app;
}

import { Hono } from 'hono';
import type { Deps } from '../bootstrap.js';
import { viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { toFieldErrors } from '../http/validation.js';
import { findTeam } from '../teams/teams.service.js';
import { getAnnualReport } from './reports.service.js';
import { getReportChapters } from './report-chapters.js';
import { exportAnnualReport, REPORT_CONTENT_TYPES } from './report-export.js';
import { reportExportOptions } from './report-options.js';
import { defaultReportYear, ReportDownloadQuery, ReportQuery } from './report-page.schema.js';
import { pickTeamKey, reportTeamKeys } from './report-page.policy.js';
import { ReportPage, type TeamChoice } from './reports.views.js';

/** The annual report page and its downloads, for the team's advisers and coordinators. */
export function reportRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  const teamChoices = async (keys: string[], lang: 'nl' | 'en'): Promise<TeamChoice[]> => {
    const teams = await Promise.all(keys.map((k) => findTeam(deps.db, k)));
    return teams.flatMap((tm) =>
      tm ? [{ key: tm.key, name: lang === 'en' ? tm.nameEn : tm.nameNl }] : [],
    );
  };

  app.get('/reports/annual', async (c) => {
    const user = c.get('user');
    if (!user) throw new AppError('UNAUTHENTICATED');
    const allowed = reportTeamKeys(user.memberships);
    const query = ReportQuery.safeParse(c.req.query());
    const asked = c.req.query('team');
    const teamKey = pickTeamKey(allowed, query.success ? query.data.team : asked);
    if (!teamKey) throw new AppError('FORBIDDEN');
    const teams = await teamChoices(allowed, c.get('lang'));
    if (!query.success) {
      c.status(422);
      return c.html(
        <ReportPage
          ctx={viewContext(c)}
          teams={teams}
          teamKey={teamKey}
          year={c.req.query('year') ?? ''}
          errors={toFieldErrors(query.error, c.get('t'))}
        />,
      );
    }
    const year = query.data.year ?? defaultReportYear();
    const report = await getAnnualReport(deps.db, {
      teamKey,
      year,
      lang: c.get('lang'),
      actor: { kind: 'user', userId: user.id },
      format: 'web',
    });
    const team = await findTeam(deps.db, teamKey);
    const chapters = team && (await getReportChapters(deps.db, team.id, year, c.get('lang')));
    return c.html(
      <ReportPage
        ctx={viewContext(c)}
        teams={teams}
        teamKey={teamKey}
        year={year}
        report={report}
        chapters={chapters}
      />,
    );
  });

  app.get('/reports/annual/download', async (c) => {
    const user = c.get('user');
    if (!user) throw new AppError('UNAUTHENTICATED');
    const query = ReportDownloadQuery.safeParse(c.req.query());
    if (!query.success) throw new AppError('NOT_FOUND');
    const { team: teamKey, year, format } = query.data;
    if (!pickTeamKey(reportTeamKeys(user.memberships), teamKey)) throw new AppError('FORBIDDEN');
    const team = await findTeam(deps.db, teamKey);
    if (!team) throw new AppError('NOT_FOUND');
    const lang = c.get('lang');
    const report = await getAnnualReport(deps.db, {
      teamKey,
      year,
      lang,
      actor: { kind: 'user', userId: user.id },
      format,
    });
    const bytes = await exportAnnualReport(
      report,
      format,
      await reportExportOptions(deps.db, team, year, lang),
    );
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': REPORT_CONTENT_TYPES[format],
      'Content-Disposition': `attachment; filename="annual-report-${team.key}-${year}.${format}"`,
    });
  });

  return app;
}

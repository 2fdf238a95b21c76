import { Hono } from 'hono';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { defaultReportYear, ReportQuery } from '../reports/report-page.schema.js';
import { getNationalOverview } from './overview.service.js';
import { OverviewPage } from './overview.views.js';

/** GET /platform/overview: the national overview (decision 040); the platform operator only. */
export function overviewRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/platform/overview', async (c) => {
    const user = signedInUser(c);
    if (!user.platformOperator) throw new AppError('FORBIDDEN');
    const query = ReportQuery.safeParse(c.req.query());
    const year = (query.success ? query.data.year : undefined) ?? defaultReportYear();
    const overview = await getNationalOverview(deps.db, {
      year,
      lang: c.get('lang'),
      actor: { kind: 'user', userId: user.id },
    });
    return c.html(<OverviewPage ctx={viewContext(c)} overview={overview} />);
  });
  return app;
}

import { Hono, type Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { noticeOf, noticeRedirect } from '../http/notice.js';
import { formStrings, toFieldErrors } from '../http/validation.js';
import { findTeam } from '../teams/teams.service.js';
import { defaultReportYear, ReportQuery } from '../reports/report-page.schema.js';
import { pickTeamKey, reportTeamKeys } from '../reports/report-page.policy.js';
import type { TeamChoice } from '../reports/reports.views.js';
import type { FieldErrors } from '../../ui/form.js';
import { READ_ROLES, REGISTER_ROLES } from './partner-counts.policy.js';
import { PartnerCountInput } from './partner-counts.schema.js';
import { listPartnerCounts, registerPartnerCount } from './partner-counts.service.js';
import { PartnerCountsPage } from './partner-counts.views.js';

/** Partner services (study advisers, psychologists) register counts; coordinators and advisers read them. */
export function partnerCountRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  const render = async (
    c: Context<AppEnv>,
    teamKey: string,
    year: number,
    extra: { errors?: FieldErrors; values?: Record<string, string>; notice?: string } = {},
  ) => {
    const user = signedInUser(c);
    const lang = c.get('lang');
    const keys = reportTeamKeys(user.memberships, READ_ROLES);
    const teams = (await Promise.all(keys.map((k) => findTeam(deps.db, k)))).flatMap(
      (tm): TeamChoice[] =>
        tm ? [{ key: tm.key, name: lang === 'en' ? tm.nameEn : tm.nameNl }] : [],
    );
    const canRegister = reportTeamKeys(user.memberships, REGISTER_ROLES).length > 0;
    const registerTeams = canRegister
      ? teams.filter((tm) => reportTeamKeys(user.memberships, REGISTER_ROLES).includes(tm.key))
      : teams;
    const rows = await listPartnerCounts(deps.db, teamKey, year);
    if (extra.errors && Object.keys(extra.errors).length) c.status(422);
    return c.html(
      <PartnerCountsPage
        ctx={viewContext(c)}
        teams={canRegister ? registerTeams : teams}
        teamKey={teamKey}
        year={year}
        rows={rows}
        canRegister={canRegister}
        {...extra}
      />,
    );
  };

  app.get('/partner-counts', async (c) => {
    const user = c.get('user');
    if (!user) throw new AppError('UNAUTHENTICATED');
    const query = ReportQuery.safeParse(c.req.query());
    const teamKey = pickTeamKey(
      reportTeamKeys(user.memberships, READ_ROLES),
      query.success ? query.data.team : c.req.query('team'),
    );
    if (!teamKey) throw new AppError('FORBIDDEN');
    const notice = noticeOf(c, c.get('t'), { saved: 'partnerCounts.saved' });
    return render(
      c,
      teamKey,
      (query.success ? query.data.year : undefined) ?? new Date().getUTCFullYear(),
      { notice },
    );
  });

  app.post('/partner-counts', async (c) => {
    const user = c.get('user');
    if (!user) throw new AppError('UNAUTHENTICATED');
    const allowed = reportTeamKeys(user.memberships, REGISTER_ROLES);
    if (allowed.length === 0) throw new AppError('FORBIDDEN');
    const values = formStrings(await c.req.parseBody());
    const parsed = PartnerCountInput.safeParse(values);
    const fallbackYear = /^\d{4}$/.test(values.year ?? '')
      ? Number(values.year)
      : defaultReportYear() + 1;
    if (!parsed.success)
      return render(c, allowed[0]!, fallbackYear, {
        errors: toFieldErrors(parsed.error, c.get('t')),
        values,
      });
    if (!allowed.includes(parsed.data.team)) throw new AppError('FORBIDDEN');
    await registerPartnerCount(deps.db, user.id, parsed.data);
    return noticeRedirect(
      c,
      `/partner-counts?team=${encodeURIComponent(parsed.data.team)}&year=${parsed.data.year}`,
      'saved',
    );
  });

  return app;
}

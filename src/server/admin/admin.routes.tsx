import { Hono, type MiddlewareHandler } from 'hono';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { formStrings, toFieldErrors } from '../http/validation.js';
import { adminTeamIds, canAdministerTeam, canCreateTeam } from './admin.policy.js';
import { NewTeamInput, TeamSettingsInput } from './admin.schemas.js';
import { AdminHomePage, TeamSettingsPage } from './admin.views.js';
import {
  createOwnInstitutionTeam,
  getTeamSettings,
  isTeamKeyTaken,
  listTeamSettings,
  updateTeamSettings,
} from './teams.admin.service.js';
import { configRoutes } from './config.routes.js';
import { userAdminRoutes } from './users.routes.js';
import { UUID } from '../http/params.js';

/** Only administrators reach /admin; team pages only for the teams they administer. */
const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const user = c.get('user');
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (adminTeamIds(user.memberships).length === 0) throw new AppError('FORBIDDEN');
  const teamId = c.req.param('teamId');
  if (teamId !== undefined && (!UUID.test(teamId) || !canAdministerTeam(user.memberships, teamId)))
    throw new AppError('FORBIDDEN');
  await next();
};

/**
 * Administration: teams, taxonomy, partners, guide, users, tokens. No case content here.
 * `teamPages` are other features' administration pages under /admin/teams/:teamId (the API
 * tokens), mounted here behind the same administrator check; app.tsx passes them in.
 */
export function adminRoutes(deps: Deps, teamPages: Hono<AppEnv>[] = []) {
  const app = new Hono<AppEnv>();
  app.use('/admin', requireAdmin);
  app.use('/admin/*', requireAdmin);
  app.use('/admin/teams/:teamId', requireAdmin);
  app.use('/admin/teams/:teamId/*', requireAdmin);

  const home = async (
    c: Parameters<MiddlewareHandler<AppEnv>>[0],
    form = { values: {}, errors: {} },
  ) => {
    const teams = await listTeamSettings(deps.db, adminTeamIds(signedInUser(c).memberships));
    return c.html(<AdminHomePage ctx={viewContext(c)} teams={teams} form={form} />);
  };

  app.get('/admin', (c) => home(c));

  app.post('/admin/teams', async (c) => {
    const user = signedInUser(c);
    if (!canCreateTeam(user.memberships)) throw new AppError('FORBIDDEN');
    const values = formStrings(await c.req.parseBody());
    const parsed = NewTeamInput.safeParse(values);
    const errors = parsed.success ? {} : toFieldErrors(parsed.error, c.get('t'));
    if (parsed.success && (await isTeamKeyTaken(deps.db, parsed.data.key)))
      errors.key = c.get('t')('validation.admin.keyTaken');
    if (!parsed.success || Object.keys(errors).length) {
      c.status(422);
      return home(c, { values, errors });
    }
    const teamId = await deps.db.transaction().execute((trx) =>
      createOwnInstitutionTeam(trx, user.institutionId, parsed.data, {
        kind: 'user',
        userId: user.id,
      }),
    );
    return c.redirect(`/admin/teams/${teamId}?saved=1`, 303);
  });

  app.get('/admin/teams/:teamId', async (c) => {
    const team = await getTeamSettings(deps.db, c.req.param('teamId'));
    const ctx = viewContext(c);
    return c.html(
      <TeamSettingsPage
        ctx={ctx}
        team={team}
        form={{ values: {}, errors: {} }}
        notice={c.req.query('saved') ? ctx.t('admin.saved') : undefined}
      />,
    );
  });

  app.post('/admin/teams/:teamId', async (c) => {
    const teamId = c.req.param('teamId');
    const values = formStrings(await c.req.parseBody());
    const parsed = TeamSettingsInput.safeParse(values);
    if (!parsed.success) {
      c.status(422);
      const team = await getTeamSettings(deps.db, teamId);
      return c.html(
        <TeamSettingsPage
          ctx={viewContext(c)}
          team={team}
          form={{ values, errors: toFieldErrors(parsed.error, c.get('t')) }}
        />,
      );
    }
    await deps.db
      .transaction()
      .execute((trx) =>
        updateTeamSettings(trx, teamId, parsed.data, { kind: 'user', userId: signedInUser(c).id }),
      );
    return c.redirect(`/admin/teams/${teamId}?saved=1`, 303);
  });

  app.route('/', configRoutes(deps));
  app.route('/', userAdminRoutes(deps));
  for (const pages of teamPages) app.route('/', pages);
  return app;
}

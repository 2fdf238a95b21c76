import { Hono, type Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import type { FieldErrors } from '../../ui/form.js';
import { parseForm, readForm, stringValues } from '../http/forms.js';
import { pickTeam } from '../protocols/team-scope.js';
import { activityTeamIds } from './activities.policy.js';
import { listTeamAdvisersForTraining } from './activities.queries.js';
import { ActivityInput, ActivityStatusInput } from './activities.schema.js';
import { getActivityYear, recordActivity, updateActivityStatus } from './activities.service.js';
import { ActivitiesPage } from './activities.views.js';
import { yearParam, idParam } from '../http/params.js';

/** The team's activities (support officer, coordinators, advisers): no case content anywhere here. */
export function activityRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const scopeOf = (c: Context<AppEnv>) =>
    pickTeam(c, deps.db, activityTeamIds(c.get('user')?.memberships ?? []));

  async function render(
    c: Context<AppEnv>,
    errors: FieldErrors = {},
    values: Record<string, string> = {},
  ) {
    const scope = await scopeOf(c);
    const year =
      values.heldOn && /^\d{4}/.test(values.heldOn) && !c.req.query('year')
        ? Number(values.heldOn.slice(0, 4))
        : yearParam(c);
    const [data, advisers] = await Promise.all([
      getActivityYear(deps.db, scope.teamId, year),
      listTeamAdvisersForTraining(deps.db, scope.teamId),
    ]);
    if (Object.keys(errors).length) c.status(422);
    return c.html(
      <ActivitiesPage
        ctx={viewContext(c)}
        scope={scope}
        year={year}
        data={data}
        advisers={advisers}
        errors={errors}
        values={values}
      />,
    );
  }

  app.get('/team/activities', (c) => render(c));

  app.post('/team/activities', async (c) => {
    const scope = await scopeOf(c);
    const values = stringValues(await readForm(c));
    const parsed = parseForm(c, ActivityInput, values);
    if (parsed.errors) return render(c, parsed.errors, values);
    await deps.db
      .transaction()
      .execute((trx) => recordActivity(trx, scope.teamId, parsed.data, signedInUser(c).id));
    return c.redirect(
      `/team/activities?team=${scope.teamId}&year=${parsed.data.heldOn.slice(0, 4)}`,
      303,
    );
  });

  app.post('/team/activities/:activityId/status', async (c) => {
    const scope = await scopeOf(c);
    const parsed = parseForm(c, ActivityStatusInput, stringValues(await readForm(c)));
    if (parsed.errors) return render(c, parsed.errors);
    await deps.db
      .transaction()
      .execute((trx) =>
        updateActivityStatus(
          trx,
          scope.teamId,
          idParam(c, 'activityId'),
          parsed.data,
          signedInUser(c).id,
        ),
      );
    return c.redirect(`/team/activities?team=${scope.teamId}&year=${yearParam(c)}`, 303);
  });

  return app;
}

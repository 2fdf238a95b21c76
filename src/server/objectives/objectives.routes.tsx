import { Hono, type Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import type { FieldErrors } from '../../ui/form.js';
import { parseForm, readForm, stringValues } from '../http/forms.js';
import { pickTeam } from '../protocols/team-scope.js';
import { yearParam, idParam } from '../http/params.js';
import { objectiveTeamIds } from './objectives.policy.js';
import { ObjectiveInput, ObjectiveStatusInput } from './objectives.schema.js';
import { createObjective, listObjectives, updateObjective } from './objectives.service.js';
import { ObjectivesPage } from './objectives.views.js';

/** Objectives and recommendations per year (advisers, coordinators, support officer). */
export function objectiveRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const scopeOf = (c: Context<AppEnv>) =>
    pickTeam(c, deps.db, objectiveTeamIds(c.get('user')?.memberships ?? []));

  async function render(
    c: Context<AppEnv>,
    errors: FieldErrors = {},
    values: Record<string, string> = {},
  ) {
    const scope = await scopeOf(c);
    const year = yearParam(c);
    const data = await listObjectives(deps.db, scope.teamId, year);
    if (Object.keys(errors).length) c.status(422);
    return c.html(
      <ObjectivesPage
        ctx={viewContext(c)}
        scope={scope}
        year={year}
        data={data}
        errors={errors}
        values={values}
      />,
    );
  }

  app.get('/team/objectives', (c) => render(c));

  app.post('/team/objectives', async (c) => {
    const scope = await scopeOf(c);
    const values = stringValues(await readForm(c));
    const parsed = parseForm(c, ObjectiveInput, values);
    if (parsed.errors) return render(c, parsed.errors, values);
    await deps.db
      .transaction()
      .execute((trx) => createObjective(trx, scope.teamId, parsed.data, signedInUser(c).id));
    return c.redirect(`/team/objectives?team=${scope.teamId}&year=${parsed.data.year}`, 303);
  });

  app.post('/team/objectives/:objectiveId', async (c) => {
    const scope = await scopeOf(c);
    const parsed = parseForm(c, ObjectiveStatusInput, stringValues(await readForm(c)));
    if (parsed.errors) return render(c, parsed.errors);
    await deps.db
      .transaction()
      .execute((trx) =>
        updateObjective(
          trx,
          scope.teamId,
          idParam(c, 'objectiveId'),
          parsed.data,
          signedInUser(c).id,
        ),
      );
    return c.redirect(`/team/objectives?team=${scope.teamId}&year=${yearParam(c)}`, 303);
  });

  return app;
}

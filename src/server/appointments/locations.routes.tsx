import { Hono, type Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { viewContext, signedInUser, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { formStrings, toFieldErrors } from '../http/validation.js';
import { teamsWithRole } from '../../domain/roles.js';
import { LocationInput, listLocations, saveLocation, teamName } from './locations.service.js';
import { LocationsPage } from './locations.views.js';

/** Where a team's conversations take place: the coordinator and the administrator keep the list (issue 21). */
export function locationRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  /** The team asked for in ?team=, if the user keeps its locations; else their first such team. */
  const teamOf = (c: Context<AppEnv>) => {
    const mine = teamsWithRole(signedInUser(c).memberships, [
      'safety_coordinator',
      'administrator',
    ]);
    const asked = c.req.query('team');
    const teamId = asked ? mine.find((id) => id === asked) : mine[0];
    if (!teamId) throw new AppError(asked ? 'NOT_FOUND' : 'FORBIDDEN');
    return teamId;
  };

  const render = async (
    c: Context<AppEnv>,
    teamId: string,
    form: { errors: Record<string, string>; values: Record<string, string>; key?: string } = {
      errors: {},
      values: {},
    },
  ) => {
    const ctx = viewContext(c);
    const locations = await listLocations(deps.db, teamId, { includeInactive: true });
    if (Object.keys(form.errors).length) c.status(422);
    return c.html(
      <LocationsPage
        ctx={ctx}
        teamId={teamId}
        teamName={await teamName(deps.db, teamId, ctx.lang)}
        locations={locations}
        errors={form.errors}
        values={form.values}
        editedKey={locations.some((l) => l.key === form.key) ? form.key : undefined}
      />,
    );
  };

  app.get('/team/locations', (c) => render(c, teamOf(c)));

  app.post('/team/locations', async (c) => {
    const teamId = teamOf(c);
    const values = formStrings(await c.req.parseBody());
    const parsed = LocationInput.safeParse(values);
    if (!parsed.success)
      return render(c, teamId, {
        errors: toFieldErrors(parsed.error, c.get('t')),
        values,
        key: values.key,
      });
    await deps.db
      .transaction()
      .execute((trx) =>
        saveLocation(trx, teamId, parsed.data, { kind: 'user', userId: signedInUser(c).id }),
      );
    return c.redirect(`/team/locations?team=${teamId}`, 303);
  });

  return app;
}

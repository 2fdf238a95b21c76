import crypto from 'node:crypto';
import { Hono } from 'hono';
import type { Deps } from '../bootstrap.js';
import { viewContext, type AppEnv } from '../http/env.js';
import { formStrings, toFieldErrors } from '../http/validation.js';
import { listTeams } from '../teams/teams.service.js';
import { IntakeInput } from './intake.schema.js';
import { submitIntake } from './intake.service.js';
import { AcknowledgementPage, HomePage, IntakeForm } from './intake.views.js';

/** The public side: open to everyone, usable without JavaScript. */
export function intakeRoutes(deps: Deps, today: () => string) {
  const app = new Hono<AppEnv>();

  app.get('/', (c) => c.html(<HomePage ctx={viewContext(c)} />));

  app.get('/melden', async (c) => {
    const teams = await listTeams(deps.db);
    const values = { idempotencyKey: crypto.randomBytes(18).toString('base64url') };
    return c.html(<IntakeForm ctx={viewContext(c)} teams={teams} values={values} errors={{}} />);
  });

  app.post('/melden', async (c) => {
    const values = formStrings(await c.req.parseBody());
    const teams = await listTeams(deps.db);
    const parsed = IntakeInput.safeParse(values);
    const team = teams.find((tm) => tm.key === values.team);
    if (!parsed.success || !team) {
      const errors = parsed.success ? {} : toFieldErrors(parsed.error, c.get('t'));
      if (!team) errors.team = c.get('t')('validation.choose');
      if (!/^[A-Za-z0-9_-]{16,64}$/.test(values.idempotencyKey ?? '')) values.idempotencyKey = crypto.randomBytes(18).toString('base64url');
      delete errors.idempotencyKey;
      c.status(422);
      return c.html(<IntakeForm ctx={viewContext(c)} teams={teams} values={values} errors={errors} />);
    }
    const ack = await submitIntake(deps.db, deps.keyring, team.id, parsed.data, today());
    return c.html(<AcknowledgementPage ctx={viewContext(c)} ack={ack} />);
  });

  return app;
}

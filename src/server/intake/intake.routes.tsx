import crypto from 'node:crypto';
import { Hono } from 'hono';
import type { Deps } from '../bootstrap.js';
import { viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { formStrings, toFieldErrors } from '../http/validation.js';
import { listTeams } from '../teams/teams.service.js';
import { filesOf, prepareUploads } from '../attachments/upload-rules.js';
import { UPLOAD_PROBLEM_MESSAGE } from '../attachments/upload-messages.js';
import { IntakeAppointmentPage } from '../appointments/appointments.views.js';
import { IntakeInput } from './intake.schema.js';
import { findAcknowledgement, findRecentIntakeCaseId, submitIntake } from './intake.service.js';
import { AcknowledgementPage, HomePage, IntakeForm } from './intake.views.js';

const newKey = () => crypto.randomBytes(18).toString('base64url');

/** The public side: open to everyone, usable without JavaScript. */
export function intakeRoutes(deps: Deps, today: () => string) {
  const app = new Hono<AppEnv>();

  app.get('/', (c) => c.html(<HomePage ctx={viewContext(c)} />));

  app.get('/melden', async (c) => {
    const teams = await listTeams(deps.db);
    return c.html(<IntakeForm ctx={viewContext(c)} teams={teams} values={{ idempotencyKey: newKey() }} errors={{}} />);
  });

  app.post('/melden', async (c) => {
    const t = c.get('t');
    const body = await c.req.parseBody({ all: true });
    const values = formStrings(body as never);
    const teams = await listTeams(deps.db);
    const parsed = IntakeInput.safeParse(values);
    const team = teams.find((tm) => tm.key === values.team);
    const upload = await prepareUploads(filesOf(body, 'files'));
    if (!parsed.success || !team || !upload.ok) {
      const errors = parsed.success ? {} : toFieldErrors(parsed.error, t);
      if (!team) errors.team = t('validation.choose');
      if (!upload.ok) errors.files = t(UPLOAD_PROBLEM_MESSAGE[upload.problem]);
      if (!/^[A-Za-z0-9_-]{16,64}$/.test(values.idempotencyKey ?? '')) values.idempotencyKey = newKey();
      delete errors.idempotencyKey;
      c.status(422);
      return c.html(<IntakeForm ctx={viewContext(c)} teams={teams} values={values} errors={errors} />);
    }
    const ack = await submitIntake(deps.db, deps.keyring, team.id, parsed.data, today(), upload.files);
    return c.html(<AcknowledgementPage ctx={viewContext(c)} ack={ack} idempotencyKey={parsed.data.idempotencyKey} errors={{}} />);
  });

  // The required "I have saved my code" step, then the offer of a conversation.
  app.post('/melden/bewaard', async (c) => {
    const values = formStrings(await c.req.parseBody());
    const key = values.idempotencyKey ?? '';
    if (!(await findRecentIntakeCaseId(deps.db, key))) throw new AppError('NOT_FOUND');
    if (values.saved !== 'yes') {
      const ack = await findAcknowledgement(deps.db, deps.keyring, key);
      if (!ack) throw new AppError('NOT_FOUND');
      c.status(422);
      return c.html(<AcknowledgementPage ctx={viewContext(c)} ack={ack} idempotencyKey={key} errors={{ saved: c.get('t')('validation.savedReceipt') }} />);
    }
    return c.html(<IntakeAppointmentPage ctx={viewContext(c)} idempotencyKey={key} errors={{}} done={false} />);
  });

  return app;
}

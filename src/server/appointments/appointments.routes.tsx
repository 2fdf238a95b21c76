import { Hono } from 'hono';
import type { Deps } from '../bootstrap.js';
import { viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { budgetKey, spendHourly } from '../http/anti-automation.js';
import { refuse } from '../http/refusals.js';
import { formStrings, toFieldErrors } from '../http/validation.js';
import { getCaseSealer } from '../mailbox/case-key.js';
import { setNotificationAddress } from '../mailbox/notification.service.js';
import { findRecentIntakeCaseId } from '../intake/intake.service.js';
import { AppointmentRequestInput, slotsOf } from './appointments.schema.js';
import { getIcsByToken, requestAppointment } from './appointments.service.js';
import { IntakeAppointmentPage } from './appointments.views.js';
import { listLocations } from './locations.service.js';
import { RuleError } from '../http/rule-error.js';

/** Public appointment routes: a request right after the intake, and the calendar file link. */
export function appointmentRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  // The reporter chose "request a conversation" after the acknowledgement (issue 18).
  app.post('/melden/gesprek', async (c) => {
    const values = formStrings(await c.req.parseBody());
    const caseId = await findRecentIntakeCaseId(deps.db, deps.keyring, {
      browserKey: c.get('browserKey'),
      idempotencyKey: values.idempotencyKey ?? '',
    });
    if (!caseId) throw new AppError('NOT_FOUND');
    const sealer = await getCaseSealer(deps.db, deps.keyring, caseId);
    return c.html(
      <IntakeAppointmentPage
        ctx={viewContext(c)}
        idempotencyKey={values.idempotencyKey!}
        errors={{}}
        done={false}
        locations={await listLocations(deps.db, sealer.teamId)}
      />,
    );
  });

  app.post('/melden/afspraak', async (c) => {
    const values = formStrings(await c.req.parseBody());
    const caseId = await findRecentIntakeCaseId(deps.db, deps.keyring, {
      browserKey: c.get('browserKey'),
      idempotencyKey: values.idempotencyKey ?? '',
    });
    if (!caseId) throw new AppError('NOT_FOUND');
    const sealer = await getCaseSealer(deps.db, deps.keyring, caseId);
    // A refused request shows the form again with what the reporter entered.
    const again = async (errors: Record<string, string>) => {
      c.status(422);
      return c.html(
        <IntakeAppointmentPage
          ctx={viewContext(c)}
          idempotencyKey={values.idempotencyKey!}
          errors={errors}
          done={false}
          locations={await listLocations(deps.db, sealer.teamId)}
          values={values}
        />,
      );
    };
    const parsed = AppointmentRequestInput.safeParse(values);
    if (!parsed.success) return again(toFieldErrors(parsed.error, c.get('t')));
    if (
      !(await spendHourly(
        deps.db,
        budgetKey(deps.keyring, 'appointment', caseId),
        deps.config.budgets.appointmentRequestsPerHour,
      ))
    )
      refuse('appointment');
    try {
      await requestAppointment(
        deps.db,
        sealer,
        { mode: parsed.data.mode, slots: slotsOf(parsed.data), location: parsed.data.location },
        { kind: 'reporter' },
      );
    } catch (err) {
      if (!(err instanceof RuleError)) throw err;
      return again({ [err.field]: c.get('t')(err.messageKey) });
    }
    if (parsed.data.email)
      await setNotificationAddress(deps.db, sealer, parsed.data.email, { kind: 'reporter' });
    return c.redirect('/melden/afspraak/aangevraagd', 303); // a reload shows the confirmation, it does not ask again
  });

  app.get('/melden/afspraak/aangevraagd', (c) =>
    c.html(<IntakeAppointmentPage ctx={viewContext(c)} idempotencyKey="" errors={{}} done />),
  );

  app.get('/afspraak/:file', async (c) => {
    const token = /^([A-Za-z0-9_-]{32})\.ics$/.exec(c.req.param('file'))?.[1];
    if (!token) throw new AppError('NOT_FOUND');
    const ics = await getIcsByToken(deps.db, deps.keyring, token, c.get('lang'));
    return c.body(ics, 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${c.get('t')('appointment.icsFileName')}"`,
    });
  });

  return app;
}

import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { listPartners } from '../admin/partners.service.js';
import { caseContextFor, canUserHandle, type StaffCaseContext } from '../cases/case-context.js';
import { idParam } from '../http/params.js';
import { parseForm, readForm } from '../http/forms.js';
import type { FormState } from '../../ui/form.js';
import { hasRole } from '../../domain/roles.js';
import type { MessageKey } from '../../i18n/i18n.js';
import {
  ExternalShareInput,
  Framework2Input,
  OutcomeInput,
  RequestInput,
  SkipInput,
  StepInput,
} from './escalation.schema.js';
import {
  getEscalation,
  recordEscalationOutcome,
  recordEscalationStep,
  recordFramework2,
  shareExternally,
  skipRung,
} from './escalation.service.js';
import { createEscalationRequest } from './escalation-request.service.js';
import { EscalationRuleError } from './ladder.rules.js';
import { EscalationPage } from './escalation.views.js';

export function escalationRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  async function render(
    c: Context<AppEnv>,
    caseId: string,
    form: FormState = { errors: {}, values: {} },
  ) {
    const work = await caseContextFor(c, deps, signedInUser(c), caseId, 'open');
    const [view, partners] = [
      await getEscalation(deps.db, work),
      await listPartners(deps.db, work.teamId),
    ];
    if (Object.keys(form.errors).length) c.status(422);
    const isCoordinator = hasRole(signedInUser(c).memberships, work.teamId, ['safety_coordinator']);
    return c.html(
      <EscalationPage
        ctx={viewContext(c)}
        caseId={caseId}
        reference={work.reference}
        view={view}
        partners={partners}
        canHandle={canUserHandle(signedInUser(c), work)}
        canRequest={isCoordinator}
        form={form}
      />,
    );
  }

  /** A form on the escalation page: parse, run the rule inside a transaction when asked, back to the page or 422 with the message. */
  function post<S extends z.ZodType>(
    path: string,
    schema: S,
    run: (work: StaffCaseContext, data: z.infer<S>) => Promise<unknown>,
  ) {
    app.post(path, async (c) => {
      const caseId = idParam(c);
      const values = await readForm(c);
      const parsed = parseForm(c, schema, values);
      if (parsed.errors) return render(c, caseId, { errors: parsed.errors, values });
      const work = await caseContextFor(c, deps, signedInUser(c), caseId, 'handle');
      try {
        await run(work, parsed.data);
      } catch (err) {
        const t = c.get('t');
        if (err instanceof EscalationRuleError) {
          return render(c, caseId, {
            errors: {
              [err.field]: t(
                err.messageKey,
                err.detail ? { rung: t(`escalation.rung.${err.detail}` as MessageKey) } : undefined,
              ),
            },
            values,
          });
        }
        if (err instanceof AppError && err.code === 'CONSENT_REQUIRED')
          return render(c, caseId, { errors: { info: t('escalation.error.consent') }, values });
        throw err;
      }
      return c.redirect(`/cases/${caseId}/escalation`, 303);
    });
  }

  app.get('/cases/:id/escalation', (c) => render(c, idParam(c)));
  post('/cases/:id/escalation/steps', StepInput, (work, data) =>
    deps.db.transaction().execute((trx) => recordEscalationStep(trx, work, data)),
  );
  post('/cases/:id/escalation/skip', SkipInput, (work, data) =>
    deps.db.transaction().execute((trx) => skipRung(trx, work, data)),
  );
  post('/cases/:id/escalation/framework2', Framework2Input, (work, data) =>
    deps.db.transaction().execute((trx) => recordFramework2(trx, work, data)),
  );
  post('/cases/:id/escalation/request', RequestInput, (work, data) =>
    createEscalationRequest(deps.db, work, data),
  );
  post('/cases/:id/escalation/share', ExternalShareInput, (work, data) =>
    shareExternally(deps.db, deps.keyring, work, data),
  );

  app.post('/cases/:id/escalation/steps/:stepId/outcome', async (c) => {
    const caseId = idParam(c);
    const stepId = idParam(c, 'stepId');
    const values = await readForm(c);
    const parsed = parseForm(c, OutcomeInput, { outcome: values[`outcome-${stepId}`] });
    if (parsed.errors)
      return render(c, caseId, {
        errors: { [`outcome-${stepId}`]: parsed.errors.outcome! },
        values,
      });
    const work = await caseContextFor(c, deps, signedInUser(c), caseId, 'handle');
    await deps.db
      .transaction()
      .execute((trx) => recordEscalationOutcome(trx, work, stepId, parsed.data));
    return c.redirect(`/cases/${caseId}/escalation`, 303);
  });

  return app;
}

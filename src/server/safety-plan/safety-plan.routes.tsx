import { Hono, type Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import type { FieldErrors } from '../../ui/form.js';
import { caseContextFor, canUserHandle } from '../cases/case-context.js';
import { idParam } from '../http/params.js';
import { parseForm, readForm, stringValues } from '../http/forms.js';
import { SafetyPlanInput } from './safety-plan.schema.js';
import { getSafetyPlan, saveSafetyPlan } from './safety-plan.service.js';
import { SafetyPlanPage, SafetyPlanPrintPage } from './safety-plan.views.js';

/** The safety plan on a case: read by those who may open the case, written by its handlers, printable. */
export function safetyPlanRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  async function render(
    c: Context<AppEnv>,
    caseId: string,
    errors: FieldErrors = {},
    values?: Record<string, string>,
  ) {
    const work = await caseContextFor(c, deps, signedInUser(c), caseId, 'open');
    const saved = await getSafetyPlan(deps.db, work, 'view');
    if (Object.keys(errors).length) c.status(422);
    return c.html(
      <SafetyPlanPage
        ctx={viewContext(c)}
        caseId={caseId}
        reference={work.reference}
        saved={saved}
        canHandle={canUserHandle(signedInUser(c), work)}
        errors={errors}
        values={values}
      />,
    );
  }

  app.get('/cases/:id/safety-plan', (c) => render(c, idParam(c)));

  app.post('/cases/:id/safety-plan', async (c) => {
    const caseId = idParam(c);
    const values = await readForm(c);
    const parsed = parseForm(c, SafetyPlanInput, values);
    if (parsed.errors) return render(c, caseId, parsed.errors, stringValues(values));
    const work = await caseContextFor(c, deps, signedInUser(c), caseId, 'handle');
    await deps.db.transaction().execute((trx) => saveSafetyPlan(trx, work, parsed.data));
    return c.redirect(`/cases/${caseId}/safety-plan`, 303);
  });

  app.get('/cases/:id/safety-plan/print', async (c) => {
    const caseId = idParam(c);
    const work = await caseContextFor(c, deps, signedInUser(c), caseId, 'open');
    const saved = await getSafetyPlan(deps.db, work, 'print');
    if (!saved) throw new AppError('NOT_FOUND');
    return c.html(<SafetyPlanPrintPage ctx={viewContext(c)} caseId={caseId} saved={saved} />);
  });

  return app;
}

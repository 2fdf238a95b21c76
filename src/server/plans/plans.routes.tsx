import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import { caseContextFor, canUserHandle, type StaffCaseContext } from '../cases/case-context.js';
import { idParam } from '../http/params.js';
import { parseForm, readForm } from '../http/forms.js';
import type { FormState } from '../../ui/form.js';
import type { Db } from '../db/create-db.js';
import { PlanAgreementInput, PlanStepInput } from './plans.schema.js';
import { addPlanStep, completePlanStep, getPlan, recordPlanAgreement } from './plans.service.js';
import { PlanPage } from './plans.views.js';

export function planRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  async function render(
    c: Context<AppEnv>,
    caseId: string,
    form: FormState = { errors: {}, values: {} },
  ) {
    const work = await caseContextFor(c, deps, signedInUser(c), caseId, 'open');
    const plan = await getPlan(deps.db, work);
    if (Object.keys(form.errors).length) c.status(422);
    return c.html(
      <PlanPage
        ctx={viewContext(c)}
        caseId={caseId}
        reference={work.reference}
        plan={plan}
        canHandle={canUserHandle(signedInUser(c), work)}
        form={form}
      />,
    );
  }

  function post<S extends z.ZodType>(
    path: string,
    schema: S,
    action: (trx: Db, work: StaffCaseContext, input: z.infer<S>) => Promise<unknown>,
  ) {
    app.post(`/cases/:id/plan/${path}`, async (c) => {
      const caseId = idParam(c);
      const values = await readForm(c);
      const parsed = parseForm(c, schema, values);
      if (parsed.errors) return render(c, caseId, { errors: parsed.errors, values });
      const work = await caseContextFor(c, deps, signedInUser(c), caseId, 'handle');
      await deps.db.transaction().execute((trx) => action(trx, work, parsed.data));
      return c.redirect(`/cases/${caseId}/plan`, 303);
    });
  }

  app.get('/cases/:id/plan', (c) => render(c, idParam(c)));
  post('steps', PlanStepInput, addPlanStep);
  post('agreement', PlanAgreementInput, recordPlanAgreement);
  app.post('/cases/:id/plan/steps/:stepId/done', async (c) => {
    const caseId = idParam(c);
    const work = await caseContextFor(c, deps, signedInUser(c), caseId, 'handle');
    await deps.db.transaction().execute((trx) => completePlanStep(trx, work, idParam(c, 'stepId')));
    return c.redirect(`/cases/${caseId}/plan`, 303);
  });
  return app;
}

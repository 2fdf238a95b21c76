import { Hono, type Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import { caseContextFor, canUserHandle } from '../cases/case-context.js';
import { idParam } from '../http/params.js';
import { parseForm, readForm } from '../http/forms.js';
import { assessRisk, listAssessments, RiskRuleError } from './risk.service.js';
import type { FormState } from '../../ui/form.js';
import { RiskInput } from './risk.schema.js';
import { RiskPage } from './risk.views.js';

export function riskRoutes(deps: Deps, today: () => string) {
  const app = new Hono<AppEnv>();

  async function render(
    c: Context<AppEnv>,
    caseId: string,
    form: FormState = { errors: {}, values: {} },
  ) {
    const work = await caseContextFor(c, deps, signedInUser(c), caseId, 'open');
    const history = await listAssessments(deps.db, work);
    if (Object.keys(form.errors).length) c.status(422);
    return c.html(
      <RiskPage
        ctx={viewContext(c)}
        caseId={caseId}
        reference={work.reference}
        history={history}
        canHandle={canUserHandle(signedInUser(c), work)}
        form={form}
      />,
    );
  }

  app.get('/cases/:id/risk', (c) => render(c, idParam(c)));

  app.post('/cases/:id/risk', async (c) => {
    const caseId = idParam(c);
    const values = await readForm(c);
    const parsed = parseForm(c, RiskInput, values);
    if (parsed.errors) return render(c, caseId, { errors: parsed.errors, values });
    const work = await caseContextFor(c, deps, signedInUser(c), caseId, 'handle');
    try {
      await deps.db.transaction().execute((trx) => assessRisk(trx, work, parsed.data, today()));
    } catch (err) {
      if (!(err instanceof RiskRuleError)) throw err;
      return render(c, caseId, { errors: { [err.field]: c.get('t')(err.messageKey) }, values });
    }
    return c.redirect(`/cases/${caseId}/risk`, 303);
  });

  return app;
}

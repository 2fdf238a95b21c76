import { Hono, type Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { listPartners } from '../admin/partners.service.js';
import { loadCaseWork } from '../risk/case-work.js';
import { idParam, parseForm, readForm } from '../risk/form-kit.js';
import { canUserHandle } from '../risk/can-handle.js';
import type { FormState } from '../risk/risk.views.js';
import { ExternalShareInput, OutcomeInput, StepInput } from './escalation.schema.js';
import { EscalationRuleError, getEscalation, recordEscalationOutcome, recordEscalationStep, shareExternally } from './escalation.service.js';
import { EscalationPage } from './escalation.views.js';

export function escalationRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  async function render(c: Context<AppEnv>, caseId: string, form: FormState = { errors: {}, values: {} }) {
    const work = await loadCaseWork(deps.db, deps.keyring, signedInUser(c), caseId, 'open');
    const [view, partners] = [await getEscalation(deps.db, work), await listPartners(deps.db, work.teamId)];
    if (Object.keys(form.errors).length) c.status(422);
    return c.html(<EscalationPage ctx={viewContext(c)} caseId={caseId} reference={work.reference} view={view} partners={partners} canHandle={await canUserHandle(deps, c, caseId)} form={form} />);
  }

  app.get('/cases/:id/escalation', (c) => render(c, idParam(c)));

  app.post('/cases/:id/escalation/steps', async (c) => {
    const caseId = idParam(c);
    const values = await readForm(c);
    const parsed = parseForm(c, StepInput, values);
    if (parsed.errors) return render(c, caseId, { errors: parsed.errors, values });
    const work = await loadCaseWork(deps.db, deps.keyring, signedInUser(c), caseId, 'handle');
    try {
      await deps.db.transaction().execute((trx) => recordEscalationStep(trx, work, parsed.data));
    } catch (err) {
      if (!(err instanceof EscalationRuleError)) throw err;
      return render(c, caseId, { errors: { [err.field]: c.get('t')(err.messageKey) }, values });
    }
    return c.redirect(`/cases/${caseId}/escalation`, 303);
  });

  app.post('/cases/:id/escalation/steps/:stepId/outcome', async (c) => {
    const caseId = idParam(c);
    const stepId = idParam(c, 'stepId');
    const values = await readForm(c);
    const parsed = parseForm(c, OutcomeInput, { outcome: values[`outcome-${stepId}`] });
    if (parsed.errors) return render(c, caseId, { errors: { [`outcome-${stepId}`]: parsed.errors.outcome! }, values });
    const work = await loadCaseWork(deps.db, deps.keyring, signedInUser(c), caseId, 'handle');
    await deps.db.transaction().execute((trx) => recordEscalationOutcome(trx, work, stepId, parsed.data));
    return c.redirect(`/cases/${caseId}/escalation`, 303);
  });

  app.post('/cases/:id/escalation/share', async (c) => {
    const caseId = idParam(c);
    const values = await readForm(c);
    const parsed = parseForm(c, ExternalShareInput, values);
    if (parsed.errors) return render(c, caseId, { errors: parsed.errors, values });
    const work = await loadCaseWork(deps.db, deps.keyring, signedInUser(c), caseId, 'handle');
    try {
      await shareExternally(deps.db, deps.keyring, work, parsed.data);
    } catch (err) {
      if (err instanceof EscalationRuleError) return render(c, caseId, { errors: { [err.field]: c.get('t')(err.messageKey) }, values });
      if (err instanceof AppError && err.code === 'CONSENT_REQUIRED') return render(c, caseId, { errors: { info: c.get('t')('escalation.error.consent') }, values });
      throw err;
    }
    return c.redirect(`/cases/${caseId}/escalation`, 303);
  });

  return app;
}

import { Hono, type Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import { canUserHandle } from './can-handle.js';
import { loadCaseWork } from './case-work.js';
import { idParam } from '../http/params.js';
import { parseForm, readForm } from '../http/forms.js';
import { assessRisk, listAssessments, RiskRuleError } from './risk.service.js';
import { FRAMEWORK1_QUESTIONS } from '../../domain/risk.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { RiskInput } from './risk.schema.js';
import { RiskPage } from './risk.views.js';
import type { FieldErrors, FormState } from '../../ui/form.js';

/**
 * Every question must be answered (issue 19: a new assessment starts empty, nothing pre-ticked):
 * the error summary names each unanswered question, in the form's order.
 */
function nameUnanswered(c: Context<AppEnv>, errors: FieldErrors): FieldErrors {
  const t = c.get('t');
  const questions = new Map<string, MessageKey>([
    ...FRAMEWORK1_QUESTIONS.map((q) => [q, `risk.f1.${q}` as MessageKey] as const),
    ['level', 'risk.level'],
  ]);
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => {
      const label = questions.get(field);
      if (label) return [field, t('records.risk.unanswered', { question: t(label) })];
      if (field === 'reasoning' && message === t('validation.required'))
        return [field, t('records.risk.fillIn', { field: t('risk.reasoning') })];
      return [field, message];
    }),
  );
}

export function riskRoutes(deps: Deps, today: () => string) {
  const app = new Hono<AppEnv>();

  async function render(
    c: Context<AppEnv>,
    caseId: string,
    form: FormState = { errors: {}, values: {} },
  ) {
    const work = await loadCaseWork(deps.db, deps.keyring, signedInUser(c), caseId, 'open');
    const history = await listAssessments(deps.db, work);
    if (Object.keys(form.errors).length) c.status(422);
    return c.html(
      <RiskPage
        ctx={viewContext(c)}
        caseId={caseId}
        reference={work.reference}
        history={history}
        canHandle={await canUserHandle(deps, c, caseId)}
        form={form}
      />,
    );
  }

  app.get('/cases/:id/risk', (c) => render(c, idParam(c)));

  app.post('/cases/:id/risk', async (c) => {
    const caseId = idParam(c);
    const values = await readForm(c);
    const parsed = parseForm(c, RiskInput, values);
    if (parsed.errors)
      return render(c, caseId, { errors: nameUnanswered(c, parsed.errors), values });
    const work = await loadCaseWork(deps.db, deps.keyring, signedInUser(c), caseId, 'handle');
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

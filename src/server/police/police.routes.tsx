import { Hono, type Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { caseContextFor, canUserHandle } from '../cases/case-context.js';
import { idParam } from '../http/params.js';
import { parseForm, readForm } from '../http/forms.js';
import type { FormState } from '../../ui/form.js';
import { BundleInput, PoliceReportInput } from './police.schema.js';
import { getPoliceReport, PoliceRuleError, updatePoliceReport } from './police.service.js';
import { createEvidenceBundle, listEvidenceCandidates } from './evidence.service.js';
import { PolicePage } from './police.views.js';

export function policeRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  async function render(
    c: Context<AppEnv>,
    caseId: string,
    form: FormState = { errors: {}, values: {} },
  ) {
    const work = await caseContextFor(c, deps, signedInUser(c), caseId, 'open');
    const canHandle = canUserHandle(signedInUser(c), work);
    const view = await getPoliceReport(deps.db, work);
    const files = canHandle ? await listEvidenceCandidates(deps.db, work) : [];
    if (Object.keys(form.errors).length) c.status(422);
    return c.html(
      <PolicePage
        ctx={viewContext(c)}
        caseId={caseId}
        reference={work.reference}
        view={view}
        files={files}
        canHandle={canHandle}
        form={form}
      />,
    );
  }

  app.get('/cases/:id/police', (c) => render(c, idParam(c)));

  app.post('/cases/:id/police', async (c) => {
    const caseId = idParam(c);
    const values = await readForm(c);
    const parsed = parseForm(c, PoliceReportInput, values);
    if (parsed.errors) return render(c, caseId, { errors: parsed.errors, values });
    const work = await caseContextFor(c, deps, signedInUser(c), caseId, 'handle');
    try {
      await deps.db.transaction().execute((trx) => updatePoliceReport(trx, work, parsed.data));
    } catch (err) {
      if (err instanceof PoliceRuleError)
        return render(c, caseId, { errors: { [err.field]: c.get('t')(err.messageKey) }, values });
      throw err;
    }
    return c.redirect(`/cases/${caseId}/police`, 303);
  });

  app.post('/cases/:id/police/bundle', async (c) => {
    const caseId = idParam(c);
    const parsed = parseForm(c, BundleInput, await readForm(c));
    if (parsed.errors) throw new AppError('NOT_FOUND');
    const work = await caseContextFor(c, deps, signedInUser(c), caseId, 'handle');
    try {
      const pdf = await createEvidenceBundle(deps.db, work, parsed.data.attachments, c.get('t'));
      return c.body(new Uint8Array(pdf), 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="evidence-${work.reference}.pdf"`,
      });
    } catch (err) {
      if (err instanceof AppError && err.code === 'CONSENT_REQUIRED')
        return render(c, caseId, {
          errors: { attachments: c.get('t')('police.bundle.consentRequired') },
          values: {},
        });
      throw err;
    }
  });

  return app;
}

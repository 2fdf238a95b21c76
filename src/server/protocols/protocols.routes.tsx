import { Hono, type Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import type { FieldErrors } from '../../ui/form.js';
import { caseContextFor, canUserHandle } from '../cases/case-context.js';
import { idParam } from '../http/params.js';
import { parseForm, readForm } from '../http/forms.js';
import { AttachInput } from './protocols.schema.js';
import { attachProtocol, getCaseProtocols, tickProtocolStep } from './protocols.service.js';
import { CaseProtocolsPage } from './protocols.views.js';

/** Protocols on a case: open = read (audited), handle = attach and tick. Behind requireUser. */
export function protocolCaseRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  async function render(c: Context<AppEnv>, caseId: string, errors: FieldErrors = {}) {
    const work = await caseContextFor(c, deps, signedInUser(c), caseId, 'open');
    const view = await getCaseProtocols(deps.db, work);
    if (Object.keys(errors).length) c.status(422);
    return c.html(
      <CaseProtocolsPage
        ctx={viewContext(c)}
        caseId={caseId}
        reference={work.reference}
        view={view}
        canHandle={canUserHandle(signedInUser(c), work)}
        errors={errors}
      />,
    );
  }

  app.get('/cases/:id/protocols', (c) => render(c, idParam(c)));

  app.post('/cases/:id/protocols', async (c) => {
    const caseId = idParam(c);
    const parsed = parseForm(c, AttachInput, await readForm(c));
    if (parsed.errors) return render(c, caseId, parsed.errors);
    const work = await caseContextFor(c, deps, signedInUser(c), caseId, 'handle');
    await deps.db
      .transaction()
      .execute((trx) => attachProtocol(trx, work, parsed.data.protocolId, parsed.data.via));
    return c.redirect(`/cases/${caseId}/protocols`, 303);
  });

  app.post('/cases/:id/protocols/:cpId/steps/:stepKey', async (c) => {
    const caseId = idParam(c);
    const cpId = idParam(c, 'cpId');
    const stepKey = c.req.param('stepKey');
    if (!/^[a-z0-9_]{1,40}$/.test(stepKey)) throw new AppError('NOT_FOUND');
    const work = await caseContextFor(c, deps, signedInUser(c), caseId, 'handle');
    await deps.db.transaction().execute((trx) => tickProtocolStep(trx, work, cpId, stepKey));
    return c.redirect(`/cases/${caseId}/protocols`, 303);
  });

  return app;
}

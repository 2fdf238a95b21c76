import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import type { Deps } from '../bootstrap.js';
import type { Db } from '../db/create-db.js';
import { viewContext, type AppEnv, signedInUser } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { downloadHeaders } from '../attachments/attachment-response.js';
import { prepareUploads } from '../attachments/upload-rules.js';
import { caseContextFor, routeCaseContext, type StaffCaseContext } from '../cases/case-context.js';
import { idParam } from '../http/params.js';
import { parseForm, readForm } from '../http/forms.js';
import type { FormState } from '../../ui/form.js';
import { addEvidence, getScreenshot, listEvidence, loadThreatLog } from './threat-log.service.js';
import {
  getThreatSupport,
  grantThreatLog,
  recordThreatCheckin,
  revokeThreatLog,
  updateThreatSupport,
} from './threat-support.service.js';
import {
  CheckinInput,
  EvidenceInput,
  GrantInput,
  RevokeInput,
  SupportInput,
} from './threats.schema.js';
import { ThreatLogPage, ThreatSupportPage } from './threats.views.js';
import {
  CommsInput,
  getCommsAndImpact,
  ImpactInput,
  recordWorkImpact,
  updateCommsActions,
} from './threat-comms.service.js';

export function threatRoutes(deps: Deps, today: () => string) {
  const app = new Hono<AppEnv>();
  const empty = (): FormState => ({ errors: {}, values: {} });

  async function renderSupport(c: Context<AppEnv>, form = empty()) {
    const work = await caseContextFor(c, deps, signedInUser(c), idParam(c), 'handle');
    const view = await getThreatSupport(deps.db, work);
    const comms = await getCommsAndImpact(deps.db, work);
    if (Object.keys(form.errors).length) c.status(422);
    return c.html(
      <ThreatSupportPage
        ctx={viewContext(c)}
        caseId={work.id}
        reference={work.reference}
        view={view}
        comms={comms}
        form={form}
      />,
    );
  }
  function post<S extends z.ZodType>(
    path: string,
    schema: S,
    action: (trx: Db, work: StaffCaseContext, input: z.infer<S>) => Promise<unknown>,
  ) {
    app.post(`/cases/:id/threats/${path}`, async (c) => {
      const values = await readForm(c);
      const parsed = parseForm(c, schema, values);
      if (parsed.errors) return renderSupport(c, { errors: parsed.errors, values });
      const work = await caseContextFor(c, deps, signedInUser(c), idParam(c), 'handle');
      try {
        await deps.db.transaction().execute((trx) => action(trx, work, parsed.data));
      } catch (err) {
        if (err instanceof AppError && err.code === 'NOT_FOUND' && path === 'grants')
          return renderSupport(c, {
            errors: { email: c.get('t')('threats.error.noUser') },
            values,
          });
        throw err;
      }
      return c.redirect(`/cases/${work.id}/threats`, 303);
    });
  }
  app.get('/cases/:id/threats', (c) => renderSupport(c));
  post('grants', GrantInput, (trx, w, input) => grantThreatLog(trx, w, input.email));
  post('grants/revoke', RevokeInput, (trx, w, input) => revokeThreatLog(trx, w, input.userId));
  post('support', SupportInput, (trx, w, input) => updateThreatSupport(trx, w, input, today()));
  post('checkins', CheckinInput, recordThreatCheckin);
  post('comms', CommsInput, (trx, w, input) => updateCommsActions(trx, w, input, today()));
  post('impact', ImpactInput, recordWorkImpact);

  // The evidence log: case handlers and granted users (communications officer) — nothing else of the case.
  async function renderLog(c: Context<AppEnv>, form = empty()) {
    const work = await loadThreatLog(deps.db, routeCaseContext(c), signedInUser(c));
    const entries = await listEvidence(deps.db, work);
    if (Object.keys(form.errors).length) c.status(422);
    return c.html(
      <ThreatLogPage ctx={viewContext(c)} caseId={work.id} entries={entries} form={form} />,
    );
  }
  app.get('/threat-log/:id', (c) => renderLog(c));
  app.post('/threat-log/:id', async (c) => {
    const work = await loadThreatLog(deps.db, routeCaseContext(c), signedInUser(c));
    const body = await c.req.parseBody();
    const values = Object.fromEntries(
      Object.entries(body).filter(([, v]) => typeof v === 'string'),
    ) as Record<string, string>;
    const parsed = parseForm(c, EvidenceInput, values);
    if (parsed.errors) return renderLog(c, { errors: parsed.errors, values });
    const file =
      body.screenshot instanceof File && body.screenshot.size > 0 ? body.screenshot : undefined;
    const upload = file ? await prepareUploads([file]) : undefined;
    if (upload && !upload.ok)
      return renderLog(c, {
        errors: { screenshot: c.get('t')('threats.error.screenshot') },
        values,
      });
    await deps.db
      .transaction()
      .execute((trx) =>
        addEvidence(trx, work, parsed.data, upload?.ok ? upload.files[0] : undefined),
      );
    return c.redirect(`/threat-log/${work.id}`, 303);
  });
  app.get('/threat-log/:id/evidence/:eid/screenshot', async (c) => {
    const work = await loadThreatLog(deps.db, routeCaseContext(c), signedInUser(c));
    const shot = await getScreenshot(deps.db, work, idParam(c, 'eid'));
    const ext =
      { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' }[shot.type] ?? 'bin';
    return c.body(
      new Uint8Array(shot.content),
      200,
      downloadHeaders({ name: `screenshot.${ext}`, mediaType: shot.type }),
    );
  });
  return app;
}

import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import type { Deps } from '../bootstrap.js';
import { signedInUser, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { toFieldErrors } from '../http/validation.js';
import { noticeRedirect } from '../http/notice.js';
import type { SessionUser } from '../users/users.service.js';
import { assignCase, declareConflict } from './case-assignment.service.js';
import { exportCasePdf } from './case-export.service.js';
import {
  AssignInput,
  ContactInput,
  ExportInput,
  GoalInput,
  LinkInput,
  OrgUnitInput,
  StatusInput,
  SupportCaseInput,
  TaskInput,
} from './case-record.schema.js';
import {
  addContact,
  addTask,
  completeTask,
  linkCase,
  updateOrgUnit,
  updateReporterGoal,
} from './case-record.service.js';
import { CASE_NOTICES, renderCasePage } from './case-page.render.js';
import { CaseRuleError } from './case-rule-error.js';
import { changeCaseStatus } from './case-status.service.js';
import { createSupportCase } from './support-case.service.js';
import { addCaseDocuments } from './case-documents.service.js';
import { filesOf } from '../attachments/upload-rules.js';
import { UUID } from '../http/params.js';
import { splitRecipient } from '../consent/recipients.service.js';

type Action<T> = (
  deps: Deps,
  user: SessionUser,
  caseId: string,
  input: T,
  today: string,
) => Promise<unknown>;

/** The case-page forms: parse with the form's schema → service → back to the case (or its errors). */
export function caseActionRoutes(deps: Deps, today: () => string) {
  const app = new Hono<AppEnv>();

  function post<S extends z.ZodType>(
    path: keyof typeof CASE_NOTICES,
    schema: S,
    action: Action<z.infer<S>>,
  ) {
    app.post(`/cases/:id/${path}`, async (c) => {
      const id = caseIdOf(c);
      const body = await c.req.parseBody({ all: true });
      const values = Object.fromEntries(
        Object.entries(body).map(([k, v]) => [
          k,
          Array.isArray(v) ? v.filter((x) => typeof x === 'string') : v,
        ]),
      );
      const parsed = schema.safeParse(values);
      const strings = Object.fromEntries(
        Object.entries(values).filter(([, v]) => typeof v === 'string'),
      ) as Record<string, string>;
      if (!parsed.success)
        return renderCasePage(
          c,
          deps,
          id,
          today(),
          toFieldErrors(parsed.error, c.get('t')),
          strings,
        );
      try {
        await action(deps, signedInUser(c), id, parsed.data, today());
      } catch (err) {
        if (!(err instanceof CaseRuleError)) throw err;
        return renderCasePage(
          c,
          deps,
          id,
          today(),
          { [err.field]: c.get('t')(err.messageKey) },
          strings,
        );
      }
      return noticeRedirect(c, `/cases/${id}`, path);
    });
  }

  post('assign', AssignInput, (d, u, id, input) => assignCase(d.db, d.keyring, u, id, input));
  post('status', StatusInput, (d, u, id, input, today) =>
    changeCaseStatus(d.db, d.keyring, u, id, input, today),
  );
  post('contacts', ContactInput, (d, u, id, input, today) =>
    addContact(d.db, d.keyring, u, id, input, today),
  );
  post('tasks', TaskInput, (d, u, id, input) => addTask(d.db, d.keyring, u, id, input));
  post('links', LinkInput, (d, u, id, input) => linkCase(d.db, d.keyring, u, id, input));
  post('goal', GoalInput, (d, u, id, input) => updateReporterGoal(d.db, d.keyring, u, id, input));
  post('org-unit', OrgUnitInput, (d, u, id, input) => updateOrgUnit(d.db, d.keyring, u, id, input));
  post('support-case', SupportCaseInput, (d, u, id, input, today) =>
    createSupportCase(d.db, d.keyring, u, id, input, today),
  );

  app.post('/cases/:id/conflict', async (c) => {
    await declareConflict(deps.db, signedInUser(c), caseIdOf(c));
    return c.redirect('/cases', 303);
  });

  app.post('/cases/:id/tasks/:taskId/done', async (c) => {
    const taskId = c.req.param('taskId');
    if (!UUID.test(taskId)) throw new AppError('NOT_FOUND');
    await completeTask(deps.db, deps.keyring, signedInUser(c), caseIdOf(c), taskId);
    return noticeRedirect(c, `/cases/${caseIdOf(c)}`, 'task-done');
  });

  app.post('/cases/:id/documents', async (c) => {
    const id = caseIdOf(c);
    const files = filesOf(await c.req.parseBody({ all: true }), 'files');
    try {
      await addCaseDocuments(deps.db, deps.keyring, signedInUser(c), id, files);
    } catch (err) {
      if (!(err instanceof CaseRuleError)) throw err;
      return renderCasePage(c, deps, id, today(), { [err.field]: c.get('t')(err.messageKey) }, {});
    }
    return noticeRedirect(c, `/cases/${id}`, 'documents');
  });

  app.post('/cases/:id/export', async (c) => {
    const id = caseIdOf(c);
    const body = await c.req.parseBody({ all: true });
    const sections = ([] as unknown[]).concat(body.sections ?? []);
    const optional = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    // The form offers one choice of recipient, `kind:key` (issue 19); a form with both fields passes as before.
    const chosen =
      body.handoverKind === undefined ? splitRecipient(optional(body.handoverTo)) : undefined;
    const handoverKind =
      chosen && chosen.kind !== 'person' ? chosen.kind : optional(body.handoverKind);
    const handoverTo = chosen ? chosen.value : optional(body.handoverTo);
    const parsed = ExportInput.safeParse({
      purpose: body.purpose,
      sections,
      handoverKind,
      handoverTo,
    });
    if (!parsed.success)
      return renderCasePage(c, deps, id, today(), toFieldErrors(parsed.error, c.get('t')), {});
    let pdf;
    try {
      pdf = await exportCasePdf(
        deps.db,
        deps.keyring,
        signedInUser(c),
        id,
        parsed.data,
        c.get('lang'),
      );
    } catch (err) {
      if (!(err instanceof CaseRuleError)) throw err;
      return renderCasePage(c, deps, id, today(), { [err.field]: c.get('t')(err.messageKey) }, {});
    }
    return c.body(new Uint8Array(pdf.content), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${pdf.fileName}"`,
    });
  });

  return app;
}

function caseIdOf(c: Context<AppEnv>): string {
  const id = c.req.param('id') ?? '';
  if (!UUID.test(id)) throw new AppError('NOT_FOUND');
  return id;
}

import { Hono, type Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import { idParam } from '../http/params.js';
import { findCaseLink, findRequestKind } from './rights.queries.js';
import { AppError } from '../http/errors.js';
import { formStrings, toFieldErrors } from '../http/validation.js';
import { noticeOf, noticeRedirect } from '../http/notice.js';
import type { FieldErrors } from '../../ui/form.js';
import {
  loadCaseContext,
  routeCaseContext,
  type CaseContext,
  type StaffCaseContext,
} from '../cases/case-context.js';
import { canUseRoute } from '../access/access.policy.js';
import { teamsWithRole } from '../../domain/roles.js';
import { buildReporterFile } from './reporter-file.service.js';
import { accusedInformationInput, DecisionInput, StaffRequestInput } from './rights.schema.js';
import {
  decideErasure,
  decideRightsRequest,
  extendRightsRequest,
  getAccusedInformation,
  HeldError,
  listCaseRequests,
  listOpenRequests,
  recordAccusedInformation,
  recordRightsRequest,
} from './rights.service.js';
import { RequestPage, RightsPage, TeamRightsPage } from './rights.views.js';

const NOTICES = {
  recorded: 'rights.notice.recorded',
  decided: 'rights.notice.decided',
  extended: 'rights.notice.extended',
  erased: 'rights.notice.erased',
  informed: 'rights.notice.art14',
} as const;

/** Data-subject requests on a case, the accused's information duty, the coordinator's overview. Behind requireUser. */
export function rightsRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  // The case as the need-to-know step loaded and checked it for this route (one load per request).
  const load = (c: Context<AppEnv>) => Promise.resolve(routeCaseContext(c));
  const actor = (c: Context<AppEnv>) => ({ kind: 'user' as const, userId: signedInUser(c).id });
  const saved = (c: Context<AppEnv>, path: string, notice: keyof typeof NOTICES) =>
    noticeRedirect(c, path, notice);

  /** The case whose data the requests are about: the case itself, or — on the accused's support case — the reporter's case. */
  async function subjectCase(ref: StaffCaseContext) {
    const row = await findCaseLink(deps.db, ref.id);
    const target = row.support_for_case_id
      ? await findCaseLink(deps.db, row.support_for_case_id)
      : { ...row, team_id: ref.teamId };
    const sealer: CaseContext | undefined = target.erased_at
      ? undefined
      : await loadCaseContext(deps.db, deps.keyring, target.id, { kind: 'system' });
    return {
      counterpart: row.support_for_case_id !== null,
      id: target.id,
      teamId: target.team_id,
      erased: target.erased_at !== null,
      sealer,
    };
  }
  const liveSealer = (s: { sealer?: CaseContext }) => {
    if (!s.sealer) throw new AppError('NOT_FOUND'); // an erased case takes no new requests or decisions
    return s.sealer;
  };

  async function renderCase(
    c: Context<AppEnv>,
    ref: StaffCaseContext,
    values: Record<string, string> = {},
    errors: FieldErrors = {},
  ) {
    const s = await subjectCase(ref);
    const requests = await listCaseRequests(deps.db, s.sealer, s, actor(c), {
      counterpart: s.counterpart,
    });
    const accused = await getAccusedInformation(deps.db, s.sealer, s.id, {
      withReason: !s.counterpart,
    });
    if (Object.keys(errors).length) c.status(422);
    return c.html(
      <RightsPage
        ctx={viewContext(c)}
        caseId={ref.id}
        reference={ref.reference}
        counterpart={s.counterpart}
        erased={s.erased}
        requests={requests}
        accused={accused}
        values={values}
        errors={errors}
        notice={noticeOf(c, c.get('t'), NOTICES)}
      />,
    );
  }

  app.get('/cases/:id/rights', async (c) => renderCase(c, await load(c)));

  app.get('/cases/:id/rights/reporter-data', async (c) => {
    const ref = await load(c);
    const file = await buildReporterFile(
      deps.db,
      deps.keyring,
      ref.id,
      c.get('lang'),
      actor(c),
      'staff',
    );
    return c.body(file.text, 200, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
    });
  });

  app.post('/cases/:id/rights/requests', async (c) => {
    const ref = await load(c);
    const values = formStrings(await c.req.parseBody());
    const s = await subjectCase(ref);
    const parsed = StaffRequestInput.safeParse(
      s.counterpart ? { ...values, subject: 'accused' } : values,
    );
    if (!parsed.success) return renderCase(c, ref, values, toFieldErrors(parsed.error, c.get('t')));
    const sealer = liveSealer(s);
    await deps.db
      .transaction()
      .execute((trx) =>
        recordRightsRequest(trx, sealer, { ...parsed.data, via: 'staff' }, actor(c)),
      );
    return saved(c, `/cases/${ref.id}/rights`, 'recorded');
  });

  app.post('/cases/:id/rights/accused-information', async (c) => {
    const ref = await load(c);
    const values = formStrings(await c.req.parseBody());
    const s = await subjectCase(ref);
    if (s.counterpart) throw new AppError('NOT_FOUND'); // recorded on the reporter's case, by its handlers
    const parsed = accusedInformationInput(new Date().toISOString().slice(0, 10)).safeParse(values);
    if (!parsed.success) return renderCase(c, ref, values, toFieldErrors(parsed.error, c.get('t')));
    const sealer = liveSealer(s);
    await deps.db
      .transaction()
      .execute((trx) => recordAccusedInformation(trx, sealer, parsed.data, actor(c)));
    return saved(c, `/cases/${ref.id}/rights`, 'informed');
  });

  async function renderRequest(
    c: Context<AppEnv>,
    ref: StaffCaseContext,
    values: Record<string, string> = {},
    errors: FieldErrors = {},
  ) {
    const s = await subjectCase(ref);
    if (s.counterpart) throw new AppError('NOT_FOUND');
    const request = (await listCaseRequests(deps.db, s.sealer, s, actor(c))).find(
      (r) => r.id === idParam(c, 'rid'),
    );
    if (!request) throw new AppError('NOT_FOUND');
    const canDecideErasure = canUseRoute(
      'POST',
      '/cases/:id/rights/requests/:rid/erasure',
      c.get('user'),
      ref,
    );
    if (Object.keys(errors).length) c.status(422);
    return c.html(
      <RequestPage
        ctx={viewContext(c)}
        caseId={ref.id}
        reference={ref.reference}
        request={request}
        canDecideErasure={canDecideErasure}
        values={values}
        errors={errors}
      />,
    );
  }

  app.get('/cases/:id/rights/requests/:rid', async (c) => renderRequest(c, await load(c)));

  app.post('/cases/:id/rights/requests/:rid/extend', async (c) => {
    const ref = await load(c);
    const s = await subjectCase(ref);
    if (s.counterpart) throw new AppError('NOT_FOUND');
    await deps.db
      .transaction()
      .execute((trx) => extendRightsRequest(trx, s, idParam(c, 'rid'), actor(c)));
    return saved(c, `/cases/${ref.id}/rights/requests/${idParam(c, 'rid')}`, 'extended');
  });

  /** Parses a decision; a granted correction must say whether the original is kept or replaced. */
  async function parseDecision(c: Context<AppEnv>, ref: StaffCaseContext, needsOutcome: boolean) {
    const values = formStrings(await c.req.parseBody());
    const parsed = DecisionInput.safeParse(values);
    if (!parsed.success)
      return {
        error: await renderRequest(c, ref, values, toFieldErrors(parsed.error, c.get('t'))),
      };
    if (needsOutcome && parsed.data.decision === 'granted' && !parsed.data.outcome)
      return {
        error: await renderRequest(c, ref, values, { outcome: c.get('t')('validation.choose') }),
      };
    return { decision: parsed.data, values };
  }

  app.post('/cases/:id/rights/requests/:rid/decision', async (c) => {
    const ref = await load(c);
    const s = await subjectCase(ref);
    if (s.counterpart) throw new AppError('NOT_FOUND');
    const sealer = liveSealer(s);
    const kind = await findRequestKind(deps.db, ref.id, idParam(c, 'rid'));
    if (!kind || kind === 'erasure') throw new AppError('NOT_FOUND');
    const parsed = await parseDecision(c, ref, kind === 'correction');
    if (parsed.error) return parsed.error;
    await deps.db
      .transaction()
      .execute((trx) =>
        decideRightsRequest(trx, sealer, idParam(c, 'rid'), parsed.decision, actor(c)),
      );
    return saved(c, `/cases/${ref.id}/rights/requests/${idParam(c, 'rid')}`, 'decided');
  });

  app.post('/cases/:id/rights/requests/:rid/erasure', async (c) => {
    const ref = await load(c);
    const s = await subjectCase(ref);
    if (s.counterpart) throw new AppError('NOT_FOUND');
    const sealer = liveSealer(s);
    const parsed = await parseDecision(c, ref, false);
    if (parsed.error) return parsed.error;
    try {
      await deps.db
        .transaction()
        .execute((trx) => decideErasure(trx, sealer, idParam(c, 'rid'), parsed.decision, actor(c)));
    } catch (err) {
      if (!(err instanceof HeldError)) throw err;
      return renderRequest(c, ref, parsed.values, { reason: c.get('t')('rights.onHold') });
    }
    // An erased case no longer opens (as after retention): the coordinator goes back to the overview.
    if (parsed.decision.decision === 'granted') return saved(c, '/rights-requests', 'erased');
    return saved(c, `/cases/${ref.id}/rights/requests/${idParam(c, 'rid')}`, 'decided');
  });

  app.get('/rights-requests', async (c) => {
    const teamIds = teamsWithRole(signedInUser(c).memberships, ['safety_coordinator']);
    return c.html(
      <TeamRightsPage
        ctx={viewContext(c)}
        rows={await listOpenRequests(deps.db, teamIds)}
        notice={noticeOf(c, c.get('t'), NOTICES)}
      />,
    );
  });

  return app;
}

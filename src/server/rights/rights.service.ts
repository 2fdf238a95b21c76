import crypto from 'node:crypto';
import type { Db } from '../db/create-db.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import type { SealedCase } from '../crypto/case-key.js';
import { eraseCaseOnRequest } from '../retention/retention.service.js';
import {
  dueOnFor,
  extendedDueOn,
  type RightsKind,
  type RightsSubject,
} from '../../domain/rights.js';
import {
  findAccusedInformation,
  findRequestRow,
  insertRightsRequest,
  listOpenRequestRows,
  listRequestRows,
  upsertAccusedInformation,
} from './rights.queries.js';
import { presentForReporter, presentRequest } from './rights.presenter.js';

type CaseOf = { id: string; teamId: string };
const isoToday = (now: Date) => now.toISOString().slice(0, 10);

/**
 * Records a data subject's request on a case: from the mailbox (the reporter) or by staff on
 * someone's behalf (a named reporter, or the accused). The legal term starts today. A second open
 * request of the same kind from the same person is not made twice: the open one is returned.
 */
export async function recordRightsRequest(
  trx: Db,
  sealer: SealedCase,
  input: { subject: RightsSubject; kind: RightsKind; details?: string; via: 'mailbox' | 'staff' },
  actor: AuditActor,
  now = new Date(),
): Promise<string> {
  const open = (await listRequestRows(trx, sealer.id, input.subject)).find(
    (r) => r.kind === input.kind && r.status === 'open',
  );
  if (open && input.via === 'mailbox') return open.id;
  const id = crypto.randomUUID();
  const today = isoToday(now);
  await insertRightsRequest(trx, {
    id,
    case_id: sealer.id,
    team_id: sealer.teamId,
    subject: input.subject,
    kind: input.kind,
    via: input.via,
    requested_on: today,
    due_on: dueOnFor(today),
    details: input.details ? sealer.sealRow(input.details, 'rights-details', id) : null,
    recorded_by: actor.userId ?? null,
  });
  await recordAudit(trx, {
    type: 'RIGHTS_REQUEST_RECORDED',
    actor,
    teamId: sealer.teamId,
    caseId: sealer.id,
    detail: { requestId: id, subject: input.subject, kind: input.kind, via: input.via },
  });
  return id;
}

/** The reporter's requests as the mailbox shows them. */
export async function listReporterRequests(db: Db, caseId: string, now = new Date()) {
  return (await listRequestRows(db, caseId, 'reporter')).map((r) =>
    presentForReporter(r, isoToday(now)),
  );
}

/**
 * The requests on a case for its handlers, with their free text; the read is audited. For the
 * adviser of the accused's support case (`counterpart`), only the accused's requests and never
 * what was withheld to protect the reporter.
 */
export async function listCaseRequests(
  db: Db,
  sealer: SealedCase | undefined,
  c: CaseOf,
  actor: AuditActor,
  opts: { counterpart?: boolean; now?: Date } = {},
) {
  const today = isoToday(opts.now ?? new Date());
  const rows = await listRequestRows(db, c.id, opts.counterpart ? 'accused' : undefined);
  await db.transaction().execute((trx) =>
    recordAudit(trx, {
      type: 'RIGHTS_REQUESTS_VIEWED',
      actor,
      teamId: c.teamId,
      caseId: c.id,
      detail: { counterpart: opts.counterpart ?? false },
    }),
  );
  return rows.map((r) => presentRequest(r, sealer, today, { withheld: !opts.counterpart }));
}

/** The coordinator's overview: open requests of their teams, soonest due first (no content). */
export async function listOpenRequests(db: Db, teamIds: string[], now = new Date()) {
  const today = isoToday(now);
  return (await listOpenRequestRows(db, teamIds)).map((r) => ({
    ...r,
    daysLeft: Math.round((Date.parse(r.due_on) - Date.parse(today)) / 86_400_000),
  }));
}

async function getOpenRequest(trx: Db, caseId: string, requestId: string) {
  const row = await findRequestRow(trx, caseId, requestId);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** Art. 12(3): the term extended once by two months (the person is told why in the mailbox or by staff). */
export async function extendRightsRequest(
  trx: Db,
  c: CaseOf,
  requestId: string,
  actor: AuditActor,
): Promise<boolean> {
  const row = await getOpenRequest(trx, c.id, requestId);
  if (row.status !== 'open' || row.extended) return false;
  const dueOn = extendedDueOn(row.requested_on);
  await trx
    .updateTable('rights_request')
    .set({ extended: true, due_on: dueOn })
    .where('id', '=', row.id)
    .execute();
  await recordAudit(trx, {
    type: 'RIGHTS_REQUEST_EXTENDED',
    actor,
    teamId: c.teamId,
    caseId: c.id,
    detail: { requestId: row.id, dueOn },
  });
  return true;
}

export interface Decision {
  decision: 'granted' | 'refused';
  reason: string;
  note?: string;
  /** Correction: the original kept beside the correction, or replaced by `newText`. */
  outcome?: 'kept' | 'replaced';
  newText?: string;
  /** Access by the accused: what was handed over, and what was withheld (to protect the reporter). */
  disclosed?: string;
  withheld?: string;
}

/**
 * Decides an open request of access or correction (the case's handlers). A granted correction
 * either keeps the original narrative (the correction stays recorded beside it) or replaces it.
 */
export async function decideRightsRequest(
  trx: Db,
  sealer: SealedCase,
  requestId: string,
  d: Decision,
  actor: AuditActor,
  now = new Date(),
): Promise<boolean> {
  const row = await getOpenRequest(trx, sealer.id, requestId);
  if (row.kind === 'erasure') throw new AppError('FORBIDDEN'); // the coordinator's decision: decideErasure
  if (row.status !== 'open') return false;
  // Only what fits the request is kept: an outcome for a granted correction, disclosure for access.
  d = {
    ...d,
    outcome: row.kind === 'correction' && d.decision === 'granted' ? d.outcome : undefined,
    disclosed: row.kind === 'access' ? d.disclosed : undefined,
    withheld: row.kind === 'access' ? d.withheld : undefined,
  };
  await writeDecision(trx, sealer, row.id, d, actor, now);
  if (
    row.kind === 'correction' &&
    d.decision === 'granted' &&
    d.outcome === 'replaced' &&
    d.newText
  ) {
    await trx
      .updateTable('case')
      .set({ summary: sealer.seal(d.newText, 'summary'), updated_at: now })
      .where('id', '=', sealer.id)
      .execute();
    await recordAudit(trx, {
      type: 'CASE_NARRATIVE_CORRECTED',
      actor,
      teamId: sealer.teamId,
      caseId: sealer.id,
      detail: { requestId: row.id },
    });
  }
  await auditDecision(trx, sealer, row, d, actor);
  return true;
}

/**
 * The coordinator decides an erasure request. Granted for the reporter: the whole case's content
 * is erased as retention does (statistics kept) and the case is closed; for the accused: their
 * identity and identifiers are removed from the case. False when the case is on hold (lift it or refuse).
 */
export async function decideErasure(
  trx: Db,
  sealer: SealedCase,
  requestId: string,
  d: Decision,
  actor: AuditActor,
  now = new Date(),
): Promise<'done' | 'held' | 'decided'> {
  const row = await getOpenRequest(trx, sealer.id, requestId);
  if (row.kind !== 'erasure') throw new AppError('NOT_FOUND');
  if (row.status !== 'open') return 'decided';
  d = { decision: d.decision, reason: d.reason, note: d.note };
  await writeDecision(trx, sealer, row.id, d, actor, now);
  await auditDecision(trx, sealer, row, d, actor);
  if (d.decision === 'refused') return 'done';
  if (row.subject === 'accused') {
    await trx
      .deleteFrom('case_party')
      .where('case_id', '=', sealer.id)
      .where('party', '=', 'accused')
      .execute();
    await trx.deleteFrom('accused_identifier').where('case_id', '=', sealer.id).execute();
    await recordAudit(trx, {
      type: 'ACCUSED_DATA_ERASED',
      actor,
      teamId: sealer.teamId,
      caseId: sealer.id,
      detail: { requestId: row.id },
    });
    return 'done';
  }
  if (!(await eraseCaseOnRequest(trx, sealer.id, now, actor))) throw new HeldError();
  // An erased case is finished: no more deadlines or check-ins about a case without content.
  await trx
    .updateTable('case')
    .set((eb) => ({
      status: 'closed',
      closed_on: eb.fn.coalesce('closed_on', eb.val(isoToday(now))),
      next_due_on: null,
      next_checkin_on: null,
    }))
    .where('id', '=', sealer.id)
    .execute();
  return 'done';
}

/** Thrown inside the transaction so that the decision rolls back when the case is on hold. */
export class HeldError extends Error {}

async function writeDecision(
  trx: Db,
  sealer: SealedCase,
  id: string,
  d: Decision,
  actor: AuditActor,
  now: Date,
) {
  const seal = (v: string | undefined, field: string) => (v ? sealer.sealRow(v, field, id) : null);
  await trx
    .updateTable('rights_request')
    .set({
      status: d.decision,
      reason: d.reason,
      outcome: d.outcome ?? null,
      decision_note: seal(d.note, 'rights-decision-note'),
      disclosed: seal(d.disclosed, 'rights-disclosed'),
      withheld: seal(d.withheld, 'rights-withheld'),
      decided_by: actor.userId ?? null,
      decided_at: now,
    })
    .where('id', '=', id)
    .execute();
}

async function auditDecision(
  trx: Db,
  sealer: SealedCase,
  row: { id: string; subject: string; kind: string },
  d: Decision,
  actor: AuditActor,
) {
  await recordAudit(trx, {
    type: 'RIGHTS_REQUEST_DECIDED',
    actor,
    teamId: sealer.teamId,
    caseId: sealer.id,
    detail: {
      requestId: row.id,
      subject: row.subject,
      kind: row.kind,
      decision: d.decision,
      reason: d.reason,
      ...(d.outcome ? { outcome: d.outcome } : {}),
    },
  });
}

/** Art. 14: the accused was informed on a date, or informing them is deferred with a reason and a review date. */
export type AccusedInformationInput =
  | { state: 'informed'; informedOn: string }
  | { state: 'deferred'; reason: string; reviewOn: string };

export async function recordAccusedInformation(
  trx: Db,
  sealer: SealedCase,
  input: AccusedInformationInput,
  actor: AuditActor & { userId: string },
) {
  await upsertAccusedInformation(trx, {
    case_id: sealer.id,
    informed_on: input.state === 'informed' ? input.informedOn : null,
    deferred_reason:
      input.state === 'deferred' ? sealer.seal(input.reason, 'accused-information-reason') : null,
    review_on: input.state === 'deferred' ? input.reviewOn : null,
    recorded_by: actor.userId,
  });
  await recordAudit(trx, {
    type: 'ACCUSED_INFORMATION_RECORDED',
    actor,
    teamId: sealer.teamId,
    caseId: sealer.id,
    detail:
      input.state === 'informed'
        ? { state: 'informed', informedOn: input.informedOn }
        : { state: 'deferred', reviewOn: input.reviewOn },
  });
}

/** The art. 14 record as a page shows it; the reason for deferring only to the case's own handlers. */
export async function getAccusedInformation(
  db: Db,
  sealer: SealedCase | undefined,
  caseId: string,
  opts: { withReason: boolean },
) {
  const row = await findAccusedInformation(db, caseId);
  if (!row) return undefined;
  return {
    informedOn: row.informed_on,
    reviewOn: row.review_on,
    reason:
      opts.withReason && row.deferred_reason && sealer
        ? sealer.openText(row.deferred_reason, 'accused-information-reason')
        : undefined,
    recordedAt: row.recorded_at,
  };
}

import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { recordAudit } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import type { SessionUser } from '../users/users.service.js';
import { boardTeamIds, canDecideRequest } from './board.policy.js';
import type { DecisionInput } from './escalation.schema.js';
import { loadCaseContext } from '../cases/case-context.js';

/**
 * The board's side of the careful process: the requests of its teams (anonymised: no reference,
 * no parties, no link to the case), approved or declined with a reason, and the acute-risk shares
 * made without asking, shown afterwards with their reason. Every read and decision is audited.
 */
export async function listRequestsForBoard(db: Db, user: SessionUser) {
  const teams = boardTeamIds(user.memberships);
  if (teams.length === 0) return [];
  const rows = await db
    .selectFrom('escalation_request')
    .select(['id', 'status', 'partner_key', 'info', 'requested_at', 'decided_at'])
    .where('team_id', 'in', teams)
    .orderBy('requested_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    partner: r.partner_key,
    info: r.info,
    requestedOn: r.requested_at.toISOString().slice(0, 10),
    decidedOn: r.decided_at?.toISOString().slice(0, 10) ?? null,
  }));
}

async function loadForBoard(db: Db, keyring: Keyring, user: SessionUser, requestId: string) {
  const row = await db
    .selectFrom('escalation_request')
    .selectAll()
    .where('id', '=', requestId)
    .executeTakeFirst();
  if (!row || !canDecideRequest(user.memberships, row.team_id)) {
    await db.transaction().execute((trx) =>
      recordAudit(trx, {
        type: 'ESCALATION_REQUEST_ACCESS_REFUSED',
        actor: { kind: 'user', userId: user.id },
        teamId: row?.team_id ?? null,
        detail: { requestId },
      }),
    );
    throw new AppError('NOT_FOUND');
  }
  const work = await loadCaseContext(db, keyring, row.case_id, {
    kind: 'checked',
    userId: user.id,
  });
  return { row, work };
}

export async function getRequestForBoard(
  db: Db,
  keyring: Keyring,
  user: SessionUser,
  requestId: string,
) {
  const { row, work } = await loadForBoard(db, keyring, user, requestId);
  await db
    .transaction()
    .execute((trx) => work.audit(trx, 'ESCALATION_REQUEST_VIEWED', { requestId, asBoard: true }));
  return {
    id: row.id,
    status: row.status,
    partner: row.partner_key,
    info: row.info,
    requestedOn: row.requested_at.toISOString().slice(0, 10),
    what: work.openRowText(row.what, 'request-what', row.id),
    why: work.openRowText(row.why, 'request-why', row.id),
    framework2: {
      allOptionsUsed: row.all_options_used,
      consentEffortsMade: row.consent_efforts_made,
      necessaryForRisk: row.necessary_for_risk,
    },
    decidedOn: row.decided_at?.toISOString().slice(0, 10) ?? null,
    reason: work.openRowOptional(row.decision_reason, 'request-decision', row.id),
  };
}
export type BoardRequestView = Awaited<ReturnType<typeof getRequestForBoard>>;

/** Approves or declines a pending request, with a reason; a decided request stays decided. */
export async function decideRequest(
  db: Db,
  keyring: Keyring,
  user: SessionUser,
  requestId: string,
  input: DecisionInput,
) {
  const { row, work } = await loadForBoard(db, keyring, user, requestId);
  if (row.status !== 'pending') throw new AppError('FORBIDDEN');
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('escalation_request')
      .set({
        status: input.decision,
        decided_by: user.id,
        decided_at: new Date(),
        decision_reason: work.sealRow(input.reason, 'request-decision', row.id),
      })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw new AppError('FORBIDDEN');
    await work.audit(
      trx,
      input.decision === 'approved' ? 'ESCALATION_REQUEST_APPROVED' : 'ESCALATION_REQUEST_DECLINED',
      { requestId },
    );
  });
}

/** Shares made under an acute-risk override in the board's teams, with the recorded reason — shown afterwards. */
export async function listAcuteSharesForBoard(db: Db, keyring: Keyring, user: SessionUser) {
  const teams = boardTeamIds(user.memberships);
  if (teams.length === 0) return [];
  const rows = await db
    .selectFrom('external_share')
    .innerJoin('case', 'case.id', 'external_share.case_id')
    .innerJoin('consent_override', 'consent_override.id', 'external_share.ledger_basis_id')
    .select([
      'external_share.id',
      'external_share.case_id',
      'case.team_id',
      'external_share.partner_key',
      'external_share.info',
      'external_share.shared_on',
      'consent_override.reason',
    ])
    .where('case.team_id', 'in', teams)
    .where('external_share.basis', '=', 'acute_override')
    .orderBy('external_share.shared_on', 'desc')
    .limit(50)
    .execute();
  const out = [];
  for (const r of rows) {
    const shared = await loadCaseContext(db, keyring, r.case_id, {
      kind: 'checked',
      userId: user.id,
    });
    out.push({
      id: r.id,
      partner: r.partner_key,
      info: r.info,
      sharedOn: r.shared_on,
      reason: shared.openText(r.reason, 'override-reason'),
    });
    await db.transaction().execute((trx) =>
      recordAudit(trx, {
        type: 'ACUTE_SHARE_SHOWN_TO_BOARD',
        actor: { kind: 'user', userId: user.id },
        teamId: r.team_id,
        caseId: r.case_id,
        detail: { shareId: r.id },
      }),
    );
  }
  return out;
}

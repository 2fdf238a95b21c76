import crypto from 'node:crypto';
import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { seal } from '../crypto/seal.js';
import { caseAad } from '../crypto/case-key.js';
import { recordAudit } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import type { Membership } from '../../domain/roles.js';
import type { SessionUser } from '../users/users.service.js';
import { loadCaseContext } from './case-context.js';
import { canBeAssigned, inboxTeamIds, isAssignmentReasonRequired } from './cases.policy.js';
import { CaseRuleError } from './case-rule-error.js';

async function membershipsOf(db: Db, userId: string): Promise<Membership[]> {
  const rows = await db
    .selectFrom('team_membership')
    .innerJoin('app_user', 'app_user.id', 'team_membership.user_id')
    .select(['team_id', 'role'])
    .where('user_id', '=', userId)
    .where('app_user.is_active', '=', true)
    .execute();
  return rows.map((r) => ({ teamId: r.team_id, teamKey: '', role: r.role }));
}

/**
 * Gives the case one point of contact. A reassignment, or passing over the adviser the
 * reporter chose, needs a reason (sealed; the audit says only that there was one).
 */
export async function assignCase(
  db: Db,
  keyring: Keyring,
  user: SessionUser,
  caseId: string,
  input: { adviserId: string; assignReason?: string },
) {
  const loaded = await loadCaseContext(db, keyring, caseId, {
    kind: 'user',
    user: user,
    need: 'assign',
  });
  const { row, facts, dataKey } = loaded;
  if (row.assigned_adviser_id === input.adviserId)
    throw new CaseRuleError('adviserId', 'cases.assign.alreadyAssigned');
  if (!canBeAssigned(input.adviserId, await membershipsOf(db, input.adviserId), facts)) {
    throw new CaseRuleError('adviserId', 'cases.assign.notEligible');
  }
  const reason = input.assignReason?.trim();
  if (
    !reason &&
    isAssignmentReasonRequired(
      { assignedAdviserId: row.assigned_adviser_id, preferredAdviserId: row.preferred_adviser_id },
      input.adviserId,
    )
  ) {
    throw new CaseRuleError('assignReason', 'cases.assign.reasonRequired');
  }
  await db.transaction().execute(async (trx) => {
    await recordAssignment(trx, {
      caseId,
      dataKey,
      adviserId: input.adviserId,
      by: user.id,
      reason,
    });
    await recordAudit(trx, {
      type: 'CASE_ASSIGNED',
      actor: { kind: 'user', userId: user.id },
      teamId: row.team_id,
      caseId,
      detail: {
        adviserId: input.adviserId,
        previousAdviserId: row.assigned_adviser_id,
        hasReason: Boolean(reason),
      },
    });
  });
}

export async function recordAssignment(
  trx: Db,
  a: { caseId: string; dataKey?: Buffer; adviserId: string; by: string; reason?: string },
) {
  const id = crypto.randomUUID();
  await trx
    .updateTable('case')
    .set({ assigned_adviser_id: a.adviserId, updated_at: new Date() })
    .where('id', '=', a.caseId)
    .execute();
  await trx
    .insertInto('case_assignment')
    .values({
      id,
      case_id: a.caseId,
      adviser_id: a.adviserId,
      assigned_by: a.by,
      reason:
        a.reason && a.dataKey
          ? seal(a.dataKey, a.reason, caseAad(a.caseId, `assignment:${id}:reason`))
          : null,
    })
    .execute();
}

/**
 * An adviser or coordinator declares a conflict of interest: from then on they are shut out of
 * the case (policy), and when they were its adviser, the case goes back to unassigned.
 */
export async function declareConflict(db: Db, user: SessionUser, caseId: string) {
  const row = await db
    .selectFrom('case')
    .select(['team_id', 'assigned_adviser_id'])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!row || !inboxTeamIds(user.memberships).includes(row.team_id))
    throw new AppError('NOT_FOUND');
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('case_conflict')
      .values({ case_id: caseId, user_id: user.id })
      .onConflict((oc) => oc.columns(['case_id', 'user_id']).doNothing())
      .returning('case_id')
      .executeTakeFirst();
    if (!inserted) return;
    const wasAdviser = row.assigned_adviser_id === user.id;
    if (wasAdviser)
      await trx
        .updateTable('case')
        .set({ assigned_adviser_id: null, updated_at: new Date() })
        .where('id', '=', caseId)
        .execute();
    await recordAudit(trx, {
      type: 'CASE_CONFLICT_DECLARED',
      actor: { kind: 'user', userId: user.id },
      teamId: row.team_id,
      caseId,
      detail: { unassigned: wasAdviser },
    });
  });
}

import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { recordAudit } from '../audit/audit.service.js';
import type { SessionUser } from '../users/users.service.js';
import { loadCaseContext } from './case-context.js';
import { recordAssignment } from './case-assignment.service.js';
import { canBeAssigned } from './cases.policy.js';
import { findSupportCase } from './case-record.queries.js';
import { CaseRuleError } from './case-rule-error.js';
import { createCase } from './cases.service.js';

/**
 * Opens a separate support case for the accused of a case, handled by a different adviser:
 * the adviser supporting the reporter never also supports the accused (cases.policy).
 * The new case carries no content of the reporter's case.
 */
export async function createSupportCase(
  db: Db,
  keyring: Keyring,
  user: SessionUser,
  caseId: string,
  input: { supportAdviserId: string; supportChannel: string },
  today: string,
) {
  const { row } = await loadCaseContext(db, keyring, caseId, {
    kind: 'user',
    user: user,
    need: 'handle',
  });
  if (await findSupportCase(db, caseId))
    throw new CaseRuleError('supportAdviserId', 'cases.support.exists');
  const facts = {
    teamId: row.team_id,
    assignedAdviserId: null,
    conflictedUserIds: [],
    counterpartAdviserId: row.assigned_adviser_id,
  };
  const memberships = await db
    .selectFrom('team_membership')
    .select(['team_id', 'role'])
    .where('user_id', '=', input.supportAdviserId)
    .execute();
  if (
    !canBeAssigned(
      input.supportAdviserId,
      memberships.map((m) => ({ teamId: m.team_id, teamKey: '', role: m.role })),
      facts,
    )
  ) {
    throw new CaseRuleError('supportAdviserId', 'cases.support.sameAdviser');
  }
  return db.transaction().execute(async (trx) => {
    const created = await createCase(
      trx,
      keyring,
      {
        teamId: row.team_id,
        source: 'support',
        receivedOn: today,
        channel: input.supportChannel,
        via: 'other',
        reporterRole: row.accused_role,
        reporterGender: 'not_stated',
        category: row.category,
        subtype: row.subtype ?? undefined,
        location: row.location,
        accusedRole: 'unknown',
        isAnonymous: false,
        narrative: '',
        registeredBy: user.id,
        supportForCaseId: caseId,
      },
      { kind: 'user', userId: user.id },
    );
    await recordAssignment(trx, {
      caseId: created.id,
      adviserId: input.supportAdviserId,
      by: user.id,
    });
    await recordAudit(trx, {
      type: 'CASE_ASSIGNED',
      actor: { kind: 'user', userId: user.id },
      teamId: row.team_id,
      caseId: created.id,
      detail: { adviserId: input.supportAdviserId, previousAdviserId: null, hasReason: false },
    });
    await recordAudit(trx, {
      type: 'CASE_SUPPORT_CASE_CREATED',
      actor: { kind: 'user', userId: user.id },
      teamId: row.team_id,
      caseId,
      detail: { supportCaseId: created.id },
    });
    return created;
  });
}

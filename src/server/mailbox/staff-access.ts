import type { Db } from '../db/create-db.js';
import { recordAudit } from '../audit/audit.service.js';
import { canOpenCase } from '../cases/cases.policy.js';
import { AppError } from '../http/errors.js';
import type { SessionUser } from '../users/users.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The same rule as opening the case (cases.policy canOpenCase) guards messages, minutes and
 * appointments on the staff side. A refusal is audited; another team's case answers NOT_FOUND.
 */
export async function assertStaffCaseAccess(db: Db, user: SessionUser, caseId: string): Promise<{ teamId: string; reference: string }> {
  const row = UUID.test(caseId)
    ? await db.selectFrom('case').select(['team_id', 'assigned_adviser_id', 'reference']).where('id', '=', caseId).executeTakeFirst()
    : undefined;
  if (row && canOpenCase(user.id, user.memberships, { teamId: row.team_id, assignedAdviserId: row.assigned_adviser_id })) {
    return { teamId: row.team_id, reference: row.reference };
  }
  const sameTeam = row && user.memberships.some((m) => m.teamId === row.team_id);
  await db.transaction().execute((trx) =>
    recordAudit(trx, { type: 'CASE_ACCESS_REFUSED', actor: { kind: 'user', userId: user.id }, teamId: row?.team_id ?? null, caseId: row ? caseId : null }),
  );
  throw new AppError(sameTeam ? 'FORBIDDEN' : 'NOT_FOUND');
}

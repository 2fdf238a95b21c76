import type { Db } from '../db/create-db.js';
import { recordAudit } from '../audit/audit.service.js';
import { findCaseAccessFacts } from '../cases/case-access.js';
import { canOpenCase } from '../cases/cases.policy.js';
import { AppError } from '../http/errors.js';
import type { SessionUser } from '../users/users.service.js';
import { UUID } from '../http/params.js';

/**
 * The same rule as opening the case (cases.policy canOpenCase, with conflicts and the other
 * party's adviser) guards messages, minutes and appointments on the staff side. A refusal is
 * audited; another team's case answers NOT_FOUND.
 */
export async function assertStaffCaseAccess(
  db: Db,
  user: SessionUser,
  caseId: string,
): Promise<{ teamId: string; reference: string }> {
  const facts = UUID.test(caseId) ? await findCaseAccessFacts(db, caseId) : undefined;
  const row = facts
    ? await db.selectFrom('case').select('reference').where('id', '=', caseId).executeTakeFirst()
    : undefined;
  if (facts && row && canOpenCase(user.id, user.memberships, facts))
    return { teamId: facts.teamId, reference: row.reference };
  const sameTeam = facts !== undefined && user.memberships.some((m) => m.teamId === facts.teamId);
  await db.transaction().execute((trx) =>
    recordAudit(trx, {
      type: 'CASE_ACCESS_REFUSED',
      actor: { kind: 'user', userId: user.id },
      teamId: facts?.teamId ?? null,
      caseId: facts ? caseId : null,
    }),
  );
  throw new AppError(sameTeam ? 'FORBIDDEN' : 'NOT_FOUND');
}

import type { Db } from '../db/create-db.js';
import { hasRole } from '../../domain/roles.js';
import { recordAudit } from '../audit/audit.service.js';
import { requireConsent } from '../consent/consent.service.js';
import type { SessionUser } from '../users/users.service.js';
import type { CaseContext } from '../cases/case-context.js';

/**
 * Identities of reporter and accused: the assigned adviser and the team's coordinator see
 * them; anyone else only after a coordinator granted access, which needs the reporter's
 * consent (identity_reveal to that person) and is audited.
 */
export function isIdentityHolder(
  user: Pick<SessionUser, 'id' | 'memberships'>,
  c: { teamId: string; assignedAdviserId: string | null },
): boolean {
  return (
    hasRole(user.memberships, c.teamId, ['safety_coordinator']) || c.assignedAdviserId === user.id
  );
}

export async function canSeeIdentity(
  db: Db,
  user: Pick<SessionUser, 'id' | 'memberships'>,
  c: { id: string; teamId: string; assignedAdviserId: string | null },
) {
  if (isIdentityHolder(user, c)) return true;
  const granted = await db
    .selectFrom('identity_access')
    .select('user_id')
    .where('case_id', '=', c.id)
    .where('user_id', '=', user.id)
    .executeTakeFirst();
  return granted !== undefined;
}

/** Grants one staff member access to the identities; throws CONSENT_REQUIRED without consent. */
export async function grantIdentityAccess(
  trx: Db,
  c: CaseContext,
  targetUserId: string,
  actor: { kind: 'user'; userId: string },
) {
  const basis = await requireConsent(trx, c.id, {
    info: 'reporter_identity',
    recipient: { kind: 'person', value: targetUserId },
    purpose: 'identity_reveal',
  });
  await trx
    .insertInto('identity_access')
    .values({ case_id: c.id, user_id: targetUserId, granted_by: actor.userId })
    .onConflict((oc) => oc.columns(['case_id', 'user_id']).doNothing())
    .execute();
  await recordAudit(trx, {
    type: 'IDENTITY_ACCESS_GRANTED',
    actor,
    teamId: c.teamId,
    caseId: c.id,
    detail: {
      userId: targetUserId,
      basis: basis.basis,
      basisId: basis.basis === 'consent' ? basis.grantId : basis.overrideId,
    },
  });
}

/** Who holds granted access to the identities of a case (besides adviser and coordinator). */
export async function listIdentityAccess(db: Db, caseId: string) {
  const rows = await db
    .selectFrom('identity_access')
    .innerJoin('app_user', 'app_user.id', 'identity_access.user_id')
    .select(['identity_access.user_id', 'app_user.display_name', 'identity_access.granted_at'])
    .where('identity_access.case_id', '=', caseId)
    .orderBy('identity_access.granted_at')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, name: r.display_name, grantedAt: r.granted_at }));
}

/** Ends one staff member's access to the identities; the grant and its revocation stay in the audit trail. */
export async function revokeIdentityAccess(
  trx: Db,
  c: CaseContext,
  targetUserId: string,
  actor: { kind: 'user'; userId: string },
): Promise<boolean> {
  const gone = await trx
    .deleteFrom('identity_access')
    .where('case_id', '=', c.id)
    .where('user_id', '=', targetUserId)
    .returning('user_id')
    .executeTakeFirst();
  if (!gone) return false;
  await recordAudit(trx, {
    type: 'IDENTITY_ACCESS_REVOKED',
    actor,
    teamId: c.teamId,
    caseId: c.id,
    detail: { userId: targetUserId },
  });
  return true;
}

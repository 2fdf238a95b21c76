import type { Db } from '../db/create-db.js';
import { recordAudit } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import type { SessionUser } from '../users/users.service.js';
import { canUseRoute, isSameTeam, type CaseFacts } from './access.policy.js';
import { findCaseAccessFacts } from '../cases/case-access.js';

export interface CaseRef extends CaseFacts {
  id: string;
  reference: string;
}

/**
 * Loads a case for a route on it and checks the need-to-know table; a refusal is audited and
 * answers FORBIDDEN inside the own team, NOT_FOUND outside it (existence does not leak).
 */
export async function getCaseForRoute(db: Db, user: SessionUser, caseId: string, route: { method: 'GET' | 'POST'; path: string }): Promise<CaseRef> {
  const row = /^[0-9a-f-]{36}$/.test(caseId)
    ? await db.selectFrom('case').select(['id', 'team_id', 'reference', 'assigned_adviser_id']).where('id', '=', caseId).executeTakeFirst()
    : undefined;
  const facts = row ? await findCaseAccessFacts(db, row.id) : undefined; // with conflicts and counterpart adviser
  if (!row || !facts || !canUseRoute(route.method, route.path, user, facts)) {
    await db.transaction().execute((trx) =>
      recordAudit(trx, {
        type: 'CASE_ACCESS_REFUSED',
        actor: { kind: 'user', userId: user.id },
        teamId: row?.team_id ?? null,
        caseId: row?.id ?? null,
        detail: { route: `${route.method} ${route.path}` },
      }),
    );
    throw new AppError(facts && isSameTeam(user, facts) ? 'FORBIDDEN' : 'NOT_FOUND');
  }
  return { id: row.id, reference: row.reference, ...facts };
}

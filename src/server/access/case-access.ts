import type { Db } from '../db/create-db.js';
import { recordAudit } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import type { SessionUser } from '../users/users.service.js';
import { isAllowed, isSameTeam, type CaseFacts } from './access.policy.js';
import { findRouteAccess } from './access.table.js';
import { findCaseAccessFacts } from '../cases/case-access.js';

export interface CaseRef extends CaseFacts {
  id: string;
  reference: string;
}

/**
 * Loads a case for a route on it and checks the need-to-know table; a refusal is audited and
 * answers FORBIDDEN inside the own team, NOT_FOUND outside it (existence does not leak).
 */
export async function getCaseForRoute(
  db: Db,
  user: SessionUser,
  caseId: string,
  route: { method: 'GET' | 'POST'; path: string },
): Promise<CaseRef> {
  const row = /^[0-9a-f-]{36}$/.test(caseId)
    ? await db
        .selectFrom('case')
        .select(['id', 'team_id', 'reference', 'assigned_adviser_id'])
        .where('id', '=', caseId)
        .executeTakeFirst()
    : undefined;
  const entry = findRouteAccess(route.method, route.path);
  const found = row ? await findCaseAccessFacts(db, row.id) : undefined; // with conflicts and counterpart adviser
  const facts =
    found && entry?.rule.kind === 'case' && entry.rule.grant
      ? { ...found, grantees: await listGrantees(db, row!.id) }
      : found;
  if (!row || !facts || !entry || !isAllowed(entry.rule, user, facts)) {
    await db.transaction().execute((trx) =>
      recordAudit(trx, {
        type: 'CASE_ACCESS_REFUSED',
        actor: { kind: 'user', userId: user.id },
        teamId: row?.team_id ?? null,
        caseId: row?.id ?? null,
        detail: {
          route: `${route.method} ${route.path}`,
          conflict: facts?.conflictedUserIds?.includes(user.id) ?? false,
        },
      }),
    );
    throw new AppError(facts && isSameTeam(user, facts) ? 'FORBIDDEN' : 'NOT_FOUND');
  }
  return { id: row.id, reference: row.reference, ...facts };
}

/** Holders of the case's threat-log grant (a communications officer keeping the evidence log). */
async function listGrantees(db: Db, caseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('threat_log_grant')
    .select('user_id')
    .where('case_id', '=', caseId)
    .execute();
  return rows.map((r) => r.user_id);
}

import type { Db } from '../db/create-db.js';
import { isCoordinator } from '../cases/cases.policy.js';
import type { SessionUser } from '../users/users.service.js';

export interface RetentionPanel {
  hold: boolean;
  retentionMonths: number;
}

/** What the case page shows of retention — to the team's coordinator only (who alone may hold). */
export async function findRetentionPanel(
  db: Db,
  user: SessionUser,
  caseId: string,
): Promise<RetentionPanel | undefined> {
  const row = await db
    .selectFrom('case')
    .innerJoin('team', 'team.id', 'case.team_id')
    .select(['case.team_id', 'case.retention_hold', 'team.retention_months'])
    .where('case.id', '=', caseId)
    .executeTakeFirst();
  if (!row || !isCoordinator(user.memberships, row.team_id)) return undefined;
  return { hold: row.retention_hold, retentionMonths: row.retention_months };
}

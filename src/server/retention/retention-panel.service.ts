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
  loaded: { teamId: string; row: { retention_hold: boolean } },
): Promise<RetentionPanel | undefined> {
  if (!isCoordinator(user.memberships, loaded.teamId)) return undefined;
  const team = await db
    .selectFrom('team')
    .select('retention_months')
    .where('id', '=', loaded.teamId)
    .executeTakeFirstOrThrow();
  return { hold: loaded.row.retention_hold, retentionMonths: team.retention_months };
}

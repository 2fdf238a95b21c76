import type { Db } from '../db/create-db.js';

/**
 * Threat cases whose next periodic check-in date has come (cases not closed), with the
 * assigned adviser when one is active — otherwise the job reminds the team's coordinators.
 */
export async function listDueThreatCheckins(db: Db, today: string) {
  return db
    .selectFrom('threat_support')
    .innerJoin('case', 'case.id', 'threat_support.case_id')
    .leftJoin('app_user as adviser', (j) =>
      j.onRef('adviser.id', '=', 'case.assigned_adviser_id').on('adviser.is_active', '=', true),
    )
    .select([
      'case.id',
      'case.team_id',
      'case.reference',
      'threat_support.next_checkin_on',
      'adviser.id as adviser_id',
      'adviser.email',
      'adviser.locale',
    ])
    .where('threat_support.next_checkin_on', '<=', today)
    .where('case.status', '<>', 'closed')
    .orderBy('threat_support.next_checkin_on')
    .execute();
}

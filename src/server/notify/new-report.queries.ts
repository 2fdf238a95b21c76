import type { Db } from '../db/create-db.js';

/** The active advisers and coordinators of the team that a case belongs to, once each. */
export async function listNewReportRecipients(db: Db, caseId: string) {
  return db
    .selectFrom('case')
    .innerJoin('team_membership as m', 'm.team_id', 'case.team_id')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.email', 'u.locale'])
    .distinct()
    .where('case.id', '=', caseId)
    .where('u.is_active', '=', true)
    .where('m.role', 'in', ['confidential_adviser', 'safety_coordinator'])
    .orderBy('u.id')
    .execute();
}

import type { Db } from '../db/create-db.js';

export function listAssessmentRows(db: Db, caseId: string) {
  return db
    .selectFrom('risk_assessment')
    .innerJoin('app_user', 'app_user.id', 'risk_assessment.assessed_by')
    .select([
      'risk_assessment.id',
      'level',
      'computed_level',
      'answers',
      'reasoning',
      'reassess_on',
      'assessed_at',
      'app_user.display_name as assessor',
    ])
    .where('case_id', '=', caseId)
    .orderBy('assessed_at', 'desc')
    .execute();
}

export async function findLatestLevel(db: Db, caseId: string) {
  const row = await db
    .selectFrom('risk_assessment')
    .select('level')
    .where('case_id', '=', caseId)
    .orderBy('assessed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.level;
}

/** The latest assessment of each open case whose re-assessment date has come and that has not been reminded. */
export function listDueReassessments(db: Db, today: string) {
  return db
    .selectFrom('risk_assessment as r')
    .innerJoin('case', 'case.id', 'r.case_id')
    .leftJoin('app_user', 'app_user.id', 'case.assigned_adviser_id')
    .select([
      'r.id',
      'r.case_id',
      'r.reassess_on',
      'case.team_id',
      'case.reference',
      'app_user.id as adviser_id',
      'app_user.email',
      'app_user.locale',
    ])
    .where('r.reassess_on', '<=', today)
    .where('r.reminder_sent_at', 'is', null)
    .where('case.status', '!=', 'closed')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('risk_assessment as later')
            .select('later.id')
            .whereRef('later.case_id', '=', 'r.case_id')
            .whereRef('later.assessed_at', '>', 'r.assessed_at'),
        ),
      ),
    )
    .execute();
}

/** Claims one reminder; false when another process already sent it. */
export async function claimReassessReminder(db: Db, id: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('risk_assessment')
    .set({ reminder_sent_at: now })
    .where('id', '=', id)
    .where('reminder_sent_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

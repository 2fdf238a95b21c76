import type { Db } from '../db/create-db.js';

/** Open cases with an assigned adviser whose next deadline falls within the team's lead days. */
export async function listDeadlineCandidates(db: Db, latestDueOn: string) {
  return db
    .selectFrom('case')
    .innerJoin('team', 'team.id', 'case.team_id')
    .innerJoin('app_user', 'app_user.id', 'case.assigned_adviser_id')
    .select([
      'case.id', 'case.team_id', 'case.reference', 'case.status', 'case.ack_due_on', 'case.acknowledged_on', 'case.feedback_due_on',
      'case.feedback_given_on', 'case.next_due_on', 'team.reminder_lead_days', 'app_user.id as adviser_id', 'app_user.email', 'app_user.locale',
    ])
    .where('case.next_due_on', '<=', latestDueOn)
    .where('case.status', '<>', 'closed')
    .where('app_user.is_active', '=', true)
    .execute();
}

/** Cases in aftercare whose check-in date has come. */
export async function listCheckinCandidates(db: Db, today: string) {
  return db
    .selectFrom('case')
    .innerJoin('app_user', 'app_user.id', 'case.assigned_adviser_id')
    .select(['case.id', 'case.team_id', 'case.reference', 'case.next_checkin_on', 'case.aftercare_every_weeks', 'app_user.id as adviser_id', 'app_user.email', 'app_user.locale'])
    .where('case.status', '=', 'aftercare')
    .where('case.next_checkin_on', '<=', today)
    .where('app_user.is_active', '=', true)
    .execute();
}

/** Open tasks that are due, of cases with an assigned adviser. */
export async function listDueTasks(db: Db, today: string) {
  return db
    .selectFrom('case_task')
    .innerJoin('case', 'case.id', 'case_task.case_id')
    .innerJoin('app_user', 'app_user.id', 'case.assigned_adviser_id')
    .select(['case_task.id as task_id', 'case_task.due_on', 'case.id', 'case.team_id', 'case.reference', 'app_user.id as adviser_id', 'app_user.email', 'app_user.locale'])
    .where('case_task.done_at', 'is', null)
    .where('case_task.due_on', '<=', today)
    .where('case.status', '<>', 'closed')
    .where('app_user.is_active', '=', true)
    .execute();
}

/** Claims a reminder key; false when it was already claimed (by this or another process). */
export async function claimReminder(trx: Db, r: { key: string; caseId: string; kind: string; recipientId: string }): Promise<boolean> {
  const row = await trx
    .insertInto('deadline_reminder')
    .values({ key: r.key, case_id: r.caseId, kind: r.kind, recipient_id: r.recipientId })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

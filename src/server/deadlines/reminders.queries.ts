import type { Db } from '../db/create-db.js';

/**
 * The assigned adviser's columns, or nulls when nobody (active) is assigned: the job then
 * reminds the team's coordinators instead (listTeamCoordinators).
 */
const ADVISER = ['adviser.id as adviser_id', 'adviser.email', 'adviser.locale'] as const;

/** Open cases whose next deadline falls on or before `latestDueOn`. */
export async function listDeadlineCandidates(db: Db, latestDueOn: string) {
  return db
    .selectFrom('case')
    .innerJoin('team', 'team.id', 'case.team_id')
    .leftJoin('app_user as adviser', (j) =>
      j.onRef('adviser.id', '=', 'case.assigned_adviser_id').on('adviser.is_active', '=', true),
    )
    .select([
      'case.id',
      'case.team_id',
      'case.reference',
      'case.status',
      'case.ack_due_on',
      'case.acknowledged_on',
      'case.feedback_due_on',
      'case.feedback_given_on',
      'case.next_due_on',
      'team.reminder_lead_days',
      ...ADVISER,
    ])
    .where('case.next_due_on', '<=', latestDueOn)
    .where('case.status', '<>', 'closed')
    .execute();
}

/** Cases in aftercare whose check-in date has come. */
export async function listCheckinCandidates(db: Db, today: string) {
  return db
    .selectFrom('case')
    .leftJoin('app_user as adviser', (j) =>
      j.onRef('adviser.id', '=', 'case.assigned_adviser_id').on('adviser.is_active', '=', true),
    )
    .select([
      'case.id',
      'case.team_id',
      'case.reference',
      'case.next_checkin_on',
      'case.aftercare_every_weeks',
      ...ADVISER,
    ])
    .where('case.status', '=', 'aftercare')
    .where('case.next_checkin_on', '<=', today)
    .execute();
}

/** Open tasks that are due, of cases still open. */
export async function listDueTasks(db: Db, today: string) {
  return db
    .selectFrom('case_task')
    .innerJoin('case', 'case.id', 'case_task.case_id')
    .leftJoin('app_user as adviser', (j) =>
      j.onRef('adviser.id', '=', 'case.assigned_adviser_id').on('adviser.is_active', '=', true),
    )
    .select([
      'case_task.id as task_id',
      'case_task.due_on',
      'case.id',
      'case.team_id',
      'case.reference',
      ...ADVISER,
    ])
    .where('case_task.done_at', 'is', null)
    .where('case_task.due_on', '<=', today)
    .where('case.status', '<>', 'closed')
    .execute();
}

/** The active coordinators of the given teams: who is reminded of cases without an adviser. */
export async function listTeamCoordinators(db: Db, teamIds: string[]) {
  if (teamIds.length === 0) return [];
  return db
    .selectFrom('team_membership')
    .innerJoin('app_user', 'app_user.id', 'team_membership.user_id')
    .select(['team_membership.team_id', 'app_user.id', 'app_user.email', 'app_user.locale'])
    .where('team_membership.team_id', 'in', teamIds)
    .where('team_membership.role', '=', 'safety_coordinator')
    .where('app_user.is_active', '=', true)
    .orderBy('app_user.id')
    .execute();
}

/** Claims a reminder key; false when it was already claimed (by this or another process). */
export async function claimReminder(
  trx: Db,
  r: { key: string; caseId: string; kind: string; recipientId: string },
): Promise<boolean> {
  const row = await trx
    .insertInto('deadline_reminder')
    .values({ key: r.key, case_id: r.caseId, kind: r.kind, recipient_id: r.recipientId })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

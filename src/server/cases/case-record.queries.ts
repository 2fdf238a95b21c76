import type { Db } from '../db/create-db.js';

/** The parts of a case record beside the case row: timeline, tasks, links, history. */

export async function listContactRows(db: Db, caseId: string) {
  return db
    .selectFrom('case_contact')
    .innerJoin('app_user', 'app_user.id', 'case_contact.recorded_by')
    .select([
      'case_contact.id',
      'occurred_on',
      'channel',
      'participants',
      'notes',
      'is_feedback',
      'app_user.display_name as recorded_by_name',
    ])
    .where('case_id', '=', caseId)
    .orderBy('occurred_on')
    .orderBy('case_contact.created_at')
    .execute();
}

export async function listTaskRows(db: Db, caseId: string) {
  return db
    .selectFrom('case_task')
    .select(['id', 'title', 'due_on', 'done_at'])
    .where('case_id', '=', caseId)
    .orderBy('due_on')
    .orderBy('created_at')
    .execute();
}

export async function listLinkedCaseRows(db: Db, caseId: string) {
  const ids = await db
    .selectFrom('case_link')
    .select(['case_id', 'linked_case_id'])
    .where((eb) => eb.or([eb('case_id', '=', caseId), eb('linked_case_id', '=', caseId)]))
    .execute();
  const others = ids.map((l) => (l.case_id === caseId ? l.linked_case_id : l.case_id));
  if (others.length === 0) return [];
  return db
    .selectFrom('case')
    .select(['id', 'reference', 'status'])
    .where('id', 'in', others)
    .orderBy('reference')
    .execute();
}

export async function listStatusChangeRows(db: Db, caseId: string) {
  return (
    db
      .selectFrom('case_status_change')
      // A change made by an integration names its API token instead of a staff member.
      .leftJoin('app_user', 'app_user.id', 'case_status_change.changed_by')
      .leftJoin('api_token', 'api_token.id', 'case_status_change.changed_by_token')
      .select([
        'case_status_change.id',
        'from_status',
        'to_status',
        'reason',
        'changed_at',
        'app_user.display_name as changed_by_name',
        'api_token.name as changed_by_token_name',
      ])
      .where('case_id', '=', caseId)
      .orderBy('changed_at')
      .execute()
  );
}

export async function listAssignmentRows(db: Db, caseId: string) {
  return db
    .selectFrom('case_assignment')
    .innerJoin('app_user as adviser', 'adviser.id', 'case_assignment.adviser_id')
    .select(['case_assignment.id', 'adviser.display_name as adviser_name', 'reason', 'assigned_at'])
    .where('case_id', '=', caseId)
    .orderBy('assigned_at')
    .execute();
}

export async function findSupportCase(db: Db, caseId: string) {
  return db
    .selectFrom('case')
    .select(['id', 'reference'])
    .where('support_for_case_id', '=', caseId)
    .executeTakeFirst();
}

export async function findCaseByReference(db: Db, teamId: string, reference: string) {
  return db
    .selectFrom('case')
    .select(['id', 'team_id'])
    .where('team_id', '=', teamId)
    .where('reference', '=', reference)
    .executeTakeFirst();
}

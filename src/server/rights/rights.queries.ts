import type { Db } from '../db/create-db.js';
import type { RightsRequest } from '../db/schema.js';
import type { Insertable } from 'kysely';
import { isUuid } from '../http/params.js';

/** Kysely only: the rights requests of a case or team, and the accused's information record. */

export async function insertRightsRequest(db: Db, row: Insertable<RightsRequest> & { id: string }) {
  await db.insertInto('rights_request').values(row).execute();
}

/** A case's team, whether it is erased, and the reporter's case when it is an accused's support case. */
export async function findCaseLink(db: Db, caseId: string) {
  return db
    .selectFrom('case')
    .select(['id', 'team_id', 'support_for_case_id', 'erased_at'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
}

export async function findRequestKind(db: Db, caseId: string, requestId: string) {
  return (
    await db
      .selectFrom('rights_request')
      .select('kind')
      .where('case_id', '=', caseId)
      .where('id', '=', requestId)
      .executeTakeFirst()
  )?.kind;
}

export async function listRequestRows(db: Db, caseId: string, subject?: 'reporter' | 'accused') {
  let q = db.selectFrom('rights_request').selectAll().where('case_id', '=', caseId);
  if (subject) q = q.where('subject', '=', subject);
  return q.orderBy('requested_on', 'desc').orderBy('created_at', 'desc').execute();
}

export async function findRequestRow(db: Db, caseId: string, requestId: string) {
  if (!isUuid(requestId)) return undefined;
  return db
    .selectFrom('rights_request')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('id', '=', requestId)
    .forUpdate()
    .executeTakeFirst();
}

/** Open requests of the given teams, soonest due first, with the case reference: metadata only. */
export async function listOpenRequestRows(db: Db, teamIds: string[]) {
  if (teamIds.length === 0) return [];
  return db
    .selectFrom('rights_request')
    .innerJoin('case', 'case.id', 'rights_request.case_id')
    .select([
      'rights_request.id',
      'rights_request.case_id',
      'rights_request.team_id',
      'rights_request.subject',
      'rights_request.kind',
      'rights_request.via',
      'rights_request.requested_on',
      'rights_request.due_on',
      'rights_request.extended',
      'case.reference',
    ])
    .where('rights_request.team_id', 'in', teamIds)
    .where('rights_request.status', '=', 'open')
    .orderBy('rights_request.due_on')
    .orderBy('case.reference')
    .execute();
}

export async function findAccusedInformation(db: Db, caseId: string) {
  return db
    .selectFrom('accused_information')
    .selectAll()
    .where('case_id', '=', caseId)
    .executeTakeFirst();
}

export async function upsertAccusedInformation(
  db: Db,
  row: {
    case_id: string;
    informed_on: string | null;
    deferred_reason: Buffer | null;
    review_on: string | null;
    recorded_by: string;
  },
) {
  await db
    .insertInto('accused_information')
    .values({ ...row, recorded_at: new Date() })
    .onConflict((oc) =>
      oc.column('case_id').doUpdateSet({
        informed_on: row.informed_on,
        deferred_reason: row.deferred_reason,
        review_on: row.review_on,
        recorded_by: row.recorded_by,
        recorded_at: new Date(),
      }),
    )
    .execute();
}

const ADVISER = ['adviser.id as adviser_id', 'adviser.email', 'adviser.locale'] as const;

/** Open requests whose reminder day has come (the job claims each key once). */
export async function listRequestsToRemind(db: Db, latestDueOn: string) {
  return db
    .selectFrom('rights_request')
    .innerJoin('case', 'case.id', 'rights_request.case_id')
    .select([
      'rights_request.id',
      'rights_request.case_id',
      'rights_request.team_id',
      'rights_request.due_on',
      'case.reference',
    ])
    .where('rights_request.status', '=', 'open')
    .where('rights_request.due_on', '<=', latestDueOn)
    .execute();
}

/** Deferred art. 14 information whose review date has come, with the case's active adviser. */
export async function listDueReviews(db: Db, today: string) {
  return db
    .selectFrom('accused_information')
    .innerJoin('case', 'case.id', 'accused_information.case_id')
    .leftJoin('app_user as adviser', (j) =>
      j.onRef('adviser.id', '=', 'case.assigned_adviser_id').on('adviser.is_active', '=', true),
    )
    .select([
      'case.id',
      'case.team_id',
      'case.reference',
      'accused_information.review_on',
      ...ADVISER,
    ])
    .where('accused_information.informed_on', 'is', null)
    .where('accused_information.review_on', '<=', today)
    .where('case.erased_at', 'is', null)
    .execute();
}

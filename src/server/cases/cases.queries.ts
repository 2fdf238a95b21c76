import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';

export async function nextCaseNumber(trx: Db, teamId: string): Promise<number> {
  const row = await trx
    .updateTable('team')
    .set({ case_counter: sql`case_counter + 1` })
    .where('id', '=', teamId)
    .returning('case_counter')
    .executeTakeFirstOrThrow();
  return row.case_counter;
}

export interface InboxFilter {
  teamIds: string[];
  limit: number;
  /** Keyset cursor: received_on and id of the last row of the previous page. */
  after?: { receivedOn: string; id: string };
}

export async function listInboxRows(db: Db, f: InboxFilter) {
  if (f.teamIds.length === 0) return [];
  let q = db
    .selectFrom('case')
    .leftJoin('app_user', 'app_user.id', 'case.assigned_adviser_id')
    .select([
      'case.id',
      'case.team_id',
      'case.reference',
      'case.received_on',
      'case.category',
      'case.status',
      'case.is_anonymous',
      'case.is_urgent',
      'case.ack_due_on',
      'app_user.display_name as adviser_name',
    ])
    .where('case.team_id', 'in', f.teamIds);
  if (f.after) {
    const { receivedOn, id } = f.after;
    q = q.where((eb) =>
      eb.or([eb('case.received_on', '<', receivedOn), eb.and([eb('case.received_on', '=', receivedOn), eb('case.id', '<', id)])]),
    );
  }
  return q.orderBy('case.received_on', 'desc').orderBy('case.id', 'desc').limit(f.limit).execute();
}

export async function findCaseRow(db: Db, caseId: string) {
  return db
    .selectFrom('case')
    .innerJoin('case_key', 'case_key.case_id', 'case.id')
    .leftJoin('app_user', 'app_user.id', 'case.assigned_adviser_id')
    .selectAll('case')
    .select(['case_key.master_key_id', 'case_key.wrapped_key', 'app_user.display_name as adviser_name'])
    .where('case.id', '=', caseId)
    .executeTakeFirst();
}

export async function findParty(db: Db, caseId: string, party: 'reporter' | 'accused') {
  return db.selectFrom('case_party').select('identity').where('case_id', '=', caseId).where('party', '=', party).executeTakeFirst();
}

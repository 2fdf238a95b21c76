import type { Db } from '../db/create-db.js';

export function findConsultationRow(db: Db, id: string) {
  return db.selectFrom('expert_consultation').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listCaseConsultationRows(db: Db, caseId: string) {
  return db
    .selectFrom('expert_consultation')
    .select(['id', 'status', 'created_at', 'published_at'])
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute();
}

export function listPublishedRows(db: Db, teamIds: string[]) {
  if (teamIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('expert_consultation')
    .select(['id', 'case_id', 'team_id', 'published_at'])
    .where('team_id', 'in', teamIds)
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .execute();
}

export function listAdviceRows(db: Db, consultationId: string) {
  return db
    .selectFrom('expert_advice')
    .innerJoin('app_user', 'app_user.id', 'expert_advice.author_id')
    .select([
      'expert_advice.id',
      'advice',
      'expert_advice.created_at',
      'app_user.display_name as author',
    ])
    .where('consultation_id', '=', consultationId)
    .orderBy('expert_advice.created_at')
    .execute();
}

export function listPartyIdentities(db: Db, caseId: string) {
  return db
    .selectFrom('case_party')
    .select(['party', 'identity'])
    .where('case_id', '=', caseId)
    .execute();
}

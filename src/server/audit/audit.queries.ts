import type { Db } from '../db/create-db.js';

export interface AuditFilter {
  teamIds: string[];
  caseId?: string;
  limit: number;
}

/** The newest events of the given teams (ids and codes only; names of staff actors joined). */
export async function listAuditRows(db: Db, f: AuditFilter) {
  if (f.teamIds.length === 0) return [];
  let q = db
    .selectFrom('audit_event')
    .leftJoin('app_user', 'app_user.id', 'audit_event.actor_user_id')
    .leftJoin('case', 'case.id', 'audit_event.case_id')
    .select([
      'audit_event.id',
      'audit_event.occurred_at',
      'audit_event.type',
      'audit_event.actor_kind',
      'audit_event.case_id',
      'audit_event.detail',
      'app_user.display_name as actor_name',
      'case.reference',
    ])
    .where('audit_event.team_id', 'in', f.teamIds);
  if (f.caseId) q = q.where('audit_event.case_id', '=', f.caseId);
  return q.orderBy('audit_event.id', 'desc').limit(f.limit).execute();
}

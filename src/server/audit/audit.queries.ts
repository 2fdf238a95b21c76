import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';

/** Who acted: a staff member by id, or one of the actors without an account. */
export type AuditActorFilter =
  { kind: 'user'; userId: string } | { kind: 'reporter' | 'system' | 'cli' };

export interface AuditFilter {
  teamIds: string[];
  /** The cases with the chosen reference in these teams (empty: a reference that matched none). */
  caseIds?: string[];
  actor?: AuditActorFilter;
  types?: readonly string[];
  /** Calendar dates (YYYY-MM-DD) in Amsterdam time, both inclusive. */
  from?: string;
  to?: string;
  /** Only events up to this one: the pages of one visit stay put while new events arrive. */
  uptoId?: number;
}

const TIME_ZONE = 'Europe/Amsterdam';

function filtered(db: Db, f: AuditFilter) {
  let q = db.selectFrom('audit_event').where('audit_event.team_id', 'in', f.teamIds);
  if (f.caseIds) q = q.where('audit_event.case_id', 'in', f.caseIds);
  if (f.actor?.kind === 'user') q = q.where('audit_event.actor_user_id', '=', f.actor.userId);
  else if (f.actor) q = q.where('audit_event.actor_kind', '=', f.actor.kind);
  if (f.types) q = q.where('audit_event.type', 'in', f.types);
  if (f.uptoId !== undefined) q = q.where('audit_event.id', '<=', f.uptoId);
  if (f.from)
    q = q.where(
      'audit_event.occurred_at',
      '>=',
      sql<Date>`(${f.from}::date)::timestamp AT TIME ZONE ${TIME_ZONE}`,
    );
  if (f.to)
    q = q.where(
      'audit_event.occurred_at',
      '<',
      sql<Date>`(${f.to}::date + 1)::timestamp AT TIME ZONE ${TIME_ZONE}`,
    );
  return q;
}

function nothingToFind(f: AuditFilter): boolean {
  return f.teamIds.length === 0 || f.caseIds?.length === 0 || f.types?.length === 0;
}

/**
 * One page of the events of the given teams, newest first: ids and codes only, with the actor's
 * name and the case's reference joined for display (never case content).
 */
export async function listAuditRows(
  db: Db,
  f: AuditFilter,
  page: { limit: number; offset: number },
) {
  if (nothingToFind(f)) return [];
  return filtered(db, f)
    .leftJoin('app_user', 'app_user.id', 'audit_event.actor_user_id')
    .leftJoin('case', 'case.id', 'audit_event.case_id')
    .select([
      'audit_event.id',
      'audit_event.occurred_at',
      'audit_event.type',
      'audit_event.actor_kind',
      'audit_event.actor_user_id',
      'audit_event.case_id',
      'audit_event.detail',
      'app_user.display_name as actor_name',
      'case.reference',
    ])
    .orderBy('audit_event.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countAuditRows(db: Db, f: AuditFilter): Promise<number> {
  if (nothingToFind(f)) return 0;
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The cases of these teams with this reference (unique per team). */
export async function caseIdsByReference(db: Db, teamIds: string[], reference: string) {
  if (teamIds.length === 0) return [];
  const rows = await db
    .selectFrom('case')
    .select(['id', 'team_id'])
    .where('team_id', 'in', teamIds)
    .where('reference', '=', reference)
    .execute();
  return rows.map((r) => ({ caseId: r.id, teamId: r.team_id }));
}

/** The people the person filter offers: everyone with a role in these teams, by name. */
export async function listTeamPeople(db: Db, teamIds: string[]) {
  if (teamIds.length === 0) return [];
  return db
    .selectFrom('team_membership')
    .innerJoin('app_user', 'app_user.id', 'team_membership.user_id')
    .where('team_membership.team_id', 'in', teamIds)
    .select(['app_user.id', 'app_user.display_name as name'])
    .distinct()
    .orderBy('app_user.display_name')
    .execute();
}

/** Names of staff members, for ids that appear in the details of events. */
export async function userNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('app_user')
    .select(['id', 'display_name'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** References of these teams' cases, for ids that appear in the details of events. */
export async function caseReferences(
  db: Db,
  teamIds: string[],
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0 || teamIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('case')
    .select(['id', 'reference'])
    .where('team_id', 'in', teamIds)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.reference]));
}

/** One event's number, time and kind: what the chain check says about the first broken one. */
export async function auditEventHeader(db: Db, id: number) {
  return db
    .selectFrom('audit_event')
    .select(['id', 'occurred_at', 'type'])
    .where('id', '=', id)
    .executeTakeFirst();
}

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
  /** The viewer: cases in which they declared a conflict of interest are left out. */
  userId: string;
  limit: number;
  unassigned?: boolean;
  adviserId?: string;
  status?: string;
  category?: string;
  year?: number;
  referencePrefix?: string;
  /** Open deadline on or before this date (ISO); with dueFrom, a range. */
  dueUntil?: string;
  dueFrom?: string;
  /** Today (ISO): an open case whose next deadline lies before it needs attention. */
  today: string;
  /** Keyset cursor: needs-attention flag, received_on and id of the last row of the previous page. */
  after?: { attention: boolean; receivedOn: string; id: string };
}

/**
 * One page of the inbox: cases that need attention (urgent and still open, or past a deadline)
 * first, then newest first (issue 19). Every filter is an equality or range on a column that
 * leads one of the case_inbox_* indexes together with team_id; the attention flag is computed,
 * so the team's matching cases are sorted per page (decision 029), and the keyset cursor
 * continues the same order (attention DESC, received_on DESC, id DESC).
 */
export async function listInboxRows(db: Db, f: InboxFilter) {
  if (f.teamIds.length === 0) return [];
  const attention = sql<boolean>`((${sql.ref('case.is_urgent')} and ${sql.ref('case.status')} <> 'closed') or coalesce(${sql.ref('case.next_due_on')} < ${f.today}, false))`;
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
      'case.next_due_on',
      'case.support_for_case_id',
      'app_user.display_name as adviser_name',
      attention.as('needs_attention'),
      // Escrowed by the reporter and not yet woken (patterns): shown as a marker, nothing more.
      ({ exists, selectFrom }) =>
        exists(
          selectFrom('pattern_escrow')
            .select('pattern_escrow.case_id')
            .whereRef('pattern_escrow.case_id', '=', 'case.id')
            .where('pattern_escrow.state', '=', 'dormant'),
        ).as('is_dormant'),
    ])
    .where('case.team_id', 'in', f.teamIds)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('case_conflict')
            .select('case_conflict.case_id')
            .whereRef('case_conflict.case_id', '=', 'case.id')
            .where('case_conflict.user_id', '=', f.userId),
        ),
      ),
    );
  if (f.unassigned) q = q.where('case.assigned_adviser_id', 'is', null);
  if (f.adviserId) q = q.where('case.assigned_adviser_id', '=', f.adviserId);
  if (f.status) q = q.where('case.status', '=', f.status);
  if (f.category) q = q.where('case.category', '=', f.category);
  if (f.year)
    q = q
      .where('case.received_on', '>=', `${f.year}-01-01`)
      .where('case.received_on', '<', `${f.year + 1}-01-01`);
  if (f.referencePrefix)
    q = q.where('case.reference', 'like', `${f.referencePrefix.replace(/[\\%_]/g, '\\$&')}%`);
  if (f.dueUntil) q = q.where('case.next_due_on', '<=', f.dueUntil);
  if (f.dueFrom) q = q.where('case.next_due_on', '>=', f.dueFrom);
  if (f.after) {
    const { receivedOn, id } = f.after;
    const on = sql.ref('case.received_on');
    const later = sql<boolean>`(${on} < ${receivedOn} or (${on} = ${receivedOn} and ${sql.ref('case.id')} < ${id}))`;
    q = q.where(
      f.after.attention
        ? sql<boolean>`(not ${attention} or (${attention} and ${later}))`
        : sql<boolean>`(not ${attention} and ${later})`,
    );
  }
  return q
    .orderBy(attention, 'desc')
    .orderBy('case.received_on', 'desc')
    .orderBy('case.id', 'desc')
    .limit(f.limit)
    .execute();
}

export async function findCaseRow(db: Db, caseId: string) {
  return (
    db
      .selectFrom('case')
      .innerJoin('case_key', 'case_key.case_id', 'case.id')
      // The key that wraps the case's data key when it is its institution's (decision 037); only
      // the case's own institution's key counts.
      .leftJoin('institution_key', (j) =>
        j
          .onRef('institution_key.key_id', '=', 'case_key.master_key_id')
          .onRef('institution_key.institution_id', '=', 'case.institution_id'),
      )
      .leftJoin('app_user', 'app_user.id', 'case.assigned_adviser_id')
      .selectAll('case')
      .select([
        'case_key.master_key_id',
        'case_key.wrapped_key',
        'institution_key.key_id as institution_key_id',
        'institution_key.master_key_id as institution_key_master_key_id',
        'institution_key.wrapped_key as institution_key_wrapped_key',
        'app_user.display_name as adviser_name',
      ])
      .where('case.id', '=', caseId)
      .executeTakeFirst()
  );
}
/** The id of a team's case by its reference (references are unique per team only). */
export async function findTeamCaseId(db: Db, teamId: string, reference: string) {
  const row = await db
    .selectFrom('case')
    .select('id')
    .where('team_id', '=', teamId)
    .where('reference', '=', reference)
    .executeTakeFirst();
  return row?.id;
}

export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCaseRow>>>;

export async function findParty(
  db: Db,
  caseId: string,
  party: 'reporter' | 'accused' | 'intermediary',
) {
  return db
    .selectFrom('case_party')
    .select('identity')
    .where('case_id', '=', caseId)
    .where('party', '=', party)
    .executeTakeFirst();
}

export async function listConflictedUserIds(db: Db, caseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('case_conflict')
    .select('user_id')
    .where('case_id', '=', caseId)
    .execute();
  return rows.map((r) => r.user_id);
}

/** Of the given cases, those in which the user declared a conflict of interest. */
export async function listConflictedCaseIds(
  db: Db,
  userId: string,
  caseIds: readonly string[],
): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('case_conflict')
    .select('case_id')
    .where('user_id', '=', userId)
    .where('case_id', 'in', caseIds)
    .execute();
  return new Set(rows.map((r) => r.case_id));
}

/** The adviser of the other party: of the support case for the accused, or of the reporter's case. */
export async function findCounterpartAdviserId(
  db: Db,
  c: { id: string; support_for_case_id: string | null },
): Promise<string | null> {
  const row = c.support_for_case_id
    ? await db
        .selectFrom('case')
        .select('assigned_adviser_id')
        .where('id', '=', c.support_for_case_id)
        .executeTakeFirst()
    : await db
        .selectFrom('case')
        .select('assigned_adviser_id')
        .where('support_for_case_id', '=', c.id)
        .where('assigned_adviser_id', 'is not', null)
        .executeTakeFirst();
  return row?.assigned_adviser_id ?? null;
}

/** Advisers of a team, for assignment and the inbox filter. */
export async function listTeamAdvisers(db: Db, teamIds: string[]) {
  if (teamIds.length === 0) return [];
  return db
    .selectFrom('team_membership')
    .innerJoin('app_user', 'app_user.id', 'team_membership.user_id')
    .select(['app_user.id', 'app_user.display_name', 'team_membership.team_id'])
    .where('team_membership.team_id', 'in', teamIds)
    .where('team_membership.role', '=', 'confidential_adviser')
    .where('app_user.is_active', '=', true)
    .orderBy('app_user.display_name')
    .execute();
}

/** Holders of the case's threat-log grant (a communications officer keeping the evidence log). */
export async function listGrantees(db: Db, caseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('threat_log_grant')
    .select('user_id')
    .where('case_id', '=', caseId)
    .execute();
  return rows.map((r) => r.user_id);
}

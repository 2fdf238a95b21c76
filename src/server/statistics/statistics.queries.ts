import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';

export interface YearCount {
  year: number;
  key: string;
  count: number;
}

/** Reports per year and category (or organisation unit, null = 'undefined') over a span of years. */
export async function listTrendCounts(
  db: Db,
  teamId: string,
  from: number,
  until: number,
  by: 'category' | 'org_unit_key',
): Promise<YearCount[]> {
  const rows = await db
    .selectFrom('case')
    .select([
      sql<number>`EXTRACT(YEAR FROM received_on)::int`.as('year'),
      sql<string>`coalesce(${sql.ref(by)}, 'undefined')`.as('key'),
      sql<number>`count(*)::int`.as('count'),
    ])
    .where('team_id', '=', teamId)
    .where('support_for_case_id', 'is', null)
    .where('received_on', '>=', `${from}-01-01`)
    .where('received_on', '<', `${until + 1}-01-01`)
    .groupBy([sql`1`, sql`2`])
    .execute();
  return rows;
}

/**
 * Reports per year by one column (category, status or follow-up path; none yet = 'none') over a
 * span of years: counts only, for the ombudsperson's aggregates (issue 21).
 */
export async function listCountsBy(
  db: Db,
  teamId: string,
  from: number,
  until: number,
  by: 'category' | 'status' | 'follow_up',
): Promise<YearCount[]> {
  return db
    .selectFrom('case')
    .select([
      sql<number>`EXTRACT(YEAR FROM received_on)::int`.as('year'),
      sql<string>`coalesce(${sql.ref(by)}, 'none')`.as('key'),
      sql<number>`count(*)::int`.as('count'),
    ])
    .where('team_id', '=', teamId)
    .where('support_for_case_id', 'is', null)
    .where('received_on', '>=', `${from}-01-01`)
    .where('received_on', '<', `${until + 1}-01-01`)
    .groupBy([sql`1`, sql`2`])
    .execute();
}

export async function findSuppressionThreshold(db: Db, teamId: string): Promise<number> {
  const row = await db
    .selectFrom('team')
    .select('suppression_threshold')
    .where('id', '=', teamId)
    .executeTakeFirstOrThrow();
  return row.suppression_threshold;
}

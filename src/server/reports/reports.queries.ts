import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import type { GroupedCount, OrgUnitLabel, PartnerCountEntry } from '../../domain/annual-report.js';

/**
 * Every breakdown of the annual report, for one team and two calendar years, in one statement:
 * first one hash aggregate over the cases of the two years (found through the index on
 * (team_id, received_on)) down to their distinct combinations, then GROUPING SETS over those
 * few combinations. Which set a result row belongs to is read from GROUPING(); the keys of
 * that set are its only non-null grouped columns. About 0.35 s for 1,000,000 cases on
 * PostgreSQL 15 (bench/annual-report.ts). Call inside a transaction: SET LOCAL gives the
 * aggregate memory enough to hash instead of sorting on disk.
 */
export async function listGroupedCounts(
  db: Db,
  teamId: string,
  year: number,
): Promise<GroupedCount[]> {
  const from = `${year - 1}-01-01`;
  const until = `${year + 1}-01-01`;
  await sql`SET LOCAL work_mem = '64MB'`.execute(db);
  const { rows } = await sql<GroupedCount>`
    WITH combination AS (
      SELECT EXTRACT(YEAR FROM received_on)::int AS year, category, subtype, org_unit_key, reporter_gender,
        channel, via, reporter_role, accused_role, follow_up, count(*)::int AS n
      FROM "case"
      WHERE team_id = ${teamId} AND received_on >= ${from}::date AND received_on < ${until}::date
        AND support_for_case_id IS NULL -- a support case for the accused is not a report
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
    )
    SELECT c.year,
      CASE
        WHEN GROUPING(c.subtype) = 0 THEN 'subtype'
        WHEN GROUPING(c.category) = 0 THEN 'category'
        WHEN GROUPING(c.org_unit_key) = 0 THEN 'orgUnit'
        WHEN GROUPING(c.reporter_gender) = 0 THEN 'gender'
        WHEN GROUPING(c.channel) = 0 THEN 'channel'
        WHEN GROUPING(c.via) = 0 THEN 'via'
        WHEN GROUPING(c.reporter_role) = 0 THEN 'relation'
        WHEN GROUPING(c.follow_up) = 0 THEN 'followUp'
        ELSE 'total'
      END AS dimension,
      COALESCE(c.category, c.org_unit_key, c.reporter_gender, c.channel, c.via, c.reporter_role, c.follow_up) AS key,
      COALESCE(c.subtype, c.accused_role) AS key2,
      sum(c.n)::int AS count
    FROM combination c
    GROUP BY GROUPING SETS (
      (c.year), (c.year, c.category), (c.year, c.category, c.subtype), (c.year, c.org_unit_key),
      (c.year, c.reporter_gender), (c.year, c.channel), (c.year, c.via),
      (c.year, c.reporter_role, c.accused_role), (c.year, c.follow_up)
    )
  `.execute(db);
  return rows;
}

export async function listOrgUnitLabels(db: Db, teamId: string): Promise<OrgUnitLabel[]> {
  const rows = await db
    .selectFrom('org_unit')
    .select(['key', 'label_nl', 'label_en'])
    .where('team_id', '=', teamId)
    .execute();
  return rows.map((r) => ({ key: r.key, labelNl: r.label_nl, labelEn: r.label_en }));
}

export async function listPartnerCounts(
  db: Db,
  teamId: string,
  year: number,
): Promise<PartnerCountEntry[]> {
  return db
    .selectFrom('partner_count')
    .select(['service', 'category', sql<number>`sum(count)::int`.as('count')]) // the periods of the year added up (issue 7)
    .where('team_id', '=', teamId)
    .where('year', '=', year)
    .groupBy(['service', 'category'])
    .orderBy('service')
    .orderBy('category')
    .execute();
}

import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';

/** The breakdowns of the national overview, in the order of the page (decision 040). */
export const OVERVIEW_DIMENSIONS = [
  'category',
  'reporterRole',
  'via',
  'channel',
  'quarter',
  'state',
] as const;
export type OverviewDimension = (typeof OVERVIEW_DIMENSIONS)[number];

export interface InstitutionCount {
  institutionId: string;
  dimension: OverviewDimension;
  key: string;
  count: number;
}

/**
 * One pass over a year's reports of every institution, grouped per institution by each
 * dimension (GROUPING SETS): counts only, never a case. Support cases (a case opened for the
 * accused's support) are not reports, as in the annual report. Run in the platform context.
 */
export async function listInstitutionCounts(db: Db, year: number): Promise<InstitutionCount[]> {
  const { rows } = await sql<{
    institution_id: string;
    category: string | null;
    reporter_role: string | null;
    via: string | null;
    channel: string | null;
    quarter: number | null;
    closed: boolean | null;
    g: number;
    n: number;
  }>`
    SELECT institution_id, category, reporter_role, via, channel,
      EXTRACT(QUARTER FROM received_on)::int AS quarter, (status = 'closed') AS closed,
      GROUPING(category, reporter_role, via, channel, EXTRACT(QUARTER FROM received_on)::int, (status = 'closed')) AS g,
      count(*)::int AS n
    FROM "case"
    WHERE received_on >= ${`${year}-01-01`}::date AND received_on < ${`${year + 1}-01-01`}::date
      AND support_for_case_id IS NULL
    GROUP BY GROUPING SETS (
      (institution_id, category), (institution_id, reporter_role), (institution_id, via),
      (institution_id, channel), (institution_id, EXTRACT(QUARTER FROM received_on)::int),
      (institution_id, (status = 'closed')))
  `.execute(db);
  // GROUPING(...) has a bit set for each column NOT grouped; 6 columns, highest bit first.
  const bit: Record<OverviewDimension, number> = {
    category: 0b011111,
    reporterRole: 0b101111,
    via: 0b110111,
    channel: 0b111011,
    quarter: 0b111101,
    state: 0b111110,
  };
  return rows.flatMap((r) => {
    const dimension = OVERVIEW_DIMENSIONS.find((d) => bit[d] === Number(r.g));
    if (!dimension) return [];
    const key =
      dimension === 'category'
        ? r.category
        : dimension === 'reporterRole'
          ? r.reporter_role
          : dimension === 'via'
            ? r.via
            : dimension === 'channel'
              ? r.channel
              : dimension === 'quarter'
                ? `q${r.quarter}`
                : r.closed
                  ? 'closed'
                  : 'open';
    return [{ institutionId: r.institution_id, dimension, key: key ?? 'unknown', count: r.n }];
  });
}

export interface InstitutionRow {
  id: string;
  key: string;
  name: string;
  /** The strictest suppression threshold of the institution's teams (decision 015). */
  threshold: number;
}

export async function listInstitutionThresholds(db: Db): Promise<InstitutionRow[]> {
  const { rows } = await sql<InstitutionRow>`
    SELECT i.id, i.key, i.name, coalesce(max(t.suppression_threshold), 5)::int AS threshold
    FROM institution i LEFT JOIN team t ON t.institution_id = i.id
    GROUP BY i.id ORDER BY i.name, i.key`.execute(db);
  return rows;
}

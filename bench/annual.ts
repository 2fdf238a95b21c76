import { sql } from 'kysely';
import type { Deps } from '../src/server/bootstrap.js';
import { getAnnualReport } from '../src/server/reports/reports.service.js';
import { listGroupedCounts } from '../src/server/reports/reports.queries.js';
import { median } from './stats.js';

/**
 * Adds generated cases to a team until it holds `total` bench cases, spread over 2024–2025,
 * with INSERT … SELECT generate_series (100,000 rows per statement).
 */
export async function growCases(
  deps: Deps,
  teamId: string,
  from: number,
  total: number,
): Promise<void> {
  for (let offset = from; offset < total; offset += 100_000) {
    const n = Math.min(100_000, total - offset);
    await sql`
      INSERT INTO "case" (team_id, reference, source, received_on, channel, via, reporter_role, reporter_gender,
        org_unit_key, category, subtype, location, accused_role, follow_up, status)
      SELECT ${teamId}, 'B' || (${offset} + g), 'import', DATE '2024-01-01' + (g % 730),
        (ARRAY['web_form','appointment','in_person','online_meeting','email','phone'])[1 + g % 6],
        (ARRAY['self','staff_member','citizen','board_or_association_contact'])[1 + g % 4],
        (ARRAY['student','phd','staff','external','unknown'])[1 + g % 5],
        (ARRAY['female','male','non_binary','not_stated'])[1 + g % 4],
        (ARRAY['LAW','SBE','FSE','FHML',NULL])[1 + g % 5],
        (ARRAY['sexual_violence','bullying','other','stalking','intimidation','aggression'])[1 + g % 6],
        CASE WHEN g % 6 = 0 THEN (ARRAY['physical','verbal_online'])[1 + g % 2] END,
        (ARRAY['campus','off_campus','online','unknown'])[1 + g % 4],
        (ARRAY['student','staff','external','unknown'])[1 + (g / 7) % 4],
        (ARRAY['advice','referral','guidance',NULL])[1 + g % 4],
        'received'
      FROM generate_series(1, ${n}) g
    `.execute(deps.db);
  }
  await sql`ANALYZE "case"`.execute(deps.db);
}

/** The report's own statement, alone in a transaction, without the application around it: the database's limit. */
async function rawAggregate(deps: Deps, teamId: string, year: number) {
  await deps.db.transaction().execute((trx) => listGroupedCounts(trx, teamId, year));
}

/** The textbook form: GROUPING SETS straight over the rows, without the report's pre-aggregation. */
async function naiveAggregate(deps: Deps, teamId: string, year: number) {
  await sql`
    SELECT EXTRACT(YEAR FROM received_on)::int AS year, category, subtype, org_unit_key, reporter_gender, channel, via,
      reporter_role, accused_role, follow_up, count(*)::int
    FROM "case"
    WHERE team_id = ${teamId} AND received_on >= ${`${year - 1}-01-01`}::date AND received_on < ${`${year + 1}-01-01`}::date
    GROUP BY GROUPING SETS ((1), (1, category), (1, category, subtype), (1, org_unit_key), (1, reporter_gender), (1, channel),
      (1, via), (1, reporter_role, accused_role), (1, follow_up))
  `.execute(deps.db);
}

async function timed(fn: () => Promise<unknown>, times = 3): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await fn();
    ms.push(performance.now() - started);
  }
  return median(ms);
}

export async function measureAnnualReport(deps: Deps, teamId: string) {
  const reportMs = await timed(() =>
    getAnnualReport(deps.db, { year: 2025, lang: 'nl', format: 'bench' }),
  );
  const rawMs = await timed(() => rawAggregate(deps, teamId, 2025));
  const naiveMs = await timed(() => naiveAggregate(deps, teamId, 2025));
  return { reportMs, rawMs, naiveMs };
}

import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { importCases } from '../imports/case-import.service.js';
import { buildYearRows, CASE_HEADER, FIGURES_2024, FIGURES_2025, toCsv } from './annual-figures.js';

/**
 * The two years before `year` with the published figures (2025 and 2024 shifted), imported
 * through the case import like a team's own history, so the report and the board view have
 * previous-year columns and trends. Skipped when the team has cases in those years already.
 */
export async function loadDemoHistory(db: Db, keyring: Keyring, year: number): Promise<number> {
  const team = await db
    .selectFrom('team')
    .select(['id', 'key'])
    .orderBy('seq')
    .limit(1)
    .executeTakeFirstOrThrow();
  const existing = await db
    .selectFrom('case')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('team_id', '=', team.id)
    .where('received_on', '>=', `${year - 2}-01-01`)
    .where('received_on', '<', `${year}-01-01`)
    .executeTakeFirstOrThrow();
  if (existing.n > 0) return 0;
  const rows = [
    CASE_HEADER,
    ...buildYearRows({ ...FIGURES_2024, year: year - 2 }),
    ...buildYearRows({ ...FIGURES_2025, year: year - 1 }),
  ];
  const { imported } = await importCases(db, keyring, { text: toCsv(rows), teamKey: team.key });
  return imported;
}

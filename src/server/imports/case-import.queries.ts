import type { Insertable } from 'kysely';
import type { Db } from '../db/create-db.js';
import type { CaseKey as CaseKeyTable, Case as CaseTable } from '../db/schema.js';

const CHUNK = 1000;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Those of `references` that the team already uses. */
export async function listTakenReferences(
  db: Db,
  teamId: string,
  references: string[],
): Promise<Set<string>> {
  const taken = new Set<string>();
  for (const part of chunks(references)) {
    const rows = await db
      .selectFrom('case')
      .select('reference')
      .where('team_id', '=', teamId)
      .where('reference', 'in', part)
      .execute();
    for (const r of rows) taken.add(r.reference);
  }
  return taken;
}

/** Creates the org units the team does not know yet, labelled with their key; returns how many. */
export async function createMissingOrgUnits(
  db: Db,
  teamId: string,
  keys: string[],
): Promise<number> {
  if (keys.length === 0) return 0;
  const rows = await db
    .insertInto('org_unit')
    .values(keys.map((key) => ({ team_id: teamId, key, label_nl: key, label_en: key })))
    .onConflict((oc) => oc.columns(['team_id', 'key']).doNothing())
    .returning('id')
    .execute();
  return rows.length;
}

/** Reserves `count` numbers from the team's case counter; returns the first. */
export async function reserveCaseNumbers(db: Db, teamId: string, count: number): Promise<number> {
  const row = await db
    .updateTable('team')
    .set((eb) => ({ case_counter: eb('case_counter', '+', count) }))
    .where('id', '=', teamId)
    .returning('case_counter')
    .executeTakeFirstOrThrow();
  return row.case_counter - count + 1;
}

export async function insertCases(
  db: Db,
  cases: Insertable<CaseTable>[],
  keys: Insertable<CaseKeyTable>[],
): Promise<void> {
  for (const part of chunks(cases)) await db.insertInto('case').values(part).execute();
  for (const part of chunks(keys)) await db.insertInto('case_key').values(part).execute();
}

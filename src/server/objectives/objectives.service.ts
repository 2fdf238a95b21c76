import type { Db } from '../db/create-db.js';
import { recordAudit } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import type { ObjectiveInput, ObjectiveStatusInput } from './objectives.schema.js';

/**
 * The team's objectives and its recommendations to the board, per year, each with a status
 * (open, done, partly, carried over) and notes. Carried over means: it appears in the next
 * year as an open item that remembers where it came from.
 */
export async function createObjective(
  trx: Db,
  teamId: string,
  input: ObjectiveInput,
  userId: string,
): Promise<string> {
  const row = await trx
    .insertInto('team_objective')
    .values({
      team_id: teamId,
      year: input.year,
      kind: input.kind,
      title: input.title,
      notes: input.notes ?? null,
      created_by: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, {
    type: 'OBJECTIVE_SAVED',
    actor: { kind: 'user', userId },
    teamId,
    detail: { objectiveId: row.id, year: input.year, kind: input.kind, status: 'open' },
  });
  return row.id;
}

export async function updateObjective(
  trx: Db,
  teamId: string,
  objectiveId: string,
  input: ObjectiveStatusInput,
  userId: string,
): Promise<void> {
  const row = await trx
    .updateTable('team_objective')
    .set({ status: input.status, notes: input.notes ?? null, updated_at: new Date() })
    .where('id', '=', objectiveId)
    .where('team_id', '=', teamId)
    .returning(['id', 'year', 'kind', 'title'])
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  await recordAudit(trx, {
    type: 'OBJECTIVE_SAVED',
    actor: { kind: 'user', userId },
    teamId,
    detail: { objectiveId, year: row.year, kind: row.kind, status: input.status },
  });
  if (input.status !== 'carried_over') return;
  const next = await trx
    .insertInto('team_objective')
    .values({
      team_id: teamId,
      year: row.year + 1,
      kind: row.kind,
      title: row.title,
      carried_from_id: row.id,
      created_by: userId,
    })
    .onConflict((oc) => oc.column('carried_from_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (next)
    await recordAudit(trx, {
      type: 'OBJECTIVE_CARRIED_OVER',
      actor: { kind: 'user', userId },
      teamId,
      detail: { objectiveId, nextId: next.id, year: row.year + 1 },
    });
}

/** The year's objectives and recommendations, each with the year it was carried over from. */
export async function listObjectives(db: Db, teamId: string, year: number) {
  const rows = await db
    .selectFrom('team_objective as o')
    .leftJoin('team_objective as f', 'f.id', 'o.carried_from_id')
    .select(['o.id', 'o.kind', 'o.title', 'o.status', 'o.notes', 'f.year as from_year'])
    .where('o.team_id', '=', teamId)
    .where('o.year', '=', year)
    .orderBy('o.created_at')
    .execute();
  const present = (r: (typeof rows)[number]) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    notes: r.notes,
    carriedFromYear: r.from_year,
  });
  return {
    objectives: rows.filter((r) => r.kind === 'objective').map(present),
    recommendations: rows.filter((r) => r.kind === 'recommendation').map(present),
  };
}
export type ObjectiveYear = Awaited<ReturnType<typeof listObjectives>>;
export type ObjectiveView = ObjectiveYear['objectives'][number];

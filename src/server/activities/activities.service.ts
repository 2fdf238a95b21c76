import type { Db } from '../db/create-db.js';
import { recordAudit } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import {
  listActivityRows,
  listTeamAdvisersForTraining,
  type ActivityRow,
} from './activities.queries.js';
import type { ActivityInput } from './activities.schema.js';

/** Workshops, campaigns, meetings, peer consultation and training: the team's own year, no case content. */
export async function recordActivity(
  trx: Db,
  teamId: string,
  input: ActivityInput,
  userId: string,
): Promise<string> {
  if (
    input.adviserId &&
    !(await listTeamAdvisersForTraining(trx, teamId)).some((a) => a.id === input.adviserId)
  )
    throw new AppError('NOT_FOUND');
  const row = await trx
    .insertInto('team_activity')
    .values({
      team_id: teamId,
      kind: input.kind,
      title: input.title,
      held_on: input.heldOn,
      status: input.status,
      participants: input.participants ?? null,
      partner: input.partner ?? null,
      adviser_id: input.kind === 'training' ? (input.adviserId ?? null) : null,
      minutes: input.hours ?? null,
      notes: input.notes ?? null,
      created_by: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, {
    type: 'TEAM_ACTIVITY_RECORDED',
    actor: { kind: 'user', userId },
    teamId,
    detail: { activityId: row.id, kind: input.kind, status: input.status },
  });
  return row.id;
}

export async function updateActivityStatus(
  trx: Db,
  teamId: string,
  activityId: string,
  input: { status: 'planned' | 'held' | 'cancelled'; participants?: number },
  userId: string,
) {
  const row = await trx
    .updateTable('team_activity')
    .set({
      status: input.status,
      ...(input.participants !== undefined ? { participants: input.participants } : {}),
    })
    .where('id', '=', activityId)
    .where('team_id', '=', teamId)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  await recordAudit(trx, {
    type: 'TEAM_ACTIVITY_UPDATED',
    actor: { kind: 'user', userId },
    teamId,
    detail: { activityId, status: input.status },
  });
}

const present = (r: ActivityRow) => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  heldOn: r.held_on,
  status: r.status,
  participants: r.participants,
  partner: r.partner,
  hours: r.minutes === null ? null : r.minutes / 60,
  adviserName: r.adviser_name,
  notes: r.notes,
});
export type ActivityView = ReturnType<typeof present>;

/** The year's activities and, per adviser, the training hours for their certification. */
export async function getActivityYear(db: Db, teamId: string, year: number) {
  const rows = await listActivityRows(db, teamId, year);
  const training = new Map<string, { name: string; hours: number; sessions: number }>();
  for (const r of rows) {
    if (r.kind !== 'training' || r.status !== 'held' || !r.adviser_id) continue; // hours count once the training was held
    const t = training.get(r.adviser_id) ?? { name: r.adviser_name ?? '—', hours: 0, sessions: 0 };
    t.hours += (r.minutes ?? 0) / 60;
    t.sessions += 1;
    training.set(r.adviser_id, t);
  }
  return {
    activities: rows.map(present),
    trainingHours: [...training.values()].sort((a, b) => a.name.localeCompare(b.name)),
  };
}
export type ActivityYear = Awaited<ReturnType<typeof getActivityYear>>;

import { z } from 'zod';
import type { Db } from '../db/create-db.js';
import { EXPERT_DISCIPLINES, type ExpertDiscipline } from '../../domain/expert-disciplines.js';
import { recordAudit } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import type { StaffCaseContext } from '../cases/case-context.js';

const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
export const DisciplinesInput = z.object({
  disciplines: z.preprocess(
    list,
    z.array(z.enum(EXPERT_DISCIPLINES, { error: 'validation.choose' })),
  ),
});
export const MemberDisciplinesInput = DisciplinesInput.extend({
  userId: z.uuid({ error: 'validation.choose' }),
});

/** The disciplines a draft consultation goes to (none: the whole expert team). */
export async function setConsultationDisciplines(
  trx: Db,
  work: StaffCaseContext,
  consultationId: string,
  disciplines: readonly ExpertDiscipline[],
) {
  const row = await trx
    .selectFrom('expert_consultation')
    .select(['id', 'status'])
    .where('id', '=', consultationId)
    .where('case_id', '=', work.id)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  if (row.status !== 'draft') throw new AppError('FORBIDDEN');
  await trx
    .deleteFrom('expert_consultation_discipline')
    .where('consultation_id', '=', row.id)
    .execute();
  const unique = [...new Set(disciplines)];
  if (unique.length)
    await trx
      .insertInto('expert_consultation_discipline')
      .values(unique.map((discipline) => ({ consultation_id: row.id, discipline })))
      .execute();
  await work.audit(trx, 'CONSULTATION_DISCIPLINES_SET', {
    consultationId,
    disciplines: unique.join(','),
  });
}

export async function listConsultationDisciplines(
  db: Db,
  consultationIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (consultationIds.length === 0) return out;
  const rows = await db
    .selectFrom('expert_consultation_discipline')
    .selectAll()
    .where('consultation_id', 'in', consultationIds)
    .execute();
  for (const r of rows)
    out.set(r.consultation_id, [...(out.get(r.consultation_id) ?? []), r.discipline]);
  return out;
}

export async function memberDisciplines(db: Db, userId: string): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('expert_member_discipline')
    .selectAll()
    .where('user_id', '=', userId)
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.team_id, [...(out.get(r.team_id) ?? []), r.discipline]);
  return out;
}

/** The team's expert-team members with their disciplines, for the coordinator. */
export async function listExpertMembers(db: Db, teamId: string) {
  const [members, assigned] = await Promise.all([
    db
      .selectFrom('team_membership')
      .innerJoin('app_user', 'app_user.id', 'team_membership.user_id')
      .select(['app_user.id', 'app_user.display_name'])
      .where('team_membership.team_id', '=', teamId)
      .where('team_membership.role', '=', 'expert_team_member')
      .where('app_user.is_active', '=', true)
      .orderBy('app_user.display_name')
      .execute(),
    db.selectFrom('expert_member_discipline').selectAll().where('team_id', '=', teamId).execute(),
  ]);
  return members.map((m) => ({
    id: m.id,
    name: m.display_name,
    disciplines: assigned.filter((a) => a.user_id === m.id).map((a) => a.discipline),
  }));
}

export async function setMemberDisciplines(
  trx: Db,
  actorId: string,
  teamId: string,
  input: z.infer<typeof MemberDisciplinesInput>,
) {
  const member = await trx
    .selectFrom('team_membership')
    .select('user_id')
    .where('team_id', '=', teamId)
    .where('user_id', '=', input.userId)
    .where('role', '=', 'expert_team_member')
    .executeTakeFirst();
  if (!member) throw new AppError('NOT_FOUND');
  await trx
    .deleteFrom('expert_member_discipline')
    .where('team_id', '=', teamId)
    .where('user_id', '=', input.userId)
    .execute();
  const unique = [...new Set(input.disciplines)];
  if (unique.length)
    await trx
      .insertInto('expert_member_discipline')
      .values(unique.map((discipline) => ({ team_id: teamId, user_id: input.userId, discipline })))
      .execute();
  await recordAudit(trx, {
    type: 'EXPERT_DISCIPLINES_ASSIGNED',
    actor: { kind: 'user', userId: actorId },
    teamId,
    detail: { userId: input.userId, disciplines: unique.join(',') },
  });
}

import type { Db } from '../db/create-db.js';
import { forgetInstitutions } from '../tenancy/tenancy.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';

export interface TeamSettings {
  id: string;
  key: string;
  institutionKey: string;
  institutionName: string;
  nameNl: string;
  nameEn: string;
  ackDays: number;
  feedbackDays: number;
  retentionMonths: number;
  reminderLeadDays: number;
  patternThreshold: number;
  suppressionThreshold: number;
}

export async function listTeamSettings(db: Db, teamIds?: string[]): Promise<TeamSettings[]> {
  if (teamIds && teamIds.length === 0) return [];
  let q = db
    .selectFrom('team')
    .innerJoin('institution', 'institution.id', 'team.institution_id')
    .select([
      'team.id',
      'team.key',
      'institution.key as ik',
      'institution.name as iname',
      'team.name_nl',
      'team.name_en',
      'team.ack_days',
      'team.feedback_days',
      'team.retention_months',
      'team.reminder_lead_days',
      'team.pattern_threshold',
      'team.suppression_threshold',
    ])
    .orderBy('team.seq');
  if (teamIds) q = q.where('team.id', 'in', teamIds);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    institutionKey: r.ik,
    institutionName: r.iname,
    nameNl: r.name_nl,
    nameEn: r.name_en,
    ackDays: r.ack_days,
    feedbackDays: r.feedback_days,
    retentionMonths: r.retention_months,
    reminderLeadDays: r.reminder_lead_days,
    patternThreshold: r.pattern_threshold,
    suppressionThreshold: r.suppression_threshold,
  }));
}

export async function getTeamSettings(db: Db, teamId: string): Promise<TeamSettings> {
  const [team] = await listTeamSettings(db, [teamId]);
  if (!team) throw new AppError('NOT_FOUND');
  return team;
}

export interface NewTeam {
  key: string;
  nameNl: string;
  nameEn: string;
  institutionKey: string;
  institutionName?: string;
}

/**
 * An institution administrator's new team (issue 22): always in their own institution; naming
 * another institution's key is refused, never a way to create or reach another institution.
 */
export async function createOwnInstitutionTeam(
  trx: Db,
  institutionId: string | null,
  input: NewTeam,
  actor: AuditActor,
): Promise<string> {
  const own = institutionId
    ? await trx
        .selectFrom('institution')
        .select('key')
        .where('id', '=', institutionId)
        .executeTakeFirst()
    : undefined;
  if (!own || own.key !== input.institutionKey) throw new AppError('FORBIDDEN');
  return createTeam(trx, input, actor);
}

/**
 * Adds a team, in an existing institution or a new one (a national platform serves several).
 * The creating administrator (if any) administers the new team. Call inside a transaction.
 */
export async function createTeam(
  trx: Db,
  input: NewTeam,
  actor: AuditActor,
  /** false for the platform operator, who creates an institution's first team without joining it */
  joinAsAdministrator = true,
): Promise<string> {
  let institution = await trx
    .selectFrom('institution')
    .select('id')
    .where('key', '=', input.institutionKey)
    .executeTakeFirst();
  if (!institution) {
    institution = await trx
      .insertInto('institution')
      .values({ key: input.institutionKey, name: input.institutionName || input.institutionKey })
      .returning('id')
      .executeTakeFirstOrThrow();
    forgetInstitutions();
    await recordAudit(trx, {
      type: 'INSTITUTION_CREATED',
      actor,
      detail: { key: input.institutionKey },
    });
  }
  const team = await trx
    .insertInto('team')
    .values({
      institution_id: institution.id,
      key: input.key,
      name_nl: input.nameNl,
      name_en: input.nameEn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (actor.userId && joinAsAdministrator) {
    await trx
      .insertInto('team_membership')
      .values({ user_id: actor.userId, team_id: team.id, role: 'administrator' })
      .execute();
  }
  await recordAudit(trx, {
    type: 'TEAM_CREATED',
    actor,
    teamId: team.id,
    detail: { key: input.key },
  });
  return team.id;
}

export interface TeamUpdate {
  nameNl: string;
  nameEn: string;
  ackDays: number;
  feedbackDays: number;
  retentionMonths: number;
  reminderLeadDays?: number;
  patternThreshold?: number;
  suppressionThreshold?: number;
}

export async function updateTeamSettings(
  trx: Db,
  teamId: string,
  input: TeamUpdate,
  actor: AuditActor,
): Promise<void> {
  const updated = await trx
    .updateTable('team')
    .set({
      name_nl: input.nameNl,
      name_en: input.nameEn,
      ack_days: input.ackDays,
      feedback_days: input.feedbackDays,
      retention_months: input.retentionMonths,
      ...(input.reminderLeadDays !== undefined && { reminder_lead_days: input.reminderLeadDays }),
      ...(input.patternThreshold !== undefined && { pattern_threshold: input.patternThreshold }),
      ...(input.suppressionThreshold !== undefined && {
        suppression_threshold: input.suppressionThreshold,
      }),
    })
    .where('id', '=', teamId)
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) throw new AppError('NOT_FOUND');
  await recordAudit(trx, {
    type: 'TEAM_UPDATED',
    actor,
    teamId,
    detail: {
      ackDays: input.ackDays,
      feedbackDays: input.feedbackDays,
      retentionMonths: input.retentionMonths,
      reminderLeadDays: input.reminderLeadDays ?? null,
      patternThreshold: input.patternThreshold ?? null,
      suppressionThreshold: input.suppressionThreshold ?? null,
    },
  });
}

export async function isTeamKeyTaken(db: Db, key: string): Promise<boolean> {
  return (
    (await db.selectFrom('team').select('id').where('key', '=', key).executeTakeFirst()) !==
    undefined
  );
}

import type { Db } from '../db/create-db.js';
import type { Label } from '../../domain/taxonomy.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';

/**
 * What a team adds to its generated privacy statement: the data protection officer's contact,
 * whom to ask about accessibility, an introduction that replaces the generated one, and text
 * after the generated sections. The generated facts themselves cannot be overwritten.
 */
export interface PrivacySetting {
  dpoContact: string | null;
  accessibilityContact: string | null;
  intro: Label | null;
  extra: Label | null;
  updatedAt: Date | null;
}

const orNull = (nl: string | null, en: string | null): Label | null =>
  nl || en ? { nl: nl ?? '', en: en ?? '' } : null;

export async function getPrivacySetting(db: Db, teamId: string): Promise<PrivacySetting> {
  const row = await db
    .selectFrom('privacy_setting')
    .selectAll()
    .where('team_id', '=', teamId)
    .executeTakeFirst();
  if (!row)
    return {
      dpoContact: null,
      accessibilityContact: null,
      intro: null,
      extra: null,
      updatedAt: null,
    };
  return {
    dpoContact: row.dpo_contact,
    accessibilityContact: row.accessibility_contact,
    intro: orNull(row.intro_nl, row.intro_en),
    extra: orNull(row.extra_nl, row.extra_en),
    updatedAt: row.updated_at,
  };
}

export interface PrivacySettingInput {
  dpoContact: string;
  accessibilityContact: string;
  introNl: string;
  introEn: string;
  extraNl: string;
  extraEn: string;
}

export async function savePrivacySetting(
  trx: Db,
  teamId: string,
  input: PrivacySettingInput,
  actor: AuditActor,
): Promise<void> {
  const blank = (s: string) => (s.trim() === '' ? null : s.trim());
  const values = {
    dpo_contact: blank(input.dpoContact),
    accessibility_contact: blank(input.accessibilityContact),
    intro_nl: blank(input.introNl),
    intro_en: blank(input.introEn),
    extra_nl: blank(input.extraNl),
    extra_en: blank(input.extraEn),
    updated_at: new Date(),
  };
  await trx
    .insertInto('privacy_setting')
    .values({ team_id: teamId, ...values })
    .onConflict((oc) => oc.column('team_id').doUpdateSet(values))
    .execute();
  const filled = Object.entries(values)
    .filter(([k, v]) => k !== 'updated_at' && v !== null)
    .map(([k]) => k);
  await recordAudit(trx, {
    type: 'PRIVACY_STATEMENT_UPDATED',
    actor,
    teamId,
    detail: { filled: filled.join(',') },
  });
}

import type { Db } from '../db/create-db.js';
import type { Lang } from '../../domain/taxonomy.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';

/** What a reporter sees of a confidential adviser when choosing one. */
export interface AdviserProfile {
  userId: string;
  displayName: string;
  languages: string[];
  locations: string;
  intro: { nl: string; en: string };
  isVisible: boolean;
}

/** Active confidential advisers of a team with their profiles; hidden profiles only on request. */
export async function listAdviserProfiles(
  db: Db,
  teamId: string,
  opts: { includeHidden?: boolean } = {},
): Promise<AdviserProfile[]> {
  const rows = await db
    .selectFrom('team_membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .leftJoin('adviser_profile as p', (j) =>
      j.onRef('p.user_id', '=', 'm.user_id').onRef('p.team_id', '=', 'm.team_id'),
    )
    .select([
      'u.id',
      'u.display_name',
      'p.languages',
      'p.locations',
      'p.intro_nl',
      'p.intro_en',
      'p.is_visible',
    ])
    .where('m.team_id', '=', teamId)
    .where('m.role', '=', 'confidential_adviser')
    .where('u.is_active', '=', true)
    .orderBy('u.display_name')
    .execute();
  return rows
    .map((r) => ({
      userId: r.id,
      displayName: r.display_name,
      languages: (r.languages ?? '')
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean),
      locations: r.locations ?? '',
      intro: { nl: r.intro_nl ?? '', en: r.intro_en ?? '' },
      isVisible: r.is_visible ?? true,
    }))
    .filter((p) => opts.includeHidden || p.isVisible);
}

export interface AdviserProfileInput {
  languages: string[];
  locations: string;
  introNl: string;
  introEn: string;
  isVisible: boolean;
}

export async function saveAdviserProfile(
  trx: Db,
  teamId: string,
  userId: string,
  input: AdviserProfileInput,
  actor: AuditActor,
): Promise<void> {
  const values = {
    languages: input.languages.join(','),
    locations: input.locations,
    intro_nl: input.introNl,
    intro_en: input.introEn,
    is_visible: input.isVisible,
  };
  await trx
    .insertInto('adviser_profile')
    .values({ team_id: teamId, user_id: userId, ...values })
    .onConflict((oc) => oc.columns(['user_id', 'team_id']).doUpdateSet(values))
    .execute();
  await recordAudit(trx, { type: 'ADVISER_PROFILE_UPDATED', actor, teamId, detail: { userId } });
}

export function adviserIntro(profile: AdviserProfile, lang: Lang): string {
  return profile.intro[lang] || profile.intro[lang === 'nl' ? 'en' : 'nl'];
}

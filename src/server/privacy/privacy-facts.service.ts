import type { Db } from '../db/create-db.js';
import type { Label, Lang } from '../../domain/taxonomy.js';
import { ROLES, type Role } from '../../domain/roles.js';
import { listTeamSettings } from '../admin/teams.admin.service.js';
import { listPartners, type Partner } from '../admin/partners.service.js';
import { listOfferedCategories, type TeamCategory } from '../admin/categories.service.js';
import { getPrivacySetting, type PrivacySetting } from './privacy-settings.service.js';

/**
 * What the installation itself says about one team's processing: the facts the privacy
 * statement, the record of processing and the DPIA are generated from. Nothing here is case
 * content; it is configuration (teams, categories, partners, retention, roles).
 */
export interface TeamFacts {
  id: string;
  key: string;
  name: Label;
  institution: string;
  retentionMonths: number;
  ackDays: number;
  feedbackDays: number;
  categories: TeamCategory[];
  /** The active referral directory: who may receive data, only with consent. */
  partners: Partner[];
  /** Active accounts per role in this team. */
  roleCounts: Record<Role, number>;
  setting: PrivacySetting;
}

export interface InstallationFacts {
  teams: TeamFacts[];
  requireTwoFactor: boolean;
}

export async function getInstallationFacts(db: Db, teamIds?: string[]): Promise<InstallationFacts> {
  const settings = await listTeamSettings(db, teamIds);
  const teams = await Promise.all(
    settings.map(async (t): Promise<TeamFacts> => {
      const [categories, partners, roleCounts, setting] = await Promise.all([
        listOfferedCategories(db, t.id),
        listPartners(db, t.id),
        countRoles(db, t.id),
        getPrivacySetting(db, t.id),
      ]);
      return {
        id: t.id,
        key: t.key,
        name: { nl: t.nameNl, en: t.nameEn },
        institution: t.institutionName,
        retentionMonths: t.retentionMonths,
        ackDays: t.ackDays,
        feedbackDays: t.feedbackDays,
        categories,
        partners,
        roleCounts,
        setting,
      };
    }),
  );
  const twoFactor = await db
    .selectFrom('institution')
    .select('id')
    .where('require_two_factor', '=', true)
    .limit(1)
    .executeTakeFirst();
  return { teams, requireTwoFactor: twoFactor !== undefined };
}

/** One team by key (the first team without one), for the public statement; undefined for an unknown key. */
export async function findTeamFactsByKey(
  db: Db,
  key?: string,
  /** issue 22: only a team of the request's institution */
  institutionId?: string,
): Promise<TeamFacts | undefined> {
  let q = db.selectFrom('team').select('id');
  if (institutionId) q = q.where('institution_id', '=', institutionId);
  q = key ? q.where('key', '=', key) : q.orderBy('seq').limit(1);
  const team = await q.executeTakeFirst();
  if (!team) return undefined;
  return (await getInstallationFacts(db, [team.id])).teams[0];
}

/** The teams of one institution (issue 22: the accessibility statement names only the site's own). */
export async function teamIdsOf(db: Db, institutionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('team')
    .select('id')
    .where('institution_id', '=', institutionId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.id);
}

/** The other teams' statements, as links. */
export async function listOtherTeams(
  db: Db,
  teamId: string,
  lang: Lang,
  institutionId?: string,
): Promise<{ key: string; name: string }[]> {
  let q = db
    .selectFrom('team')
    .select(['key', 'name_nl', 'name_en'])
    .where('id', '<>', teamId)
    .orderBy('seq');
  if (institutionId) q = q.where('institution_id', '=', institutionId);
  const rows = await q.execute();
  return rows.map((o) => ({ key: o.key, name: lang === 'nl' ? o.name_nl : o.name_en }));
}

export async function getTeamKey(db: Db, teamId: string): Promise<string> {
  return (
    await db.selectFrom('team').select('key').where('id', '=', teamId).executeTakeFirstOrThrow()
  ).key;
}

async function countRoles(db: Db, teamId: string): Promise<Record<Role, number>> {
  const rows = await db
    .selectFrom('team_membership')
    .innerJoin('app_user', 'app_user.id', 'team_membership.user_id')
    .select(['team_membership.role', (eb) => eb.fn.countAll<string>().as('n')])
    .where('team_membership.team_id', '=', teamId)
    .where('app_user.is_active', '=', true)
    .groupBy('team_membership.role')
    .execute();
  const counts = Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>;
  for (const r of rows) counts[r.role as Role] = Number(r.n);
  return counts;
}

export const teamLabel = (f: TeamFacts, lang: Lang) => f.name[lang];

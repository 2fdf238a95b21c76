import type { Db } from '../db/create-db.js';
import type { Lang } from '../../domain/taxonomy.js';
import { getGuideContent } from '../admin/guide.service.js';
import { listTeams } from '../teams/teams.service.js';
import { listPartners, partnerOfDefault, type Partner } from '../admin/partners.service.js';
import { DEFAULT_PARTNERS } from '../admin/partners.defaults.js';

/** A team's own guide text, written by an administrator; paragraphs split on blank lines. */
export interface TeamGuideText {
  teamName: string;
  paragraphs: string[];
}

/** The administrators' texts in this language; empty when none was written (shipped defaults apply). */
export async function listTeamGuideTexts(
  db: Db,
  lang: Lang,
  /** issue 22: the request's institution */
  institutionId?: string,
): Promise<TeamGuideText[]> {
  const teams = await listTeams(db, institutionId);
  const texts = await Promise.all(teams.map((team) => getGuideContent(db, team.id, lang)));
  return teams.flatMap((team, i) => {
    const paragraphs = (texts[i]?.body ?? '')
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean);
    return paragraphs.length
      ? [{ teamName: lang === 'nl' ? team.nameNl : team.nameEn, paragraphs }]
      : [];
  });
}

/**
 * The guide's contacts by partner key, from the partner directory of the default team (the
 * first; an administrator edits it). A key missing there (a directory copied before the key
 * was added to the defaults) falls back to the shipped default; a partner switched off is left out.
 */
export async function listGuideContacts(
  db: Db,
  institutionId?: string,
): Promise<Map<string, Partner>> {
  const [team] = await listTeams(db, institutionId);
  const own = team ? await listPartners(db, team.id, { includeInactive: true }) : [];
  const byKey = new Map(DEFAULT_PARTNERS.map((p) => [p.key, partnerOfDefault(p)]));
  for (const p of own) byKey.set(p.key, p);
  for (const [key, p] of byKey) if (!p.isActive) byKey.delete(key);
  return byKey;
}

import type { Db } from '../db/create-db.js';
import type { Lang } from '../../domain/taxonomy.js';
import { getGuideContent } from '../admin/guide.service.js';
import { listTeams } from '../teams/teams.service.js';

/** A team's own guide text, written by an administrator; paragraphs split on blank lines. */
export interface TeamGuideText {
  teamName: string;
  paragraphs: string[];
}

/** The administrators' texts in this language; empty when none was written (shipped defaults apply). */
export async function listTeamGuideTexts(db: Db, lang: Lang): Promise<TeamGuideText[]> {
  const teams = await listTeams(db);
  const texts = await Promise.all(teams.map((team) => getGuideContent(db, team.id, lang)));
  return teams.flatMap((team, i) => {
    const paragraphs = (texts[i]?.body ?? '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
    return paragraphs.length ? [{ teamName: lang === 'nl' ? team.nameNl : team.nameEn, paragraphs }] : [];
  });
}

import type { Db } from '../db/create-db.js';
import type { Lang } from '../../domain/taxonomy.js';
import { listCategories } from '../admin/categories.service.js';
import type { Team } from '../teams/teams.service.js';
import { getReportChapters } from './report-chapters.js';
import { listPartnerCounts } from './reports.queries.js';
import type { ExportOptions } from './report-text.js';

/**
 * Everything an exported report shows beside its figures (issue 20): the team's name and
 * institution for the cover, chapters 3–4 from the team's records, the partner counts of the
 * previous year, and the team's own category texts for Bijlage 1. Counts only, no case content.
 */
export async function reportExportOptions(
  db: Db,
  team: Team,
  year: number,
  lang: Lang,
): Promise<ExportOptions> {
  const [chapters, institution, previousPartnerCounts, categories] = await Promise.all([
    getReportChapters(db, team.id, year, lang),
    db
      .selectFrom('team')
      .innerJoin('institution', 'institution.id', 'team.institution_id')
      .select('institution.name')
      .where('team.id', '=', team.id)
      .executeTakeFirst(),
    listPartnerCounts(db, team.id, year - 1),
    listCategories(db, team.id),
  ]);
  return {
    lang,
    teamName: lang === 'en' ? team.nameEn : team.nameNl,
    chapters,
    institution: institution?.name,
    previousPartnerCounts,
    definitions: categories.map((c) => ({
      key: c.key,
      label: c.label[lang],
      definition: c.definition[lang],
      source: c.source ?? null,
    })),
  };
}

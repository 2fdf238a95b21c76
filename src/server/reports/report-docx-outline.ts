import type { Breakdown } from '../../domain/annual-report.js';
import type { Lang } from '../../domain/taxonomy.js';
import type { ChapterPart } from './report-chapters.js';

/**
 * The chapters of the published annual report (seeds/001, "Inhoudsopgave"). Figures go where
 * `tables` says; every other section is a placeholder the advisers write in.
 */
export interface OutlineSection {
  title: Record<Lang, string>;
  level: 1 | 2;
  tables?: (Breakdown | 'partnerCounts')[];
  /** Filled with the category definitions. */
  isDefinitions?: boolean;
  hasRoundingNote?: boolean;
  /** Filled from the team's own records (issue 11). */
  chapter?: ChapterPart;
}

export function reportOutline(teamName: string): OutlineSection[] {
  const h = (
    nl: string,
    en: string,
    level: 1 | 2,
    rest: Partial<OutlineSection> = {},
  ): OutlineSection => ({
    title: { nl, en },
    level,
    ...rest,
  });
  return [
    h('1 Inleiding', '1 Introduction', 1),
    h('2 Meldingen, melders, aard en opvolging', '2 Reports, reporters, kind and follow-up', 1),
    h('2.1 Aantal meldingen en melders', '2.1 Number of reports and reporters', 2, {
      tables: ['byVia', 'byChannel', 'partnerCounts'],
    }),
    h(
      '2.2 Profiel melders en aandeel meldingen per faculteit',
      '2.2 Reporters and share of reports per faculty',
      2,
      {
        tables: ['byGender', 'byOrgUnit'],
        hasRoundingNote: true,
      },
    ),
    h('2.3 Aard van de meldingen', '2.3 Kind of reports', 2, {
      tables: ['byRelation', 'byCategory'],
      hasRoundingNote: true,
    }),
    h('2.4 Opvolging', '2.4 Follow-up', 2, { tables: ['byFollowUp'], hasRoundingNote: true }),
    h('3 Analyse en aanbevelingen', '3 Analysis and recommendations', 1),
    h('3.1 Bevindingen', '3.1 Findings', 2),
    h('3.2 Aandachtspunten voor het team', '3.2 Points of attention for the team', 2),
    h(
      '3.3 Aanbevelingen voor het College van Bestuur',
      '3.3 Recommendations to the Executive Board',
      2,
      { chapter: 'recommendations' },
    ),
    h('3.4 Regelgeving', '3.4 Regulations', 2),
    h('3.5 Conclusie', '3.5 Conclusion', 2),
    h(`4 ${teamName}`, `4 ${teamName}`, 1),
    h(
      '4.1 Teamontwikkelingen, functies en hervorming',
      '4.1 Team developments, roles and reform',
      2,
    ),
    h('4.2 Missie, uitgangspunten en doelstellingen', '4.2 Mission, principles and objectives', 2, {
      chapter: 'objectives',
    }),
    h('4.3 Werkwijze', '4.3 Way of working', 2),
    h('4.4 Activiteiten', '4.4 Activities', 2, { chapter: 'activities' }),
    h(
      'Bijlage 1 Definities van ongewenst gedrag',
      'Appendix 1 Definitions of undesirable behaviour',
      1,
      { isDefinitions: true },
    ),
  ];
}

export const PLACEHOLDER: Record<Lang, string> = {
  nl: '[Tekst door de vertrouwenspersonen]',
  en: '[Text by the confidential advisers]',
};

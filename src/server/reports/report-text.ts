import type { Breakdown } from '../../domain/annual-report.js';
import type { Lang } from '../../domain/taxonomy.js';
import type { ReportChapters } from './report-chapters.js';

/**
 * The words of the exported annual report, in Dutch and English. Kept beside the exporters
 * because documents are rendered outside a web request; the web page may reuse them.
 */
export interface ReportText {
  title(year: number): string;
  totalSentence(year: number, total: number, previousYear: number, previousTotal: number): string;
  sections: Record<Breakdown, string>;
  chartTitle: Partial<Record<Breakdown, (year: number) => string>>;
  key: string;
  count: string;
  percent: string;
  subtypes: string;
  total: string;
  roundingNote: string;
  partnerTitle: string;
  partnerNote: string;
  service: string;
  category: string;
  noPartnerCounts: string;
  noData: string;
  generatedOn: string;
}

const nl: ReportText = {
  title: (year) => `Jaarverslag sociale veiligheid ${year}`,
  totalSentence: (y, t, py, pt) => `In ${y} zijn in totaal ${t} meldingen geregistreerd (${py}: ${pt}).`,
  sections: {
    byCategory: 'Aard van de meldingen',
    byOrgUnit: 'Aandeel meldingen per faculteit',
    byGender: 'Geslacht van de melders',
    byChannel: 'Contactvorm',
    byVia: 'Rechtstreeks of via derden',
    byRelation: 'Relatie tussen melder en beklaagde',
    byFollowUp: 'Opvolging',
  },
  chartTitle: {
    byOrgUnit: (y) => `Aandeel meldingen per faculteit (${y})`,
    byCategory: (y) => `Aard van de meldingen (${y})`,
    byFollowUp: (y) => `Opvolging van meldingen (${y})`,
  },
  key: 'Omschrijving',
  count: 'Aantal',
  percent: '%',
  subtypes: 'waarvan',
  total: 'Totaal',
  roundingNote: 'De percentages zijn afgerond op hele getallen; daardoor kan het totaal licht afwijken.',
  partnerTitle: 'Meldingen geregistreerd door partners',
  partnerNote:
    'Deze aantallen zijn geregistreerd door andere diensten. Ze bevatten geen persoonsgegevens en tellen niet mee in het officiële totaal.',
  service: 'Dienst',
  category: 'Aard',
  noPartnerCounts: 'Er zijn geen aantallen van partners geregistreerd.',
  noData: 'Geen meldingen.',
  generatedOn: 'Gegenereerd op',
};

const en: ReportText = {
  title: (year) => `Social safety annual report ${year}`,
  totalSentence: (y, t, py, pt) => `In ${y}, ${t} reports were registered in total (${py}: ${pt}).`,
  sections: {
    byCategory: 'Kind of reports',
    byOrgUnit: 'Share of reports per faculty',
    byGender: 'Gender of reporters',
    byChannel: 'Channel',
    byVia: 'Direct or through third parties',
    byRelation: 'Relation between reporter and accused',
    byFollowUp: 'Follow-up',
  },
  chartTitle: {
    byOrgUnit: (y) => `Share of reports per faculty (${y})`,
    byCategory: (y) => `Kind of reports (${y})`,
    byFollowUp: (y) => `Follow-up of reports (${y})`,
  },
  key: 'Description',
  count: 'Count',
  percent: '%',
  subtypes: 'of which',
  total: 'Total',
  roundingNote: 'Percentages are rounded to whole numbers; the total may therefore differ slightly.',
  partnerTitle: 'Reports registered by partner services',
  partnerNote:
    'These counts were registered by other services. They carry no personal data and are not part of the official total.',
  service: 'Service',
  category: 'Kind',
  noPartnerCounts: 'No partner counts were registered.',
  noData: 'No reports.',
  generatedOn: 'Generated on',
};

export function reportText(lang: Lang): ReportText {
  return lang === 'en' ? en : nl;
}

/** The breakdowns in the order of the published report (chapter 2). */
export const BREAKDOWN_ORDER: Breakdown[] = [
  'byVia', 'byChannel', 'byGender', 'byOrgUnit', 'byCategory', 'byRelation', 'byFollowUp',
];

export interface ExportOptions {
  lang: Lang;
  /** The team's display name; the team key when absent. */
  teamName?: string;
  /** Chapters 3 and 4: objectives, recommendations, activities, training hours (issue 11). */
  chapters?: ReportChapters;
}

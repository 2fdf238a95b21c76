import type { Breakdown, PartnerCountEntry } from '../../domain/annual-report.js';
import type { Lang } from '../../domain/taxonomy.js';
import type { ReportChapters } from './report-chapters.js';
import type { CategoryText } from './report-model.js';
import { translator } from '../../i18n/i18n.js';

/**
 * The words of the exported annual report, in Dutch and English (documents are rendered
 * outside a web request, so the exporters take them as one object; the web page reuses them).
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

const CHARTS = ['byOrgUnit', 'byCategory', 'byFollowUp'] as const;

/** The report's words from the message catalogues (src/i18n), shaped for the exporters. */
export function reportText(lang: Lang): ReportText {
  const t = translator(lang);
  return {
    title: (year) => t('report.title', { year }),
    totalSentence: (year, total, previousYear, previousTotal) =>
      t('report.totalSentence', { year, total, previousYear, previousTotal }),
    sections: Object.fromEntries(
      BREAKDOWN_ORDER.map((b) => [b, t(`report.section.${b}`)]),
    ) as Record<Breakdown, string>,
    chartTitle: Object.fromEntries(
      CHARTS.map((b) => [b, (year: number) => t(`report.chart.${b}`, { year })]),
    ),
    key: t('report.key'),
    count: t('report.count'),
    percent: t('report.percent'),
    subtypes: t('report.subtypes'),
    total: t('report.total'),
    roundingNote: t('report.roundingNote'),
    partnerTitle: t('report.partnerTitle'),
    partnerNote: t('report.partnerNote'),
    service: t('report.service'),
    category: t('report.category'),
    noPartnerCounts: t('report.noPartnerCounts'),
    noData: t('report.noData'),
    generatedOn: t('report.generatedOn'),
  };
}

/** The breakdowns in the order of the published report (chapter 2). */
export const BREAKDOWN_ORDER: Breakdown[] = [
  'byVia',
  'byChannel',
  'byGender',
  'byOrgUnit',
  'byCategory',
  'byRelation',
  'byFollowUp',
];

export interface ExportOptions {
  lang: Lang;
  /** The team's display name; the team key when absent. */
  teamName?: string;
  /** Chapters 3 and 4: objectives, recommendations, activities, training hours (issue 11). */
  chapters?: ReportChapters;
  /** The institution, for the cover (issue 20). */
  institution?: string;
  /** The partner services' counts of the previous year, shown beside this year's (issue 20). */
  previousPartnerCounts?: PartnerCountEntry[];
  /** The team's own category texts for Bijlage 1; the shipped taxonomy when absent (issue 20). */
  definitions?: CategoryText[];
}

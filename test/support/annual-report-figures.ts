import {
  buildAnnualReport,
  type AnnualReport,
  type GroupedCount,
  type OrgUnitLabel,
} from '../../src/domain/annual-report.js';
import type { Lang } from '../../src/domain/taxonomy.js';
import {
  FIGURES_2024,
  FIGURES_2025,
  type YearFigures,
} from '../../src/server/demo/annual-figures.js';

/** The university's full faculty names, the longest labels a published report prints. */
export const FULL_FACULTY_NAMES: OrgUnitLabel[] = [
  { key: 'LAW', labelNl: 'Faculteit der Rechtsgeleerdheid (LAW)', labelEn: 'Faculty of Law (LAW)' },
  {
    key: 'SBE',
    labelNl: 'School of Business and Economics (SBE)',
    labelEn: 'School of Business and Economics (SBE)',
  },
  {
    key: 'FSE',
    labelNl: 'Faculty of Science and Engineering (FSE)',
    labelEn: 'Faculty of Science and Engineering (FSE)',
  },
  {
    key: 'FHML',
    labelNl: 'Faculteit Gezondheid, Geneeskunde en Levenswetenschappen (FHML)',
    labelEn: 'Faculty of Health, Medicine and Life Sciences (FHML)',
  },
  {
    key: 'FASoS',
    labelNl: 'Faculteit Cultuur- en Maatschappijwetenschappen (FASoS)',
    labelEn: 'Faculty of Arts and Social Sciences (FASoS)',
  },
  {
    key: 'FPN',
    labelNl: 'Faculteit Psychologie en Neurowetenschappen (FPN)',
    labelEn: 'Faculty of Psychology and Neuroscience (FPN)',
  },
];

function countsOf(f: YearFigures): GroupedCount[] {
  const year = f.year;
  const one = (
    dimension: GroupedCount['dimension'],
    dist: [string, number][],
    split = false,
  ): GroupedCount[] =>
    dist.map(([k, count]) => {
      const [key, key2] = split ? (k.split('/') as [string, string]) : [k, null];
      return { year, dimension, key: key === '' ? null : key, key2: key2 ?? null, count };
    });
  const total = f.category.reduce((s, [, n]) => s + n, 0);
  return [
    { year, dimension: 'total', key: null, key2: null, count: total },
    ...one('category', f.category),
    ...Object.entries(f.subtypes).flatMap(([cat, dist]) =>
      dist.map(([sub, count]) => ({
        year,
        dimension: 'subtype' as const,
        key: cat,
        key2: sub,
        count,
      })),
    ),
    ...one('orgUnit', f.orgUnit),
    ...one('gender', f.gender),
    ...one('channel', f.channel),
    ...one('via', f.via),
    ...one('relation', f.relation, true),
    ...one('followUp', f.followUp),
  ];
}

/** The seed's 2025 report (seeds/001) straight from the published figures, with full faculty names. */
export function publishedReport(lang: Lang, { withPrevious = true } = {}): AnnualReport {
  return buildAnnualReport({
    team: 'students',
    year: 2025,
    lang,
    counts: [...countsOf(FIGURES_2025), ...(withPrevious ? countsOf(FIGURES_2024) : [])],
    orgUnits: FULL_FACULTY_NAMES,
    partnerCounts: [
      { service: 'psychologist', category: null, count: 28 },
      { service: 'study_adviser', category: null, count: 42 },
    ],
  });
}

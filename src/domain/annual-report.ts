import { vocabLabel, type Vocabulary } from './labels.js';
import { deriveRelation, findCategory, type Lang, type PersonRole } from './taxonomy.js';

/** The annual report exactly as contracts.md "Annual report, JSON" describes it. */
export interface ReportEntry {
  key: string;
  label: string;
  count: number;
  percent: number;
  previousCount: number;
  previousPercent: number;
}

export interface SubtypeEntry {
  key: string;
  label: string;
  count: number;
}

export interface CategoryEntry extends ReportEntry {
  subtypes: SubtypeEntry[];
}

export interface PartnerCountEntry {
  service: string;
  category: string | null;
  count: number;
}

export interface AnnualReport {
  team: string;
  year: number;
  total: number;
  previousYear: number;
  previousTotal: number;
  byCategory: CategoryEntry[];
  byOrgUnit: ReportEntry[];
  byGender: ReportEntry[];
  byChannel: ReportEntry[];
  byVia: ReportEntry[];
  byRelation: ReportEntry[];
  byFollowUp: ReportEntry[];
  partnerCounts: PartnerCountEntry[];
}

export type Breakdown = Exclude<
  keyof AnnualReport,
  'team' | 'year' | 'total' | 'previousYear' | 'previousTotal' | 'partnerCounts'
>;

/**
 * One grouped count from the database. `key`/`key2` per dimension: category (category),
 * subtype (category, subtype), orgUnit (org unit key or null), gender, channel, via,
 * relation (reporter role, accused role), followUp (follow-up or null); total has no key.
 */
export type Dimension =
  | 'total'
  | 'category'
  | 'subtype'
  | 'orgUnit'
  | 'gender'
  | 'channel'
  | 'via'
  | 'relation'
  | 'followUp';

export interface GroupedCount {
  year: number;
  dimension: Dimension;
  key: string | null;
  key2: string | null;
  count: number;
}

export interface OrgUnitLabel {
  key: string;
  labelNl: string;
  labelEn: string;
}

export interface AnnualReportInput {
  team: string;
  year: number;
  lang: Lang;
  counts: GroupedCount[];
  orgUnits: OrgUnitLabel[];
  partnerCounts: PartnerCountEntry[];
}

/** count / total × 100, rounded half up in exact integer arithmetic; 0 when total is 0. */
export function percentOf(count: number, total: number): number {
  if (total <= 0) return 0;
  return Math.floor((200 * count + total) / (2 * total));
}

export function buildAnnualReport(input: AnnualReportInput): AnnualReport {
  const { year, lang } = input;
  const tally = tallyCounts(input.counts, year);
  const total = tally.get('total')?.get('')?.[0] ?? 0;
  const previousTotal = tally.get('total')?.get('')?.[1] ?? 0;
  const entries = (dim: Dimension, label: (key: string) => string): ReportEntry[] =>
    toEntries(tally.get(dim), total, previousTotal, label);
  const orgLabels = new Map(
    input.orgUnits.map((u) => [u.key, lang === 'en' ? u.labelEn : u.labelNl]),
  );
  const vocab = (v: Vocabulary) => (key: string) => vocabLabel(v, key, lang);
  return {
    team: input.team,
    year,
    total,
    previousYear: year - 1,
    previousTotal,
    byCategory: entries('category', (k) => categoryLabel(k, lang)).map((e) => ({
      ...e,
      subtypes: subtypesOf(tally.get('subtype'), e.key, lang),
    })),
    byOrgUnit: entries('orgUnit', (k) => orgLabels.get(k) ?? vocabLabel('orgUnit', k, lang)),
    byGender: entries('gender', vocab('gender')),
    byChannel: entries('channel', vocab('channel')),
    byVia: entries('via', vocab('via')),
    byRelation: entries('relation', vocab('relation')),
    byFollowUp: entries('followUp', vocab('followUp')),
    partnerCounts: [...input.partnerCounts].sort(
      (a, b) =>
        compareKeys(a.service, b.service) || compareKeys(a.category ?? '', b.category ?? ''),
    ),
  };
}

/** [current, previous] counts per dimension and key. */
type Tally = Map<Dimension, Map<string, [number, number]>>;

function tallyCounts(rows: GroupedCount[], year: number): Tally {
  const tally: Tally = new Map();
  for (const row of rows) {
    if (row.year !== year && row.year !== year - 1) continue;
    const key = keyOf(row);
    const byKey = tally.get(row.dimension) ?? new Map<string, [number, number]>();
    tally.set(row.dimension, byKey);
    const pair = byKey.get(key) ?? [0, 0];
    pair[row.year === year ? 0 : 1] += row.count;
    byKey.set(key, pair);
  }
  return tally;
}

function keyOf(row: GroupedCount): string {
  switch (row.dimension) {
    case 'total':
      return '';
    case 'orgUnit':
      return row.key ?? 'undefined';
    case 'followUp':
      return row.key ?? 'open';
    case 'relation':
      return deriveRelation(
        (row.key ?? 'unknown') as PersonRole,
        (row.key2 ?? 'unknown') as PersonRole,
      );
    case 'subtype':
      return `${row.key}\u0000${row.key2 ?? ''}`;
    default:
      return row.key ?? 'unknown';
  }
}

function toEntries(
  byKey: Map<string, [number, number]> | undefined,
  total: number,
  previousTotal: number,
  label: (key: string) => string,
): ReportEntry[] {
  return [...(byKey ?? [])]
    .filter(([, [count, previousCount]]) => count > 0 || previousCount > 0)
    .map(([key, [count, previousCount]]) => ({
      key,
      label: label(key),
      count,
      percent: percentOf(count, total),
      previousCount,
      previousPercent: percentOf(previousCount, previousTotal),
    }))
    .sort(byCountThenKey);
}

function subtypesOf(
  byKey: Map<string, [number, number]> | undefined,
  category: string,
  lang: Lang,
): SubtypeEntry[] {
  const definition = findCategory(category);
  return [...(byKey ?? [])]
    .map(([compound, [count]]) => ({ compound: compound.split('\u0000'), count }))
    .filter(({ compound: [cat, sub], count }) => cat === category && sub && count > 0)
    .map(({ compound: [, sub], count }) => ({
      key: sub!,
      label: definition?.subtypes.find((s) => s.key === sub)?.label[lang] ?? sub!,
      count,
    }))
    .sort(byCountThenKey);
}

export function categoryLabel(key: string, lang: Lang): string {
  return findCategory(key)?.label[lang] ?? key;
}

function byCountThenKey(
  a: { count: number; key: string },
  b: { count: number; key: string },
): number {
  return b.count - a.count || compareKeys(a.key, b.key);
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

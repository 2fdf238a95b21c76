import type { Db } from '../db/create-db.js';
import type { AuditActor } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import { findTeam } from '../teams/teams.service.js';
import { getAnnualReport } from '../reports/reports.service.js';
import { BREAKDOWN_ORDER } from '../reports/report-text.js';
import { categoryLabel, type Breakdown } from '../../domain/annual-report.js';
import { vocabLabel } from '../../domain/labels.js';
import type { Lang } from '../../domain/taxonomy.js';
import { findSharpRises, type TrendSignal } from '../../domain/trend-signals.js';
import {
  findSuppressionThreshold,
  listCountsBy,
  listTrendCounts,
  type YearCount,
} from './statistics.queries.js';
import {
  presentTable,
  suppressYearColumns,
  type Column,
  type SuppressedTable,
} from './statistics.presenter.js';

export const TREND_YEARS = 5;

export interface BoardStatistics {
  teamKey: string;
  year: number;
  threshold: number;
  breakdowns: { breakdown: Breakdown; table: SuppressedTable }[];
  categoryTrend: SuppressedTable;
  orgUnitTrend: SuppressedTable;
  signals: { dimension: 'category' | 'orgUnit'; label: string; signal: TrendSignal }[];
}

/**
 * The board's aggregate view: the annual breakdowns of a year and the year before, trends per
 * category and per organisation unit over five years, and sharp-rise signals — all after
 * small-cell suppression. A year that cannot be protected in any table is withheld everywhere.
 */
export async function getBoardStatistics(
  db: Db,
  request: { teamKey: string; year: number; lang: Lang; actor: AuditActor },
): Promise<BoardStatistics> {
  const team = await findTeam(db, request.teamKey);
  if (!team) throw new AppError('NOT_FOUND');
  const { year, lang } = request;
  const report = await getAnnualReport(db, {
    teamKey: team.key,
    year,
    lang,
    actor: request.actor,
    format: 'statistics',
  });
  const threshold = await findSuppressionThreshold(db, team.id);
  const from = year - TREND_YEARS + 1;
  const [byCategory, byOrgUnit] = await Promise.all([
    listTrendCounts(db, team.id, from, year, 'category'),
    listTrendCounts(db, team.id, from, year, 'org_unit_key'),
  ]);
  const breakdownColumns = BREAKDOWN_ORDER.map((b) => ({
    breakdown: b,
    columns: new Map<number, Column>([
      [year - 1, new Map(report[b].map((e) => [e.key, e.previousCount]))],
      [year, new Map(report[b].map((e) => [e.key, e.count]))],
    ]),
    label: (k: string) => report[b].find((e) => e.key === k)?.label ?? k,
  }));
  // Only years with data (issue 20): a year before the team started registering is no zero.
  const counted = new Set(byCategory.map((r) => r.year));
  const years = Array.from({ length: TREND_YEARS }, (_, i) => from + i).filter(
    (y) => counted.has(y) || y === year,
  );
  const categoryColumns = toColumns(byCategory, years);
  const orgColumns = toColumns(byOrgUnit, years);
  const breakdownYears = report.previousTotal > 0 ? [year - 1, year] : [year];
  for (const b of breakdownColumns) if (report.previousTotal === 0) b.columns.delete(year - 1);
  const withheld = new Set<number>();
  for (const columns of [...breakdownColumns.map((b) => b.columns), categoryColumns, orgColumns]) {
    for (const y of suppressYearColumns(columns, threshold).unprotectable) withheld.add(y);
  }
  const orgLabel = (k: string) =>
    report.byOrgUnit.find((e) => e.key === k)?.label ??
    (k === 'undefined' ? vocabLabel('orgUnit', k, lang) : k);
  const categoryTrend = presentTable(years, categoryColumns, threshold, withheld, (k) =>
    categoryLabel(k, lang),
  );
  const orgUnitTrend = presentTable(years, orgColumns, threshold, withheld, orgLabel);
  return {
    teamKey: team.key,
    year,
    threshold,
    breakdowns: breakdownColumns.map((b) => ({
      breakdown: b.breakdown,
      table: presentTable(breakdownYears, b.columns, threshold, withheld, b.label),
    })),
    categoryTrend,
    orgUnitTrend,
    signals: [
      ...signalsOf(categoryTrend, categoryColumns, year).map((signal) => ({
        dimension: 'category' as const,
        label: categoryLabel(signal.key, lang),
        signal,
      })),
      ...signalsOf(orgUnitTrend, orgColumns, year).map((signal) => ({
        dimension: 'orgUnit' as const,
        label: orgLabel(signal.key),
        signal,
      })),
    ],
  };
}

export interface OmbudsAggregates {
  year: number;
  threshold: number;
  byCategory: SuppressedTable;
  byStatus: SuppressedTable;
  byFollowUp: SuppressedTable;
  complaintsByOutcome: SuppressedTable;
}

/**
 * What the ombudsperson may see of the team's cases (issue 21): counts by category, by status and
 * by follow-up path for a year and the year before, and their own complaints about procedure by
 * outcome — every column after the board's small-cell suppression, a year that cannot be
 * protected in any of the case tables withheld in all of them. Counts only: no case, no reference.
 */
export async function getOmbudsAggregates(
  db: Db,
  request: {
    teamId: string;
    year: number;
    lang: Lang;
    /** The ombudsperson's complaints by outcome per year (their own records; 'open' when not closed). */
    complaintOutcomes: YearCount[];
    labels: { none: string; complaintOutcome: (key: string) => string };
  },
): Promise<OmbudsAggregates> {
  const { teamId, year, lang } = request;
  const years = [year - 1, year];
  const threshold = await findSuppressionThreshold(db, teamId);
  const [category, status, followUp] = await Promise.all([
    listCountsBy(db, teamId, year - 1, year, 'category'),
    listCountsBy(db, teamId, year - 1, year, 'status'),
    listCountsBy(db, teamId, year - 1, year, 'follow_up'),
  ]);
  const columns = [category, status, followUp].map((rows) => toColumns(rows, years));
  const withheld = new Set<number>();
  for (const c of columns)
    for (const y of suppressYearColumns(c, threshold).unprotectable) withheld.add(y);
  const orNone = (label: (k: string) => string) => (k: string) =>
    k === 'none' ? request.labels.none : label(k);
  const complaintColumns = toColumns(request.complaintOutcomes, years);
  return {
    year,
    threshold,
    byCategory: presentTable(years, columns[0]!, threshold, withheld, (k) =>
      categoryLabel(k, lang),
    ),
    byStatus: presentTable(years, columns[1]!, threshold, withheld, (k) =>
      vocabLabel('status', k, lang),
    ),
    byFollowUp: presentTable(
      years,
      columns[2]!,
      threshold,
      withheld,
      orNone((k) => vocabLabel('followUp', k, lang)),
    ),
    // The complaints are a table of their own: withheld only where they themselves cannot be protected.
    complaintsByOutcome: presentTable(
      years,
      complaintColumns,
      threshold,
      suppressYearColumns(complaintColumns, threshold).unprotectable,
      request.labels.complaintOutcome,
    ),
  };
}

function toColumns(rows: YearCount[], years: number[]): Map<number, Column> {
  const columns = new Map<number, Column>(years.map((y) => [y, new Map()]));
  for (const r of rows) columns.get(r.year)?.set(r.key, r.count);
  return columns;
}

/** Signals over the year and the two years before it, counting only those that have data. */
function signalsOf(
  table: SuppressedTable,
  columns: Map<number, Column>,
  year: number,
): TrendSignal[] {
  const at = (y: number) => table.years.indexOf(y);
  const span = [year - 2, year - 1, year].filter((y) => at(y) >= 0);
  if (span.at(-1) !== year) return [];
  return findSharpRises(
    table.rows.map((row) => ({
      key: row.key,
      raw: span.map((y) => columns.get(y)?.get(row.key) ?? 0),
      shown: span.map((y) => row.cells[at(y)]!),
    })),
  );
}

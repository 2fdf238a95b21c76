import type { AnnualReport, Breakdown } from '../../domain/annual-report.js';
import type { Lang } from '../../domain/taxonomy.js';
import { renderBarChart, type Bar } from '../../ui/charts.js';
import { reportText } from './report-text.js';

/** The breakdowns the published report shows as a chart (afbeelding 1–3). */
export const CHARTED: Breakdown[] = ['byOrgUnit', 'byCategory', 'byFollowUp'];

export function chartBars(report: AnnualReport, breakdown: Breakdown): Bar[] {
  return report[breakdown].map((e) => ({ label: e.label, value: e.percent, valueText: `${e.percent}%` }));
}

export function chartTitle(report: AnnualReport, breakdown: Breakdown, lang: Lang): string {
  const text = reportText(lang);
  return text.chartTitle[breakdown]?.(report.year) ?? `${text.sections[breakdown]} (${report.year})`;
}

/** The SVG chart of one breakdown, shares in percent of the year's total. */
export function renderReportChart(report: AnnualReport, breakdown: Breakdown, lang: Lang): string {
  return renderBarChart({
    id: `chart-${breakdown}`,
    title: chartTitle(report, breakdown, lang),
    bars: chartBars(report, breakdown),
  });
}

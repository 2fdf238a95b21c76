import { categoryLabel, type AnnualReport } from '../../domain/annual-report.js';
import { vocabLabel } from '../../domain/labels.js';
import { BREAKDOWN_ORDER, reportText, type ExportOptions } from './report-text.js';

/**
 * The annual report as ONE CSV table (RFC 4180, UTF-8, CRLF line ends), documented in
 * docs/annual-report.md:
 *
 *   section,key,label,count,percent,previousCount,previousPercent
 *
 * - section `total`: key `total`; count = total, previousCount = previousTotal, percents 100 (0 when 0).
 * - sections `byCategory`, `byOrgUnit`, `byGender`, `byChannel`, `byVia`, `byRelation`,
 *   `byFollowUp`: one row per entry, exactly as in the JSON.
 * - section `subtype`: key `<category>/<subtype>`; count only (percent columns empty).
 * - section `partnerCount`: key `<service>` or `<service>/<category>`; count only. Never part of the total.
 */
export const CSV_HEADER = [
  'section',
  'key',
  'label',
  'count',
  'percent',
  'previousCount',
  'previousPercent',
];

export function renderAnnualReportCsv(report: AnnualReport, { lang }: ExportOptions): string {
  const text = reportText(lang);
  const full = (n: number) => (n > 0 ? 100 : 0);
  const rows: (string | number)[][] = [
    CSV_HEADER,
    [
      'total',
      'total',
      text.total,
      report.total,
      full(report.total),
      report.previousTotal,
      full(report.previousTotal),
    ],
  ];
  for (const breakdown of BREAKDOWN_ORDER) {
    for (const e of report[breakdown]) {
      rows.push([
        breakdown,
        e.key,
        e.label,
        e.count,
        e.percent,
        e.previousCount,
        e.previousPercent,
      ]);
    }
  }
  for (const c of report.byCategory) {
    for (const s of c.subtypes)
      rows.push(['subtype', `${c.key}/${s.key}`, s.label, s.count, '', '', '']);
  }
  for (const p of report.partnerCounts) {
    const key = p.category ? `${p.service}/${p.category}` : p.service;
    const label =
      vocabLabel('partnerService', p.service, lang) +
      (p.category ? ` – ${categoryLabel(p.category, lang)}` : '');
    rows.push(['partnerCount', key, label, p.count, '', '', '']);
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(value: string | number): string {
  const s = String(value);
  // A leading =, +, - or @ would be read as a formula by spreadsheet programs.
  const safe = /^[=+\-@]/.test(s) && typeof value === 'string' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

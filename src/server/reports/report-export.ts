import type { AnnualReport } from '../../domain/annual-report.js';
import type { ExportOptions } from './report-text.js';
import { renderAnnualReportCsv } from './report-csv.js';
import { renderAnnualReportDocx } from './report-docx.js';
import { renderAnnualReportHtml } from './report-html.js';
import { renderAnnualReportPdf } from './report-pdf.js';
import { renderAnnualReportXlsx } from './report-xlsx.js';
import { hasChapterContent } from './report-chapters.js';

export const REPORT_FORMATS = ['json', 'csv', 'html', 'pdf', 'docx', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/** The annual report in one of the export formats, as bytes. */
export async function exportAnnualReport(
  report: AnnualReport,
  format: ReportFormat,
  options: ExportOptions,
): Promise<Buffer> {
  switch (format) {
    case 'json':
      return Buffer.from(
        `${JSON.stringify(options.chapters && hasChapterContent(options.chapters) ? { ...report, chapters: options.chapters } : report, null, 2)}\n`,
      );
    case 'csv':
      return Buffer.from(renderAnnualReportCsv(report, options));
    case 'html':
      return Buffer.from(renderAnnualReportHtml(report, options));
    case 'pdf':
      return renderAnnualReportPdf(report, options);
    case 'docx':
      return renderAnnualReportDocx(report, options);
    case 'xlsx':
      return renderAnnualReportXlsx(report, options);
  }
}

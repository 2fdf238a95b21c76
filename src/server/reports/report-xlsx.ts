import ExcelJS from 'exceljs';
import type { AnnualReport } from '../../domain/annual-report.js';
import { translator } from '../../i18n/i18n.js';
import type { ExportOptions } from './report-text.js';
import { buildReportDocument, type TableBlock } from './report-model.js';

/**
 * The annual report as a workbook drawn from the document model (issue 20): a summary sheet,
 * then one sheet per table of the report in the report's order, headed in the report's
 * language, with its total row, counts as numbers and shares as real percentages (0.24 shown
 * as 24%), the header row frozen.
 */
export async function renderAnnualReportXlsx(
  report: AnnualReport,
  options: ExportOptions,
): Promise<Buffer> {
  const model = buildReportDocument(report, options);
  const t = translator(options.lang);
  const book = new ExcelJS.Workbook();
  book.creator = 'Meldpunt';
  book.title = `${model.title} – ${model.team}`;

  const summary = book.addWorksheet(t('reportDoc.sheetSummary'), {
    views: [{ state: 'frozen', ySplit: 4 }],
  });
  summary.addRows([
    [model.title],
    [model.team],
    [],
    [t('reportDoc.year'), t('reportDoc.reports')],
    [report.year, report.total],
    [report.previousYear, report.previousTotal > 0 ? report.previousTotal : null],
  ]);
  summary.getRow(1).font = { bold: true, size: 14 };
  summary.getRow(4).font = { bold: true };
  summary.getColumn(1).width = 40;
  summary.getColumn(2).width = 14;

  const used = new Set<string>([summary.name]);
  for (const block of model.blocks) {
    if (block.kind === 'table') addTableSheet(book, block, used);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

function addTableSheet(book: ExcelJS.Workbook, table: TableBlock, used: Set<string>): void {
  let name = table.sheet.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
  for (let n = 2; used.has(name); n++) name = `${table.sheet.slice(0, 28)} ${n}`;
  used.add(name);
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const head = sheet.addRow(table.columns.map((c) => c.label));
  head.font = { bold: true };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6EFF2' } };
  for (const row of table.rows) {
    const added = sheet.addRow(
      row.cells.map((cell, i) =>
        table.columns[i]!.kind === 'text'
          ? cell.text
          : (cell.value ?? (cell.text === '' ? null : cell.text)),
      ),
    );
    if (row.role === 'total') {
      added.font = { bold: true };
      added.border = { top: { style: 'thin' } } as ExcelJS.Borders;
    }
    if (row.role === 'sub') added.getCell(1).alignment = { indent: 1 };
  }
  table.columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c.kind === 'text' ? 52 : 14;
    if (c.kind === 'share') column.numFmt = '0%';
    if (c.kind === 'count') column.numFmt = '#,##0';
    if (c.align === 'right') column.alignment = { horizontal: 'right' };
  });
}

import ExcelJS from 'exceljs';
import { categoryLabel, type AnnualReport, type Breakdown } from '../../domain/annual-report.js';
import { vocabLabel } from '../../domain/labels.js';
import type { Lang } from '../../domain/taxonomy.js';
import { BREAKDOWN_ORDER, reportText, type ExportOptions } from './report-text.js';
import { chapterTables, hasChapterContent } from './report-chapters.js';

/** Sheet names (at most 31 characters, as Excel requires). */
const SHEETS: Record<Lang, Record<Breakdown | 'summary' | 'subtypes' | 'partners', string>> = {
  nl: {
    summary: 'Totaal', byVia: 'Via', byChannel: 'Contactvorm', byGender: 'Geslacht', byOrgUnit: 'Faculteit',
    byCategory: 'Aard', byRelation: 'Relatie', byFollowUp: 'Opvolging', subtypes: 'Aard subtypes', partners: 'Partners',
  },
  en: {
    summary: 'Total', byVia: 'Via', byChannel: 'Channel', byGender: 'Gender', byOrgUnit: 'Faculty',
    byCategory: 'Kind', byRelation: 'Relation', byFollowUp: 'Follow-up', subtypes: 'Kind subtypes', partners: 'Partners',
  },
};

/**
 * One workbook, one sheet per breakdown (and per table of chapters 3–4). Columns on every breakdown sheet:
 * key, label, count, percent, previousCount, previousPercent (percent as whole numbers).
 */
export async function renderAnnualReportXlsx(report: AnnualReport, { lang, teamName, chapters }: ExportOptions): Promise<Buffer> {
  const text = reportText(lang);
  const names = SHEETS[lang];
  const book = new ExcelJS.Workbook();
  book.creator = 'Meldpunt';
  book.title = `${text.title(report.year)} – ${teamName ?? report.team}`;
  const summary = book.addWorksheet(names.summary);
  summary.addRows([
    [text.title(report.year)],
    [teamName ?? report.team],
    [],
    ['', String(report.year), String(report.previousYear)],
    [text.total, report.total, report.previousTotal],
    [],
    [text.roundingNote],
  ]);
  summary.getColumn(1).width = 40;
  const head = ['key', text.key, `${text.count} ${report.year}`, `% ${report.year}`, `${text.count} ${report.previousYear}`, `% ${report.previousYear}`];
  for (const breakdown of BREAKDOWN_ORDER) {
    const sheet = book.addWorksheet(names[breakdown]);
    sheet.addRow(head).font = { bold: true };
    for (const e of report[breakdown]) sheet.addRow([e.key, e.label, e.count, e.percent, e.previousCount, e.previousPercent]);
    sheet.getColumn(2).width = 40;
  }
  const subtypes = book.addWorksheet(names.subtypes);
  subtypes.addRow(['category', 'key', text.key, `${text.count} ${report.year}`]).font = { bold: true };
  for (const c of report.byCategory) for (const s of c.subtypes) subtypes.addRow([c.key, s.key, s.label, s.count]);
  const partners = book.addWorksheet(names.partners);
  partners.addRow(['service', 'category', text.service, text.category, text.count]).font = { bold: true };
  for (const p of report.partnerCounts) {
    partners.addRow([p.service, p.category ?? '', vocabLabel('partnerService', p.service, lang), p.category ? categoryLabel(p.category, lang) : '', p.count]);
  }
  partners.addRow([]);
  partners.addRow([text.partnerNote]);
  // Chapters 3 and 4 (issue 11), a sheet per table, when the team kept records for the year.
  for (const table of chapters && hasChapterContent(chapters) ? chapterTables(chapters, lang) : []) {
    const sheet = book.addWorksheet(table.heading.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31));
    table.rows.forEach((row, i) => (sheet.addRow(row).font = { bold: i === 0 }));
    sheet.getColumn(1).width = 50;
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { categoryLabel, type AnnualReport, type Breakdown } from '../../domain/annual-report.js';
import { vocabLabel } from '../../domain/labels.js';
import type { Lang } from '../../domain/taxonomy.js';
import { BREAKDOWN_ORDER, reportText, type ExportOptions, type ReportText } from './report-text.js';
import { CHARTED, chartBars, renderReportChart } from './report-charts.js';
import { chapterTables, hasChapterContent, noChapterRows, type ChapterTable } from './report-chapters.js';

type Doc = PDFKit.PDFDocument;

const MARGIN = 56;
const ROW = 16;
const COLUMNS = [230, 60, 50, 60, 50];

/** The annual report as an A4 PDF: the same sections, charts (as vectors) and tables as the HTML. */
export async function renderAnnualReportPdf(report: AnnualReport, { lang, teamName, chapters }: ExportOptions): Promise<Buffer> {
  const text = reportText(lang);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `${text.title(report.year)} – ${teamName ?? report.team}`, Subject: teamName ?? report.team },
    lang,
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(20).text(text.title(report.year));
  doc.font('Helvetica').fontSize(11).fillColor('#444444').text(teamName ?? report.team).fillColor('#1a1a1a').moveDown();
  doc.text(text.totalSentence(report.year, report.total, report.previousYear, report.previousTotal));
  doc.font('Helvetica-Oblique').text(text.roundingNote).font('Helvetica');
  for (const breakdown of BREAKDOWN_ORDER) writeSection(doc, report, breakdown, lang, text);
  writePartners(doc, report, lang, text);
  if (chapters && hasChapterContent(chapters)) for (const table of chapterTables(chapters, lang)) writeChapterTable(doc, table, lang);
  doc.end();
  return done;
}

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

function heading(doc: Doc, title: string): void {
  ensureSpace(doc, 60);
  doc.moveDown().font('Helvetica-Bold').fontSize(14).text(title, MARGIN).font('Helvetica').fontSize(10).moveDown(0.5);
}

function writeSection(doc: Doc, report: AnnualReport, breakdown: Breakdown, lang: Lang, text: ReportText): void {
  heading(doc, text.sections[breakdown]);
  if (CHARTED.includes(breakdown) && report[breakdown].length > 0) {
    const height = 16 + chartBars(report, breakdown).length * 26;
    const width = doc.page.width - 2 * MARGIN;
    const scaled = (height * width) / 640;
    ensureSpace(doc, scaled + 10);
    SVGtoPDF(doc as never, renderReportChart(report, breakdown, lang), MARGIN, doc.y, { width, height: scaled });
    doc.y += scaled + 8;
  }
  if (report[breakdown].length === 0) {
    doc.text(text.noData, MARGIN);
    return;
  }
  const tableHeight = (report[breakdown].length + 2) * ROW;
  if (tableHeight < 400) ensureSpace(doc, tableHeight);
  const head = [text.key, `${text.count} ${report.year}`, `% ${report.year}`, `${text.count} ${report.previousYear}`, `% ${report.previousYear}`];
  tableRow(doc, head, true);
  for (const e of report[breakdown]) {
    tableRow(doc, [e.label, String(e.count), `${e.percent}%`, String(e.previousCount), `${e.previousPercent}%`]);
    const subtypes = breakdown === 'byCategory' ? (report.byCategory.find((c) => c.key === e.key)?.subtypes ?? []) : [];
    for (const s of subtypes) tableRow(doc, [`   ${text.subtypes} ${s.label}`, String(s.count), '', '', '']);
  }
  tableRow(doc, [text.total, String(report.total), '', String(report.previousTotal), ''], true);
}

/** Chapters 3 and 4 (issue 11): text tables whose cells wrap; the widest column takes what the others leave. */
function writeChapterTable(doc: Doc, { heading: title, rows }: ChapterTable, lang: Lang): void {
  heading(doc, title);
  if (rows.length <= 1) {
    doc.text(noChapterRows(lang), MARGIN);
    return;
  }
  doc.font('Helvetica').fontSize(9);
  const widths = rows[0]!.map((_, i) => Math.min(150, Math.max(...rows.map((r) => doc.widthOfString(r[i] ?? '') + 10))));
  const widest = widths.indexOf(Math.max(...widths));
  widths[widest] = Math.max(120, doc.page.width - 2 * MARGIN - (widths.reduce((a, b) => a + b, 0) - widths[widest]!));
  rows.forEach((cells, i) => wrappedRow(doc, cells, widths, i === 0));
}

function wrappedRow(doc: Doc, cells: string[], widths: number[], isBold: boolean): void {
  doc.font(isBold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
  const height = Math.max(ROW, ...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i]! - 6 }) + 8));
  ensureSpace(doc, height);
  const y = doc.y;
  let x = MARGIN;
  cells.forEach((cell, i) => {
    doc.text(cell, x + 3, y + 4, { width: widths[i]! - 6 });
    x += widths[i]!;
  });
  doc.moveTo(MARGIN, y + height).lineTo(x, y + height).lineWidth(0.5).strokeColor('#999999').stroke();
  doc.x = MARGIN;
  doc.y = y + height;
  doc.font('Helvetica').fontSize(10);
}

function tableRow(doc: Doc, cells: string[], isBold = false): void {
  ensureSpace(doc, ROW);
  const y = doc.y;
  let x = MARGIN;
  doc.font(isBold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
  cells.forEach((cell, i) => {
    const width = COLUMNS[i] ?? 60;
    doc.text(cell, x + 3, y + 4, { width: width - 6, align: i === 0 ? 'left' : 'right', lineBreak: false, ellipsis: true });
    x += width;
  });
  const tableWidth = COLUMNS.reduce((a, b) => a + b, 0);
  doc.moveTo(MARGIN, y + ROW).lineTo(MARGIN + tableWidth, y + ROW).lineWidth(0.5).strokeColor('#999999').stroke();
  doc.x = MARGIN;
  doc.y = y + ROW;
  doc.font('Helvetica').fontSize(10);
}

function writePartners(doc: Doc, report: AnnualReport, lang: Lang, text: ReportText): void {
  heading(doc, text.partnerTitle);
  doc.text(text.partnerNote, MARGIN).moveDown(0.5);
  if (report.partnerCounts.length === 0) {
    doc.text(text.noPartnerCounts);
    return;
  }
  tableRow(doc, [text.service, text.count, '', '', ''], true);
  for (const p of report.partnerCounts) {
    const label = vocabLabel('partnerService', p.service, lang) + (p.category ? ` – ${categoryLabel(p.category, lang)}` : '');
    tableRow(doc, [label, String(p.count), '', '', '']);
  }
}

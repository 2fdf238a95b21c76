import PDFDocument from 'pdfkit';
import type { AnnualReport } from '../../domain/annual-report.js';
import type { ExportOptions } from './report-text.js';
import {
  buildReportDocument,
  type Block,
  type ChartBlock,
  type ReportDocument,
  type Row,
  type TableBlock,
} from './report-model.js';
import { BRAND, tocEntries } from './report-layout.js';

type Doc = PDFKit.PDFDocument;

const MARGIN = 64;
const FOOTER = 36;
const BODY = 10;
const CELL_PAD = 4;
const TABLE_FONT = 9;

/**
 * The annual report as an A4 PDF drawn from the document model: a cover, a table of contents,
 * chapters that start on a new page, headings kept with what follows, tables whose rows wrap
 * (a row never overlaps the next, the total row never stands alone on a page), charts as
 * vectors beside their data table, and "pagina 3 van 8" on every page.
 */
export async function renderAnnualReportPdf(
  report: AnnualReport,
  options: ExportOptions,
): Promise<Buffer> {
  const model = buildReportDocument(report, options);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    autoFirstPage: false,
    info: { Title: `${model.title} – ${model.team}`, Subject: model.team, Creator: 'Meldpunt' },
    lang: model.lang,
    displayTitle: true,
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  writeCover(doc, model);
  doc.addPage();
  const tocPage = pageIndex(doc);
  const pages = new Map<number, number>();
  model.blocks.forEach((block, i) => {
    if (block.kind === 'heading' && block.level === 1) doc.addPage();
    else ensureSpace(doc, keepHeight(doc, model.blocks, i));
    if (block.kind === 'heading') pages.set(i, pageIndex(doc) + 1);
    writeBlock(doc, block);
  });
  writeToc(doc, model, tocPage, pages);
  writeFooters(doc, model);
  doc.end();
  return done;
}

const pageIndex = (doc: Doc) => doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;
const contentWidth = (doc: Doc) => doc.page.width - 2 * MARGIN;
const bottom = (doc: Doc) => doc.page.height - MARGIN;

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function writeCover(doc: Doc, model: ReportDocument): void {
  doc.addPage();
  const width = contentWidth(doc);
  doc.rect(0, 0, doc.page.width, 12).fill(BRAND);
  doc
    .fillColor('#1a1a1a')
    .font('Helvetica-Bold')
    .fontSize(30)
    .text(model.coverTitle, MARGIN, 250, { width });
  doc.moveDown(0.3).font('Helvetica').fontSize(18).fillColor(BRAND).text(model.subtitle, { width });
  doc.moveDown(0.8).fillColor('#1a1a1a').fontSize(14).text(model.team, { width });
  if (model.institution)
    doc.moveDown(0.2).fontSize(12).fillColor('#444444').text(model.institution, { width });
  doc.fillColor('#1a1a1a');
}

/** The headings' page numbers are known only after layout: the contents page is filled in last. */
function writeToc(
  doc: Doc,
  model: ReportDocument,
  tocPage: number,
  pages: Map<number, number>,
): void {
  doc.switchToPage(tocPage);
  const width = contentWidth(doc);
  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .fillColor('#1a1a1a')
    .text(model.tocTitle, MARGIN, MARGIN, { width });
  let y = doc.y + 16;
  for (const entry of tocEntries(model.blocks)) {
    const page = String(pages.get(entry.index) ?? '');
    const indent = entry.level === 1 ? 0 : 18;
    doc.font(entry.level === 1 ? 'Helvetica-Bold' : 'Helvetica').fontSize(BODY + 0.5);
    const numberWidth = doc.widthOfString(page);
    const textWidth = width - indent - 40;
    const height = doc.heightOfString(entry.text, { width: textWidth });
    doc.text(entry.text, MARGIN + indent, y, { width: textWidth });
    doc.text(page, MARGIN + width - numberWidth, y + height - doc.heightOfString('X'), {
      lineBreak: false,
    });
    y += height + (entry.level === 1 ? 8 : 4);
  }
}

function writeFooters(doc: Doc, model: ReportDocument): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the bottom margin must not open a new page
    doc.font('Helvetica').fontSize(8.5).fillColor('#555555');
    const footer = model.pageOf(i - range.start + 1, range.count);
    doc.text(footer, MARGIN, doc.page.height - FOOTER, {
      width: contentWidth(doc),
      align: 'right',
      lineBreak: false,
    });
    if (i > range.start)
      doc.text(model.team, MARGIN, doc.page.height - FOOTER, {
        width: contentWidth(doc) / 2,
        lineBreak: false,
        ellipsis: true,
      });
    doc.page.margins.bottom = keep;
  }
}

// ---- blocks -------------------------------------------------------------------------------

const HEADING_SIZE = { 1: 18, 2: 13.5, 3: 11 } as const;

function headingHeight(doc: Doc, level: 1 | 2 | 3, text: string): number {
  doc.font('Helvetica-Bold').fontSize(HEADING_SIZE[level]);
  return doc.heightOfString(text, { width: contentWidth(doc) }) + (level === 1 ? 18 : 14);
}

/** What must fit on the page before block i starts: a heading with the start of what follows. */
function keepHeight(doc: Doc, blocks: Block[], i: number): number {
  const block = blocks[i]!;
  switch (block.kind) {
    case 'heading':
      return (
        headingHeight(doc, block.level, block.text) +
        (blocks[i + 1] ? keepHeight(doc, blocks, i + 1) : 0)
      );
    case 'paragraph':
      doc.font('Helvetica').fontSize(BODY);
      return (
        Math.min(
          doc.heightOfString(block.text, { width: contentWidth(doc) }),
          3 * doc.currentLineHeight(true),
        ) + 8
      );
    case 'bullets':
      return Math.min(60, block.items.length * 14);
    case 'chart': {
      // A chart is kept with its data table when both fit on one page.
      const next = blocks[i + 1];
      const withTable =
        chartHeight(doc, block) +
        30 +
        (next?.kind === 'table' ? keepHeight(doc, blocks, i + 1) : 0);
      return withTable <= bottom(doc) - MARGIN ? withTable : chartHeight(doc, block) + 30;
    }
    case 'table': {
      const whole = tableHeight(doc, block);
      // A table that fits on a page is kept whole; a longer one starts with its header and two rows.
      return whole <= bottom(doc) - MARGIN
        ? whole
        : rowHeight(doc, block, null) +
            block.rows.slice(0, 2).reduce((s, r) => s + rowHeight(doc, block, r), 0) +
            24;
    }
  }
}

function writeBlock(doc: Doc, block: Block): void {
  const width = contentWidth(doc);
  doc.fillColor('#1a1a1a');
  switch (block.kind) {
    case 'heading': {
      doc
        .font('Helvetica-Bold')
        .fontSize(HEADING_SIZE[block.level])
        .fillColor(block.level === 3 ? '#1a1a1a' : BRAND);
      doc.text(block.text, MARGIN, doc.y + (block.level === 1 ? 0 : 8), { width });
      if (block.level < 3) doc.outline.addItem(block.text);
      doc.fillColor('#1a1a1a').moveDown(block.level === 1 ? 0.6 : 0.3);
      return;
    }
    case 'paragraph':
      doc
        .font(block.tone === 'body' ? 'Helvetica' : 'Helvetica-Oblique')
        .fontSize(block.tone === 'note' ? BODY - 1 : BODY)
        .fillColor(block.tone === 'placeholder' ? '#666666' : '#1a1a1a');
      doc.text(block.text, MARGIN, doc.y, { width, lineGap: 2 });
      doc.fillColor('#1a1a1a').moveDown(0.6);
      return;
    case 'bullets':
      doc.font('Helvetica').fontSize(BODY);
      for (const item of block.items) {
        const height = doc.heightOfString(item, { width: width - 14, lineGap: 1 });
        ensureSpace(doc, height);
        const y = doc.y;
        doc.text('•', MARGIN + 2, y, { lineBreak: false });
        doc.text(item, MARGIN + 14, y, { width: width - 14, lineGap: 1 });
        doc.y += 2;
      }
      doc.moveDown(0.5);
      return;
    case 'chart':
      writeChart(doc, block);
      return;
    case 'table':
      writeTable(doc, block);
      return;
  }
}

// ---- tables -------------------------------------------------------------------------------

function widths(doc: Doc, table: TableBlock): number[] {
  const sum = table.columns.reduce((s, c) => s + c.weight, 0);
  return table.columns.map((c) => (c.weight / sum) * contentWidth(doc));
}

function rowFont(doc: Doc, row: Row | null): void {
  doc
    .font(row === null || row.role === 'total' ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(TABLE_FONT);
}

/** The height of a row (null: the header row): its tallest cell, every cell wrapping in its column. */
function rowHeight(doc: Doc, table: TableBlock, row: Row | null): number {
  rowFont(doc, row);
  const w = widths(doc, table);
  const texts = row === null ? table.columns.map((c) => c.label) : row.cells.map((c) => c.text);
  const indent = row?.role === 'sub' ? 12 : 0;
  return (
    Math.max(
      ...texts.map((text, i) =>
        doc.heightOfString(text || ' ', { width: w[i]! - 2 * CELL_PAD - (i === 0 ? indent : 0) }),
      ),
    ) +
    2 * CELL_PAD
  );
}

function tableHeight(doc: Doc, table: TableBlock): number {
  return (
    22 + rowHeight(doc, table, null) + table.rows.reduce((s, r) => s + rowHeight(doc, table, r), 0)
  );
}

function writeTable(doc: Doc, table: TableBlock): void {
  doc.font('Helvetica-Bold').fontSize(TABLE_FONT).fillColor('#333333');
  doc.text(table.caption, MARGIN, doc.y, { width: contentWidth(doc) });
  doc.y += 3;
  drawRow(doc, table, null);
  table.rows.forEach((row, i) => {
    let needed = rowHeight(doc, table, row);
    const next = table.rows[i + 1];
    if (next?.role === 'total') needed += rowHeight(doc, table, next); // the total row never goes alone to the next page
    if (doc.y + needed > bottom(doc)) {
      doc.addPage();
      drawRow(doc, table, null); // the header again on the continued page
    }
    drawRow(doc, table, row);
  });
  doc.x = MARGIN;
  doc.y += 10;
}

function drawRow(doc: Doc, table: TableBlock, row: Row | null): void {
  const w = widths(doc, table);
  const height = rowHeight(doc, table, row);
  const y = doc.y;
  const total = w.reduce((a, b) => a + b, 0);
  if (row === null) doc.rect(MARGIN, y, total, height).fill('#e6eff2');
  rowFont(doc, row);
  doc.fillColor(row?.role === 'sub' ? '#444444' : '#1a1a1a');
  const texts = row === null ? table.columns.map((c) => c.label) : row.cells.map((c) => c.text);
  let x = MARGIN;
  texts.forEach((text, i) => {
    const indent = i === 0 && row?.role === 'sub' ? 12 : 0;
    doc.text(text, x + CELL_PAD + indent, y + CELL_PAD, {
      width: w[i]! - 2 * CELL_PAD - indent,
      align: table.columns[i]!.align,
    });
    x += w[i]!;
  });
  const line = row === null || row.role === 'total' ? 1 : 0.4;
  if (row?.role === 'total')
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + total, y)
      .lineWidth(1)
      .strokeColor('#333333')
      .stroke();
  doc
    .moveTo(MARGIN, y + height)
    .lineTo(MARGIN + total, y + height)
    .lineWidth(line)
    .strokeColor(row === null ? '#333333' : '#b0b0b0')
    .stroke();
  doc.x = MARGIN;
  doc.y = y + height;
  doc.fillColor('#1a1a1a');
}

// ---- charts (vectors, no SVG conversion) ---------------------------------------------------

const BAR_FONT = 8.5;

function chartGeometry(doc: Doc, chart: ChartBlock) {
  const width = contentWidth(doc);
  const labelWidth = Math.round(width * 0.4);
  doc.font('Helvetica').fontSize(BAR_FONT);
  const rows = chart.bars.map(
    (bar) => Math.max(14, doc.heightOfString(bar.label, { width: labelWidth - 8 })) + 6,
  );
  return { width, labelWidth, rows, height: rows.reduce((a, b) => a + b, 0) + 8 };
}

function chartHeight(doc: Doc, chart: ChartBlock): number {
  return chartGeometry(doc, chart).height;
}

function writeChart(doc: Doc, chart: ChartBlock): void {
  const { width, labelWidth, rows, height } = chartGeometry(doc, chart);
  const top = doc.y + 4;
  const barArea = width - labelWidth - 44;
  const max = Math.max(1, ...chart.bars.map((b) => b.value));
  let y = top;
  doc
    .moveTo(MARGIN + labelWidth, top)
    .lineTo(MARGIN + labelWidth, top + height - 8)
    .lineWidth(0.6)
    .strokeColor('#777777')
    .stroke();
  chart.bars.forEach((bar, i) => {
    const rowH = rows[i]!;
    doc.font('Helvetica').fontSize(BAR_FONT).fillColor('#1a1a1a');
    const labelH = doc.heightOfString(bar.label, { width: labelWidth - 8 });
    doc.text(bar.label, MARGIN, y + (rowH - labelH) / 2, { width: labelWidth - 8, align: 'right' });
    const barWidth = (bar.value / max) * barArea;
    doc
      .rect(MARGIN + labelWidth, y + (rowH - 12) / 2, Math.max(barWidth, bar.value > 0 ? 1 : 0), 12)
      .fill(BRAND);
    doc
      .fillColor('#1a1a1a')
      .text(
        bar.valueText,
        MARGIN + labelWidth + barWidth + 4,
        y + (rowH - doc.currentLineHeight()) / 2,
        { lineBreak: false },
      );
    y += rowH;
  });
  doc.y = top + height;
  doc
    .font('Helvetica-Oblique')
    .fontSize(BODY - 1)
    .fillColor('#333333');
  doc.text(`${chart.number} ${chart.caption}`, MARGIN, doc.y, { width });
  doc.fillColor('#1a1a1a').moveDown(0.8);
}

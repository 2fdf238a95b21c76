import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { categoryLabel, type AnnualReport, type Breakdown } from '../../domain/annual-report.js';
import { vocabLabel } from '../../domain/labels.js';
import { DEFAULT_CATEGORIES, type Lang } from '../../domain/taxonomy.js';
import { reportText, type ExportOptions, type ReportText } from './report-text.js';
import { PLACEHOLDER, reportOutline, type OutlineSection } from './report-docx-outline.js';
import { chapterDocxBlocks } from './report-chapters.js';
import { chartParagraph, isCharted } from './report-docx-charts.js';

/** The Word skeleton of the annual report: the published chapters, tables filled, text left to write. */
export async function renderAnnualReportDocx(report: AnnualReport, { lang, teamName, chapters }: ExportOptions): Promise<Buffer> {
  const text = reportText(lang);
  const name = teamName ?? report.team;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, text: text.title(report.year) }),
    new Paragraph({ text: name }),
  ];
  for (const section of reportOutline(name)) {
    children.push(...renderSection(section, report, lang, text));
    if (section.chapter && chapters) children.push(...chapterDocxBlocks(chapters, section.chapter, lang)); // issue 11
  }
  const doc = new Document({
    title: `${text.title(report.year)} – ${name}`,
    creator: 'Meldpunt',
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

function renderSection(section: OutlineSection, report: AnnualReport, lang: Lang, text: ReportText): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [
    new Paragraph({ heading: section.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, text: section.title[lang] }),
  ];
  if (section.isDefinitions) return [...out, ...renderDefinitions(lang)];
  out.push(placeholder(lang));
  if (section.tables?.includes('byVia')) out.push(new Paragraph(text.totalSentence(report.year, report.total, report.previousYear, report.previousTotal)));
  for (const table of section.tables ?? []) {
    if (table === 'partnerCounts') out.push(...renderPartners(report, lang, text));
    else {
      out.push(new Paragraph({ heading: HeadingLevel.HEADING_3, text: text.sections[table] }), breakdownTable(report, table, text));
      if (isCharted(table)) out.push(chartParagraph(report, table, lang));
    }
  }
  if (section.hasRoundingNote) out.push(new Paragraph({ children: [new TextRun({ text: text.roundingNote, italics: true })] }));
  return out;
}

function placeholder(lang: Lang): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: PLACEHOLDER[lang], italics: true, color: '666666' })] });
}

function cell(value: string | number, isBold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: String(value), bold: isBold })] })] });
}

function row(values: (string | number)[], isBold = false): TableRow {
  return new TableRow({ children: values.map((v) => cell(v, isBold)), tableHeader: isBold });
}

function breakdownTable(report: AnnualReport, breakdown: Breakdown, text: ReportText): Table {
  const rows = [row([text.key, `${text.count} ${report.year}`, `% ${report.year}`, `${text.count} ${report.previousYear}`, `% ${report.previousYear}`], true)];
  for (const e of report[breakdown]) {
    rows.push(row([e.label, e.count, `${e.percent}%`, e.previousCount, `${e.previousPercent}%`]));
    const subtypes = breakdown === 'byCategory' ? (report.byCategory.find((c) => c.key === e.key)?.subtypes ?? []) : [];
    for (const s of subtypes) rows.push(row([`${text.subtypes} ${s.label}`, s.count, '', '', '']));
  }
  rows.push(row([text.total, report.total, '', report.previousTotal, ''], true));
  return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
}

function renderPartners(report: AnnualReport, lang: Lang, text: ReportText): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_3, text: text.partnerTitle }),
    new Paragraph(text.partnerNote),
  ];
  if (report.partnerCounts.length === 0) return [...out, new Paragraph(text.noPartnerCounts)];
  const rows = [row([text.service, text.category, text.count], true)];
  for (const p of report.partnerCounts) {
    rows.push(row([vocabLabel('partnerService', p.service, lang), p.category ? categoryLabel(p.category, lang) : '–', p.count]));
  }
  return [...out, new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } })];
}

function renderDefinitions(lang: Lang): Paragraph[] {
  return DEFAULT_CATEGORIES.flatMap((c) => [
    new Paragraph({ heading: HeadingLevel.HEADING_3, text: c.label[lang] }),
    new Paragraph(c.definition[lang]),
  ]);
}

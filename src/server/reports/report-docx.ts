import {
  AlignmentType,
  Document,
  LineRuleType,
  Footer,
  HeadingLevel,
  ImportedXmlComponent,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { AnnualReport } from '../../domain/annual-report.js';
import type { ExportOptions } from './report-text.js';
import {
  buildReportDocument,
  type Block,
  type ReportDocument,
  type Row,
  type TableBlock,
} from './report-model.js';
import { chartParagraph } from './report-docx-charts.js';
import { BRAND } from './report-layout.js';

/** A4 with 2.5 cm margins: the text column in twentieths of a point (twips). */
export const PAGE = { width: 11906, height: 16838, margin: 1418 };
export const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
const FONT = 'Arial';
const COLOUR = BRAND.slice(1).toUpperCase();

/**
 * The annual report as a Word document drawn from the document model (issue 20): real styles
 * (Title, Heading 1–3, Caption, the "Meldpunt Tabel" table style), a contents field, page
 * numbers in the footer, tables with column widths and right-aligned figures, charts sized to
 * the text column with "Afbeelding N." captions, chapters 3–4 as headings, paragraphs and bullets.
 */
export async function renderAnnualReportDocx(
  report: AnnualReport,
  options: ExportOptions,
): Promise<Buffer> {
  const model = buildReportDocument(report, options);
  const children: (Paragraph | Table | TableOfContents)[] = [...cover(model)];
  children.push(
    new Paragraph({ text: model.tocTitle, style: 'TOCHeading', pageBreakBefore: true }),
  );
  children.push(new TableOfContents(model.tocTitle, { hyperlink: true, headingStyleRange: '1-2' }));
  model.blocks.forEach((block) => children.push(...renderBlock(block, model)));
  const doc = new Document({
    title: `${model.title} – ${model.team}`,
    creator: 'Meldpunt',
    features: { updateFields: true }, // Word fills in the contents when the document opens
    styles: styles(),
    numbering: {
      config: [
        {
          reference: 'bullets',
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: '•',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 360, hanging: 260 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.margin,
              bottom: PAGE.margin,
              left: PAGE.margin,
              right: PAGE.margin,
              footer: 600,
            },
          },
        },
        footers: { default: footer(model) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function cover(model: ReportDocument): Paragraph[] {
  const out = [
    new Paragraph({
      text: model.coverTitle,
      heading: HeadingLevel.TITLE,
      spacing: { before: 3600, after: 240, line: 340, lineRule: LineRuleType.AUTO },
    }),
    new Paragraph({
      children: [new TextRun({ text: model.subtitle, size: 36, color: COLOUR })],
      spacing: { after: 480, line: 340, lineRule: LineRuleType.AUTO },
    }),
    new Paragraph({
      children: [new TextRun({ text: model.team, size: 28 })],
      spacing: { after: 160, line: 320, lineRule: LineRuleType.AUTO },
    }),
  ];
  if (model.institution)
    out.push(
      new Paragraph({
        children: [new TextRun({ text: model.institution, size: 24, color: '444444' })],
        spacing: { line: 320, lineRule: LineRuleType.AUTO },
      }),
    );
  return out;
}

/** "pagina 3 van 8", from Word's PAGE and NUMPAGES fields. */
function footer(model: ReportDocument): Footer {
  const [before, between, after] = model.pageOf(-1, -2).split(/-1|-2/) as [string, string, string];
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [
          new TextRun({
            size: 17,
            color: '555555',
            children: [before, PageNumber.CURRENT, between, PageNumber.TOTAL_PAGES, after ?? ''],
          }),
        ],
      }),
    ],
  });
}

function renderBlock(block: Block, model: ReportDocument): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading': {
      const heading = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3][
        block.level - 1
      ]!;
      return [new Paragraph({ text: block.text, heading, pageBreakBefore: block.level === 1 })];
    }
    case 'paragraph':
      return [
        new Paragraph({
          spacing: block.tone === 'note' ? { before: 120 } : undefined,
          children: [
            new TextRun({
              text: block.text,
              italics: block.tone !== 'body',
              color: block.tone === 'placeholder' ? '666666' : undefined,
              size: block.tone === 'note' ? 18 : undefined,
            }),
          ],
        }),
      ];
    case 'bullets':
      return block.items.map(
        (item) => new Paragraph({ text: item, numbering: { reference: 'bullets', level: 0 } }),
      );
    case 'chart':
      return [
        chartParagraph(block, model.lang),
        new Paragraph({ style: 'Caption', text: `${block.number} ${block.caption}` }),
      ];
    case 'table':
      return [
        new Paragraph({ style: 'TableCaption', text: block.caption, keepNext: true }),
        table(block),
      ];
  }
}

function table(block: TableBlock): Table {
  const sum = block.columns.reduce((s, c) => s + c.weight, 0);
  const widths = block.columns.map((c) => Math.floor((c.weight / sum) * TEXT_WIDTH));
  const last = block.rows.length - 1;
  const row = (texts: string[], role: Row['role'] | 'head', keepNext: boolean) =>
    new TableRow({
      tableHeader: role === 'head',
      cantSplit: true,
      children: texts.map(
        (text, i) =>
          new TableCell({
            width: { size: widths[i]!, type: WidthType.DXA },
            shading: role === 'head' ? { fill: 'E6EFF2', color: 'auto', type: 'clear' } : undefined,
            children: [
              new Paragraph({
                keepNext, // rows hold together, so a total row never starts a page on its own
                alignment:
                  block.columns[i]!.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
                indent: role === 'sub' && i === 0 ? { left: 240 } : undefined,
                children: [
                  new TextRun({
                    text,
                    bold: role === 'head' || role === 'total',
                    color: role === 'sub' ? '444444' : undefined,
                  }),
                ],
              }),
            ],
          }),
      ),
    });
  const small = block.rows.length <= 20; // a table that fits on a page stays whole
  return new Table({
    style: 'MeldpuntTabel',
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      row(
        block.columns.map((c) => c.label),
        'head',
        true,
      ),
      ...block.rows.map((r, i) =>
        row(
          r.cells.map((c) => c.text),
          r.role,
          i < last && (small || i >= last - 1),
        ),
      ),
    ],
  });
}

function styles() {
  const heading = (id: string, name: string, size: number, before: number, color = COLOUR) => ({
    id,
    name,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { font: FONT, size, bold: true, color },
    paragraph: { keepNext: true, keepLines: true, spacing: { before, after: 120 } },
  });
  return {
    default: {
      document: {
        run: { font: FONT, size: 20 },
        paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } },
      },
    },
    paragraphStyles: [
      {
        id: 'Title',
        name: 'Title',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { font: FONT, size: 60, bold: true, color: '1A1A1A' },
      },
      heading('Heading1', 'Heading 1', 36, 0),
      heading('Heading2', 'Heading 2', 28, 280),
      heading('Heading3', 'Heading 3', 22, 200, '1A1A1A'),
      heading('TOCHeading', 'TOC Heading', 36, 0, '1A1A1A'),
      {
        id: 'TOC1',
        name: 'toc 1',
        basedOn: 'Normal',
        next: 'Normal',
        run: { bold: true },
        paragraph: { spacing: { before: 120, after: 40, line: 300, lineRule: LineRuleType.AUTO } },
      },
      {
        id: 'TOC2',
        name: 'toc 2',
        basedOn: 'Normal',
        next: 'Normal',
        paragraph: {
          indent: { left: 280 },
          spacing: { after: 40, line: 300, lineRule: LineRuleType.AUTO },
        },
      },
      {
        id: 'Caption',
        name: 'caption',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { italics: true, size: 18, color: '333333' },
        paragraph: { spacing: { before: 60, after: 240 } },
      },
      {
        id: 'TableCaption',
        name: 'Table Caption',
        basedOn: 'Normal',
        next: 'Normal',
        run: { bold: true, size: 18, color: '333333' },
        paragraph: { keepNext: true, spacing: { before: 200, after: 60 } },
      },
    ],
    importedStyles: [ImportedXmlComponent.fromXmlString(TABLE_STYLE)],
  };
}

/** The report's table style: thin grey row lines, a dark line under the header, cell padding. */
const TABLE_STYLE = `<w:style w:type="table" w:customStyle="1" w:styleId="MeldpuntTabel"><w:name w:val="Meldpunt Tabel"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="333333"/><w:bottom w:val="single" w:sz="8" w:space="0" w:color="333333"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="B0B0B0"/></w:tblBorders><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`;

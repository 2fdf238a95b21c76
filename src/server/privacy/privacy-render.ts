import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, PrivacyDocument } from './privacy-documents.js';

export const DOCUMENT_FORMATS = ['md', 'docx'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

const cellText = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function blockToMarkdown(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level + 1)} ${b.text}`;
    case 'paragraph':
      return b.text;
    case 'todo':
      return `> **TODO:** ${b.text}`;
    case 'list':
      return b.items.map((i) => `- ${i}`).join('\n');
    case 'table':
      return [
        `| ${b.header.map(cellText).join(' | ')} |`,
        `|${b.header.map(() => ' --- ').join('|')}|`,
        ...b.rows.map((r) => `| ${r.map(cellText).join(' | ')} |`),
      ].join('\n');
  }
}

export function renderMarkdown(doc: PrivacyDocument): string {
  return [`# ${doc.title}`, ...doc.blocks.map(blockToMarkdown)].join('\n\n') + '\n';
}

const HEADINGS = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
} as const;
const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });

function blockToDocx(b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[b.level], text: b.text })];
    case 'paragraph':
      return [new Paragraph({ text: b.text })];
    case 'todo':
      return [
        new Paragraph({
          children: [new TextRun({ text: `TODO: ${b.text}`, italics: true, color: '8A1C00' })],
        }),
      ];
    case 'list':
      return b.items.map((i) => new Paragraph({ text: i, bullet: { level: 0 } }));
    case 'table':
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: b.header.map((x) => cell(x, true)) }),
            ...b.rows.map((r) => new TableRow({ children: r.map((x) => cell(x)) })),
          ],
        }),
        new Paragraph({ text: '' }),
      ];
  }
}

export async function renderDocx(doc: PrivacyDocument): Promise<Buffer> {
  const document = new Document({
    title: doc.title,
    creator: 'Meldpunt',
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, text: doc.title }),
          ...doc.blocks.flatMap(blockToDocx),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

export async function renderPrivacyDocument(
  doc: PrivacyDocument,
  format: DocumentFormat,
): Promise<Buffer> {
  return format === 'md' ? Buffer.from(renderMarkdown(doc), 'utf8') : renderDocx(doc);
}

export const CONTENT_TYPES: Record<DocumentFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

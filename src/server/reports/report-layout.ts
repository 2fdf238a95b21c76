import type { Block } from './report-model.js';

/** The report's accent colour (headings, bars), shared by the PDF and Word exporters. */
export const BRAND = '#00607a';

/** The entries of the table of contents: chapter and section headings, with their block index. */
export function tocEntries(blocks: Block[]): { index: number; level: 1 | 2; text: string }[] {
  return blocks.flatMap((b, index) =>
    b.kind === 'heading' && b.inToc && b.level < 3
      ? [{ index, level: b.level as 1 | 2, text: b.text }]
      : [],
  );
}

import * as mupdf from 'mupdf';

/**
 * Reading PDFs in tests through MuPDF's WebAssembly build (npm `mupdf`), so that `npm test`
 * needs no poppler or other system program (issue 27).
 */
export function openPdf(bytes: Uint8Array): mupdf.Document {
  return mupdf.Document.openDocument(bytes, 'application/pdf');
}

export function pageCount(bytes: Uint8Array): number {
  return openPdf(bytes).countPages();
}

/** The text of one page (1-based) or of the whole document, in reading order. */
export function pdfText(bytes: Uint8Array, page?: number): string {
  const doc = openPdf(bytes);
  const pages = page === undefined ? [...Array(doc.countPages()).keys()] : [page - 1];
  return pages.map((i) => doc.loadPage(i).toStructuredText('').asText()).join('\n');
}

export interface TextLine {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Every line of text on a page (1-based) with its box in points, from the top left. */
export function pdfLines(bytes: Uint8Array, page: number): TextLine[] {
  const json = JSON.parse(
    openPdf(bytes)
      .loadPage(page - 1)
      .toStructuredText('')
      .asJSON(),
  ) as {
    blocks: {
      type: string;
      lines?: { text: string; bbox: { x: number; y: number; w: number; h: number } }[];
    }[];
  };
  return json.blocks.flatMap((b) => (b.lines ?? []).map((l) => ({ text: l.text, ...l.bbox })));
}

/** The images drawn on a page (1-based): their pixel size and where they are placed. */
export function pdfImages(bytes: Uint8Array, page: number): { width: number; height: number }[] {
  const found: { width: number; height: number }[] = [];
  const device = new mupdf.Device({
    fillImage(image: mupdf.Image) {
      found.push({ width: image.getWidth(), height: image.getHeight() });
    },
  });
  openPdf(bytes)
    .loadPage(page - 1)
    .run(device, mupdf.Matrix.identity);
  device.close();
  return found;
}

/** One page (1-based) rendered to PNG at the given resolution. */
export function pdfPagePng(bytes: Uint8Array, page: number, dpi = 72): Buffer {
  const scale = dpi / 72;
  const pixmap = openPdf(bytes)
    .loadPage(page - 1)
    .toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceRGB, false);
  return Buffer.from(pixmap.asPNG());
}

/** A document information entry, e.g. pdfInfo(bytes, 'Author'). */
export function pdfInfo(bytes: Uint8Array, key: string): string | undefined {
  return openPdf(bytes).getMetaData(`info:${key}`) || undefined;
}

/** A page (1-based) rendered in grey levels (0–255), to compare what two PDFs show. */
export function pdfPageGrey(
  bytes: Uint8Array,
  page: number,
  dpi = 36,
): { width: number; height: number; grey: Uint8ClampedArray } {
  const scale = dpi / 72;
  const pixmap = openPdf(bytes)
    .loadPage(page - 1)
    .toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceGray, false);
  return { width: pixmap.getWidth(), height: pixmap.getHeight(), grey: pixmap.getPixels() };
}

/** The annotations (links included) on a page (1-based). */
export function pdfAnnotations(
  bytes: Uint8Array,
  page: number,
): { annotations: number; links: number } {
  const loaded = openPdf(bytes).loadPage(page - 1);
  const annotations = 'getAnnotations' in loaded ? loaded.getAnnotations().length : 0;
  return { annotations, links: loaded.getLinks().length };
}

/**
 * The document's text row by row, as the eye reads a table: lines of text whose tops lie within
 * 2 points of each other on the same page form one row, left to right, joined by " | ".
 */
export function pdfRows(bytes: Uint8Array): string[] {
  const rows: string[] = [];
  for (let page = 1; page <= pageCount(bytes); page++) {
    const lines = pdfLines(bytes, page)
      .filter((l) => l.text.trim() !== '')
      .sort((a, b) => a.y - b.y || a.x - b.x);
    let row: TextLine[] = [];
    const flush = () =>
      row.length &&
      rows.push(
        row
          .sort((a, b) => a.x - b.x)
          .map((l) => l.text.trim())
          .join(' | '),
      );
    for (const line of lines) {
      if (row.length && Math.abs(line.y - row[0]!.y) > 2) {
        flush();
        row = [];
      }
      row.push(line);
    }
    flush();
  }
  return rows;
}

/** The darkest grey level of a rendered page: near 255 means a blank page. */
export function darkest(bytes: Uint8Array, page: number, dpi = 72): number {
  return pdfPageGrey(bytes, page, dpi).grey.reduce((min, v) => Math.min(min, v), 255);
}

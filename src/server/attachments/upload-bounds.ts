/**
 * The most work one uploaded file may cost (issue 15, item 6). A file beyond any bound is
 * refused with `upload.tooComplex`; the rest of the form is kept for the next try.
 */
export const UPLOAD_BOUNDS = {
  /** Pages of one PDF: each is rendered to an image. */
  pdfPages: 40,
  /** Objects in one PDF's cross-reference table. */
  pdfObjects: 50_000,
  /** Pixels of one rendered PDF page (A4 at 150 dpi is 2.2 million). */
  pagePixels: 4_000_000,
  /** Resolution of the rendered pages, in dots per inch. */
  pageDpi: 150,
  /** Pixels of one uploaded photo (decompression bombs are refused before decoding). */
  imagePixels: 50_000_000,
  /** Wall-clock time to clean one file; a PDF worker over time is terminated. */
  seconds: 15,
  /** PDF workers at once; further uploads wait for a free one. */
  workers: 2,
  /** PDFs waiting for a worker; beyond it an upload is refused as busy, the form kept. */
  queue: 16,
} as const;

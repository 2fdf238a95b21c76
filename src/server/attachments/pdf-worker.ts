// Entry of the PDF worker process (run-pdf-worker.ts), run by Node's own type stripping: it
// imports nothing of ours but types, so it needs no loader.
import * as mupdf from 'mupdf';
import type { UPLOAD_BOUNDS } from './upload-bounds.js';

export type PdfResult =
  { ok: true; pdf: Uint8Array } | { ok: false; problem: 'malformed' | 'limits' | 'busy' };
type Bounds = typeof UPLOAD_BOUNDS;

/**
 * Rebuilds a PDF as pictures of its pages (issue 15, item 7): MuPDF renders every page, and
 * a new PDF holds one JPEG per page and nothing else. No script, action, annotation, link,
 * form, embedded file, font, XMP packet, document information or embedded image's metadata
 * of the original survives, because none of its objects is copied. The price: the text is no
 * longer selectable (decision 021).
 */
function cleanPdf(input: Uint8Array, bounds: Bounds): PdfResult {
  const doc = mupdf.Document.openDocument(input, 'application/pdf');
  if (doc.needsPassword()) return { ok: false, problem: 'malformed' };
  if ((doc.asPDF()?.countObjects() ?? 0) > bounds.pdfObjects)
    return { ok: false, problem: 'limits' };
  const pages = doc.countPages();
  if (pages === 0) return { ok: false, problem: 'malformed' };
  if (pages > bounds.pdfPages) return { ok: false, problem: 'limits' };
  const out = new mupdf.Buffer();
  const writer = new mupdf.DocumentWriter(out, 'pdf', '');
  for (let i = 0; i < pages; i++) {
    const page = doc.loadPage(i);
    const [x0, y0, x1, y1] = page.getBounds();
    const width = x1 - x0;
    const height = y1 - y0;
    if (!(width > 0 && height > 0)) return { ok: false, problem: 'malformed' };
    const scale = Math.min(bounds.pageDpi / 72, Math.sqrt(bounds.pagePixels / (width * height)));
    const picture = page.toPixmap(
      mupdf.Matrix.scale(scale, scale),
      mupdf.ColorSpace.DeviceRGB,
      false,
      true,
    );
    const image = new mupdf.Image(picture.asJPEG(85));
    const device = writer.beginPage([0, 0, width, height]);
    device.fillImage(image, [width, 0, 0, height, 0, 0], 1);
    writer.endPage();
    for (const done of [image, picture, page]) done.destroy(); // free WebAssembly memory page by page
  }
  writer.close();
  return { ok: true, pdf: out.asUint8Array().slice() };
}

if (process.send) {
  mupdf.setLog(null);
  process.once('message', (message: { input: Uint8Array; bounds: Bounds }) => {
    let result: PdfResult;
    try {
      result = cleanPdf(message.input, message.bounds);
    } catch {
      result = { ok: false, problem: 'malformed' };
    }
    process.send!(result, () => process.exit(0));
  });
}

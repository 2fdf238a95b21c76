import PDFDocument from 'pdfkit';
import { PDFDocument as PdfLib } from 'pdf-lib';
import type { Translate } from '../../i18n/i18n.js';

export interface BundleFile {
  name: string;
  mediaType: string;
  content: Buffer;
}

/**
 * The evidence bundle: an index page (pdfkit) listing every selected file, then each file —
 * images on their own page, PDFs appended page by page (pdf-lib). No content in the metadata.
 */
export async function renderEvidenceBundle(
  reference: string,
  files: BundleFile[],
  t: Translate,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: t('police.bundle.title', { reference }) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(18).text(t('police.bundle.title', { reference }));
  doc.moveDown().font('Helvetica-Bold').fontSize(13).text(t('police.bundle.index'));
  doc.font('Helvetica').fontSize(11);
  files.forEach((f, i) => doc.text(`${i + 1}. ${f.name} (${f.mediaType})`));
  if (files.length === 0) doc.text(t('police.bundle.empty'));
  for (const [i, f] of files.entries()) {
    if (f.mediaType === 'application/pdf') continue;
    doc
      .addPage()
      .font('Helvetica-Bold')
      .text(`${i + 1}. ${f.name}`)
      .moveDown();
    doc.image(f.content, { fit: [480, 680] });
  }
  doc.end();
  const indexPdf = await done;
  const pdfs = files.filter((f) => f.mediaType === 'application/pdf');
  if (pdfs.length === 0) return indexPdf;
  const merged = await PdfLib.load(indexPdf);
  for (const f of pdfs) {
    const source = await PdfLib.load(f.content, { ignoreEncryption: true });
    for (const page of await merged.copyPages(source, source.getPageIndices()))
      merged.addPage(page);
  }
  return Buffer.from(await merged.save());
}

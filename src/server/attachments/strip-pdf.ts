import { PDFDocument, PDFName } from 'pdf-lib';

/**
 * Rewrites a PDF as a new document holding only copies of its pages: the document
 * information dictionary (author, creator, dates) and the XMP metadata stay behind, and
 * page-level metadata is removed. Encrypted or unreadable files give undefined.
 */
export async function stripPdf(input: Buffer): Promise<Buffer | undefined> {
  try {
    const source = await PDFDocument.load(input, { updateMetadata: false });
    const count = source.getPageCount();
    if (count === 0) return undefined;
    const target = await PDFDocument.create({ updateMetadata: false });
    const pages = await target.copyPages(source, source.getPageIndices());
    for (const page of pages) {
      page.node.delete(PDFName.of('Metadata'));
      page.node.delete(PDFName.of('PieceInfo'));
      target.addPage(page);
    }
    return Buffer.from(await target.save({ useObjectStreams: false }));
  } catch {
    return undefined;
  }
}

import zlib from 'node:zlib';
import { JPEG_BODY, jpegWithExif } from './reporter-flow.js';

/** Files an attacker might upload (issue 15, items 6 and 7), written byte by byte. */

/** A PDF from numbered object bodies (object 1 is the catalog), with a correct cross-reference table. */
export function rawPdf(objects: (string | Buffer)[], trailerExtra = ''): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`),
      Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'),
      Buffer.from('\nendobj\n'),
    ]);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
  ].join('');
  parts.push(
    Buffer.from(
      `${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${length}\n%%EOF\n`,
    ),
  );
  return Buffer.concat(parts);
}

function stream(dict: string, data: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`),
    data,
    Buffer.from('\nendstream'),
  ]);
}

/** 20,000 pages sharing one content stream: 2.4 MB that froze the server for 56 s (finding 6). */
export function pdfWithManyPages(pages = 20_000): Buffer {
  const first = 4; // objects 1–3: catalog, page tree, content
  const kids = Array.from({ length: pages }, (_, i) => `${first + i} 0 R`).join(' ');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Count ${pages} /Kids [${kids}] >>`,
    stream('', Buffer.from('BT /F1 12 Tf 72 720 Td (page) Tj ET')),
    ...Array.from(
      { length: pages },
      () => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>',
    ),
  ];
  return rawPdf(objects);
}

/** One page whose compressed content unpacks to hundreds of megabytes of drawing: slow to render. */
export function pdfThatRendersForever(): Buffer {
  const ops = Buffer.from('0 0 1 1 re f\n'.repeat(1 << 16));
  const big = zlib.deflateSync(Buffer.concat(Array.from({ length: 400 }, () => ops)), { level: 9 });
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Count 1 /Kids [3 0 R] >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
    stream('/Filter /FlateDecode', big),
  ]);
}

export const HOSTILE_SECRETS = {
  javascript: 'app.launchURL',
  link: 'https://tracker.example/t/8f3a',
  author: 'Pieter Geheim',
  xmp: 'Kamer 4.012 scanner',
  info: 'Concept aangifte',
  exif: 'Owner Jan Jansen', // part of EXIF_SECRET in the embedded JPEG
};

/**
 * A one-page PDF with every kind of active and identifying content finding 7 named: page-level
 * /AA JavaScript, a link annotation, a comment with an author, an XMP packet, document
 * information, and an embedded JPEG that carries EXIF.
 */
export function pdfWithActiveContent(): Buffer {
  const s = HOSTILE_SECRETS;
  const xmp = Buffer.from(
    `<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="${s.xmp}"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`,
  );
  const jpeg = jpegWithExif();
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R /Metadata 5 0 R >>',
      '<< /Type /Pages /Count 1 /Kids [3 0 R] >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R /Resources << /XObject << /Im1 7 0 R >> /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> /Annots [8 0 R 9 0 R] /AA << /O 6 0 R >> >>`,
      stream(
        '',
        Buffer.from('q 100 0 0 100 50 150 cm /Im1 Do Q BT /F1 18 Tf 50 100 Td (Bewijs) Tj ET'),
      ),
      stream('/Type /Metadata /Subtype /XML', xmp),
      `<< /S /JavaScript /JS (${s.javascript}\\('https://evil.example'\\)) >>`,
      stream(
        `/Type /XObject /Subtype /Image /Width ${jpegWidth(jpeg)} /Height ${jpegHeight(jpeg)} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode`,
        jpeg,
      ),
      `<< /Type /Annot /Subtype /Link /Rect [50 90 150 120] /A << /S /URI /URI (${s.link}) >> >>`,
      `<< /Type /Annot /Subtype /Text /Rect [200 200 220 220] /T (${s.author}) /Contents (Zie hier) >>`,
      `<< /Title (${s.info}) /Author (${s.author}) >>`,
    ],
    '/Info 10 0 R ',
  );
}

function sof(jpeg: Buffer): number {
  const at = [0xc0, 0xc1, 0xc2]
    .map((m) => jpeg.indexOf(Buffer.from([0xff, m])))
    .filter((i) => i > 0);
  return Math.min(...at);
}
const jpegHeight = (jpeg: Buffer) => jpeg.readUInt16BE(sof(jpeg) + 5);
const jpegWidth = (jpeg: Buffer) => jpeg.readUInt16BE(sof(jpeg) + 7);

export const AFTER_SCAN_SECRET = 'Hidden after scan: Jan Jansen, Maastricht';

/**
 * A JPEG that hides a comment and an EXIF block after its first scan (finding 7): the old
 * stripper copied everything from the first scan marker on unchanged.
 */
export function jpegWithDataAfterScan(): Buffer {
  const segment = (marker: number, payload: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt16BE(0xff00 | marker, 0);
    head.writeUInt16BE(payload.length + 2, 2);
    return Buffer.concat([head, payload]);
  };
  const comment = segment(0xfe, Buffer.from(AFTER_SCAN_SECRET, 'latin1'));
  const exif = segment(
    0xe1,
    Buffer.concat([
      Buffer.from('Exif\0\0MM\0*\0\0\0\x08\0\0', 'latin1'),
      Buffer.from(AFTER_SCAN_SECRET, 'latin1'),
    ]),
  );
  return Buffer.concat([JPEG_BODY, comment, exif, Buffer.from([0xff, 0xd9])]);
}

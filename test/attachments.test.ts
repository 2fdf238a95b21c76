import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { pdfInfo, pdfText, pageCount, pdfImages } from './support/pdf.js';
import {
  downloadFirstMailboxFile,
  EXIF_SECRET,
  jpegMarkers,
  jpegWithExif,
  openMailbox,
  postMultipart,
  reportAnonymously,
} from './support/reporter-flow.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp();

async function counts() {
  const a = await t.deps.db
    .selectFrom('case_attachment')
    .select(({ fn }) => fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const m = await t.deps.db
    .selectFrom('case_message')
    .select(({ fn }) => fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const c = await t.deps.db
    .selectFrom('case')
    .select(({ fn }) => fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return { attachments: Number(a.n), messages: Number(m.n), cases: Number(c.n) };
}

describe('evidence uploads', () => {
  it('stores an image from the intake without its EXIF data, sealed, and gives it back', async () => {
    const original = jpegWithExif();
    expect(original.includes(Buffer.from(EXIF_SECRET))).toBe(true);
    const { receipt } = await reportAnonymously(t.app, [
      { field: 'files', name: 'IMG_2041.jpg', type: 'image/jpeg', bytes: original },
    ]);

    const file = await downloadFirstMailboxFile(t.app, receipt);
    expect(file.type).toBe('image/jpeg');
    expect(file.disposition).toMatch(/^attachment;/);
    expect(file.bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(jpegMarkers(file.bytes)).not.toContain(0xe1); // no APP1 (EXIF, XMP) before the scan
    expect(file.bytes.includes(Buffer.from('Exif'))).toBe(false);
    expect(file.bytes.includes(Buffer.from(EXIF_SECRET))).toBe(false);
    // The picture itself is kept: re-encoded (sharp), the same size, without metadata.
    const meta = await sharp(file.bytes).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(['jpeg', 1, 1, undefined]);

    // At rest the content is sealed: neither the image nor its name appears in the database.
    const { rows } = await sql<{
      dump: string;
    }>`SELECT string_agg(encode(content, 'hex') || encode(file_name, 'hex'), '') AS dump FROM case_attachment`.execute(
      t.deps.db,
    );
    expect(rows[0]!.dump).not.toContain(file.bytes.subarray(2, 40).toString('hex'));
    expect(rows[0]!.dump).not.toContain(Buffer.from('IMG_2041').toString('hex'));
  });

  it('removes the document information and XMP metadata from a PDF', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([200, 200]).drawText('Bewijs');
    doc.setAuthor('Pieter Geheim');
    doc.setCreator('Scanner van kamer 4.012');
    doc.setTitle('Aangifte concept');
    const pdf = Buffer.from(await doc.save({ useObjectStreams: false }));
    expect(pdfInfo(pdf, 'Author')).toBe('Pieter Geheim');
    expect(pdf.includes(Buffer.from('/Author'))).toBe(true);
    const { receipt } = await reportAnonymously(t.app, [
      { field: 'files', name: 'bewijs.pdf', type: 'application/pdf', bytes: pdf },
    ]);

    const file = await downloadFirstMailboxFile(t.app, receipt);
    expect(file.type).toBe('application/pdf');
    for (const secret of [
      '/Author',
      '/Creator',
      '/Title',
      '/Metadata',
      'Pieter Geheim',
      'Scanner van kamer',
      'Aangifte concept',
    ]) {
      expect(file.bytes.includes(Buffer.from(secret))).toBe(false);
    }
    expect(pageCount(file.bytes)).toBe(1);
    for (const key of ['Author', 'Creator', 'Title'])
      expect(pdfInfo(file.bytes, key)).toBeUndefined();
    // The page is kept as a picture of itself (decision 021): no text layer, one image.
    expect(pdfText(pdf)).toContain('Bewijs');
    expect(pdfText(file.bytes).trim()).toBe('');
    expect(pdfImages(file.bytes, 1)).toHaveLength(1);
  });

  it('refuses a wrongly typed, malformed or oversized file with a clear message and stores nothing', async () => {
    const { receipt } = await reportAnonymously(t.app);
    const before = await counts();
    const cases: [string, { name: string; type: string; bytes: Uint8Array }, string, string][] = [
      [
        'type',
        { name: 'foto.jpg', type: 'image/jpeg', bytes: Buffer.from('MZ this is not an image') },
        'Dit soort bestand kunnen we niet aannemen',
        'We cannot accept this kind of file',
      ],
      [
        'malformed',
        { name: 'kapot.jpg', type: 'image/jpeg', bytes: jpegWithExif().subarray(0, 60) },
        'beschadigd of leeg',
        'damaged or empty',
      ],
      [
        'size',
        {
          name: 'groot.pdf',
          type: 'application/pdf',
          bytes: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024)]),
        },
        'groter dan 10 MB',
        'larger than 10 MB',
      ],
    ];
    for (const [, file, nl, en] of cases) {
      for (const [lang, expected] of [
        ['nl', nl],
        ['en', en],
      ] as const) {
        const { client } = await openMailbox(t.app, receipt, lang);
        await client.get('/postbus/inbox');
        const res = await postMultipart(
          client,
          '/postbus/berichten',
          { body: 'Hierbij het bewijs.' },
          [
            { field: 'files', ...file },
            { field: 'files', name: 'goed.jpg', type: 'image/jpeg', bytes: jpegWithExif() },
          ],
        );
        expect(res.status).toBe(422);
        expect(client.lastHtml).toContain(expected);
        expect(client.lastHtml).toContain('href="#field-files"');
      }
    }
    // An intake with a bad file is refused as a whole: no case, no file.
    const intakeClient = (await reportAnonymouslyRefused()).client;
    expect(intakeClient.lastHtml).toContain('href="#field-files"');
    expect(await counts()).toEqual(before);
  });
});

async function reportAnonymouslyRefused() {
  const { TestClient } = await import('./support/http-client.js');
  const { intakeFields } = await import('./support/reporter-flow.js');
  const client = new TestClient(t.app);
  await client.get('/melden');
  const res = await postMultipart(client, '/melden', intakeFields(client), [
    { field: 'files', name: 'x.png', type: 'image/png', bytes: Buffer.from('not a png at all') },
  ]);
  expect(res.status).toBe(422);
  return { client };
}

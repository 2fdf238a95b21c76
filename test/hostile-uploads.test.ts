import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { TestClient } from './support/http-client.js';
import { pngWithPrivateChunk } from './support/images.js';
import {
  AFTER_SCAN_SECRET,
  HOSTILE_SECRETS,
  jpegWithDataAfterScan,
  pdfThatRendersForever,
  pdfWithActiveContent,
  pdfWithManyPages,
} from './support/hostile-files.js';
import {
  darkest,
  pdfAnnotations,
  pdfImages,
  pdfInfo,
  pdfPageGrey,
  pageCount,
} from './support/pdf.js';
import {
  downloadFirstMailboxFile,
  EXIF_SECRET,
  intakeFields,
  openMailbox,
  postMultipart,
  reportAnonymously,
} from './support/reporter-flow.js';
import { useTestApp } from './support/use-test-app.js';
import { cleanPdfInWorker } from '../src/server/attachments/run-pdf-worker.js';

// Issue 15, findings 6 (an upload that froze the server) and 7 ("cleaned" files that kept
// identifying and active content). Every hostile file is built here, byte by byte.
const t = useTestApp();

async function caseCount() {
  const row = await t.deps.db
    .selectFrom('case')
    .select(({ fn }) => fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How long /health takes to answer, asked while something else is running. */
async function healthMs(): Promise<number> {
  const start = performance.now();
  const res = await t.app.request('/health');
  expect(res.status).toBe(200);
  return performance.now() - start;
}

describe('hostile uploads: bounded work, off the main thread (finding 6)', () => {
  it('refuses a 2.4 MB PDF of 20,000 pages at once, in Dutch and English, keeps the rest of the report in the form and stores nothing', async () => {
    const pdf = pdfWithManyPages();
    expect(pdf.length).toBeGreaterThan(2_000_000);
    const before = await caseCount();
    for (const [lang, expected] of [
      ['nl', 'hoogstens 40 pagina\u2019s'],
      ['en', 'at most 40 pages'],
    ] as const) {
      const client = new TestClient(t.app, lang);
      await client.get('/melden');
      const start = performance.now();
      const res = await postMultipart(client, '/melden', intakeFields(client), [
        { field: 'files', name: 'dossier.pdf', type: 'application/pdf', bytes: pdf },
      ]);
      expect(res.status).toBe(422);
      expect(performance.now() - start).toBeLessThan(10_000);
      expect(client.lastHtml).toContain(expected);
      expect(client.lastHtml).toContain('href="#field-files"');
      expect(client.lastHtml).toContain('Een docent stuurt mij 7c1e berichten die ik niet wil.'); // the narrative is kept
    }
    expect(await caseCount()).toBe(before);
  }, 60_000);

  it('stops a PDF that takes too long to read, while /health keeps answering at once', async () => {
    const { receipt } = await reportAnonymously(t.app);
    const { client } = await openMailbox(t.app, receipt, 'en');
    await client.get('/postbus/inbox');
    const upload = postMultipart(client, '/postbus/berichten', { body: 'Zie bijlage 5d2a.' }, [
      {
        field: 'files',
        name: 'traag.pdf',
        type: 'application/pdf',
        bytes: pdfThatRendersForever(),
      },
    ]);
    let settled = false;
    void upload.finally(() => (settled = true));
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(settled).toBe(false); // still being worked on…
      waits.push(await healthMs()); // …and the server answers meanwhile
    }
    expect(Math.max(...waits)).toBeLessThan(500);
    const res = await upload;
    expect(res.status).toBe(422);
    expect(client.lastHtml).toContain('readable within 15 seconds');
    expect(client.lastHtml).toContain('Zie bijlage 5d2a.'); // the message is kept in the form
  }, 60_000);

  it('lets at most two PDFs be worked on and sixteen wait; the next are refused as busy until the queue drains', async () => {
    // 41 pages: each worker refuses it after counting, so the test costs only the processes.
    const pdf = pdfWithManyPages(41);
    const results = await Promise.all(
      Array.from({ length: 2 + 16 + 3 }, () => cleanPdfInWorker(pdf)),
    );
    const problems = results.map((r) => (r.ok ? 'ok' : r.problem));
    expect(problems).toEqual([...Array(18).fill('limits'), 'busy', 'busy', 'busy']);
    // Once the queue has drained, the next upload is worked on again.
    expect(await cleanPdfInWorker(pdf)).toEqual({ ok: false, problem: 'limits' });
  }, 120_000);
});

describe('hostile uploads: only what the eye sees is kept (finding 7)', () => {
  it('rebuilds a PDF without its JavaScript, actions, links, comment author, XMP, document information or the EXIF of an embedded photo, and keeps what the page shows', async () => {
    const original = pdfWithActiveContent();
    for (const secret of [...Object.values(HOSTILE_SECRETS), '/AA', '/Annots', '/Metadata'])
      expect(original.includes(Buffer.from(secret))).toBe(true);
    expect(pdfAnnotations(original, 1)).toEqual({ annotations: 1, links: 1 }); // the comment; the link is counted apart
    expect(pdfInfo(original, 'Author')).toBe(HOSTILE_SECRETS.author);

    const { receipt } = await reportAnonymously(t.app, [
      { field: 'files', name: 'bewijs.pdf', type: 'application/pdf', bytes: original },
    ]);
    const file = await downloadFirstMailboxFile(t.app, receipt);
    expect(file.type).toBe('application/pdf');
    for (const secret of [
      ...Object.values(HOSTILE_SECRETS),
      EXIF_SECRET,
      'Exif',
      '/JavaScript',
      '/JS',
      '/AA',
      '/OpenAction',
      '/Annots',
      '/URI',
      '/Metadata',
      '/AcroForm',
      '/EmbeddedFile',
    ]) {
      expect(file.bytes.includes(Buffer.from(secret)), secret).toBe(false);
    }
    expect(pageCount(file.bytes)).toBe(1);
    expect(pdfAnnotations(file.bytes, 1)).toEqual({ annotations: 0, links: 0 });
    expect(pdfInfo(file.bytes, 'Author')).toBeUndefined();
    expect(pdfInfo(file.bytes, 'Title')).toBeUndefined();
    expect(pdfImages(file.bytes, 1)).toHaveLength(1); // one picture of the page, nothing else

    // What the page shows is kept: both render to nearly the same grey levels.
    const a = pdfPageGrey(original, 1);
    const b = pdfPageGrey(file.bytes, 1);
    expect([b.width, b.height]).toEqual([a.width, a.height]);
    const meanDiff =
      a.grey.reduce((sum, v, i) => sum + Math.abs(v - b.grey[i]!), 0) / a.grey.length;
    expect(meanDiff).toBeLessThan(4);
    expect(darkest(file.bytes, 1)).toBeLessThan(100); // not a blank page: the text and the photo are there
  });

  it('re-encodes a JPEG that hides a comment and EXIF after its scan, keeping only the picture', async () => {
    const original = jpegWithDataAfterScan();
    expect(original.includes(Buffer.from(AFTER_SCAN_SECRET))).toBe(true);
    const { receipt } = await reportAnonymously(t.app, [
      { field: 'files', name: 'foto.jpg', type: 'image/jpeg', bytes: original },
    ]);
    const file = await downloadFirstMailboxFile(t.app, receipt);
    expect(file.type).toBe('image/jpeg');
    expect(file.bytes.includes(Buffer.from(AFTER_SCAN_SECRET))).toBe(false);
    expect(file.bytes.includes(Buffer.from('Exif'))).toBe(false);
    const meta = await sharp(file.bytes).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif, meta.comments]).toEqual([
      'jpeg',
      1,
      1,
      undefined,
      undefined,
    ]);
  });

  it('re-encodes a PNG, so that a private chunk no list of metadata names is dropped too', async () => {
    const secret = 'Private chunk: Jan Jansen, kamer 2.031';
    const original = pngWithPrivateChunk(secret);
    expect(original.includes(Buffer.from(secret))).toBe(true);
    const { receipt } = await reportAnonymously(t.app, [
      { field: 'files', name: 'scherm.png', type: 'image/png', bytes: original },
    ]);
    const file = await downloadFirstMailboxFile(t.app, receipt);
    expect(file.type).toBe('image/png');
    expect(file.bytes.includes(Buffer.from(secret))).toBe(false);
    expect(file.bytes.includes(Buffer.from('prVt'))).toBe(false);
    const meta = await sharp(file.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 16, 16]);
  });
});

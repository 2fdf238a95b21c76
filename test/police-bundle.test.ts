import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { grantConsent } from '../src/server/consent/consent.service.js';
import { TestClient } from './support/http-client.js';
import { noisePng } from './support/images.js';
import { pdfImages, pdfPageGrey, pdfText } from './support/pdf.js';
import { postMultipart } from './support/reporter-flow.js';
import { auditTypes, signedInStaff } from './support/safety-case.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp({ app: { today: () => '2026-11-23' } });
let coordinator: Awaited<ReturnType<typeof signedInStaff>>;

beforeAll(async () => {
  coordinator = await signedInStaff(t.deps, t.app, ['safety_coordinator'], 'Coordinator');
});

async function twoPagePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([400, 400]).drawText('Dreigbericht pagina een', { x: 40, y: 300, font, size: 14 });
  doc.addPage([400, 400]).drawText('Dreigbericht pagina twee', { x: 40, y: 300, font, size: 14 });
  return Buffer.from(await doc.save());
}

/** A stalking report with a screenshot and a PDF attached at intake; returns the case id. */
async function reportWithFiles(): Promise<string> {
  const reporter = new TestClient(t.app);
  await reporter.get('/melden');
  const res = await postMultipart(
    reporter,
    '/melden',
    {
      team: 'students',
      idempotencyKey: reporter.inputValue('idempotencyKey'),
      category: 'stalking',
      narrative: 'Een oud-collega wacht mij op en stuurt berichten.',
      location: 'off_campus',
      reporterRole: 'staff',
      accusedRole: 'external',
      goal: 'action',
      anonymous: 'no',
      name: 'Sanne Visser',
      contact: 'sanne.visser@example.test',
    },
    [
      { field: 'files', name: 'schermafdruk.png', type: 'image/png', bytes: noisePng(120, 80) },
      { field: 'files', name: 'berichten.pdf', type: 'application/pdf', bytes: await twoPagePdf() },
    ],
  );
  expect(res.status).toBe(200);
  const reference = /data-testid="reference">([^<]+)</.exec(reporter.lastHtml)![1]!;
  return (
    await t.deps.db
      .selectFrom('case')
      .select('id')
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow()
  ).id;
}

describe('police evidence bundle with files', () => {
  it('holds the index and every selected file: the image on its own page, the PDF page by page', async () => {
    const caseId = await reportWithFiles();
    await t.deps.db.transaction().execute((trx) =>
      grantConsent(
        trx,
        t.deps.keyring,
        { id: caseId, teamId: coordinator.teamId },
        {
          info: 'case_documents',
          recipient: { kind: 'partner', value: 'police' },
          purpose: 'police_report',
          obtainedVia: 'conversation',
        },
        { kind: 'user', userId: coordinator.id },
      ),
    );
    const { client } = coordinator;
    await client.get(`/cases/${caseId}/police`);
    const ids = [...client.lastHtml.matchAll(/name="attachments" value="([0-9a-f-]{36})"/g)].map(
      (m) => m[1]!,
    );
    expect(ids).toHaveLength(2);
    expect(client.lastHtml).toContain('schermafdruk.png');
    expect(client.lastHtml).toContain('berichten.pdf');

    const body = new URLSearchParams([
      ['_csrf', client.csrfToken()],
      ...ids.map((id) => ['attachments', id]),
    ]);
    const res = await client.send(`/cases/${caseId}/police/bundle`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());

    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1 + 1 + 2); // index, the image, the PDF's two pages
    const index = pdfText(pdf, 1);
    expect(index).toContain('schermafdruk.png (image/png)');
    expect(index).toContain('berichten.pdf (application/pdf)');
    // The image page carries the 120×80 screenshot.
    expect(pdfImages(pdf, 2)).toEqual([{ width: 120, height: 80 }]);
    // The PDF's pages follow in order; uploads are kept as pictures of their pages (decision 021),
    // so each bundle page is compared with how the reporter's page looked.
    const original = await twoPagePdf();
    const diff = (a: ReturnType<typeof pdfPageGrey>, b: ReturnType<typeof pdfPageGrey>) =>
      a.grey.reduce((sum, v, i) => sum + Math.abs(v - b.grey[i]!), 0) / a.grey.length;
    const [one, two] = [pdfPageGrey(original, 1, 72), pdfPageGrey(original, 2, 72)];
    const [three, four] = [pdfPageGrey(pdf, 3, 72), pdfPageGrey(pdf, 4, 72)];
    expect(diff(three, one)).toBeLessThan(diff(three, two));
    expect(diff(four, two)).toBeLessThan(diff(four, one));
    expect(diff(three, one)).toBeLessThan(2);

    const created = await t.deps.db
      .selectFrom('audit_event')
      .select('detail')
      .where('case_id', '=', caseId)
      .where('type', '=', 'EVIDENCE_BUNDLE_CREATED')
      .executeTakeFirstOrThrow();
    expect(created.detail).toMatchObject({ files: 2, basis: 'consent' });
    expect(await auditTypes(t.deps, caseId)).toContain('CASE_ATTACHMENT_DOWNLOADED');
  });
});

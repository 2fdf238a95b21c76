import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { TestClient } from './support/http-client.js';
import { defaultTeamId } from './support/factories.js';
import { caseIdOf, signedIn, submitReport } from './support/security.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp();

const SECRETS = {
  narrative: 'Dumpverhaal over de labcoordinator op dinsdag 4k7q',
  anonymousNarrative: 'Anoniem dumpverhaal in de fietsenstalling 8m2w',
  name: 'Willemijn Dumptestnaam',
  email: 'willemijn.dumptest@example.test',
  attachment: 'BIJLAGEGEHEIM-5z9x',
  consentNote: 'Toestemming besproken bij de koffieautomaat 3p6r',
  overrideReason: 'Acute dreiging bij het studentenhuis 7t1y',
};

/** A small valid PDF whose page content (an uncompressed stream) holds the secret. */
function pdfWith(text: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>',
  ];
  const stream = `BT /F1 12 Tf 10 100 Td (${text}) Tj ET`;
  objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Every row of every table as text (no pg_dump: `npm test` needs no system programs, and the embedded server is newer than a system pg_dump). */
async function dumpEverything(): Promise<string> {
  const { rows: tables } = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(
    t.deps.db,
  );
  expect(tables.length).toBeGreaterThan(15);
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const { rows } = await sql<{
      j: string;
    }>`SELECT row_to_json(t)::text AS j FROM ${sql.table(table_name)} t`.execute(t.deps.db);
    parts.push(...rows.map((r) => r.j));
  }
  // bytea is rendered as hex in JSON: decode every \\x… run too, so that raw bytes are searched.
  const text = parts.join('\n');
  const decoded = [...text.matchAll(/\\\\x([0-9a-f]+)/g)].map((m) =>
    Buffer.from(m[1]!, 'hex').toString('latin1'),
  );
  return `${text}\n${decoded.join('\n')}`;
}

describe('a database dump after realistic use', () => {
  it('holds none of the narratives, names, e-mail addresses, receipt codes, notes or attachment bytes in plaintext', async () => {
    const teamId = await defaultTeamId(t.deps);
    // A named report with an attachment, through the public form (multipart, as a browser sends it).
    const reporter = new TestClient(t.app);
    await reporter.get('/melden');
    const form = new FormData();
    const fields = {
      _csrf: reporter.csrfToken(),
      team: 'students',
      idempotencyKey: reporter.inputValue('idempotencyKey'),
      category: 'intimidation',
      narrative: SECRETS.narrative,
      location: 'campus',
      reporterRole: 'student',
      accusedRole: 'staff',
      goal: 'action',
      anonymous: 'no',
      name: SECRETS.name,
      contact: SECRETS.email,
    };
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append(
      'files',
      new File([new Uint8Array(pdfWith(SECRETS.attachment))], 'verklaring.pdf', {
        type: 'application/pdf',
      }),
    );
    expect((await reporter.send('/melden', { method: 'POST', body: form })).status).toBe(200);
    const named = await caseIdOf(
      t.deps,
      /data-testid="reference">([^<]+)</.exec(reporter.lastHtml)![1]!,
    );
    const files = await t.deps.db
      .selectFrom('case_attachment')
      .select('id')
      .where('case_id', '=', named)
      .execute();
    expect(files).toHaveLength(1);

    // An anonymous report, its receipt used to sign in to the mailbox.
    const { receipt } = await submitReport(t.app, { narrative: SECRETS.anonymousNarrative });
    expect(receipt).toBeTruthy();
    const mailbox = new TestClient(t.app);
    await mailbox.get('/postbus');
    await mailbox.post('/postbus', { receipt: receipt! });

    // Staff work: read both, record a consent with a note and an acute-risk override with a reason.
    const coordinator = await signedIn(t.app, t.deps, teamId, ['safety_coordinator']);
    await coordinator.client.get(`/cases/${named}`);
    expect(coordinator.client.lastHtml).toContain(SECRETS.narrative);
    // The stored attachment is a picture of the page (decision 021): a slice of its bytes, as
    // text and as bytea hex, must not appear in the dump below.
    const file = await coordinator.client.get(`/cases/${named}/files/${files[0]!.id}`);
    const stored = Buffer.from(await file.arrayBuffer());
    expect(stored.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const slice = stored.subarray(
      Math.floor(stored.length / 2),
      Math.floor(stored.length / 2) + 48,
    );
    await coordinator.client.get(`/cases/${named}/consents`);
    await coordinator.client.submit(`/cases/${named}/consents`, {
      info: 'case_content',
      recipientKind: 'partner',
      recipient: 'police',
      purpose: 'referral',
      obtainedVia: 'conversation',
      note: SECRETS.consentNote,
    });
    await coordinator.client.submit(`/cases/${named}/overrides`, {
      info: 'reporter_identity',
      recipientKind: 'partner',
      recipient: 'police',
      purpose: 'escalation',
      reason: SECRETS.overrideReason,
    });
    expect(coordinator.client.lastHtml).toContain(SECRETS.overrideReason);

    const dump = await dumpEverything();
    expect(dump).toContain('intimidation'); // the statistical columns are there
    expect(dump.length).toBeGreaterThan(5000);
    const needles = [
      ...Object.values(SECRETS),
      receipt!,
      receipt!.replace(/-/g, ''),
      slice.toString('latin1'),
      slice.toString('hex'),
    ];
    for (const needle of needles) expect(dump, needle).not.toContain(needle);
  });
});

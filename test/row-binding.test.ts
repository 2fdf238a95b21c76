import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDeps } from './support/test-deps.js';
import { createCase } from '../src/server/cases/cases.service.js';
import {
  addAttachments,
  getAttachmentContent,
  listAttachments,
} from '../src/server/attachments/attachments.service.js';
import { caseAad } from '../src/server/crypto/case-key.js';
import { open, seal } from '../src/server/crypto/seal.js';
import { defaultTeamId } from './support/factories.js';
import { loadCaseContext } from '../src/server/cases/case-context.js';

// Issue 15 finding 14: a sealed value is bound to its row, not only to its case and field, so
// someone who can write the database cannot swap two attachments (or consultations, advice,
// MDO items) of one case; values sealed before this change still open (versioned AAD).
let deps: Awaited<ReturnType<typeof createTestDeps>>;
beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(() => deps.dispose());

async function newCase(): Promise<string> {
  const teamId = await defaultTeamId(deps);
  const created = await deps.db.transaction().execute((trx) =>
    createCase(
      trx,
      deps.keyring,
      {
        teamId,
        source: 'staff',
        receivedOn: '2025-02-01',
        channel: 'email',
        via: 'self',
        reporterRole: 'student',
        reporterGender: 'female',
        category: 'bullying',
        location: 'campus',
        accusedRole: 'student',
        isAnonymous: true,
        narrative: 'Twee bestanden.',
      } as never,
      { kind: 'system' },
    ),
  );
  return created.id;
}

describe('sealed rows of a case', () => {
  it('do not open when two attachments of one case are swapped in the database', async () => {
    const caseId = await newCase();
    const sealer = await loadCaseContext(deps.db, deps.keyring, caseId, { kind: 'system' });
    const files = [
      {
        name: 'onschuldig.pdf',
        mediaType: 'application/pdf',
        content: Buffer.from('niets aan de hand'),
      },
      {
        name: 'bewijs.pdf',
        mediaType: 'application/pdf',
        content: Buffer.from('het eigenlijke bewijs'),
      },
    ];
    await deps.db.transaction().execute((trx) =>
      addAttachments(trx, sealer, files as never, {
        uploadedBy: 'reporter',
        actor: { kind: 'reporter' },
      }),
    );
    const rows = await deps.db
      .selectFrom('case_attachment')
      .select(['id', 'file_name', 'content'])
      .where('case_id', '=', caseId)
      .orderBy('created_at')
      .execute();
    expect(rows).toHaveLength(2);
    const [a, b] = rows as [(typeof rows)[0], (typeof rows)[0]];
    expect(
      (await getAttachmentContent(deps.db, sealer, a.id, { kind: 'system' })).content.toString(),
    ).toBe('niets aan de hand');

    // The database writer swaps the sealed columns of the two rows.
    await sql`UPDATE case_attachment SET file_name = ${b.file_name}, content = ${b.content} WHERE id = ${a.id}`.execute(
      deps.db,
    );
    await sql`UPDATE case_attachment SET file_name = ${a.file_name}, content = ${a.content} WHERE id = ${b.id}`.execute(
      deps.db,
    );
    await expect(getAttachmentContent(deps.db, sealer, a.id, { kind: 'system' })).rejects.toThrow();
    await expect(listAttachments(deps.db, sealer)).rejects.toThrow();
  });

  it('refuse a consultation summary moved to another consultation of the case, and still open one sealed before row binding', async () => {
    const caseId = await newCase();
    const work = await loadCaseContext(deps.db, deps.keyring, caseId, { kind: 'system' });
    const key = work.dataKey;
    const first = crypto.randomUUID();
    const second = crypto.randomUUID();
    const sealed = work.sealRow('Samenvatting A', 'consultation-summary', first);
    expect(work.openRowText(sealed, 'consultation-summary', first)).toBe('Samenvatting A');
    expect(() => work.openRowText(sealed, 'consultation-summary', second)).toThrow();
    // Relabelled as an old (version 1) ciphertext it does not open either: the tag covers the row.
    const relabelled = Buffer.concat([Buffer.from([1]), sealed.subarray(1)]);
    expect(() => work.openRowText(relabelled, 'consultation-summary', first)).toThrow();
    // A value sealed by the previous release (case and field only) still opens: the migration path.
    const legacy = seal(key, 'Oude samenvatting', `case:${caseId}:consultation-summary`);
    expect(work.openRowText(legacy, 'consultation-summary', first)).toBe('Oude samenvatting');
  });

  it('cannot be aliased: a case-and-field string never equals a row-bound one (the one builder refuses)', async () => {
    const caseId = await newCase();
    const work = await loadCaseContext(deps.db, deps.keyring, caseId, { kind: 'system' });
    const row = crypto.randomUUID();
    // Written out by hand, not by the code under test: the strings sealed data depends on.
    expect(caseAad(caseId, 'consultation-summary')).toBe(`case:${caseId}:consultation-summary`);
    expect(caseAad(caseId, 'consultation-summary', row)).toBe(
      `case:${caseId}:consultation-summary:row:${row}`,
    );
    // A version 2 value of one row, relabelled as version 1 and offered as a field that names
    // that row, would open if the builder let a field carry ":row:" — it refuses instead.
    const sealed = work.sealRow('Samenvatting', 'consultation-summary', row);
    const relabelled = Buffer.concat([Buffer.from([1]), sealed.subarray(1)]);
    expect(() => work.openText(relabelled, `consultation-summary:row:${row}`)).toThrow(/:row:/);
    expect(() => work.seal('x', `consultation-summary:row:${row}`)).toThrow(/:row:/);
    // A row id cannot smuggle a field either.
    expect(() => work.sealRow('x', 'consultation-summary', `${row}:extra`)).toThrow();
    // And the same builder without the check would indeed have opened it: the attack is real.
    expect(
      open(work.dataKey, relabelled, `case:${caseId}:consultation-summary:row:${row}`).toString(),
    ).toBe('Samenvatting');
  });
});

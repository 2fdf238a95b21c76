import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Deps } from '../src/server/bootstrap.js';
import { createInstitution } from '../src/server/platform/platform.service.js';
import { openExport } from '../src/server/platform/institution-data.service.js';
import {
  institutionsEraseCommand,
  institutionsExportCommand,
  institutionsImportCommand,
} from '../src/cli/institutions.command.js';
import { keysRotateCommand } from '../src/cli/keys.command.js';
import { loadCaseContext } from '../src/server/cases/case-context.js';
import { caseKeyAad, caseKeyAadIn, open, unwrapDataKey } from '../src/server/crypto/seal.js';
import { loadKeyring } from '../src/server/crypto/keyring.js';
import { findInstitutionKeyRow, keyById } from '../src/server/keys/institution-keys.js';
import { ombudsWork } from '../src/server/ombuds/ombuds.service.js';
import { verifyAuditChain } from '../src/server/audit/audit.service.js';
import { withInstitution } from '../src/server/db/tenancy.js';
import { loadDemoData } from '../src/server/demo/demo.service.js';
import { seedCase } from './support/case-helpers.js';
import { createStaff } from './support/factories.js';
import { createTestDeps } from './support/test-deps.js';
import { useTestApp } from './support/use-test-app.js';

/**
 * A master key per institution (issue 22, decision 037): cases of one institution open only under
 * its key; one institution is exported, imported into another installation (its own platform
 * key) where its cases open, and erased without touching another.
 */
const t = useTestApp();
/** The second installation: its own database and data directory, so its own platform key. */
let other: Deps & { dispose(): Promise<void> };

const MARKER_X = 'Verhaal-van-X-7f3a9c';
const MARKER_D = 'Verhaal-van-D-2b8e41';
const COMPLAINT_X = 'Klacht-van-X-5d1e0a';
const HANDOVER = Buffer.alloc(32, 7).toString('base64');

let instD: string;
let instX: string;
let teamX: string;
let caseD: string;
let caseX: string;
let ombudsX: string;
let work: string;

async function quietly(fn: () => Promise<void>): Promise<string> {
  const out: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((s: string) => (
    out.push(String(s)),
    true
  )) as typeof process.stdout.write;
  try {
    await fn();
  } finally {
    process.stdout.write = write;
  }
  return out.join('');
}

/** Rows per table with the given institution_id, over every table that has the column. */
async function rowsOf(deps: Deps, institutionId: string): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name = 'institution_id'
    ORDER BY 1`.execute(deps.db);
  const out: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM ${sql.table(name)} WHERE institution_id = ${institutionId}`.execute(
      deps.db,
    );
    out[name] = r.rows[0]!.n;
  }
  return out;
}

async function summaryOf(deps: Deps, caseId: string): Promise<string> {
  const ctx = await loadCaseContext(deps.db, deps.keyring, caseId, { kind: 'system' });
  return ctx.openText(ctx.row.summary!, 'summary');
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'meldpunt-institution-keys-'));
  instD = (await t.deps.db.selectFrom('institution').select('id').executeTakeFirstOrThrow()).id;
  await loadDemoData(t.deps.db, t.deps.keyring);
  caseD = (await seedCase(t.deps, t.teamId, { narrative: MARKER_D })).id;
  const created = await t.deps.db.transaction().execute((trx) =>
    createInstitution(
      trx,
      {
        key: 'uni-x',
        name: 'Universiteit X',
        host: 'meldpunt.uni-x.nl',
        colour: '',
        teamNameNl: 'Meldpunt X',
        teamNameEn: 'Reporting point X',
        adminEmail: 'beheer@uni-x.nl',
        adminName: 'Beheerder X',
        locale: 'nl',
      },
      { kind: 'cli' },
      t.deps.keyring,
    ),
  );
  if (!created.ok) throw new Error('institution X not created');
  instX = created.institutionId;
  teamX = (
    await t.deps.db
      .selectFrom('team')
      .select('id')
      .where('institution_id', '=', instX)
      .executeTakeFirstOrThrow()
  ).id;
  const ombuds = await createStaff(t.deps, teamX, ['ombudsperson']);
  ombudsX = ombuds.id;
  await withInstitution(instX, async () => {
    caseX = (await seedCase(t.deps, teamX, { narrative: MARKER_X })).id;
    await ombudsWork(t.deps.db, t.deps.keyring, ombudsX, teamX).recordComplaint({
      receivedOn: '2026-03-01',
      subject: COMPLAINT_X,
    });
  });
  other = await createTestDeps();
}, 120_000);

afterAll(async () => {
  await other?.dispose();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('a master key per institution', { timeout: 240_000 }, () => {
  it('wraps each institution’s case keys by its own key, wrapped in turn by the platform key', async () => {
    const keyD = (await findInstitutionKeyRow(t.deps.db, instD))!;
    const keyX = (await findInstitutionKeyRow(t.deps.db, instX))!;
    expect(keyD.keyId).toMatch(/^inst-[0-9a-f]{16}$/);
    expect(keyX.keyId).toMatch(/^inst-[0-9a-f]{16}$/);
    expect(keyX.keyId).not.toBe(keyD.keyId);
    expect(keyX.masterKeyId).toBe(t.deps.keyring.currentMasterKeyId);
    const rowX = await t.deps.db
      .selectFrom('case_key')
      .selectAll()
      .where('case_id', '=', caseX)
      .executeTakeFirstOrThrow();
    expect(rowX.master_key_id).toBe(keyX.keyId);
    const complaint = await t.deps.db
      .selectFrom('procedure_complaint')
      .select('master_key_id')
      .where('team_id', '=', teamX)
      .executeTakeFirstOrThrow();
    expect(complaint.master_key_id).toBe(keyX.keyId);
    expect(await summaryOf(t.deps, caseX)).toBe(MARKER_X);
    expect(await summaryOf(t.deps, caseD)).toBe(MARKER_D);

    // X's wrapped data key does not open with D's institution key, nor with the platform key.
    const plainD = await keyById(t.deps.db, t.deps.keyring, keyD.keyId);
    for (const aad of [caseKeyAadIn(caseX, instX), caseKeyAadIn(caseX, instD), caseKeyAad(caseX)]) {
      expect(() => open(plainD, rowX.wrapped_key, aad)).toThrow();
      expect(() =>
        open(t.deps.keyring.masterKey(t.deps.keyring.currentMasterKeyId), rowX.wrapped_key, aad),
      ).toThrow();
    }
    // Nor when D's key row is offered under X's key id.
    expect(() =>
      unwrapDataKey(
        loadKeyring({ dataDir: t.deps.config.dataDir }),
        caseX,
        keyX.keyId,
        rowX.wrapped_key,
        {
          ...keyD,
          keyId: keyX.keyId,
        },
      ),
    ).toThrow();
    // Under D's context, X's key row is invisible (row-level security): it does not open there.
    await withInstitution(instD, async () => {
      await expect(keyById(t.deps.db, t.deps.keyring, keyX.keyId)).rejects.toThrow(/not available/);
    });
  });

  it('does not open a case whose key row was replaced by another institution’s case key', async () => {
    const victim = (await seedCase(t.deps, t.teamId, { narrative: 'Slachtoffer 9c0d' })).id;
    const rowX = await t.deps.db
      .selectFrom('case_key')
      .selectAll()
      .where('case_id', '=', caseX)
      .executeTakeFirstOrThrow();
    await t.deps.db
      .updateTable('case_key')
      .set({ master_key_id: rowX.master_key_id, wrapped_key: rowX.wrapped_key })
      .where('case_id', '=', victim)
      .execute();
    await expect(summaryOf(t.deps, victim)).rejects.toThrow();
    await expect(withInstitution(instD, () => summaryOf(t.deps, victim))).rejects.toThrow();
    // X's own sealed summary copied into D's case as well: still nothing opens.
    const sealedX = await t.deps.db
      .selectFrom('case')
      .select('summary')
      .where('id', '=', caseX)
      .executeTakeFirstOrThrow();
    await t.deps.db
      .updateTable('case')
      .set({ summary: sealedX.summary })
      .where('id', '=', victim)
      .execute();
    await expect(summaryOf(t.deps, victim)).rejects.toThrow();
  });

  it('keys rotate re-wraps the institution keys under the new platform key; cases keep opening', async () => {
    const before = (await findInstitutionKeyRow(t.deps.db, instX))!;
    const out = await quietly(() => keysRotateCommand.run(t.deps, []));
    expect(out).toMatch(/re-wrapped \d+ case keys .*, [1-9]\d* institution keys/);
    const after = (await findInstitutionKeyRow(t.deps.db, instX))!;
    expect(after.keyId).toBe(before.keyId);
    expect(after.masterKeyId).not.toBe(before.masterKeyId);
    const fresh = loadKeyring({ dataDir: t.deps.config.dataDir });
    expect(after.masterKeyId).toBe(fresh.currentMasterKeyId);
    const rowX = await t.deps.db
      .selectFrom('case_key')
      .selectAll()
      .where('case_id', '=', caseX)
      .executeTakeFirstOrThrow();
    expect(unwrapDataKey(fresh, caseX, rowX.master_key_id, rowX.wrapped_key, after)).toHaveLength(
      32,
    );
    expect(await summaryOf(t.deps, caseX)).toBe(MARKER_X);
  });

  it('exports X under a handover key, with no case content and no platform key in the file', async () => {
    const file = path.join(work, 'uni-x.export');
    const out = await quietly(() =>
      institutionsExportCommand.run(t.deps, ['uni-x', '--out', file, '--recipient-key', HANDOVER]),
    );
    expect(out).toMatch(/exported institution uni-x: \d+ rows/);
    const bytes = fs.readFileSync(file);
    const text = bytes.toString('utf8');
    const platformKeys = fs
      .readdirSync(path.join(t.deps.config.dataDir, 'keys'))
      .filter((f) => f.startsWith('master-'))
      .map((f) =>
        Buffer.from(
          fs.readFileSync(path.join(t.deps.config.dataDir, 'keys', f), 'utf8').trim(),
          'base64',
        ),
      );
    expect(platformKeys.length).toBeGreaterThan(0);
    // Sealed as a whole, and inside the seal the case content is still sealed by the case keys.
    const { body } = openExport(bytes, { kind: 'key', key: Buffer.from(HANDOVER, 'base64') });
    const inner = JSON.stringify(body);
    for (const haystack of [text, inner]) {
      for (const marker of [MARKER_X, COMPLAINT_X, MARKER_D])
        expect(haystack).not.toContain(marker);
      for (const k of platformKeys) {
        expect(haystack).not.toContain(k.toString('base64'));
        expect(haystack).not.toContain(k.toString('hex'));
      }
    }
    expect(Object.keys(body.tables)).toEqual(
      expect.arrayContaining(['case', 'case_key', 'app_user']),
    );
    expect(inner).not.toContain(caseD);
    // A wrong handover key, or a passphrase, opens nothing.
    expect(() => openExport(bytes, { kind: 'key', key: Buffer.alloc(32, 8) })).toThrow(
      /does not open/,
    );
    expect(() =>
      openExport(bytes, { kind: 'passphrase', passphrase: 'a long enough passphrase' }),
    ).toThrow();
    // Through a passphrase instead (scrypt): opens with it only.
    const viaPassphrase = path.join(work, 'uni-x-passphrase.export');
    const previous = process.env.MELDPUNT_HANDOVER_PASSPHRASE;
    process.env.MELDPUNT_HANDOVER_PASSPHRASE = 'correct horse battery staple handover';
    try {
      await quietly(() => institutionsExportCommand.run(t.deps, ['uni-x', '--out', viaPassphrase]));
    } finally {
      if (previous === undefined) delete process.env.MELDPUNT_HANDOVER_PASSPHRASE;
      else process.env.MELDPUNT_HANDOVER_PASSPHRASE = previous;
    }
    const second = fs.readFileSync(viaPassphrase);
    expect(second.toString('utf8')).not.toContain(MARKER_X);
    expect(
      openExport(second, {
        kind: 'passphrase',
        passphrase: 'correct horse battery staple handover',
      }).body.key.keyId,
    ).toBe(body.key.keyId);
    expect(() =>
      openExport(second, {
        kind: 'passphrase',
        passphrase: 'correct horse battery staple handovеr',
      }),
    ).toThrow(/does not open/);
    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select(['institution_id', 'detail'])
      .where('type', '=', 'INSTITUTION_EXPORTED')
      .executeTakeFirstOrThrow();
    expect(audit.institution_id).toBeNull();
  });

  it('imports X into a second installation with its own platform key, where its cases open', async () => {
    const file = path.join(work, 'uni-x.export');
    await expect(
      institutionsImportCommand.run(other, [
        file,
        '--recipient-key',
        Buffer.alloc(32, 8).toString('base64'),
      ]),
    ).rejects.toThrow(/does not open/);
    expect(other.keyring.currentMasterKeyId).not.toBe(t.deps.keyring.currentMasterKeyId);
    const out = await quietly(() =>
      institutionsImportCommand.run(other, [file, '--recipient-key', HANDOVER]),
    );
    expect(out).toMatch(/imported institution uni-x/);
    const key = (await findInstitutionKeyRow(other.db, instX))!;
    expect(key.masterKeyId).toBe(other.keyring.currentMasterKeyId);
    expect(await summaryOf(other, caseX)).toBe(MARKER_X);
    expect(await withInstitution(instX, () => summaryOf(other, caseX))).toBe(MARKER_X);
    const complaints = await withInstitution(instX, () =>
      ombudsWork(other.db, other.keyring, ombudsX, teamX).complaints('2026-04-01'),
    );
    expect(complaints.map((c) => c.subject)).toEqual([COMPLAINT_X]);
    // The same rows arrived, and the audit chains verify there (X's own and the platform's).
    const source = await rowsOf(t.deps, instX);
    const target = await rowsOf(other, instX);
    for (const [table, n] of Object.entries(source))
      if (table !== 'audit_event') expect([table, target[table]]).toEqual([table, n]);
    expect(target.audit_event).toBeGreaterThan(0);
    expect(await verifyAuditChain(other.db)).toMatchObject({ ok: true });
    const imported = await other.db
      .selectFrom('audit_event')
      .select('institution_id')
      .where('type', '=', 'INSTITUTION_IMPORTED')
      .executeTakeFirstOrThrow();
    expect(imported.institution_id).toBeNull();
    // A second import of the same institution is refused.
    await expect(
      institutionsImportCommand.run(other, [file, '--recipient-key', HANDOVER]),
    ).rejects.toThrow(/already/);
  });

  it('erases X entirely, while D’s cases still open and every audit chain verifies', async () => {
    const keyX = (await findInstitutionKeyRow(t.deps.db, instX))!;
    const savedKeyRow = await t.deps.db
      .selectFrom('case_key')
      .selectAll()
      .where('case_id', '=', caseX)
      .executeTakeFirstOrThrow();
    const beforeD = await rowsOf(t.deps, instD);
    const beforeX = await rowsOf(t.deps, instX);
    for (const table of [
      'case',
      'case_key',
      'team',
      'team_membership',
      'app_user',
      'procedure_complaint',
      'audit_event',
    ])
      expect([table, beforeX[table]! > 0]).toEqual([table, true]);
    await expect(
      institutionsEraseCommand.run(t.deps, ['uni-x', '--confirm', 'uni-y']),
    ).rejects.toThrow(/repeat its key/);
    const out = await quietly(() =>
      institutionsEraseCommand.run(t.deps, ['uni-x', '--confirm', 'uni-x']),
    );
    expect(out).toMatch(/erased institution uni-x/);

    const afterX = await rowsOf(t.deps, instX);
    expect(Object.entries(afterX).filter(([, n]) => n > 0)).toEqual([]);
    expect(await findInstitutionKeyRow(t.deps.db, instX)).toBeUndefined();
    expect(
      await t.deps.db.selectFrom('institution').select('id').where('id', '=', instX).execute(),
    ).toEqual([]);
    expect(
      await t.deps.db.selectFrom('app_user').select('id').where('id', '=', ombudsX).execute(),
    ).toEqual([]);
    // D untouched (one more platform audit event is not D's), its cases open.
    expect(await rowsOf(t.deps, instD)).toEqual(beforeD);
    expect(await summaryOf(t.deps, caseD)).toBe(MARKER_D);
    expect(await verifyAuditChain(t.deps.db)).toMatchObject({ ok: true });
    expect(await withInstitution(instD, () => verifyAuditChain(t.deps.db))).toMatchObject({
      ok: true,
    });
    const erased = await t.deps.db
      .selectFrom('audit_event')
      .select(['institution_id', 'detail'])
      .where('type', '=', 'INSTITUTION_ERASED')
      .executeTakeFirstOrThrow();
    expect(erased.institution_id).toBeNull();
    expect(erased.detail).toMatchObject({ key: 'uni-x', keyId: keyX.keyId });
    // Crypto-shredding: a copy of X's case key made before (a backup) opens with no key row left,
    // not even with this installation's platform keys.
    expect(() =>
      unwrapDataKey(
        loadKeyring({ dataDir: t.deps.config.dataDir }),
        caseX,
        savedKeyRow.master_key_id,
        savedKeyRow.wrapped_key,
        null,
      ),
    ).toThrow(/not available/);
    expect(() =>
      unwrapDataKey(t.deps.keyring, caseX, savedKeyRow.master_key_id, savedKeyRow.wrapped_key),
    ).toThrow(/not available/);
    // The second installation keeps its imported copy.
    expect(await summaryOf(other, caseX)).toBe(MARKER_X);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { createTestDeps } from './support/test-deps.js';
import { createCase } from '../src/server/cases/cases.service.js';
import {
  addAttachments,
  getAttachmentContent,
} from '../src/server/attachments/attachments.service.js';
import { loadKeyring } from '../src/server/crypto/keyring.js';
import { createBackup, restoreBackup } from '../src/server/backup/backup.service.js';
import { createKeyArchive, openKeyArchive } from '../src/server/backup/backup-keys.js';
import { verifyAuditChain } from '../src/server/audit/audit.service.js';
import { defaultTeamId } from './support/factories.js';
import { loadCaseContext } from '../src/server/cases/case-context.js';

type Deps = Awaited<ReturnType<typeof createTestDeps>>;
const PASSPHRASE = 'correct horse battery staple backup';
const KEYS_PASSPHRASE = 'a different passphrase for the keys';
const FILE_KEYS = {
  masterFromEnvironment: false,
  indexFromEnvironment: false,
  blindIndexFromEnvironment: false,
};
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a00000000049454e44ae426082',
  'hex',
);
const opened: Deps[] = [];

afterAll(async () => {
  for (const d of opened) await d.dispose();
});

async function fresh(): Promise<Deps> {
  const d = await createTestDeps();
  opened.push(d);
  return d;
}

async function counts(deps: Deps) {
  const n = async (table: 'case' | 'case_attachment' | 'audit_event' | 'case_key' | 'team') =>
    Number(
      (
        await deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    cases: await n('case'),
    attachments: await n('case_attachment'),
    audit: await n('audit_event'),
    keys: await n('case_key'),
    teams: await n('team'),
  };
}

describe('backup create → wipe → restore', () => {
  it(
    'brings back every case, attachment and audit entry, readable, in a new installation',
    { timeout: 120_000 },
    async () => {
      const source = await fresh();
      const teamId = await defaultTeamId(source);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const created = await source.db.transaction().execute((trx) =>
          createCase(
            trx,
            source.keyring,
            {
              teamId,
              source: 'staff',
              receivedOn: `2025-0${i + 1}-10`,
              channel: 'email',
              via: 'self',
              reporterRole: 'student',
              reporterGender: 'female',
              category: 'bullying',
              location: 'campus',
              accusedRole: 'student',
              isAnonymous: i > 0,
              narrative: `Verhaal nummer ${i}`,
              reporter:
                i === 0
                  ? ({ name: 'Eva Jansen', contact: 'eva@example.test' } as never)
                  : undefined,
            },
            { kind: 'system' },
          ),
        );
        ids.push(created.id);
      }
      await source.db.transaction().execute(async (trx) => {
        const sealer = await loadCaseContext(trx, source.keyring, ids[0]!, { kind: 'system' });
        await addAttachments(
          trx,
          sealer,
          [{ name: 'bewijs.png', mediaType: 'image/png', content: PNG }],
          { uploadedBy: 'reporter', actor: { kind: 'reporter' } },
        );
      });
      const { archive } = await createBackup(source.db, source.keyring, PASSPHRASE, {
        kind: 'cli',
      });
      const before = await counts(source);
      const keys = openKeyArchive(
        await createKeyArchive(source.db, source.keyring, KEYS_PASSPHRASE, PASSPHRASE, {
          kind: 'cli',
        }),
        KEYS_PASSPHRASE,
      );
      expect(archive.includes(Buffer.from('Verhaal'))).toBe(false);
      expect(archive.includes(Buffer.from(source.keyring.indexKey.toString('base64')))).toBe(false);

      // The wipe: an empty installation with its own, different keys.
      const target = await fresh();
      expect((await counts(target)).cases).toBe(0);
      await expect(
        restoreBackup(target.db, target.keyring, archive, 'the wrong passphrase!', {
          dataDir: target.config.dataDir,
          keys,
          ...FILE_KEYS,
        }),
      ).rejects.toThrow(/wrong passphrase/);
      await restoreBackup(target.db, target.keyring, archive, PASSPHRASE, {
        dataDir: target.config.dataDir,
        keys,
        ...FILE_KEYS,
      });

      const after = await counts(target);
      expect(after).toEqual({ ...before, audit: before.audit + 1 });
      const keyring = loadKeyring({ dataDir: target.config.dataDir });
      for (const [i, id] of ids.entries()) {
        const sealer = await loadCaseContext(target.db, keyring, id, { kind: 'system' });
        const row = await target.db
          .selectFrom('case')
          .select('summary')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        expect(sealer.openText(row.summary!, 'summary')).toBe(`Verhaal nummer ${i}`);
      }
      const attachment = await target.db
        .selectFrom('case_attachment')
        .select('id')
        .executeTakeFirstOrThrow();
      const file = await getAttachmentContent(
        target.db,
        await loadCaseContext(target.db, keyring, ids[0]!, { kind: 'system' }),
        attachment.id,
        { kind: 'system' },
      );
      expect(file.name).toBe('bewijs.png');
      expect(file.content.equals(PNG)).toBe(true);
      expect(await verifyAuditChain(target.db)).toMatchObject({
        ok: true,
        checked: after.audit + 1,
      });
      const types = await target.db
        .selectFrom('audit_event')
        .select('type')
        .orderBy('id')
        .execute();
      expect(types.map((t) => t.type)).toEqual(
        expect.arrayContaining([
          'CASE_CREATED',
          'CASE_ATTACHMENT_ADDED',
          'BACKUP_CREATED',
          'BACKUP_RESTORED',
        ]),
      );

      // New rows after the restore get fresh identities (sequences moved past restored ids).
      await target.db.transaction().execute((trx) =>
        createCase(
          trx,
          keyring,
          {
            teamId,
            source: 'staff',
            receivedOn: '2025-05-01',
            channel: 'phone',
            via: 'self',
            reporterRole: 'staff',
            reporterGender: 'male',
            category: 'other',
            location: 'unknown',
            accusedRole: 'unknown',
            isAnonymous: true,
            narrative: 'Na herstel',
          },
          { kind: 'system' },
        ),
      );
      expect(await verifyAuditChain(target.db)).toMatchObject({ ok: true });
    },
  );

  it('refuses a short passphrase', async () => {
    const d = opened[0]!;
    await expect(createBackup(d.db, d.keyring, 'short', { kind: 'cli' })).rejects.toThrow(
      /passphrase/,
    );
  });
});

import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDeps } from './support/test-deps.js';
import { createCase } from '../src/server/cases/cases.service.js';
import { addAccusedIdentifiers } from '../src/server/patterns/identifiers.service.js';
import { loadKeyring, type Keyring } from '../src/server/crypto/keyring.js';
import { createBackup, restoreBackup } from '../src/server/backup/backup.service.js';
import { createKeyArchive, openKeyArchive } from '../src/server/backup/backup-keys.js';
import { defaultTeamId } from './support/factories.js';

// Issue 15 finding 13: scrypt at OWASP's minimum, no keys in the database archive, and the
// blind-index key restored with the others so that patterns keep matching after a restore.
type Deps = Awaited<ReturnType<typeof createTestDeps>>;
const PASSPHRASE = 'the backup passphrase 4711';
const KEYS_PASSPHRASE = 'the key archive passphrase 0815';
const FILE_KEYS = {
  masterFromEnvironment: false,
  indexFromEnvironment: false,
  blindIndexFromEnvironment: false,
};
const opened: Deps[] = [];
afterAll(async () => {
  for (const d of opened) await d.dispose();
});
async function fresh() {
  const d = await createTestDeps();
  opened.push(d);
  return d;
}

async function reportAbout(deps: Deps, keyring: Keyring, email: string): Promise<string> {
  const teamId = await defaultTeamId(deps);
  return deps.db.transaction().execute(async (trx) => {
    const created = await createCase(
      trx,
      keyring,
      {
        teamId,
        source: 'staff',
        receivedOn: '2025-03-01',
        channel: 'email',
        via: 'self',
        reporterRole: 'student',
        reporterGender: 'female',
        category: 'stalking',
        location: 'campus',
        accusedRole: 'student',
        isAnonymous: true,
        narrative: 'Hij volgt mij.',
      } as never,
      { kind: 'system' },
    );
    await addAccusedIdentifiers(trx, keyring, created.id, [{ kind: 'email', value: email }], {
      kind: 'reporter',
    });
    return created.id;
  });
}

/** Opens a database archive the way the format is documented, with nothing from the code under test. */
function openIndependently(archive: Buffer, passphrase: string) {
  const magic = Buffer.from('MPBACKUP2\n');
  expect(archive.subarray(0, magic.length).equals(magic)).toBe(true);
  const [log2N, r, p] = archive.subarray(magic.length, magic.length + 3);
  const header = archive.subarray(0, magic.length + 3);
  let at = header.length;
  const salt = archive.subarray(at, (at += 16));
  const nonce = archive.subarray(at, (at += 12));
  const tag = archive.subarray(at, (at += 16));
  const key = crypto.scryptSync(passphrase, salt, 32, {
    N: 2 ** log2N!,
    r: r!,
    p: p!,
    maxmem: 512 * 1024 * 1024,
  });
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(header);
  decipher.setAuthTag(tag);
  const json = zlib
    .gunzipSync(Buffer.concat([decipher.update(archive.subarray(at)), decipher.final()]))
    .toString('utf8');
  return { cost: { N: 2 ** log2N!, r, p }, json };
}

describe('backups and their keys', { timeout: 180_000 }, () => {
  it('derive the archive key with scrypt N=2^17, r=8, p=1 and hold no key of the installation', async () => {
    const source = await fresh();
    await reportAbout(source, source.keyring, 'stalker@example.test');
    const { archive } = await createBackup(source.db, source.keyring, PASSPHRASE, { kind: 'cli' });
    const { cost, json } = openIndependently(archive, PASSPHRASE);
    expect(cost.N).toBeGreaterThanOrEqual(2 ** 17);
    expect(cost).toMatchObject({ r: 8, p: 1 });
    expect(json).toContain('accused_identifier');
    const current = source.keyring.masterKey(source.keyring.currentMasterKeyId);
    for (const key of [current, source.keyring.indexKey, source.keyring.blindIndexKey]) {
      expect(json).not.toContain(key.toString('base64'));
      expect(json).not.toContain(key.toString('hex'));
    }
  });

  it('restore with the key archive into a new installation, where a repeat report still matches the pattern', async () => {
    const source = await fresh();
    const first = await reportAbout(source, source.keyring, 'Stalker@Example.test');
    const { archive } = await createBackup(source.db, source.keyring, PASSPHRASE, { kind: 'cli' });
    await expect(
      createKeyArchive(source.db, source.keyring, PASSPHRASE, PASSPHRASE, { kind: 'cli' }),
    ).rejects.toThrow(/must differ/);
    const keyArchive = await createKeyArchive(
      source.db,
      source.keyring,
      KEYS_PASSPHRASE,
      PASSPHRASE,
      { kind: 'cli' },
    );

    const target = await fresh(); // its own, different keys
    await expect(
      restoreBackup(target.db, target.keyring, archive, PASSPHRASE, {
        dataDir: target.config.dataDir,
        ...FILE_KEYS,
      }),
    ).rejects.toThrow(/do not open this backup .*restore with --keys FILE/);
    expect(() => openKeyArchive(keyArchive, 'not the right passphrase')).toThrow(
      /wrong passphrase/,
    );
    await restoreBackup(target.db, target.keyring, archive, PASSPHRASE, {
      dataDir: target.config.dataDir,
      keys: openKeyArchive(keyArchive, KEYS_PASSPHRASE),
      ...FILE_KEYS,
    });

    const restarted = loadKeyring({ dataDir: target.config.dataDir }); // as the server reads the keys after the restore
    const repeat = await reportAbout(target, restarted, 'stalker@example.test');
    const rows = await target.db
      .selectFrom('accused_identifier')
      .select(['case_id', 'blind_index'])
      .where('case_id', 'in', [first, repeat])
      .execute();
    expect(rows).toHaveLength(2);
    expect(rows[0]!.blind_index.equals(rows[1]!.blind_index)).toBe(true);
  });
});

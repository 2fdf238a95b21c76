import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDeps } from './support/test-deps.js';
import { freshDatabase, onTestServer, testDatabaseUrl } from './support/database.js';
import { restoreBackup } from '../src/server/backup/backup.service.js';
import { encryptArchive } from '../src/server/backup/archive-crypto.js';
import { listAppliedMigrations } from '../src/server/backup/backup.queries.js';
import { verifyAuditChain } from '../src/server/audit/audit.service.js';
import { loadKeyring } from '../src/server/crypto/keyring.js';
import { openText, unwrapDataKey } from '../src/server/crypto/seal.js';
import { connect } from '../src/server/db/create-db.js';
import { migrateWithin } from '../src/server/db/migrate.js';

/**
 * Converting an installation of the previous release (72037b5, PGlite, decision 020): its backup
 * archive (MPBACKUP1, keys inside, made by that release: test/fixtures/release-72037b5/README.md)
 * restores at its own schema point, the newer migrations then run over its rows, and its keys
 * open the content afterwards. Anything else of an unknown schema is refused.
 */
type Deps = Awaited<ReturnType<typeof createTestDeps>>;
const FIXTURE = path.resolve('test/fixtures/release-72037b5');
const ARCHIVE = fs.readFileSync(path.join(FIXTURE, 'meldpunt.backup'));
const PASSPHRASE = 'fixture-passphrase-72037b5';
/** The last migration of release 72037b5 (`git show 72037b5 --stat` / its migrations/ folder). */
const OLD_LAST = '20261125T010000-password-reset';
const FILE_KEYS = {
  masterFromEnvironment: false,
  indexFromEnvironment: false,
  blindIndexFromEnvironment: false,
};
const oldKey = (prefix: string) => {
  const file = fs.readdirSync(path.join(FIXTURE, 'keys')).find((f) => f.startsWith(prefix))!;
  return fs.readFileSync(path.join(FIXTURE, 'keys', file), 'utf8').trim();
};
const ourMigrations = fs
  .readdirSync(path.resolve('migrations'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

const opened: Deps[] = [];
afterAll(async () => {
  for (const d of opened) await d.dispose();
});
async function fresh(env: Record<string, string> = {}): Promise<Deps> {
  const d = await createTestDeps(env);
  opened.push(d);
  return d;
}
const teams = async (deps: Deps) =>
  (await deps.db.selectFrom('team').select('key').orderBy('key').execute()).map((t) => t.key);

describe('a backup of the previous release (MPBACKUP1)', { timeout: 60_000 }, () => {
  it('restores at its schema point, is migrated to ours, and its keys open the content', async () => {
    const deps = await fresh();
    expect(ourMigrations).toContain(OLD_LAST);
    expect(ourMigrations.at(-1)).not.toBe(OLD_LAST);
    const result = await restoreBackup(deps.db, deps.keyring, ARCHIVE, PASSPHRASE, {
      dataDir: deps.config.dataDir,
      ...FILE_KEYS,
    });
    expect(result).toMatchObject({ legacy: true, migratedFrom: OLD_LAST });

    expect(await listAppliedMigrations(deps.db)).toEqual(ourMigrations);
    const caseColumns = await sql<{
      name: string;
    }>`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'case'`.execute(
      deps.db,
    );
    expect(caseColumns.rows.map((c) => c.name)).not.toContain('idempotency_key'); // dropped by 20261204T020000-intake-key-hash
    expect(caseColumns.rows.map((c) => c.name)).toContain('intake_key_hash');
    expect(await teams(deps)).toContain('fixture');
    const user = await deps.db
      .selectFrom('app_user')
      .select(['display_name', 'is_active'])
      .where('email', '=', 'adviseur@fixture.example')
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ display_name: 'F. Adviseur', is_active: true });
    expect(
      (await deps.db.selectFrom('institution').select('intake_mode').execute()).map(
        (i) => i.intake_mode,
      ),
    ).toEqual(['open']);

    // The archive's keys are the old data directory's (test/fixtures/release-72037b5/keys), now in this one.
    const keyring = loadKeyring(deps.config);
    expect(keyring.indexKey.toString('base64')).toBe(oldKey('index'));
    const cases = await deps.db.selectFrom('case').selectAll().orderBy('reference').execute();
    expect(cases.map((c) => [c.reference, c.source, c.status])).toEqual([
      ['FIX-001', 'import', 'received'],
      ['FIX-002', 'import', 'closed'],
    ]);
    const key = await deps.db
      .selectFrom('case_key')
      .selectAll()
      .where('case_id', '=', cases[0]!.id)
      .executeTakeFirstOrThrow();
    const restoredMaster = fs
      .readFileSync(
        path.join(deps.config.dataDir, 'keys', `master-0-restored-${key.master_key_id}.key`),
        'utf8',
      )
      .trim();
    expect(restoredMaster).toBe(oldKey('master-'));
    const dataKey = unwrapDataKey(keyring, cases[0]!.id, key.master_key_id, key.wrapped_key);
    expect(openText(dataKey, cases[0]!.summary!, `case:${cases[0]!.id}:summary`)).toBe(
      'Samenvatting van de fixture: een melding uit de vorige release',
    );
    expect(await verifyAuditChain(deps.db)).toMatchObject({ ok: true });
  });

  it('is refused, with nothing changed, when a key from the environment differs from the one inside', async () => {
    const deps = await fresh({ MELDPUNT_INDEX_KEY: crypto.randomBytes(32).toString('base64') });
    const before = await teams(deps);
    await expect(
      restoreBackup(deps.db, deps.keyring, ARCHIVE, PASSPHRASE, {
        dataDir: deps.config.dataDir,
        ...FILE_KEYS,
        indexFromEnvironment: true,
      }),
    ).rejects.toThrow(/^MELDPUNT_INDEX_KEY differs from the key in the backup$/);
    expect(await teams(deps)).toEqual(before);
    expect(await listAppliedMigrations(deps.db)).toEqual(ourMigrations);
  });

  it('restores with the same keys from the environment, writing no key files for them', async () => {
    const deps = await fresh({
      MELDPUNT_MASTER_KEY: oldKey('master-'),
      MELDPUNT_INDEX_KEY: oldKey('index'),
    });
    const sources = {
      masterFromEnvironment: true,
      indexFromEnvironment: true,
      blindIndexFromEnvironment: false,
    };
    await restoreBackup(deps.db, deps.keyring, ARCHIVE, PASSPHRASE, {
      dataDir: deps.config.dataDir,
      ...sources,
    });
    expect(
      fs
        .readdirSync(path.join(deps.config.dataDir, 'keys'))
        .filter((f) => f.startsWith('master-') || f.startsWith('index')),
    ).toEqual([]);
    expect(await teams(deps)).toContain('fixture');
  });

  it('is refused with a key archive beside it, or under the wrong passphrase', async () => {
    const deps = await fresh();
    const keys = {
      format: 1 as const,
      createdAt: '',
      masterKeys: {},
      indexKey: '',
      blindIndexKey: '',
    };
    await expect(
      restoreBackup(deps.db, deps.keyring, ARCHIVE, PASSPHRASE, {
        dataDir: deps.config.dataDir,
        keys,
        ...FILE_KEYS,
      }),
    ).rejects.toThrow(
      /^this backup of an earlier release holds its own keys; restore it without --keys$/,
    );
    await expect(
      restoreBackup(deps.db, deps.keyring, ARCHIVE, 'not the fixture passphrase', {
        dataDir: deps.config.dataDir,
        ...FILE_KEYS,
      }),
    ).rejects.toThrow(/^the backup cannot be decrypted: wrong passphrase or damaged file$/);
  });
});

describe('archives of a schema this release does not know', () => {
  const archive = (format: number, migrations: string[]) =>
    encryptArchive(
      'data',
      {
        format,
        createdAt: '2026-12-01T00:00:00Z',
        migrations,
        keys: { masterKeyIds: [], indexKeyId: '', blindIndexKeyId: '' },
        tables: [],
      },
      PASSPHRASE,
    );
  const cases: [string, Buffer, RegExp][] = [
    [
      'a newer release',
      archive(2, [...ourMigrations, '20270101T000000-future']),
      /^the backup was made by a newer release \(schema 20270101T000000-future; this one: \S+\); restore it with that release or a later one$/,
    ],
    [
      'another history',
      archive(2, [ourMigrations[0]!, '20261123T135000-elsewhere']),
      /^the backup's schema \(20261123T135000-elsewhere\) is not in this release's history \(\S+\); restore it with the release that made it$/,
    ],
    ['an unknown format', archive(3, ourMigrations), /^unsupported backup format 3$/],
    ['not an archive', Buffer.from('MPBACKUP9\nsomething else'), /^not a Meldpunt backup archive$/],
  ];
  it.each(cases)('refuses %s in one line, with nothing changed', async (_name, file, message) => {
    const deps = await fresh();
    const before = await teams(deps);
    await expect(
      restoreBackup(deps.db, deps.keyring, file, PASSPHRASE, {
        dataDir: deps.config.dataDir,
        ...FILE_KEYS,
      }),
    ).rejects.toThrow(message);
    expect(await teams(deps)).toEqual(before);
  });
});

/** Columns, constraints, indexes and triggers of the current schema, in a comparable form. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database, old or new schema
async function schemaOf(db: Kysely<any>): Promise<string[]> {
  const rows = await sql<{ line: string }>`
    SELECT concat_ws(' ', 'column', table_name, column_name, data_type, is_nullable, column_default, is_identity, is_generated) AS line
      FROM information_schema.columns WHERE table_schema = current_schema()
    UNION ALL SELECT concat_ws(' ', 'constraint', c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid))
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = current_schema()
    UNION ALL SELECT concat_ws(' ', 'index', indexname, indexdef) FROM pg_indexes WHERE schemaname = current_schema()
    UNION ALL SELECT concat_ws(' ', 'trigger', t.tgname, pg_get_triggerdef(t.oid))
      FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid JOIN pg_namespace n ON n.oid = r.relnamespace
      WHERE NOT t.tgisinternal AND n.nspname = current_schema()`.execute(db);
  return rows.rows.map((r) => r.line).sort();
}

describe("the newer migrations' down()", () => {
  it('gives back exactly the schema of a database migrated only as far as the previous release', async () => {
    const latest = await freshDatabase();
    const name = `meldpunt_test_old_${crypto.randomBytes(6).toString('hex')}`;
    await onTestServer(`CREATE DATABASE ${name}`);
    const down = connect(latest.url);
    const old = connect(testDatabaseUrl(name));
    try {
      const before = await schemaOf(down);
      await down.transaction().execute((trx) => migrateWithin(trx, OLD_LAST));
      await old.transaction().execute((trx) => migrateWithin(trx, OLD_LAST));
      const afterDown = await schemaOf(down);
      expect(afterDown).toEqual(await schemaOf(old));
      expect(afterDown).not.toEqual(before); // the comparison sees the newer migrations' columns
      expect(await listAppliedMigrations(down)).toEqual(
        ourMigrations.slice(0, ourMigrations.indexOf(OLD_LAST) + 1),
      );
    } finally {
      await down.destroy();
      await old.destroy();
      await latest.drop();
      await onTestServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});

import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../src/server/bootstrap.js';
import { readConfig } from '../src/server/config.js';
import { isAlive, serviceUser, useEmbeddedCluster } from '../src/server/db/embedded-cluster.js';
import { secureDataDir } from '../src/server/db/data-dir.js';
import { freshDatabase } from './support/database.js';
import { verifyAuditChain } from '../src/server/audit/audit.service.js';
import { openText, unwrapDataKey } from '../src/server/crypto/seal.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * The embedded default (decision 020): a real PostgreSQL that Meldpunt runs in its data
 * directory, and the data directory's privacy (issue 15, item 4).
 */
const execFileAsync = promisify(execFile);
const BIN = path.resolve('bin/meldpunt');
const dirs: string[] = [];
const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-emb-'));
  fs.chmodSync(dir, 0o711); // as root, the database's own user must pass through to a data directory inside
  dirs.push(dir);
  return dir;
}

const mode = (file: string) => fs.statSync(file).mode & 0o777;
const postmasterPid = (dataDir: string) =>
  Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

async function meldpunt(dataDir: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    MELDPUNT_DATA_DIR: dataDir,
    MELDPUNT_LOG_LEVEL: 'silent',
    ...env,
  };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  return execFileAsync(BIN, args, { env: childEnv });
}

async function waitUntilGone(pid: number) {
  for (let i = 0; i < 200 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  expect(isAlive(pid)).toBe(false);
}

describe('the data directory is private whatever the umask', () => {
  it('creates it 0700 with files 0600, and repairs the modes an earlier version left', async () => {
    const dataDir = path.join(tempDir(), 'data');
    fs.mkdirSync(path.join(dataDir, 'keys'), { recursive: true });
    fs.writeFileSync(
      path.join(dataDir, 'keys', 'index.key'),
      crypto.randomBytes(32).toString('base64') + '\n',
    );
    fs.writeFileSync(path.join(dataDir, 'notes.txt'), 'left by an operator');
    for (const [file, m] of [
      [dataDir, 0o777],
      [path.join(dataDir, 'keys'), 0o755],
      [path.join(dataDir, 'keys', 'index.key'), 0o644],
      [path.join(dataDir, 'notes.txt'), 0o666],
    ] as const)
      fs.chmodSync(file, m);
    const database = await freshDatabase();
    const umask = process.umask(0);
    try {
      const deps = await bootstrap(
        readConfig({
          MELDPUNT_DATA_DIR: dataDir,
          DATABASE_URL: database.url,
          MELDPUNT_LOG_LEVEL: 'silent',
        }),
      );
      await deps.close();
    } finally {
      process.umask(umask);
      await database.drop();
    }
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, 'keys'))).toBe(0o700);
    const files = [
      ...fs.readdirSync(path.join(dataDir, 'keys')).map((f) => path.join(dataDir, 'keys', f)),
      path.join(dataDir, 'notes.txt'),
    ];
    expect(files.length).toBeGreaterThanOrEqual(4); // index, a new master and blind-index key, the operator's note
    for (const file of files) expect([file, mode(file)]).toEqual([file, 0o600]);
  });

  it('leaves alone a cluster another process is creating (its files come and go while initdb runs)', () => {
    // A CI run failed when one command walked into the other's scratch cluster as initdb removed
    // its postmaster.pid. The scratch folder's modes stay as PostgreSQL set them.
    const dataDir = path.join(tempDir(), 'data');
    const scratch = path.join(dataDir, 'pg-init-AbC123', 'pg');
    fs.mkdirSync(scratch, { recursive: true });
    fs.writeFileSync(path.join(scratch, 'postmaster.pid'), '123\n');
    fs.chmodSync(path.join(scratch, 'postmaster.pid'), 0o644);
    fs.writeFileSync(path.join(dataDir, 'stray.txt'), 'x');
    fs.chmodSync(path.join(dataDir, 'stray.txt'), 0o644);
    secureDataDir(dataDir);
    expect(mode(path.join(scratch, 'postmaster.pid'))).toBe(0o644);
    expect(mode(path.join(dataDir, 'stray.txt'))).toBe(0o600);
  });
});

describe('the embedded PostgreSQL', { timeout: 180_000 }, () => {
  it('runs on a socket in the data directory, serves the CLI while the server runs, and stops with the last user', async () => {
    const server = await startServer({ embedded: true });
    servers.push(server);
    expect(server.output()).toContain(`embedded PostgreSQL in ${server.dataDir}`);
    const user = serviceUser();
    // Private to the service user: as root the database runs as `postgres`, which may only pass through.
    expect(mode(server.dataDir)).toBe(user ? 0o710 : 0o700);
    if (user) expect(fs.statSync(server.dataDir).gid).toBe(user.gid);
    expect(mode(path.join(server.dataDir, 'pg'))).toBe(0o700);
    expect(fs.statSync(path.join(server.dataDir, 'pg')).uid).toBe(
      user ? user.uid : process.getuid!(),
    );
    expect(mode(path.join(server.dataDir, 'pg.password'))).toBe(0o600);
    const pid = postmasterPid(server.dataDir);

    // A second user of the same cluster (as the CLI is): no TCP listener, and it keeps running when this one leaves.
    const cluster = await useEmbeddedCluster(server.dataDir);
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    const { rows } = await client.query<{ listen_addresses: string }>('SHOW listen_addresses');
    await client.end();
    expect(rows[0]!.listen_addresses).toBe('');
    expect(fs.existsSync(path.join(server.dataDir, 'pg', '.s.PGSQL.5432'))).toBe(true);
    await cluster.release();
    expect(isAlive(pid)).toBe(true);

    const report = await meldpunt(server.dataDir, [
      'report',
      'annual',
      '--year',
      '2025',
      '--format',
      'json',
    ]);
    expect(JSON.parse(report.stdout)).toMatchObject({ year: 2025 });
    expect((await fetch(`${server.url}/health`)).status).toBe(200);

    await server.stop();
    servers.splice(servers.indexOf(server), 1);
    await waitUntilGone(pid);
  });

  it('starts again after its database was killed with -9 (a stale postmaster.pid)', async () => {
    const dataDir = tempDir();
    let cluster = await useEmbeddedCluster(dataDir);
    let client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    await client.query('CREATE TABLE kept (v text)');
    await client.query("INSERT INTO kept VALUES ('committed before the kill')");
    await client.end();
    const pid = postmasterPid(dataDir);
    process.kill(pid, 'SIGKILL');
    await waitUntilGone(pid);
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(true);
    await cluster.release(); // the cluster is gone already; leaving must not fail

    cluster = await useEmbeddedCluster(dataDir);
    client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    expect((await client.query('SELECT v FROM kept')).rows).toEqual([
      { v: 'committed before the kill' },
    ]);
    await client.end();
    const restarted = postmasterPid(dataDir);
    expect(restarted).not.toBe(pid);
    await cluster.release();
    await waitUntilGone(restarted);
  });

  it('lets two commands create and start it at the same moment, then stops it', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const [a, b] = await Promise.all([
      meldpunt(dataDir, ['teams', 'list']),
      meldpunt(dataDir, ['teams', 'list']),
    ]);
    expect(a.stdout).toMatch(/^students\tdefault\t/m);
    expect(b.stdout).toBe(a.stdout);
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false); // the last one stopped it
  });

  it('refuses a data directory whose socket path would be too long, in one line', async () => {
    const dataDir = path.join(tempDir(), 'x'.repeat(100));
    await expect(useEmbeddedCluster(dataDir)).rejects.toThrow(
      /^the data directory path is too long for the embedded PostgreSQL's socket \(\d+ of at most 107 bytes/,
    );
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});

describe('a data directory of an earlier version on PGlite', { timeout: 180_000 }, () => {
  const REFUSED =
    /^meldpunt: \S+\/pglite holds a PGlite database from an earlier Meldpunt; convert it once: .*`bin\/meldpunt backup create --out FILE`.*`bin\/meldpunt backup restore FILE --yes`.*\n$/;
  /** A data directory as the earlier version left it: its PGlite folder (only PG_VERSION is looked at) and, if given, its keys. */
  function legacyDataDir(keys?: string): string {
    const dataDir = path.join(tempDir(), 'data');
    fs.mkdirSync(path.join(dataDir, 'pglite'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'pglite', 'PG_VERSION'), '18\n'); // what release 72037b5's PGlite wrote
    if (keys) fs.cpSync(keys, path.join(dataDir, 'keys'), { recursive: true });
    return dataDir;
  }

  it("is refused with the conversion named, and converted in place from the previous release's own backup, keys kept", async () => {
    // Release 72037b5's data directory and the backup it made (test/fixtures/release-72037b5/README.md).
    const fixture = path.resolve('test/fixtures/release-72037b5');
    const dataDir = legacyDataDir(path.join(fixture, 'keys'));
    await expect(meldpunt(dataDir, ['teams', 'list'])).rejects.toMatchObject({
      stderr: expect.stringMatching(REFUSED),
    });
    expect(fs.existsSync(path.join(dataDir, 'pg'))).toBe(false); // nothing created next to it

    const restored = await meldpunt(
      dataDir,
      ['backup', 'restore', path.join(fixture, 'meldpunt.backup'), '--yes'],
      { MELDPUNT_BACKUP_PASSPHRASE: 'fixture-passphrase-72037b5' },
    );
    expect(restored.stdout).toMatch(
      /^restored \d+ rows in \d+ tables from the backup of 2026-12-04T\S+\nthe backup's schema \(20261125T010000-password-reset\) was migrated to this release's\n/,
    );
    expect(restored.stdout).toMatch(
      /make a key archive now and keep it apart: bin\/meldpunt backup keys --out FILE\n/,
    );
    expect(restored.stdout).toMatch(
      /the earlier PGlite database is kept, no longer used, in \S+\/pglite\.converted\n$/,
    );
    expect(fs.readFileSync(path.join(dataDir, 'pglite.converted', 'PG_VERSION'), 'utf8')).toBe(
      '18\n',
    );
    expect((await meldpunt(dataDir, ['teams', 'list'])).stdout).toMatch(/^fixture\t/m);
    for (const file of ['index.key', 'blind-index.key']) {
      expect(fs.readFileSync(path.join(dataDir, 'keys', file), 'utf8')).toBe(
        fs.readFileSync(path.join(fixture, 'keys', file), 'utf8'),
      );
    }

    // The imported case opens with the keys of the earlier data directory, on this release's schema.
    const deps = await bootstrap(
      readConfig({ MELDPUNT_DATA_DIR: dataDir, MELDPUNT_LOG_LEVEL: 'silent' }),
    );
    try {
      expect(deps.kind).toBe('embedded');
      const sealed = await deps.db
        .selectFrom('case')
        .select(['id', 'summary', 'intake_key_hash'])
        .where('reference', '=', 'FIX-001')
        .executeTakeFirstOrThrow();
      const key = await deps.db
        .selectFrom('case_key')
        .selectAll()
        .where('case_id', '=', sealed.id)
        .executeTakeFirstOrThrow();
      const dataKey = unwrapDataKey(deps.keyring, sealed.id, key.master_key_id, key.wrapped_key);
      expect(openText(dataKey, sealed.summary!, `case:${sealed.id}:summary`)).toBe(
        'Samenvatting van de fixture: een melding uit de vorige release',
      );
      expect(sealed.intake_key_hash).toBeNull();
      expect(await verifyAuditChain(deps.db)).toMatchObject({ ok: true });
    } finally {
      await deps.close();
    }
  });

  it('is converted from a backup of this release too, with its key archive', async () => {
    const env = {
      MELDPUNT_BACKUP_PASSPHRASE: 'a long backup passphrase',
      MELDPUNT_KEYS_PASSPHRASE: 'another long passphrase, for the keys',
    };
    const source = await freshDatabase();
    const sourceDir = path.join(tempDir(), 'old');
    const backup = path.join(tempDir(), 'meldpunt.backup');
    const keys = path.join(tempDir(), 'meldpunt.keys');
    try {
      await meldpunt(
        sourceDir,
        [
          'teams',
          'create',
          '--key',
          'ccp',
          '--name-nl',
          'Centraal Contactpunt',
          '--name-en',
          'Central Contact Point',
        ],
        { DATABASE_URL: source.url },
      );
      await meldpunt(sourceDir, ['backup', 'create', '--out', backup], {
        DATABASE_URL: source.url,
        ...env,
      });
      await meldpunt(sourceDir, ['backup', 'keys', '--out', keys], {
        DATABASE_URL: source.url,
        ...env,
      });
    } finally {
      await source.drop();
    }

    const dataDir = legacyDataDir();
    await expect(
      meldpunt(dataDir, ['backup', 'restore', backup, '--yes'], env),
    ).rejects.toMatchObject({
      stderr: expect.stringMatching(
        /^meldpunt: the keys of this installation do not open this backup \(missing: .*\); restore with --keys FILE\n$/,
      ),
    });
    const restored = await meldpunt(
      dataDir,
      ['backup', 'restore', backup, '--yes', '--keys', keys],
      env,
    );
    expect(restored.stdout).toMatch(
      /the earlier PGlite database is kept, no longer used, in \S+\/pglite\.converted\n$/,
    );
    expect((await meldpunt(dataDir, ['teams', 'list'])).stdout).toMatch(/^ccp\t/m);
  });
});

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readConfig } from '../../src/server/config.js';
import { bootstrap, type Deps } from '../../src/server/bootstrap.js';
import { useEmbeddedCluster } from '../../src/server/db/embedded-cluster.js';
import { adminQuery, databaseUrl, freshDatabase } from '../support/database.js';

/** `embedded`: the server's own PostgreSQL in its data directory; `external`: DATABASE_URL. */
export type DbKind = 'embedded' | 'external';

/**
 * Where a server process keeps its data: a temporary data directory (the key files, and for
 * `embedded` the cluster the server runs there) plus, for `external`, a fresh database
 * (test/support/database.ts, or an empty one on `serverUrl`) that dispose() drops.
 */
export interface Target {
  kind: DbKind;
  env: Record<string, string>;
  /** The data directory (for `embedded`: also the database's). */
  dataDir: string;
  /** Opens the database in this process, as a CLI command would (also while a server runs). */
  open(): Promise<Deps>;
  dispose(): Promise<void>;
}

export async function createTarget(kind: DbKind, serverUrl?: string): Promise<Target> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-rel-'));
  fs.chmodSync(dataDir, 0o711); // Meldpunt secures it; as root its database's user must pass through /tmp's entry
  const env: Record<string, string> = { MELDPUNT_DATA_DIR: dataDir };
  let drop: (() => Promise<void>) | undefined;
  if (kind === 'external' && serverUrl) {
    const name = `meldpunt_rel_${crypto.randomBytes(6).toString('hex')}`;
    await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
    env.DATABASE_URL = databaseUrl(serverUrl, name);
    drop = () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } else if (kind === 'external') {
    const database = await freshDatabase('meldpunt_rel');
    env.DATABASE_URL = database.url;
    drop = database.drop;
  }
  return {
    kind,
    env,
    dataDir,
    open: () => bootstrap(readConfig({ ...env, MELDPUNT_LOG_LEVEL: 'silent' })),
    async dispose() {
      await drop?.().catch(() => {});
      // A cluster a killed server left running: join it and leave as its last user, which stops it.
      if (kind === 'embedded' && fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid')))
        await (await useEmbeddedCluster(dataDir)).release();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export { adminQuery };

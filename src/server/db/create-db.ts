import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.js';
import { useEmbeddedCluster, type ClusterOptions } from './embedded-cluster.js';
import { refuseLegacyPglite } from './legacy-pglite.js';
import { switchConnection } from './tenancy.js';

export type Db = Kysely<Database>;

export interface OpenedDb {
  db: Db;
  /** `embedded`: the PostgreSQL Meldpunt runs in its data directory; `external`: DATABASE_URL. */
  kind: 'embedded' | 'external';
  close(): Promise<void>;
}

// Return bigint counts and numerics as JS numbers; every count here fits in 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// Keep DATE columns as 'YYYY-MM-DD' strings: a calendar date has no time zone.
pg.types.setTypeParser(1082, (v) => v);

/** The PostgreSQL at DATABASE_URL when given, otherwise the embedded one in `<dataDir>/pg`. */
export async function openDb(
  opts: { databaseUrl?: string; dataDir: string; allowLegacyPglite?: boolean },
  cluster: ClusterOptions = {},
): Promise<OpenedDb> {
  if (opts.databaseUrl) {
    const db = connect(opts.databaseUrl);
    return { db, kind: 'external', close: () => db.destroy() };
  }
  if (!opts.allowLegacyPglite) refuseLegacyPglite(opts.dataDir);
  const embedded = await useEmbeddedCluster(opts.dataDir, cluster);
  const db = connect(embedded.url);
  return {
    db,
    kind: 'embedded',
    close: async () => {
      await db.destroy();
      await embedded.release();
    },
  };
}

export function connect(url: string): Db {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // A connection the server ends (restart, outage) emits 'error' on its client, also while
  // it is checked out between queries; unhandled, that would end the process. The failed
  // query reports the error, and the pool drops the broken client when it is released.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  // Each reservation runs under the institution of the code that reserved it (tenancy.ts).
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool, onReserveConnection: switchConnection }),
  });
}

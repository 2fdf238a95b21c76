import fs from 'node:fs';
import path from 'node:path';
import { CLUSTER_DIR } from './data-dir.js';

/** Where versions before decision 020 kept the embedded database (PGlite). */
export const LEGACY_DIR = 'pglite';

/**
 * A data directory from a version that ran on PGlite is not opened as if it were empty: the
 * server and the CLI refuse it, in one line naming the command that converts it (which keeps
 * the PGlite folder untouched beside the new cluster).
 */
export function refuseLegacyPglite(dataDir: string): void {
  const legacy = path.join(dataDir, LEGACY_DIR);
  if (fs.existsSync(path.join(legacy, 'PG_VERSION')) && !fs.existsSync(path.join(dataDir, CLUSTER_DIR, 'PG_VERSION'))) {
    throw new Error(`${legacy} holds a database from an earlier Meldpunt (PGlite); convert it once with \`bin/meldpunt db convert-pglite\` (see docs/operations.md), nothing is changed until then`);
  }
}

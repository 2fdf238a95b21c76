import fs from 'node:fs';
import path from 'node:path';

/** Where versions before decision 020 kept the embedded database (PGlite). */
export const LEGACY_DIR = 'pglite';
/** What the PGlite folder is renamed to once its data was restored into PostgreSQL (kept, not deleted). */
export const CONVERTED_DIR = 'pglite.converted';

/**
 * A data directory from a version that ran on PGlite (decision 020) is not opened as if it
 * were empty: the server and every command but `backup restore` refuse it, in one line naming
 * the conversion (a backup made with the earlier version, restored with this one).
 */
export function hasLegacyPglite(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, LEGACY_DIR, 'PG_VERSION'));
}

export function refuseLegacyPglite(dataDir: string): void {
  if (!hasLegacyPglite(dataDir)) return;
  throw new Error(
    `${path.join(dataDir, LEGACY_DIR)} holds a PGlite database from an earlier Meldpunt; convert it once: with that version run \`bin/meldpunt backup create --out FILE\`, then with this one \`bin/meldpunt backup restore FILE --yes\` (docs/operations.md)`,
  );
}

/** After a successful restore: the PGlite folder stays, renamed, so that it is no longer refused. */
export function retireLegacyPglite(dataDir: string): string | undefined {
  if (!hasLegacyPglite(dataDir)) return undefined;
  const target = path.join(dataDir, CONVERTED_DIR);
  fs.renameSync(path.join(dataDir, LEGACY_DIR), target);
  return target;
}

import fs from 'node:fs';
import path from 'node:path';

/** The embedded cluster's directory inside the data directory (short: the socket path limit). */
export const CLUSTER_DIR = 'pg';

/**
 * Makes the data directory private whatever the umask: the directory 0700 and every file in
 * it 0600, folders 0700, also for a directory an earlier version left readable. When the
 * database runs as another user (Meldpunt started as root runs PostgreSQL as `postgres`), the
 * top directory is 0710 with that user's group, so the database can reach its own folder and
 * nothing else. The cluster folder's contents are PostgreSQL's (it keeps them 0600/0700 itself),
 * and so are those of a cluster another process is creating (`pg-init-*`, under the start lock,
 * which this runs before taking): its files come and go while initdb runs. Any other file that
 * vanishes meanwhile (a key written by another process starting at the same moment) is skipped.
 */
export function secureDataDir(dataDir: string, serviceGroup?: number): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (serviceGroup !== undefined) {
    fs.chownSync(dataDir, fs.statSync(dataDir).uid, serviceGroup);
    fs.chmodSync(dataDir, 0o710);
  } else {
    fs.chmodSync(dataDir, 0o700);
  }
  for (const entry of fs.readdirSync(dataDir, { withFileTypes: true })) {
    if (entry.name.startsWith(CLUSTER_SCRATCH_PREFIX)) continue;
    repair(path.join(dataDir, entry.name), entry.name !== CLUSTER_DIR);
  }
}

/** The scratch folder a new cluster is created in before it is renamed to `pg`. */
export const CLUSTER_SCRATCH_PREFIX = 'pg-init-';

function repair(file: string, recurse: boolean): void {
  try {
    const stat = fs.lstatSync(file);
    if (stat.isDirectory()) {
      if ((stat.mode & 0o777) !== 0o700) fs.chmodSync(file, 0o700);
      if (recurse) for (const name of fs.readdirSync(file)) repair(path.join(file, name), true);
    } else if (stat.isFile() && (stat.mode & 0o777) !== 0o600) {
      fs.chmodSync(file, 0o600);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** Writes a file readable by its owner only, whatever the umask. */
export function writePrivateFile(file: string, content: string | Buffer): void {
  fs.writeFileSync(file, content, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

import fs from 'node:fs';
import path from 'node:path';

/** The embedded cluster's directory inside the data directory (short: the socket path limit). */
export const CLUSTER_DIR = 'pg';

/**
 * Makes the data directory private whatever the umask: the directory 0700 and every file in
 * it 0600, folders 0700, also for a directory an earlier version left readable. When the
 * database runs as another user (Meldpunt started as root runs PostgreSQL as `postgres`), the
 * top directory is 0710 with that user's group, so the database can reach its own folder and
 * nothing else. The cluster folder's contents are PostgreSQL's (it keeps them 0600/0700 itself).
 */
export function secureDataDir(dataDir: string, serviceGroup?: number): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (serviceGroup !== undefined) {
    fs.chownSync(dataDir, fs.statSync(dataDir).uid, serviceGroup);
    fs.chmodSync(dataDir, 0o710);
  } else {
    fs.chmodSync(dataDir, 0o700);
  }
  for (const entry of fs.readdirSync(dataDir, { withFileTypes: true })) repair(path.join(dataDir, entry.name), entry.name !== CLUSTER_DIR);
}

function repair(file: string, recurse: boolean): void {
  const stat = fs.lstatSync(file);
  if (stat.isDirectory()) {
    if ((stat.mode & 0o777) !== 0o700) fs.chmodSync(file, 0o700);
    if (recurse) for (const name of fs.readdirSync(file)) repair(path.join(file, name), true);
  } else if (stat.isFile() && (stat.mode & 0o777) !== 0o600) {
    fs.chmodSync(file, 0o600);
  }
}

/** Writes a file readable by its owner only, whatever the umask. */
export function writePrivateFile(file: string, content: string | Buffer): void {
  fs.writeFileSync(file, content, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

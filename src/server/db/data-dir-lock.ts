import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * Serialises the processes that start or stop the embedded cluster of one data directory
 * (a server and a CLI command started at the same moment). On Linux the lock is a listening
 * socket in the abstract namespace, which the kernel frees when its process ends, even after
 * kill -9, so a crashed process never leaves a lock behind. Elsewhere it is a lock file
 * holding the pid, taken over when that process is gone.
 */
export async function withDataDirLock<T>(dataDir: string, fn: () => Promise<T>): Promise<T> {
  const release =
    process.platform === 'linux' ? await socketLock(dataDir) : await fileLock(dataDir);
  try {
    return await fn();
  } finally {
    await release();
  }
}

const WAIT_MS = 180_000;

async function socketLock(dataDir: string): Promise<() => Promise<void>> {
  const name = `\0meldpunt-db-${crypto.createHash('sha256').update(fs.realpathSync(dataDir)).digest('hex').slice(0, 32)}`;
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const server = net.createServer();
    const taken = await new Promise<boolean>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) =>
        err.code === 'EADDRINUSE' ? resolve(false) : reject(err),
      );
      server.listen(name, () => resolve(true));
    });
    if (taken) {
      server.unref();
      return () => new Promise<void>((resolve) => server.close(() => resolve()));
    }
    if (Date.now() > deadline)
      throw new Error(
        `another process has held the database lock of ${dataDir} for ${WAIT_MS / 1000} s`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function fileLock(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, 'pg-start.lock');
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      return async () => fs.rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(file, 'utf8'));
      if (!holder || !alive(holder)) fs.rmSync(file, { force: true });
      else if (Date.now() > deadline)
        throw new Error(
          `process ${holder} has held the database lock of ${dataDir} for ${WAIT_MS / 1000} s`,
          { cause: err },
        );
      else await new Promise((r) => setTimeout(r, 50));
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

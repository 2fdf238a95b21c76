import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freshDatabase } from './database.js';

export interface RunningServer {
  url: string;
  dataDir: string;
  databaseUrl?: string;
  output: () => string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts the real server (`npm start` without npm) on a free port with a fresh data
 * directory and a fresh database (test/support/database.ts) unless `databaseUrl` names one,
 * or on its own embedded PostgreSQL in the data directory with `embedded: true`; resolves
 * once /health is ok.
 * `localhost: true` makes the public address `http://localhost:<port>` (MELDPUNT_BASE_URL and
 * `url`), which WebAuthn needs: browsers refuse an IP address as RP ID.
 */
export async function startServer(
  opts: {
    args?: string[];
    env?: Record<string, string>;
    dataDir?: string;
    databaseUrl?: string;
    embedded?: boolean;
    localhost?: boolean;
  } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'meldpunt-e2e-'));
  const database =
    opts.databaseUrl || opts.embedded ? undefined : await freshDatabase('meldpunt_e2e');
  const databaseUrl = opts.databaseUrl ?? database?.url;
  // Journeys submit more often from one browser than the per-session budgets allow; their own tests cover them.
  const publicUrl = `http://${opts.localhost ? 'localhost' : '127.0.0.1'}:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    MELDPUNT_DATA_DIR: dataDir,
    MELDPUNT_INTAKE_PER_SESSION: '100000',
    MELDPUNT_INTAKE_NO_SCRIPT_PER_SESSION: '100000',
    ...(opts.localhost ? { MELDPUNT_BASE_URL: publicUrl } : {}),
    ...opts.env,
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  const child = spawn(
    path.resolve('node_modules/.bin/tsx'),
    ['src/server/main.ts', ...(opts.args ?? [])],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  // Health is asked of the address listened on (Node may resolve localhost to ::1 first).
  await waitForHealth(`http://127.0.0.1:${port}`, child, () => out);
  // The setup link is printed after the server listens; give it a moment to appear.
  for (let i = 0; i < 50 && !/\/setup\/|Demo data loaded/.test(out); i++)
    await new Promise((r) => setTimeout(r, 100));
  return {
    url: publicUrl,
    dataDir,
    databaseUrl,
    output: () => out,
    async stop() {
      await stopChild(child);
      await database?.drop();
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitForHealth(url: string, child: ChildProcess, out: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out()}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not become healthy:\n${out()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}

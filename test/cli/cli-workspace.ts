import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { bootstrap } from '../../src/server/bootstrap.js';
import { readConfig } from '../../src/server/config.js';
import { startTestSmtp } from '../support/smtp.js';
import { freshDatabase, onTestServer, type FreshDatabase } from '../support/database.js';

export const MELDPUNT_BIN = path.resolve(import.meta.dirname, '../../bin/meldpunt');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliWorkspace {
  /** A fresh directory; the data directory is `dir/data`. */
  dir: string;
  /** The environment the child processes get (DATABASE_URL names the workspace's fresh database). */
  env: NodeJS.ProcessEnv;
  /** The local SMTP server, when asked for. */
  smtp: Awaited<ReturnType<typeof startTestSmtp>>;
  /** Runs bin/meldpunt as an operator does: a child process, asynchronously (an SMTP server in this process can answer it). */
  run(args: string[], extraEnv?: NodeJS.ProcessEnv): Promise<CliResult>;
  /** Loses everything: the data directory (keys) and the database (made again, empty). */
  wipe(): Promise<void>;
  /** Works on the database the CLI wrote. */
  inspect<T>(work: (deps: Awaited<ReturnType<typeof bootstrap>>) => Promise<T>): Promise<T>;
}

/**
 * A workspace for CLI tests: a fresh data directory and a fresh database
 * (test/support/database.ts, dropped afterwards), optionally a local SMTP server. Fields are
 * filled in by the beforeAll hook it registers.
 */
export function useCliWorkspace(opts: {
  prefix: string;
  env?: NodeJS.ProcessEnv;
  smtp?: boolean;
}): CliWorkspace {
  let database: FreshDatabase | undefined;
  const ws = {
    run: (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
      new Promise<CliResult>((resolve, reject) => {
        const child = spawn(MELDPUNT_BIN, args, { env: { ...ws.env, ...extraEnv }, cwd: ws.dir });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('error', reject);
        child.on('close', (status) => resolve({ status, stdout, stderr }));
      }),
    async wipe() {
      fs.rmSync(ws.env.MELDPUNT_DATA_DIR!, { recursive: true, force: true });
      await onTestServer(`DROP DATABASE ${database!.name} WITH (FORCE)`);
      await onTestServer(`CREATE DATABASE ${database!.name}`);
    },
    async inspect<T>(
      work: (deps: Awaited<ReturnType<typeof bootstrap>>) => Promise<T>,
    ): Promise<T> {
      const { MELDPUNT_DATA_DIR, DATABASE_URL, MELDPUNT_BASE_URL } = ws.env;
      const deps = await bootstrap(
        readConfig({
          MELDPUNT_DATA_DIR,
          DATABASE_URL,
          MELDPUNT_BASE_URL,
          MELDPUNT_LOG_LEVEL: 'silent',
        }),
      );
      try {
        return await work(deps);
      } finally {
        await deps.close();
      }
    },
  } as CliWorkspace;

  beforeAll(async () => {
    ws.dir = fs.mkdtempSync(path.join(os.tmpdir(), `meldpunt-${opts.prefix}-`));
    if (opts.smtp) ws.smtp = await startTestSmtp();
    ws.env = {
      ...process.env,
      MELDPUNT_DATA_DIR: path.join(ws.dir, 'data'),
      MELDPUNT_LOG_LEVEL: 'silent',
      DATABASE_URL: undefined,
      ...(opts.smtp ? { MELDPUNT_SMTP_URL: ws.smtp.url } : {}),
      ...opts.env,
    };
    database = await freshDatabase('meldpunt_cli');
    ws.env.DATABASE_URL = database.url;
  });

  afterAll(async () => {
    await database?.drop();
    await ws.smtp?.close();
    if (ws.dir) fs.rmSync(ws.dir, { recursive: true, force: true });
  });

  return ws;
}

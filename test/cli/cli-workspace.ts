import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { bootstrap } from '../../src/server/bootstrap.js';
import { readConfig } from '../../src/server/config.js';
import { startTestSmtp } from '../support/smtp.js';

export const MELDPUNT_BIN = path.resolve(import.meta.dirname, '../../bin/meldpunt');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliWorkspace {
  /** A fresh directory; the data directory is `dir/data`. */
  dir: string;
  /** The environment the child processes get (DATABASE_URL names a fresh database when TEST_DATABASE_URL is set). */
  env: NodeJS.ProcessEnv;
  /** The local SMTP server, when asked for. */
  smtp: Awaited<ReturnType<typeof startTestSmtp>>;
  /** Runs bin/meldpunt as an operator does: a child process, asynchronously (an SMTP server in this process can answer it). */
  run(args: string[], extraEnv?: NodeJS.ProcessEnv): Promise<CliResult>;
  /** Loses everything: the data directory (database and keys) and, on PostgreSQL, the database (made again, empty). */
  wipe(): Promise<void>;
  /** Works on the database the CLI wrote (after the CLI exited, so the embedded database is free). */
  inspect<T>(work: (deps: Awaited<ReturnType<typeof bootstrap>>) => Promise<T>): Promise<T>;
}

async function onServer(text: string) {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  await client.query(text).finally(() => client.end());
}

/**
 * A workspace for CLI tests: a fresh data directory, or a fresh PostgreSQL database when
 * TEST_DATABASE_URL is set (dropped afterwards), optionally a local SMTP server. Fields are
 * filled in by the beforeAll hook it registers.
 */
export function useCliWorkspace(opts: { prefix: string; env?: NodeJS.ProcessEnv; smtp?: boolean }): CliWorkspace {
  let dbName: string | undefined;
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
      if (!dbName) return;
      await onServer(`DROP DATABASE ${dbName} WITH (FORCE)`);
      await onServer(`CREATE DATABASE ${dbName}`);
    },
    async inspect<T>(work: (deps: Awaited<ReturnType<typeof bootstrap>>) => Promise<T>): Promise<T> {
      const { MELDPUNT_DATA_DIR, DATABASE_URL, MELDPUNT_BASE_URL } = ws.env;
      const deps = await bootstrap(readConfig({ MELDPUNT_DATA_DIR, DATABASE_URL, MELDPUNT_BASE_URL, MELDPUNT_LOG_LEVEL: 'silent' }));
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
      ...process.env, MELDPUNT_DATA_DIR: path.join(ws.dir, 'data'), MELDPUNT_LOG_LEVEL: 'silent', DATABASE_URL: undefined,
      ...(opts.smtp ? { MELDPUNT_SMTP_URL: ws.smtp.url } : {}),
      ...opts.env,
    };
    if (process.env.TEST_DATABASE_URL) {
      dbName = `meldpunt_cli_${crypto.randomBytes(6).toString('hex')}`;
      await onServer(`CREATE DATABASE ${dbName}`);
      const url = new URL(process.env.TEST_DATABASE_URL);
      url.pathname = `/${dbName}`;
      ws.env.DATABASE_URL = url.toString();
    }
  });

  afterAll(async () => {
    if (dbName) await onServer(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await ws.smtp?.close();
    if (ws.dir) fs.rmSync(ws.dir, { recursive: true, force: true });
  });

  return ws;
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { CompiledQuery, type DatabaseConnection } from 'kysely';
import type { Db } from './create-db.js';

/**
 * The context every query runs in (issue 22, decision 036). Inside `withInstitution` a query goes
 * out on a connection switched to the role `meldpunt_app` with `meldpunt.institution` set to that
 * institution, so PostgreSQL's row-level security returns and accepts that institution's rows
 * only, whatever `where` the code forgot. Inside `asPlatform` it runs as the login role with
 * every row visible: migrations, backups, platform jobs, the platform operator's pages, the CLI's
 * maintenance — each marked explicitly. Outside both, the connection is FAIL-CLOSED: role
 * `meldpunt_app` with no institution, which sees and writes nothing of a protected table.
 */
type Store = { institutionId: string } | { platform: true };
const context = new AsyncLocalStorage<Store>();

/** The database role the application works as under an institution (the migration creates it). */
export const APP_ROLE = 'meldpunt_app';

/**
 * What a query outside any context runs as: 'closed' (the server, the CLI, every process by
 * default) or 'platform' — only the unit tests' own set-up and assertions (test/support/
 * platform-default.ts), which query the database directly as the platform would.
 */
let defaultContext: 'platform' | 'closed' = 'closed';
export function setDefaultContext(mode: 'platform' | 'closed'): void {
  defaultContext = mode;
}

/** Tables without institution data, so without row-level security; every other table has it. */
export const PLATFORM_TABLES = [
  // the installation itself
  'job_lease',
  'throttle',
  'kysely_migration',
  'kysely_migration_lock',
] as const;

/** Runs `fn` with every query (through any Db of this process) under `institutionId`. */
export function withInstitution<T>(institutionId: string, fn: () => Promise<T>): Promise<T> {
  return context.run({ institutionId }, fn);
}

/**
 * Runs `fn` in the platform context (the login role, every row): for work that legitimately spans
 * institutions only — migrations, first-run setup, backups, platform jobs, the platform operator.
 */
export function asPlatform<T>(fn: () => Promise<T>): Promise<T> {
  return context.run({ platform: true }, fn);
}

/** The institution of the current context, if any. */
export function currentInstitution(): string | undefined {
  const store = context.getStore();
  return store && 'institutionId' in store ? store.institutionId : undefined;
}

/** Whether the current code runs in an explicit context (an institution's or the platform's). */
export function inExplicitContext(): boolean {
  return context.getStore() !== undefined;
}

/** What each pooled connection was last switched to: an institution id, PLATFORM or CLOSED. */
const switched = new WeakMap<DatabaseConnection, string>();
const PLATFORM = '';
const CLOSED = 'closed';

/**
 * Kysely's onReserveConnection: brings the connection to the context of the code that reserved
 * it. Costs a round trip only when the context differs from the connection's last one. Outside a
 * transaction, so a rollback cannot undo it.
 */
export async function switchConnection(connection: DatabaseConnection): Promise<void> {
  const store = context.getStore();
  const want = !store
    ? defaultContext === 'platform'
      ? PLATFORM
      : CLOSED
    : 'institutionId' in store
      ? store.institutionId
      : PLATFORM;
  // A fresh connection is in the platform context (its login role, no institution).
  if ((switched.get(connection) ?? PLATFORM) === want) return;
  switched.delete(connection);
  await connection.executeQuery(
    want === PLATFORM
      ? CompiledQuery.raw(
          `SELECT set_config('meldpunt.institution', '', false), set_config('role', 'none', false)`,
        )
      : CompiledQuery.raw(
          `SELECT set_config('role', '${APP_ROLE}', false), set_config('meldpunt.institution', $1, false)`,
          [want === CLOSED ? '' : want],
        ),
  );
  switched.set(connection, want);
}

/** Every institution's id, for jobs and commands that work for each in turn (read as the platform). */
export async function allInstitutions(db: Db): Promise<string[]> {
  const rows = await asPlatform(() =>
    db.selectFrom('institution').select('id').orderBy('created_at').orderBy('id').execute(),
  );
  return rows.map((r) => r.id);
}

/**
 * Runs `fn` once per institution, each under its own context (background jobs, the CLI); once in
 * the platform context when there is no institution yet.
 */
export async function forEachInstitution(db: Db, fn: () => Promise<void>): Promise<void> {
  const ids = await allInstitutions(db);
  if (ids.length === 0) return asPlatform(fn);
  for (const id of ids) await withInstitution(id, fn);
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { CompiledQuery, type DatabaseConnection } from 'kysely';
import type { Db } from './create-db.js';

/**
 * The institution a request, job or command works for (issue 22, decision 036). Every query run
 * inside `withInstitution` goes out on a connection switched to the role `meldpunt_app` with
 * `meldpunt.institution` set to that institution, so PostgreSQL's row-level security returns and
 * accepts that institution's rows only, whatever `where` the code forgot. Outside any context a
 * connection works as the role it logged in as: the platform context of migrations, platform jobs,
 * backups and the CLI's maintenance.
 */
const context = new AsyncLocalStorage<{ institutionId: string } | { anyContext: true }>();

/** The database role the application works as under an institution (the migration creates it). */
export const APP_ROLE = 'meldpunt_app';

/** Tables without institution data, so without row-level security; every other table has it. */
export const PLATFORM_TABLES = [
  // the installation itself
  'institution',
  'job_lease',
  'throttle',
  'kysely_migration',
  'kysely_migration_lock',
  // people and their credentials: a person belongs to an institution through their team
  // memberships (protected); binding accounts themselves is issue 22's app_user.institution_id
  'app_user',
  'session',
  'user_totp',
  'webauthn_challenge',
  'webauthn_credential',
  'recovery_code',
  'password_reset_token',
  'sso_identity',
  // a person's own saved inbox filters (query strings, no case content), like their sessions
  'saved_inbox_filter',
] as const;

/** Runs `fn` with every query (through any Db of this process) under `institutionId`. */
export function withInstitution<T>(institutionId: string, fn: () => Promise<T>): Promise<T> {
  return context.run({ institutionId }, fn);
}

/** Runs `fn` in the platform context: for platform operations only (creating an institution). */
export function asPlatform<T>(fn: () => Promise<T>): Promise<T> {
  return context.exit(fn);
}

/** The institution of the current context, if any. */
export function currentInstitution(): string | undefined {
  const store = context.getStore();
  return store && 'institutionId' in store ? store.institutionId : undefined;
}

/**
 * Runs `fn`, which reads platform tables only, on a connection in whatever context it was last:
 * saves switching a connection twice per request to look up the request's institution.
 */
function inAnyContext<T>(fn: () => Promise<T>): Promise<T> {
  return context.run({ anyContext: true }, fn);
}

/** What each pooled connection was last switched to ('' = the platform context). */
const switched = new WeakMap<DatabaseConnection, string>();

/**
 * Kysely's onReserveConnection: brings the connection to the context of the code that reserved
 * it. Costs a round trip only when the context differs from the connection's last one. Outside a
 * transaction, so a rollback cannot undo it.
 */
export async function switchConnection(connection: DatabaseConnection): Promise<void> {
  const store = context.getStore();
  if (store && 'anyContext' in store) return;
  const want = currentInstitution() ?? '';
  if ((switched.get(connection) ?? '') === want) return;
  switched.delete(connection);
  await connection.executeQuery(
    want
      ? CompiledQuery.raw(
          `SELECT set_config('role', '${APP_ROLE}', false), set_config('meldpunt.institution', $1, false)`,
          [want],
        )
      : CompiledQuery.raw(
          `SELECT set_config('meldpunt.institution', '', false), set_config('role', 'none', false)`,
        ),
  );
  switched.set(connection, want);
}

/**
 * The institution a request works for. Until the request's own institution is resolved from its
 * host name or path (issue 22, src/server/tenancy), it is the installation's institution when there
 * is exactly one; with several, requests keep the platform context. The one place to swap the source.
 */
export async function institutionForRequest(db: Db): Promise<string | undefined> {
  const rows = await inAnyContext(() =>
    db.selectFrom('institution').select('id').limit(2).execute(),
  );
  return rows.length === 1 ? rows[0]!.id : undefined;
}

/** Every institution's id, for jobs and commands that work for each in turn. */
export async function allInstitutions(db: Db): Promise<string[]> {
  const rows = await inAnyContext(() =>
    db.selectFrom('institution').select('id').orderBy('created_at').execute(),
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

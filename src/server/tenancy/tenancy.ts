import type { Db } from '../db/create-db.js';

/**
 * Institutions as tenants (issue 22, decision 035). Every request belongs to one institution,
 * resolved once by the middleware in http/tenancy.ts and read by routes and services as
 * `c.get('institution')`. On the platform host (host mode only) there is no institution: only
 * the platform operator's pages and sign-in answer there.
 */
export interface InstitutionContext {
  id: string;
  key: string;
  name: string;
  host: string | null;
  /** The checked primary colour (#rrggbb), or null for the shipped theme. */
  colourPrimary: string | null;
  /** Reached under its own path prefix (path mode, decision 039): the header names it, as on its own host. */
  ownPrefix?: boolean;
}

/**
 * `single`: today's installation, every request is the first institution's.
 * `host`: the institution whose `host` column equals the request's Host header; the platform
 * host serves the platform operator; any other host is a 404.
 * `path`: the institution whose `key` is the first path segment (`/uni-a/melden`), decision 039;
 * the unprefixed paths serve the platform operator and the list of institutions.
 */
export type TenancyMode = 'single' | 'host' | 'path';
export interface TenancyConfig {
  mode: TenancyMode;
  /** Host (name[:port], lower case) of the platform operator's pages in host mode. */
  platformHost?: string;
}

/** Paths that answer on the platform host, where no institution is resolved. */
export const PLATFORM_PATHS =
  /^\/(platform(\/.*)?|login(\/two-factor(\/.*)?)?|logout|account\/(security|two-factor|webauthn(\/.*)?|sessions\/.*)|assets\/[^/]+|favicon\.ico|robots\.txt|lang\/[^/]+)$/;

type Row = {
  id: string;
  key: string;
  name: string;
  host: string | null;
  colour_primary: string | null;
};
const present = (r: Row): InstitutionContext => ({
  id: r.id,
  key: r.key,
  name: r.name,
  host: r.host,
  colourPrimary: r.colour_primary,
});
const COLUMNS = ['id', 'key', 'name', 'host', 'colour_primary'] as const;

/** The first institution (single mode; the CLI's default). */
export async function firstInstitution(db: Db): Promise<InstitutionContext | undefined> {
  const row = await db
    .selectFrom('institution')
    .select(COLUMNS)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row && present(row);
}

export async function institutionByHost(
  db: Db,
  host: string,
): Promise<InstitutionContext | undefined> {
  const row = await db
    .selectFrom('institution')
    .select(COLUMNS)
    .where('host', '=', host)
    .executeTakeFirst();
  return row && present(row);
}

export async function institutionByKey(
  db: Db,
  key: string,
): Promise<InstitutionContext | undefined> {
  const row = await db
    .selectFrom('institution')
    .select(COLUMNS)
    .where('key', '=', key)
    .executeTakeFirst();
  return row && present(row);
}

/** Every institution by name: the list at `/` in path mode. */
export async function listInstitutions(db: Db): Promise<InstitutionContext[]> {
  const rows = await db.selectFrom('institution').select(COLUMNS).orderBy('name').execute();
  return rows.map(present);
}

/**
 * First path segments that are never an institution's key in path mode: the installation's and
 * the platform operator's unprefixed paths (PLATFORM_PATHS, /health, /metrics).
 */
export const RESERVED_KEYS = new Set([
  'platform',
  'login',
  'logout',
  'account',
  'assets',
  'favicon.ico',
  'robots.txt',
  'lang',
  'health',
  'metrics',
]);

/**
 * Whether a signed-in account may use this request's host: an institution's staff only on their
 * own institution; the platform operator on the platform host, and in single mode (no separate
 * platform host) on the one site.
 */
export function accountFitsRequest(
  account: { institutionId: string | null; platformOperator: boolean },
  institution: InstitutionContext | undefined,
  onPlatformHost: boolean,
  mode: TenancyMode,
): boolean {
  if (account.platformOperator) return onPlatformHost || mode === 'single';
  return institution !== undefined && account.institutionId === institution.id;
}

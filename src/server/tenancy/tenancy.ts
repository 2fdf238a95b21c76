import type { Db } from '../db/create-db.js';
import { asPlatform } from '../db/tenancy.js';

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
  /** The institution's logo (decision 038): its content hash (the asset's version) and size, or null. */
  logo: { sha256: string; width: number; height: number } | null;
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
  /^\/(platform(\/.*)?|login(\/two-factor(\/.*)?|\/institution)?|logout|account\/(security|two-factor|webauthn(\/.*)?|sessions\/.*)|assets\/[^/]+|favicon\.ico|robots\.txt|lang\/[^/]+)$/;

type Row = {
  id: string;
  key: string;
  name: string;
  host: string | null;
  colour_primary: string | null;
  logo_sha256: string | null;
  logo_width: number | null;
  logo_height: number | null;
};
const present = (r: Row): InstitutionContext => ({
  id: r.id,
  key: r.key,
  name: r.name,
  host: r.host,
  colourPrimary: r.colour_primary,
  logo:
    r.logo_sha256 && r.logo_width && r.logo_height
      ? { sha256: r.logo_sha256, width: r.logo_width, height: r.logo_height }
      : null,
});
const COLUMNS = [
  'i.id',
  'i.key',
  'i.name',
  'i.host',
  'i.colour_primary',
  'l.sha256 as logo_sha256',
  'l.width as logo_width',
  'l.height as logo_height',
] as const;
const withLogo = (db: Db) =>
  db
    .selectFrom('institution as i')
    .leftJoin('institution_logo as l', 'l.institution_id', 'i.id')
    .select(COLUMNS);

/**
 * The institution lookups of every request, cached in-process (issue 22): read in the platform
 * context (the `institution` table shows an institution only its own row), and kept for
 * INSTITUTION_CACHE_MS. This process forgets them as soon as it changes an institution
 * (`forgetInstitutions`); another process of the installation sees the change within the TTL.
 */
export const INSTITUTION_CACHE_MS = 10_000;
const caches = new WeakMap<
  Db,
  Map<string, { until: number; generation: number; value: Promise<unknown> }>
>();
/** Raised by every change of an institution in this process: older entries are stale. */
let generation = 0;

function cached<T>(db: Db, key: string, load: () => Promise<T>): Promise<T> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && hit.until > Date.now() && hit.generation === generation)
    return hit.value as Promise<T>;
  const value = asPlatform(load);
  cache.set(key, { until: Date.now() + INSTITUTION_CACHE_MS, generation, value });
  // A failed lookup (database outage) is not kept.
  value.catch(() => cache.delete(key));
  return value;
}

/** After the platform creates or changes an institution: this process looks them up afresh. */
export function forgetInstitutions(): void {
  generation++;
}

/** The institutions of a single site: the first, and whether there are more (host mode's case). */
export function singleSite(
  db: Db,
): Promise<{ first: InstitutionContext | undefined; several: boolean }> {
  return cached(db, 'single', async () => {
    const rows = await withLogo(db).orderBy('i.created_at').orderBy('i.id').limit(2).execute();
    return { first: rows[0] && present(rows[0]), several: rows.length > 1 };
  });
}

/** The first institution (single mode; the CLI's default). */
export async function firstInstitution(db: Db): Promise<InstitutionContext | undefined> {
  return (await singleSite(db)).first;
}

export function institutionByHost(db: Db, host: string): Promise<InstitutionContext | undefined> {
  return cached(db, `host:${host}`, async () => {
    const row = await withLogo(db).where('i.host', '=', host).executeTakeFirst();
    return row && present(row);
  });
}

export function institutionByKey(db: Db, key: string): Promise<InstitutionContext | undefined> {
  return cached(db, `key:${key}`, async () => {
    const row = await withLogo(db).where('i.key', '=', key).executeTakeFirst();
    return row && present(row);
  });
}

/** Every institution by name: the list at `/` in path mode. */
export async function listInstitutions(db: Db): Promise<InstitutionContext[]> {
  const rows = await asPlatform(() => withLogo(db).orderBy('i.name').execute());
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

/** An institution by id with its logo's hash (the settings pages; the operator's any institution). */
export async function findInstitutionSettingsTarget(db: Db, id: string) {
  const row = await withLogo(db).where('i.id', '=', id).executeTakeFirst();
  return row && { ...present(row), logoSha256: row.logo_sha256 };
}

import type { Db } from '../db/create-db.js';
import type { TenancyConfig } from './tenancy.js';

/** What the address of an institution's site depends on: the installation's settings. */
export interface SiteConfig {
  baseUrl: string;
  tenancy?: TenancyConfig;
}

/**
 * THE address of an institution's own site, for links that leave the request (e-mails,
 * calendar files, set-up links, WebAuthn's origin): path mode `MELDPUNT_BASE_URL/<key>`;
 * otherwise the institution's own host `https://<host>` (the scheme of the base URL) when it has
 * one, else `MELDPUNT_BASE_URL` — which is single mode's site, whose institution has no host
 * (decision 039). Without an institution (the platform operator) the base URL.
 */
export function institutionBaseUrl(
  config: SiteConfig,
  institution: { key: string; host: string | null } | undefined,
): string {
  const mode = config.tenancy?.mode ?? 'single';
  if (!institution) return config.baseUrl;
  if (mode === 'path') return `${config.baseUrl}/${encodeURIComponent(institution.key)}`;
  return institution.host
    ? `${new URL(config.baseUrl).protocol}//${institution.host}`
    : config.baseUrl;
}

/** The site address of an institution by its id (an account's, a case's). */
export async function institutionBaseUrlById(
  db: Db,
  config: SiteConfig,
  institutionId: string | null | undefined,
): Promise<string> {
  if (!institutionId || (config.tenancy?.mode ?? 'single') === 'single') return config.baseUrl;
  const row = await db
    .selectFrom('institution')
    .select(['key', 'host'])
    .where('id', '=', institutionId)
    .executeTakeFirst();
  return institutionBaseUrl(config, row);
}

/** The site address of the institution a case belongs to (reminders and notices about it). */
export async function institutionBaseUrlOfCase(
  db: Db,
  config: SiteConfig,
  caseId: string,
): Promise<string> {
  if ((config.tenancy?.mode ?? 'single') === 'single') return config.baseUrl;
  const row = await db
    .selectFrom('case')
    .select('institution_id')
    .where('id', '=', caseId)
    .executeTakeFirst();
  return institutionBaseUrlById(db, config, row?.institution_id);
}

/** The site address of the institution a user account belongs to. */
export async function institutionBaseUrlOfUser(
  db: Db,
  config: SiteConfig,
  userId: string,
): Promise<string> {
  if ((config.tenancy?.mode ?? 'single') === 'single') return config.baseUrl;
  const row = await db
    .selectFrom('app_user')
    .select('institution_id')
    .where('id', '=', userId)
    .executeTakeFirst();
  return institutionBaseUrlById(db, config, row?.institution_id);
}

import crypto from 'node:crypto';
import type { Db } from '../db/create-db.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';

/**
 * Scoped bearer tokens for /api/v1, each bound to the one team that issued it. A token is shown
 * once; only its SHA-256 is stored. Scopes, chosen when the token is issued:
 * - `statistics:read`: aggregate figures only;
 * - `cases:read`: cases without content (reference, dates, category, status, deadlines);
 * - `cases:register`: register a report that reached the team by another channel;
 * - `correspondence:write`: post a message to a case's reporter mailbox;
 * - `cases:status`: change a case's status (within the status machine).
 * Before these names (migration 20261206T050000) `statistics` and `cases:metadata` were the
 * first two; stored tokens were renamed, so every token kept what it could do.
 */
export const API_SCOPES = [
  'statistics:read',
  'cases:read',
  'cases:register',
  'correspondence:write',
  'cases:status',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

const isApiScope = (s: string): s is ApiScope => (API_SCOPES as readonly string[]).includes(s);
/** Stored scopes; a name this version does not know grants nothing. */
const scopesOf = (stored: string): ApiScope[] => stored.split(' ').filter(isApiScope);

const PREFIX = 'mpt_';
const digest = (token: string) => crypto.createHash('sha256').update(token).digest();

export interface ApiTokenInfo {
  id: string;
  name: string;
  scopes: ApiScope[];
  createdAt: Date;
  isRevoked: boolean;
}

export interface ApiPrincipal {
  tokenId: string;
  teamId: string;
  scopes: ApiScope[];
}

export async function createApiToken(
  trx: Db,
  teamId: string,
  name: string,
  scopes: ApiScope[],
  actor: AuditActor,
): Promise<string> {
  const token = PREFIX + crypto.randomBytes(32).toString('base64url');
  const row = await trx
    .insertInto('api_token')
    .values({ team_id: teamId, name, token_hash: digest(token), scopes: scopes.join(' ') })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, {
    type: 'API_TOKEN_CREATED',
    actor,
    teamId,
    detail: { tokenId: row.id, scopes: scopes.join(' ') },
  });
  return token;
}

export async function revokeApiToken(
  trx: Db,
  teamId: string,
  tokenId: string,
  actor: AuditActor,
): Promise<void> {
  const res = await trx
    .updateTable('api_token')
    .set({ revoked_at: new Date() })
    .where('id', '=', tokenId)
    .where('team_id', '=', teamId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (res.numUpdatedRows > 0n)
    await recordAudit(trx, { type: 'API_TOKEN_REVOKED', actor, teamId, detail: { tokenId } });
}

export async function listApiTokens(db: Db, teamId: string): Promise<ApiTokenInfo[]> {
  const rows = await db
    .selectFrom('api_token')
    .selectAll()
    .where('team_id', '=', teamId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scopes: scopesOf(r.scopes),
    createdAt: r.created_at,
    isRevoked: r.revoked_at !== null,
  }));
}

/** The principal behind a bearer token, or undefined for an unknown or revoked token. */
export async function findApiPrincipal(db: Db, token: string): Promise<ApiPrincipal | undefined> {
  if (!token.startsWith(PREFIX) || token.length > 200) return undefined;
  const row = await db
    .selectFrom('api_token')
    .select(['id', 'team_id', 'scopes'])
    .where('token_hash', '=', digest(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row && { tokenId: row.id, teamId: row.team_id, scopes: scopesOf(row.scopes) };
}

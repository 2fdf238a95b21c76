import crypto from 'node:crypto';
import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { openDraft, sealDraft, type Answers } from './intake-draft.js';

/**
 * Optional verification of a named reporter (issue 9): while the reporter signs in at the
 * institution, their sealed draft waits in intake_verification under the hash of a token that
 * only their browser holds (cookie); the verified name and e-mail join it sealed, bound to the
 * same token. The reporter never gets a staff session or account.
 */
export interface VerifiedIdentity {
  name: string;
  email: string;
  provider: 'oidc' | 'saml';
}

const LIFETIME_MS = 15 * 60_000;
const hashOf = (token: string) =>
  crypto.createHash('sha256').update(`intake-verification\0${token}`).digest();
const binding = (token: string) => `verification:${token}`;

/** Parks a sealed draft; returns the token for the browser's cookie. */
export async function parkDraft(db: Db, draft: string, now = new Date()): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await db.deleteFrom('intake_verification').where('expires_at', '<', now).execute();
  await db
    .insertInto('intake_verification')
    .values({ id_hash: hashOf(token), draft, expires_at: new Date(now.getTime() + LIFETIME_MS) })
    .execute();
  return token;
}

/** Adds the identity the IdP verified to a parked draft; false when none waits under the token. */
export async function attachVerifiedIdentity(
  db: Db,
  keyring: Keyring,
  token: string,
  identity: VerifiedIdentity,
  now = new Date(),
): Promise<boolean> {
  const sealed = sealDraft(
    keyring,
    binding(token),
    { name: identity.name, email: identity.email, provider: identity.provider },
    now,
  );
  const res = await db
    .updateTable('intake_verification')
    .set({ identity: sealed })
    .where('id_hash', '=', hashOf(token))
    .where('expires_at', '>', now)
    .where('identity', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Takes (deletes) a parked draft: the sealed draft and, when verification succeeded, the identity. */
export async function takeParkedDraft(
  db: Db,
  keyring: Keyring,
  token: string,
  now = new Date(),
): Promise<{ draft: string; identity?: VerifiedIdentity } | undefined> {
  const row = await db
    .deleteFrom('intake_verification')
    .where('id_hash', '=', hashOf(token))
    .returning(['draft', 'identity', 'expires_at'])
    .executeTakeFirst();
  if (!row || row.expires_at <= now) return undefined;
  const opened = row.identity ? openDraft(keyring, binding(token), row.identity, now) : undefined;
  const identity =
    opened?.name && opened.email && (opened.provider === 'oidc' || opened.provider === 'saml')
      ? {
          name: opened.name,
          email: opened.email,
          provider: opened.provider as VerifiedIdentity['provider'],
        }
      : undefined;
  return { draft: row.draft, identity };
}

/** Pure: the answers with the verified name and e-mail filled in (the verification marks travel sealed in the draft). */
export function withVerifiedIdentity(a: Answers, identity: VerifiedIdentity): Answers {
  return {
    ...a,
    anonymous: 'no',
    name: identity.name,
    contact: identity.email,
    verifiedBy: identity.provider,
    verifiedName: identity.name,
    verifiedEmail: identity.email,
  };
}

/**
 * Pure: how the reporter's identity was verified, judged only from the sealed draft — and only
 * while the report is named and the name and contact are still the verified ones.
 */
export function verifiedByOf(
  stored: Answers | undefined,
  final: { anonymous: string; name?: string; contact?: string },
): VerifiedIdentity['provider'] | undefined {
  if (!stored?.verifiedBy || final.anonymous !== 'no') return undefined;
  if (final.name !== stored.verifiedName || final.contact !== stored.verifiedEmail)
    return undefined;
  return stored.verifiedBy === 'oidc' || stored.verifiedBy === 'saml'
    ? stored.verifiedBy
    : undefined;
}

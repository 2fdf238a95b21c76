import net from 'node:net';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Db } from '../db/create-db.js';
import { recordAudit } from '../audit/audit.service.js';
import { clearFailures, takeAttempt, type ThrottleRule } from '../http/throttle.js';
import { hasConfirmedTotp } from './two-factor.service.js';

const CHALLENGE_MINUTES = 5;
// Shared with TOTP codes: one budget of failures per user for every second factor.
const CODE_RULE: ThrottleRule = { maxFailures: 5, windowMinutes: 15 };

/** Where this installation lives: the origin browsers report, and its host name as RP ID. */
export interface RelyingParty {
  origin: string;
  rpID: string;
  name: string;
  /** False when the host is an IP address: browsers accept only a domain name (or localhost) as RP ID. */
  canUseKeys: boolean;
}

export function relyingPartyFor(baseUrl: string): RelyingParty {
  const url = new URL(baseUrl);
  const isIpAddress = net.isIP(url.hostname.replace(/^\[|\]$/g, '')) !== 0;
  return { origin: url.origin, rpID: url.hostname, name: 'Meldpunt', canUseKeys: !isIpAddress };
}

export async function listCredentials(db: Db, userId: string) {
  return db
    .selectFrom('webauthn_credential')
    .select(['id', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

async function storeChallenge(
  db: Db,
  userId: string,
  purpose: 'register' | 'authenticate',
  challenge: string,
  now: Date,
) {
  await db.deleteFrom('webauthn_challenge').where('expires_at', '<', now).execute();
  await db
    .insertInto('webauthn_challenge')
    .values({
      challenge,
      user_id: userId,
      purpose,
      expires_at: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000),
    })
    .execute();
}

/** Takes (deletes) the challenge the browser signed, if it was issued to this user for this purpose and is fresh. */
async function takeChallenge(
  db: Db,
  userId: string,
  purpose: 'register' | 'authenticate',
  clientDataJSON: unknown,
  now: Date,
) {
  let challenge: unknown;
  try {
    challenge = JSON.parse(
      Buffer.from(String(clientDataJSON), 'base64url').toString('utf8'),
    ).challenge;
  } catch {
    return undefined;
  }
  if (typeof challenge !== 'string' || challenge.length === 0 || challenge.length > 200)
    return undefined;
  const row = await db
    .deleteFrom('webauthn_challenge')
    .where('challenge', '=', challenge)
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('expires_at', '>', now)
    .returning('challenge')
    .executeTakeFirst();
  return row?.challenge;
}

/** Options for enrolling a key; only for users who already have TOTP (the no-JavaScript fallback). */
export async function startRegistration(
  db: Db,
  rp: RelyingParty,
  userId: string,
  now = new Date(),
) {
  if (!(await hasConfirmedTotp(db, userId))) return undefined;
  const user = await db
    .selectFrom('app_user')
    .select(['email', 'display_name'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const existing = await db
    .selectFrom('webauthn_credential')
    .select('credential_id')
    .where('user_id', '=', userId)
    .execute();
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.rpID,
    userName: user.email,
    userDisplayName: user.display_name,
    userID: Buffer.from(userId),
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.credential_id })),
    authenticatorSelection: { residentKey: 'discouraged', userVerification: 'preferred' },
  });
  await storeChallenge(db, userId, 'register', options.challenge, now);
  return options;
}

export async function finishRegistration(
  db: Db,
  rp: RelyingParty,
  userId: string,
  response: RegistrationResponseJSON,
  now = new Date(),
): Promise<boolean> {
  const challenge = await takeChallenge(
    db,
    userId,
    'register',
    response?.response?.clientDataJSON,
    now,
  );
  if (!challenge) return false;
  const result = await verifyRegistrationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpID,
    requireUserVerification: false,
  }).catch(() => undefined);
  if (!result?.verified || !result.registrationInfo) return false;
  const { credential } = result.registrationInfo;
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('webauthn_credential')
      .values({
        user_id: userId,
        credential_id: credential.id,
        public_key: Buffer.from(credential.publicKey),
        counter: credential.counter,
      })
      .onConflict((oc) => oc.column('credential_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return false;
    await recordAudit(trx, {
      type: 'USER_WEBAUTHN_REGISTERED',
      actor: { kind: 'user', userId },
      detail: { credential: inserted.id },
    });
    return true;
  });
}

/** Removes one of the user's own keys (audited); false when the user has no key with this id. */
export async function deleteCredential(db: Db, userId: string, id: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom('webauthn_credential')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .returning('id')
      .executeTakeFirst();
    if (!deleted) return false;
    await recordAudit(trx, {
      type: 'USER_WEBAUTHN_REMOVED',
      actor: { kind: 'user', userId },
      detail: { credential: deleted.id },
    });
    return true;
  });
}

/** Options for signing in with one of the user's keys; undefined when the user has none. */
export async function startAuthentication(
  db: Db,
  rp: RelyingParty,
  userId: string,
  now = new Date(),
) {
  const creds = await db
    .selectFrom('webauthn_credential')
    .select('credential_id')
    .where('user_id', '=', userId)
    .execute();
  if (creds.length === 0) return undefined;
  const options = await generateAuthenticationOptions({
    rpID: rp.rpID,
    allowCredentials: creds.map((c) => ({ id: c.credential_id })),
    userVerification: 'preferred',
  });
  await storeChallenge(db, userId, 'authenticate', options.challenge, now);
  return options;
}

export type AssertionResult = { ok: true } | { ok: false; waitMinutes?: number };

/** Verifies an assertion: fresh single-use challenge, origin, RP ID, signature, and a rising counter. */
export async function finishAuthentication(
  db: Db,
  rp: RelyingParty,
  userId: string,
  response: AuthenticationResponseJSON,
  now = new Date(),
): Promise<AssertionResult> {
  const throttleKey = `totp:${userId}`;
  const wait = await takeAttempt(db, throttleKey, CODE_RULE, now); // counted before the check (finding 11)
  if (wait > 0) return { ok: false, waitMinutes: wait };
  const ok = await verifyAssertion(db, rp, userId, response, now);
  if (!ok) {
    await db.transaction().execute((trx) =>
      recordAudit(trx, {
        type: 'TWO_FACTOR_FAILED',
        actor: { kind: 'system' },
        detail: { userId, method: 'webauthn' },
      }),
    );
    return { ok: false };
  }
  await clearFailures(db, throttleKey);
  return { ok: true };
}

async function verifyAssertion(
  db: Db,
  rp: RelyingParty,
  userId: string,
  response: AuthenticationResponseJSON,
  now: Date,
): Promise<boolean> {
  const challenge = await takeChallenge(
    db,
    userId,
    'authenticate',
    response?.response?.clientDataJSON,
    now,
  );
  if (!challenge || typeof response.id !== 'string') return false;
  const stored = await db
    .selectFrom('webauthn_credential')
    .selectAll()
    .where('user_id', '=', userId)
    .where('credential_id', '=', response.id)
    .executeTakeFirst();
  if (!stored) return false;
  const counter = Number(stored.counter);
  const result = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpID,
    credential: { id: stored.credential_id, publicKey: new Uint8Array(stored.public_key), counter },
    requireUserVerification: false,
  }).catch(() => undefined);
  if (!result?.verified) return false;
  const { newCounter } = result.authenticationInfo;
  return db.transaction().execute(async (trx) => {
    // Compare-and-set on the counter: a cloned key or a concurrent replay is accepted at most once.
    const updated = await trx
      .updateTable('webauthn_credential')
      .set({ counter: newCounter, last_used_at: now })
      .where('id', '=', stored.id)
      .where('counter', '=', stored.counter)
      .returning('id')
      .executeTakeFirst();
    if (!updated) return false;
    await recordAudit(trx, {
      type: 'USER_WEBAUTHN_VERIFIED',
      actor: { kind: 'user', userId },
      detail: { credential: stored.id },
    });
    return true;
  });
}

import crypto from 'node:crypto';
import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { keyedHash, open, seal } from '../crypto/seal.js';
import { recordAudit } from '../audit/audit.service.js';
import { clearFailures, takeAttempt, type ThrottleRule } from '../http/throttle.js';
import { SECOND_FACTOR_ROLES, type Role } from '../../domain/roles.js';
import { matchTotp, newTotpSecret } from './totp.js';

const CODE_RULE: ThrottleRule = { maxFailures: 5, windowMinutes: 15 };
const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const RECOVERY_CODES = 10;
const totpAad = (userId: string) => `totp:${userId}`;

/** Two-factor sign-in is mandatory for case roles and administrators once an administrator enforces it. */
export async function isTwoFactorRequired(
  db: Db,
  roles: readonly Role[],
  /** issue 22: the account's institution; absent (the platform operator, the CLI) means any institution's switch. */
  institutionId?: string | null,
): Promise<boolean> {
  if (!roles.some((r) => SECOND_FACTOR_ROLES.includes(r))) return false;
  let q = db
    .selectFrom('institution')
    .select('require_two_factor')
    .where('require_two_factor', '=', true);
  if (institutionId) q = q.where('id', '=', institutionId);
  const row = await q.limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Switching the requirement on also ends the open sessions of everyone it now applies to who has
 * no second factor yet (not the administrator's own: their next sign-in asks for enrolment), so
 * no password-only session keeps working after the switch (decision 024).
 */
export async function setTwoFactorRequired(
  trx: Db,
  required: boolean,
  actorUserId: string,
  /** issue 22: the administrator's own institution; absent means every institution (the CLI). */
  institutionId?: string | null,
): Promise<void> {
  let update = trx.updateTable('institution').set({ require_two_factor: required });
  if (institutionId) update = update.where('id', '=', institutionId);
  await update.execute();
  let sessionsEnded = 0;
  if (required) {
    const ended = await trx
      .deleteFrom('session')
      .where('user_id', '!=', actorUserId)
      .where('user_id', 'in', (eb) => {
        const q = eb.selectFrom('app_user').select('id');
        return institutionId ? q.where('institution_id', '=', institutionId) : q;
      })
      .where('user_id', 'in', (eb) =>
        eb
          .selectFrom('team_membership')
          .select('user_id')
          .where('role', 'in', [...SECOND_FACTOR_ROLES]),
      )
      .where('user_id', 'not in', (eb) =>
        eb.selectFrom('user_totp').select('user_id').where('confirmed_at', 'is not', null),
      )
      .executeTakeFirst();
    sessionsEnded = Number(ended.numDeletedRows);
  }
  await recordAudit(trx, {
    type: 'TWO_FACTOR_REQUIREMENT_CHANGED',
    actor: { kind: 'user', userId: actorUserId },
    detail: { required, sessionsEnded },
  });
}

export async function hasConfirmedTotp(db: Db, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('user_totp')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('confirmed_at', 'is not', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** The secret being enrolled (created on first call, kept until confirmed); undefined once confirmed. */
export async function getEnrolmentSecret(
  db: Db,
  keyring: Keyring,
  userId: string,
): Promise<Buffer | undefined> {
  const row = await db
    .selectFrom('user_totp')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (row?.confirmed_at) return undefined;
  if (row) return open(keyring.masterKey(row.master_key_id), row.secret, totpAad(userId));
  const secret = newTotpSecret();
  const masterKeyId = keyring.currentMasterKeyId;
  await db
    .insertInto('user_totp')
    .values({
      user_id: userId,
      master_key_id: masterKeyId,
      secret: seal(keyring.masterKey(masterKeyId), secret, totpAad(userId)),
    })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
  return getEnrolmentSecret(db, keyring, userId);
}

/** Confirms enrolment with a first code; returns the one-time recovery codes, or undefined. */
export async function confirmEnrolment(
  db: Db,
  keyring: Keyring,
  userId: string,
  code: string,
  now = new Date(),
): Promise<string[] | undefined> {
  const secret = await getEnrolmentSecret(db, keyring, userId);
  const step = secret && matchTotp(secret, code.trim(), now, 0);
  if (!step) return undefined;
  const codes = Array.from({ length: RECOVERY_CODES }, () => newRecoveryCode());
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('user_totp')
      .set({ confirmed_at: now, last_step: step })
      .where('user_id', '=', userId)
      .execute();
    await trx.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
    await trx
      .insertInto('recovery_code')
      .values(codes.map((c) => ({ user_id: userId, code_hash: recoveryHash(keyring, c) })))
      .execute();
    await recordAudit(trx, { type: 'TWO_FACTOR_ENROLLED', actor: { kind: 'user', userId } });
  });
  return codes;
}

export type SecondFactorResult = { ok: true } | { ok: false; waitMinutes?: number };

/** Checks a TOTP code (each accepted once) or an unused recovery code; throttled per user. */
export async function verifySecondFactor(
  db: Db,
  keyring: Keyring,
  userId: string,
  input: string,
  now = new Date(),
): Promise<SecondFactorResult> {
  const throttleKey = `totp:${userId}`;
  const wait = await takeAttempt(db, throttleKey, CODE_RULE, now); // counted before the check (finding 11)
  if (wait > 0) return { ok: false, waitMinutes: wait };
  const code = input.trim().toUpperCase().replace(/[\s-]/g, '');
  const ok = /^\d{6}$/.test(code)
    ? await useTotp(db, keyring, userId, code, now)
    : await useRecoveryCode(db, keyring, userId, code, now);
  if (!ok) {
    await db.transaction().execute((trx) =>
      recordAudit(trx, {
        type: 'TWO_FACTOR_FAILED',
        actor: { kind: 'system' },
        detail: { userId },
      }),
    );
    return { ok: false };
  }
  await clearFailures(db, throttleKey);
  return { ok: true };
}

async function useTotp(
  db: Db,
  keyring: Keyring,
  userId: string,
  code: string,
  now: Date,
): Promise<boolean> {
  const row = await db
    .selectFrom('user_totp')
    .selectAll()
    .where('user_id', '=', userId)
    .where('confirmed_at', 'is not', null)
    .executeTakeFirst();
  if (!row) return false;
  const step = matchTotp(
    open(keyring.masterKey(row.master_key_id), row.secret, totpAad(userId)),
    code,
    now,
    row.last_step,
  );
  if (!step) return false;
  // Compare-and-set on last_step: a code replayed concurrently is accepted only once.
  const updated = await db
    .updateTable('user_totp')
    .set({ last_step: step })
    .where('user_id', '=', userId)
    .where('last_step', '<', step)
    .returning('user_id')
    .executeTakeFirst();
  return updated !== undefined;
}

async function useRecoveryCode(
  db: Db,
  keyring: Keyring,
  userId: string,
  code: string,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('recovery_code')
      .set({ used_at: now })
      .where('user_id', '=', userId)
      .where('code_hash', '=', recoveryHash(keyring, code))
      .where('used_at', 'is', null)
      .returning('user_id')
      .executeTakeFirst();
    if (used)
      await recordAudit(trx, { type: 'RECOVERY_CODE_USED', actor: { kind: 'user', userId } });
    return used !== undefined;
  });
}

function newRecoveryCode(): string {
  const bytes = crypto.randomBytes(10);
  return Array.from(bytes, (b) => RECOVERY_ALPHABET[b & 31]).join('');
}

function recoveryHash(keyring: Keyring, code: string): Buffer {
  return keyedHash(keyring, 'recovery-code', code.toUpperCase().replace(/[\s-]/g, ''));
}

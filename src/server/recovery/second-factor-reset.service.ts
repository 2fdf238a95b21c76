import type { Db } from '../db/create-db.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';

/**
 * An administrator's (or the operator's) reset of a user's second factor, for a user who lost
 * their authenticator app, recovery codes and keys (docs/decisions/018-account-recovery.md).
 * Removes the TOTP secret, the recovery codes and every WebAuthn key, ends every session, and
 * audits who did it. At the next sign-in the user enrols again when two-factor is required.
 * Nobody resets their own second factor this way: that would let a stolen administrator
 * password remove the administrator's own second factor.
 */
export interface SecondFactorReset {
  totp: boolean;
  recoveryCodes: number;
  keys: number;
  sessions: number;
}

export interface ResetAccount {
  id: string;
  email: string;
  locale: 'nl' | 'en';
}

/** Resets the second factor of an account (NOT_FOUND when there is none); returns the account and what was removed. */
export async function resetSecondFactor(
  trx: Db,
  userId: string,
  actor: AuditActor,
  teamId?: string,
): Promise<{ user: ResetAccount; removed: SecondFactorReset }> {
  if (actor.kind === 'user' && actor.userId === userId) throw new AppError('FORBIDDEN');
  const user = await trx
    .selectFrom('app_user')
    .select(['id', 'email', 'locale'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) throw new AppError('NOT_FOUND');
  const totp = await trx
    .deleteFrom('user_totp')
    .where('user_id', '=', userId)
    .returning('user_id')
    .execute();
  const codes = await trx
    .deleteFrom('recovery_code')
    .where('user_id', '=', userId)
    .returning('used_at')
    .execute();
  const keys = await trx
    .deleteFrom('webauthn_credential')
    .where('user_id', '=', userId)
    .returning('id')
    .execute();
  await trx.deleteFrom('webauthn_challenge').where('user_id', '=', userId).execute();
  const sessions = await trx
    .deleteFrom('session')
    .where('user_id', '=', userId)
    .returning('id')
    .execute();
  const removed = {
    totp: totp.length > 0,
    recoveryCodes: codes.filter((c) => c.used_at === null).length,
    keys: keys.length,
    sessions: sessions.length,
  };
  await recordAudit(trx, {
    type: 'TWO_FACTOR_RESET',
    actor,
    teamId: teamId ?? null,
    detail: { userId, ...removed },
  });
  return { user, removed };
}

/** What an administrator sees of a user's second factor: whether the app is set up, and how many keys. */
export async function describeSecondFactor(
  db: Db,
  userId: string,
): Promise<{ totp: boolean; keys: number }> {
  const [totp, keys] = await Promise.all([
    db
      .selectFrom('user_totp')
      .select('user_id')
      .where('user_id', '=', userId)
      .where('confirmed_at', 'is not', null)
      .executeTakeFirst(),
    db
      .selectFrom('webauthn_credential')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow(),
  ]);
  return { totp: totp !== undefined, keys: Number(keys.n) };
}

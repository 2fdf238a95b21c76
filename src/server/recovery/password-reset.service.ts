import crypto from 'node:crypto';
import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { recordAudit } from '../audit/audit.service.js';
import { keyedHash } from '../crypto/seal.js';
import { loginThrottleKey } from '../auth/login-throttle.js';
import { clearFailures, takeAttempt, type ThrottleRule } from '../http/throttle.js';
import { findUserByEmail, hashPassword } from '../users/users.service.js';

/**
 * A forgotten password, self-service by e-mail (docs/decisions/018-account-recovery.md): a
 * single-use link valid one hour, of which only the SHA-256 is stored, for an active account
 * that has a password (accounts made by single sign-on have none and get no link). Using it
 * sets the password, ends every session of the account and leaves the second factor alone.
 */
export const RESET_LINK_MINUTES = 60;
/** Requests per address, as sign-in's failures per address; and per browser (its CSRF cookie). */
export const ADDRESS_RULE: ThrottleRule = { maxFailures: 5, windowMinutes: 15 };
export const BROWSER_RULE: ThrottleRule = { maxFailures: 10, windowMinutes: 15 };

const digest = (token: string) => crypto.createHash('sha256').update(token).digest();
const keyed = (keyring: Keyring, label: string, value: string) =>
  keyedHash(keyring, label, value).toString('base64url').slice(0, 22);

/** Throttle keys: keyed hashes of the address asked for and of the browser's random cookie — never an IP address. */
export function resetThrottleKeys(keyring: Keyring, email: string, browserSeed: string): string[] {
  return [
    `password-reset:address:${keyed(keyring, 'password-reset', email.trim().toLowerCase())}`,
    `password-reset:browser:${keyed(keyring, 'password-reset-browser', browserSeed)}`,
  ];
}

/**
 * Counts one request against both limits, whether or not the account exists (so the limit
 * reveals nothing either). Returns the minutes to wait when a limit is reached (the refused request is counted too).
 */
export async function admitResetRequest(
  db: Db,
  keys: string[],
  now = new Date(),
  browserLimit = BROWSER_RULE.maxFailures,
): Promise<number> {
  const [addressKey, browserKey] = keys as [string, string];
  // Each counter is taken and checked in one statement, so parallel requests cannot pass together.
  const browserWait = await takeAttempt(
    db,
    browserKey,
    { ...BROWSER_RULE, maxFailures: browserLimit },
    now,
  );
  if (browserWait > 0) return browserWait;
  return takeAttempt(db, addressKey, ADDRESS_RULE, now);
}

export interface IssuedReset {
  token: string;
  userId: string;
  email: string;
  locale: 'nl' | 'en';
}

/**
 * A new link for the address, or undefined when there is no active account with a password.
 * A new link replaces the account's earlier ones; expired links of anyone are cleared.
 */
export async function issuePasswordReset(
  db: Db,
  email: string,
  now = new Date(),
): Promise<IssuedReset | undefined> {
  const user = await findUserByEmail(db, email);
  if (!user) return undefined;
  const eligible = user.is_active && user.password_hash !== null;
  return db.transaction().execute(async (trx) => {
    await recordAudit(trx, {
      type: 'PASSWORD_RESET_REQUESTED',
      actor: { kind: 'system' },
      detail: { userId: user.id, linkSent: eligible },
    });
    if (!eligible) return undefined;
    await trx
      .deleteFrom('password_reset_token')
      .where((eb) => eb.or([eb('user_id', '=', user.id), eb('expires_at', '<', now)]))
      .execute();
    const token = crypto.randomBytes(32).toString('base64url');
    await trx
      .insertInto('password_reset_token')
      .values({
        token_hash: digest(token),
        user_id: user.id,
        created_at: now,
        expires_at: new Date(now.getTime() + RESET_LINK_MINUTES * 60_000),
      })
      .execute();
    return { token, userId: user.id, email: user.email, locale: user.locale };
  });
}

/** The account a link is for, while the link is unused, unexpired and the account still eligible. */
export async function findPasswordReset(
  db: Db,
  token: string,
  now = new Date(),
): Promise<
  | { userId: string; email: string; institutionId: string | null; platformOperator: boolean }
  | undefined
> {
  const row = await db
    .selectFrom('password_reset_token as r')
    .innerJoin('app_user as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.email', 'u.institution_id', 'u.platform_operator'])
    .where('r.token_hash', '=', digest(token))
    .where('r.used_at', 'is', null)
    .where('r.expires_at', '>', now)
    .where('u.is_active', '=', true)
    .where('u.password_hash', 'is not', null)
    .executeTakeFirst();
  return (
    row && {
      userId: row.id,
      email: row.email,
      institutionId: row.institution_id,
      platformOperator: row.platform_operator,
    }
  );
}

/**
 * Sets the new password through a link, once: the link is used up (compare-and-set, so two
 * concurrent uses cannot both succeed), every session of the account ends, the sign-in
 * throttle of the address is cleared. The second factor stays. Undefined when the link is not valid.
 */
export async function resetPassword(
  db: Db,
  keyring: Keyring,
  token: string,
  password: string,
  now = new Date(),
) {
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('password_reset_token')
      .set({ used_at: now })
      .where('token_hash', '=', digest(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('user_id')
      .executeTakeFirst();
    if (!used) return undefined;
    const user = await trx
      .updateTable('app_user')
      .set({ password_hash: passwordHash })
      .where('id', '=', used.user_id)
      .where('is_active', '=', true)
      .where('password_hash', 'is not', null)
      .returning(['id', 'email', 'locale'])
      .executeTakeFirst();
    if (!user) return undefined;
    await trx
      .deleteFrom('password_reset_token')
      .where('user_id', '=', user.id)
      .where('used_at', 'is', null)
      .execute();
    const sessions = await trx
      .deleteFrom('session')
      .where('user_id', '=', user.id)
      .returning('id')
      .execute();
    await clearFailures(trx, loginThrottleKey(keyring, user.email));
    await recordAudit(trx, {
      type: 'USER_PASSWORD_RESET',
      actor: { kind: 'user', userId: user.id },
      detail: { sessionsEnded: sessions.length },
    });
    return { userId: user.id, email: user.email, locale: user.locale };
  });
}

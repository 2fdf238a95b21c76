import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { keyedHash } from '../crypto/seal.js';

/**
 * The password sign-in slows down instead of locking (decision 024). Attempts per address are
 * counted in the shared throttle table under a keyed hash of the address (never the address
 * itself). The first FREE_ATTEMPTS in a quarter of an hour go at once; after that each next
 * attempt waits 1, 2, 4 … up to MAX_DELAY_SECONDS after the previous one. Someone who types a
 * colleague's address therefore delays them by at most a minute, never locks them out, while
 * guessing stays at about one password a minute. Reserve-then-check in one statement, so that
 * parallel attempts cannot pass together; a successful sign-in clears the count.
 */
const FREE_ATTEMPTS = 5;
const MAX_DELAY_SECONDS = 60;
const FORGET_MINUTES = 15;

/** Pure: seconds an address waits after `attempts` attempts since the last success. */
export function loginDelaySeconds(attempts: number): number {
  return attempts < FREE_ATTEMPTS
    ? 0
    : Math.min(MAX_DELAY_SECONDS, 2 ** (attempts - FREE_ATTEMPTS));
}

/** The sign-in throttle's key for an address (a password reset clears it). */
export function loginThrottleKey(keyring: Keyring, email: string): string {
  return `login:${keyedHash(keyring, 'login-throttle', email.trim().toLowerCase()).toString('base64url').slice(0, 22)}`;
}

/** Counts an attempt and returns 0, or returns the seconds to wait (the attempt is then not made). */
export async function reserveLoginAttempt(db: Db, key: string, now = new Date()): Promise<number> {
  const stale = new Date(now.getTime() - FORGET_MINUTES * 60_000);
  const delay = sql`make_interval(secs => least(${MAX_DELAY_SECONDS}, power(2, throttle.failures - ${FREE_ATTEMPTS})))`;
  const reserved = await db
    .insertInto('throttle')
    .values({ key, failures: 1, window_started_at: now })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({
          failures: sql`CASE WHEN throttle.window_started_at < ${stale} THEN 1 ELSE throttle.failures + 1 END`,
          window_started_at: now,
        })
        .where(
          sql<boolean>`throttle.window_started_at < ${stale} OR throttle.failures < ${FREE_ATTEMPTS} OR throttle.window_started_at <= ${now}::timestamptz - ${delay}`,
        ),
    )
    .returning('failures')
    .executeTakeFirst();
  if (reserved) return 0;
  const row = await db
    .selectFrom('throttle')
    .select(['failures', 'window_started_at'])
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) return 0;
  const until = row.window_started_at.getTime() + loginDelaySeconds(row.failures) * 1000;
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
}

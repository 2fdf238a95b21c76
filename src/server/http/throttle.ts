import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';

/**
 * Failure counting in the database, so that every server process sees the same count.
 * Keys name what is guessed (an account, the receipt sign-in), never an IP address.
 */
export interface ThrottleRule {
  maxFailures: number;
  windowMinutes: number;
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('throttle').where('key', '=', key).execute();
}

/**
 * Counts one attempt and checks the limit in ONE statement (an upsert that holds the row lock),
 * so parallel requests cannot all pass a check made before any of them was recorded (issue 15,
 * finding 11). Returns the minutes to wait when this attempt is over the limit (it is refused),
 * 0 when it may go ahead. A caller whose attempt succeeded may clearFailures() afterwards.
 */
export async function takeAttempt(
  db: Db,
  key: string,
  rule: ThrottleRule,
  now = new Date(),
): Promise<number> {
  const windowStart = new Date(now.getTime() - rule.windowMinutes * 60_000);
  const row = await db
    .insertInto('throttle')
    .values({ key, failures: 1, window_started_at: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql`CASE WHEN throttle.window_started_at < ${windowStart} THEN 1 ELSE throttle.failures + 1 END`,
        window_started_at: sql`CASE WHEN throttle.window_started_at < ${windowStart} THEN ${now} ELSE throttle.window_started_at END`,
      }),
    )
    .returning(['failures', 'window_started_at'])
    .executeTakeFirstOrThrow();
  if (row.failures <= rule.maxFailures) return 0;
  const until = row.window_started_at.getTime() + rule.windowMinutes * 60_000;
  return Math.max(1, Math.ceil((until - now.getTime()) / 60_000));
}

import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import { AppError } from './errors.js';

/**
 * A global, database-backed budget for anonymous actions (submissions, receipt sign-in).
 * Anonymous requests carry nothing to throttle per person (no IP addresses are kept), and a
 * proof-of-work puzzle needs JavaScript, which Tor Browser's safest setting switches off. So
 * the cost is time, shared by everyone: at most `perWindow` actions per window across all
 * server processes. A flood is capped at that rate (and shows up as THROTTLED answers) while
 * a real reporter, who needs one or two attempts, normally never notices it.
 * Submissions: MELDPUNT_INTAKE_PER_MINUTE (default 20 a minute, over 28,000 a day).
 */
export interface RateBudget {
  perWindow: number;
  windowSeconds: number;
}

export function intakeBudget(perMinute: number): RateBudget {
  return { perWindow: perMinute, windowSeconds: 60 };
}
export const RECEIPT_SIGN_IN_BUDGET: RateBudget = { perWindow: 30, windowSeconds: 60 };

/** The throttle-table key of the window that `now` falls in. */
export function budgetKey(bucket: string, budget: RateBudget, now: Date): string {
  return `rate:${bucket}:${Math.floor(now.getTime() / 1000 / budget.windowSeconds)}`;
}

/** Spends one unit of the bucket's budget, or throws THROTTLED when this window's is used up. */
export async function consumeRateBudget(db: Db, bucket: string, budget: RateBudget, now = new Date()): Promise<void> {
  const key = budgetKey(bucket, budget, now);
  const row = await db
    .insertInto('throttle')
    .values({ key, failures: 1, window_started_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ failures: sql`throttle.failures + 1` }))
    .returning('failures')
    .executeTakeFirstOrThrow();
  if (row.failures === 1) {
    // First use of a new window: forget windows older than a day.
    await db.deleteFrom('throttle').where('key', 'like', `rate:${bucket}:%`).where('window_started_at', '<', new Date(now.getTime() - 86400_000)).execute();
  }
  if (row.failures > budget.perWindow) throw new AppError('THROTTLED');
}

import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { recordAudit } from '../audit/audit.service.js';
import { clearFailures, takeAttempt, type ThrottleRule } from '../http/throttle.js';
import { normaliseReceipt, receiptHash } from '../intake/receipt.js';

export const MAILBOX_COOKIE = 'mp_mailbox';

/**
 * Anonymous sign-in with the receipt code. Guessing is throttled per browser (the random CSRF
 * cookie), without IP addresses; each attempt is counted before the code is checked. There is
 * no installation-wide counter any more (decision 025): it let anyone lock every reporter out,
 * while the code's 80 bits keep guessing from fresh browsers hopeless. Proof of work, when the
 * operator requires it, is checked by the route before this is called.
 */
export const BROWSER_RULE: ThrottleRule = { maxFailures: 5, windowMinutes: 15 };
/**
 * A mailbox session ends after 15 minutes without a request (someone else may pick up the phone
 * or laptop), and an hour after sign-in whatever happens; the quick exit and sign-out end it at once.
 */
export const IDLE_MINUTES = 15;
export const ABSOLUTE_MINUTES = 60;

const digest = (token: string) => crypto.createHash('sha256').update(token).digest();

export function browserThrottleKey(keyring: Keyring, browserSeed: string): string {
  return `receipt:browser:${crypto.createHmac('sha256', keyring.indexKey).update(`throttle\0${browserSeed}`).digest('base64url').slice(0, 22)}`;
}

export type ReceiptSignIn = { ok: true; token: string } | { ok: false; waitMinutes?: number };

export async function signInWithReceipt(
  db: Db,
  keyring: Keyring,
  receipt: string,
  browserKey: string,
  now = new Date(),
  maxFailures = BROWSER_RULE.maxFailures,
): Promise<ReceiptSignIn> {
  const wait = await takeAttempt(db, browserKey, { ...BROWSER_RULE, maxFailures }, now); // counted before the check (finding 11)
  if (wait > 0) return { ok: false, waitMinutes: wait };
  const normalised = normaliseReceipt(receipt);
  const row = /^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/.test(normalised)
    ? await db
        .selectFrom('case')
        .select(['id', 'team_id'])
        .where('receipt_hash', '=', receiptHash(keyring, normalised))
        .executeTakeFirst()
    : undefined;
  if (!row) {
    await db
      .transaction()
      .execute((trx) =>
        recordAudit(trx, { type: 'REPORTER_SIGN_IN_FAILED', actor: { kind: 'reporter' } }),
      );
    return { ok: false };
  }
  await clearFailures(db, browserKey);
  const token = crypto.randomBytes(32).toString('base64url');
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('reporter_session')
      .values({
        id_hash: digest(token),
        case_id: row.id,
        created_at: now,
        expires_at: new Date(now.getTime() + IDLE_MINUTES * 60_000),
      })
      .execute();
    await recordAudit(trx, {
      type: 'REPORTER_SIGNED_IN',
      actor: { kind: 'reporter' },
      teamId: row.team_id,
      caseId: row.id,
    });
  });
  return { ok: true, token };
}

/**
 * The case behind a mailbox session, or undefined when signed out or expired. Each request
 * moves the idle deadline on, never past the absolute one.
 */
export async function findReporterCaseId(
  db: Db,
  token: string | undefined,
  now = new Date(),
): Promise<string | undefined> {
  if (!token) return undefined;
  const idleUntil = new Date(now.getTime() + IDLE_MINUTES * 60_000);
  const row = await db
    .updateTable('reporter_session')
    .set({
      expires_at: sql<Date>`least(${idleUntil}::timestamptz, created_at + make_interval(mins => ${ABSOLUTE_MINUTES}))`,
    })
    .where('id_hash', '=', digest(token))
    .where('expires_at', '>', now)
    .returning('case_id')
    .executeTakeFirst();
  return row?.case_id;
}

export async function signOutReporter(db: Db, token: string): Promise<void> {
  await db.deleteFrom('reporter_session').where('id_hash', '=', digest(token)).execute();
}

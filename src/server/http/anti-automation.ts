import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { keyedHash } from '../crypto/seal.js';
import { takeAttempt } from './throttle.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';

/**
 * The budgets of decision 025: every one is per browser session (a keyed hash of the random
 * CSRF cookie), per mailbox or per token, never per installation, so that nobody can spend a
 * genuine reporter's budget. The operator's switch lives on the institution row.
 */
export type IntakeMode = 'open' | 'proof_required' | 'closed';
export interface IntakeGuard {
  mode: IntakeMode;
  proofCost: number;
  contactText: string | null;
}

export async function readIntakeGuard(
  db: Db,
  defaultCost: number,
  /** issue 22: the request's institution; absent means the first (single mode, the CLI). */
  institutionId?: string,
): Promise<IntakeGuard> {
  let q = db
    .selectFrom('institution')
    .select(['intake_mode', 'proof_cost', 'contact_text'])
    .orderBy('created_at');
  if (institutionId) q = q.where('id', '=', institutionId);
  const row = await q.executeTakeFirst();
  return {
    mode: row?.intake_mode ?? 'open',
    proofCost: row?.proof_cost ?? defaultCost,
    contactText: row?.contact_text ?? null,
  };
}

/**
 * The operator's switch: open, proof of work required, or intake closed; optionally a higher
 * proof cost and the contact line (phone numbers) the closed page shows. Audited.
 */
export async function setIntakeGuard(
  db: Db,
  change: { mode: IntakeMode; proofCost?: number | null; contactText?: string | null },
  actor: AuditActor,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const values = {
      intake_mode: change.mode,
      ...(change.proofCost !== undefined ? { proof_cost: change.proofCost } : {}),
      ...(change.contactText !== undefined ? { contact_text: change.contactText } : {}),
    };
    await trx.updateTable('institution').set(values).execute();
    await recordAudit(trx, {
      type: 'INTAKE_GUARD_CHANGED',
      actor,
      detail: {
        mode: change.mode,
        proofCost: change.proofCost ?? null,
        contactChanged: change.contactText !== undefined,
      },
    });
  });
}

/** The throttle key of a budget for one browser session (or another holder: a case, a token). */
export function budgetKey(keyring: Keyring, budget: string, holder: string): string {
  return `budget:${budget}:${keyedHash(keyring, 'budget', `${budget}\0${holder}`).toString('base64url').slice(0, 22)}`;
}

/** Spends one unit of an hourly budget; true when it was still there. Atomic (takeAttempt). */
export async function spendHourly(
  db: Db,
  key: string,
  perHour: number,
  now = new Date(),
): Promise<boolean> {
  return (await takeAttempt(db, key, { maxFailures: perHour, windowMinutes: 60 }, now)) === 0;
}

import type { Db } from '../db/create-db.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import type { IntakeMode } from '../http/anti-automation.js';

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

import type { Db } from '../db/create-db.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import type { IntakeMode } from '../http/anti-automation.js';

/**
 * The operator's switch: open, proof of work required, or intake closed; optionally a higher
 * proof cost and the contact line (phone numbers) the closed page shows. Audited. With an
 * institution only that institution's reporting point (decision 039); without one every
 * institution of the installation (single mode's one site, or a platform-wide attack).
 */
export async function setIntakeGuard(
  db: Db,
  change: { mode: IntakeMode; proofCost?: number | null; contactText?: string | null },
  actor: AuditActor,
  institutionId?: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const values = {
      intake_mode: change.mode,
      ...(change.proofCost !== undefined ? { proof_cost: change.proofCost } : {}),
      ...(change.contactText !== undefined ? { contact_text: change.contactText } : {}),
    };
    let update = trx.updateTable('institution').set(values);
    if (institutionId) update = update.where('id', '=', institutionId);
    const { numUpdatedRows } = await update.executeTakeFirstOrThrow();
    if (institutionId && Number(numUpdatedRows) !== 1) throw new Error('no such institution');
    await recordAudit(trx, {
      type: 'INTAKE_GUARD_CHANGED',
      actor,
      detail: {
        mode: change.mode,
        proofCost: change.proofCost ?? null,
        contactChanged: change.contactText !== undefined,
        institutionId: institutionId ?? null,
      },
    });
  });
}

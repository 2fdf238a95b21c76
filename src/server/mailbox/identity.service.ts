import type { Db } from '../db/create-db.js';
import { recordAudit } from '../audit/audit.service.js';
import type { SealedCase } from '../crypto/case-key.js';

/**
 * An anonymous reporter may disclose who they are; this cannot be undone from the mailbox.
 * The identity is stored apart and sealed, as the intake stores a named reporter's.
 */
export async function discloseIdentity(
  db: Db,
  sealer: SealedCase,
  identity: { name: string; contact: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('case_party')
      .values({
        case_id: sealer.id,
        party: 'reporter',
        identity: sealer.seal(JSON.stringify(identity), 'party:reporter'),
      })
      .onConflict((oc) => oc.columns(['case_id', 'party']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return false;
    await recordAudit(trx, {
      type: 'REPORTER_IDENTITY_DISCLOSED',
      actor: { kind: 'reporter' },
      teamId: sealer.teamId,
      caseId: sealer.id,
    });
    return true;
  });
}

export async function hasDisclosedIdentity(db: Db, caseId: string): Promise<boolean> {
  return (
    (await db
      .selectFrom('case_party')
      .select('id')
      .where('case_id', '=', caseId)
      .where('party', '=', 'reporter')
      .executeTakeFirst()) !== undefined
  );
}

import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { recordAudit } from '../audit/audit.service.js';
import { blindIndex, blindIndexKeyId } from './blind-index.js';
import { identifierField, saveReporterFingerprint } from './identifiers.service.js';
import { loadCaseContext } from '../cases/case-context.js';

/**
 * Re-computes every blind-index entry and reporter fingerprint not made with the keyring's
 * current blind-index key, from the sealed values (so the old key is not needed). One
 * transaction per case, so it can run while servers work and be repeated after a crash.
 */
export async function recomputeBlindIndex(
  db: Db,
  keyring: Keyring,
): Promise<{ identifiers: number; reporters: number }> {
  const keyId = blindIndexKeyId(keyring.blindIndexKey);
  const stale = await db
    .selectFrom('accused_identifier')
    .select('case_id')
    .where('key_id', '!=', keyId)
    .union(db.selectFrom('reporter_fingerprint').select('case_id').where('key_id', '!=', keyId))
    .execute();
  let identifiers = 0;
  let reporters = 0;
  for (const { case_id } of stale) {
    await db.transaction().execute(async (trx) => {
      const sealer = await loadCaseContext(trx, keyring, case_id, { kind: 'system' });
      const rows = await trx
        .selectFrom('accused_identifier')
        .select(['id', 'identity'])
        .where('case_id', '=', case_id)
        .where('key_id', '!=', keyId)
        .forUpdate()
        .execute();
      for (const r of rows) {
        const { normalised } = JSON.parse(sealer.openText(r.identity, identifierField(r.id))) as {
          normalised: string;
        };
        await trx
          .updateTable('accused_identifier')
          .set({ blind_index: blindIndex(keyring.blindIndexKey, normalised), key_id: keyId })
          .where('id', '=', r.id)
          .execute();
        identifiers++;
      }
      const fp = await trx
        .selectFrom('reporter_fingerprint')
        .select('key_id')
        .where('case_id', '=', case_id)
        .executeTakeFirst();
      if (fp && fp.key_id !== keyId) {
        await saveReporterFingerprint(trx, keyring, case_id, sealer);
        reporters++;
      }
    });
  }
  await db.transaction().execute((trx) =>
    recordAudit(trx, {
      type: 'BLIND_INDEX_ROTATED',
      actor: { kind: 'cli' },
      detail: { keyId, identifiers, reporters },
    }),
  );
  return { identifiers, reporters };
}

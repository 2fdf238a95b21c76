import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { caseKeyAad, open, seal, unwrapDataKey } from '../crypto/seal.js';
import { recordAudit } from '../audit/audit.service.js';

const BATCH = 200;

/** Writes a new master key file next to the existing ones; it becomes the current key on the next load. */
export function createMasterKeyFile(dataDir: string): void {
  const dir = path.join(dataDir, 'keys');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const name = `master-${new Date().toISOString().replace(/[:.]/g, '')}-${crypto.randomBytes(3).toString('hex')}.key`;
  fs.writeFileSync(path.join(dir, name), crypto.randomBytes(32).toString('base64') + '\n', {
    mode: 0o600,
    flag: 'wx',
  });
}

/**
 * Re-wraps every per-case data key (and every TOTP secret) under the keyring's current master
 * key, in small batches with row locks, so that servers keep working throughout. Content
 * itself is not re-encrypted: only the wrapping changes. Repeats until no row uses an old key.
 */
export async function rewrapAll(
  db: Db,
  keyring: Keyring,
): Promise<{ caseKeys: number; totpSecrets: number }> {
  const target = keyring.currentMasterKeyId;
  const master = keyring.masterKey(target);
  let caseKeys = 0;
  let totpSecrets = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('case_key')
        .selectAll()
        .where('master_key_id', '<>', target)
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const r of rows) {
        const dataKey = unwrapDataKey(keyring, r.case_id, r.master_key_id, r.wrapped_key);
        await trx
          .updateTable('case_key')
          .set({
            master_key_id: target,
            wrapped_key: seal(master, dataKey, caseKeyAad(r.case_id)),
          })
          .where('case_id', '=', r.case_id)
          .execute();
      }
      return rows.length;
    });
    caseKeys += n;
    if (n === 0) break;
  }
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('user_totp')
        .selectAll()
        .where('master_key_id', '<>', target)
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const r of rows) {
        const secret = open(keyring.masterKey(r.master_key_id), r.secret, `totp:${r.user_id}`);
        await trx
          .updateTable('user_totp')
          .set({ master_key_id: target, secret: seal(master, secret, `totp:${r.user_id}`) })
          .where('user_id', '=', r.user_id)
          .execute();
      }
      return rows.length;
    });
    totpSecrets += n;
    if (n === 0) break;
  }
  await db.transaction().execute((trx) =>
    recordAudit(trx, {
      type: 'MASTER_KEY_ROTATED',
      actor: { kind: 'cli' },
      detail: { masterKeyId: target, caseKeys, totpSecrets },
    }),
  );
  return { caseKeys, totpSecrets };
}

/** How many wrapped keys each master key holds (an old key may be removed once it holds none). */
export async function countByMasterKey(db: Db) {
  const cases = await db
    .selectFrom('case_key')
    .select(['master_key_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('master_key_id')
    .execute();
  const totp = await db
    .selectFrom('user_totp')
    .select(['master_key_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('master_key_id')
    .execute();
  const out = new Map<string, number>();
  for (const r of [...cases, ...totp])
    out.set(r.master_key_id, (out.get(r.master_key_id) ?? 0) + Number(r.n));
  return out;
}

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { sql } from 'kysely';
import {
  INSTITUTION_KEY_PREFIX,
  open,
  openInstitutionKey,
  seal,
  unwrapDataKey,
  wrapDataKey,
  wrapInstitutionKey,
} from '../crypto/seal.js';
import { ensureInstitutionKeys, institutionKey } from './institution-keys.js';
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
 * Re-wraps everything a platform master key wraps under the keyring's current master key, in
 * small batches with row locks, so that servers keep working throughout (decisions 014, 037):
 * - the institutions' keys (one row each) under the current platform key;
 * - case data keys still wrapped by a platform key (cases from before decision 037) under their
 *   case's institution key — keys already wrapped by their institution's key stay as they are;
 * - the ombudsperson's records and MDO minutes still sealed by a platform key, re-sealed by
 *   their institution's key;
 * - two-factor secrets (accounts are the platform's) under the current platform key.
 * Case content itself is not re-encrypted: only the wrapping changes. Repeats until no row uses
 * an old platform key.
 */
export async function rewrapAll(
  db: Db,
  keyring: Keyring,
): Promise<{ institutionKeys: number; caseKeys: number; records: number; totpSecrets: number }> {
  const target = keyring.currentMasterKeyId;
  const master = keyring.masterKey(target);
  let institutionKeys = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('institution_key')
        .selectAll()
        .where('master_key_id', '<>', target)
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const r of rows) {
        const ik = openInstitutionKey(keyring, {
          institutionId: r.institution_id,
          keyId: r.key_id,
          masterKeyId: r.master_key_id,
          wrappedKey: r.wrapped_key,
        });
        const wrapped = wrapInstitutionKey(keyring, ik);
        await trx
          .updateTable('institution_key')
          .set({ master_key_id: wrapped.masterKeyId, wrapped_key: wrapped.wrappedKey })
          .where('institution_id', '=', r.institution_id)
          .execute();
      }
      return rows.length;
    });
    institutionKeys += n;
    if (n === 0) break;
  }
  await ensureInstitutionKeys(db, keyring);
  let caseKeys = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('case_key')
        .innerJoin('case', 'case.id', 'case_key.case_id')
        .select([
          'case_key.case_id',
          'case_key.master_key_id',
          'case_key.wrapped_key',
          'case.institution_id',
        ])
        .where('case_key.master_key_id', 'not like', `${INSTITUTION_KEY_PREFIX}%`)
        .limit(BATCH)
        .forUpdate('case_key')
        .skipLocked()
        .execute();
      for (const r of rows) {
        const dataKey = unwrapDataKey(keyring, r.case_id, r.master_key_id, r.wrapped_key);
        const ik = await institutionKey(trx, keyring, r.institution_id);
        const wrapped = wrapDataKey(keyring, r.case_id, dataKey, ik);
        await trx
          .updateTable('case_key')
          .set({ master_key_id: wrapped.masterKeyId, wrapped_key: wrapped.wrappedKey })
          .where('case_id', '=', r.case_id)
          .execute();
      }
      return rows.length;
    });
    caseKeys += n;
    if (n === 0) break;
  }
  const records = await resealRecords(db, keyring);
  let totpSecrets = 0;
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
      detail: { masterKeyId: target, institutionKeys, caseKeys, records, totpSecrets },
    }),
  );
  return { institutionKeys, caseKeys, records, totpSecrets };
}

/**
 * The institution's records sealed directly by a key (no data key): the ombudsperson's
 * complaints and advice, the MDO minutes. Those still sealed by a platform key are re-sealed by
 * their institution's key (the associated data stays the same).
 */
async function resealRecords(db: Db, keyring: Keyring): Promise<number> {
  let count = 0;
  const notInstitution = `${INSTITUTION_KEY_PREFIX}%`;
  const ombuds = [
    {
      table: 'procedure_complaint',
      fields: { subject: 'complaint', outcome: 'complaint-outcome' },
    },
    { table: 'board_advice', fields: { advice: 'advice', answer: 'advice-answer' } },
  ] as const;
  for (const { table, fields } of ombuds) {
    for (;;) {
      const n = await db.transaction().execute(async (trx) => {
        const rows = await sql<
          Record<string, unknown> & { id: string; master_key_id: string; institution_id: string }
        >`
          SELECT * FROM ${sql.table(table)} WHERE master_key_id NOT LIKE ${notInstitution}
          LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`.execute(trx);
        for (const r of rows.rows) {
          const old = keyring.masterKey(r.master_key_id);
          const ik = await institutionKey(trx, keyring, r.institution_id);
          const set: Record<string, Buffer | string | null> = { master_key_id: ik.keyId };
          for (const [field, kind] of Object.entries(fields)) {
            const value = r[field] as Buffer | null;
            const aad = `ombuds:${kind}:${r.id}`;
            set[field] = value ? seal(ik.key, open(old, value, aad), aad) : null;
          }
          await trx.updateTable(table).set(set).where('id', '=', r.id).execute();
        }
        return rows.rows.length;
      });
      count += n;
      if (n === 0) break;
    }
  }
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('mdo_meeting')
        .select(['id', 'institution_id', 'minutes', 'minutes_key_id'])
        .where('minutes_key_id', 'not like', notInstitution)
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const r of rows) {
        const ik = await institutionKey(trx, keyring, r.institution_id);
        const aad = `mdo-minutes:${r.id}`;
        await trx
          .updateTable('mdo_meeting')
          .set({
            minutes_key_id: ik.keyId,
            minutes: r.minutes
              ? seal(ik.key, open(keyring.masterKey(r.minutes_key_id!), r.minutes, aad), aad)
              : null,
          })
          .where('id', '=', r.id)
          .execute();
      }
      return rows.length;
    });
    count += n;
    if (n === 0) break;
  }
  return count;
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
  const institutionKeys = await db
    .selectFrom('institution_key')
    .select(['master_key_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('master_key_id')
    .execute();
  const records = await sql<{ master_key_id: string; n: number }>`
    SELECT master_key_id, count(*)::int AS n FROM (
      SELECT master_key_id FROM procedure_complaint
      UNION ALL SELECT master_key_id FROM board_advice
      UNION ALL SELECT minutes_key_id FROM mdo_meeting WHERE minutes_key_id IS NOT NULL
    ) k GROUP BY master_key_id`.execute(db);
  const out = new Map<string, number>();
  for (const r of [...institutionKeys, ...cases, ...records.rows, ...totp])
    out.set(r.master_key_id, (out.get(r.master_key_id) ?? 0) + Number(r.n));
  return out;
}

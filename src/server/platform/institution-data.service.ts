import { forgetInstitutions } from '../tenancy/tenancy.js';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import {
  forgetInstitutionKey,
  institutionKeyId,
  open,
  seal,
  wrapInstitutionKey,
} from '../crypto/seal.js';
import { asPlatform, withInstitution } from '../db/tenancy.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { institutionKey } from '../keys/institution-keys.js';

/**
 * One institution's data on its own (issue 22, decision 037): exported for handover to another
 * installation, imported there, or erased. What makes this possible is the institution's own
 * master key: its cases' data keys (and its ombudsperson records and MDO minutes) are wrapped by
 * it, so its rows travel sealed and open wherever its key goes — and nowhere once it is gone.
 *
 * The export file is JSON: a clear header (format, institution, how the handover key is derived)
 * and a body sealed (AES-256-GCM, the header as associated data) under a key derived from the
 * handover key the operator supplies — 32 random bytes or a passphrase through scrypt, never the
 * platform key. The body holds the institution's rows of every table with an `institution_id`
 * (read under the institution's row-level-security context), its accounts, and its institution
 * key in the clear — so the body is the institution key re-wrapped under the handover key. Case
 * content inside the rows stays sealed under the case data keys.
 */

export type HandoverSecret =
  { kind: 'key'; key: Buffer } | { kind: 'passphrase'; passphrase: string };

interface ExportHeader {
  format: 'meldpunt-institution-export';
  version: 1;
  institutionId: string;
  institutionKey: string;
  exportedAt: string;
  kdf: { kind: 'hkdf-sha256' } | { kind: 'scrypt'; log2N: number; r: number; p: number };
  salt: string;
}

interface ExportBody {
  institution: Record<string, unknown>;
  key: { keyId: string; key: string };
  /** Rows (to_jsonb of each row) per table, parents before children where known. */
  tables: Record<string, Record<string, unknown>[]>;
}

const SCRYPT = { log2N: 17, r: 8, p: 1 } as const;

function deriveHandoverKey(secret: HandoverSecret, header: ExportHeader): Buffer {
  const salt = Buffer.from(header.salt, 'base64');
  if (secret.kind === 'key') {
    if (header.kdf.kind !== 'hkdf-sha256')
      throw new Error('this export was sealed with a passphrase, not a handover key');
    if (secret.key.length !== 32) throw new Error('the handover key must be 32 bytes');
    return Buffer.from(
      crypto.hkdfSync('sha256', secret.key, salt, 'meldpunt institution export', 32),
    );
  }
  if (header.kdf.kind !== 'scrypt')
    throw new Error('this export was sealed with a handover key, not a passphrase');
  if (secret.passphrase.length < 16) throw new Error('the passphrase needs at least 16 characters');
  const { log2N, r, p } = header.kdf;
  const N = 2 ** log2N;
  return crypto.scryptSync(secret.passphrase, salt, 32, { N, r, p, maxmem: 256 * N * r * p });
}

const headerAad = (header: ExportHeader) => `institution-export:${JSON.stringify(header)}`;

/** Tables holding rows of one institution (an `institution_id` column), except its key's. */
async function institutionTables(db: Db): Promise<string[]> {
  const res = await sql<{ name: string }>`
    SELECT c.table_name AS name FROM information_schema.columns c
    JOIN information_schema.tables t
      ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = current_schema() AND c.column_name = 'institution_id'
      AND c.table_name NOT IN ('institution_key')
    ORDER BY c.table_name`.execute(db);
  return res.rows.map((r) => r.name);
}

/** Platform tables that hang off an account (no institution_id): they go with the account. */
const ACCOUNT_TABLES = [
  'session',
  'user_totp',
  'webauthn_challenge',
  'webauthn_credential',
  'recovery_code',
  'password_reset_token',
  'sso_identity',
  'saved_inbox_filter',
] as const;

async function findInstitution(db: Db, key: string) {
  const row = await db
    .selectFrom('institution')
    .select(['id', 'key', 'name'])
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) throw new Error(`no institution with key ${key}`);
  return row;
}

/**
 * The institution's rows and key, sealed under the handover secret. Read under the institution's
 * context, so row-level security returns its rows only (the `where` is the second guard). The
 * events of the installation's legacy audit chain (before decision 036) stay: they belong to
 * that one chain. Audited on the platform chain.
 */
async function exportInstitutionHere(
  db: Db,
  keyring: Keyring,
  key: string,
  secret: HandoverSecret,
  actor: AuditActor,
): Promise<{ file: Buffer; rows: number; tables: number }> {
  const institution = await findInstitution(db, key);
  const ik = await institutionKey(db, keyring, institution.id);
  const names = await institutionTables(db);
  const tables: ExportBody['tables'] = {};
  let rows = 0;
  await withInstitution(institution.id, async () => {
    for (const name of names) {
      const res = await sql<{ r: Record<string, unknown> }>`
        SELECT to_jsonb(t) AS r FROM ${sql.table(name)} t
        WHERE t.institution_id = ${institution.id}
        ${name === 'audit_event' ? sql`AND NOT t.chain_legacy ORDER BY t.id` : sql``}`.execute(db);
      if (res.rows.length === 0) continue;
      tables[name] = res.rows.map((x) => x.r);
      rows += res.rows.length;
    }
  });
  const inst = await sql<{ r: Record<string, unknown> }>`
    SELECT to_jsonb(i) AS r FROM institution i WHERE i.id = ${institution.id}`.execute(db);
  const body: ExportBody = {
    institution: inst.rows[0]!.r,
    key: { keyId: ik.keyId, key: ik.key.toString('base64') },
    tables,
  };
  const header: ExportHeader = {
    format: 'meldpunt-institution-export',
    version: 1,
    institutionId: institution.id,
    institutionKey: institution.key,
    exportedAt: new Date().toISOString(),
    kdf: secret.kind === 'key' ? { kind: 'hkdf-sha256' } : { kind: 'scrypt', ...SCRYPT },
    salt: crypto.randomBytes(16).toString('base64'),
  };
  const sealed = seal(
    deriveHandoverKey(secret, header),
    zlib.gzipSync(Buffer.from(JSON.stringify(body))),
    headerAad(header),
  );
  await db.transaction().execute((trx) =>
    recordAudit(trx, {
      type: 'INSTITUTION_EXPORTED',
      actor,
      detail: {
        institutionId: institution.id,
        key: institution.key,
        rows,
        tables: Object.keys(tables).length,
        handover: secret.kind,
      },
    }),
  );
  const file = Buffer.from(
    JSON.stringify({ ...header, body: sealed.toString('base64') }, null, 1) + '\n',
  );
  return { file, rows, tables: Object.keys(tables).length };
}

/** Opens an export file with the handover secret (fails on a wrong secret or a changed file). */
export function openExport(
  file: Buffer,
  secret: HandoverSecret,
): { header: ExportHeader; body: ExportBody } {
  let parsed: ExportHeader & { body: string };
  try {
    parsed = JSON.parse(file.toString('utf8')) as ExportHeader & { body: string };
  } catch {
    throw new Error('not an institution export file');
  }
  if (parsed.format !== 'meldpunt-institution-export' || parsed.version !== 1)
    throw new Error('not an institution export file (or of an unknown version)');
  const { body: sealedBody, ...header } = parsed;
  let plain: Buffer;
  try {
    plain = open(
      deriveHandoverKey(secret, header),
      Buffer.from(sealedBody, 'base64'),
      headerAad(header),
    );
  } catch {
    throw new Error(
      'the export does not open: wrong handover key or passphrase, or a changed file',
    );
  }
  const body = JSON.parse(zlib.gunzipSync(plain).toString('utf8')) as ExportBody;
  const key = Buffer.from(body.key.key, 'base64');
  if (institutionKeyId(key) !== body.key.keyId)
    throw new Error('the institution key in the export is damaged');
  return { header, body };
}

/** Columns that can be written (not generated; identity columns are numbered afresh). */
async function writableColumns(db: Db, table: string) {
  const res = await sql<{ name: string; identity: string; generated: string }>`
    SELECT column_name AS name, is_identity AS identity, is_generated AS generated
    FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${table}
    ORDER BY ordinal_position`.execute(db);
  return {
    columns: res.rows
      .filter((c) => c.identity !== 'YES' && c.generated !== 'ALWAYS')
      .map((c) => c.name),
    identity: res.rows.find((c) => c.identity === 'YES')?.name,
  };
}

const RETRYABLE = new Set(['23503', '42501']);

/**
 * Runs `step` for each item inside savepoints, repeating the ones a foreign key (or the parent
 * check of decision 036) refused until every one went through: parents before children without
 * a dependency list that a new table would have to join.
 */
async function inDependencyOrder(
  trx: Db,
  items: string[],
  step: (item: string) => Promise<void>,
): Promise<void> {
  let pending = [...items];
  let n = 0;
  while (pending.length > 0) {
    const failed: string[] = [];
    let lastError: unknown;
    for (const item of pending) {
      const sp = sql.raw(`sp_${n++}`);
      await sql`SAVEPOINT ${sp}`.execute(trx);
      try {
        await step(item);
        await sql`RELEASE SAVEPOINT ${sp}`.execute(trx);
      } catch (err) {
        await sql`ROLLBACK TO SAVEPOINT ${sp}`.execute(trx);
        if (!RETRYABLE.has((err as { code?: string }).code ?? '')) throw err;
        failed.push(item);
        lastError = err;
      }
    }
    if (failed.length === pending.length)
      throw new Error(
        `cannot order ${failed.join(', ')}: ${String((lastError as Error)?.message)}`,
      );
    pending = failed;
  }
}

/**
 * Brings an exported institution into this installation: its rows as they were (ids kept; audit
 * events renumbered in their order, which the chain does not hash), its key wrapped by this
 * installation's platform key. Refuses when the institution, its key, host, a team key or an
 * account's e-mail address is already here (nothing is written then). Audited on the platform
 * chain; the institution's own chain verifies as it did.
 */
async function importInstitutionHere(
  db: Db,
  keyring: Keyring,
  file: Buffer,
  secret: HandoverSecret,
  actor: AuditActor,
): Promise<{ institutionId: string; key: string; rows: number }> {
  const { header, body } = openExport(file, secret);
  const institutionId = header.institutionId;
  const key = Buffer.from(body.key.key, 'base64');
  const wrapped = wrapInstitutionKey(keyring, { institutionId, keyId: body.key.keyId, key });
  let rows = 0;
  await db.transaction().execute(async (trx) => {
    const clash = await trx
      .selectFrom('institution')
      .select('key')
      .where((eb) => eb.or([eb('id', '=', institutionId), eb('key', '=', header.institutionKey)]))
      .executeTakeFirst();
    if (clash)
      throw new Error(`institution ${header.institutionKey} is already in this installation`);
    await insertRows(trx, 'institution', [body.institution]);
    await trx
      .insertInto('institution_key')
      .values({
        institution_id: institutionId,
        key_id: wrapped.keyId,
        master_key_id: wrapped.masterKeyId,
        wrapped_key: wrapped.wrappedKey,
      })
      .execute();
    const tables = Object.keys(body.tables);
    await inDependencyOrder(trx, tables, async (table) => {
      const list = body.tables[table]!;
      await insertRows(trx, table, list);
    });
    for (const t of tables) rows += body.tables[t]!.length;
    await recordAudit(trx, {
      type: 'INSTITUTION_IMPORTED',
      actor,
      detail: { institutionId, key: header.institutionKey, rows, exportedAt: header.exportedAt },
    });
  });
  return { institutionId, key: header.institutionKey, rows };
}

async function insertRows(trx: Db, table: string, list: Record<string, unknown>[]) {
  const { columns, identity } = await writableColumns(trx, table);
  const cols = sql.join(columns.map((c) => sql.ref(c)));
  const picked = sql.join(columns.map((c) => sql.ref(`x.${c}`)));
  await sql`
    INSERT INTO ${sql.table(table)} (${cols})
    SELECT ${picked} FROM jsonb_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(list)}::jsonb) x
    ${identity ? sql`ORDER BY ${sql.ref(`x.${identity}`)}` : sql``}`.execute(trx);
}

/**
 * Erases one institution: every row with its `institution_id`, its accounts with what hangs off
 * them, its key and the institution itself, in one transaction. Crypto-shredding: a backup made
 * earlier still holds the institution's rows, but its case content is sealed under data keys
 * wrapped by the institution key, which is gone once the backups that hold the key row are
 * (docs/operations.md). Other institutions are untouched; the installation's legacy audit chain
 * (before decision 036) keeps its events, with the institution label removed (the chain does not
 * hash it), so it still verifies. Audited on the platform chain.
 */
async function eraseInstitutionHere(
  db: Db,
  keyring: Keyring,
  key: string,
  actor: AuditActor,
): Promise<{ institutionId: string; rows: Record<string, number> }> {
  const institution = await findInstitution(db, key);
  const others = await db
    .selectFrom('institution')
    .select('id')
    .where('id', '<>', institution.id)
    .executeTakeFirst();
  if (!others) throw new Error('the only institution of the installation cannot be erased');
  const counts: Record<string, number> = {};
  const names = await institutionTables(db);
  const keyRow = await db
    .selectFrom('institution_key')
    .select('key_id')
    .where('institution_id', '=', institution.id)
    .executeTakeFirst();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('audit_event')
      .set({ institution_id: null })
      .where('institution_id', '=', institution.id)
      .where('chain_legacy', '=', true)
      .execute();
    const users = sql`SELECT id FROM app_user WHERE institution_id = ${institution.id}`;
    const steps = [...ACCOUNT_TABLES.map((t) => `account:${t}`), ...names];
    await inDependencyOrder(trx, steps, async (step) => {
      const [kind, table] = step.startsWith('account:')
        ? ['account', step.slice(8)]
        : ['own', step];
      const res =
        kind === 'account'
          ? await sql`DELETE FROM ${sql.table(table!)} WHERE user_id IN (${users})`.execute(trx)
          : await sql`DELETE FROM ${sql.table(table!)} WHERE institution_id = ${institution.id}`.execute(
              trx,
            );
      counts[table!] = (counts[table!] ?? 0) + Number(res.numAffectedRows ?? 0);
    });
    await trx.deleteFrom('institution_key').where('institution_id', '=', institution.id).execute();
    await trx.deleteFrom('institution').where('id', '=', institution.id).execute();
    forgetInstitutions(); // its host or prefix answers 404 at once (in this process)
    await recordAudit(trx, {
      type: 'INSTITUTION_ERASED',
      actor,
      detail: {
        institutionId: institution.id,
        key: institution.key,
        keyId: keyRow?.key_id ?? null,
        rows: Object.values(counts).reduce((a, b) => a + b, 0),
      },
    });
  });
  if (keyRow) forgetInstitutionKey(keyring, keyRow.key_id);
  return { institutionId: institution.id, rows: counts };
}

/*
 * Platform operations whatever context the caller runs in (`--as-institution`): the export
 * switches to the institution's context itself for reading its rows.
 */
export const exportInstitution = (...args: Parameters<typeof exportInstitutionHere>) =>
  asPlatform(() => exportInstitutionHere(...args));
export const importInstitution = (...args: Parameters<typeof importInstitutionHere>) =>
  asPlatform(() => importInstitutionHere(...args));
export const eraseInstitution = (...args: Parameters<typeof eraseInstitutionHere>) =>
  asPlatform(() => eraseInstitutionHere(...args));

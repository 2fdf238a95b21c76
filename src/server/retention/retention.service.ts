import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { CONTENT_TABLES, isErasureDue } from './retention.policy.js';

/**
 * Erases every closed case whose retention period has passed and that is not on hold: its
 * content, identities, attachments, messages and its data key (so any copy of a ciphertext,
 * in a backup too, no longer opens). Keeps the statistical columns, so annual reports do not
 * change, and writes a deletion-log row. Each case in its own transaction; safe to re-run.
 */
export async function eraseDueCases(db: Db, now: Date): Promise<string[]> {
  const today = now.toISOString().slice(0, 10);
  const candidates = await db
    .selectFrom('case')
    .innerJoin('team', 'team.id', 'case.team_id')
    .select([
      'case.id',
      'case.closed_on',
      'case.retention_hold',
      'case.erased_at',
      'team.retention_months',
    ])
    .where('case.closed_on', 'is not', null)
    .where('case.erased_at', 'is', null)
    .where('case.retention_hold', '=', false)
    .execute();
  const due = candidates.filter((c) =>
    isErasureDue(
      { closedOn: c.closed_on, retentionHold: c.retention_hold, erasedAt: c.erased_at },
      c.retention_months,
      today,
    ),
  );
  const tables = await existingTables(db);
  const erased: string[] = [];
  for (const c of due) {
    if (await eraseCase(db, c.id, tables, now, 'retention', { kind: 'system' })) erased.push(c.id);
  }
  return erased;
}

async function existingTables(db: Db): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`.execute(
    db,
  );
  const present = new Set(rows.map((r) => r.table_name));
  return CONTENT_TABLES.filter((t) => present.has(t));
}

async function eraseCase(
  db: Db,
  caseId: string,
  tables: string[],
  now: Date,
  reason: string,
  actor: AuditActor,
): Promise<boolean> {
  return db.transaction().execute((trx) => eraseCaseIn(trx, caseId, tables, now, reason, actor));
}

/**
 * Erases one case on a data subject's request (GDPR art. 17), inside the caller's transaction, as
 * retention does: content, identities, keys gone; the statistical row, the deletion log and the
 * audit trail kept. False when the case is already erased or on hold.
 */
export async function eraseCaseOnRequest(
  trx: Db,
  caseId: string,
  now: Date,
  actor: AuditActor,
): Promise<boolean> {
  return eraseCaseIn(trx, caseId, await existingTables(trx), now, 'erasure_request', actor);
}

async function eraseCaseIn(
  trx: Db,
  caseId: string,
  tables: string[],
  now: Date,
  reason: string,
  actor: AuditActor,
): Promise<boolean> {
  // Re-check under a row lock: a hold placed meanwhile wins.
  const row = await trx
    .selectFrom('case')
    .select(['id', 'team_id', 'reference', 'closed_on'])
    .where('id', '=', caseId)
    .where('erased_at', 'is', null)
    .where('retention_hold', '=', false)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return false;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const result = await sql`DELETE FROM ${sql.table(table)} WHERE case_id = ${caseId}`.execute(
      trx,
    );
    counts[table] = Number(result.numAffectedRows ?? 0);
  }
  await trx
    .updateTable('case')
    .set({
      summary: null,
      receipt_hash: null,
      intake_key_hash: null,
      receipt_sealed: null,
      erased_at: now,
    })
    .where('id', '=', caseId)
    .execute();
  // The record of data-subject requests stays (what was asked, when, the decision's reason code); its free text goes.
  await trx
    .updateTable('rights_request')
    .set({ details: null, decision_note: null, disclosed: null, withheld: null })
    .where('case_id', '=', caseId)
    .execute();
  await trx
    .insertInto('deletion_log')
    .values({
      case_id: row.id,
      team_id: row.team_id,
      reference: row.reference,
      closed_on: row.closed_on,
      erased_at: now,
      reason,
      detail: JSON.stringify(counts),
    })
    .execute();
  await recordAudit(trx, {
    type: 'CASE_ERASED',
    actor,
    teamId: row.team_id,
    caseId: row.id,
    detail: { reason },
  });
  return true;
}

/** Places or lifts a hold: while held, a case is never erased. */
export async function setRetentionHold(
  trx: Db,
  c: { id: string; teamId: string },
  hold: boolean,
  actor: AuditActor,
): Promise<void> {
  await trx.updateTable('case').set({ retention_hold: hold }).where('id', '=', c.id).execute();
  await recordAudit(trx, {
    type: 'RETENTION_HOLD_CHANGED',
    actor,
    teamId: c.teamId,
    caseId: c.id,
    detail: { hold },
  });
}

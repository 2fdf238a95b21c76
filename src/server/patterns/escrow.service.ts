import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { recordAudit } from '../audit/audit.service.js';
import { translator } from '../../i18n/i18n.js';
import { loadCaseContext } from '../cases/case-context.js';
import { insertMessage } from '../mailbox/messages.service.js';
import { countReporters, groupIntoClusters } from './pattern-clusters.js';
import { findEscrow, listSharedIdentifierRows } from './patterns.queries.js';

/**
 * Escrow, the reporter's choice: "act only if someone else reports this person too". The case
 * stays registered but dormant — left out of every pattern signal — until a case of another
 * reporter shares an identifier with it; then the reporter is told in the mailbox and decides.
 */
export async function setPatternEscrow(
  trx: Db,
  caseId: string,
  actor: { kind: 'reporter' } | { kind: 'user'; userId: string },
) {
  const row = await trx
    .insertInto('pattern_escrow')
    .values({ case_id: caseId })
    .onConflict((oc) => oc.column('case_id').doNothing())
    .returning('case_id')
    .executeTakeFirst();
  if (!row) return;
  const team = await trx
    .selectFrom('case')
    .select('team_id')
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  await recordAudit(trx, { type: 'PATTERN_ESCROW_SET', actor, teamId: team.team_id, caseId });
  await detectEscrowMatches(trx);
}

/** Wakes every dormant escrow whose cluster holds a case of another reporter. Call inside a transaction. */
export async function detectEscrowMatches(trx: Db, now = new Date()): Promise<string[]> {
  const matched: string[] = [];
  for (const cluster of groupIntoClusters(await listSharedIdentifierRows(trx))) {
    if (countReporters(cluster).total < 2) continue;
    for (const c of cluster.filter((x) => x.escrowState === 'dormant')) {
      const woke = await trx
        .updateTable('pattern_escrow')
        .set({ state: 'matched', matched_at: now })
        .where('case_id', '=', c.caseId)
        .where('state', '=', 'dormant')
        .returning('case_id')
        .executeTakeFirst();
      if (!woke) continue;
      await recordAudit(trx, {
        type: 'PATTERN_ESCROW_MATCHED',
        actor: { kind: 'system' },
        teamId: c.teamId,
        caseId: c.caseId,
      });
      matched.push(c.caseId);
    }
  }
  return matched;
}

/**
 * Tells each matched reporter in the mailbox, once: a message from the reporting point itself
 * (author 'system', audited with actor kind system). The claim (notified_at) and the message
 * share a transaction, so a failure leaves the notice for the next run and none is sent twice.
 * The text says only that another report concerns the same person — nothing of that report.
 */
export async function notifyMatchedEscrows(
  db: Db,
  keyring: Keyring,
  now = new Date(),
): Promise<number> {
  const due = await db
    .selectFrom('pattern_escrow')
    .select('case_id')
    .where('state', '=', 'matched')
    .where('notified_at', 'is', null)
    .execute();
  let sent = 0;
  for (const { case_id } of due) {
    const sealer = await loadCaseContext(db, keyring, case_id, { kind: 'system' });
    const body = [
      translator('nl')('patterns.escrow.message'),
      translator('en')('patterns.escrow.message'),
    ].join('\n\n');
    const done = await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('pattern_escrow')
        .set({ notified_at: now })
        .where('case_id', '=', case_id)
        .where('notified_at', 'is', null)
        .returning('case_id')
        .executeTakeFirst();
      if (!claimed) return false;
      await insertMessage(trx, sealer, { author: 'system', body });
      return true;
    });
    if (done) sent++;
  }
  return sent;
}

export type EscrowDecision = 'release' | 'decline';

/** The reporter's decision: release the case into the pattern signal, or keep it dormant. */
export async function decideEscrow(
  db: Db,
  caseId: string,
  decision: EscrowDecision,
  now = new Date(),
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const from =
      decision === 'release' ? (['dormant', 'matched'] as const) : (['matched'] as const);
    const row = await trx
      .updateTable('pattern_escrow')
      .set({ state: decision === 'release' ? 'released' : 'declined', decided_at: now })
      .where('case_id', '=', caseId)
      .where('state', 'in', [...from])
      .returning('case_id')
      .executeTakeFirst();
    if (!row) return false;
    const team = await trx
      .selectFrom('case')
      .select('team_id')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      type: 'PATTERN_ESCROW_DECIDED',
      actor: { kind: 'reporter' },
      teamId: team.team_id,
      caseId,
      detail: { decision },
    });
    return true;
  });
}

/** The escrow state of a case (undefined without escrow); 'matched' is a pending notice for the mailbox. */
export async function findEscrowState(db: Db, caseId: string) {
  return (await findEscrow(db, caseId))?.state;
}

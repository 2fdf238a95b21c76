import crypto from 'node:crypto';
import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import type { CaseSealer } from '../crypto/case-key.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import {
  normaliseIdentifier,
  type IdentifierInput,
  type IdentifierKind,
} from '../../domain/identifier-normalise.js';
import { blindIndex, blindIndexKeyId, reporterFingerprint } from './blind-index.js';
import { findReporterIdentity, listIdentifierRows } from './patterns.queries.js';
import { detectEscrowMatches } from './escrow.service.js';
import { loadCaseContext } from '../cases/case-context.js';

export type IdentifierActor = { kind: 'user'; userId: string } | { kind: 'reporter' };

/** The sealed field of one identifier row (sealed before row binding: the row id is in the field). */
export const identifierField = (rowId: string) => `accused-identifier:${rowId}`;

interface SealedIdentifier extends IdentifierInput {
  normalised: string;
}

/**
 * Stores identifiers of the accused twice: sealed with the case key (for whoever may open the
 * case) and as a blind index (for matching). Also fingerprints a named reporter, and wakes
 * escrowed cases that now match. Call inside a transaction; unusable identifiers are skipped
 * and counted. This is the service the intake calls for identifiers given by the reporter.
 */
export async function addAccusedIdentifiers(
  trx: Db,
  keyring: Keyring,
  caseId: string,
  identifiers: IdentifierInput[],
  actor: IdentifierActor,
) {
  const sealer = await loadCaseContext(trx, keyring, caseId, { kind: 'system' });
  const keyId = blindIndexKeyId(keyring.blindIndexKey);
  let added = 0;
  let invalid = 0;
  for (const input of identifiers) {
    const normalised = normaliseIdentifier(input);
    if (!normalised) {
      invalid++;
      continue;
    }
    const id = crypto.randomUUID();
    const sealed: SealedIdentifier = {
      kind: input.kind,
      value: input.value.trim(),
      qualifier: input.qualifier?.trim() || undefined,
      normalised,
    };
    const row = await trx
      .insertInto('accused_identifier')
      .values({
        id,
        case_id: caseId,
        kind: input.kind,
        identity: sealer.seal(JSON.stringify(sealed), identifierField(id)),
        blind_index: blindIndex(keyring.blindIndexKey, normalised),
        key_id: keyId,
        added_by: actor.kind === 'user' ? 'adviser' : 'reporter',
        added_by_user_id: actor.kind === 'user' ? actor.userId : null,
      })
      .onConflict((oc) => oc.columns(['case_id', 'blind_index']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (row) added++;
  }
  await saveReporterFingerprint(trx, keyring, caseId, sealer);
  const team = await trx
    .selectFrom('case')
    .select('team_id')
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  await recordAudit(trx, {
    type: 'ACCUSED_IDENTIFIERS_ADDED',
    actor,
    teamId: team.team_id,
    caseId,
    detail: { added, invalid },
  });
  await detectEscrowMatches(trx);
  return { added, invalid };
}

/** The keyed hash of a named reporter's normalised contact; anonymous reporters have none. */
export async function saveReporterFingerprint(
  trx: Db,
  keyring: Keyring,
  caseId: string,
  sealer: CaseSealer,
): Promise<void> {
  const party = await findReporterIdentity(trx, caseId);
  if (!party) return;
  const reporter = JSON.parse(sealer.openText(party.identity, 'party:reporter')) as {
    contact?: string;
  };
  if (!reporter.contact?.trim()) return;
  const values = {
    fingerprint: reporterFingerprint(keyring.blindIndexKey, reporter.contact),
    key_id: blindIndexKeyId(keyring.blindIndexKey),
  };
  await trx
    .insertInto('reporter_fingerprint')
    .values({ case_id: caseId, ...values })
    .onConflict((oc) => oc.column('case_id').doUpdateSet(values))
    .execute();
}

export interface IdentifierEntry {
  id: string;
  kind: IdentifierKind;
  value: string;
  qualifier?: string;
  addedBy: 'adviser' | 'reporter';
}

/** The identifiers of one case, decrypted; the read is audited. The caller checked access. */
export async function listAccusedIdentifiers(
  db: Db,
  keyring: Keyring,
  caseId: string,
  actor: AuditActor,
): Promise<IdentifierEntry[]> {
  const sealer = await loadCaseContext(db, keyring, caseId, { kind: 'system' });
  const rows = await listIdentifierRows(db, caseId);
  const team = await db
    .selectFrom('case')
    .select('team_id')
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  await db.transaction().execute((trx) =>
    recordAudit(trx, {
      type: 'ACCUSED_IDENTIFIERS_VIEWED',
      actor,
      teamId: team.team_id,
      caseId,
      detail: { count: rows.length },
    }),
  );
  return rows.map((r) => {
    const s = JSON.parse(sealer.openText(r.identity, identifierField(r.id))) as SealedIdentifier;
    return { id: r.id, kind: r.kind, value: s.value, qualifier: s.qualifier, addedBy: r.added_by };
  });
}

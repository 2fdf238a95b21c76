import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { unwrapDataKey } from '../crypto/seal.js';
import { recordAudit } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import type { SessionUser } from '../users/users.service.js';
import { canAssignCase, canHandleCase, canOpenCase, type CaseAccessFacts } from './cases.policy.js';
import {
  findCaseRow,
  findCounterpartAdviserId,
  findTeamCaseId,
  listConflictedCaseIds,
  listConflictedUserIds,
  type CaseRow,
} from './cases.queries.js';

export type CaseNeed = 'open' | 'handle' | 'assign';

const CHECKS = { open: canOpenCase, handle: canHandleCase, assign: canAssignCase } as const;

export interface LoadedCase {
  row: CaseRow;
  facts: CaseAccessFacts;
  dataKey: Buffer;
}

export const aad = (caseId: string, field: string) => `case:${caseId}:${field}`;

export async function loadAccessFacts(db: Db, row: CaseRow): Promise<CaseAccessFacts> {
  return {
    teamId: row.team_id,
    assignedAdviserId: row.assigned_adviser_id,
    conflictedUserIds: await listConflictedUserIds(db, row.id),
    counterpartAdviserId: await findCounterpartAdviserId(db, row),
  };
}

/**
 * Loads a case for what the user wants to do with it, or audits the refusal and throws.
 * A case of another team answers NOT_FOUND, so that its existence does not leak.
 */
export async function loadCase(
  db: Db,
  keyring: Keyring,
  user: SessionUser,
  caseId: string,
  need: CaseNeed,
): Promise<LoadedCase> {
  const row = await findCaseRow(db, caseId);
  const facts = row ? await loadAccessFacts(db, row) : undefined;
  if (!row || !facts || !CHECKS[need](user.id, user.memberships, facts)) {
    const sameTeam = row !== undefined && user.memberships.some((m) => m.teamId === row.team_id);
    await db.transaction().execute((trx) =>
      recordAudit(trx, {
        type: 'CASE_ACCESS_REFUSED',
        actor: { kind: 'user', userId: user.id },
        teamId: row?.team_id ?? null,
        caseId: row ? caseId : null,
        detail: { need, conflict: facts?.conflictedUserIds?.includes(user.id) ?? false },
      }),
    );
    throw new AppError(sameTeam ? 'FORBIDDEN' : 'NOT_FOUND');
  }
  return {
    row,
    facts,
    dataKey: unwrapDataKey(keyring, row.id, row.master_key_id, row.wrapped_key),
  };
}

/**
 * A case of one team by its reference, for that team's integration (an API token, which acts for
 * the team as a whole; its scopes are checked by the caller). Undefined when the team has no
 * such case — another team's case included, so that its existence does not leak.
 */
export async function loadTeamCaseByReference(
  db: Db,
  keyring: Keyring,
  teamId: string,
  reference: string,
): Promise<LoadedCase | undefined> {
  const id = await findTeamCaseId(db, teamId, reference);
  const row = id ? await findCaseRow(db, id) : undefined;
  if (!row || row.team_id !== teamId) return undefined;
  return {
    row,
    facts: await loadAccessFacts(db, row),
    dataKey: unwrapDataKey(keyring, row.id, row.master_key_id, row.wrapped_key),
  };
}

/** The facts canOpenCase needs, for other features that guard case data (mailbox, minutes). */
export async function findCaseAccessFacts(
  db: Db,
  caseId: string,
): Promise<CaseAccessFacts | undefined> {
  const row = await findCaseRow(db, caseId);
  return row ? loadAccessFacts(db, row) : undefined;
}

/**
 * The conflict-of-interest rule outside the case pages (MDO agenda, expert consultations): of
 * the given cases, those the user declared a conflict in and so must not see anything of.
 */
export function findConflictedCaseIds(
  db: Db,
  userId: string,
  caseIds: readonly string[],
): Promise<Set<string>> {
  return listConflictedCaseIds(db, userId, caseIds);
}

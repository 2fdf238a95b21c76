import type { Context } from 'hono';
import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { unwrapDataKey } from '../crypto/seal.js';
import { caseSealer, type SealedCase } from '../crypto/case-key.js';
import { recordAudit, type AuditActor, type AuditEventType } from '../audit/audit.service.js';
import { isAllowed, type CaseFacts } from '../access/access.policy.js';
import { findRouteAccess } from '../access/access.table.js';
import { AppError } from '../http/errors.js';
import { UUID } from '../http/params.js';
import type { SessionUser } from '../users/users.service.js';
import { canAssignCase, canHandleCase, canOpenCase, isCoordinator } from './cases.policy.js';
import {
  findCaseRow,
  findTeamCaseId,
  findCounterpartAdviserId,
  listConflictedCaseIds,
  listConflictedUserIds,
  listGrantees,
  type CaseRow,
} from './cases.queries.js';

/**
 * THE case loader (decision 034). Every way to a case — the need-to-know step before a case
 * route, a service on a case, the reporter's mailbox, a job — loads the case here once, checks
 * who asks, and gets a typed case context: ids, team, the asker's relation to the case, and the
 * sealing helpers under the case's data key (unwrapped only when first used).
 */

export type CaseNeed = 'open' | 'handle' | 'assign';

const CHECKS = { open: canOpenCase, handle: canHandleCase, assign: canAssignCase } as const;

/** Who reaches the case, and with what check. */
export type CaseAccessor =
  /** A staff member for what they want to do with the case (cases.policy). */
  | { kind: 'user'; user: SessionUser; need: CaseNeed }
  /** A staff member on a case route: the need-to-know table's rule for that route. */
  | { kind: 'route'; user: SessionUser; route: { method: 'GET' | 'POST'; path: string } }
  /**
   * A staff member whose access the calling feature checked by a rule of its own (MDO
   * participant, expert, board member); audited as that user. They reach a part of the case,
   * never the case: the context carries no reference.
   */
  | { kind: 'checked'; userId: string }
  /** The reporter in the mailbox of this very case (signed in by its receipt code). */
  | { kind: 'reporter' }
  /** The system: a job, a freshly created case, a list whose rows were checked. */
  | { kind: 'system' };

/** How the asker stands to the case (the first that applies). */
export type CaseRelation =
  | 'conflict' // declared a conflict of interest: shut out
  | 'counterpart' // the other party's adviser: shut out
  | 'assigned' // the case's adviser
  | 'coordinator' // a coordinator of the case's team
  | 'team' // another role in the case's team
  | 'grantee' // holds a per-case grant (threat log)
  | 'outsider'
  | 'checked' // a feature's own rule let them in
  | 'reporter'
  | 'system';

export interface CaseContextFacts extends CaseFacts {
  conflictedUserIds: readonly string[];
  counterpartAdviserId: string | null;
  grantees: readonly string[];
}

export interface CaseContext extends SealedCase {
  reference: string;
  assignedAdviserId: string | null;
  /** The staff member the case was loaded for; null for the reporter and the system. */
  userId: string | null;
  relation: CaseRelation;
  facts: CaseContextFacts;
  row: CaseRow;
  /** The case's data key (unwrapped on first use). */
  readonly dataKey: Buffer;
  /** The audit actor of whoever loaded the case. */
  actor: AuditActor;
  /** An audit event by this actor on this case, in the caller's transaction. */
  audit(trx: Db, type: AuditEventType, detail?: AuditDetail): Promise<void>;
}

/** A case context of a staff member. */
export interface StaffCaseContext extends CaseContext {
  userId: string;
}

declare module 'hono' {
  interface ContextVariableMap {
    /** The case the need-to-know step loaded for a case route (access/need-to-know.ts). */
    caseContext: StaffCaseContext | undefined;
  }
}

type AuditDetail = Record<string, string | number | boolean | null>;

export function relationOf(
  user: { id: string; memberships: SessionUser['memberships'] },
  f: CaseContextFacts,
): CaseRelation {
  if (f.conflictedUserIds.includes(user.id)) return 'conflict';
  if (f.counterpartAdviserId === user.id) return 'counterpart';
  if (f.assignedAdviserId === user.id) return 'assigned';
  if (isCoordinator(user.memberships, f.teamId)) return 'coordinator';
  if (user.memberships.some((m) => m.teamId === f.teamId)) return 'team';
  if (f.grantees.includes(user.id)) return 'grantee';
  return 'outsider';
}

export function loadCaseContext(
  db: Db,
  keyring: Keyring,
  caseId: string,
  who: Extract<CaseAccessor, { kind: 'user' | 'route' | 'checked' }>,
): Promise<StaffCaseContext>;
export function loadCaseContext(
  db: Db,
  keyring: Keyring,
  caseId: string,
  who: CaseAccessor,
): Promise<CaseContext>;
/**
 * Loads a case for whoever asks, or audits the refusal and throws: a staff member of the case's
 * team gets FORBIDDEN, anyone else NOT_FOUND (a case's existence does not leak). A case that
 * does not exist (or whose key was erased) is NOT_FOUND.
 */
export async function loadCaseContext(
  db: Db,
  keyring: Keyring,
  caseId: string,
  who: CaseAccessor,
): Promise<CaseContext> {
  const row = UUID.test(caseId) ? await findCaseRow(db, caseId) : undefined;
  const facts = row
    ? {
        teamId: row.team_id,
        assignedAdviserId: row.assigned_adviser_id,
        conflictedUserIds: await listConflictedUserIds(db, row.id),
        counterpartAdviserId: await findCounterpartAdviserId(db, row),
        grantees: await grantsFor(db, row.id, who),
      }
    : undefined;
  if (who.kind === 'user' || who.kind === 'route') {
    const { user } = who;
    const entry =
      who.kind === 'route' ? findRouteAccess(who.route.method, who.route.path) : undefined;
    const allowed =
      row !== undefined &&
      facts !== undefined &&
      (who.kind === 'user'
        ? CHECKS[who.need](user.id, user.memberships, facts)
        : entry !== undefined && isAllowed(entry.rule, user, facts));
    if (!row || !facts || !allowed) {
      await refuse(db, user, caseId, row, facts, who);
      throw new AppError(isSameTeamOf(user, facts) ? 'FORBIDDEN' : 'NOT_FOUND');
    }
    return bindCaseContext(keyring, row, facts, user.id, relationOf(user, facts));
  }
  if (!row || !facts) throw new AppError('NOT_FOUND');
  if (who.kind === 'checked') {
    // A part of the case (a consultation, an MDO item, a board request), never the case itself.
    return bindCaseContext(keyring, row, facts, who.userId, 'checked', '');
  }
  return bindCaseContext(keyring, row, facts, null, who.kind);
}

/**
 * A case of one team by its reference, for that team's integration (an API token, which acts for
 * the team as a whole; its scopes are checked by the caller). Undefined when the team has no such
 * case — another team's case included, so that its existence does not leak.
 */
export async function loadTeamCaseByReference(
  db: Db,
  keyring: Keyring,
  teamId: string,
  reference: string,
): Promise<CaseContext | undefined> {
  const id = await findTeamCaseId(db, teamId, reference);
  if (!id) return undefined;
  const ctx = await loadCaseContext(db, keyring, id, { kind: 'system' });
  return ctx.row.team_id === teamId ? ctx : undefined;
}

/**
 * The case context the need-to-know step loaded for this request's case route, checked for
 * what the route does next (audited refusal, no second load) — or, when the request is not on
 * that case (a route whose case comes from a row), the case loaded for the need.
 */
export async function caseContextFor(
  c: Context,
  deps: { db: Db; keyring: Keyring },
  user: SessionUser,
  caseId: string,
  need: CaseNeed,
): Promise<StaffCaseContext> {
  const loaded = c.get('caseContext');
  if (!loaded || loaded.id !== caseId || loaded.userId !== user.id)
    return loadCaseContext(deps.db, deps.keyring, caseId, { kind: 'user', user, need });
  await requireNeed(deps.db, loaded, user, need);
  return loaded;
}

/**
 * The case context of a case route, as the need-to-know step loaded and checked it for that
 * route's rule (access/need-to-know.ts): no second load. Fails closed when there is none.
 */
export function routeCaseContext(c: Context): StaffCaseContext {
  const loaded = c.get('caseContext');
  if (!loaded) throw new AppError('NOT_FOUND');
  return loaded;
}

/** Whether the user may change the case (for showing forms; the services check again). */
export function canUserHandle(user: SessionUser, ctx: CaseContext): boolean {
  return canHandleCase(user.id, user.memberships, ctx.facts);
}

/** Checks a loaded case context for a further need; audits and throws when it is not met. */
export async function requireNeed(
  db: Db,
  ctx: StaffCaseContext,
  user: SessionUser,
  need: CaseNeed,
): Promise<void> {
  if (CHECKS[need](user.id, user.memberships, ctx.facts)) return;
  await refuse(db, user, ctx.id, ctx.row, ctx.facts, { kind: 'user', user, need });
  throw new AppError(isSameTeamOf(user, ctx.facts) ? 'FORBIDDEN' : 'NOT_FOUND');
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

/** Audits a read of case content in its own transaction. */
export async function auditRead(
  db: Db,
  ctx: CaseContext,
  type: AuditEventType,
  detail?: AuditDetail,
): Promise<void> {
  await db.transaction().execute((trx) => ctx.audit(trx, type, detail));
}

function bindCaseContext(
  keyring: Keyring,
  row: CaseRow,
  facts: CaseContextFacts,
  userId: string | null,
  relation: CaseRelation,
  reference = row.reference,
): CaseContext {
  let key: Buffer | undefined;
  const dataKey = () =>
    (key ??= unwrapDataKey(
      keyring,
      row.id,
      row.master_key_id,
      row.wrapped_key,
      row.institution_key_id && row.institution_key_master_key_id && row.institution_key_wrapped_key
        ? {
            institutionId: row.institution_id,
            keyId: row.institution_key_id,
            masterKeyId: row.institution_key_master_key_id,
            wrappedKey: row.institution_key_wrapped_key,
          }
        : null,
    ));
  const actor: AuditActor =
    userId !== null
      ? { kind: 'user', userId }
      : { kind: relation === 'reporter' ? 'reporter' : 'system' };
  return {
    ...caseSealer(row.id, dataKey),
    id: row.id,
    reference,
    teamId: row.team_id,
    assignedAdviserId: row.assigned_adviser_id,
    userId,
    relation,
    facts,
    row,
    get dataKey() {
      return dataKey();
    },
    actor,
    audit: (trx, type, detail) =>
      recordAudit(trx, { type, actor, teamId: row.team_id, caseId: row.id, detail }),
  };
}

/** Grant holders matter only to a route whose rule names a grant (the threat log). */
async function grantsFor(db: Db, caseId: string, who: CaseAccessor): Promise<string[]> {
  if (who.kind !== 'route') return [];
  const entry = findRouteAccess(who.route.method, who.route.path);
  return entry?.rule.kind === 'case' && entry.rule.grant ? listGrantees(db, caseId) : [];
}

function isSameTeamOf(user: SessionUser, facts: CaseContextFacts | undefined): boolean {
  return facts !== undefined && user.memberships.some((m) => m.teamId === facts.teamId);
}

async function refuse(
  db: Db,
  user: SessionUser,
  caseId: string,
  row: CaseRow | undefined,
  facts: CaseContextFacts | undefined,
  who: Extract<CaseAccessor, { kind: 'user' | 'route' }>,
): Promise<void> {
  const conflict = facts?.conflictedUserIds.includes(user.id) ?? false;
  await db.transaction().execute((trx) =>
    recordAudit(trx, {
      type: 'CASE_ACCESS_REFUSED',
      actor: { kind: 'user', userId: user.id },
      teamId: row?.team_id ?? null,
      caseId: row ? caseId : null,
      detail:
        who.kind === 'route'
          ? { route: `${who.route.method} ${who.route.path}`, conflict }
          : { need: who.need, conflict },
    }),
  );
}

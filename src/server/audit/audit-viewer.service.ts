import type { Db } from '../db/create-db.js';
import { teamsWithRole } from '../../domain/roles.js';
import type { MessageKey } from '../../i18n/i18n.js';
import type { SessionUser } from '../users/users.service.js';
import { recordAudit, verifyAuditChain, type AuditEventType } from './audit.service.js';
import { AUDIT_GROUPS, isAuditEventType, kindsOfGroup, type AuditGroup } from './audit-events.js';
import {
  auditEventHeader,
  caseIdsByReference,
  caseReferences,
  countAuditRows,
  listAuditRows,
  listTeamPeople,
  userNames,
  type AuditActorFilter,
  type AuditFilter,
} from './audit.queries.js';

/** Events per page of the viewer. */
export const AUDIT_PAGE_SIZE = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ACTOR_KINDS = ['reporter', 'system', 'cli'] as const;

/** The viewer's filters as they arrive in the query string (a GET form, no script needed). */
export interface AuditQuery {
  reference?: string;
  /** A staff member's id, or reporter / system / cli. */
  person?: string;
  /** `group:<group>` or one kind. */
  kind?: string;
  from?: string;
  to?: string;
  page: number;
  /**
   * The newest event when the first page was shown: the next pages count from it, so that events
   * written meanwhile (this very view is one) do not shift them.
   */
  upto?: number;
}

function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

/** Reads the query string; values that make no sense are dropped, bad dates reported. */
export function parseAuditQuery(q: (name: string) => string | undefined) {
  const text = (name: string) => q(name)?.trim() || undefined;
  const errors: Partial<Record<'reference' | 'from' | 'to', MessageKey>> = {};
  const query: AuditQuery = { page: 1 };
  const reference = text('reference');
  if (reference) query.reference = reference.slice(0, 64);
  const person = text('person');
  if (person && (UUID.test(person) || (ACTOR_KINDS as readonly string[]).includes(person)))
    query.person = person.toLowerCase();
  const kind = text('kind');
  if (
    kind &&
    (isAuditEventType(kind) ||
      (kind.startsWith('group:') && (AUDIT_GROUPS as readonly string[]).includes(kind.slice(6))))
  )
    query.kind = kind;
  for (const name of ['from', 'to'] as const) {
    const value = text(name);
    if (!value) continue;
    if (isCalendarDate(value)) query[name] = value;
    else errors[name] = 'audit.filter.badDate';
  }
  const page = Number(text('page'));
  if (Number.isInteger(page) && page > 1 && page < 1_000_000) query.page = page;
  const upto = Number(text('upto'));
  if (Number.isSafeInteger(upto) && upto > 0) query.upto = upto;
  return { query, errors, rawDates: { from: text('from'), to: text('to') } };
}

function actorFilter(person: string | undefined): AuditActorFilter | undefined {
  if (!person) return undefined;
  if ((ACTOR_KINDS as readonly string[]).includes(person))
    return { kind: person as (typeof ACTOR_KINDS)[number] };
  return { kind: 'user', userId: person };
}

function typesOf(kind: string | undefined): readonly AuditEventType[] | undefined {
  if (!kind) return undefined;
  if (kind.startsWith('group:')) return kindsOfGroup(kind.slice(6) as AuditGroup);
  return isAuditEventType(kind) ? [kind] : undefined;
}

/** A value of an event's detail as shown: names for staff ids, references for case ids. */
export type DetailValue =
  | { kind: 'text'; text: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'person'; name: string }
  | { kind: 'case'; reference: string };

/**
 * The coordinator's view of one page of the trail of their teams, filtered; viewing it is
 * audited for every team shown (as every staff read is).
 */
export async function viewTeamAudit(db: Db, user: SessionUser, query: AuditQuery) {
  const teamIds = teamsWithRole(user.memberships, ['safety_coordinator']);
  const filter: AuditFilter = {
    teamIds,
    actor: actorFilter(query.person),
    types: typesOf(query.kind),
    from: query.from,
    to: query.to,
    uptoId: query.upto,
  };
  let matchedCases: { caseId: string; teamId: string }[] = [];
  if (query.reference) {
    matchedCases = await caseIdsByReference(db, teamIds, query.reference);
    filter.caseIds = matchedCases.map((m) => m.caseId);
  }
  const offset = (query.page - 1) * AUDIT_PAGE_SIZE;
  const [rows, total, people] = await Promise.all([
    listAuditRows(db, filter, { limit: AUDIT_PAGE_SIZE, offset }),
    countAuditRows(db, filter),
    listTeamPeople(db, teamIds),
  ]);

  // Ids in the details become names and references; other ids are not shown.
  const ids = new Set<string>();
  for (const r of rows)
    for (const v of Object.values(r.detail)) if (typeof v === 'string' && UUID.test(v)) ids.add(v);
  const [names, references] = await Promise.all([
    userNames(db, [...ids]),
    caseReferences(db, teamIds, [...ids]),
  ]);
  const detailOf = (detail: Record<string, unknown>): [string, DetailValue][] =>
    Object.entries(detail).flatMap(([key, v]): [string, DetailValue][] => {
      if (typeof v === 'boolean') return [[key, { kind: 'bool', value: v }]];
      if (typeof v === 'number') return [[key, { kind: 'text', text: String(v) }]];
      if (typeof v !== 'string') return [];
      if (UUID.test(v)) {
        const name = names.get(v);
        if (name) return [[key, { kind: 'person', name }]];
        const reference = references.get(v);
        if (reference) return [[key, { kind: 'case', reference }]];
        return [];
      }
      return [[key, { kind: 'text', text: v }]];
    });

  await db.transaction().execute(async (trx) => {
    for (const teamId of teamIds) {
      const ofTeam = matchedCases.filter((m) => m.teamId === teamId);
      await recordAudit(trx, {
        type: 'AUDIT_TRAIL_VIEWED',
        actor: { kind: 'user', userId: user.id },
        teamId,
        caseId: ofTeam.length === 1 ? ofTeam[0]!.caseId : null,
      });
    }
  });
  return {
    total,
    page: query.page,
    pageSize: AUDIT_PAGE_SIZE,
    from: offset + 1,
    hasPrevious: query.page > 1,
    hasNext: offset + rows.length < total,
    upto: query.upto ?? (rows[0] ? Number(rows[0].id) : undefined),
    referenceNotFound: Boolean(query.reference) && matchedCases.length === 0,
    people: people.map((p) => ({ id: p.id, name: p.name })),
    events: rows.map((r) => ({
      id: Number(r.id),
      occurredAt: r.occurred_at,
      type: r.type,
      actorKind: r.actor_kind,
      actorName: r.actor_name ?? undefined,
      hasCase: r.case_id !== null,
      reference: r.reference ?? undefined,
      detail: detailOf(r.detail),
    })),
  };
}
export type AuditView = Awaited<ReturnType<typeof viewTeamAudit>>;

/** The chain check in words: intact, or the first event that does not match. */
export async function checkAuditChain(db: Db) {
  const result = await verifyAuditChain(db);
  const broken =
    result.brokenAt === undefined ? undefined : await auditEventHeader(db, result.brokenAt);
  return {
    ok: result.ok,
    checked: result.checked,
    checkedAt: new Date(),
    broken:
      result.brokenAt === undefined
        ? undefined
        : { id: result.brokenAt, occurredAt: broken?.occurred_at, type: broken?.type },
  };
}
export type ChainCheck = Awaited<ReturnType<typeof checkAuditChain>>;

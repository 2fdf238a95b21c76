import type { Db } from '../db/create-db.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import { breachDeadline, isApDecided, wasApToldInTime } from '../../domain/breach.js';
import type { BreachInput } from './breach.schema.js';

/**
 * The breach register (GDPR art. 33(5)): every (suspected) personal-data breach, with its
 * facts, effects and the remedial action taken, whether or not it was reported. The
 * description is written by staff about the incident; it should name cases by reference
 * only, never by their content (the form says so).
 */
export interface Breach {
  id: string;
  teamId: string;
  number: number;
  description: string;
  foundAt: Date;
  deadline: Date;
  caseRefs: string | null;
  peopleCount: number | null;
  risk: 'unknown' | 'none' | 'risk' | 'high';
  riskNotes: string | null;
  apNotifiedAt: Date | null;
  apReason: string | null;
  apInTime: boolean | undefined;
  apDecided: boolean;
  subjectsNotifiedAt: Date | null;
  subjectsReason: string | null;
  measures: string | null;
  closedAt: Date | null;
  recordedBy: string;
  createdAt: Date;
}

type Row = Awaited<ReturnType<typeof selectBreaches>>[number];

function selectBreaches(db: Db, teamIds: string[]) {
  return db
    .selectFrom('breach')
    .innerJoin('app_user', 'app_user.id', 'breach.recorded_by')
    .selectAll('breach')
    .select('app_user.display_name as recorder')
    .where('breach.team_id', 'in', teamIds)
    .orderBy('breach.found_at', 'desc')
    .execute();
}

function present(r: Row): Breach {
  const facts = {
    foundAt: r.found_at,
    apNotifiedAt: r.ap_notified_at,
    apReason: r.ap_reason,
    closedAt: r.closed_at,
  };
  return {
    id: r.id,
    teamId: r.team_id,
    number: r.seq,
    description: r.description,
    foundAt: r.found_at,
    deadline: breachDeadline(r.found_at),
    caseRefs: r.case_refs,
    peopleCount: r.people_count,
    risk: r.risk,
    riskNotes: r.risk_notes,
    apNotifiedAt: r.ap_notified_at,
    apReason: r.ap_reason,
    apInTime: wasApToldInTime(facts),
    apDecided: isApDecided(facts),
    subjectsNotifiedAt: r.subjects_notified_at,
    subjectsReason: r.subjects_reason,
    measures: r.measures,
    closedAt: r.closed_at,
    recordedBy: r.recorder,
    createdAt: r.created_at,
  };
}

/** The register of the given teams, newest discovery first. Reading it is audited by the caller's route. */
export async function listBreaches(db: Db, teamIds: string[]): Promise<Breach[]> {
  if (teamIds.length === 0) return [];
  return (await selectBreaches(db, teamIds)).map(present);
}

export async function getBreach(
  db: Db,
  teamId: string,
  id: string,
  actor: AuditActor,
): Promise<Breach> {
  const row = (await selectBreaches(db, [teamId])).find((r) => r.id === id);
  if (!row) throw new AppError('NOT_FOUND');
  await recordAudit(db, { type: 'BREACH_VIEWED', actor, teamId, detail: { breachId: id } });
  return present(row);
}

function columns(input: BreachInput, now: Date) {
  return {
    description: input.description,
    found_at: input.foundAt,
    case_refs: input.caseRefs ?? null,
    people_count: input.peopleCount ?? null,
    risk: input.risk,
    risk_notes: input.riskNotes ?? null,
    ap_notified_at: input.apNotifiedAt ?? null,
    ap_reason: input.apReason ?? null,
    subjects_notified_at: input.subjectsNotifiedAt ?? null,
    subjects_reason: input.subjectsReason ?? null,
    measures: input.measures ?? null,
    updated_at: now,
  };
}

/** What the audit trail keeps of a breach record: which facts are filled in, never the text. */
function auditDetail(id: string, input: BreachInput) {
  return {
    breachId: id,
    risk: input.risk,
    peopleCount: input.peopleCount ?? null,
    apNotified: Boolean(input.apNotifiedAt),
    apReason: Boolean(input.apReason),
    subjectsNotified: Boolean(input.subjectsNotifiedAt),
    closed: input.closed === 'yes',
  };
}

export async function recordBreach(
  trx: Db,
  teamId: string,
  input: BreachInput,
  actor: { kind: 'user'; userId: string },
): Promise<string> {
  const now = new Date();
  await trx
    .selectFrom('team')
    .select('id')
    .where('id', '=', teamId)
    .forUpdate()
    .executeTakeFirstOrThrow(); // numbers the team's breaches one after the other
  const last = await trx
    .selectFrom('breach')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('team_id', '=', teamId)
    .executeTakeFirst();
  const row = await trx
    .insertInto('breach')
    .values({
      team_id: teamId,
      seq: Number(last?.seq ?? 0) + 1,
      recorded_by: actor.userId,
      closed_at: input.closed ? now : null,
      ...columns(input, now),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, {
    type: 'BREACH_RECORDED',
    actor,
    teamId,
    detail: auditDetail(row.id, input),
  });
  return row.id;
}

export async function updateBreach(
  trx: Db,
  teamId: string,
  id: string,
  input: BreachInput,
  actor: AuditActor,
): Promise<void> {
  const now = new Date();
  const existing = await trx
    .selectFrom('breach')
    .select(['closed_at'])
    .where('id', '=', id)
    .where('team_id', '=', teamId)
    .forUpdate()
    .executeTakeFirst();
  if (!existing) throw new AppError('NOT_FOUND');
  const closedAt = input.closed ? (existing.closed_at ?? now) : null;
  await trx
    .updateTable('breach')
    .set({ ...columns(input, now), closed_at: closedAt })
    .where('id', '=', id)
    .execute();
  await recordAudit(trx, { type: 'BREACH_UPDATED', actor, teamId, detail: auditDetail(id, input) });
}

import { z } from 'zod';
import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { recordAudit } from '../audit/audit.service.js';
import { keyById, teamInstitutionKey } from '../keys/institution-keys.js';
import { openText, seal } from '../crypto/seal.js';
import { AppError } from '../http/errors.js';
import { hasRole, teamsWithRole } from '../../domain/roles.js';
import { detectPii } from '../../domain/pii-detector.js';
import {
  loadCaseContext,
  findConflictedCaseIds,
  type StaffCaseContext,
} from '../cases/case-context.js';
import { isoDate, text } from '../http/schemas.js';
import type { SessionUser } from '../users/users.service.js';

/** The functions that take part in the zorgoverleg (seeds/004; each institution names them its own way). */
export const MDO_FUNCTIONS = [
  'deans_office',
  'study_career_coaches',
  'confidential_advisers',
  'mentors',
  'legal_affairs',
  'security',
  'safety_coordinator',
] as const;
const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
export const MeetingInput = z.object({
  heldOn: isoDate,
  participants: z.preprocess(list, z.array(z.enum(MDO_FUNCTIONS, { error: 'validation.choose' }))),
});
export const AgendaInput = z.object({
  meetingId: z.string().uuid({ error: 'validation.choose' }),
  summary: text(3000),
});
export const DecisionInput = z.object({ decision: text(3000) });
export const MinutesInput = z.object({ minutes: text(20000) });

/** The one rule error (http/rule-error.ts), under this feature's earlier name. */
import { RuleError as MdoRuleError } from '../http/rule-error.js';
export { MdoRuleError };

/** The multidisciplinary consultation is run by the team's coordinators. */
const isCoordinatorOf = (user: SessionUser, teamId: string) =>
  hasRole(user.memberships, teamId, ['safety_coordinator']);

export async function listMeetings(db: Db, user: SessionUser) {
  const teams = teamsWithRole(user.memberships, ['safety_coordinator', 'confidential_adviser']);
  if (teams.length === 0) return [];
  return db
    .selectFrom('mdo_meeting')
    .select(['id', 'held_on', 'team_id'])
    .where('team_id', 'in', teams)
    .orderBy('held_on', 'desc')
    .execute();
}

export async function createMeeting(
  trx: Db,
  user: SessionUser,
  teamId: string,
  heldOn: string,
  participants: readonly string[] = [],
) {
  if (!isCoordinatorOf(user, teamId)) throw new AppError('FORBIDDEN');
  const joined = [...new Set(participants)].join(',');
  const row = await trx
    .insertInto('mdo_meeting')
    .values({ team_id: teamId, held_on: heldOn, participants: joined, created_by: user.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, {
    type: 'MDO_MEETING_CREATED',
    actor: { kind: 'user', userId: user.id },
    teamId,
    detail: { meetingId: row.id, heldOn, participants: joined },
  });
  return row.id;
}

/** Puts a case on a meeting's agenda with an anonymised summary; refused while the detector flags anything. */
export async function addCaseToAgenda(
  trx: Db,
  work: StaffCaseContext,
  input: z.infer<typeof AgendaInput>,
) {
  const meeting = await trx
    .selectFrom('mdo_meeting')
    .select(['id', 'team_id'])
    .where('id', '=', input.meetingId)
    .executeTakeFirst();
  if (!meeting || meeting.team_id !== work.teamId) throw new AppError('NOT_FOUND');
  if (detectPii(input.summary).length > 0) throw new MdoRuleError('summary', 'mdo.error.pii');
  const row = await trx
    .insertInto('mdo_item')
    .values({
      meeting_id: meeting.id,
      case_id: work.id,
      summary: work.sealRow(input.summary, 'mdo-summary', meeting.id),
      added_by: work.userId,
    }) // one item per case and meeting: bound to the meeting
    .onConflict((oc) =>
      oc
        .columns(['meeting_id', 'case_id'])
        .doUpdateSet({ summary: work.sealRow(input.summary, 'mdo-summary', meeting.id) }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  await work.audit(trx, 'MDO_CASE_ADDED', { meetingId: meeting.id, itemId: row.id });
}

/** The agenda: anonymised summaries and decisions only — no references, no links to cases. */
export async function getAgenda(db: Db, keyring: Keyring, user: SessionUser, meetingId: string) {
  const meeting = await db
    .selectFrom('mdo_meeting')
    .selectAll()
    .where('id', '=', meetingId)
    .executeTakeFirst();
  if (
    !meeting ||
    !hasRole(user.memberships, meeting.team_id, ['safety_coordinator', 'confidential_adviser'])
  )
    throw new AppError('NOT_FOUND');
  const all = await db
    .selectFrom('mdo_item')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('id')
    .execute();
  // Whoever declared a conflict of interest in a case sees nothing of it here either.
  const conflicted = await findConflictedCaseIds(
    db,
    user.id,
    all.map((i) => i.case_id),
  );
  const items = all.filter((i) => !conflicted.has(i.case_id));
  const out = [];
  for (const [i, item] of items.entries()) {
    const work = await loadCaseContext(db, keyring, item.case_id, {
      kind: 'checked',
      userId: user.id,
    });
    out.push({
      id: item.id,
      number: i + 1,
      summary: work.openRowText(item.summary, 'mdo-summary', item.meeting_id),
      decision: work.openRowOptional(item.decision, 'mdo-decision', item.meeting_id),
    });
  }
  await db.transaction().execute((trx) =>
    recordAudit(trx, {
      type: 'MDO_AGENDA_VIEWED',
      actor: { kind: 'user', userId: user.id },
      teamId: meeting.team_id,
      detail: {
        meetingId,
        items: items.length,
        withheld: conflicted.size,
        minutes: Boolean(meeting.minutes),
      },
    }),
  );
  return {
    id: meeting.id,
    heldOn: meeting.held_on,
    minutes:
      meeting.minutes && meeting.minutes_key_id
        ? openText(
            await keyById(db, keyring, meeting.minutes_key_id),
            meeting.minutes,
            minutesAad(meeting.id),
          )
        : null,
    participants: meeting.participants ? meeting.participants.split(',') : [],
    canDecide: isCoordinatorOf(user, meeting.team_id),
    items: out,
  };
}
export type AgendaView = Awaited<ReturnType<typeof getAgenda>>;

/** The meeting's decision for one case, recorded back into that case (sealed with its key, audited on the case). */
export async function recordDecision(
  db: Db,
  keyring: Keyring,
  user: SessionUser,
  itemId: string,
  decision: string,
) {
  const item = await db
    .selectFrom('mdo_item')
    .innerJoin('mdo_meeting', 'mdo_meeting.id', 'mdo_item.meeting_id')
    .select([
      'mdo_item.id',
      'mdo_item.case_id',
      'mdo_meeting.team_id',
      'mdo_meeting.id as meeting_id',
    ])
    .where('mdo_item.id', '=', itemId)
    .executeTakeFirst();
  if (
    !item ||
    !isCoordinatorOf(user, item.team_id) ||
    (await findConflictedCaseIds(db, user.id, [item.case_id])).size > 0
  )
    throw new AppError('NOT_FOUND');
  const work = await loadCaseContext(db, keyring, item.case_id, {
    kind: 'checked',
    userId: user.id,
  });
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('mdo_item')
      .set({
        decision: work.sealRow(decision, 'mdo-decision', item.meeting_id),
        decided_at: new Date(),
      })
      .where('id', '=', item.id)
      .execute();
    await work.audit(trx, 'MDO_DECISION_RECORDED', { meetingId: item.meeting_id, itemId: item.id });
  });
  return item.meeting_id;
}

const minutesAad = (meetingId: string) => `mdo-minutes:${meetingId}`;

/**
 * The minutes of the meeting as a whole: kept with the meeting, sealed with the institution key (a
 * meeting has no case key), refused while the detector finds anything that could identify —
 * what concerns one case goes into that case as its decision. Replaces earlier minutes; audited.
 */
export async function recordMinutes(
  db: Db,
  keyring: Keyring,
  user: SessionUser,
  meetingId: string,
  minutes: string,
) {
  const meeting = await db
    .selectFrom('mdo_meeting')
    .select(['id', 'team_id'])
    .where('id', '=', meetingId)
    .executeTakeFirst();
  if (!meeting || !isCoordinatorOf(user, meeting.team_id)) throw new AppError('NOT_FOUND');
  if (detectPii(minutes).length > 0) throw new MdoRuleError('minutes', 'mdo.error.pii');
  // Sealed by the institution's key (decision 037).
  const wrapping = await teamInstitutionKey(db, keyring, meeting.team_id);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('mdo_meeting')
      .set({
        minutes: seal(wrapping.key, minutes, minutesAad(meeting.id)),
        minutes_key_id: wrapping.keyId,
      })
      .where('id', '=', meeting.id)
      .execute();
    await recordAudit(trx, {
      type: 'MDO_MINUTES_RECORDED',
      actor: { kind: 'user', userId: user.id },
      teamId: meeting.team_id,
      detail: { meetingId: meeting.id },
    });
  });
}

/** The case's own view: on which agendas it was, with what summary and decision. */
export async function listCaseMdoItems(db: Db, work: StaffCaseContext) {
  const rows = await db
    .selectFrom('mdo_item')
    .innerJoin('mdo_meeting', 'mdo_meeting.id', 'mdo_item.meeting_id')
    .select([
      'mdo_item.id',
      'mdo_item.meeting_id',
      'mdo_meeting.held_on',
      'summary',
      'decision',
      'decided_at',
    ])
    .where('case_id', '=', work.id)
    .orderBy('held_on')
    .execute();
  await db
    .transaction()
    .execute((trx) => work.audit(trx, 'MDO_CASE_ITEMS_VIEWED', { items: rows.length }));
  return rows.map((r) => ({
    heldOn: r.held_on,
    summary: work.openRowText(r.summary, 'mdo-summary', r.meeting_id),
    decision: work.openRowOptional(r.decision, 'mdo-decision', r.meeting_id),
    decidedAt: r.decided_at,
  }));
}

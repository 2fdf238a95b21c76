import crypto from 'node:crypto';
import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { recordAudit } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import { loadCaseContext, findConflictedCaseIds } from '../cases/case-context.js';
import type { SessionUser } from '../users/users.service.js';
import { canReadConsultation, consultationTeamIds } from './expert.policy.js';
import { findConsultationRow, listAdviceRows, listPublishedRows } from './expert.queries.js';
import { hasRole } from '../../domain/roles.js';
import { expertMaySee } from '../../domain/expert-disciplines.js';
import { listConsultationDisciplines, memberDisciplines } from './disciplines.service.js';

/** The team's coordinator sees every consultation; a member only those addressed to one of their disciplines (or to none). */
async function filterByDiscipline<R extends { id: string; team_id: string }>(
  db: Db,
  user: SessionUser,
  rows: R[],
): Promise<R[]> {
  const [addressed, mine] = await Promise.all([
    listConsultationDisciplines(
      db,
      rows.map((r) => r.id),
    ),
    memberDisciplines(db, user.id),
  ]);
  return rows.filter(
    (r) =>
      hasRole(user.memberships, r.team_id, ['safety_coordinator']) ||
      expertMaySee(mine.get(r.team_id) ?? [], addressed.get(r.id) ?? []),
  );
}

/**
 * The expert team's side: published, anonymised consultations of their team — the summary and
 * the advice, nothing of the case itself (no reference, no parties, no link).
 */
export async function listConsultationsForExpert(db: Db, user: SessionUser) {
  const all = await listPublishedRows(db, consultationTeamIds(user.memberships));
  const conflicted = await findConflictedCaseIds(
    db,
    user.id,
    all.map((r) => r.case_id),
  );
  const rows = await filterByDiscipline(
    db,
    user,
    all.filter((r) => !conflicted.has(r.case_id)),
  );
  return rows.map((r) => ({
    id: r.id,
    publishedOn: r.published_at?.toISOString().slice(0, 10) ?? '',
  }));
}

async function loadForExpert(db: Db, keyring: Keyring, user: SessionUser, consultationId: string) {
  const row = await findConsultationRow(db, consultationId);
  // The case pages' conflict-of-interest rule: a declared conflict shuts the user out here too.
  const isConflicted =
    row !== undefined && (await findConflictedCaseIds(db, user.id, [row.case_id])).size > 0;
  const ofDiscipline =
    row !== undefined && (await filterByDiscipline(db, user, [row])).length === 1;
  if (
    !row ||
    isConflicted ||
    !ofDiscipline ||
    !canReadConsultation(user.memberships, { teamId: row.team_id, status: row.status })
  ) {
    await db.transaction().execute((trx) =>
      recordAudit(trx, {
        type: 'CONSULTATION_ACCESS_REFUSED',
        actor: { kind: 'user', userId: user.id },
        teamId: row?.team_id ?? null,
        detail: { consultationId, conflict: isConflicted },
      }),
    );
    throw new AppError('NOT_FOUND');
  }
  const work = await loadCaseContext(db, keyring, row.case_id, {
    kind: 'checked',
    userId: user.id,
  });
  return { row, work };
}

export async function getConsultationForExpert(
  db: Db,
  keyring: Keyring,
  user: SessionUser,
  consultationId: string,
) {
  const { row, work } = await loadForExpert(db, keyring, user, consultationId);
  const advice = await listAdviceRows(db, row.id);
  await db
    .transaction()
    .execute((trx) => work.audit(trx, 'CONSULTATION_VIEWED', { consultationId, asExpert: true }));
  return {
    id: row.id,
    publishedOn: row.published_at?.toISOString().slice(0, 10) ?? '',
    summary: work.openRowText(row.summary, 'consultation-summary', row.id),
    advice: advice.map((a) => ({
      author: a.author,
      at: a.created_at,
      text: work.openRowText(a.advice, 'consultation-advice', a.id),
    })),
  };
}
export type ExpertConsultationView = Awaited<ReturnType<typeof getConsultationForExpert>>;

/** An expert's advice; it returns to the case (the adviser reads it on the case's consultation page). */
export async function addAdvice(
  db: Db,
  keyring: Keyring,
  user: SessionUser,
  consultationId: string,
  advice: string,
) {
  const { row, work } = await loadForExpert(db, keyring, user, consultationId);
  await db.transaction().execute(async (trx) => {
    const adviceId = crypto.randomUUID(); // the sealed advice is bound to its row
    const added = await trx
      .insertInto('expert_advice')
      .values({
        id: adviceId,
        consultation_id: row.id,
        author_id: user.id,
        advice: work.sealRow(advice, 'consultation-advice', adviceId),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await work.audit(trx, 'CONSULTATION_ADVICE_ADDED', { consultationId, adviceId: added.id });
  });
}

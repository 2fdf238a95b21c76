import crypto from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { openText, seal } from '../crypto/seal.js';
import { keyById, teamInstitutionKey } from '../keys/institution-keys.js';
import { recordAudit } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import { isoDate, text } from '../http/schemas.js';

/** A complaint about procedure is answered within six weeks (Awb 9:11). */
export const RESPOND_WITHIN_DAYS = 42;
export const ComplaintInput = z.object({ receivedOn: isoDate, subject: text(4000) });
/** How a complaint about procedure ended, counted in the ombudsperson's aggregates (issue 21). */
export const COMPLAINT_OUTCOMES = ['upheld', 'partly_upheld', 'not_upheld', 'withdrawn'] as const;
export const CloseInput = z.object({
  outcome: text(4000),
  outcomeKind: z.enum(COMPLAINT_OUTCOMES, { error: 'validation.choose' }),
});
export const AdviceInput = z.object({ advice: text(6000) });
export const AnswerInput = z.object({ answer: text(6000) });

const aad = (kind: string, id: string) => `ombuds:${kind}:${id}`;
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The ombudsperson's own records — complaints about procedure and advice to the board — never a case. */
export function ombudsWork(db: Db, keyring: Keyring, actorId: string, teamId: string) {
  const actor = { kind: 'user' as const, userId: actorId };
  // Sealed by the institution's key (decision 037); records sealed earlier by a platform key
  // keep opening under it (their key id says which) until `keys rotate` re-seals them.
  const current = () => teamInstitutionKey(db, keyring, teamId);
  const sealNew = async (value: string, kind: string, id: string, keyId?: string) =>
    seal(keyId ? await keyById(db, keyring, keyId) : (await current()).key, value, aad(kind, id));
  const openIt = async (keyId: string, value: Buffer, kind: string, id: string) =>
    openText(await keyById(db, keyring, keyId), value, aad(kind, id));
  return {
    async recordComplaint(input: z.infer<typeof ComplaintInput>) {
      const id = crypto.randomUUID();
      const wrapping = await current();
      const subject = await sealNew(input.subject, 'complaint', id, wrapping.keyId);
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('procedure_complaint')
          .values({
            id,
            team_id: teamId,
            received_on: input.receivedOn,
            respond_by: addDays(input.receivedOn, RESPOND_WITHIN_DAYS),
            master_key_id: wrapping.keyId,
            subject,
            created_by: actorId,
          })
          .execute();
        await recordAudit(trx, {
          type: 'PROCEDURE_COMPLAINT_RECORDED',
          actor,
          teamId,
          detail: { complaintId: id },
        });
      });
    },
    async closeComplaint(id: string, input: z.infer<typeof CloseInput>, today: string) {
      const row = await db
        .selectFrom('procedure_complaint')
        .select(['id', 'status', 'master_key_id'])
        .where('id', '=', id)
        .where('team_id', '=', teamId)
        .executeTakeFirst();
      if (!row || row.status !== 'open') throw new AppError('NOT_FOUND');
      const outcome = await sealNew(input.outcome, 'complaint-outcome', id, row.master_key_id);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('procedure_complaint')
          .set({
            status: 'closed',
            closed_on: today,
            outcome,
            outcome_kind: input.outcomeKind,
          })
          .where('id', '=', id)
          .execute();
        await recordAudit(trx, {
          type: 'PROCEDURE_COMPLAINT_CLOSED',
          actor,
          teamId,
          detail: { complaintId: id, outcomeKind: input.outcomeKind },
        });
      });
    },
    /** The complaints per year received, by outcome ('open' while not closed): counts only. */
    async complaintOutcomeCounts(from: number, until: number) {
      const rows = await db
        .selectFrom('procedure_complaint')
        .select(['received_on', 'status', 'outcome_kind'])
        .where('team_id', '=', teamId)
        .where('received_on', '>=', `${from}-01-01`)
        .where('received_on', '<', `${until + 1}-01-01`)
        .execute();
      const counts = new Map<string, { year: number; key: string; count: number }>();
      for (const r of rows) {
        const year = Number(r.received_on.slice(0, 4));
        const key = r.status === 'open' ? 'open' : (r.outcome_kind ?? 'unrecorded');
        const entry = counts.get(`${year}:${key}`) ?? { year, key, count: 0 };
        entry.count += 1;
        counts.set(`${year}:${key}`, entry);
      }
      return [...counts.values()];
    },
    async auditAggregatesViewed(year: number) {
      await db
        .transaction()
        .execute((trx) =>
          recordAudit(trx, { type: 'OMBUDS_AGGREGATES_VIEWED', actor, teamId, detail: { year } }),
        );
    },
    async giveAdvice(input: z.infer<typeof AdviceInput>, today: string) {
      const id = crypto.randomUUID();
      const wrapping = await current();
      const advice = await sealNew(input.advice, 'advice', id, wrapping.keyId);
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('board_advice')
          .values({
            id,
            team_id: teamId,
            given_on: today,
            master_key_id: wrapping.keyId,
            advice,
            created_by: actorId,
          })
          .execute();
        await recordAudit(trx, {
          type: 'BOARD_ADVICE_GIVEN',
          actor,
          teamId,
          detail: { adviceId: id },
        });
      });
    },
    async answerAdvice(id: string, input: z.infer<typeof AnswerInput>, today: string) {
      const row = await db
        .selectFrom('board_advice')
        .select(['id', 'answer', 'master_key_id'])
        .where('id', '=', id)
        .where('team_id', '=', teamId)
        .executeTakeFirst();
      if (!row || row.answer) throw new AppError('NOT_FOUND');
      const answer = await sealNew(input.answer, 'advice-answer', id, row.master_key_id);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('board_advice')
          .set({
            answer,
            answered_on: today,
            answered_by: actorId,
          })
          .where('id', '=', id)
          .execute();
        await recordAudit(trx, {
          type: 'BOARD_ADVICE_ANSWERED',
          actor,
          teamId,
          detail: { adviceId: id },
        });
      });
    },
    async complaints(today: string) {
      const rows = await db
        .selectFrom('procedure_complaint')
        .selectAll()
        .where('team_id', '=', teamId)
        .orderBy('received_on', 'desc')
        .execute();
      await db.transaction().execute((trx) =>
        recordAudit(trx, {
          type: 'OMBUDS_WORK_VIEWED',
          actor,
          teamId,
          detail: { complaints: rows.length },
        }),
      );
      return Promise.all(
        rows.map(async (r) => ({
          id: r.id,
          receivedOn: r.received_on,
          respondBy: r.respond_by,
          status: r.status,
          closedOn: r.closed_on,
          isOverdue: r.status === 'open' && r.respond_by < today,
          subject: await openIt(r.master_key_id, r.subject, 'complaint', r.id),
          outcome: r.outcome
            ? await openIt(r.master_key_id, r.outcome, 'complaint-outcome', r.id)
            : null,
        })),
      );
    },
    async advice() {
      const rows = await db
        .selectFrom('board_advice')
        .selectAll()
        .where('team_id', '=', teamId)
        .orderBy('given_on', 'desc')
        .execute();
      return Promise.all(
        rows.map(async (r) => ({
          id: r.id,
          givenOn: r.given_on,
          advice: await openIt(r.master_key_id, r.advice, 'advice', r.id),
          answer: r.answer ? await openIt(r.master_key_id, r.answer, 'advice-answer', r.id) : null,
          answeredOn: r.answered_on,
        })),
      );
    },
  };
}

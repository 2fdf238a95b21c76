import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { createCase } from '../cases/cases.service.js';
import { INTAKE_FORM_VERSION, type IntakeInput } from './intake.schema.js';
import { receiptFor, receiptHash } from './receipt.js';
import { addAttachments } from '../attachments/attachments.service.js';
import type { CleanFile } from '../attachments/upload-rules.js';
import { getCaseSealer } from '../mailbox/case-key.js';

export interface Acknowledgement {
  reference: string;
  receipt?: string;
  ackDays: number;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Registers a report from the public form. Idempotent per idempotency key: a retried
 * submission (a double click, a reload after a crash) gets the acknowledgement of the first.
 */
export async function submitIntake(
  db: Db,
  keyring: Keyring,
  teamId: string,
  input: IntakeInput,
  today: string,
  files: CleanFile[] = [],
): Promise<Acknowledgement> {
  const existing = await findAcknowledgement(db, keyring, input.idempotencyKey);
  if (existing) return existing;
  const anonymous = input.anonymous === 'yes';
  const receipt = anonymous ? receiptFor(keyring, input.idempotencyKey) : undefined;
  try {
    return await db.transaction().execute(async (trx) => {
      const created = await createCase(
        trx,
        keyring,
        {
          teamId,
          source: 'intake',
          receivedOn: today,
          channel: 'web_form',
          via: 'self',
          reporterRole: input.reporterRole,
          reporterGender: 'not_stated',
          category: input.category,
          subtype: input.subtype,
          location: input.location,
          accusedRole: input.accusedRole,
          reporterGoal: input.goal,
          isAnonymous: anonymous,
          formVersion: INTAKE_FORM_VERSION,
          receiptHash: receipt ? receiptHash(keyring, receipt) : undefined,
          idempotencyKey: input.idempotencyKey,
          narrative: input.narrative,
          reporter: anonymous ? undefined : { name: input.name!, contact: input.contact! },
        },
        { kind: 'reporter' },
      );
      if (files.length > 0) {
        const sealer = await getCaseSealer(trx, keyring, created.id);
        await addAttachments(trx, sealer, files, { uploadedBy: 'reporter', actor: { kind: 'reporter' } });
      }
      const team = await trx.selectFrom('team').select('ack_days').where('id', '=', teamId).executeTakeFirstOrThrow();
      return { reference: created.reference, receipt, ackDays: team.ack_days };
    });
  } catch (err) {
    if ((err as { code?: string }).code === UNIQUE_VIOLATION) {
      const raced = await findAcknowledgement(db, keyring, input.idempotencyKey);
      if (raced) return raced;
    }
    throw err;
  }
}

export async function findAcknowledgement(db: Db, keyring: Keyring, idempotencyKey: string): Promise<Acknowledgement | undefined> {
  const row = await db
    .selectFrom('case')
    .innerJoin('team', 'team.id', 'case.team_id')
    .select(['case.reference', 'case.is_anonymous', 'team.ack_days'])
    .where('case.idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    reference: row.reference,
    receipt: row.is_anonymous ? receiptFor(keyring, idempotencyKey) : undefined,
    ackDays: row.ack_days,
  };
}

/** The case a browser just reported, for follow-up steps on the acknowledgement (24 hours). */
export async function findRecentIntakeCaseId(db: Db, idempotencyKey: string, now = new Date()): Promise<string | undefined> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(idempotencyKey)) return undefined;
  const row = await db
    .selectFrom('case')
    .select('id')
    .where('idempotency_key', '=', idempotencyKey)
    .where('created_at', '>', new Date(now.getTime() - 24 * 3600_000))
    .executeTakeFirst();
  return row?.id;
}

import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { createCase, type NewCase } from '../cases/cases.service.js';
import { markCaseUrgent } from '../urgent/urgent.service.js';
import { accusedIdentifiers, INTAKE_FORM_VERSION, type IntakeInput } from './intake.schema.js';
import { parseHappened, viaForBehalf } from '../../domain/intake-answers.js';
import { recordAudit } from '../audit/audit.service.js';
import { addAccusedIdentifiers } from '../patterns/identifiers.service.js';
import { UNDEFINED_ORG_UNIT } from './intake-options.js';
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
  verifiedBy?: 'oidc' | 'saml', // issue 9: name and e-mail confirmed by the institution's sign-in
): Promise<Acknowledgement> {
  const existing = await findAcknowledgement(db, keyring, input.idempotencyKey);
  if (existing) return existing;
  const anonymous = input.anonymous === 'yes';
  const receipt = anonymous ? receiptFor(keyring, input.idempotencyKey) : undefined;
  try {
    return await db.transaction().execute(async (trx) => {
      const created = await createCase(trx, keyring, newCaseFrom(teamId, input, today, receipt ? receiptHash(keyring, receipt) : undefined, anonymous ? undefined : verifiedBy), { kind: 'reporter' });
      if (verifiedBy && !anonymous) await recordAudit(trx, { type: 'REPORTER_IDENTITY_VERIFIED', actor: { kind: 'reporter' }, teamId, caseId: created.id, detail: { provider: verifiedBy } });
      await addIntakeDetails(trx, keyring, created.id, teamId, input, files);
      if (input.urgent === 'yes') await markCaseUrgent(trx, created.id, { kind: 'reporter' }); // issue 11
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

function newCaseFrom(teamId: string, input: IntakeInput, today: string, hash: Buffer | undefined, verifiedBy?: 'oidc' | 'saml'): NewCase {
  const anonymous = input.anonymous === 'yes';
  const accused = input.accusedName || input.accusedUnit ? { name: input.accusedName ?? '', contact: input.accusedUnit ?? '' } : undefined;
  return {
    teamId,
    source: 'intake',
    receivedOn: today,
    channel: 'web_form',
    via: viaForBehalf(input.behalf),
    reporterRole: input.reporterRole,
    reporterGender: input.gender ?? 'not_stated',
    orgUnitKey: input.orgUnit && input.orgUnit !== UNDEFINED_ORG_UNIT ? input.orgUnit : undefined,
    category: input.category,
    subtype: input.subtype,
    location: input.location,
    accusedRole: input.accusedRole,
    reporterGoal: input.goal,
    isAnonymous: anonymous,
    formVersion: INTAKE_FORM_VERSION,
    receiptHash: hash,
    idempotencyKey: input.idempotencyKey,
    narrative: input.narrative,
    reporter: anonymous ? undefined : { name: input.name!, contact: input.contact!, ...(verifiedBy ? { verifiedBy } : {}) },
    accused,
    preferredAdviserId: input.adviser,
  };
}

/**
 * What the question pages add to a new case: when it happened (sealed), the preferred channel,
 * on whose behalf, the identifiers of the accused (sealed and blind-indexed), the chosen adviser, the evidence.
 */
async function addIntakeDetails(trx: Db, keyring: Keyring, caseId: string, teamId: string, input: IntakeInput, files: CleanFile[]) {
  const sealer = await getCaseSealer(trx, keyring, caseId);
  const happened = input.happenedUnsure === 'yes' ? undefined : parseHappened(input.happenedDay, input.happenedMonth, input.happenedYear, new Date());
  await trx
    .updateTable('case')
    .set({
      happened: happened && happened !== 'invalid' ? sealer.seal(happened, 'happened') : null,
      preferred_channel: input.channel ?? null,
      behalf: input.behalf ?? 'self',
      assigned_adviser_id: input.adviser ?? null,
    })
    .where('id', '=', caseId)
    .execute();
  if (input.adviser) {
    await recordAudit(trx, { type: 'CASE_ASSIGNED', actor: { kind: 'reporter' }, teamId, caseId, detail: { adviserId: input.adviser, previousAdviserId: null, hasReason: false, chosenByReporter: true } });
  }
  const identifiers = accusedIdentifiers(input);
  if (identifiers.length > 0) await addAccusedIdentifiers(trx, keyring, caseId, identifiers, { kind: 'reporter' });
  if (files.length > 0) await addAttachments(trx, sealer, files, { uploadedBy: 'reporter', actor: { kind: 'reporter' } });
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

import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { createCase, type NewCase } from '../cases/cases.service.js';
import { markCaseUrgent } from '../urgent/urgent.service.js';
import { accusedIdentifiers, INTAKE_FORM_VERSION, type IntakeInput } from './intake.schema.js';
import { parseHappened, viaForBehalf } from '../../domain/intake-answers.js';
import { recordAudit } from '../audit/audit.service.js';
import { addAccusedIdentifiers } from '../patterns/identifiers.service.js';
import { UNDEFINED_ORG_UNIT } from './intake-options.js';
import { intakeKeyHash, newReceipt, openReceipt, receiptHash, sealReceipt } from './receipt.js';
import { addAttachments } from '../attachments/attachments.service.js';
import type { CleanFile } from '../attachments/upload-rules.js';
import { loadCaseContext } from '../cases/case-context.js';

export interface Acknowledgement {
  caseId: string;
  reference: string;
  anonymous: boolean;
  receipt?: string;
  ackDays: number;
}

const UNIQUE_VIOLATION = '23505';

/** Which browser sent a submission, and the idempotency key it carried (docs/decisions/022). */
export interface IntakeOrigin {
  browserKey: string;
  idempotencyKey: string;
}

/** How long a browser's retry finds its report (and the follow-up steps their case). */
const RETRY_WINDOW_MS = 24 * 3600_000;

/**
 * Registers a report from the public form. Idempotent per idempotency key and browser: a
 * retried submission from the same browser (a double click, a reload after a crash) gets the
 * acknowledgement of the first; from another browser it is a new report and shows nothing of
 * the first.
 */
export async function submitIntake(
  db: Db,
  keyring: Keyring,
  teamId: string,
  input: IntakeInput,
  origin: IntakeOrigin,
  today: string,
  files: CleanFile[] = [],
  verifiedBy?: 'oidc' | 'saml', // issue 9: name and e-mail confirmed by the institution's sign-in
): Promise<Acknowledgement> {
  await forgetExpiredIntakeKeys(db);
  const existing = await findAcknowledgement(db, keyring, origin);
  if (existing) return existing;
  const anonymous = input.anonymous === 'yes';
  const receipt = anonymous ? newReceipt() : undefined;
  const keyHash = intakeKeyHash(keyring, origin.browserKey, origin.idempotencyKey);
  try {
    return await db.transaction().execute(async (trx) => {
      const created = await createCase(
        trx,
        keyring,
        newCaseFrom(
          teamId,
          input,
          today,
          keyHash,
          receipt ? receiptHash(keyring, receipt) : undefined,
          anonymous ? undefined : verifiedBy,
        ),
        { kind: 'reporter' },
      );
      if (verifiedBy && !anonymous)
        await recordAudit(trx, {
          type: 'REPORTER_IDENTITY_VERIFIED',
          actor: { kind: 'reporter' },
          teamId,
          caseId: created.id,
          detail: { provider: verifiedBy },
        });
      await addIntakeDetails(trx, keyring, created.id, teamId, input, files);
      if (receipt)
        await trx
          .updateTable('case')
          .set({
            receipt_sealed: sealReceipt(
              keyring,
              origin.browserKey,
              origin.idempotencyKey,
              created.id,
              receipt,
            ),
          })
          .where('id', '=', created.id)
          .execute();
      if (input.urgent === 'yes') await markCaseUrgent(trx, created.id, { kind: 'reporter' }); // issue 11
      const team = await trx
        .selectFrom('team')
        .select('ack_days')
        .where('id', '=', teamId)
        .executeTakeFirstOrThrow();
      return {
        caseId: created.id,
        reference: created.reference,
        anonymous,
        receipt,
        ackDays: team.ack_days,
      };
    });
  } catch (err) {
    if ((err as { code?: string }).code === UNIQUE_VIOLATION) {
      const raced = await findAcknowledgement(db, keyring, origin);
      if (raced) return raced;
    }
    throw err;
  }
}

function newCaseFrom(
  teamId: string,
  input: IntakeInput,
  today: string,
  keyHash: Buffer,
  hash: Buffer | undefined,
  verifiedBy?: 'oidc' | 'saml',
): NewCase {
  const anonymous = input.anonymous === 'yes';
  const accused =
    input.accusedName || input.accusedUnit
      ? { name: input.accusedName ?? '', contact: input.accusedUnit ?? '' }
      : undefined;
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
    intakeKeyHash: keyHash,
    narrative: input.narrative,
    reporter: anonymous
      ? undefined
      : { name: input.name!, contact: input.contact!, ...(verifiedBy ? { verifiedBy } : {}) },
    accused,
    preferredAdviserId: input.adviser,
  };
}

/**
 * What the question pages add to a new case: when it happened (sealed), the preferred channel,
 * on whose behalf, the identifiers of the accused (sealed and blind-indexed), the chosen adviser, the evidence.
 */
async function addIntakeDetails(
  trx: Db,
  keyring: Keyring,
  caseId: string,
  teamId: string,
  input: IntakeInput,
  files: CleanFile[],
) {
  const sealer = await loadCaseContext(trx, keyring, caseId, { kind: 'system' });
  const happened =
    input.happenedUnsure === 'yes'
      ? undefined
      : parseHappened(input.happenedDay, input.happenedMonth, input.happenedYear, new Date());
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
    await recordAudit(trx, {
      type: 'CASE_ASSIGNED',
      actor: { kind: 'reporter' },
      teamId,
      caseId,
      detail: {
        adviserId: input.adviser,
        previousAdviserId: null,
        hasReason: false,
        chosenByReporter: true,
      },
    });
  }
  const identifiers = accusedIdentifiers(input);
  if (identifiers.length > 0)
    await addAccusedIdentifiers(trx, keyring, caseId, identifiers, { kind: 'reporter' });
  if (files.length > 0)
    await addAttachments(trx, sealer, files, {
      uploadedBy: 'reporter',
      actor: { kind: 'reporter' },
    });
}

/**
 * The acknowledgement for a retry from the browser that filed the report, within a day; the
 * receipt code only while its sealed copy is kept (until the reporter confirms having saved it).
 */
export async function findAcknowledgement(
  db: Db,
  keyring: Keyring,
  origin: IntakeOrigin,
  now = new Date(),
): Promise<Acknowledgement | undefined> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(origin.idempotencyKey)) return undefined;
  const row = await db
    .selectFrom('case')
    .innerJoin('team', 'team.id', 'case.team_id')
    .select([
      'case.id',
      'case.reference',
      'case.is_anonymous',
      'case.receipt_sealed',
      'team.ack_days',
    ])
    .where(
      'case.intake_key_hash',
      '=',
      intakeKeyHash(keyring, origin.browserKey, origin.idempotencyKey),
    )
    .where('case.created_at', '>', new Date(now.getTime() - RETRY_WINDOW_MS))
    .executeTakeFirst();
  if (!row) return undefined;
  const receipt = row.receipt_sealed
    ? openReceipt(keyring, origin.browserKey, origin.idempotencyKey, row.id, row.receipt_sealed)
    : undefined;
  return {
    caseId: row.id,
    reference: row.reference,
    anonymous: row.is_anonymous,
    receipt,
    ackDays: row.ack_days,
  };
}

/** The case a browser just reported, for follow-up steps on the acknowledgement (24 hours). */
export async function findRecentIntakeCaseId(
  db: Db,
  keyring: Keyring,
  origin: IntakeOrigin,
  now = new Date(),
): Promise<string | undefined> {
  return (await findAcknowledgement(db, keyring, origin, now))?.caseId;
}

/** The reporter confirmed having saved the code: its sealed copy has served its purpose. */
export async function forgetReceipt(db: Db, caseId: string): Promise<void> {
  await db.updateTable('case').set({ receipt_sealed: null }).where('id', '=', caseId).execute();
}

/** After the retry window the keyed hash of the key and the sealed code have served their purpose. */
export async function forgetExpiredIntakeKeys(db: Db, now = new Date()): Promise<void> {
  await db
    .updateTable('case')
    .set({ intake_key_hash: null, receipt_sealed: null })
    .where('intake_key_hash', 'is not', null)
    .where('created_at', '<=', new Date(now.getTime() - RETRY_WINDOW_MS))
    .execute();
}

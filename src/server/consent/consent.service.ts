import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import {
  isCoveredByConsent,
  isCoveredByOverride,
  OVERRIDE_HOURS,
  type ObtainedVia,
  type ShareRequest,
} from '../../domain/consent.js';
import { listGrantRows, listOverrideRows, listSharesUnderConsent } from './consent.queries.js';
import { presentGrant, presentOverride, type ConsentEntry } from './consent.presenter.js';
import { loadCaseContext } from '../cases/case-context.js';

export type { ShareRequest };

export type ShareBasis =
  { basis: 'consent'; grantId: string } | { basis: 'acute_risk_override'; overrideId: string };

/**
 * THE check every sharing path makes (referral, expert consultation, escalation, export,
 * identity reveal) before anything leaves the case: returns what allows the share, or throws
 * CONSENT_REQUIRED. Call it inside the transaction that performs the share, so that a consent
 * withdrawn at the same moment cannot slip through; audit the share itself with its basis.
 */
export async function requireConsent(
  db: Db,
  caseId: string,
  request: ShareRequest,
  now = new Date(),
): Promise<ShareBasis> {
  const basis = await findShareBasis(db, caseId, request, now);
  if (!basis) throw new AppError('CONSENT_REQUIRED');
  return basis;
}

/** Like requireConsent, but answers undefined instead of throwing (for showing what is possible). */
export async function findShareBasis(
  db: Db,
  caseId: string,
  request: ShareRequest,
  now = new Date(),
): Promise<ShareBasis | undefined> {
  const grants = await db
    .selectFrom('consent_grant')
    .select(['id', 'info', 'recipient_kind', 'recipient', 'purpose', 'withdrawn_at'])
    .where('case_id', '=', caseId)
    .where('info', '=', request.info)
    .where('purpose', '=', request.purpose)
    .where('withdrawn_at', 'is', null)
    .forUpdate()
    .execute();
  const grant = grants.find((g) =>
    isCoveredByConsent(
      [
        {
          info: g.info,
          recipientKind: g.recipient_kind,
          recipient: g.recipient,
          purpose: g.purpose,
          withdrawnAt: g.withdrawn_at,
        },
      ],
      request,
    ),
  );
  if (grant) return { basis: 'consent', grantId: grant.id };
  const overrides = await db
    .selectFrom('consent_override')
    .select(['id', 'info', 'recipient_kind', 'recipient', 'purpose', 'expires_at'])
    .where('case_id', '=', caseId)
    .where('expires_at', '>', now)
    .execute();
  const override = overrides.find((o) =>
    isCoveredByOverride(
      [
        {
          info: o.info,
          recipientKind: o.recipient_kind,
          recipient: o.recipient,
          purpose: o.purpose,
          expiresAt: o.expires_at,
        },
      ],
      request,
      now,
    ),
  );
  return override ? { basis: 'acute_risk_override', overrideId: override.id } : undefined;
}

/** Records a refused share in its own transaction (the caller's transaction is rolled back by the error). */
export async function recordShareRefused(
  db: Db,
  teamId: string,
  caseId: string,
  request: ShareRequest,
  actor: AuditActor,
): Promise<void> {
  await db.transaction().execute((trx) =>
    recordAudit(trx, {
      type: 'SHARE_REFUSED',
      actor,
      teamId,
      caseId,
      detail: {
        info: request.info,
        recipientKind: request.recipient.kind,
        recipient: request.recipient.value,
        purpose: request.purpose,
      },
    }),
  );
}

export interface NewConsent extends ShareRequest {
  obtainedVia: ObtainedVia;
  note?: string;
}

export async function grantConsent(
  trx: Db,
  keyring: Keyring,
  c: { id: string; teamId: string },
  input: NewConsent,
  actor: AuditActor,
) {
  const sealer = await loadCaseContext(trx, keyring, c.id, { kind: 'system' });
  const row = await trx
    .insertInto('consent_grant')
    .values({
      case_id: c.id,
      info: input.info,
      recipient_kind: input.recipient.kind,
      recipient: input.recipient.value,
      purpose: input.purpose,
      obtained_via: input.obtainedVia,
      note: input.note ? sealer.seal(input.note, 'consent-note') : null,
      recorded_by: actor.kind === 'user' ? actor.userId! : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, {
    type: 'CONSENT_GRANTED',
    actor,
    teamId: c.teamId,
    caseId: c.id,
    detail: {
      consentId: row.id,
      info: input.info,
      recipientKind: input.recipient.kind,
      recipient: input.recipient.value,
      purpose: input.purpose,
      via: input.obtainedVia,
    },
  });
  return row.id;
}

/** Withdraws a consent; false when it does not belong to the case or is already withdrawn. */
export async function withdrawConsent(
  trx: Db,
  c: { id: string; teamId: string },
  consentId: string,
  via: ObtainedVia,
  actor: AuditActor,
): Promise<boolean> {
  const row = await trx
    .updateTable('consent_grant')
    .set({
      withdrawn_at: new Date(),
      withdrawn_by: actor.kind === 'user' ? actor.userId! : null,
      withdrawn_via: via,
    })
    .where('id', '=', consentId)
    .where('case_id', '=', c.id)
    .where('withdrawn_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!row) return false;
  await recordAudit(trx, {
    type: 'CONSENT_WITHDRAWN',
    actor,
    teamId: c.teamId,
    caseId: c.id,
    detail: { consentId, via },
  });
  return true;
}

/** Acute risk: allows exactly this share for OVERRIDE_HOURS without consent; the reason is sealed. */
export async function recordAcuteRiskOverride(
  trx: Db,
  keyring: Keyring,
  c: { id: string; teamId: string },
  input: ShareRequest & { reason: string },
  actor: { kind: 'user'; userId: string },
  now = new Date(),
) {
  const sealer = await loadCaseContext(trx, keyring, c.id, { kind: 'system' });
  const row = await trx
    .insertInto('consent_override')
    .values({
      case_id: c.id,
      info: input.info,
      recipient_kind: input.recipient.kind,
      recipient: input.recipient.value,
      purpose: input.purpose,
      reason: sealer.seal(input.reason, 'override-reason'),
      recorded_by: actor.userId,
      recorded_at: now,
      expires_at: new Date(now.getTime() + OVERRIDE_HOURS * 3600_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, {
    type: 'CONSENT_OVERRIDE_RECORDED',
    actor,
    teamId: c.teamId,
    caseId: c.id,
    detail: {
      overrideId: row.id,
      info: input.info,
      recipientKind: input.recipient.kind,
      recipient: input.recipient.value,
      purpose: input.purpose,
    },
  });
  return row.id;
}

/** The ledger for staff: every consent and override, with notes and reasons decrypted. */
export async function getConsentLedger(db: Db, keyring: Keyring, caseId: string) {
  const sealer = await loadCaseContext(db, keyring, caseId, { kind: 'system' });
  const [grants, overrides, uses] = await Promise.all([
    listGrantRows(db, caseId),
    listOverrideRows(db, caseId),
    listSharesUnderConsent(db, caseId),
  ]);
  return {
    consents: grants.map((g) => withShares(presentGrant(g, sealer), uses)),
    overrides: overrides.map((o) => presentOverride(o, sealer)),
  };
}

/** The ledger as the reporter sees it in the mailbox: what, to whom, why, when, how — no staff notes. */
export async function getReporterConsentLedger(db: Db, caseId: string) {
  const [grants, uses] = await Promise.all([
    listGrantRows(db, caseId),
    listSharesUnderConsent(db, caseId),
  ]);
  return grants.map((g) => withShares(presentGrant(g), uses));
}

/** The shares outside the institution made under each consent (issue 21): the ledger shows them. */
function withShares(
  entry: ConsentEntry,
  uses: Awaited<ReturnType<typeof listSharesUnderConsent>>,
): ConsentEntry {
  return {
    ...entry,
    shares: uses
      .filter((u) => u.ledger_basis_id === entry.id)
      .map((u) => ({ sharedOn: u.shared_on, recipient: u.partner_key })),
  };
}

import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { recordAudit } from '../audit/audit.service.js';
import { listAttachments } from '../attachments/attachments.service.js';
import { listAppointments } from '../appointments/appointments.service.js';
import { listLocations } from '../appointments/locations.service.js';
import { getCaseSealer } from './case-key.js';
import { getReporterConsentLedger } from '../consent/consent.service.js';
import { hasDisclosedIdentity } from './identity.service.js';
import { listMessages } from './messages.service.js';
import { listMinutes } from './minutes.service.js';
import { hasNotificationAddress } from './notification.service.js';

/** Everything the anonymous reporter sees in the mailbox; the read is audited. */
export async function getMailbox(db: Db, keyring: Keyring, caseId: string) {
  const sealer = await getCaseSealer(db, keyring, caseId);
  const row = await db
    .selectFrom('case')
    .select(['reference', 'status', 'received_on', 'ack_due_on', 'feedback_due_on', 'is_anonymous'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  const actor = { kind: 'reporter' } as const;
  const [messages, attachments, minutes, appointments, hasAddress, disclosed, consents, locations] =
    await Promise.all([
      listMessages(db, sealer, actor),
      listAttachments(db, sealer),
      listMinutes(db, sealer),
      listAppointments(db, sealer),
      hasNotificationAddress(db, caseId),
      hasDisclosedIdentity(db, caseId),
      getReporterConsentLedger(db, caseId),
      listLocations(db, sealer.teamId),
    ]);
  await db
    .transaction()
    .execute((trx) =>
      recordAudit(trx, { type: 'MAILBOX_VIEWED', actor, teamId: sealer.teamId, caseId }),
    );
  return {
    locations,
    reference: row.reference,
    status: row.status,
    receivedOn: row.received_on,
    ackDueOn: row.ack_due_on,
    feedbackDueOn: row.feedback_due_on,
    isAnonymous: row.is_anonymous,
    messages,
    attachments,
    minutes,
    appointments,
    hasAddress,
    disclosed,
    consents,
  };
}
export type MailboxView = Awaited<ReturnType<typeof getMailbox>>;

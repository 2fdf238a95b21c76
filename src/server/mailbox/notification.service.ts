import type { Db } from '../db/create-db.js';
import type { Mailer } from '../mail/mailer.js';
import type { Logger } from '../logger.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import type { SealedCase } from '../crypto/case-key.js';

/** The reporter's optional address for content-free notices, sealed with the case key. */
export async function setNotificationAddress(
  db: Db,
  sealer: SealedCase,
  email: string,
  actor: AuditActor,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const sealed = sealer.seal(email, 'notification-email');
    await trx
      .insertInto('reporter_notification')
      .values({ case_id: sealer.id, email: sealed })
      .onConflict((oc) =>
        oc.column('case_id').doUpdateSet({ email: sealed, updated_at: new Date() }),
      )
      .execute();
    await recordAudit(trx, {
      type: 'NOTIFICATION_ADDRESS_SET',
      actor,
      teamId: sealer.teamId,
      caseId: sealer.id,
    });
  });
}

export async function removeNotificationAddress(db: Db, sealer: SealedCase): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('reporter_notification').where('case_id', '=', sealer.id).execute();
    await recordAudit(trx, {
      type: 'NOTIFICATION_ADDRESS_REMOVED',
      actor: { kind: 'reporter' },
      teamId: sealer.teamId,
      caseId: sealer.id,
    });
  });
}

export async function hasNotificationAddress(db: Db, caseId: string): Promise<boolean> {
  return (
    (await db
      .selectFrom('reporter_notification')
      .select('case_id')
      .where('case_id', '=', caseId)
      .executeTakeFirst()) !== undefined
  );
}

export type NoticeKind = 'message' | 'minutes' | 'appointment';

const NOTICES: Record<NoticeKind, { subject: string; text: string }> = {
  message: {
    subject: 'Nieuw bericht / New message',
    text: 'Er staat een nieuw bericht voor je klaar in je berichtenbox. Open de berichtenbox op de website van het meldpunt om het te lezen.\n\nA new message is waiting for you. Sign in on the reporting point\u2019s website to read it.',
  },
  minutes: {
    subject: 'Verslag ter inzage / Minutes for review',
    text: 'Er staat een verslag voor je klaar om te lezen en goed te keuren.\n\nMinutes are waiting for you to read and approve.',
  },
  appointment: {
    subject: 'Afspraak bevestigd / Appointment confirmed',
    text: 'Je afspraak is bevestigd. Het agendabestand kun je hier downloaden:\n\nYour appointment has been confirmed. Download the calendar file here:',
  },
};

/**
 * Sends a content-free notice when the reporter left an address: it says that something
 * happened, never what the case is about. A failure to send is logged with ids only and
 * never undoes the change that caused it.
 */
export async function notifyReporter(
  deps: { db: Db; mailer: Mailer },
  sealer: SealedCase,
  kind: NoticeKind,
  opts: { link?: string; logger?: Logger } = {},
): Promise<boolean> {
  const row = await deps.db
    .selectFrom('reporter_notification')
    .select('email')
    .where('case_id', '=', sealer.id)
    .executeTakeFirst();
  if (!row) return false;
  const notice = NOTICES[kind];
  try {
    await deps.mailer.send({
      to: sealer.openText(row.email, 'notification-email'),
      subject: notice.subject,
      text: opts.link ? `${notice.text}\n${opts.link}\n` : notice.text,
    });
  } catch (err) {
    opts.logger?.warn(
      { caseId: sealer.id, kind, err: (err as Error).name },
      'notification not sent',
    );
    return false;
  }
  await deps.db.transaction().execute((trx) =>
    recordAudit(trx, {
      type: 'NOTIFICATION_SENT',
      actor: { kind: 'system' },
      teamId: sealer.teamId,
      caseId: sealer.id,
      detail: { kind },
    }),
  );
  return true;
}

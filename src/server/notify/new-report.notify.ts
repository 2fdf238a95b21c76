import type { Deps } from '../bootstrap.js';
import { institutionBaseUrlOfCase } from '../tenancy/institution-url.js';
import { createLogger, type Logger } from '../logger.js';
import { renderMail } from '../mail/mail.templates.js';
import { recordAudit } from '../audit/audit.service.js';
import { claimNewReportNotice, listNewReportRecipients } from './new-report.queries.js';

let fallbackLogger: Logger | undefined;

/**
 * After a new report is committed: a content-free e-mail (in each recipient's language) to the
 * team's coordinators and advisers (only the chosen adviser when the reporter chose one),
 * linking to the inbox. Once per case and recipient: the notice key (deadline_reminder) is
 * claimed in the same transaction as the audit event and the send, so a retried submission
 * sends nothing new. Never fails the reporter's submission: a failed send is logged with a code
 * and the recipient's id only, and its claim rolls back. Returns the number of mails sent.
 */
export async function notifyNewReport(
  deps: Deps,
  caseId: string,
  logger?: Logger,
): Promise<number> {
  const log = logger ?? (fallbackLogger ??= createLogger(deps.config.logLevel));
  try {
    let sent = 0;
    for (const person of await listNewReportRecipients(deps.db, caseId)) {
      try {
        const done = await deps.db.transaction().execute(async (trx) => {
          if (!(await claimNewReportNotice(trx, caseId, person.id))) return false;
          await recordAudit(trx, {
            type: 'NEW_REPORT_NOTICE_SENT',
            actor: { kind: 'system' },
            teamId: person.team_id,
            caseId,
            detail: { recipientId: person.id },
          });
          const siteUrl = await institutionBaseUrlOfCase(trx, deps.config, caseId);
          await deps.mailer.send(
            renderMail('staffNotification', person.locale, person.email, {
              link: `${siteUrl}/cases`,
            }),
          );
          return true;
        });
        if (done) sent++;
      } catch (err) {
        log.warn(
          {
            code: 'NEW_REPORT_MAIL_FAILED',
            userId: person.id,
            caseId,
            errorCode: (err as { code?: string }).code ?? 'unknown',
          },
          'new-report notice not sent',
        );
      }
    }
    return sent;
  } catch (err) {
    log.warn(
      { code: 'NEW_REPORT_NOTIFY_FAILED', errorCode: (err as { code?: string }).code ?? 'unknown' },
      'new-report notices not sent',
    );
    return 0;
  }
}

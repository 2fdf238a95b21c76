import type { Deps } from '../bootstrap.js';
import { createLogger, type Logger } from '../logger.js';
import { renderMail } from '../mail/mail.templates.js';
import { findRecentIntakeCaseId } from '../intake/intake.service.js';
import { listNewReportRecipients } from './new-report.queries.js';

let fallbackLogger: Logger | undefined;

/**
 * After a new report is committed: a content-free e-mail (in each recipient's language) to the
 * team's confidential advisers and safety coordinators, linking to the inbox. Never fails the
 * reporter's submission: a failed send is logged with a code and the recipient's id only.
 * Returns the number of mails sent.
 */
export async function notifyNewReport(deps: Deps, idempotencyKey: string, logger?: Logger): Promise<number> {
  const log = logger ?? (fallbackLogger ??= createLogger(deps.config.logLevel));
  try {
    const caseId = await findRecentIntakeCaseId(deps.db, idempotencyKey);
    if (!caseId) return 0;
    let sent = 0;
    for (const person of await listNewReportRecipients(deps.db, caseId)) {
      try {
        await deps.mailer.send(renderMail('staffNotification', person.locale, person.email, { link: `${deps.config.baseUrl}/cases` }));
        sent++;
      } catch (err) {
        log.warn({ code: 'NEW_REPORT_MAIL_FAILED', userId: person.id, caseId, errorCode: (err as { code?: string }).code ?? 'unknown' }, 'new-report notice not sent');
      }
    }
    return sent;
  } catch (err) {
    log.warn({ code: 'NEW_REPORT_NOTIFY_FAILED', errorCode: (err as { code?: string }).code ?? 'unknown' }, 'new-report notices not sent');
    return 0;
  }
}

import type { Deps } from '../bootstrap.js';
import { institutionBaseUrlOfCase } from '../tenancy/institution-url.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Job } from '../jobs/job.js';
import { translator } from '../../i18n/i18n.js';
import { claimReassessReminder, listDueReassessments } from './risk.queries.js';

/**
 * Re-assessment reminders: when the date set on a case's latest risk assessment has come, its
 * adviser gets one content-free e-mail. The claim (reminder_sent_at) and the mail share a
 * transaction: a failed mail leaves the reminder for the next run; a claimed one is not sent
 * twice, also with several server processes.
 */
export async function sendReassessReminders(deps: Deps, now: Date): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  let sent = 0;
  for (const due of await listDueReassessments(deps.db, today)) {
    if (!due.email) continue;
    const email = due.email;
    const done = await deps.db.transaction().execute(async (trx) => {
      if (!(await claimReassessReminder(trx, due.id, now))) return false;
      await recordAudit(trx, {
        type: 'RISK_REASSESSMENT_REMINDED',
        actor: { kind: 'system' },
        teamId: due.team_id,
        caseId: due.case_id,
        detail: { assessmentId: due.id, dueOn: due.reassess_on },
      });
      const t = translator(due.locale ?? 'nl');
      const siteUrl = await institutionBaseUrlOfCase(trx, deps.config, due.case_id);
      await deps.mailer.send({
        to: email,
        subject: t('risk.mail.subject'),
        text: t('risk.mail.body', {
          reference: due.reference,
          date: due.reassess_on ?? '',
          url: `${siteUrl}/cases/${due.case_id}/risk`,
        }),
      });
      return true;
    });
    if (done) sent++;
  }
  return sent;
}

export const riskReassessJob: Job = {
  name: 'risk-reassessment-reminders',
  everyMinutes: 60,
  run: async (deps, now) => void (await sendReassessReminders(deps, now)),
};

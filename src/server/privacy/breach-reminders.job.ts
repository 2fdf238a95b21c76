import type { Deps } from '../bootstrap.js';
import { institutionBaseUrlOfUser } from '../tenancy/institution-url.js';
import { recordAudit } from '../audit/audit.service.js';
import { translator } from '../../i18n/i18n.js';
import type { Job } from '../jobs/job.js';
import { sendEach } from '../jobs/send-each.js';
import { formatLocalDateTime } from '../appointments/local-time.js';
import { breachDeadline, breachStage } from '../../domain/breach.js';
import {
  claimBreachReminder,
  listBreachRecipients,
  listUndecidedBreaches,
} from './breach.queries.js';

/**
 * Reminds of the 72-hour deadline of every breach whose AP decision is still open: when 48
 * and 12 hours are left, and once when it has passed (domain/breach.ts). Each (breach, stage,
 * recipient) is sent once, the way every reminder is (deadlines/remind-once.ts): the key is
 * claimed in deadline_reminder in the transaction that mails and audits it. Content-free: the
 * breach's number, the deadline and a link.
 */
export async function sendBreachReminders(deps: Deps, now: Date): Promise<number> {
  const due = [];
  for (const b of await listUndecidedBreaches(deps.db)) {
    const stage = breachStage(
      {
        foundAt: b.found_at,
        apNotifiedAt: b.ap_notified_at,
        apReason: b.ap_reason,
        closedAt: b.closed_at,
      },
      now,
    );
    if (!stage) continue;
    for (const r of await listBreachRecipients(deps.db, b.team_id, b.recorded_by))
      due.push({ breach: b, stage, recipient: r });
  }
  return sendEach(due, ({ breach: b, stage, recipient: r }) =>
    deps.db.transaction().execute(async (trx) => {
      const key = `breach_${stage}:${b.id}:${r.id}`;
      if (!(await claimBreachReminder(trx, { key, kind: `breach_${stage}`, recipientId: r.id })))
        return false;
      const t = translator(r.locale);
      const siteUrl = await institutionBaseUrlOfUser(trx, deps.config, r.id);
      const vars = {
        number: b.seq,
        team: r.locale === 'en' ? b.name_en : b.name_nl,
        deadline: formatLocalDateTime(breachDeadline(b.found_at), r.locale),
        url: `${siteUrl}/team/breaches/${b.id}?team=${b.team_id}`,
      };
      await deps.mailer.send({
        to: r.email,
        subject: t(
          stage === 'overdue' ? 'breach.mail.subjectOverdue' : 'breach.mail.subject',
          vars,
        ),
        text: t(stage === 'overdue' ? 'breach.mail.bodyOverdue' : 'breach.mail.body', vars),
      });
      await recordAudit(trx, {
        type: 'BREACH_REMINDER_SENT',
        actor: { kind: 'system' },
        teamId: b.team_id,
        detail: { breachId: b.id, stage, recipientId: r.id },
      });
      return true;
    }),
  );
}

export const breachRemindersJob: Job = {
  name: 'breach-reminders',
  everyMinutes: 15,
  run: async (deps, now) => void (await sendBreachReminders(deps, now)),
};
